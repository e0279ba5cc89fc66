"""HTTP routes of messages within a pair (issue 18): the thread, sending once, reads, reports, mute."""

from __future__ import annotations

import uuid
from typing import Annotated

import msgspec
from litestar import Controller, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, Parameter, QueryParameter

from carerlink.http.params import IdempotencyHeader
from carerlink.i18n import N_
from carerlink.messaging import service
from carerlink.messaging.models import Message
from carerlink.messaging.schemas import (
    MessageCreate,
    MessageRead,
    MuteRead,
    MuteSet,
    OpenReportsRead,
    ReadResult,
    ReportAck,
    ReportCreate,
    ReportedMessageRead,
    ReportRead,
    ReportSummaryRead,
    SentRead,
    ThreadRead,
)
from carerlink.organisations.schemas import CrisisLine
from carerlink.organisations.scope import Scope

CRISIS_WORDS = N_(
    "It sounds like things are very hard right now. Your buddy may not see this for a while: if you need"
    " help now, these lines are there, or tell the centre."
)
Limit = Annotated[int, Parameter(ge=1, le=100, description="How many messages (the newest first picked)")]
Before = Annotated[
    str | None,
    QueryParameter(
        max_length=200,
        description="The page before this marker (``earlier_before`` of the page shown); anything else: 422",
    ),
]


def _message(message: Message, side: str, reported: frozenset[uuid.UUID] = frozenset()) -> MessageRead:
    return MessageRead(
        id=message.id,
        sender="carer" if message.sender == "carer" else "buddy",
        mine=message.sender == side,
        text=message.text,
        sent_at=message.sent_at,
        read_at=message.read_at,
        reported_by_me=message.id in reported,
    )


def _summary(view: service.ReportView) -> dict[str, object]:
    entry = view.report
    return {
        "id": entry.id,
        "match_id": entry.match_id,
        "reason": entry.reason,
        "reason_words": str(service.REASON_WORDS.get(entry.reason, entry.reason)),
        "reported_at": entry.reported_at,
        "reporter": view.reporter,
        "carer_name": view.carer_name,
        "buddy_name": view.buddy_name,
        "status": "open" if entry.dealt_with_at is None else "dealt_with",
        "dealt_with_at": entry.dealt_with_at,
        "dealt_with_by_name": view.dealt_with_by_name,
    }


class MessagesController(Controller):
    """A pair's messages: only its carer and buddy read and write them."""

    path = "/api/v1/orgs/{org:str}/matches/{match_id:uuid}/messages"
    tags = ["Messages"]

    @get("", operation_id="listMessages", summary="A pair's messages, newest last (the carer and the buddy)")
    async def list_messages(
        self,
        org_scope: NamedDependency[Scope],
        match_id: FromPath[uuid.UUID],
        before: Before = None,
        limit: Limit = 50,
    ) -> ThreadRead:
        """The newest messages (before the marker ``before``), oldest first, with the boundary line."""
        thread = await service.thread(org_scope, match_id=match_id, before=before, limit=limit)
        side, standing = thread.pair.side, thread.standing
        return ThreadRead(
            match_id=match_id,
            me=side,
            other_name=thread.other_name,
            messages=[_message(m, side, thread.reported_by_me) for m in thread.messages],
            earlier=thread.earlier,
            earlier_before=thread.earlier_before,
            can_write=standing.why_not is None,
            why_not=standing.why_not,
            boundary=str(service.BOUNDARY),
            crisis_lines=msgspec.convert(thread.crisis_lines, list[CrisisLine]),
            muted_until=standing.muted_until,
            muted_notice=standing.notice,
            crisis_words=standing.crisis_words,
        )

    @post("", operation_id="sendMessage", summary="Send a message to my carer or buddy")
    async def send(
        self,
        org_scope: NamedDependency[Scope],
        match_id: FromPath[uuid.UUID],
        data: JSONBody[MessageCreate],
        idempotency_key: IdempotencyHeader,
    ) -> Response[SentRead]:
        """201 once; a retry with the same Idempotency-Key returns the first message (200)."""
        sent = await service.send(
            org_scope, match_id=match_id, text=data.text, idempotency_key=idempotency_key
        )
        crisis = sent.message.reads_as_crisis
        body = SentRead(
            message=_message(sent.message, sent.message.sender),
            reads_as_crisis=crisis,
            crisis_lines=msgspec.convert(sent.crisis_lines, list[CrisisLine]),
            crisis_words=str(CRISIS_WORDS) if crisis else None,
            help_path=f"/api/v1/orgs/{sent.message.organisation_id}/help" if crisis else None,
        )
        return Response(body, status_code=200 if sent.replayed else 201)

    @post("/read", operation_id="readMessages", summary="Mark the other person's messages read")
    async def read(self, org_scope: NamedDependency[Scope], match_id: FromPath[uuid.UUID]) -> ReadResult:
        """Each of the other person's messages gets its read receipt once."""
        return ReadResult(read=await service.mark_read(org_scope, match_id=match_id))

    @post(
        "/{message_id:uuid}/report",
        operation_id="reportMessage",
        summary="Ask the centre to look at a message",
    )
    async def report(
        self,
        org_scope: NamedDependency[Scope],
        match_id: FromPath[uuid.UUID],
        message_id: FromPath[uuid.UUID],
        data: JSONBody[ReportCreate],
    ) -> Response[ReportAck]:
        """Either "This worried me" or "This wasn't OK" about the other person's message (audited).

        The coordinators are told: 201. Asking again about the same message: 200 with the first report,
        nobody told again. One's own message: 422 naming ``message``.
        """
        done = await service.report(org_scope, match_id=match_id, message_id=message_id, reason=data.reason)
        body = ReportAck(id=done.report.id, detail=str(service.REPORTED))
        return Response(body, status_code=200 if done.again else 201)

    @post("/mute", operation_id="muteMessages", summary="Mute a thread's notifications for a while (buddies)")
    async def mute(
        self, org_scope: NamedDependency[Scope], match_id: FromPath[uuid.UUID], data: JSONBody[MuteSet]
    ) -> MuteRead:
        """Messages still arrive; their notifications wait. The carer is told replies may be slower."""
        return MuteRead(muted_until=await service.mute(org_scope, match_id=match_id, until=data.until))


