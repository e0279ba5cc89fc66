"""Messages within a pair (issue 18): the thread, sending once, read receipts, reports and muting.

Access is decided here for every call (``policy``): only the carer and the buddy of an active or paused
pair write, while the other is a member; after the match ends the carer keeps a read-only copy and the
former buddy reads nothing. Coordinators read a message and the few before it only through a report,
audited, and never one about a pair they are part of. A message's words never go into a notification,
a log line or an audit entry.

The other person is told of new messages with one notification per pair while it is unread: a further
message brings it up to date ("3 new messages from Sam") instead of sending another, reading the thread
takes it back, and a buddy's mute holds it until the mute ends (``notifications.service``).
"""

from __future__ import annotations

import base64
import binascii
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, or_, select, true, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from carerlink import i18n
from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.errors import Conflict, Invalid, NotFound
from carerlink.i18n import N_, _
from carerlink.matching.models import Match, MatchStatus
from carerlink.matching.policy import Party, other_party
from carerlink.messaging import policy
from carerlink.messaging.models import Message, MessageMute, MessageReport
from carerlink.notifications import kinds
from carerlink.notifications import service as notifications
from carerlink.organisations import service as organisations
from carerlink.organisations.models import Membership, MembershipStatus
from carerlink.organisations.scope import Scope
from carerlink.profiles import service as profiles
from carerlink.profiles.models import BuddyProfile, CarerProfile
from carerlink.profiles.screening import pause_holds
from carerlink.safeguarding import service as safeguarding

BOUNDARY = N_("Messages are not watched all the time. If you need help now, use Help now.")
REASON_WORDS = {"worried": N_("This worried me"), "not_ok": N_("This wasn't OK")}
REPORTED = N_("Thank you for telling us. The centre has your report and someone will look at it soon.")
_ENDED = N_("This match has ended, so its messages are closed. You can still read what you wrote.")
_NOT_YET = N_(
    "Messages open once you are both matched. Until then, the centre is there if you have a question."
)
_NOT_STARTED = N_("This match didn't go ahead, so it has no messages.")
_OFF = N_("Messages are not switched on for this pair. Check-ins and Help now work as before.")
# The other person's membership is suspended or ended: never why (that is theirs and the centre's).
_AWAY_FOR_CARER = N_(
    "{name} is away from carerlink for now, so you can't send messages at the moment. If you'd like to"
    " talk to someone, the centre is there, and Help now is always there if you need it."
)
_AWAY_FOR_BUDDY = N_(
    "{name} is away from carerlink for now, so you can't send messages at the moment. The centre will be"
    " in touch."
)
_MUTED = N_(
    "{name} is taking a little time away from messages, so replies may be slower for a while. Help now"
    " is always there if you need it."
)
_ON_A_BREAK = N_(
    "{name} is taking a break, so replies may be slower for a while. Help now is always there if you need it."
)
_PAUSED = N_(
    "Your match with {name} is paused for now, so replies may be slower. Help now is always there if you"
    " need it."
)
_SOMEONE = N_("Someone")
_REFUSED = N_("Only the carer and the buddy of a pair read and write its messages.")
_KEY_REUSED = N_(
    "This Idempotency-Key was already used for a different message. Send a new message with a new key."
)
# Object types of the audit entries about a report. The person a report is about never sees an entry
# about it (``audit.service.WITHHELD_FROM_SUBJECT``, as for concerns); the person who asked does.
REPORT_OBJECT = "message_report"
ASKED_OBJECT = "message_report_asked"


@dataclass(frozen=True, slots=True)
class Pair:
    """A match one of its pair is looking at, and which side they are."""

    match: Match
    side: Party


@dataclass(frozen=True, slots=True)
class Standing:
    """What a thread says to its reader.

    Why they can't write (``None``: they can), whether replies may be slower (for the carer), the
    carer's crisis words, and the language the carer's profile reads them in.
    """

    why_not: str | None
    notice: str | None
    muted_until: datetime | None
    crisis_words: list[str]
    language: str = "en"


