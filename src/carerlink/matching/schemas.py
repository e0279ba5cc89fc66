"""Request and response shapes of the matching API."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

import msgspec

from carerlink.accounts.schemas import PhoneRead
from carerlink.kit.schema import Lines, MultiLine, Schema
from carerlink.matching.models import ChangeKind, Decision, DraftStatus, EndReason, MatchStatus

Note = Annotated[MultiLine, msgspec.Meta(max_length=1000)]
Reason = Annotated[MultiLine, msgspec.Meta(max_length=500)]
Feedback = Annotated[Lines, msgspec.Meta(min_length=1, max_length=1000)]


class ExplanationPointRead(Schema):
    """One reason for a match, or one compromise in it."""

    factor: str
    text: str


class ExplanationRead(Schema):
    """A score out of 100 with its reasons (best first) and compromises, in plain words.

    The carer and the buddy get no score and no compromises: only the reasons safe to say to both.
    """

    score: int | None
    summary: str
    reasons: list[ExplanationPointRead]
    compromises: list[ExplanationPointRead]


class PersonRead(Schema):
    """A carer or buddy in a match or proposal.

    In a match, ``phone`` only when the reader may see it: coordinators always, the person themself, the
    other of the pair only while the match is active or paused and the person shares it
    (``shares_phone``, their own choice for this match).
    """

    membership_id: uuid.UUID
    user_id: uuid.UUID
    display_name: str
    phone: PhoneRead | None = None
    shares_phone: bool = False


class PhoneSharing(Schema):
    """Whether the other person of the match sees my number."""

    share: bool


class SuggestionRead(Schema):
    """A buddy suggested for a carer."""

    buddy: PersonRead
    score: int
    places_taken: int
    capacity: int
    explanation: ExplanationRead


class KeptApartRead(Schema):
    """A buddy never suggested for this carer again, and why (a declined pair, or how their match ended)."""

    buddy: PersonRead
    reason: str


class SuggestionsRead(Schema):
    """The best buddies for a carer; ``on_hold`` says why there can be none yet."""

    carer: PersonRead
    on_hold: str | None
    suggestions: list[SuggestionRead]
    kept_apart: list[KeptApartRead] = []


class WaitingCarerRead(Schema):
    """A carer on the waiting list."""

    carer: PersonRead
    waiting_since: datetime
    waiting_days: int
    has_profile: bool
    under_18: bool
    interpreter_needed: bool
    earlier_proposals: int
    joined: bool = True  # False: brought in from a spreadsheet, "invited, not yet joined" (issue 16)


class MyWaitingRead(Schema):
    """Where I stand as a carer, and what happens next."""

    state: Literal["needs_profile", "waiting", "introduction", "matched", "paused", "ended"]
    on_waiting_list: bool
    waiting_since: datetime | None
    waiting_days: int | None
    next_steps: str
    match_id: uuid.UUID | None
    # My last match, once ended and while I have no other: why, and whether I'd like another buddy.
    last_ending: LastEndingRead | None = None


class LastEndingRead(Schema):
    """A carer's last match, ended: what their home asks them about it."""

    match_id: uuid.UUID
    buddy_name: str
    ended_at: datetime | None
    ending_words: str
    # My answer to "Would you like another buddy?"; null until I give one.
    wants_rematch: bool | None
    feedback_given: bool


class MatchCreate(Schema):
    """A coordinator proposes a carer and a buddy to each other (nothing is live until both accept)."""

    carer_membership_id: uuid.UUID
    buddy_membership_id: uuid.UUID
    note: Note = ""


class DeclineRequest(Schema):
    """Say no to a proposed match; the reason (optional) is seen only by coordinators."""

    reason: Reason = ""


class WithdrawRequest(Schema):
    """A coordinator takes back a proposal before both have accepted."""

    reason: Reason = ""


class EndRequest(Schema):
    """End a match, with the reason; the person ending it may add feedback."""

    reason: EndReason
    note: Note = ""
    feedback: Annotated[MultiLine, msgspec.Meta(max_length=1000)] = ""
    # Only the carer ending their own match: would they like another buddy? Unsent: asked on their home.
    wants_rematch: bool | None = None


class RematchAnswer(Schema):
    """After a match ended, the carer says whether they'd like another buddy."""

    wants_rematch: bool


