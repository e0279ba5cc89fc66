"""Request and response shapes of messages within a pair (issue 18)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

import msgspec

from carerlink.kit.schema import Lines, Schema
from carerlink.organisations.schemas import CrisisLine

MessageText = Annotated[
    Lines,
    msgspec.Meta(
        min_length=1,
        max_length=2000,
        description=(
            "The message: 1 to 2,000 characters, counted in Unicode code points (an emoji is one, as"
            " the app counts it), with something to read in it (not only spaces or invisible characters)"
        ),
    ),
]
ReportReason = Literal["worried", "not_ok"]
ReportStatus = Literal["open", "dealt_with"]


class MessageCreate(Schema):
    """A new message to the other person of the pair."""

    text: MessageText


class MessageRead(Schema):
    """One message as one of the pair reads it."""

    id: uuid.UUID
    sender: Literal["carer", "buddy"]
    mine: bool
    text: str | None  # None once removed (erasure, retention)
    sent_at: datetime
    read_at: datetime | None  # when the other person read it
    reported_by_me: bool = False  # the reader has asked the centre to look at this message


class ThreadRead(Schema):
    """A page of a pair's thread, oldest first, newest last.

    Paging: ``earlier`` says older messages exist; pass ``earlier_before`` (an opaque marker of the oldest
    message shown, ``None`` when there is nothing earlier) as ``?before=`` for the page before it. The
    order is (``sent_at``, ``id``), so messages sent at the same instant are neither repeated nor skipped.

    ``boundary`` is the calm line every thread shows once, with the crisis lines one tap away.
    ``can_write`` is false before the match starts, once it has ended (the carer keeps a read-only copy),
    while the other person is away from carerlink, or when messages are off; ``why_not`` says why in plain
    words. ``muted_notice`` tells the carer, kindly and in their language, whenever replies may be slower
    (the buddy muted the thread, is taking a break, or the match is paused).

    ``crisis_words`` (the carer only; empty for the buddy): the phrases the server reads a carer's message
    against (English and the carer's language), already folded. The app checks a message it queues
    offline with the same rule, so the crisis lines show at once; the server stays the judge of what was
    sent (``SentRead.reads_as_crisis``). The rule, step by step (``messaging.policy.fold``):

    1. lower-case the text;
    2. remove apostrophes (U+0027, U+2018, U+2019, U+02BC, U+0060, U+00B4), so "can't", "can\u2019t" and
       "cant" are one;
    3. Unicode NFKD, then remove every combining mark (category M): "się" → "sie", "ż" → "z";
    4. replace "ł" with "l", and the Arabic letters U+064A and U+0649 with U+06CC, U+0643 with U+06A9 and
       U+0647 with U+06C1 (Urdu's yeh, keheh and heh goal, as an Arabic keyboard types them);
    5. turn every run of characters that are not letters or digits (Unicode categories L and N: spaces,
       punctuation, hyphens, zero-width and control characters) into one space, and trim both ends;
    6. the message reads as a crisis when ``" " + folded`` contains ``" " + phrase`` for some phrase: a
       phrase matches from the start of a word, whatever follows it (a stem matches its longer forms).
    """

    match_id: uuid.UUID
    me: Literal["carer", "buddy"]
    other_name: str
    messages: list[MessageRead]
    earlier: bool
    can_write: bool
    why_not: str | None
    boundary: str
    crisis_lines: list[CrisisLine]
    muted_until: datetime | None
    muted_notice: str | None
    crisis_words: list[str] = msgspec.field(default_factory=list)
    earlier_before: str | None = None


class SentRead(Schema):
    """The message as stored, and whether it reads as a crisis.

    With ``reads_as_crisis`` the carer's app shows the crisis lines and "Tell the centre" (``help_path``,
    the existing help request). Nothing is escalated by itself.
    """

    message: MessageRead
    reads_as_crisis: bool
    crisis_lines: list[CrisisLine]
    crisis_words: str | None
    help_path: str | None


class ReadResult(Schema):
    """How many messages were marked read."""

    read: int


class ReportCreate(Schema):
    """Either "This worried me" (``worried``) or "This wasn't OK" (``not_ok``)."""

    reason: ReportReason


class ReportAck(Schema):
    """The reporter is told the centre is looking at it (asking again: 200 and the first report)."""

    id: uuid.UUID
    detail: str


class MuteSet(Schema):
    """Mute the thread's notifications until a time (at most 14 days ahead); ``null`` unmutes."""

    until: datetime | None


class MuteRead(Schema):
    """Until when the thread is muted (``None``: not muted)."""

    muted_until: datetime | None


class ReportedMessageRead(Schema):
    """A message as coordinators read it through a report."""

    id: uuid.UUID
    sender: Literal["carer", "buddy"]
    sender_name: str
    text: str | None
    sent_at: datetime
    reported: bool


class ReportSummaryRead(Schema):
    """A report in the coordinators' list (no message words: opening it is audited).

    ``status``: ``open`` until a coordinator marks it dealt with (when and by whom).
    """

    id: uuid.UUID
    match_id: uuid.UUID
    reason: ReportReason
    reason_words: str
    reported_at: datetime
    reporter: Literal["carer", "buddy"]
    carer_name: str
    buddy_name: str
    status: ReportStatus
    dealt_with_at: datetime | None
    dealt_with_by_name: str | None


class ReportRead(ReportSummaryRead, kw_only=True):
    """One report with the reported message and the few before it."""

    messages: list[ReportedMessageRead]


class OpenReportsRead(Schema):
    """How many reports wait for a coordinator (Needs attention's "Reported messages (N)")."""

    open: int
