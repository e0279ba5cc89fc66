"""The audit log table (rows are only ever inserted)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from carerlink.db import Base, UuidPrimaryKey
from carerlink.kit.clock import utcnow


class AuditEntry(UuidPrimaryKey, Base):
    """One recorded action. ``details`` holds ids and codes, never health information or notes."""

    __tablename__ = "audit_entries"

    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_user_id: Mapped[uuid.UUID | None]
    action: Mapped[str] = mapped_column(String(60))
    organisation_id: Mapped[uuid.UUID | None]
    subject_user_id: Mapped[uuid.UUID | None]
    object_type: Mapped[str | None] = mapped_column(String(40))
    object_id: Mapped[uuid.UUID | None]
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)

    __table_args__ = (
        Index("ix_audit_entries_organisation_id_at", "organisation_id", "at"),
        Index("ix_audit_entries_subject_user_id_at", "subject_user_id", "at"),
    )
