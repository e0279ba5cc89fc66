"""Concerns: raise one (the crisis path at once when someone is at risk), handle it, escalate it once.

A buddy raises a concern about a carer they support (or the person that carer cares for); a coordinator
about any carer of the organisation. At risk right now, the on-duty coordinators are alerted like a
crisis alert (push and e-mail, quiet hours ignored) and the raiser gets the crisis lines back; otherwise
the coordinators are told and the concern has a response target in hours. Nobody acknowledges it by
its target: the safeguarding lead (or every coordinator) is told, exactly once.

A concern is never the carer's to see: nothing here returns one to them, the notifications name no
category and no text, and the audit entries are marked withheld from the carer's own access log.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts import service as accounts
from carerlink.accounts.models import User
from carerlink.accounts.phones import PhoneNumber
from carerlink.actor import Actor, Role
from carerlink.audit.service import WITHHELD_FROM_SUBJECT
from carerlink.checkins.models import CheckinOccurrence
from carerlink.concerns import policy
from carerlink.concerns.models import (
    CATEGORY_WORDS,
    OUTCOME_WORDS,
    Concern,
    ConcernAction,
    ConcernCategory,
    ConcernOutcome,
    ConcernStatus,
)
from carerlink.db import dialect_insert
from carerlink.errors import Conflict, Invalid, NotFound
from carerlink.i18n import N_, _
from carerlink.matching.models import Match, MatchStatus
from carerlink.notifications import kinds
from carerlink.notifications import service as notifications
from carerlink.organisations import service as organisations
from carerlink.organisations.models import Membership, MembershipStatus
from carerlink.organisations.policy import sees_phone_numbers
from carerlink.organisations.scope import Scope, open_scope
from carerlink.safeguarding import service as safeguarding

CALL_999 = N_("Call 999 if someone is in danger now.")
REQUESTS = uuid.UUID("0b6f4c1e-52a9-4a4e-8f0e-8f2b1f6f7a13")  # namespace of a concern's request id
_HANDLERS_ONLY = N_("Only coordinators handle concerns.")
# What the buddy who raised it reads: where it stands, never what was decided about the carer.
STATUS_WORDS = {
    ConcernStatus.OPEN: N_("Sent to the coordinators"),
    ConcernStatus.ACKNOWLEDGED: N_("A coordinator is looking at this"),
    ConcernStatus.CLOSED: N_("Handled"),
}
OBJECT_TYPE = "concern"  # in WITHHELD_FROM_SUBJECT: never in the carer's own access log or export
assert OBJECT_TYPE in WITHHELD_FROM_SUBJECT


@dataclass(frozen=True, slots=True)
class Raised:
    """The concern raised (or found already raised by a retry), and the crisis lines when at risk now."""

    concern: Concern
    crisis_lines: list[dict[str, Any]]


@dataclass(slots=True)
class ConcernView:
    """A concern as a coordinator sees it, with the names and the actions resolved."""

    concern: Concern
    carer_name: str
    raised_by_name: str | None
    acknowledged_by_name: str | None
    actions: list[tuple[ConcernAction, str | None]] = field(default_factory=list)
    detailed: bool = False
    # On the concern's own page only: whom to ring (coordinators always see these; issue 13).
    carer_phone: PhoneNumber | None = None
    emergency_contact: tuple[str, str, PhoneNumber] | None = None
    raised_by_phone: PhoneNumber | None = None


@dataclass(slots=True)
class MyConcernView:
    """A concern as the buddy who raised it sees it."""

    concern: Concern
    carer_name: str

    @property
    def status_words(self) -> str:
        """Where it stands, in the buddy's words."""
        return str(STATUS_WORDS[self.concern.status])


def category_words(category: ConcernCategory | str) -> str:
    """The plain-English name of a category."""
    return CATEGORY_WORDS[str(category)]


def outcome_words(outcome: ConcernOutcome | str | None) -> str | None:
    """The plain-English name of an outcome."""
    return OUTCOME_WORDS[str(outcome)] if outcome is not None else None


