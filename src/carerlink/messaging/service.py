"""Messages within a pair (issue 18): the thread, sending once, read receipts, reports and muting.

Access is decided here for every call (``policy``): only the carer and the buddy of an active or paused
pair read and write; after the match ends the carer keeps a read-only copy and the former buddy reads
nothing. Coordinators read a message and the few before it only through a report, audited. A message's
words never go into a notification, a log line or an audit entry.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from carerlink import i18n
from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.errors import Conflict, Invalid, NotFound
from carerlink.i18n import N_, _
from carerlink.matching.models import Match
from carerlink.matching.policy import Party, other_party
from carerlink.messaging import policy
from carerlink.messaging.models import Message, MessageMute, MessageReport
from carerlink.notifications import kinds
from carerlink.organisations import service as organisations
from carerlink.organisations.scope import Scope
from carerlink.profiles.models import CarerProfile
from carerlink.safeguarding import service as safeguarding

BOUNDARY = N_("Messages are not watched all the time. If you need help now, use Help now.")
REASON_WORDS = {"worried": N_("This worried me"), "not_ok": N_("This wasn't OK")}
REPORTED = N_("Thank you for telling us. The centre has your report and someone will look at it soon.")
_ENDED = N_("This match has ended, so its messages are closed. You can still read what you wrote.")
_OFF = N_("Messages are not switched on for this pair. Check-ins and Help now work as before.")
_REFUSED = N_("Only the carer and the buddy of a pair read and write its messages.")


@dataclass(frozen=True, slots=True)
class Pair:
    """A match one of its pair is looking at, and which side they are."""

    match: Match
    side: Party


@dataclass(frozen=True, slots=True)
class Thread:
    """A page of a thread as one of the pair reads it."""

    pair: Pair
    other_name: str
    messages: list[Message]
    earlier: bool
    why_not: str | None
    crisis_lines: list[dict[str, Any]]
    muted_until: datetime | None
    muted_notice: str | None


@dataclass(frozen=True, slots=True)
class Sent:
    """A stored message (``replayed``: an earlier request with the same key stored it)."""

    message: Message
    replayed: bool
    crisis_lines: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class ReportView:
    """A report as coordinators read it, with the reported message and the few before it."""

    report: MessageReport
    carer_name: str
    buddy_name: str
    reporter: Party
    messages: list[Message]


async def _first_name(scope: Scope, user_id: uuid.UUID) -> str:
    name = await scope.session.scalar(select(User.display_name).where(User.id == user_id))
    parts = (name or "").split()
    return parts[0] if parts else "Someone"


async def _pair(scope: Scope, match_id: uuid.UUID) -> Pair:
    """The match when the actor is its carer or buddy; 401, 404 or 403 otherwise (``Scope.require``)."""
    scope.require(True, str(_REFUSED))
    match = await scope.session.get(Match, match_id)
    if match is None or match.organisation_id != scope.organisation_id:
        raise NotFound(_("No such match."))
    side = policy.party(scope.actor, match)
    if side is None:
        raise scope.refusal(str(_REFUSED))
    return Pair(match=match, side=side)


async def _readable(scope: Scope, match_id: uuid.UUID) -> Pair:
    pair = await _pair(scope, match_id)
    if not policy.can_read(scope.actor, pair.match):
        raise scope.refusal(_("This match has ended, so its messages are no longer shown to you."))
    return pair


async def _carer_profile(scope: Scope, match: Match) -> tuple[bool, str]:
    """Whether the carer is under 18, and the language their crisis words are read in."""
    row = (
        await scope.session.execute(
            select(CarerProfile.under_18, CarerProfile.preferred_language).where(
                CarerProfile.user_id == match.carer_user_id,
                CarerProfile.organisation_id == match.organisation_id,
            )
        )
    ).first()
    if row is None:
        return False, "en"
    language = (row.preferred_language or "en")[:2].lower()
    return bool(row.under_18), language


async def _why_not(scope: Scope, pair: Pair) -> str | None:
    if pair.match.status not in policy.TOGETHER:
        return str(_ENDED)
    under_18, _ = await _carer_profile(scope, pair.match)
    if not policy.messaging_on(scope.settings, under_18=under_18):
        return str(_OFF)
    return None


async def _mute_until(scope: Scope, match: Match) -> datetime | None:
    until = await scope.session.scalar(
        select(MessageMute.until).where(
            MessageMute.match_id == match.id, MessageMute.user_id == match.buddy_user_id
        )
    )
    return until if until is not None and until > scope.now else None


async def thread(
    scope: Scope, *, match_id: uuid.UUID, before: datetime | None = None, limit: int = 50
) -> Thread:
    """A page of the thread, oldest first: the newest ``limit`` messages (before ``before``)."""
    pair = await _readable(scope, match_id)
    query = select(Message).where(Message.match_id == match_id)
    if before is not None:
        query = query.where(Message.sent_at < before)
    rows = list(
        await scope.session.scalars(
            query.order_by(Message.sent_at.desc(), Message.id.desc()).limit(limit + 1)
        )
    )
    earlier = len(rows) > limit
    rows = list(reversed(rows[:limit]))
    other = pair.match.buddy_user_id if pair.side == "carer" else pair.match.carer_user_id
    other_name = await _first_name(scope, other)
    muted = await _mute_until(scope, pair.match)
    notice = None
    if muted is not None and pair.side == "carer":
        notice = (
            f"{other_name} is taking a little time away from messages, so replies may be slower for a while."
            " Help now is always there if you need it."
        )
    return Thread(
        pair=pair,
        other_name=other_name,
        messages=rows,
        earlier=earlier,
        why_not=await _why_not(scope, pair),
        crisis_lines=safeguarding.crisis_lines(scope),
        muted_until=muted,
        muted_notice=notice,
    )


async def send(scope: Scope, *, match_id: uuid.UUID, text: str, idempotency_key: str | None) -> Sent:
    """Store a message and queue the other person's notification in the same transaction.

    A retry with the same ``Idempotency-Key`` returns the first message (the offline queue sends once).
    """
    pair = await _readable(scope, match_id)  # a former buddy is refused as for reading
    if idempotency_key:
        earlier = await scope.session.scalar(
            select(Message).where(
                Message.sender_user_id == scope.actor.user_id, Message.idempotency_key == idempotency_key
            )
        )
        if earlier is not None:
            if earlier.match_id != match_id:
                raise Conflict(_("This Idempotency-Key was already used for another message."))
            return Sent(earlier, replayed=True, crisis_lines=_lines_if(scope, earlier))
    why_not = await _why_not(scope, pair)
    if why_not is not None:
        raise Conflict(why_not)
    text = text.strip()
    if not text:
        raise Invalid(_("Please write a message."), field="text")
    match = pair.match
    _under_18, language = await _carer_profile(scope, match)
    # A thread's order is its messages' instants: a message never shares one with the one before it.
    last = await scope.session.scalar(select(func.max(Message.sent_at)).where(Message.match_id == match.id))
    sent_at = scope.now if last is None or last < scope.now else last + timedelta(microseconds=1)
    message = Message(
        id=uuid.uuid4(),
        match_id=match.id,
        organisation_id=match.organisation_id,
        carer_user_id=match.carer_user_id,
        buddy_user_id=match.buddy_user_id,
        sender=pair.side,
        sender_user_id=scope.actor.user_id,
        text=text,
        sent_at=sent_at,
        read_at=None,
        # The carer's profile language and the language they write to carerlink in (issue 17).
        reads_as_crisis=pair.side == "carer" and policy.reads_as_crisis(text, language, i18n.current()),
        idempotency_key=idempotency_key,
    )
    try:
        async with scope.session.begin_nested():
            scope.session.add(message)
            await scope.session.flush()
    except IntegrityError:  # the same key sent twice at once (the queue and the page): the first stands
        earlier = await scope.session.scalar(
            select(Message).where(
                Message.sender_user_id == scope.actor.user_id, Message.idempotency_key == idempotency_key
            )
        )
        if earlier is None or earlier.match_id != match_id:
            raise Conflict(_("This Idempotency-Key was already used for another message.")) from None
        return Sent(earlier, replayed=True, crisis_lines=_lines_if(scope, earlier))
    recipient = match.buddy_user_id if pair.side == "carer" else match.carer_user_id
    # A buddy who muted the thread is not notified while it lasts; the message still arrives.
    if not (pair.side == "carer" and await _mute_until(scope, match) is not None):
        assert scope.actor.user_id is not None
        await scope.notify(
            recipient,
            kinds.NewMessage,
            {"match_id": match.id, "sender_name": await _first_name(scope, scope.actor.user_id)},
            dedupe_key=f"message:{message.id}",
            role=Role.BUDDY if pair.side == "carer" else Role.CARER,
        )
    return Sent(message, replayed=False, crisis_lines=_lines_if(scope, message))


def _lines_if(scope: Scope, message: Message) -> list[dict[str, Any]]:
    return safeguarding.crisis_lines(scope) if message.reads_as_crisis else []


async def mark_read(scope: Scope, *, match_id: uuid.UUID) -> int:
    """The reader has read the other person's messages: each gets its read receipt once."""
    pair = await _readable(scope, match_id)
    done = await scope.session.execute(
        update(Message)
        .where(
            Message.match_id == match_id,
            Message.sender == other_party(pair.side),
            Message.read_at.is_(None),
        )
        .values(read_at=scope.now)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(done, "rowcount", 0) or 0)


