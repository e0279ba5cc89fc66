"""Tables of people's data rights (issue 15): copies of their data, erasure, and retention runs.

None of these hold health information or notes: an export's archive is the one exception, kept only
until its link runs out (7 days) and then wiped by the retention tick.
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Enum, ForeignKey, Index, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from carerlink.db import Base, TimestampMixin, UuidPrimaryKey


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, values_callable=lambda e: [m.value for m in e], length=20)


class ExportState(enum.StrEnum):
    """Where a copy of someone's data stands."""

    PENDING = "pending"  # waiting for a worker (claimed with a lease, like the outboxes)
    READY = "ready"  # built: downloadable until ``expires_at``
    FAILED = "failed"  # could not be built after several tries (coordinators are told)
    EXPIRED = "expired"  # the link ran out; the archive is wiped


class DataExport(UuidPrimaryKey, TimestampMixin, Base):
    """A copy of everything held about one person: asked for by them, or by a coordinator for a member.

    ``organisation_id`` None: the person asked, and it covers every organisation they belong to; set: a
    coordinator asked (after checking who is asking, outside the app), and it covers that organisation.
    The archive (a zip of ``data.json`` and ``data.html``) is built off the request path by the
    ``privacy.exports`` tick and kept only until ``expires_at``.
    """

    __tablename__ = "data_exports"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    requested_by_user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    requested_at: Mapped[datetime]
    # What the coordinator recorded about checking the person's identity (``None`` when the person asked).
    identity_note: Mapped[str | None] = mapped_column(String(300))
    state: Mapped[ExportState] = mapped_column(
        _enum(ExportState, "export_state"), default=ExportState.PENDING
    )
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(String(200))
    lease_token: Mapped[uuid.UUID | None]
    lease_until: Mapped[datetime | None]
    ready_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    archive: Mapped[bytes | None] = mapped_column(LargeBinary)
    archive_bytes: Mapped[int | None]
    # Counts per section (never content): what the person was given, shown on the request.
    summary: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Records released by a coordinator after review that this copy includes (ids of export_reviews).
    includes_released: Mapped[bool] = mapped_column(default=False)
    downloads: Mapped[int] = mapped_column(default=0)
    last_downloaded_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_data_exports_state_lease_until", "state", "lease_until"),)


class ReviewDecision(enum.StrEnum):
    """A coordinator's decision about a safeguarding record before it is released to the person."""

    PENDING = "pending"
    RELEASED = "released"
    WITHHELD = "withheld"


class ExportReview(UuidPrimaryKey, Base):
    """A safeguarding record about the person (a concern, a crisis alert, supervision notes) held back.

    Never released automatically: a coordinator of the record's organisation decides (with a reason when
    withheld, e.g. disclosure would put someone at risk). A release is given to the person as a further
    copy (``DataExport.includes_released``).
    """

    __tablename__ = "export_reviews"

    export_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("data_exports.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    object_type: Mapped[str] = mapped_column(String(40))  # "concern" or "crisis_alert"
    object_id: Mapped[uuid.UUID]
    decision: Mapped[ReviewDecision] = mapped_column(
        _enum(ReviewDecision, "review_decision"), default=ReviewDecision.PENDING
    )
    decided_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    reason: Mapped[str | None] = mapped_column(String(500))

    __table_args__ = (
        UniqueConstraint("export_id", "object_type", "object_id"),
        Index("ix_export_reviews_organisation_id_decision", "organisation_id", "decision"),
    )


class ErasureState(enum.StrEnum):
    """Where a request to be deleted stands."""

    REQUESTED = "requested"  # waiting for a coordinator to confirm
    PAUSED = "paused"  # a request for help or an open safeguarding record holds it (``paused_reason``)
    DONE = "done"  # anonymised
    CANCELLED = "cancelled"  # the person (or a coordinator, with them) withdrew it


class ErasureRequest(UuidPrimaryKey, TimestampMixin, Base):
    """A person asking to be deleted from one organisation's records; a coordinator confirms.

    The row stays as proof the request was honoured: it names nobody once done (``user_id`` points at
    the anonymised account), and ``result`` lists counts and the safeguarding records kept under their
    own retention (ids, never content).
    """

    __tablename__ = "erasure_requests"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    requested_by_user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    requested_at: Mapped[datetime]
    state: Mapped[ErasureState] = mapped_column(_enum(ErasureState, "erasure_state"))
    # Why it is paused, in codes: "open_crisis_alert", "open_concern", "help_requested".
    paused_reasons: Mapped[list[Any]] = mapped_column(default=list)
    paused_at: Mapped[datetime | None]
    decided_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
    result: Mapped[dict[str, Any]] = mapped_column(default=dict)

    __table_args__ = (Index("ix_erasure_requests_organisation_id_state", "organisation_id", "state"),)


class RetainedIdentity(UuidPrimaryKey, Base):
    """Who an erased person was, kept only beside safeguarding records held under their own retention.

    Erasure anonymises the account, so a crisis alert or a concern kept for safeguarding would otherwise
    no longer say whom it was about. This row is removed with the last such record (retention tick).
    """

    __tablename__ = "retained_identities"

    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    erasure_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("erasure_requests.id", ondelete="SET NULL")
    )
    display_name: Mapped[str] = mapped_column(String(80))
    email: Mapped[str] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(16))
    kept_at: Mapped[datetime]

    __table_args__ = (UniqueConstraint("organisation_id", "user_id"),)


class RetentionRun(UuidPrimaryKey, Base):
    """One run of the retention tick for one organisation: what it removed, as counts per data class."""

    __tablename__ = "retention_runs"

    organisation_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE")
    )
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    removed: Mapped[dict[str, Any]] = mapped_column(default=dict)

    __table_args__ = (Index("ix_retention_runs_organisation_id_started_at", "organisation_id", "started_at"),)
