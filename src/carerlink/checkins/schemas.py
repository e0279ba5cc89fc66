"""Request and response shapes of the check-ins API."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

import msgspec

from carerlink.accounts.schemas import PhoneRead
from carerlink.kit.schema import LocalTime as KitLocalTime
from carerlink.kit.schema import MultiLine, Schema
from carerlink.organisations.schemas import CrisisLine

Weekday = Annotated[int, msgspec.Meta(ge=0, le=6, description="0 = Monday … 6 = Sunday")]
LocalTime = Annotated[KitLocalTime, msgspec.Meta(examples=["19:00"])]
Wellbeing = Annotated[
    int,
    msgspec.Meta(
        ge=1, le=5, description="1 struggling, 2 finding it hard, 3 getting by, 4 doing okay, 5 doing well"
    ),
]
Note = Annotated[MultiLine, msgspec.Meta(max_length=1000)]
Message = Annotated[MultiLine, msgspec.Meta(max_length=2000)]


class PlanSet(Schema):
    """A pair's rhythm: weekly or fortnightly, on these weekdays, at a time in the carer's time zone."""

    frequency: Literal["weekly", "fortnightly"]
    weekdays: Annotated[list[Weekday], msgspec.Meta(min_length=1, max_length=7)]
    local_time: LocalTime
    start_date: date | None = None
    paused: bool = False


class UpcomingRead(Schema):
    """A check-in to come (or open now)."""

    id: uuid.UUID
    due_at: datetime
    local_start: str | None
    time_zone: str
    state: str


class PlanRead(Schema):
    """The plan as agreed."""

    frequency: str
    weekdays: list[int]
    local_time: str
    time_zone: str
    start_date: date
    paused: bool
    version: int
    updated_at: datetime


class PairPlanRead(Schema):
    """A pair's plan (``null`` before one is agreed) and the next check-ins."""

    match_id: uuid.UUID
    plan: PlanRead | None
    upcoming: list[UpcomingRead]


class AnswerCreate(Schema):
    """The carer's answer. The note is optional and only the buddy (and, for safety, coordinators) see it.

    ``wellbeing`` may be left out only with ``needs_help``: a call for help never waits for a score.
    """

    wellbeing: Wellbeing | None = None
    note: Note | None = None
    wants_call: bool = False
    needs_help: bool = False


class ReplyCreate(Schema):
    """The buddy's reply: a message, or that they spoke, or that a call is arranged."""

    kind: Literal["message", "we_spoke", "call_arranged"]
    message: Message | None = None


class WellbeingAnswerRead(Schema):
    """One answer's score, its words and when it was given."""

    checkin_id: uuid.UUID
    answered_at: datetime
    wellbeing: int
    wellbeing_words: str


class CarerWellbeingRead(Schema):
    """How a carer has been: their first check-in with a score against their latest (coordinators).

    ``answers``: how many check-ins they answered with a score; ``first`` and ``latest`` are ``null``
    until there is one (the same one while there is only one).
    """

    membership_id: uuid.UUID
    display_name: str
    answers: int
    first: WellbeingAnswerRead | None
    latest: WellbeingAnswerRead | None


class CheckinRead(Schema):
    """One check-in, with the answer and the reply once there are.

    Once a match has ended its former buddy gets ``match_ended`` and ``answers_shown: false``, with the
    carer's answers (wellbeing, note, a call, help now) left out as ``null``; their own reply stays.
    """

    id: uuid.UUID
    match_id: uuid.UUID
    kind: str
    due_at: datetime
    local_start: str | None
    time_zone: str
    state: str
    answered_at: datetime | None
    wellbeing: int | None
    wellbeing_words: str | None
    note: str | None
    wants_call: bool | None
    needs_help: bool | None
    replied_at: datetime | None
    reply_kind: str | None
    reply_message: str | None
    match_ended: bool = False
    answers_shown: bool = True
    # With ``needs_help``, on one check-in's page: whether a coordinator has acknowledged the crisis
    # alert it raised (issue 13: "the coordinators have been alerted" stops being said then).
    help_acknowledged: bool | None = None
    # On a single check-in: the carer's number for a reader who may see it (coordinators; the buddy
    # while the match is active or paused and the carer shares their number with them).
    carer_phone: PhoneRead | None = None


class AnswerRead(Schema):
    """The answered check-in, and the crisis lines at once when the carer asked for help now.

    With "I need help now" and no score, a planned check-in stays open (``state``) for a score later;
    ``alert_id`` is the crisis alert raised, which the carer may say they raised by mistake.
    """

    checkin: CheckinRead
    crisis_lines: list[CrisisLine]
    help_is_coming: bool
    alert_id: uuid.UUID | None = None


class LadderStepRead(Schema):
    """One rung of the ladder this check-in has been through, and when."""

    step: Literal[
        "prompt", "nudge", "tell_buddy", "missed", "buddy_reminder", "tell_coordinator", "low_score_review"
    ]
    at: datetime


class AttentionItemRead(Schema):
    """Something a coordinator should look at, with every step the ladder took before it.

    A check-in item (missed, no reply, low scores) carries the check-in; an ask for a break or a
    different buddy carries who asked (``asked_by``) and has no check-in. Items about a buddy alone
    (issue 13: an ask to talk something through, overdue supervision) have no match and no carer
    (``carer_name`` is empty) and carry the buddy's membership; an ask to talk carries how soon
    (``urgency``) and the buddy's own words (``note``, coordinators only); overdue supervision carries
    the last supervision and the date it was due.
    """

    id: uuid.UUID
    reason: Literal[
        "missed",
        "tell_coordinator",
        "low_score_review",
        "asked_for_break",
        "asked_for_different_buddy",
        "debrief_requested",
        "supervision_overdue",
        "text_received",
        "unreachable",
    ]
    at: datetime
    checkin_id: uuid.UUID | None
    match_id: uuid.UUID | None
    due_at: datetime | None
    carer_name: str
    buddy_name: str
    steps: list[LadderStepRead]
    asked_by: Literal["carer", "buddy"] | None = None
    buddy_membership_id: uuid.UUID | None = None
    urgency: Literal["today", "this_week", "whenever"] | None = None
    note: str | None = None
    last_supervised_on: date | None = None
    supervision_due_on: date | None = None
    # The numbers to ring (coordinators always see them); null where none is on record.
    carer_phone: PhoneRead | None = None
    buddy_phone: PhoneRead | None = None
    # Issue 14, ``unreachable``: the carer's membership (their page shows how we reach them) and what
    # doesn't work, in plain words. It leaves the list once a channel works again.
    carer_membership_id: uuid.UUID | None = None
    problems: list[str] = msgspec.field(default_factory=list)


class Resolve(Schema):
    """What the coordinator did (kept on record)."""

    note: Annotated[MultiLine, msgspec.Meta(max_length=1000)] = ""
