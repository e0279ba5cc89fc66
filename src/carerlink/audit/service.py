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

# Entries about these objects are never shown to the person they are about (their own access log, their
# data export): a concern raised about a carer is not theirs to see unless a coordinator releases it, and
# a message report is not shown to the person whose message was reported, nor whose words a coordinator
# read with it (issue 18; the person who asked sees theirs, recorded as "message_report_asked").
WITHHELD_FROM_SUBJECT = frozenset({"concern", "message_report"})


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
    for_subject: bool = False,
) -> Sequence[AuditEntry]:
    """Entries matching the filters, newest first.

    ``for_subject``: the list is for the person it is about (their access log or export), so entries
    about objects in ``WITHHELD_FROM_SUBJECT`` are left out.
    """
    query = select(AuditEntry).order_by(AuditEntry.at.desc()).limit(limit)
    if organisation_id is not None:
        query = query.where(AuditEntry.organisation_id == organisation_id)
    if subject_user_id is not None:
        query = query.where(AuditEntry.subject_user_id == subject_user_id)
    if action is not None:
        query = query.where(AuditEntry.action == action)
    if for_subject:
        query = query.where(
            (AuditEntry.object_type.is_(None)) | (AuditEntry.object_type.not_in(WITHHELD_FROM_SUBJECT))
        )
    return (await session.scalars(query)).all()