async def report(scope: Scope, *, match_id: uuid.UUID, message_id: uuid.UUID, reason: str) -> MessageReport:
    """Either person asks the centre to look at a message: coordinators are told, it is audited."""
    pair = await _readable(scope, match_id)
    message = await scope.session.get(Message, message_id)
    if message is None or message.match_id != match_id:
        raise NotFound(_("No such message."))
    assert scope.actor.user_id is not None
    entry = MessageReport(
        id=uuid.uuid4(),
        message_id=message.id,
        match_id=match_id,
        organisation_id=pair.match.organisation_id,
        reporter_user_id=scope.actor.user_id,
        reason=reason,
        reported_at=scope.now,
    )
    scope.session.add(entry)
    await scope.session.flush()
    await scope.audit(
        "messaging.message.reported",
        subject_user_id=pair.match.carer_user_id,
        object_type="message_report",
        object_id=entry.id,
        details={"reason": reason},
    )
    for coordinator_id in await organisations.coordinators_to_alert(
        scope.session, organisation_id=pair.match.organisation_id, on_duty_only=False
    ):
        await scope.notify(
            coordinator_id, kinds.MessageReported, {"report_id": entry.id}, dedupe_key=f"report:{entry.id}"
        )
    return entry


async def mute(scope: Scope, *, match_id: uuid.UUID, until: datetime | None) -> datetime | None:
    """The buddy mutes the thread's notifications until ``until`` (at most 14 days), or unmutes it."""
    pair = await _readable(scope, match_id)
    if pair.side != "buddy":
        raise scope.refusal(_("Only a buddy mutes a thread."))
    existing = await scope.session.scalar(
        select(MessageMute).where(
            MessageMute.match_id == match_id, MessageMute.user_id == scope.actor.user_id
        )
    )
    if until is None:
        if existing is not None:
            await scope.session.delete(existing)
        return None
    if until <= scope.now or until > scope.now + timedelta(days=policy.MAX_MUTE_DAYS):
        raise Invalid(_("Please choose a time within the next 14 days."), field="until")
    if existing is None:
        assert scope.actor.user_id is not None
        scope.session.add(
            MessageMute(
                id=uuid.uuid4(),
                match_id=match_id,
                organisation_id=pair.match.organisation_id,
                user_id=scope.actor.user_id,
                until=until,
            )
        )
    else:
        existing.until = until
    return until


