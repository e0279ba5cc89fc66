"""Who is acting: the person a session cookie belongs to, with their roles, and their own memberships."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import load_only

from carerlink import i18n
from carerlink.accounts import service as accounts
from carerlink.accounts.caller import Caller
from carerlink.accounts.models import AuthSession, User
from carerlink.actor import Actor, Grant, Role
from carerlink.errors import NotAllowed
from carerlink.i18n import _
from carerlink.kit.crypto import token_digest
from carerlink.organisations.models import Membership, MembershipStatus, Organisation

# Me, my memberships, my contact details, and my organisations' language offer while I have not chosen.
Me = tuple[User, Sequence[tuple[Membership, Organisation]], accounts.ContactDetails | None, str | None]


async def resolve_actor(
    session: AsyncSession, *, token: str, limits: accounts.SessionLimits, now: datetime
) -> Actor | None:
    """Who a session cookie belongs to, with their active roles, in one query (every request asks this).

    The session ends or slides as ``accounts.session_verdict`` says.
    """
    if not token or len(token) > 128:
        return None
    rows = (
        await session.execute(
            select(
                AuthSession.id,
                AuthSession.user_id,
                AuthSession.last_seen_at,
                AuthSession.expires_at,
                User.is_active,
                Membership.organisation_id,
                Membership.role,
                Membership.id,
            )
            .join(User, User.id == AuthSession.user_id)
            .outerjoin(
                Membership,
                (Membership.user_id == AuthSession.user_id) & (Membership.status == MembershipStatus.ACTIVE),
            )
            .where(AuthSession.token_digest == token_digest(token))
        )
    ).all()
    if not rows:
        return None
    session_id, user_id, last_seen_at, expires_at, is_active = rows[0][:5]
    verdict = accounts.session_verdict(last_seen_at, expires_at, is_active, limits, now)
    await accounts.slide_or_end(session, session_id=session_id, verdict=verdict, now=now)
    if verdict == "ended":
        return None
    grants = tuple(
        Grant(organisation_id=o, role=Role(r), membership_id=m) for *_, o, r, m in rows if o is not None
    )
    return Actor(user_id=user_id, session_id=session_id, grants=grants)


async def actor_for(session: AsyncSession, *, user_id: uuid.UUID, session_id: uuid.UUID | None) -> Actor:
    """Build the actor for a signed-in person from their active memberships."""
    rows = await session.execute(
        select(Membership.organisation_id, Membership.role, Membership.id).where(
            Membership.user_id == user_id, Membership.status == MembershipStatus.ACTIVE
        )
    )
    grants = tuple(Grant(organisation_id=o, role=Role(r), membership_id=m) for o, r, m in rows)
    return Actor(user_id=user_id, session_id=session_id, grants=grants)


async def memberships_of(
    session: AsyncSession, *, user_id: uuid.UUID
) -> Sequence[tuple[Membership, Organisation]]:
    """A person's memberships (any status) with their organisations."""
    rows = await session.execute(
        select(Membership, Organisation)
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .options(load_only(Organisation.id, Organisation.name, Organisation.slug))  # not the JSON settings
        .where(Membership.user_id == user_id)
        .order_by(Organisation.name, Membership.role)
    )
    return [(m, o) for m, o in rows.all()]


def _carer_of_any(memberships: Sequence[tuple[Membership, Organisation]]) -> bool:
    """A carer somewhere (an ended membership is no longer one): who may keep an emergency contact."""
    return any(m.role == Role.CARER and m.status != MembershipStatus.ENDED for m, _ in memberships)


async def describe_me(session: AsyncSession, *, actor: Actor) -> Me:
    """The signed-in person, their memberships, their number and (carers) their emergency contact."""
    user = await accounts.get_user_or_raise(session, user_id=actor.require_person())
    memberships = await memberships_of(session, user_id=user.id)
    # Anyone who was ever a carer may still have one on record, and reads it (and may remove it).
    contact = await accounts.contact_details(
        session, user=user, with_emergency_contact=any(m.role == Role.CARER for m, _ in memberships)
    )
    offer = None if user.locale_chosen else await language_offer(session, user_id=user.id)
    return user, memberships, contact, offer


async def language_offer(session: AsyncSession, *, user_id: uuid.UUID) -> str | None:
    """The language one of my organisations offers everyone first (issue 17: Welsh in Wales), or None."""
    rows = await session.execute(
        select(Organisation.settings)
        .join(Membership, Membership.organisation_id == Organisation.id)
        .where(Membership.user_id == user_id, Membership.status == MembershipStatus.ACTIVE)
        .order_by(Organisation.name)
    )
    for settings in rows.scalars():
        if offer := i18n.supported((settings or {}).get("language_offer")):
            return offer
    return None


async def language_of(session: AsyncSession, *, user: User) -> str:
    """The language of everything carerlink sends ``user`` (issue 17), whoever's action sends it."""
    if user.locale_chosen:
        return i18n.for_person(user.locale, chosen=True)
    return i18n.for_person(user.locale, chosen=False, offer=await language_offer(session, user_id=user.id))


async def describe_session(session: AsyncSession, *, actor: Actor) -> Me | None:
    """The signed-in person and their memberships, or None when nobody is signed in."""
    if actor.user_id is None:
        return None
    return await describe_me(session, actor=actor)


async def update_me(
    caller: Caller,
    *,
    display_name: str | msgspec.UnsetType = msgspec.UNSET,
    time_zone: str | msgspec.UnsetType = msgspec.UNSET,
    locale: str | msgspec.UnsetType = msgspec.UNSET,
    phone: str | msgspec.UnsetType | None = msgspec.UNSET,
    emergency_contact: accounts.ContactWrite | msgspec.UnsetType | None = msgspec.UNSET,
) -> Me:
    """Change my own details (``accounts.update_me``); me, my memberships and contact details as they now are.

    An emergency contact is for carers: anyone else sending one is refused (removing one is always fine).
    """
    if isinstance(emergency_contact, accounts.ContactWrite):
        mine = await memberships_of(caller.session, user_id=caller.actor.require_person())
        if not _carer_of_any(mine):
            raise NotAllowed(
                _("An emergency contact is kept for carers. Ask the centre if you need to give one."),
                field="emergency_contact",
            )
    await accounts.update_me(
        caller.session,
        actor=caller.actor,
        display_name=display_name,
        time_zone=time_zone,
        locale=locale,
        phone=phone,
        emergency_contact=emergency_contact,
        now=caller.now,
    )
    return await describe_me(caller.session, actor=caller.actor)
