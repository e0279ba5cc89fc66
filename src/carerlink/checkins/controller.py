"""HTTP routes of check-ins: plans, answers (with Idempotency-Key), replies and the attention list."""

from __future__ import annotations

import uuid
from datetime import datetime, time
from typing import Annotated, Any

import msgspec
from litestar import Controller, Response, get, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, JSONBody
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts.phones import PhoneNumber
from carerlink.accounts.schemas import phone_read
from carerlink.actor import Actor
from carerlink.checkins import service
from carerlink.checkins.models import ReplyKind
from carerlink.checkins.schedule import Frequency
from carerlink.checkins.schemas import (
    AnswerCreate,
    AnswerRead,
    AttentionItemRead,
    CarerWellbeingRead,
    CheckinRead,
    LadderStepRead,
    PairPlanRead,
    PlanRead,
    PlanSet,
    ReplyCreate,
    Resolve,
    UpcomingRead,
    WellbeingAnswerRead,
)
from carerlink.checkins.service.texts import TextReplyItem
from carerlink.checkins.wellbeing import WELLBEING_WORDS
from carerlink.http.params import IdempotencyHeader
from carerlink.matching.service import ChangeRequestItem
from carerlink.notifications.texts.models import InboundText
from carerlink.organisations.schemas import CrisisLine
from carerlink.organisations.scope import Scope
from carerlink.profiles.models import DebriefRequest
from carerlink.profiles.service.supervision import DebriefView, OverdueBuddy


def checkin_read(view: service.CheckinView) -> CheckinRead:
    """The API shape of a check-in as its viewer may see it (the service leaves out what they may not)."""
    return CheckinRead(
        id=view.id,
        match_id=view.match_id,
        kind=view.kind.value,
        due_at=view.due_at,
        local_start=view.local_start,
        time_zone=view.time_zone,
        state=view.state.value,
        answered_at=view.answered_at,
        wellbeing=view.wellbeing,
        wellbeing_words=WELLBEING_WORDS.get(view.wellbeing or 0),
        note=view.note,
        wants_call=view.wants_call,
        needs_help=view.needs_help,
        replied_at=view.replied_at,
        reply_kind=view.reply_kind.value if view.reply_kind else None,
        reply_message=view.reply_message,
        match_ended=view.match_ended,
        answers_shown=view.answers_shown,
        help_acknowledged=view.help_acknowledged,
        carer_phone=phone_read(view.carer_phone),
    )


def _plan_read(view: service.PlanView) -> PairPlanRead:
    plan = view.plan
    return PairPlanRead(
        match_id=view.match.id,
        plan=None
        if plan is None
        else PlanRead(
            frequency=plan.frequency.value,
            weekdays=[int(d) for d in plan.weekdays],
            local_time=plan.local_time,
            time_zone=plan.time_zone,
            start_date=plan.start_date,
            paused=plan.paused,
            version=plan.version,
            updated_at=plan.updated_at,
        ),
        upcoming=[
            UpcomingRead(
                id=o.id,
                due_at=o.due_at,
                local_start=o.local_start,
                time_zone=o.time_zone,
                state=o.state.value,
            )
            for o in view.upcoming
        ],
    )


def _answer_read(result: service.AnswerResult) -> Response[AnswerRead]:
    body = AnswerRead(
        checkin=checkin_read(result.view),
        crisis_lines=msgspec.convert(result.crisis_lines, list[CrisisLine]),
        help_is_coming=result.help_is_coming,
        alert_id=result.alert_id,
    )
    return Response(body, status_code=200 if result.replayed else 201)


class MatchCheckinsController(Controller):
    """A pair's plan and check-ins."""

    path = "/api/v1/orgs/{org:str}/matches/{match_id:uuid}"
    tags = ["Check-ins"]

    @get("/checkin-plan", operation_id="getCheckinPlan", summary="A pair's check-in plan and the next dates")
    async def get_plan(
        self, org_scope: NamedDependency[Scope], match_id: FromPath[uuid.UUID]
    ) -> PairPlanRead:
        """The carer, the buddy and their coordinators see it."""
        return _plan_read(await service.get_plan(org_scope, match_id=match_id))

    @put("/checkin-plan", operation_id="setCheckinPlan", summary="Agree or change a pair's check-in rhythm")
    async def set_plan(
        self, org_scope: NamedDependency[Scope], match_id: FromPath[uuid.UUID], data: JSONBody[PlanSet]
    ) -> PairPlanRead:
        """Weekly or fortnightly at a local time in the carer's zone; only future check-ins change."""
        hour, minute = (int(part) for part in data.local_time.split(":"))
        view = await service.set_plan(
            org_scope,
            match_id=match_id,
            frequency=Frequency(data.frequency),
            weekdays=data.weekdays,
            local_time=time(hour, minute),
            start_date=data.start_date,
            paused=data.paused,
        )
        return _plan_read(view)

    @get("/checkins", operation_id="listMatchCheckins", summary="A pair's check-ins, newest first")
    async def history(
        self, org_scope: NamedDependency[Scope], match_id: FromPath[uuid.UUID]
    ) -> list[CheckinRead]:
        """Answers with the buddy's replies (coordinator views are audited)."""
        return [checkin_read(view) for view in await service.list_for_match(org_scope, match_id=match_id)]

    @post("/checkins", operation_id="startCheckin", summary="Send my buddy a check-in of my own")
    async def start(
        self,
        org_scope: NamedDependency[Scope],
        match_id: FromPath[uuid.UUID],
        data: JSONBody[AnswerCreate],
        idempotency_key: IdempotencyHeader,
    ) -> Response[AnswerRead]:
        """An unscheduled check-in ("I'd like to talk"), answered as it is sent (201; 200 on a replay)."""
        result = await service.start_checkin(
            org_scope,
            match_id=match_id,
            wellbeing=data.wellbeing,
            note=data.note,
            wants_call=data.wants_call,
            needs_help=data.needs_help,
            idempotency_key=idempotency_key,
        )
        return _answer_read(result)


