"""Write to the audit log (in the caller's transaction) and read it back."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.actor import Actor
from carerlink.audit.models import AuditEntry


async def record(
    session: AsyncSession,
    *,
    actor: Actor,
    action: str,
    now: datetime,
    organisation_id: uuid.UUID | None = None,
    subject_user_id: uuid.UUID | None = None,
    object_type: str | None = None,
    object_id: uuid.UUID | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Append one entry; ``action`` is dotted (``profiles.carer.viewed``)."""
    session.add(
        AuditEntry(
            at=now,
            actor_user_id=actor.user_id,
            action=action,
            organisation_id=organisation_id,
            subject_user_id=subject_user_id,
            object_type=object_type,
            object_id=object_id,
            details=details or {},
        )
    )


async def list_entries(
    session: AsyncSession,
    *,
    organisation_id: uuid.UUID | None = None,
    subject_user_id: uuid.UUID | None = None,
    action: str | None = None,
    limit: int = 100,
) -> Sequence[AuditEntry]:
    """Entries matching the filters, newest first."""
    query = select(AuditEntry).order_by(AuditEntry.at.desc()).limit(limit)
    if organisation_id is not None:
        query = query.where(AuditEntry.organisation_id == organisation_id)
    if subject_user_id is not None:
        query = query.where(AuditEntry.subject_user_id == subject_user_id)
    if action is not None:
        query = query.where(AuditEntry.action == action)
    return (await session.scalars(query)).all()
