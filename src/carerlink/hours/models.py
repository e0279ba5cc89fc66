"""Tables of volunteer hours: the time a buddy logged themselves (counted time is read from check-ins)."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import Enum, ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column

from carerlink.db import Base, UuidPrimaryKey


class TimeKind(enum.StrEnum):
    """What the time was spent on."""

    CALL = "call"
    VISIT = "visit"
    MESSAGES = "messages"
    OTHER = "other"


class VolunteerTime(UuidPrimaryKey, Base):
    """Time a buddy gave and logged: a call, a visit, a message session (issue 16).

    ``note`` is the buddy's own words, read only by them and the organisation's coordinators (never in
    a log, a notification, a report or a certificate). On erasure the row stays without its note, so the
    centre's totals do not change.
    """

    __tablename__ = "volunteer_time"

    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    given_on: Mapped[date]
    minutes: Mapped[int]
    kind: Mapped[TimeKind] = mapped_column(
        Enum(
            TimeKind,
            name="volunteer_time_kind",
            native_enum=False,
            values_callable=lambda e: [m.value for m in e],
            length=20,
        )
    )
    note: Mapped[str | None] = mapped_column(Text)
    logged_at: Mapped[datetime]

    __table_args__ = (
        Index("ix_volunteer_time_organisation_id_given_on", "organisation_id", "given_on"),
        Index("ix_volunteer_time_user_id_given_on", "user_id", "given_on"),
    )