class CheckinController(Controller):
    """One check-in: read it, answer it (the carer), reply to it (the buddy).

    The path names no organisation: the scope has none, and the service opens the check-in's own.
    """

    path = "/api/v1/checkins/{checkin_id:uuid}"
    tags = ["Check-ins"]

    @get("/", operation_id="getCheckin", summary="A check-in with its answer and reply")
    async def get_checkin(
        self, org_scope: NamedDependency[Scope], checkin_id: FromPath[uuid.UUID]
    ) -> CheckinRead:
        """The carer, the buddy and coordinators (audited)."""
        return checkin_read(await service.view_occurrence(org_scope, occurrence_id=checkin_id))

    @post("/answer", operation_id="answerCheckin", summary="Answer a check-in")
    async def answer(
        self,
        org_scope: NamedDependency[Scope],
        checkin_id: FromPath[uuid.UUID],
        data: JSONBody[AnswerCreate],
        idempotency_key: IdempotencyHeader,
    ) -> Response[AnswerRead]:
        """201 with the answer, and with "I need help now" the crisis lines at once.

        A retry with the same Idempotency-Key returns the first answer (200).
        """
        result = await service.answer(
            org_scope,
            occurrence_id=checkin_id,
            wellbeing=data.wellbeing,
            note=data.note,
            wants_call=data.wants_call,
            needs_help=data.needs_help,
            idempotency_key=idempotency_key,
        )
        return _answer_read(result)

    @post("/reply", operation_id="replyToCheckin", summary="Reply to a check-in (buddies)", status_code=200)
    async def reply(
        self, org_scope: NamedDependency[Scope], checkin_id: FromPath[uuid.UUID], data: JSONBody[ReplyCreate]
    ) -> CheckinRead:
        """A message, "we spoke" or "call arranged"; the carer is told."""
        view = await service.reply(
            org_scope, occurrence_id=checkin_id, kind=ReplyKind(data.kind), message=data.message
        )
        return checkin_read(view)


class MyCheckinsController(Controller):
    """The signed-in person's check-ins."""

    path = "/api/v1/me/checkins"
    tags = ["Check-ins"]

    @get("/", operation_id="listMyCheckins", summary="My check-ins (as a carer, or as a buddy)")
    async def mine(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        now: NamedDependency[datetime],
        role: FromQuery[Annotated[str, msgspec.Meta(pattern="^(carer|buddy)$")]] = "carer",
        awaiting: FromQuery[bool] = False,
    ) -> list[CheckinRead]:
        """``awaiting``: as a carer, those waiting for my answer; as a buddy, those waiting for my reply."""
        found = await service.list_mine(
            db_session, actor=actor, as_buddy=role == "buddy", awaiting=awaiting, now=now
        )
        return [checkin_read(view) for view in found]


def _wellbeing_answer(answer: service.WellbeingAnswer | None) -> WellbeingAnswerRead | None:
    if answer is None:
        return None
    return WellbeingAnswerRead(
        checkin_id=answer.checkin_id,
        answered_at=answer.answered_at,
        wellbeing=answer.wellbeing,
        wellbeing_words=WELLBEING_WORDS[answer.wellbeing],
    )


class CarerWellbeingController(Controller):
    """How a carer has been over time, on their page (coordinators)."""

    path = "/api/v1/orgs/{org:str}/carers/{membership_id:uuid}"
    tags = ["Check-ins"]

    @get(
        "/wellbeing",
        operation_id="getCarerWellbeing",
        summary="A carer's first check-in with a score against their latest (coordinators; audited)",
    )
    async def wellbeing(
        self, org_scope: NamedDependency[Scope], membership_id: FromPath[uuid.UUID]
    ) -> CarerWellbeingRead:
        """Every check-in they answered in this centre counts, whichever buddy it was with."""
        found = await service.carer_wellbeing(org_scope, carer_membership_id=membership_id)
        return CarerWellbeingRead(
            membership_id=found.membership.id,
            display_name=found.display_name,
            answers=found.answers,
            first=_wellbeing_answer(found.first),
            latest=_wellbeing_answer(found.latest),
        )