async def _report_views(
    scope: Scope, reports: list[MessageReport], *, with_messages: bool
) -> list[ReportView]:
    views = []
    for entry in reports:
        match = await scope.session.get(Match, entry.match_id)
        assert match is not None
        messages: list[Message] = []
        if with_messages:
            reported = await scope.session.get(Message, entry.message_id)
            assert reported is not None
            before = await scope.session.scalars(
                select(Message)
                .where(
                    Message.match_id == entry.match_id,
                    or_(
                        Message.sent_at < reported.sent_at,
                        and_(Message.sent_at == reported.sent_at, Message.id < reported.id),
                    ),
                )
                .order_by(Message.sent_at.desc(), Message.id.desc())
                .limit(policy.BEFORE_REPORTED)
            )
            messages = [*reversed(list(before)), reported]
        views.append(
            ReportView(
                report=entry,
                carer_name=await _first_name(scope, match.carer_user_id),
                buddy_name=await _first_name(scope, match.buddy_user_id),
                reporter="carer" if entry.reporter_user_id == match.carer_user_id else "buddy",
                messages=messages,
            )
        )
    return views


async def list_reports(scope: Scope) -> list[ReportView]:
    """The organisation's message reports, newest first (coordinators; audited)."""
    scope.require(policy.reads_reports, _("Only coordinators read message reports."))
    reports = list(
        await scope.session.scalars(
            select(MessageReport)
            .where(MessageReport.organisation_id == scope.organisation_id)
            .order_by(MessageReport.reported_at.desc())
            .limit(200)
        )
    )
    await scope.audit("messaging.reports.listed", details={"count": len(reports)})
    return await _report_views(scope, reports, with_messages=False)


async def get_report(scope: Scope, *, report_id: uuid.UUID) -> ReportView:
    """One report with the reported message and the few before it (coordinators; audited)."""
    scope.require(policy.reads_reports, _("Only coordinators read message reports."))
    entry = await scope.session.get(MessageReport, report_id)
    if entry is None or entry.organisation_id != scope.organisation_id:
        raise NotFound(_("No such report."))
    [view] = await _report_views(scope, [entry], with_messages=True)
    match = await scope.session.get(Match, entry.match_id)
    assert match is not None
    await scope.audit(
        "messaging.report.viewed",
        subject_user_id=match.carer_user_id,
        object_type="message_report",
        object_id=entry.id,
    )
    return view


async def count_open_reports(scope: Scope) -> int:
    """How many reports the organisation has (for a coordinator's attention list)."""
    return int(
        await scope.session.scalar(
            select(func.count()).where(MessageReport.organisation_id == scope.organisation_id)
        )
        or 0
    )
