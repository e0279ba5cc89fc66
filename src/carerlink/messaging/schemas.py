"""Request and response shapes of messages within a pair (issue 18)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

import msgspec

from carerlink.kit.schema import Lines, Schema
from carerlink.organisations.schemas import CrisisLine

MessageText = Annotated[
    Lines, msgspec.Meta(min_length=1, max_length=2000, description="The message (1 to 2,000 characters)")
]
ReportReason = Literal["worried", "not_ok"]


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


class ThreadRead(Schema):
    """A page of a pair's thread, oldest first (``earlier``: older messages exist before ``before``).

    ``boundary`` is the calm line every thread shows once, with the crisis lines one tap away.
    ``can_write`` is false once the match has ended (the carer keeps a read-only copy) or messages are off;
    ``why_not`` says why in plain words. ``muted_notice`` tells a carer their buddy's replies may be slower.
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
    """The reporter is told the centre is looking at it."""

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
    """A report in the coordinators' list (no message words: opening it is audited)."""

    id: uuid.UUID
    match_id: uuid.UUID
    reason: ReportReason
    reason_words: str
    reported_at: datetime
    reporter: Literal["carer", "buddy"]
    carer_name: str
    buddy_name: str


class ReportRead(ReportSummaryRead, kw_only=True):
    """One report with the reported message and the few before it."""

    messages: list[ReportedMessageRead]