class MessageReportsController(Controller):
    """Reported messages: the only way coordinators read a thread (audited), never their own pair's."""

    path = "/api/v1/orgs/{org:str}/message-reports"
    tags = ["Messages"]

    @get("", operation_id="listMessageReports", summary="Reported messages, open first (coordinators)")
    async def list_reports(self, org_scope: NamedDependency[Scope]) -> list[ReportSummaryRead]:
        """Who reported what kind of worry, about which pair (no message words here); open ones first."""
        views = await service.list_reports(org_scope)
        return [msgspec.convert(_summary(v), ReportSummaryRead) for v in views]

    @get(
        "/open-count",
        operation_id="countOpenMessageReports",
        summary="How many reported messages wait for a coordinator",
    )
    async def open_count(self, org_scope: NamedDependency[Scope]) -> OpenReportsRead:
        """For Needs attention's "Reported messages (N)": a number only (nothing read, not audited)."""
        return OpenReportsRead(open=await service.count_open_reports(org_scope))

    @post(
        "/{report_id:uuid}/dealt-with",
        operation_id="dealWithMessageReport",
        summary="Mark a reported message dealt with (coordinators)",
        status_code=200,
    )
    async def dealt_with(
        self, org_scope: NamedDependency[Scope], report_id: FromPath[uuid.UUID]
    ) -> ReportSummaryRead:
        """It leaves the open reports (audited); marking it again changes nothing."""
        view = await service.deal_with_report(org_scope, report_id=report_id)
        return msgspec.convert(_summary(view), ReportSummaryRead)

    @get("/{report_id:uuid}", operation_id="getMessageReport", summary="One reported message (coordinators)")
    async def get_report(
        self, org_scope: NamedDependency[Scope], report_id: FromPath[uuid.UUID]
    ) -> ReportRead:
        """The reported message and the few before it (audited)."""
        view = await service.get_report(org_scope, report_id=report_id)
        names = {"carer": view.carer_name, "buddy": view.buddy_name}
        return ReportRead(
            **_summary(view),  # type: ignore[arg-type]
            messages=[
                ReportedMessageRead(
                    id=m.id,
                    sender="carer" if m.sender == "carer" else "buddy",
                    sender_name=names[m.sender],
                    text=m.text,
                    sent_at=m.sent_at,
                    reported=m.id == view.report.message_id,
                )
                for m in view.messages
            ],
        )
