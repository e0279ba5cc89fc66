"""Consents: what a person has agreed to in an organisation, giving and withdrawing it."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from carerlink import i18n
from carerlink.accounts.models import User
from carerlink.actor import Actor, Role
from carerlink.organisations.consents import CURRENT
from carerlink.organisations.models import Consent, ConsentKind, ConsentMethod


def consents_for(role: Role) -> list[tuple[ConsentKind, str, str, bool]]:
    """The consents an invitation asks for: (kind, version, text, required)."""
    wanted = [(ConsentKind.TERMS, True)]
    if role == Role.CARER:
        wanted.append((ConsentKind.HEALTH_DATA, False))
    return [(kind, *CURRENT[kind], required) for kind, required in wanted]


async def list_consents(session: AsyncSession, *, actor: Actor) -> Sequence[tuple[Consent, str | None]]:
    """The consents I have given, each with the name of whoever recorded it for me (issue 16), if anyone."""
    recorder = aliased(User)
    rows = await session.execute(
        select(Consent, recorder.display_name)
        .outerjoin(recorder, recorder.id == Consent.recorded_by_user_id)
        .where(Consent.user_id == actor.require_person())
        .order_by(Consent.given_at)
    )
    return [(consent, name) for consent, name in rows]


async def has_consent(
    session: AsyncSession, *, user_id: uuid.UUID, organisation_id: uuid.UUID, kind: ConsentKind
) -> bool:
    """Whether a person currently consents to ``kind`` in an organisation."""
    found = await session.scalar(
        select(Consent.id).where(
            Consent.user_id == user_id,
            Consent.organisation_id == organisation_id,
            Consent.kind == kind,
            Consent.withdrawn_at.is_(None),
        )
    )
    return found is not None


async def consenting_users(
    session: AsyncSession,
    *,
    organisation_id: uuid.UUID,
    user_ids: Collection[uuid.UUID] | None,
    kind: ConsentKind,
) -> set[uuid.UUID]:
    """Which of ``user_ids`` (``None``: anyone) currently consent to ``kind`` in an organisation."""
    if user_ids is not None and not user_ids:
        return set()
    query = select(Consent.user_id).where(
        Consent.organisation_id == organisation_id,
        Consent.kind == kind,
        Consent.withdrawn_at.is_(None),
    )
    if user_ids is not None:
        query = query.where(Consent.user_id.in_(list(user_ids)))
    return set((await session.scalars(query)).all())


async def current_consent(
    session: AsyncSession, *, user_id: uuid.UUID, organisation_id: uuid.UUID, kind: ConsentKind
) -> Consent | None:
    """The consent of ``kind`` a person currently gives in an organisation, if any."""
    return await session.scalar(
        select(Consent)
        .where(
            Consent.user_id == user_id,
            Consent.organisation_id == organisation_id,
            Consent.kind == kind,
            Consent.withdrawn_at.is_(None),
        )
        .order_by(Consent.given_at.desc())
        .limit(1)
    )


async def give_consent(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    organisation_id: uuid.UUID,
    kind: ConsentKind,
    now: datetime,
    given_at: datetime | None = None,
    method: ConsentMethod = ConsentMethod.IN_APP,
    recorded_by_user_id: uuid.UUID | None = None,
    taken_by_name: str | None = None,
) -> Consent:
    """Record that a person agrees to the current words of ``kind`` (kept as it is if already given).

    ``method`` and ``recorded_by_user_id`` say how (issue 16): a coordinator reading the words to them
    (``VERBAL``) or bringing in a consent recorded before carerlink (``IMPORTED``, ``given_at`` the day it
    was given, ``taken_by_name`` whoever took it then). ``given_at`` defaults to ``now``.
    """
    existing = await current_consent(session, user_id=user_id, organisation_id=organisation_id, kind=kind)
    if existing is not None and existing.version == CURRENT[kind][0]:
        return existing
    if existing is not None:
        existing.withdrawn_at = now  # replaced by agreement to the current words
    consent = Consent(
        user_id=user_id,
        organisation_id=organisation_id,
        kind=kind,
        version=CURRENT[kind][0],
        given_at=given_at or now,
        method=method,
        recorded_by_user_id=recorded_by_user_id,
        taken_by_name=taken_by_name,
        # The words were read in the language of this request (issue 17): the app's, or the one a
        # coordinator read them in. An imported consent's were read before carerlink, in a language
        # nobody recorded: not the confirming coordinator's, so unknown.
        locale=None if method == ConsentMethod.IMPORTED else i18n.current(),
    )
    session.add(consent)
    await session.flush()
    return consent


async def withdraw_consent(
    session: AsyncSession, *, user_id: uuid.UUID, organisation_id: uuid.UUID, kind: ConsentKind, now: datetime
) -> bool:
    """Withdraw every current consent of ``kind``; whether there was one to withdraw."""
    consents = (
        await session.scalars(
            select(Consent).where(
                Consent.user_id == user_id,
                Consent.organisation_id == organisation_id,
                Consent.kind == kind,
                Consent.withdrawn_at.is_(None),
            )
        )
    ).all()
    for consent in consents:
        consent.withdrawn_at = now
    return bool(consents)