class AttentionController(Controller):
    """The coordinators' list of check-ins needing a person."""

    path = "/api/v1/orgs/{org:str}/attention"
    tags = ["Check-ins"]

    @get("/", operation_id="listAttention", summary="Check-ins needing a coordinator (coordinators)")
    async def items(self, org_scope: NamedDependency[Scope]) -> list[AttentionItemRead]:
        """Missed check-ins, no reply, low scores, asks for a break, change or talk, late supervision."""
        items = await service.attention(org_scope)
        numbers = await service.attention_phones(org_scope, items)
        return [_attention(item, numbers) for item in items]

    @post(
        "/{item_id:uuid}/resolve",
        operation_id="resolveAttention",
        summary="Record what was done about an item (coordinators)",
        status_code=200,
    )
    async def resolve(
        self, org_scope: NamedDependency[Scope], item_id: FromPath[uuid.UUID], data: JSONBody[Resolve]
    ) -> dict[str, Any]:
        """The item leaves the list; the note stays on record (an ask to talk is taken up)."""
        step = await service.resolve_attention(org_scope, step_id=item_id, note=data.note)
        done = (
            step.taken_up_at
            if isinstance(step, DebriefRequest)
            else step.handled_at
            if isinstance(step, InboundText)
            else step.resolved_at
        )
        return {"id": str(step.id), "resolved_at": done}


def _attention(item: service.AttentionEntry, numbers: dict[uuid.UUID, PhoneNumber]) -> AttentionItemRead:
    if isinstance(item, TextReplyItem):  # issue 14: what the carer texted, for coordinators only
        return AttentionItemRead(
            id=item.inbound.id,
            reason="text_received",
            at=item.inbound.received_at,
            checkin_id=item.inbound.occurrence_id,
            match_id=None,
            due_at=None,
            carer_name=item.carer_name,
            buddy_name="",
            steps=[],
            note=item.inbound.body,
            carer_phone=phone_read(numbers.get(item.inbound.user_id)) if item.inbound.user_id else None,
        )
    if isinstance(item, service.Unreachable):
        return AttentionItemRead(
            id=item.carer_membership_id,
            reason="unreachable",
            at=item.since,
            checkin_id=None,
            match_id=item.match_id,
            due_at=None,
            carer_name=item.carer_name,
            buddy_name=item.buddy_name,
            steps=[],
            carer_membership_id=item.carer_membership_id,
            problems=item.problems,
            carer_phone=phone_read(numbers.get(item.carer_user_id)),
            buddy_phone=phone_read(numbers.get(item.buddy_user_id)),
        )
    if isinstance(item, DebriefView):
        return AttentionItemRead(
            id=item.request.id,
            reason="debrief_requested",
            at=item.request.asked_at,
            checkin_id=None,
            match_id=None,
            due_at=None,
            carer_name="",
            buddy_name=item.buddy_name,
            steps=[],
            buddy_membership_id=item.request.membership_id,
            urgency=item.request.urgency.value,
            note=item.request.note,
            buddy_phone=phone_read(numbers.get(item.request.user_id)),
        )
    if isinstance(item, OverdueBuddy):
        return AttentionItemRead(
            id=item.membership_id,
            reason="supervision_overdue",
            at=item.overdue_since,
            checkin_id=None,
            match_id=None,
            due_at=None,
            carer_name="",
            buddy_name=item.display_name,
            steps=[],
            buddy_membership_id=item.membership_id,
            last_supervised_on=item.status.last_supervised_on,
            supervision_due_on=item.status.due_on,
            buddy_phone=phone_read(numbers.get(item.user_id)),
        )
    pair = item.match if isinstance(item, ChangeRequestItem) else item.occurrence
    carer_phone, buddy_phone = (phone_read(numbers.get(u)) for u in (pair.carer_user_id, pair.buddy_user_id))
    if isinstance(item, ChangeRequestItem):
        return AttentionItemRead(
            id=item.request.id,
            reason=f"asked_for_{item.request.kind.value}",  # type: ignore[arg-type]
            at=item.request.asked_at,
            checkin_id=None,
            match_id=item.match.id,
            due_at=None,
            carer_name=item.carer_name,
            buddy_name=item.buddy_name,
            steps=[],
            asked_by=item.request.asked_by,  # type: ignore[arg-type]
            carer_phone=carer_phone,
            buddy_phone=buddy_phone,
        )
    reason = "missed" if item.step.step == "missed" else item.step.step
    return AttentionItemRead(
        id=item.step.id,
        reason=reason,  # type: ignore[arg-type]
        at=item.step.at,
        checkin_id=item.occurrence.id,
        match_id=item.occurrence.match_id,
        due_at=item.occurrence.due_at,
        carer_name=item.carer_name,
        buddy_name=item.buddy_name,
        steps=[LadderStepRead(step=name, at=at) for name, at in item.history],  # type: ignore[arg-type]
        carer_phone=carer_phone,
        buddy_phone=buddy_phone,
    )