def _first(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else name


async def _names(session: AsyncSession, user_ids: Iterable[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    wanted = {user_id for user_id in user_ids if user_id is not None}
    if not wanted:
        return {}
    rows = await session.execute(select(User.id, User.display_name).where(User.id.in_(wanted)))
    return {user_id: name for user_id, name in rows.all()}


# --- raising ---------------------------------------------------------------------------------------


async def _is_carer_there(session: AsyncSession, *, user_id: uuid.UUID, organisation_id: uuid.UUID) -> bool:
    found = await session.scalar(
        select(Membership.id).where(
            Membership.user_id == user_id,
            Membership.organisation_id == organisation_id,
            Membership.role == Role.CARER,
            Membership.status != MembershipStatus.ENDED,
        )
    )
    return found is not None


async def _pair(
    session: AsyncSession,
    *,
    organisation_id: uuid.UUID,
    carer_user_id: uuid.UUID,
    buddy_user_id: uuid.UUID | None,
) -> Match | None:
    """The carer's match with this buddy (any buddy when ``None``) that is still together, if any."""
    query = select(Match).where(
        Match.organisation_id == organisation_id,
        Match.carer_user_id == carer_user_id,
        Match.status.in_([s.value for s in policy.TOGETHER]),
    )
    if buddy_user_id is not None:
        query = query.where(Match.buddy_user_id == buddy_user_id)
    return await session.scalar(query.order_by(Match.created_at.desc()).limit(1))


async def _check_checkin(
    scope: Scope, *, checkin_id: uuid.UUID, carer_user_id: uuid.UUID, buddy_user_id: uuid.UUID | None
) -> None:
    """The check-in a concern arose from must be one of this pair's (of this carer's, for a coordinator)."""
    occurrence = await scope.session.get(CheckinOccurrence, checkin_id)
    if occurrence is None or occurrence.organisation_id != scope.organisation_id:
        raise NotFound(_("No such check-in."))
    if occurrence.carer_user_id != carer_user_id or (
        buddy_user_id is not None and occurrence.buddy_user_id != buddy_user_id
    ):
        raise Invalid(_("That check-in is not one of this carer's check-ins with you."), field="checkin_id")


async def raise_concern(
    scope: Scope,
    *,
    carer_user_id: uuid.UUID,
    category: str,
    at_risk_now: bool,
    what_happened: str,
    checkin_id: uuid.UUID | None,
    idempotency_key: str | None,
) -> Raised:
    """Raise a concern once per request (``Idempotency-Key``) and tell the coordinators.

    At risk right now: the on-duty coordinators (every coordinator when nobody is on duty) get an
    urgent push and an e-mail, and its target is the crisis acknowledgement time; the crisis lines come
    back to show at once. Otherwise every coordinator is told and the target is the organisation's
    ``concern_response_hours``.
    """
    session, actor = scope.session, scope.actor
    organisation = scope.require(policy.may_raise, _("Buddies and coordinators can raise concerns."))
    user_id = actor.require_person()
    as_coordinator = actor.has_role(organisation.id, Role.COORDINATOR)
    buddy_user_id = None if as_coordinator else user_id
    pair = await _pair(
        session, organisation_id=organisation.id, carer_user_id=carer_user_id, buddy_user_id=buddy_user_id
    )
    is_carer = as_coordinator and await _is_carer_there(
        session, user_id=carer_user_id, organisation_id=organisation.id
    )
    if as_coordinator and not is_carer:
        raise Invalid(_("No carer of this organisation has this id."), field="carer_user_id")
    allowed = policy.can_raise_about(
        actor,
        organisation.id,
        pair_status=MatchStatus(pair.status) if pair is not None else None,
        is_their_carer=is_carer,
    )
    if not allowed:
        raise scope.refusal(_("You can raise a concern about the carers you support."))
    if checkin_id is not None:
        await _check_checkin(
            scope, checkin_id=checkin_id, carer_user_id=carer_user_id, buddy_user_id=buddy_user_id
        )
    request_id = uuid.uuid5(REQUESTS, f"{user_id}:{idempotency_key or uuid.uuid4().hex}")
    now = scope.now
    target = (
        timedelta(minutes=scope.settings.checkins.crisis_ack_minutes)
        if at_risk_now
        else timedelta(hours=scope.settings.concern_response_hours)
    )
    table = Concern.__table__
    inserted = await session.execute(
        dialect_insert(session, table)
        .values(
            id=uuid.uuid4(),
            organisation_id=organisation.id,
            carer_user_id=carer_user_id,
            raised_by_user_id=user_id,
            raised_by_role=Role.COORDINATOR.value if as_coordinator else Role.BUDDY.value,
            match_id=pair.id if pair is not None else None,
            checkin_id=checkin_id,
            request_id=request_id,
            category=ConcernCategory(category).value,
            at_risk_now=at_risk_now,
            what_happened=what_happened.strip(),
            status=ConcernStatus.OPEN.value,
            raised_at=now,
            target_at=now + target,
        )
        .on_conflict_do_nothing(index_elements=[table.c.request_id])
        .returning(table.c.id)
    )
    new_id = inserted.scalar_one_or_none()
    concern = await session.scalar(select(Concern).where(Concern.request_id == request_id))
    assert concern is not None
    lines = safeguarding.crisis_lines(scope) if concern.at_risk_now else []
    if new_id is None:
        return Raised(concern, lines)  # a retry: everyone was told the first time
    await _tell_coordinators(scope, concern, exclude=user_id)
    await scope.audit(
        "concerns.raised",
        subject_user_id=carer_user_id,
        object_type=OBJECT_TYPE,
        object_id=concern.id,
        details={"at_risk_now": at_risk_now, "by": concern.raised_by_role},
    )
    return Raised(concern, lines)


async def _tell_coordinators(scope: Scope, concern: Concern, *, exclude: uuid.UUID) -> None:
    names = await _names(scope.session, [concern.carer_user_id])
    data = {"concern_id": concern.id, "carer_name": _first(names.get(concern.carer_user_id, "A carer"))}
    kind: type[kinds.Kind] = kinds.ConcernAtRiskNow if concern.at_risk_now else kinds.ConcernRaised
    coordinators = await organisations.coordinators_to_alert(
        scope.session, organisation_id=concern.organisation_id, on_duty_only=concern.at_risk_now
    )
    for coordinator_id in coordinators:
        if coordinator_id != exclude:
            await scope.notify(coordinator_id, kind, data, dedupe_key=f"concern:{concern.id}")


# --- reading ---------------------------------------------------------------------------------------


def _order(concerns: Sequence[Concern]) -> list[Concern]:
    """Open first (at risk now, then nearest target), then acknowledged, then closed (newest first)."""
    rank = {ConcernStatus.OPEN: 0, ConcernStatus.ACKNOWLEDGED: 1, ConcernStatus.CLOSED: 2}

    def key(concern: Concern) -> tuple[int, int, float]:
        status = ConcernStatus(concern.status)
        if status == ConcernStatus.CLOSED:
            return (2, 0, -concern.raised_at.timestamp())
        return (rank[status], 0 if concern.at_risk_now else 1, concern.target_at.timestamp())

    return sorted(concerns, key=key)


async def list_concerns(
    scope: Scope, *, status: str | None = None
) -> tuple[list[ConcernView], list[MyConcernView]]:
    """The queue (coordinators) and the concerns the caller raised as a buddy.

    ``status``: "open" (open or acknowledged) or "closed". Other buddies' concerns are never listed to a
    buddy, and a former buddy no longer lists those about a carer whose match has ended.
    """
    session, actor = scope.session, scope.actor
    organisation = scope.require(
        lambda a, o: policy.can_handle(a, o) or policy.lists_own(a, o),
        _("Buddies and coordinators see concerns."),
    )
    query = select(Concern).where(Concern.organisation_id == organisation.id)
    if status == "open":
        query = query.where(Concern.status != ConcernStatus.CLOSED)
    elif status == "closed":
        query = query.where(Concern.status == ConcernStatus.CLOSED)
    queue: list[ConcernView] = []
    if policy.can_handle(actor, organisation.id):
        # Not-closed ones first in the database too, so 200 of them never push an open one out.
        newest = query.order_by(Concern.status == ConcernStatus.CLOSED, Concern.raised_at.desc())
        found = _order((await session.scalars(newest.limit(200))).all())
        people = (
            [c.carer_user_id for c in found]
            + [c.raised_by_user_id for c in found]
            + [c.acknowledged_by_user_id for c in found]
        )
        names = await _names(session, people)
        # An erased person's kept name (issue 15), not "Former carer", on the safeguarding record.
        names |= await safeguarding.retained_names(session, organisation_id=organisation.id, user_ids=people)
        queue = [_view(c, names) for c in found]
        if found:  # names and categories of carers' concerns were read (an empty list reveals nothing)
            await scope.audit("concerns.listed", object_type=OBJECT_TYPE, details={"count": len(found)})
    mine: list[MyConcernView] = []
    if policy.lists_own(actor, organisation.id) and actor.user_id is not None:
        own = (
            await session.scalars(
                query.join(Match, Match.id == Concern.match_id)
                .where(
                    Concern.raised_by_user_id == actor.user_id,
                    Concern.raised_by_role == Role.BUDDY.value,
                    Match.status.in_([s.value for s in policy.TOGETHER]),
                )
                .order_by(Concern.raised_at.desc())
                .limit(100)
            )
        ).all()
        names = await _names(session, [c.carer_user_id for c in own])
        mine = [
            MyConcernView(c, _first(names.get(c.carer_user_id, "")))
            for c in own
            if policy.raised_it(actor, c)
        ]
    return queue, mine


def _view(concern: Concern, names: dict[uuid.UUID, str]) -> ConcernView:
    def name(user_id: uuid.UUID | None) -> str | None:
        return names.get(user_id) if user_id is not None else None

    return ConcernView(
        concern=concern,
        carer_name=names.get(concern.carer_user_id, ""),
        raised_by_name=name(concern.raised_by_user_id),
        acknowledged_by_name=name(concern.acknowledged_by_user_id),
    )


async def _get_for_coordinator(scope: Scope, *, concern_id: uuid.UUID, lock: bool = False) -> Concern:
    organisation = scope.require(policy.can_handle, str(_HANDLERS_ONLY), what="concern")
    query = select(Concern).where(Concern.id == concern_id)
    if lock:
        query = query.with_for_update()
    concern = await scope.session.scalar(query)
    if concern is None or concern.organisation_id != organisation.id:
        raise NotFound(_("No such concern."))
    return concern


async def _detail(scope: Scope, concern: Concern) -> ConcernView:
    actions = (
        await scope.session.scalars(
            select(ConcernAction)
            .where(ConcernAction.concern_id == concern.id)
            .order_by(ConcernAction.recorded_at, ConcernAction.id)
        )
    ).all()
    named = [concern.carer_user_id, concern.raised_by_user_id, concern.acknowledged_by_user_id] + [
        a.recorded_by_user_id for a in actions
    ]
    names = await _names(scope.session, named)
    # An erased person's kept name (issue 15), not "Former carer", on the safeguarding record.
    names |= await safeguarding.retained_names(
        scope.session, organisation_id=concern.organisation_id, user_ids=named
    )
    view = _view(concern, names)
    view.actions = [(a, names.get(a.recorded_by_user_id) if a.recorded_by_user_id else None) for a in actions]
    view.detailed = True
    if sees_phone_numbers(scope.actor, concern.organisation_id):
        raiser = concern.raised_by_user_id
        people = {concern.carer_user_id} | ({raiser} if raiser else set())
        numbers = await accounts.phone_numbers(scope.session, user_ids=people)
        view.carer_phone = numbers.get(concern.carer_user_id)
        view.raised_by_phone = numbers.get(raiser) if raiser else None
        contacts = await accounts.emergency_contacts(scope.session, user_ids=[concern.carer_user_id])
        view.emergency_contact = contacts.get(concern.carer_user_id)
    return view


def _coordinators_keys(concern_id: uuid.UUID) -> list[str]:
    """The coordinators' notifications about a concern: raised (or at risk now), and past its target."""
    return [f"concern:{concern_id}", f"concern-escalated:{concern_id}"]


async def get_concern(scope: Scope, *, concern_id: uuid.UUID) -> ConcernView:
    """One concern with what happened and its actions (coordinators); every read is audited.

    The reader's own notifications about it are read now, however they got here (issue 13).
    """
    concern = await _get_for_coordinator(scope, concern_id=concern_id)
    await _audit(scope, "concerns.viewed", concern)
    if scope.actor.user_id is not None:
        await notifications.mark_read_for(
            scope.session,
            dedupe_keys=_coordinators_keys(concern.id),
            user_ids=[scope.actor.user_id],
            organisation_id=concern.organisation_id,
            now=scope.now,
        )
    return await _detail(scope, concern)


async def _audit(scope: Scope, action: str, concern: Concern, details: dict[str, Any] | None = None) -> None:
    await scope.audit(
        action,
        subject_user_id=concern.carer_user_id,
        object_type=OBJECT_TYPE,
        object_id=concern.id,
        details=details,
    )


# --- handling --------------------------------------------------------------------------------------


async def _take(scope: Scope, concern: Concern) -> bool:
    """Mark an open concern acknowledged by the caller (it stops the escalation); ``True`` if it was open."""
    if concern.status != ConcernStatus.OPEN:
        return False
    concern.status = ConcernStatus.ACKNOWLEDGED
    concern.acknowledged_at = scope.now
    concern.acknowledged_by_user_id = scope.actor.user_id
    # Someone has it: the other coordinators' "a concern has been raised" (and the lead's "past its
    # target") stop waiting unread for them (issue 13: what was true stops being shown).
    await notifications.mark_read_for(
        scope.session,
        dedupe_keys=_coordinators_keys(concern.id),
        organisation_id=concern.organisation_id,
        now=scope.now,
    )
    await _tell_raiser(scope, concern, closed=False)
    return True


async def _tell_raiser(scope: Scope, concern: Concern, *, closed: bool) -> None:
    """The buddy who raised it is told that it is being handled, or was: never what was decided."""
    if concern.raised_by_role != Role.BUDDY.value or concern.raised_by_user_id is None:
        return
    state = "closed" if closed else "acknowledged"
    await scope.notify(
        concern.raised_by_user_id,
        kinds.ConcernUpdate,
        {"concern_id": concern.id, "state": state},
        dedupe_key=f"concern-{state}:{concern.id}",
        role=Role.BUDDY,
    )


async def acknowledge(scope: Scope, *, concern_id: uuid.UUID) -> ConcernView:
    """A coordinator takes the concern: it stops the escalation, and the buddy is told it is being handled."""
    concern = await _get_for_coordinator(scope, concern_id=concern_id, lock=True)
    if concern.status == ConcernStatus.CLOSED:
        raise Conflict(_("This concern has been closed."))
    if not await _take(scope, concern):
        raise Conflict(_("Another coordinator has already acknowledged this concern."))
    await _audit(scope, "concerns.acknowledged", concern)
    return await _detail(scope, concern)


async def record_action(scope: Scope, *, concern_id: uuid.UUID, text: str) -> ConcernView:
    """Record something done about a concern (it acknowledges an open one)."""
    concern = await _get_for_coordinator(scope, concern_id=concern_id, lock=True)
    if concern.status == ConcernStatus.CLOSED:
        raise Conflict(_("This concern has been closed; its record can't change."))
    await _take(scope, concern)
    scope.session.add(
        ConcernAction(
            concern_id=concern.id,
            organisation_id=concern.organisation_id,
            recorded_by_user_id=scope.actor.user_id,
            recorded_at=scope.now,
            text=text.strip(),
        )
    )
    await scope.session.flush()
    await _audit(scope, "concerns.action_recorded", concern)
    return await _detail(scope, concern)


async def close(scope: Scope, *, concern_id: uuid.UUID, outcome: str, note: str) -> ConcernView:
    """Close a concern with its outcome; the buddy who raised it is told only that it was handled."""
    concern = await _get_for_coordinator(scope, concern_id=concern_id, lock=True)
    if concern.status == ConcernStatus.CLOSED:
        raise Conflict(_("This concern has already been closed."))
    await _take(scope, concern)
    concern.status = ConcernStatus.CLOSED
    concern.closed_at = scope.now
    concern.closed_by_user_id = scope.actor.user_id
    concern.outcome = ConcernOutcome(outcome)
    concern.outcome_note = note.strip() or None
    if concern.raised_by_user_id is not None:  # "being handled" is superseded by "handled"
        await notifications.mark_read_for(
            scope.session,
            dedupe_keys=[f"concern-acknowledged:{concern.id}"],
            user_ids=[concern.raised_by_user_id],
            organisation_id=concern.organisation_id,
            now=scope.now,
        )
    await _tell_raiser(scope, concern, closed=True)
    await _audit(scope, "concerns.closed", concern, {"outcome": outcome})
    return await _detail(scope, concern)


# --- escalation ------------------------------------------------------------------------------------


async def escalate_overdue(session: AsyncSession, *, now: datetime, limit: int = 100) -> int:
    """Tell the safeguarding lead (or every coordinator) about concerns nobody acknowledged by target, once.

    Each concern is claimed with ``UPDATE … WHERE escalated_at IS NULL`` (rows locked with SKIP LOCKED on
    PostgreSQL), so two workers never both tell the lead. Returns how many were escalated.
    """
    due = select(Concern).where(
        Concern.status == ConcernStatus.OPEN, Concern.escalated_at.is_(None), Concern.target_at <= now
    )
    if session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    concerns = (await session.scalars(due.order_by(Concern.target_at).limit(limit))).all()
    scopes: dict[uuid.UUID, Scope] = {}
    escalated = 0
    for concern in concerns:
        claimed = await session.execute(
            update(Concern)
            .where(
                Concern.id == concern.id, Concern.escalated_at.is_(None), Concern.status == ConcernStatus.OPEN
            )
            .values(escalated_at=now)
        )
        if not claimed.rowcount:  # type: ignore[attr-defined]
            continue
        if concern.organisation_id not in scopes:
            scopes[concern.organisation_id] = await open_scope(
                session, actor=Actor.system(), now=now, organisation_id=concern.organisation_id
            )
        await _escalate(scopes[concern.organisation_id], concern)
        escalated += 1
    return escalated


async def _escalate(scope: Scope, concern: Concern) -> None:
    """Tell the lead about one concern, or every coordinator when the lead can't be told."""
    lead = scope.settings.safeguarding_lead_user_id
    coordinators = await organisations.coordinators_to_alert(
        scope.session, organisation_id=concern.organisation_id, on_duty_only=False
    )
    to_lead = lead is not None and lead in coordinators
    recipients = [lead] if to_lead and lead is not None else coordinators
    names = await _names(scope.session, [concern.carer_user_id])
    data = {"concern_id": concern.id, "carer_name": _first(names.get(concern.carer_user_id, "A carer"))}
    for user_id in recipients:
        await scope.notify(
            user_id, kinds.ConcernPastTarget, data, dedupe_key=f"concern-escalated:{concern.id}"
        )
    await replace(scope, actor=Actor.system()).audit(
        "concerns.escalated",
        subject_user_id=concern.carer_user_id,
        object_type=OBJECT_TYPE,
        object_id=concern.id,
        details={"to": "safeguarding_lead" if to_lead else "all_coordinators"},
    )
