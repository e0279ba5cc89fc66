"""Write to the audit log (in the caller's transaction) and read it back."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.actor import Actor
from carerlink.audit.models import AuditEntry
from carerlink.db import execute_kept


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
    keep: bool = False,
) -> None:
    """Append one entry; ``action`` is dotted (``profiles.carer.viewed``).

    ``keep`` records a refusal: the entry stands even though the request it belongs to is rolled back
    (``db.execute_kept``).
    """
    values = {
        "at": now,
        "actor_user_id": actor.user_id,
        "action": action,
        "organisation_id": organisation_id,
        "subject_user_id": subject_user_id,
        "object_type": object_type,
        "object_id": object_id,
        "details": details or {},
    }
    if keep:
        await execute_kept(session, insert(AuditEntry).values(**values))
    else:
        session.add(AuditEntry(**values))


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