@dataclass(frozen=True, slots=True)
class Thread:
    """A page of a thread as one of the pair reads it."""

    pair: Pair
    other_name: str
    messages: list[Message]
    earlier: bool
    earlier_before: str | None
    reported_by_me: frozenset[uuid.UUID]
    standing: Standing
    crisis_lines: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Sent:
    """A stored message (``replayed``: an earlier request with the same key stored it)."""

    message: Message
    replayed: bool
    crisis_lines: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Reported:
    """A report (``again``: this person had already reported this message; nothing new was sent)."""

    report: MessageReport
    again: bool


@dataclass(frozen=True, slots=True)
class ReportView:
    """A report as coordinators read it, with the reported message and the few before it."""

    report: MessageReport
    carer_name: str
    buddy_name: str
    reporter: Party
    messages: list[Message]
    dealt_with_by_name: str | None


def _first(name: str | None) -> str:
    parts = (name or "").split()
    return parts[0] if parts else str(_SOMEONE)


async def _first_name(scope: Scope, user_id: uuid.UUID) -> str:
    return _first(await scope.session.scalar(select(User.display_name).where(User.id == user_id)))


# --- page markers --------------------------------------------------------------------------------------


def encode_cursor(message: Message) -> str:
    """The opaque marker of a message, for the page before it: its (sent_at, id)."""
    at = message.sent_at.astimezone(UTC).isoformat()
    return base64.urlsafe_b64encode(f"{at}|{message.id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    """The (sent_at, id) a marker stands for; 422 naming ``before`` when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        at_text, separator, message_id = raw.partition("|")
        at = datetime.fromisoformat(at_text)
        if not separator or at.tzinfo is None:
            raise ValueError("not a page marker")
        return at.astimezone(UTC), uuid.UUID(message_id)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise Invalid(_("This is not a page of these messages."), field="before") from exc


# --- who is looking --------------------------------------------------------------------------------------


async def _pair(scope: Scope, match_id: uuid.UUID, *, lock: bool = False) -> Pair:
    """The match when the actor is its carer or buddy; 401, 404 or 403 otherwise (``Scope.require``).

    ``lock``: the match row is locked (on PostgreSQL) until the transaction ends, so a pair's sends are
    taken one at a time (their order and their one notification) and an ending waits for a send.
    """
    scope.require(True, str(_REFUSED))
    query = select(Match).where(Match.id == match_id)
    if lock:
        query = query.with_for_update(key_share=True).execution_options(populate_existing=True)
    match = await scope.session.scalar(query)
    if match is None or match.organisation_id != scope.organisation_id:
        raise NotFound(_("No such match."))
    side = policy.party(scope.actor, match)
    if side is None:
        raise scope.refusal(str(_REFUSED))
    return Pair(match=match, side=side)


async def _readable(scope: Scope, match_id: uuid.UUID, *, lock: bool = False) -> Pair:
    pair = await _pair(scope, match_id, lock=lock)
    if not policy.can_read(scope.actor, pair.match):
        if pair.match.status == MatchStatus.ENDED:
            raise scope.refusal(_("This match has ended, so its messages are no longer shown to you."))
        raise scope.refusal(str(_NOT_STARTED))
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


async def _other_is_member(scope: Scope, pair: Pair) -> bool:
    other = pair.match.buddy_membership_id if pair.side == "carer" else pair.match.carer_membership_id
    status = await scope.session.scalar(select(Membership.status).where(Membership.id == other))
    return status == MembershipStatus.ACTIVE


async def _mute_until(scope: Scope, match: Match) -> datetime | None:
    until = await scope.session.scalar(
        select(MessageMute.until).where(
            MessageMute.match_id == match.id, MessageMute.user_id == match.buddy_user_id
        )
    )
    return until if until is not None and until > scope.now else None


async def _buddy_on_a_break(scope: Scope, match: Match) -> bool:
    """Whether the buddy has paused themselves (their wellbeing pause, ``screening.pause_holds``)."""
    row = (
        await scope.session.execute(
            select(BuddyProfile.paused, BuddyProfile.paused_until).where(
                BuddyProfile.membership_id == match.buddy_membership_id
            )
        )
    ).first()
    if row is None or scope.organisation is None:
        return False
    return pause_holds(
        row.paused, row.paused_until, profiles.organisation_today(scope.organisation, scope.now)
    )


async def _standing(
    scope: Scope, pair: Pair, other_name: str | None = None, *, for_reading: bool = True
) -> Standing:
    """Why the reader can't write, and (for the carer, ``for_reading``) whether replies may be slower.

    ``other_name``: the other person's first name, looked up only when the words need it.
    """
    match = pair.match
    under_18, language = await _carer_profile(scope, match)
    words = policy.crisis_phrases(language, i18n.current()) if pair.side == "carer" and for_reading else []
    muted = await _mute_until(scope, match)

    async def name() -> str:
        other = match.buddy_user_id if pair.side == "carer" else match.carer_user_id
        return other_name or await _first_name(scope, other)

    def standing(why_not: str | None, notice: str | None = None, until: datetime | None = None) -> Standing:
        return Standing(why_not, notice, until, words, language)

    if match.status == MatchStatus.PROPOSED:
        return standing(str(_NOT_YET))
    if match.status not in policy.TOGETHER:
        return standing(str(_ENDED if match.status == MatchStatus.ENDED else _NOT_STARTED))
    if not policy.messaging_on(scope.settings, under_18=under_18):
        return standing(str(_OFF), until=muted)
    if not await _other_is_member(scope, pair):
        away = _AWAY_FOR_CARER if pair.side == "carer" else _AWAY_FOR_BUDDY
        return standing(str(away).format(name=await name()))
    notice = None
    if pair.side == "carer" and for_reading:
        if muted is not None:
            notice = str(_MUTED).format(name=await name())
        elif await _buddy_on_a_break(scope, match):
            notice = str(_ON_A_BREAK).format(name=await name())
        elif match.status == MatchStatus.PAUSED:
            notice = str(_PAUSED).format(name=await name())
    return standing(None, notice, muted)


# --- the thread -------------------------------------------------------------------------------------------


async def thread(scope: Scope, *, match_id: uuid.UUID, before: str | None = None, limit: int = 50) -> Thread:
    """A page of the thread, oldest first: the newest ``limit`` messages (before the marker ``before``)."""
    pair = await _readable(scope, match_id)
    query = select(Message).where(Message.match_id == match_id)
    if before is not None:
        at, message_id = decode_cursor(before)
        query = query.where(tuple_(Message.sent_at, Message.id) < tuple_(at, message_id))
    rows = list(
        await scope.session.scalars(
            query.order_by(Message.sent_at.desc(), Message.id.desc()).limit(limit + 1)
        )
    )
    earlier = len(rows) > limit
    rows = list(reversed(rows[:limit]))
    other = pair.match.buddy_user_id if pair.side == "carer" else pair.match.carer_user_id
    other_name = await _first_name(scope, other)
    reported: frozenset[uuid.UUID] = frozenset()
    if rows:
        reported = frozenset(
            await scope.session.scalars(
                select(MessageReport.message_id).where(
                    MessageReport.reporter_user_id == scope.actor.user_id,
                    MessageReport.message_id.in_([m.id for m in rows]),
                )
            )
        )
    return Thread(
        pair=pair,
        other_name=other_name,
        messages=rows,
        earlier=earlier,
        earlier_before=encode_cursor(rows[0]) if earlier and rows else None,
        reported_by_me=reported,
        standing=await _standing(scope, pair, other_name),
        crisis_lines=safeguarding.crisis_lines(scope),
    )


def _has_words(text: str) -> bool:
    """Something to read: a letter, digit, punctuation, symbol or mark (not only invisible characters)."""
    return any(unicodedata.category(c)[0] in "LNPSM" for c in text)


async def send(scope: Scope, *, match_id: uuid.UUID, text: str, idempotency_key: str | None) -> Sent:
    """Store a message and tell the other person in the same transaction.

    A retry with the same ``Idempotency-Key`` returns the first message (the offline queue sends once);
    the same key with other words is refused (422 naming the key), never taken for the first.
    """
    pair = await _readable(scope, match_id, lock=True)  # a former buddy is refused as for reading
    text = text.strip()
    if not _has_words(text):
        raise Invalid(_("Please write a message."), field="text")
    if idempotency_key:
        earlier = await _by_key(scope, idempotency_key)
        if earlier is not None:
            return _replayed(scope, earlier, match_id=match_id, text=text)
    match = pair.match
    standing = await _standing(scope, pair, for_reading=False)
    if standing.why_not is not None:
        raise Conflict(standing.why_not)
    language = standing.language
    # Newest last: a message never shares its instant with the one before it (the match row is locked).
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
        earlier = await _by_key(scope, idempotency_key or "")
        if earlier is None:
            raise Conflict(_("This Idempotency-Key was already used for another message.")) from None
        return _replayed(scope, earlier, match_id=match_id, text=text)
    await _tell(scope, pair, message, hold_until=standing.muted_until if pair.side == "carer" else None)
    return Sent(message, replayed=False, crisis_lines=_lines_if(scope, message))


async def _by_key(scope: Scope, key: str) -> Message | None:
    return await scope.session.scalar(
        select(Message).where(Message.sender_user_id == scope.actor.user_id, Message.idempotency_key == key)
    )


def _replayed(scope: Scope, earlier: Message, *, match_id: uuid.UUID, text: str) -> Sent:
    """The first message sent with this key, when this request is its retry (same pair, same words)."""
    if earlier.match_id != match_id:
        raise Conflict(_("This Idempotency-Key was already used for another message."))
    if earlier.text is not None and earlier.text != text:  # (None: its words were removed since)
        raise Invalid(str(_KEY_REUSED), field="Idempotency-Key")
    return Sent(earlier, replayed=True, crisis_lines=_lines_if(scope, earlier))


async def _tell(scope: Scope, pair: Pair, message: Message, *, hold_until: datetime | None) -> None:
    """One notification per pair while it is unread: a further message brings it up to date."""
    match = pair.match
    recipient = match.buddy_user_id if pair.side == "carer" else match.carer_user_id
    prefix = kinds.NewMessage.key_prefix(match.id)
    waiting = await notifications.unread_with_prefix(
        scope.session, user_id=recipient, kind=kinds.NewMessage, dedupe_prefix=prefix
    )
    if waiting is not None:
        count = int(waiting.data.get("count", 1)) + 1
        await notifications.refresh(scope.session, waiting, data={"count": count}, now=scope.now)
        return
    assert scope.actor.user_id is not None
    await scope.notify(
        recipient,
        kinds.NewMessage,
        {"match_id": match.id, "sender_name": await _first_name(scope, scope.actor.user_id)},
        dedupe_key=f"{prefix}{message.id}",
        role=Role.BUDDY if pair.side == "carer" else Role.CARER,
        hold_until=hold_until,  # a buddy's mute holds it until the mute ends; the message is there now
    )


def _lines_if(scope: Scope, message: Message) -> list[dict[str, Any]]:
    return safeguarding.crisis_lines(scope) if message.reads_as_crisis else []


async def mark_read(scope: Scope, *, match_id: uuid.UUID) -> int:
    """The reader has read the other person's messages: each gets its read receipt once.

    The reader's notification of them is taken back (nothing more is pushed, e-mailed or texted).
    """
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
    assert scope.actor.user_id is not None
    await notifications.withdraw_with_prefix(
        scope.session,
        user_id=scope.actor.user_id,
        kind=kinds.NewMessage,
        dedupe_prefix=kinds.NewMessage.key_prefix(match_id),
        now=scope.now,
    )
    return int(getattr(done, "rowcount", 0) or 0)


# --- reports ----------------------------------------------------------------------------------------------


async def report(scope: Scope, *, match_id: uuid.UUID, message_id: uuid.UUID, reason: str) -> Reported:
    """Either person asks the centre to look at the other's message: coordinators are told, it is audited.

    Once per message and person: asking again returns the first report and tells no one again. Also in
    the carer's copy of an ended match, and when messages are switched off.
    """
    pair = await _readable(scope, match_id)
    message = await scope.session.get(Message, message_id)
    if message is None or message.match_id != match_id:
        raise NotFound(_("No such message."))
    if not policy.can_report(scope.actor, pair.match, "carer" if message.sender == "carer" else "buddy"):
        raise Invalid(_("You can't report your own message."), field="message")
    assert scope.actor.user_id is not None
    first = await _report_by(scope, message.id, scope.actor.user_id)
    if first is not None:
        return Reported(first, again=True)
    entry = MessageReport(
        id=uuid.uuid4(),
        message_id=message.id,
        match_id=match_id,
        organisation_id=pair.match.organisation_id,
        reporter_user_id=scope.actor.user_id,
        reason=reason,
        reported_at=scope.now,
    )
    try:
        async with scope.session.begin_nested():
            scope.session.add(entry)
            await scope.session.flush()
    except IntegrityError:  # the same person twice at once: the first stands
        first = await _report_by(scope, message.id, scope.actor.user_id)
        assert first is not None
        return Reported(first, again=True)
    # About the person whose message it is, withheld from them (a report is a worry, as a concern is).
    await scope.audit(
        "messaging.message.reported",
        subject_user_id=message.sender_user_id,
        object_type=REPORT_OBJECT,
        object_id=entry.id,
        details={"reason": reason},
    )
    for coordinator_id in await organisations.coordinators_to_alert(
        scope.session, organisation_id=pair.match.organisation_id, on_duty_only=False
    ):
        if coordinator_id in (pair.match.carer_user_id, pair.match.buddy_user_id):
            continue  # never told of a report about their own pair
        await scope.notify(
            coordinator_id, kinds.MessageReported, {"report_id": entry.id}, dedupe_key=f"report:{entry.id}"
        )
    return Reported(entry, again=False)


async def _report_by(scope: Scope, message_id: uuid.UUID, reporter: uuid.UUID) -> MessageReport | None:
    return await scope.session.scalar(
        select(MessageReport).where(
            MessageReport.message_id == message_id, MessageReport.reporter_user_id == reporter
        )
    )


async def mute(scope: Scope, *, match_id: uuid.UUID, until: datetime | None) -> datetime | None:
    """The buddy mutes the thread's notifications until ``until`` (at most 14 days), or unmutes it.

    What is waiting to tell them of new messages is held until then, or goes now when they unmute.
    """
    pair = await _readable(scope, match_id)
    if pair.side != "buddy":
        raise scope.refusal(_("Only a buddy mutes a thread."))
    if until is not None and (until <= scope.now or until > scope.now + timedelta(days=policy.MAX_MUTE_DAYS)):
        raise Invalid(_("Please choose a time within the next 14 days."), field="until")
    assert scope.actor.user_id is not None
    existing = await scope.session.scalar(
        select(MessageMute).where(
            MessageMute.match_id == match_id, MessageMute.user_id == scope.actor.user_id
        )
    )
    if until is None:
        if existing is not None:
            await scope.session.delete(existing)
    elif existing is None:
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
    await notifications.hold(
        scope.session,
        user_id=scope.actor.user_id,
        kind=kinds.NewMessage,
        dedupe_prefix=kinds.NewMessage.key_prefix(match_id),
        until=until,
        now=scope.now,
    )
    return until


# --- coordinators: reported messages ----------------------------------------------------------------------


def _not_my_pair(scope: Scope) -> Any:
    """Reports about a pair the coordinator is part of are left out for them."""
    me = scope.actor.user_id
    return and_(Match.carer_user_id != me, Match.buddy_user_id != me) if me is not None else true()


def _views_query(scope: Scope) -> Any:
    carer, buddy, dealer = aliased(User), aliased(User), aliased(User)
    return (
        select(MessageReport, Match, carer.display_name, buddy.display_name, dealer.display_name)
        .join(Match, Match.id == MessageReport.match_id)
        .join(carer, carer.id == Match.carer_user_id)
        .join(buddy, buddy.id == Match.buddy_user_id)
        .outerjoin(dealer, dealer.id == MessageReport.dealt_with_by_user_id)
        .where(MessageReport.organisation_id == scope.organisation_id, _not_my_pair(scope))
    )


def _view(row: Any, messages: list[Message] | None = None) -> ReportView:
    entry, match, carer_name, buddy_name, dealer_name = row
    return ReportView(
        report=entry,
        carer_name=_first(carer_name),
        buddy_name=_first(buddy_name),
        reporter="carer" if entry.reporter_user_id == match.carer_user_id else "buddy",
        messages=messages or [],
        dealt_with_by_name=dealer_name,
    )


async def list_reports(scope: Scope) -> list[ReportView]:
    """The organisation's message reports, open first, newest first within each (coordinators; audited).

    Names come with the reports in one query, whatever their number.
    """
    scope.require(policy.reads_reports, _("Only coordinators read message reports."))
    rows = (
        await scope.session.execute(
            _views_query(scope)
            .order_by(
                case((MessageReport.dealt_with_at.is_(None), 0), else_=1),
                MessageReport.reported_at.desc(),
                MessageReport.id.desc(),
            )
            .limit(200)
        )
    ).all()
    await scope.audit("messaging.reports.listed", details={"count": len(rows)})
    return [_view(row) for row in rows]


async def _one(scope: Scope, report_id: uuid.UUID) -> Any:
    scope.require(policy.reads_reports, _("Only coordinators read message reports."))
    row = (await scope.session.execute(_views_query(scope).where(MessageReport.id == report_id))).first()
    if row is None:  # none, another organisation's, or about the coordinator's own pair
        raise NotFound(_("No such report."))
    return row


async def get_report(scope: Scope, *, report_id: uuid.UUID) -> ReportView:
    """One report with the reported message and the few before it (coordinators; audited).

    Audited for both people whose words are read: the one who asked sees it in their access log, the
    other never does (``REPORT_OBJECT``).
    """
    row = await _one(scope, report_id)
    entry, match = row[0], row[1]
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
    for person in (match.carer_user_id, match.buddy_user_id):
        await scope.audit(
            "messaging.report.viewed",
            subject_user_id=person,
            object_type=ASKED_OBJECT if person == entry.reporter_user_id else REPORT_OBJECT,
            object_id=entry.id,
        )
    return _view(row, [*reversed(list(before)), reported])


async def deal_with_report(scope: Scope, *, report_id: uuid.UUID) -> ReportView:
    """A coordinator marks a report dealt with (audited); it leaves the open ones.

    Once: a report already dealt with stays as it was (who and when).
    """
    row = await _one(scope, report_id)
    entry: MessageReport = row[0]
    if entry.dealt_with_at is None:
        entry.dealt_with_at = scope.now
        entry.dealt_with_by_user_id = scope.actor.user_id
        await scope.audit(
            "messaging.report.dealt_with",
            subject_user_id=entry.reporter_user_id,
            object_type=ASKED_OBJECT,
            object_id=entry.id,
        )
        # No coordinator is left with "A message needs a look" for it.
        await notifications.mark_read_for(
            scope.session,
            dedupe_keys=[f"report:{entry.id}"],
            now=scope.now,
            organisation_id=scope.organisation_id,
        )
        await scope.session.flush()
        row = (await scope.session.execute(_views_query(scope).where(MessageReport.id == report_id))).one()
    return _view(row)


async def count_open_reports(scope: Scope) -> int:
    """How many reports wait for a coordinator (Needs attention), leaving out their own pair's."""
    scope.require(policy.reads_reports, _("Only coordinators read message reports."))
    return int(
        await scope.session.scalar(
            select(func.count())
            .select_from(MessageReport)
            .join(Match, Match.id == MessageReport.match_id)
            .where(
                MessageReport.organisation_id == scope.organisation_id,
                MessageReport.dealt_with_at.is_(None),
                _not_my_pair(scope),
            )
        )
        or 0
    )
