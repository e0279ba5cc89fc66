"""Who looked: the organisation's audit log for its coordinators, and a person's own access log.

Both read ``audit_entries`` newest first, a page at a time, with an opaque cursor of the last entry's
(at, id). Nothing here changes an entry: the log is append-only (the database refuses an UPDATE since
migration 0018) and only the retention run deletes whole entries past their time.

A person's access log holds only entries about them made by someone else, and never one that could
reveal a safeguarding concern about them (object types in ``audit.service.WITHHELD_FROM_SUBJECT`` and
every ``concerns.`` action).
"""

from __future__ import annotations

import base64
import binascii
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Select, and_, not_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from carerlink.accounts.caller import Caller
from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.audit.models import AuditEntry
from carerlink.audit.service import WITHHELD_FROM_SUBJECT
from carerlink.errors import Invalid, NotAuthenticated
from carerlink.i18n import N_, _
from carerlink.organisations.models import Membership
from carerlink.organisations.scope import Scope
from carerlink.privacy import policy
from carerlink.privacy.audit_log.words import ACTION_GROUPS, action_words, possessive, your

MAX_LIMIT = 100
VIEWED = "privacy.audit.viewed"
_REFUSED = N_("Only coordinators read the audit log.")
# Never in a person's own access log: anything that could reveal a concern about them.
HIDDEN_PREFIXES = ("concerns.",)
_ROLE_ORDER = (Role.COORDINATOR, Role.BUDDY, Role.CARER)


@dataclass(frozen=True, slots=True)
class EntryView:
    """One entry with its people resolved and its action in plain words."""

    entry: AuditEntry
    actor_name: str | None
    actor_role: str | None
    subject_name: str | None
    words: str
    # How the person an entry is about reads who did it: a first name, or an erased person's whole
    # "Former coordinator" (its first word alone would read "Former").
    actor_first_name: str = "Someone at the centre"


@dataclass(frozen=True, slots=True)
class Page:
    """A page of entries, newest first; ``next_before`` continues with older ones (None: no more)."""

    entries: list[EntryView]
    next_before: str | None


# --- cursor and period -----------------------------------------------------------------------------


def encode_cursor(entry: AuditEntry) -> str:
    """The opaque cursor after ``entry``."""
    raw = f"{_utc(entry.at).isoformat()}|{entry.id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    """The (at, id) a cursor stands for; 422 naming ``before`` when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        at, _sep, entry_id = raw.partition("|")
        return _utc(datetime.fromisoformat(at)), uuid.UUID(entry_id)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise Invalid(_("This is not a page of the audit log."), field="before") from exc


def _utc(at: datetime) -> datetime:
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def parse_instant(value: str, *, field: str, zone: str, end: bool) -> datetime:
    """A date or an instant with its offset.

    A date ("2026-03-02") is the start of that day in the centre's zone (the start of the next day for
    ``end``, so "to" takes in the whole day).
    """
    text = value.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            if end:
                day += timedelta(days=1)
            return datetime.combine(day, time(0), tzinfo=ZoneInfo(zone)).astimezone(UTC)
        at = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise Invalid(_("Enter a date like 2026-03-02."), field=field) from exc
    if at.tzinfo is None:
        at = at.replace(tzinfo=ZoneInfo(zone))
    return at.astimezone(UTC)


def _page_query(query: Select[AuditEntry], *, before: str | None, limit: int) -> Select[AuditEntry]:
    q = query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit + 1)
    if before:
        at, entry_id = decode_cursor(before)
        q = q.where(or_(AuditEntry.at < at, and_(AuditEntry.at == at, AuditEntry.id < entry_id)))
    return q


def _limit(limit: int) -> int:
    if limit < 1 or limit > MAX_LIMIT:
        raise Invalid(_("Ask for 1 to {max_limit} entries.").format(max_limit=MAX_LIMIT), field="limit")
    return limit


# --- names and roles -------------------------------------------------------------------------------


async def _names(
    session: AsyncSession, user_ids: Iterable[uuid.UUID | None]
) -> tuple[dict[uuid.UUID, str], set[uuid.UUID]]:
    """Each person's display name, and which of them were erased."""
    wanted = {user_id for user_id in user_ids if user_id is not None}
    if not wanted:
        return {}, set()
    rows = (
        await session.execute(select(User.id, User.display_name, User.erased_at).where(User.id.in_(wanted)))
    ).all()
    return {user_id: name for user_id, name, _ in rows}, {user_id for user_id, _, at in rows if at}


async def _roles(
    session: AsyncSession, pairs: Iterable[tuple[uuid.UUID | None, uuid.UUID | None]]
) -> dict[tuple[uuid.UUID, uuid.UUID], str]:
    """The role each actor holds in the entry's organisation (coordinator first, when several)."""
    users = {user for user, org in pairs if user is not None and org is not None}
    if not users:
        return {}
    rows = await session.execute(
        select(Membership.user_id, Membership.organisation_id, Membership.role).where(
            Membership.user_id.in_(users)
        )
    )
    held: dict[tuple[uuid.UUID, uuid.UUID], set[Role]] = {}
    for user_id, organisation_id, role in rows.all():
        held.setdefault((user_id, organisation_id), set()).add(Role(role))
    return {key: next(r.value for r in _ROLE_ORDER if r in roles) for key, roles in held.items()}


