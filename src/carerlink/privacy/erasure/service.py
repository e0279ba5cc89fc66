"""Erasure requests: a person (or a coordinator for them) asks, a coordinator confirms (issue 15).

Confirming checks nothing is open first (a crisis alert nobody acknowledged, a call for help not dealt
with, a concern not closed, a debrief not taken up): then the request is paused with the reasons, and
nothing is erased until a coordinator confirms again once they are closed. Otherwise ``anonymise`` runs
in the request's transaction and the request stays as proof (counts, never content).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.checkins.models import CheckinOccurrence
from carerlink.concerns.models import Concern, ConcernStatus
from carerlink.errors import Conflict, NotAuthenticated, NotFound
from carerlink.i18n import N_, _
from carerlink.notifications import kinds
from carerlink.notifications import service as notifications
from carerlink.organisations import service as organisations
from carerlink.organisations.models import Membership, Organisation
from carerlink.organisations.scope import Scope
from carerlink.privacy import policy
from carerlink.privacy.catalogue import RULES
from carerlink.privacy.erasure.anonymise import Planned, anonymise, plan
from carerlink.privacy.models import ErasureRequest, ErasureState
from carerlink.profiles.models import DebriefRequest
from carerlink.safeguarding.models import AlertStatus, CrisisAlert

OPEN_STATES = (ErasureState.REQUESTED, ErasureState.PAUSED)
_COORDINATORS_ONLY = N_("Only the organisation's coordinators handle requests to be deleted.")
_NOT_YOURS = N_("Another coordinator confirms a request about you.")
# The section headings of a copy, by key (what the request's page lists).
SECTION_TITLES: dict[str, str] = {rule.section: rule.title for rule in RULES}

# Why a request waits, in plain words for coordinators (the person is told only that someone will be in
# touch: never that a concern exists).
REASON_WORDS = {
    "open_crisis_alert": N_("They asked for help and nobody has acknowledged it yet."),
    "help_requested": N_("They asked for help in a check-in and it has not been dealt with."),
    "open_concern": N_("A safeguarding concern about them is still open."),
    "open_debrief": N_("They asked to talk something through and nobody has taken it up yet."),
}
MY_WORDS = {
    ErasureState.REQUESTED: N_("Waiting for a coordinator to confirm it."),
    ErasureState.PAUSED: N_("A coordinator will be in touch with you about this."),
    ErasureState.DONE: N_("Done: your records here were deleted."),
    ErasureState.CANCELLED: N_("Cancelled: nothing was deleted."),
}


@dataclass(frozen=True, slots=True)
class Reason:
    """One open record holding an erasure: a code, plain words, and the record (for a link)."""

    code: str
    object_type: str
    object_id: uuid.UUID

    def as_json(self) -> dict[str, Any]:
        """As stored on the request."""
        return {"code": self.code, "object_type": self.object_type, "object_id": str(self.object_id)}


async def open_records(
    session: AsyncSession, *, user_id: uuid.UUID, organisation_id: uuid.UUID
) -> list[Reason]:
    """The open records about the person there that hold an erasure (see the module's words)."""
    reasons: list[Reason] = []
    alerts = await session.scalars(
        select(CrisisAlert.id).where(
            CrisisAlert.carer_user_id == user_id,
            CrisisAlert.organisation_id == organisation_id,
            CrisisAlert.status == AlertStatus.OPEN,
        )
    )
    reasons += [Reason("open_crisis_alert", "crisis_alert", i) for i in alerts]
    helped = exists().where(CrisisAlert.source_id == CheckinOccurrence.id)
    unanswered = await session.scalars(
        select(CheckinOccurrence.id).where(
            CheckinOccurrence.carer_user_id == user_id,
            CheckinOccurrence.organisation_id == organisation_id,
            CheckinOccurrence.needs_help.is_(True),
            ~helped,
        )
    )
    reasons += [Reason("help_requested", "checkin", i) for i in unanswered]
    concerns = await session.scalars(
        select(Concern.id).where(
            Concern.carer_user_id == user_id,
            Concern.organisation_id == organisation_id,
            Concern.status != ConcernStatus.CLOSED,
        )
    )
    reasons += [Reason("open_concern", "concern", i) for i in concerns]
    debriefs = await session.scalars(
        select(DebriefRequest.id).where(
            DebriefRequest.user_id == user_id,
            DebriefRequest.organisation_id == organisation_id,
            DebriefRequest.taken_up_at.is_(None),
        )
    )
    reasons += [Reason("open_debrief", "debrief_request", i) for i in debriefs]
    return reasons


# --- views -------------------------------------------------------------------------------------------


@dataclass(slots=True)
class ErasureView:
    """A request with who it is about and who acted (names as the accounts stand now)."""

    request: ErasureRequest
    person_name: str
    role: str | None
    requested_by_name: str | None
    decided_by_name: str | None
    organisation_name: str = ""
    planned: Planned | None = None
    safeguarding_years: int = 6


async def _names(session: AsyncSession, ids: set[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = await session.execute(select(User.id, User.display_name).where(User.id.in_(wanted)))
    return {i: name for i, name in rows.all()}


async def _roles(
    session: AsyncSession, organisation_id: uuid.UUID, ids: set[uuid.UUID]
) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    rows = await session.execute(
        select(Membership.user_id, Membership.role).where(
            Membership.organisation_id == organisation_id, Membership.user_id.in_(ids)
        )
    )
    found: dict[uuid.UUID, str] = {}
    for user_id, role in rows.all():
        if found.get(user_id) != Role.CARER.value:
            found[user_id] = role.value
    return found


async def _views(session: AsyncSession, requests: Sequence[ErasureRequest]) -> list[ErasureView]:
    names = await _names(
        session,
        {r.user_id for r in requests}
        | {r.requested_by_user_id for r in requests}
        | {r.decided_by_user_id for r in requests},
    )
    roles: dict[uuid.UUID, str] = {}
    for organisation_id in {r.organisation_id for r in requests}:
        roles |= await _roles(
            session, organisation_id, {r.user_id for r in requests if r.organisation_id == organisation_id}
        )
    orgs = (
        {
            o.id: o.name
            for o in await session.scalars(
                select(Organisation).where(Organisation.id.in_({r.organisation_id for r in requests}))
            )
        }
        if requests
        else {}
    )
    return [
        ErasureView(
            request=r,
            person_name=names.get(r.user_id, ""),
            role=roles.get(r.user_id),
            requested_by_name=names.get(r.requested_by_user_id) if r.requested_by_user_id else None,
            decided_by_name=names.get(r.decided_by_user_id) if r.decided_by_user_id else None,
            organisation_name=orgs.get(r.organisation_id, ""),
        )
        for r in requests
    ]


# --- asking ------------------------------------------------------------------------------------------


async def _open_request(
    session: AsyncSession, *, user_id: uuid.UUID, organisation_id: uuid.UUID
) -> ErasureRequest | None:
    return await session.scalar(
        select(ErasureRequest).where(
            ErasureRequest.user_id == user_id,
            ErasureRequest.organisation_id == organisation_id,
            ErasureRequest.state.in_(OPEN_STATES),
        )
    )


async def has_open_request(session: AsyncSession, *, user_id: uuid.UUID, organisation_id: uuid.UUID) -> bool:
    """Whether the person's request to be deleted there waits for a coordinator (retention leaves them)."""
    return await _open_request(session, user_id=user_id, organisation_id=organisation_id) is not None


async def is_erased_there(session: AsyncSession, *, user_id: uuid.UUID, organisation_id: uuid.UUID) -> bool:
    """Whether the person was already erased from the organisation's records (on request or by retention)."""
    found = await session.scalar(
        select(ErasureRequest.id).where(
            ErasureRequest.user_id == user_id,
            ErasureRequest.organisation_id == organisation_id,
            ErasureRequest.state == ErasureState.DONE,
        )
    )
    return found is not None


async def _create(scope: Scope, *, user_id: uuid.UUID) -> ErasureRequest:
    existing = await _open_request(scope.session, user_id=user_id, organisation_id=scope.organisation_id)
    if existing is not None:
        return existing  # asking twice is asking once
    request = ErasureRequest(
        user_id=user_id,
        organisation_id=scope.organisation_id,
        requested_by_user_id=scope.actor.user_id,
        requested_at=scope.now,
        state=ErasureState.REQUESTED,
        paused_reasons=[],
        result={},
    )
    request.created_at = scope.now
    scope.session.add(request)
    await scope.session.flush()
    await scope.audit(
        "privacy.erasure.requested",
        subject_user_id=user_id,
        object_type="erasure_request",
        object_id=request.id,
        details={"by": "self" if scope.actor.user_id == user_id else "coordinator"},
    )
    coordinators = await organisations.coordinators_to_alert(
        scope.session, organisation_id=scope.organisation_id, on_duty_only=False
    )
    for coordinator in coordinators:
        if coordinator in (user_id, scope.actor.user_id):
            continue
        await scope.notify(
            coordinator,
            kinds.ErasureRequested,
            {"erasure_id": request.id},
            dedupe_key=f"erasure:{request.id}",
            role=Role.COORDINATOR,
        )
    return request


async def _only_organisation(scope: Scope) -> uuid.UUID:
    joined = scope.actor.organisations()
    if len(joined) != 1:
        raise NotFound(_("Say which organisation you want to be deleted from."))
    return next(iter(joined))


async def ask(scope: Scope, *, organisation_id: uuid.UUID | None) -> ErasureView:
    """The signed-in person asks to be deleted from an organisation's records (theirs, when only one)."""
    if scope.actor.is_anonymous:
        raise NotAuthenticated(_("Please sign in to continue."))
    user_id = scope.actor.require_person()
    organisation_id = organisation_id or await _only_organisation(scope)
    if not policy.may_ask_erasure(scope.actor, organisation_id):
        raise NotFound(_("No such organisation."))
    there = await scope.within(organisation_id)
    request = await _create(there, user_id=user_id)
    return (await _views(scope.session, [request]))[0]


async def ask_for_member(scope: Scope, *, membership_id: uuid.UUID) -> ErasureView:
    """A coordinator records that a member asked (by phone or in person) to be deleted."""
    organisation = scope.require(policy.handles_rights, str(_COORDINATORS_ONLY))
    membership = await scope.session.get(Membership, membership_id)
    if membership is None or membership.organisation_id != organisation.id:
        raise NotFound(_("No such member."))
    if not policy.may_confirm_erasure(scope.actor, organisation.id, membership.user_id):
        raise scope.refusal(str(_NOT_YOURS))
    request = await _create(scope, user_id=membership.user_id)
    return (await _views(scope.session, [request]))[0]


async def list_mine(scope: Scope) -> list[ErasureView]:
    """The signed-in person's own requests, newest first."""
    if scope.actor.is_anonymous:
        raise NotAuthenticated(_("Please sign in to continue."))
    user_id = scope.actor.require_person()
    requests = (
        await scope.session.scalars(
            select(ErasureRequest)
            .where(ErasureRequest.user_id == user_id)
            .order_by(ErasureRequest.requested_at.desc(), ErasureRequest.id)
        )
    ).all()
    return await _views(scope.session, requests)


async def cancel_mine(scope: Scope, *, erasure_id: uuid.UUID) -> ErasureView:
    """The person withdraws their own request while it is not done."""
    if scope.actor.is_anonymous:
        raise NotAuthenticated(_("Please sign in to continue."))
    request = await scope.session.scalar(
        select(ErasureRequest).where(ErasureRequest.id == erasure_id).with_for_update()
    )
    if request is None or not policy.is_self(scope.actor, request.user_id):
        raise NotFound(_("No such request."))
    there = await scope.within(request.organisation_id)
    await _cancel(there, request)
    return (await _views(scope.session, [request]))[0]


async def _cancel(scope: Scope, request: ErasureRequest) -> None:
    if request.state == ErasureState.CANCELLED:
        return
    if request.state == ErasureState.DONE:
        raise Conflict(_("This request is done: the records were already deleted."))
    request.state = ErasureState.CANCELLED
    request.decided_at = scope.now
    request.decided_by_user_id = scope.actor.user_id
    await _done_with_notifications(scope, request)
    await scope.audit(
        "privacy.erasure.cancelled",
        subject_user_id=request.user_id,
        object_type="erasure_request",
        object_id=request.id,
        details={"by": "self" if scope.actor.user_id == request.user_id else "coordinator"},
    )


async def _done_with_notifications(scope: Scope, request: ErasureRequest) -> None:
    """The coordinators' notifications about the request are taken back once it is decided."""
    coordinators = await organisations.coordinators_to_alert(
        scope.session, organisation_id=request.organisation_id, on_duty_only=False
    )
    for coordinator in coordinators:
        await notifications.withdraw(
            scope.session, user_id=coordinator, dedupe_key=f"erasure:{request.id}", now=scope.now
        )


# --- coordinators ------------------------------------------------------------------------------------


async def list_for_organisation(scope: Scope, *, state: ErasureState | None = None) -> list[ErasureView]:
    """The organisation's requests, open ones first, newest first (coordinators)."""
    organisation = scope.require(policy.handles_rights, str(_COORDINATORS_ONLY))
    query = select(ErasureRequest).where(ErasureRequest.organisation_id == organisation.id)
    if state is not None:
        query = query.where(ErasureRequest.state == state)
    requests = (await scope.session.scalars(query.order_by(ErasureRequest.requested_at.desc()))).all()
    ordered = sorted(requests, key=lambda r: r.state not in OPEN_STATES)
    await scope.audit("privacy.erasure.listed", details={"count": len(ordered)})
    return await _views(scope.session, ordered)


async def _get(scope: Scope, *, erasure_id: uuid.UUID, lock: bool = False) -> ErasureRequest:
    organisation = scope.require(policy.handles_rights, str(_COORDINATORS_ONLY))
    query = select(ErasureRequest).where(ErasureRequest.id == erasure_id)
    if lock:
        query = query.with_for_update()
    request = await scope.session.scalar(query)
    if request is None or request.organisation_id != organisation.id:
        raise NotFound(_("No such request."))
    return request


async def _detail(scope: Scope, request: ErasureRequest) -> ErasureView:
    view = (await _views(scope.session, [request]))[0]
    if request.state in OPEN_STATES:
        view.planned = await plan(
            scope.session, user_id=request.user_id, organisation_id=request.organisation_id
        )
    view.safeguarding_years = scope.settings.retention.safeguarding_years
    return view


async def get_for_organisation(scope: Scope, *, erasure_id: uuid.UUID) -> ErasureView:
    """One request with what erasing would do (coordinators); every read is audited."""
    request = await _get(scope, erasure_id=erasure_id)
    await scope.audit(
        "privacy.erasure.viewed",
        subject_user_id=request.user_id,
        object_type="erasure_request",
        object_id=request.id,
    )
    return await _detail(scope, request)


async def cancel_for_organisation(scope: Scope, *, erasure_id: uuid.UUID) -> ErasureView:
    """A coordinator cancels a request (with the person: they changed their mind)."""
    request = await _get(scope, erasure_id=erasure_id, lock=True)
    if not policy.may_confirm_erasure(scope.actor, request.organisation_id, request.user_id):
        raise scope.refusal(str(_NOT_YOURS))
    await _cancel(scope, request)
    return await _detail(scope, request)


async def confirm(scope: Scope, *, erasure_id: uuid.UUID) -> ErasureView:
    """A coordinator confirms: paused while something is open, else erased now (a second confirm: no-op)."""
    request = await _get(scope, erasure_id=erasure_id, lock=True)
    if not policy.may_confirm_erasure(scope.actor, request.organisation_id, request.user_id):
        raise scope.refusal(str(_NOT_YOURS))
    if request.state == ErasureState.DONE:
        return await _detail(scope, request)
    if request.state == ErasureState.CANCELLED:
        raise Conflict(_("This request was cancelled. The person can ask again."))
    reasons = await open_records(
        scope.session, user_id=request.user_id, organisation_id=request.organisation_id
    )
    request.decided_by_user_id = scope.actor.user_id
    request.decided_at = scope.now
    if reasons:
        request.state = ErasureState.PAUSED
        request.paused_reasons = [r.as_json() for r in reasons]
        request.paused_at = scope.now
        await scope.audit(
            "privacy.erasure.paused",
            subject_user_id=request.user_id,
            object_type="erasure_request",
            object_id=request.id,
            details={"held_by": len(reasons)},  # no reason codes: the person's access log shows this
        )
        return await _detail(scope, request)
    result = await anonymise(
        scope.session,
        user_id=request.user_id,
        organisation_id=request.organisation_id,
        now=scope.now,
        actor=scope.actor,
        reason="request",
        erasure_id=request.id,
    )
    request.state = ErasureState.DONE
    request.paused_reasons = []
    request.completed_at = scope.now
    request.result = result.as_json()
    await _done_with_notifications(scope, request)
    await scope.audit(
        "privacy.erasure.confirmed",
        subject_user_id=request.user_id,
        object_type="erasure_request",
        object_id=request.id,
        details={"kept": len(result.kept), "account": result.account_anonymised},
    )
    return await _detail(scope, request)


def kept_until(since: datetime | None, years: int) -> datetime | None:
    """When a kept safeguarding record goes: ``years`` after it was closed (``None`` while open)."""
    return since + relativedelta(years=years) if since is not None else None
