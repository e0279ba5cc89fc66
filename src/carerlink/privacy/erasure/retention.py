"""Anonymising people whose membership ended long ago (the retention class ``ended_memberships``)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession


async def anonymise_expired_memberships(
    session: AsyncSession, *, organisation_id: uuid.UUID, ended_before: datetime, now: datetime, limit: int
) -> int:
    """Anonymise up to ``limit`` people whose memberships there all ended before ``ended_before``.

    Only people with no open record, as erasure does; returns how many were anonymised.
    """
    return 0
