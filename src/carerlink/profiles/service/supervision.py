"""Buddies are never the safety net alone (issue 13): debriefs a buddy asks for, and supervision.

A buddy asks to talk something through (``ask_for_debrief``); the request waits on the coordinators'
attention list until one takes it up (``take_up_debrief``, or recording a session with the buddy),
and the buddy sees who took it up and when. Coordinators record supervision and debrief sessions per
buddy; their notes are private to coordinators (every read audited) and the buddy sees only that
sessions happened. Each approved buddy should have supervision every ``supervision_every_weeks``
(an organisation setting): counted from the last supervision or group supervision, or from their
approval when there has been none; past that date they are overdue on the buddies list and the
attention list until a session is recorded. A debrief is about one thing that happened and does not
stand in for regular supervision.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.exc import IntegrityError

from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.errors import Conflict, Invalid, NotFound
from carerlink.i18n import N_, _
from carerlink.notifications import kinds
from carerlink.notifications import service as notifications
from carerlink.organisations import service as organisations
from carerlink.organisations.models import Membership, Organisation
from carerlink.organisations.scope import Scope
from carerlink.profiles import policy
from carerlink.profiles.models import (
    BuddyDecision,
    DebriefRequest,
    DebriefUrgency,
    DecisionKind,
    SessionKind,
    SupervisionSession,
)
from carerlink.profiles.schemas import DebriefCreate, DebriefSessionCreate, SupervisionSessionCreate
from carerlink.profiles.service._common import member, organisation_today, own_membership
from carerlink.profiles.service.buddy_screening import BuddyScreening, active_buddies, list_buddies

COORDINATORS_ONLY = N_("Only coordinators can do that.")
BUDDIES_ONLY = N_("Only buddies can ask to talk something through.")
# The kinds that count as supervision; a debrief is about one thing and does not replace it.
SUPERVISION_KINDS = (SessionKind.SUPERVISION, SessionKind.GROUP_SUPERVISION)
_LIMIT = 500


@dataclass(frozen=True, slots=True)
class SupervisionStatus:
    """Where one buddy stands on supervision (``due_on`` only for an approved buddy)."""

    approved_on: date | None
    last_supervised_on: date | None
    due_on: date | None
    overdue: bool


@dataclass(frozen=True, slots=True)
class DebriefView:
    """A debrief request as one viewer may see it (``for_coordinator``: with the coordinators' record)."""

    request: DebriefRequest
    buddy_name: str
    taken_up_by_name: str | None
    session_held_on: date | None
    for_coordinator: bool


@dataclass(frozen=True, slots=True)
class SessionView:
    """A recorded session with who recorded it (coordinators only: it carries the notes)."""

    session: SupervisionSession
    recorded_by_name: str | None


@dataclass(frozen=True, slots=True)
class BuddySupervision:
    """A buddy's supervision as coordinators see it."""

    membership_id: uuid.UUID
    display_name: str
    every_weeks: int
    status: SupervisionStatus
    sessions: list[SessionView]
    open_debriefs: list[DebriefView]


@dataclass(frozen=True, slots=True)
class MySession:
    """A session as the buddy sees it: that it happened, never the notes."""

    kind: SessionKind
    held_on: date
    duration_minutes: int


@dataclass(frozen=True, slots=True)
class MySupervision:
    """My supervision as a buddy: the last supervision and every session (no notes)."""

    last_supervised_on: date | None
    sessions: list[MySession]


@dataclass(frozen=True, slots=True)
class OverdueBuddy:
    """An approved, active buddy whose supervision is overdue (the coordinators' attention list)."""

    membership_id: uuid.UUID
    user_id: uuid.UUID
    display_name: str
    status: SupervisionStatus
    overdue_since: datetime  # the start of the first day past the due date, at the organisation


def status_of(
    *, approved_on: date | None, last_supervised_on: date | None, every_weeks: int, today: date
) -> SupervisionStatus:
    """When supervision is next due and whether it is overdue (pure; approved buddies only are due)."""
    if approved_on is None:
        return SupervisionStatus(None, last_supervised_on, None, False)
    since = max(approved_on, last_supervised_on) if last_supervised_on else approved_on
    due_on = since + timedelta(weeks=every_weeks)
    return SupervisionStatus(approved_on, last_supervised_on, due_on, today > due_on)


async def statuses(
    scope: Scope, membership_ids: Sequence[uuid.UUID] | None = None
) -> dict[uuid.UUID, SupervisionStatus]:
    """Supervision of many buddies of the scope's organisation in two queries (``None``: every buddy).

    No permission check: callers' job.
    """
    assert scope.organisation is not None  # callers have passed scope.require
    organisation = scope.organisation
    zone = ZoneInfo(organisation.time_zone)
    if membership_ids is not None and len(membership_ids) <= _LIMIT:
        mine = list(membership_ids)
        decision_filter: ColumnElement[bool] = BuddyDecision.membership_id.in_(mine)
        session_filter: ColumnElement[bool] = SupervisionSession.membership_id.in_(mine)
    else:
        decision_filter = BuddyDecision.membership_id.in_(
            select(Membership.id).where(
                Membership.organisation_id == organisation.id, Membership.role == Role.BUDDY
            )
        )
        session_filter = SupervisionSession.organisation_id == organisation.id
    approvals: dict[uuid.UUID, date | None] = {}
    for membership_id, granted, decided_at in await scope.session.execute(
        select(BuddyDecision.membership_id, BuddyDecision.granted, BuddyDecision.decided_at)
        .where(decision_filter, BuddyDecision.kind == DecisionKind.APPROVAL)
        .order_by(BuddyDecision.sequence)
    ):
        approvals[membership_id] = decided_at.astimezone(zone).date() if granted else None  # latest wins
    last: dict[uuid.UUID, date] = {
        membership_id: held_on
        for membership_id, held_on in await scope.session.execute(
            select(SupervisionSession.membership_id, func.max(SupervisionSession.held_on))
            .where(session_filter, SupervisionSession.kind.in_(SUPERVISION_KINDS))
            .group_by(SupervisionSession.membership_id)
        )
    }
    today = organisation_today(organisation, scope.now)
    every = scope.settings.supervision_every_weeks
    ids: Iterable[uuid.UUID] = membership_ids if membership_ids is not None else {*approvals, *last}
    return {
        membership_id: status_of(
            approved_on=approvals.get(membership_id),
            last_supervised_on=last.get(membership_id),
            every_weeks=every,
            today=today,
        )
        for membership_id in ids
    }


async def list_buddies_with_supervision(scope: Scope) -> list[tuple[BuddyScreening, SupervisionStatus]]:
    """The coordinators' buddies list: each active buddy's screening and supervision."""
    buddies = await list_buddies(scope)
    found = await statuses(scope, [b.membership.id for b in buddies])
    return [(b, found[b.membership.id]) for b in buddies]


async def overdue_buddies(scope: Scope) -> list[OverdueBuddy]:
    """Approved, active buddies whose supervision is overdue, longest overdue first (coordinators)."""
    organisation = scope.require(policy.can_supervise, str(COORDINATORS_ONLY))
    buddies = await active_buddies(scope.session, organisation_id=organisation.id)
    found = await statuses(scope, [b.id for b, _ in buddies])
    zone = ZoneInfo(organisation.time_zone)
    overdue = []
    for buddy, name in buddies:
        status = found[buddy.id]
        if status.overdue and status.due_on is not None:
            since = datetime.combine(status.due_on + timedelta(days=1), time(0), zone)
            overdue.append(OverdueBuddy(buddy.id, buddy.user_id, name, status, since))
    return sorted(overdue, key=lambda o: (o.overdue_since, o.display_name))


async def _names(scope: Scope, user_ids: Iterable[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    wanted = {u for u in user_ids if u is not None}
    if not wanted:
        return {}
    rows = await scope.session.execute(select(User.id, User.display_name).where(User.id.in_(wanted)))
    return {user_id: name for user_id, name in rows}


async def _views(
    scope: Scope, requests: Sequence[DebriefRequest], *, for_coordinator: bool
) -> list[DebriefView]:
    names = await _names(scope, [u for r in requests for u in (r.user_id, r.taken_up_by_user_id)])
    session_ids = [r.session_id for r in requests if r.session_id is not None]
    held: dict[uuid.UUID, date] = {}
    if session_ids:
        held = {
            session_id: held_on
            for session_id, held_on in await scope.session.execute(
                select(SupervisionSession.id, SupervisionSession.held_on).where(
                    SupervisionSession.id.in_(session_ids)
                )
            )
        }
    return [
        DebriefView(
            request=r,
            buddy_name=names.get(r.user_id, ""),
            taken_up_by_name=names.get(r.taken_up_by_user_id) if r.taken_up_by_user_id else None,
            session_held_on=held.get(r.session_id) if r.session_id else None,
            for_coordinator=for_coordinator,
        )
        for r in requests
    ]


async def ask_for_debrief(scope: Scope, *, data: DebriefCreate, idempotency_key: str | None) -> DebriefView:
    """A buddy asks to talk something through; every coordinator is told (never the note).

    A retry with the same ``Idempotency-Key`` returns the first request. While an ask at least as
    urgent is still open, a new one is listed but the coordinators are not told again.
    """
    organisation = scope.require(policy.can_ask_for_debrief, str(BUDDIES_ONLY))
    membership_id = scope.actor.membership_id(organisation.id, Role.BUDDY)
    assert membership_id is not None  # the policy holds
    assert scope.actor.user_id is not None
    if idempotency_key:
        earlier = await _by_key(scope, membership_id, idempotency_key)
        if earlier is not None:
            return (await _views(scope, [earlier], for_coordinator=False))[0]
    request = DebriefRequest(
        organisation_id=organisation.id,
        membership_id=membership_id,
        user_id=scope.actor.user_id,
        urgency=data.urgency,
        note=data.note.strip(),
        idempotency_key=idempotency_key,
        asked_at=scope.now,
    )
    try:
        async with scope.session.begin_nested():
            scope.session.add(request)
    except IntegrityError:
        # The same request sent twice at once: the other one is it.
        earlier = await _by_key(scope, membership_id, idempotency_key or "")
        if earlier is None:
            raise
        return (await _views(scope, [earlier], for_coordinator=False))[0]
    await scope.audit(
        "profiles.debrief.requested",
        subject_user_id=scope.actor.user_id,
        object_type="debrief_request",
        object_id=request.id,
        details={"urgency": data.urgency.value},
    )
    if await _already_asked(scope, request):
        # The coordinators know already: a second ask no sooner than an open one is listed, not sent again.
        return (await _views(scope, [request], for_coordinator=False))[0]
    buddy_name = await scope.session.scalar(select(User.display_name).where(User.id == scope.actor.user_id))
    for user_id in await organisations.coordinators_to_alert(
        scope.session, organisation_id=organisation.id, on_duty_only=False
    ):
        if user_id == scope.actor.user_id:
            continue  # a coordinator who is also a buddy here is not told of their own request
        await scope.notify(
            user_id,
            kinds.DebriefRequested,
            {"request_id": request.id, "buddy_name": buddy_name or "A buddy", "how_soon": data.urgency.value},
            dedupe_key=f"debrief:{request.id}",
            role=Role.COORDINATOR,
        )
    return (await _views(scope, [request], for_coordinator=False))[0]


async def _already_asked(scope: Scope, request: DebriefRequest) -> bool:
    """Whether the buddy has another ask still open that is at least as urgent as ``request``."""
    others = await scope.session.scalars(
        select(DebriefRequest.urgency).where(
            DebriefRequest.membership_id == request.membership_id,
            DebriefRequest.taken_up_at.is_(None),
            DebriefRequest.id != request.id,
        )
    )
    rank = list(DebriefUrgency)  # today, this week, whenever: most urgent first
    return any(rank.index(urgency) <= rank.index(request.urgency) for urgency in others)


async def _by_key(scope: Scope, membership_id: uuid.UUID, key: str) -> DebriefRequest | None:
    return await scope.session.scalar(
        select(DebriefRequest).where(
            DebriefRequest.membership_id == membership_id, DebriefRequest.idempotency_key == key
        )
    )


async def list_debriefs(scope: Scope) -> list[DebriefView]:
    """Coordinators: every request, open ones first, newest first. A buddy: their own, newest first."""
    organisation = scope.require(
        lambda actor, org: policy.can_supervise(actor, org) or policy.can_ask_for_debrief(actor, org),
        _("Only buddies and coordinators see asks to talk."),
    )
    query = select(DebriefRequest).where(DebriefRequest.organisation_id == organisation.id)
    coordinator = policy.can_supervise(scope.actor, organisation.id)
    if coordinator:
        query = query.order_by(DebriefRequest.taken_up_at.is_not(None), DebriefRequest.asked_at.desc())
    else:
        query = query.where(
            DebriefRequest.membership_id == scope.actor.membership_id(organisation.id, Role.BUDDY)
        ).order_by(DebriefRequest.asked_at.desc())
    requests = (await scope.session.scalars(query.limit(_LIMIT))).all()
    if coordinator and requests:
        await scope.audit("profiles.debriefs.listed", object_type="debrief_request")
    return await _views(scope, requests, for_coordinator=coordinator)


async def _request_or_raise(scope: Scope, request_id: uuid.UUID) -> DebriefRequest:
    request = await scope.session.get(DebriefRequest, request_id)
    if request is None or request.organisation_id != scope.organisation_id:
        raise NotFound(_("No such request."))
    return request


async def get_debrief(scope: Scope, *, request_id: uuid.UUID) -> DebriefView:
    """One request: the buddy who asked (while a buddy here) or a coordinator (the read is audited)."""
    organisation = scope.require(True, "", what="request")
    request = await _request_or_raise(scope, request_id)
    if not policy.can_read_debrief(scope.actor, organisation.id, buddy_membership_id=request.membership_id):
        raise scope.refusal(_("Only the buddy who asked and the coordinators see this."), what="request")
    coordinator = policy.can_supervise(scope.actor, organisation.id)
    if coordinator:
        await scope.audit(
            "profiles.debrief.viewed",
            subject_user_id=request.user_id,
            object_type="debrief_request",
            object_id=request.id,
        )
    return (await _views(scope, [request], for_coordinator=coordinator))[0]


async def take_up_debrief(
    scope: Scope, *, request_id: uuid.UUID, note: str = "", session: DebriefSessionCreate | None = None
) -> DebriefView:
    """A coordinator takes a request up (and may record the debrief itself); the buddy is told who."""
    organisation = scope.require(policy.can_supervise, str(COORDINATORS_ONLY))
    request = await _request_or_raise(scope, request_id)
    if request.taken_up_at is not None:
        raise Conflict(_("Another coordinator has already taken this up."))
    held: SupervisionSession | None = None
    if session is not None:
        held = await _add_session(
            scope,
            organisation,
            request.membership_id,
            SupervisionSessionCreate(
                kind=SessionKind.DEBRIEF,
                held_on=session.held_on,
                duration_minutes=session.duration_minutes,
                notes=session.notes,
            ),
            field_prefix="session.",
        )
    if not await _take_up(scope, [request], note=note, session=held):
        raise Conflict(_("Another coordinator has already taken this up."))
    return (await _views(scope, [request], for_coordinator=True))[0]


async def _take_up(
    scope: Scope, requests: Sequence[DebriefRequest], *, note: str, session: SupervisionSession | None
) -> list[DebriefRequest]:
    """Mark requests taken up by this coordinator, tell each buddy, take back the coordinators' pushes.

    A guarded ``UPDATE`` so two coordinators can never both take up the same ask; returns those taken
    up here (an ask another coordinator took up at the same moment is left as they recorded it).
    """
    coordinator_name = (
        await scope.session.scalar(select(User.display_name).where(User.id == scope.actor.user_id))
        if scope.actor.user_id
        else None
    )
    taken = []
    for request in requests:
        claimed = await scope.session.execute(
            update(DebriefRequest)
            .where(DebriefRequest.id == request.id, DebriefRequest.taken_up_at.is_(None))
            .values(
                taken_up_at=scope.now,
                taken_up_by_user_id=scope.actor.user_id,
                taken_up_note=note.strip() or None,
                session_id=session.id if session is not None else None,
            )
            .execution_options(synchronize_session=False)
        )
        await scope.session.refresh(request)
        if not claimed.rowcount:  # type: ignore[attr-defined]
            continue
        taken.append(request)
        await scope.audit(
            "profiles.debrief.taken_up",
            subject_user_id=request.user_id,
            object_type="debrief_request",
            object_id=request.id,
            details={"with_session": session is not None},
        )
        key = f"debrief:{request.id}"
        for user_id in await notifications.recipients_of(
            scope.session, organisation_id=request.organisation_id, since=request.asked_at, dedupe_keys=[key]
        ):
            await notifications.withdraw(scope.session, user_id=user_id, dedupe_key=key, now=scope.now)
        await scope.notify(
            request.user_id,
            kinds.DebriefTakenUp,
            {"request_id": request.id, "coordinator_name": coordinator_name or "A coordinator"},
            dedupe_key=f"debrief-taken-up:{request.id}",
            role=Role.BUDDY,
        )
    return taken


async def open_debriefs(scope: Scope) -> list[DebriefView]:
    """Requests not yet taken up, oldest first, for the coordinators' attention list (coordinators)."""
    organisation = scope.require(policy.can_supervise, str(COORDINATORS_ONLY))
    requests = (
        await scope.session.scalars(
            select(DebriefRequest)
            .where(DebriefRequest.organisation_id == organisation.id, DebriefRequest.taken_up_at.is_(None))
            .order_by(DebriefRequest.asked_at, DebriefRequest.id)
            .limit(_LIMIT)
        )
    ).all()
    return await _views(scope, requests, for_coordinator=True)


async def _add_session(
    scope: Scope,
    organisation: Organisation,
    membership_id: uuid.UUID,
    data: SupervisionSessionCreate,
    *,
    field_prefix: str = "",
) -> SupervisionSession:
    if data.held_on > organisation_today(organisation, scope.now):
        raise Invalid(_("The date of the session can't be in the future."), field=f"{field_prefix}held_on")
    held = SupervisionSession(
        organisation_id=organisation.id,
        membership_id=membership_id,
        kind=data.kind,
        held_on=data.held_on,
        duration_minutes=data.duration_minutes,
        notes=data.notes.strip(),
        recorded_by_user_id=scope.actor.user_id,
        recorded_at=scope.now,
    )
    scope.session.add(held)
    await scope.session.flush()
    return held


async def _supervision_of(scope: Scope, membership: Membership, display_name: str) -> BuddySupervision:
    sessions = (
        await scope.session.scalars(
            select(SupervisionSession)
            .where(SupervisionSession.membership_id == membership.id)
            .order_by(SupervisionSession.held_on.desc(), SupervisionSession.recorded_at.desc())
            .limit(_LIMIT)
        )
    ).all()
    names = await _names(scope, [s.recorded_by_user_id for s in sessions])
    requests = (
        await scope.session.scalars(
            select(DebriefRequest)
            .where(DebriefRequest.membership_id == membership.id, DebriefRequest.taken_up_at.is_(None))
            .order_by(DebriefRequest.asked_at)
        )
    ).all()
    status = (await statuses(scope, [membership.id]))[membership.id]
    return BuddySupervision(
        membership_id=membership.id,
        display_name=display_name,
        every_weeks=scope.settings.supervision_every_weeks,
        status=status,
        sessions=[
            SessionView(s, names.get(s.recorded_by_user_id) if s.recorded_by_user_id else None)
            for s in sessions
        ],
        open_debriefs=await _views(scope, requests, for_coordinator=True),
    )


async def get_buddy_supervision(scope: Scope, *, membership_id: uuid.UUID) -> BuddySupervision:
    """A buddy's sessions with their private notes, and open requests to talk (coordinators; audited)."""
    scope.require(policy.can_supervise, str(COORDINATORS_ONLY))
    membership, user = await member(scope, membership_id, Role.BUDDY)
    await scope.audit(
        "profiles.supervision.viewed",
        subject_user_id=user.id,
        object_type="membership",
        object_id=membership.id,
    )
    return await _supervision_of(scope, membership, user.display_name)


async def record_session(
    scope: Scope, *, membership_id: uuid.UUID, data: SupervisionSessionCreate
) -> BuddySupervision:
    """Record a session with a buddy (coordinators).

    The buddy's requests to talk asked on or before the day of the session are taken up by it: they
    have been talked through.
    """
    organisation = scope.require(policy.can_supervise, str(COORDINATORS_ONLY))
    membership, user = await member(scope, membership_id, Role.BUDDY)
    held = await _add_session(scope, organisation, membership.id, data)
    zone = ZoneInfo(organisation.time_zone)
    open_requests = [
        r
        for r in (
            await scope.session.scalars(
                select(DebriefRequest).where(
                    DebriefRequest.membership_id == membership.id, DebriefRequest.taken_up_at.is_(None)
                )
            )
        ).all()
        if r.asked_at.astimezone(zone).date() <= data.held_on
    ]
    if open_requests:
        await _take_up(scope, open_requests, note="", session=held)
    await scope.audit(
        "profiles.supervision.recorded",
        subject_user_id=user.id,
        object_type="supervision_session",
        object_id=held.id,
        details={"kind": data.kind.value},
    )
    return await _supervision_of(scope, membership, user.display_name)


async def get_my_supervision(scope: Scope) -> MySupervision:
    """My sessions as a buddy, newest first: that they happened (dates and kinds), never the notes."""
    _, membership_id = own_membership(scope, Role.BUDDY)
    sessions = (
        await scope.session.scalars(
            select(SupervisionSession)
            .where(SupervisionSession.membership_id == membership_id)
            .order_by(SupervisionSession.held_on.desc(), SupervisionSession.recorded_at.desc())
            .limit(_LIMIT)
        )
    ).all()
    last = max((s.held_on for s in sessions if s.kind in SUPERVISION_KINDS), default=None)
    return MySupervision(last, [MySession(s.kind, s.held_on, s.duration_minutes) for s in sessions])