class ChangeRequestCreate(Schema):
    """The carer or the buddy asks the coordinators for a break, or for a different buddy."""

    kind: ChangeKind


class ChangeRequestRead(Schema):
    """An ask for a break or a different buddy, waiting for a coordinator."""

    id: uuid.UUID
    match_id: uuid.UUID
    kind: ChangeKind
    asked_at: datetime


class FeedbackRequest(Schema):
    """Feedback on an ended match from the carer or the buddy (once each)."""

    feedback: Feedback


class IntroductionRead(Schema):
    """A short introduction of the other person, shown before each decides."""

    display_name: str
    lines: list[str]
    in_their_words: str


class MatchEventRead(Schema):
    """One step in a match's history (coordinators)."""

    at: datetime
    event: str
    from_status: MatchStatus | None
    to_status: MatchStatus
    actor_user_id: uuid.UUID | None


class MatchRead(Schema):
    """A match as the person asking may see it.

    The carer and the buddy see the other's introduction and why they were suggested while the match
    is open, and only their own answer; coordinators also see both answers, notes, reasons, feedback
    and the history.
    """

    id: uuid.UUID
    organisation_id: uuid.UUID
    status: MatchStatus
    viewer: Literal["coordinator", "carer", "buddy"]
    carer: PersonRead
    buddy: PersonRead
    proposed_at: datetime
    activated_at: datetime | None
    paused_at: datetime | None
    closed_at: datetime | None
    my_decision: Decision | None = None
    my_feedback: str | None = None
    # My open asks for a break or a different buddy (the carer or the buddy, while the match is open).
    my_requests: list[ChangeKind] | None = None
    # Once ended: why, in the words both people read (coordinators also get ``end_reason``).
    ending_words: str | None = None
    # The carer's answer to "another buddy?" after an ending (the carer and coordinators; null until given).
    wants_rematch: bool | None = None
    # Both said yes but it has not started: held for a coordinator (the buddy's screening lapsed).
    on_hold: bool = False
    introduction: IntroductionRead | None = None
    explanation: ExplanationRead | None = None
    score: int | None = None
    note: str | None = None
    carer_decision: Decision | None = None
    buddy_decision: Decision | None = None
    carer_decline_reason: str | None = None
    buddy_decline_reason: str | None = None
    end_reason: EndReason | None = None
    close_note: str | None = None
    carer_feedback: str | None = None
    buddy_feedback: str | None = None
    events: list[MatchEventRead] | None = None
    # Messages from the other person not yet read (the carer or the buddy of the match; 0 for
    # coordinators, for a former buddy and when the pair has no messages). Issue 18.
    unread_messages: int = 0


class MatchSummaryRead(Schema):
    """A match in a list."""

    id: uuid.UUID
    status: MatchStatus
    carer: PersonRead
    buddy: PersonRead
    proposed_at: datetime
    activated_at: datetime | None
    closed_at: datetime | None
    # The answer of the person asking, when they are the carer or the buddy of this match.
    my_decision: Decision | None = None
    # Whether the person asking (the carer or the buddy) has given feedback on this ended match.
    my_feedback_given: bool | None = None
    # Messages from the other person the asker has not read (their own matches only; 0 otherwise, and
    # when the pair has no messages). Issue 18.
    unread_messages: int = 0


class DraftItemRead(Schema):
    """One pair proposed in a draft, explained."""

    id: uuid.UUID
    carer: PersonRead
    buddy: PersonRead
    score: int
    note: str
    added_by_hand: bool
    explanation: ExplanationRead


class DraftRead(Schema):
    """Proposals for the whole waiting list, to review, edit and confirm (nobody is told before)."""

    id: uuid.UUID
    status: DraftStatus
    created_at: datetime
    carers_considered: int
    buddies_considered: int
    total_score: float
    greedy_total: float
    items: list[DraftItemRead]
    unplaced: list[PersonRead]


class DraftItemCreate(Schema):
    """Add a pair to a draft, or give a carer in it a different buddy."""

    carer_membership_id: uuid.UUID
    buddy_membership_id: uuid.UUID
    note: Note = ""


class DraftItemUpdate(Schema):
    """Change the note of a proposed pair."""

    note: Note


class DraftConfirmed(Schema):
    """The matches proposed when a draft was confirmed."""

    draft_id: uuid.UUID
    matches: list[MatchSummaryRead]
