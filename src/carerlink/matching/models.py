"""Tables of the matching domain: matches with their history, and waiting-list proposal drafts."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Enum, ForeignKey, Index, String, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column

from carerlink.db import Base, TimestampMixin, UuidPrimaryKey


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, values_callable=lambda e: [m.value for m in e], length=20)


class MatchStatus(enum.StrEnum):
    """Where a match stands (DOMAIN.md "Matching": three consents, then live, paused, ended)."""

    PROPOSED = "proposed"
    ACTIVE = "active"
    PAUSED = "paused"
    ENDED = "ended"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


# A match in these states holds one of the buddy's places and the carer's one match.
OPEN_STATUSES = (MatchStatus.PROPOSED, MatchStatus.ACTIVE, MatchStatus.PAUSED)
_OPEN_SQL = "status IN ('proposed', 'active', 'paused')"


class Decision(enum.StrEnum):
    """A carer's or buddy's answer to a proposed match."""

    ACCEPTED = "accepted"
    DECLINED = "declined"


class EndReason(enum.StrEnum):
    """Why a match ended (reported to funders as "match endings by reason")."""

    CARING_ENDED = "caring_ended"
    GOALS_MET = "goals_met"
    CARER_REQUEST = "carer_request"
    BUDDY_REQUEST = "buddy_request"
    BUDDY_STEPPING_DOWN = "buddy_stepping_down"  # also: the buddy's membership ended (issue 10 §2)
    CARER_LEFT = "carer_left"  # the carer's membership ended (issue 10 §2)
    NOT_A_GOOD_FIT = "not_a_good_fit"
    LOST_CONTACT = "lost_contact"
    MOVED_AWAY = "moved_away"
    SAFEGUARDING = "safeguarding"
    OTHER = "other"


class Match(UuidPrimaryKey, TimestampMixin, Base):
    """A carer and a buddy, proposed by a coordinator, live once both have said yes.

    ``score`` is the score when proposed. Notes and reasons are kept for coordinators; the two people
    see only their own answers.
    """

    __tablename__ = "matches"

    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    carer_membership_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("memberships.id", ondelete="CASCADE"))
    carer_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    buddy_membership_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("memberships.id", ondelete="CASCADE"))
    buddy_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[MatchStatus] = mapped_column(_enum(MatchStatus, "match_status"))
    score: Mapped[float]
    note: Mapped[str] = mapped_column(String(1000), default="")
    proposed_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    proposed_at: Mapped[datetime]
    draft_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("match_drafts.id", ondelete="SET NULL"))
    carer_introduced_at: Mapped[datetime | None]
    buddy_introduced_at: Mapped[datetime | None]
    carer_decision: Mapped[Decision | None] = mapped_column(_enum(Decision, "match_decision"))
    carer_decided_at: Mapped[datetime | None]
    carer_decline_reason: Mapped[str | None] = mapped_column(String(500))
    buddy_decision: Mapped[Decision | None] = mapped_column(_enum(Decision, "match_decision"))
    buddy_decided_at: Mapped[datetime | None]
    buddy_decline_reason: Mapped[str | None] = mapped_column(String(500))
    activated_at: Mapped[datetime | None]
    paused_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]  # declined, withdrawn or ended
    closed_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    end_reason: Mapped[EndReason | None] = mapped_column(_enum(EndReason, "match_end_reason"))
    close_note: Mapped[str | None] = mapped_column(String(1000))
    carer_feedback: Mapped[str | None] = mapped_column(String(1000))
    buddy_feedback: Mapped[str | None] = mapped_column(String(1000))
    # After an ending, whether the carer would like another buddy: their own answer, or None until they
    # give it (then the end reason decides: matching.service.wants_another_buddy). Issue 10 §3.
    wants_rematch: Mapped[bool | None]
    wants_rematch_at: Mapped[datetime | None]
    events_recorded: Mapped[int] = mapped_column(default=0)  # numbers the history, in order
    # Each person's own choice to show their phone number to the other, for this match only (a new
    # match starts unshared); shown only while the match is open (matching/policy.py other_phone).
    carer_shares_phone: Mapped[bool] = mapped_column(default=False, server_default=false())
    buddy_shares_phone: Mapped[bool] = mapped_column(default=False, server_default=false())

    __table_args__ = (
        # One open match per carer: the database refuses a second, whoever asks and however fast.
        Index(
            "uq_matches_carer_membership_id_open",
            "carer_membership_id",
            unique=True,
            sqlite_where=text(_OPEN_SQL),
            postgresql_where=text(_OPEN_SQL),
        ),
        Index("ix_matches_organisation_id_status", "organisation_id", "status"),
        Index("ix_matches_buddy_membership_id_status", "buddy_membership_id", "status"),
    )

    @property
    def is_open(self) -> bool:
        """Proposed, active or paused."""
        return self.status in OPEN_STATUSES


class MatchEvent(UuidPrimaryKey, Base):
    """One transition of a match: who, when, from and to (reasons stay on the match, for coordinators)."""

    __tablename__ = "match_events"

    match_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("matches.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]  # 1, 2, … within the match (two steps can share an instant)
    at: Mapped[datetime]
    actor_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    event: Mapped[str] = mapped_column(String(40))
    from_status: Mapped[MatchStatus | None] = mapped_column(_enum(MatchStatus, "match_status"))
    to_status: Mapped[MatchStatus] = mapped_column(_enum(MatchStatus, "match_status"))


class ChangeKind(enum.StrEnum):
    """What the carer or the buddy asked the coordinators for, so an ending can be planned."""

    BREAK = "break"
    DIFFERENT_BUDDY = "different_buddy"


class ChangeRequest(UuidPrimaryKey, Base):
    """An ask for a break or for a different buddy: on the coordinators' attention list until dealt with.

    Who asked and when; never a reason (a person says that to a coordinator, not to a form).
    """

    __tablename__ = "match_change_requests"

    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    match_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("matches.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ChangeKind] = mapped_column(_enum(ChangeKind, "match_change_kind"))
    asked_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    asked_by: Mapped[str] = mapped_column(String(10))  # "carer" or "buddy"
    asked_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
    resolved_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    resolution_note: Mapped[str | None] = mapped_column(String(1000))

    __table_args__ = (Index("ix_match_change_requests_open", "organisation_id", "resolved_at"),)


class DraftStatus(enum.StrEnum):
    """Where a waiting-list proposal stands."""

    DRAFT = "draft"
    CONFIRMED = "confirmed"
    DISCARDED = "discarded"


class MatchDraft(UuidPrimaryKey, TimestampMixin, Base):
    """Proposals for a whole waiting list, for coordinators to review, edit and confirm.

    Nobody is told anything until a coordinator confirms it; confirming proposes each pair.
    """

    __tablename__ = "match_drafts"

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    created_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[DraftStatus] = mapped_column(_enum(DraftStatus, "match_draft_status"))
    carers_considered: Mapped[int]
    buddies_considered: Mapped[int]
    total_score: Mapped[float]
    greedy_total: Mapped[float]
    weights: Mapped[dict[str, Any]]
    decided_at: Mapped[datetime | None]
    decided_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class MatchDraftItem(UuidPrimaryKey, Base):
    """One proposed pair in a draft."""

    __tablename__ = "match_draft_items"

    draft_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("match_drafts.id", ondelete="CASCADE"))
    carer_membership_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("memberships.id", ondelete="CASCADE"))
    buddy_membership_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("memberships.id", ondelete="CASCADE"))
    score: Mapped[float]
    note: Mapped[str] = mapped_column(String(1000), default="")
    added_by_hand: Mapped[bool] = mapped_column(default=False)

    __table_args__ = (UniqueConstraint("draft_id", "carer_membership_id"),)