async def _views(
    session: AsyncSession, entries: Sequence[AuditEntry], *, for_subject: bool
) -> list[EntryView]:
    names, erased = await _names(
        session, [e.actor_user_id for e in entries] + [e.subject_user_id for e in entries]
    )
    roles = await _roles(session, [(e.actor_user_id, e.organisation_id) for e in entries])
    views = []
    for e in entries:
        subject = names.get(e.subject_user_id) if e.subject_user_id else None
        whose = your() if for_subject else possessive(subject)
        role = (
            roles.get((e.actor_user_id, e.organisation_id)) if e.actor_user_id and e.organisation_id else None
        )
        views.append(
            EntryView(
                entry=e,
                actor_name=names.get(e.actor_user_id) if e.actor_user_id else None,
                actor_role=role,
                subject_name=subject,
                words=action_words(e.action, whose=whose),
                actor_first_name=(names.get(e.actor_user_id, "") if e.actor_user_id in erased else "")
                or first_name(names.get(e.actor_user_id) if e.actor_user_id else None),
            )
        )
    return views


def _page(views: list[EntryView], rows: Sequence[AuditEntry], limit: int) -> Page:
    more = len(rows) > limit
    return Page(entries=views[:limit], next_before=encode_cursor(rows[limit - 1]) if more else None)


# --- the organisation's audit log ------------------------------------------------------------------


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


async def organisation_log(
    scope: Scope,
    *,
    person: uuid.UUID | None = None,
    actor: uuid.UUID | None = None,
    action: str | None = None,
    from_: str | None = None,
    to: str | None = None,
    before: str | None = None,
    limit: int = 50,
) -> Page:
    """The organisation's entries, newest first, filtered (coordinators; the read is audited once)."""
    organisation = scope.require(policy.handles_rights, str(_REFUSED))
    limit = _limit(limit)
    query = select(AuditEntry).where(AuditEntry.organisation_id == organisation.id)
    if person is not None:
        query = query.where(AuditEntry.subject_user_id == person)
    if actor is not None:
        query = query.where(AuditEntry.actor_user_id == actor)
    if action:
        if action.endswith("."):
            query = query.where(AuditEntry.action.like(_escape_like(action) + "%", escape="\\"))
        else:
            query = query.where(AuditEntry.action == action)
    if from_:
        query = query.where(
            AuditEntry.at >= parse_instant(from_, field="from", zone=organisation.time_zone, end=False)
        )
    if to:
        query = query.where(
            AuditEntry.at < parse_instant(to, field="to", zone=organisation.time_zone, end=True)
        )
    rows = (await scope.session.scalars(_page_query(query, before=before, limit=limit))).all()
    views = await _views(scope.session, rows[:limit], for_subject=False)
    details: dict[str, str] = {}
    if actor is not None:
        details["actor"] = str(actor)
    if action and person is None:
        # Not with a person: the entry is about them, and their copy of their data lists it (a filter
        # such as "concerns." must never tell them what was looked for).
        details["action"] = action[:60]
    await scope.audit(VIEWED, subject_user_id=person, details=details)
    return _page(views, rows, limit)


def action_groups() -> list[tuple[str, str]]:
    """The groups a coordinator filters by: (prefix, words)."""
    return [(prefix, str(words)) for prefix, words in ACTION_GROUPS]


# --- a person's own access log ---------------------------------------------------------------------


def _shown_to_subject() -> ColumnElement[bool]:
    withheld = or_(AuditEntry.object_type.is_(None), AuditEntry.object_type.not_in(WITHHELD_FROM_SUBJECT))
    hidden = [AuditEntry.action.like(_escape_like(p) + "%", escape="\\") for p in HIDDEN_PREFIXES]
    # Belt and braces: no action naming a concern at all (a helper's "privacy.*.concern_*" say).
    hidden.append(AuditEntry.action.like("%concern%"))
    return and_(withheld, not_(or_(*hidden)))


async def my_access_log(caller: Caller, *, before: str | None = None, limit: int = 20) -> Page:
    """Entries about the signed-in person made by someone else, newest first; never a concern's."""
    if caller.actor.is_anonymous or caller.actor.user_id is None:
        raise NotAuthenticated(_("Please sign in to continue."))
    me = caller.actor.user_id
    assert policy.is_self(caller.actor, me)
    limit = _limit(limit)
    query = select(AuditEntry).where(
        AuditEntry.subject_user_id == me,
        AuditEntry.actor_user_id.is_not(None),
        AuditEntry.actor_user_id != me,
        _shown_to_subject(),
    )
    rows = (await caller.session.scalars(_page_query(query, before=before, limit=limit))).all()
    views = await _views(caller.session, rows[:limit], for_subject=True)
    return _page(views, rows, limit)


def first_name(name: str | None) -> str:
    """The first word of a name ("Morgan"), or "Someone at the centre"."""
    if not name:
        return "Someone at the centre"
    parts = name.split()
    return parts[0] if parts else name
