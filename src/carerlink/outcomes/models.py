"""Tables of outcome measures (measures, questions, asks of carers) and equality monitoring answers."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Enum, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from carerlink.db import Base, TimestampMixin, UuidPrimaryKey


def _enum(cls: type[enum.StrEnum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, values_callable=lambda e: [m.value for m in e], length=40)


class AskPoint(enum.StrEnum):
    """When in a carer's support a measure is asked."""

    START = "start"
    THREE_MONTHS = "3_months"
    SIX_MONTHS = "6_months"


class AskState(enum.StrEnum):
    """Where one ask stands."""

    OPEN = "open"  # due, waiting for the carer ("Not now" keeps it open, hidden for a few days)
    ANSWERED = "answered"
    DECLINED = "declined"  # the carer would rather not answer
    CLOSED = "closed"  # not answered within four weeks


class OutcomeMeasure(UuidPrimaryKey, TimestampMixin, Base):
    """A set of questions an organisation asks carers: carerlink's own (``key``) or a licensed instrument.

    The wording of a licensed instrument is entered by the centre that holds the licence; carerlink
    ships none. At most one measure of an organisation is in use (``in_use_since`` set).
    """

    __tablename__ = "outcome_measures"
    __table_args__ = (UniqueConstraint("organisation_id", "key"),)

    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    key: Mapped[str | None] = mapped_column(String(40))  # "carerlink_wellbeing" for the built-in set
    name: Mapped[str] = mapped_column(String(120))
    licence_note: Mapped[str] = mapped_column(Text, default="")
    in_use_since: Mapped[datetime | None]


class OutcomeQuestion(UuidPrimaryKey, Base):
    """One question of a measure, with its answer options: ``[{"words": "…", "score": 1}, …]``."""

    __tablename__ = "outcome_questions"
    __table_args__ = (UniqueConstraint("measure_id", "position"),)

    measure_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("outcome_measures.id", ondelete="CASCADE"))
    position: Mapped[int]
    wording: Mapped[str] = mapped_column(String(500))
    options: Mapped[list[Any]] = mapped_column(JSON())


class OutcomeAsk(UuidPrimaryKey, Base):
    """A measure asked of one carer at one point; ``answers`` maps question position → score chosen."""

    __tablename__ = "outcome_asks"
    __table_args__ = (
        UniqueConstraint("organisation_id", "carer_user_id", "point"),
        Index("ix_outcome_asks_state_due", "state", "due_at"),
    )

    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    carer_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    measure_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("outcome_measures.id", ondelete="CASCADE"))
    point: Mapped[AskPoint] = mapped_column(_enum(AskPoint, "outcome_ask_point"))
    state: Mapped[AskState] = mapped_column(_enum(AskState, "outcome_ask_state"), default=AskState.OPEN)
    due_at: Mapped[datetime]
    not_now_until: Mapped[datetime | None]
    answered_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    answers: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    total: Mapped[int | None]


class EqualityAnswer(UuidPrimaryKey, Base):
    """A carer's or buddy's equality answers (keys of ``words.OPTIONS``), kept only while they consent."""

    __tablename__ = "equality_answers"
    __table_args__ = (UniqueConstraint("organisation_id", "user_id"),)

    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    age_band: Mapped[str] = mapped_column(String(40))
    gender: Mapped[str] = mapped_column(String(40))
    ethnicity: Mapped[str] = mapped_column(String(60))
    answered_at: Mapped[datetime]
