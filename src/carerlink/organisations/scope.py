"""One organisation scope: what every organisation-level call needs, resolved once per request or job.

A request's scope is built by one Litestar dependency (``web/deps.py``); a job or the CLI builds one
with ``open_scope``. It carries the database session, who is acting, the instant the call happens at,
and the organisation named by the path with its settings, loaded once. Services take it first and ask
it to check a policy (``require``), write to the audit log (``audit``) and tell a person something
(``notify``), so nobody passes the same five values down every call or loads the organisation twice.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.actor import Actor, Role, no_such
from carerlink.audit import service as audit
from carerlink.errors import DomainError, NotAuthenticated, NotFound
from carerlink.i18n import _
from carerlink.notifications import service as notifications
from carerlink.notifications.kinds import Kind
from carerlink.organisations.models import Organisation
from carerlink.organisations.schemas import OrganisationSettings

NIL = uuid.UUID(int=0)
# Slugs and UUIDs only: nothing else named in a path reaches the database.
_REF = re.compile(r"[a-z0-9-]{1,60}")

Policy = Callable[[Actor, uuid.UUID], bool]


@dataclass(frozen=True, slots=True)
class Scope:
    """Session, actor, now and the organisation (with its settings) one call runs in."""

    session: AsyncSession
    actor: Actor
    now: datetime
    organisation: Organisation | None = None
    settings: OrganisationSettings = field(default_factory=OrganisationSettings)

    @property
    def organisation_id(self) -> uuid.UUID:
        """The organisation's id; the nil id when the path named none that exists."""
        return self.organisation.id if self.organisation is not None else NIL

    def refusal(self, message: str, *, what: str = "organisation") -> DomainError:
        """The error for an action refused here: 401 anonymous, 403 a member, 404 anyone else."""
        return self.actor.refusal(self.organisation_id, message, what=what)

    def require(self, allowed: Policy | bool, message: str, *, what: str = "organisation") -> Organisation:
        """The organisation, when ``allowed`` (a policy of ``(actor, organisation_id)``, or its answer) holds.

        Nobody signed in gets 401; an unknown organisation or a stranger to it 404 (a stranger cannot
        learn it exists); a member the policy refuses 403 with ``message``.
        """
        if self.actor.is_anonymous:
            raise NotAuthenticated(_("Please sign in to continue."))
        organisation = self.organisation
        if organisation is None or not (self.actor.is_system or self.actor.is_member(organisation.id)):
            raise NotFound(no_such(what))
        granted = allowed(self.actor, organisation.id) if callable(allowed) else allowed
        if not granted:
            raise self.refusal(message, what=what)
        return organisation

    async def within(self, organisation_id: uuid.UUID) -> Scope:
        """The same call in the organisation a record belongs to (for routes whose path names none)."""
        if self.organisation is not None and self.organisation.id == organisation_id:
            return self
        return await open_scope(
            self.session,
            actor=self.actor,
            now=self.now,
            organisation_id=organisation_id,
        )

    async def audit(
        self,
        action: str,
        *,
        subject_user_id: uuid.UUID | None = None,
        object_type: str | None = None,
        object_id: uuid.UUID | None = None,
        details: dict[str, Any] | None = None,
        keep: bool = False,
    ) -> None:
        """Append one entry to the audit log for this organisation (``keep``: it survives a rollback)."""
        await audit.record(
            self.session,
            actor=self.actor,
            action=action,
            now=self.now,
            organisation_id=self.organisation.id if self.organisation is not None else None,
            subject_user_id=subject_user_id,
            object_type=object_type,
            object_id=object_id,
            details=details,
            keep=keep,
        )

    async def notify(
        self,
        user_id: uuid.UUID,
        kind: type[Kind],
        data: dict[str, Any],
        *,
        dedupe_key: str,
        role: Role | None = None,
        hold_until: datetime | None = None,
    ) -> uuid.UUID | None:
        """Tell a member of this organisation something (``notifications.service.notify``)."""
        return await notifications.notify(
            self.session,
            user_id=user_id,
            kind=kind,
            data=data,
            dedupe_key=dedupe_key,
            now=self.now,
            organisation_id=self.organisation.id if self.organisation is not None else None,
            role=role,
            hold_until=hold_until,
        )


async def load_organisation(
    session: AsyncSession, *, organisation_id: uuid.UUID | None = None, ref: str | None = None
) -> Organisation | None:
    """The organisation with this id, or the one ``ref`` names by id or slug; ``None`` when none.

    The one place the id-or-slug rule of a path lives: the request scope, the CLI (through
    ``service.organisation_id_for``) and jobs all come here. Loading by id first looks in the session,
    so a scope opened for an organisation already loaded costs no query.
    """
    if organisation_id is not None:
        return await session.get(Organisation, organisation_id)
    if ref is None or not _REF.fullmatch(ref):
        return None
    try:
        by_id = uuid.UUID(ref)
    except ValueError:
        return await session.scalar(select(Organisation).where(Organisation.slug == ref))
    return await session.get(Organisation, by_id)


async def open_scope(
    session: AsyncSession,
    *,
    actor: Actor,
    now: datetime,
    organisation_id: uuid.UUID | None = None,
    ref: str | None = None,
) -> Scope:
    """The scope of a call in one organisation: the request dependency, jobs and the CLI all use this.

    It never raises: an organisation that does not exist leaves ``organisation`` empty, and the
    service's ``require`` answers 404 (an error while Litestar resolves dependencies would skip the
    transaction's clean-up).
    """
    organisation = await load_organisation(session, organisation_id=organisation_id, ref=ref)
    if organisation is None:
        return Scope(session=session, actor=actor, now=now)
    return Scope(
        session=session,
        actor=actor,
        now=now,
        organisation=organisation,
        settings=msgspec.convert(organisation.settings, OrganisationSettings),
    )
