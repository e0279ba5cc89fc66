"""Claiming work rows with leases, so many workers share one queue and a crashed one loses nothing.

PostgreSQL: ``SELECT … FOR UPDATE SKIP LOCKED`` inside the claiming ``UPDATE``, so concurrent workers
never wait on or take each other's rows. SQLite: the same ``UPDATE … RETURNING`` under ``BEGIN
IMMEDIATE`` (one writer at a time). A row whose lease has run out is claimable again.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, Table, select, update
from sqlalchemy.ext.asyncio import AsyncSession


async def claim(
    session: AsyncSession,
    table: Table,
    *,
    due: ColumnElement[bool],
    order_by: Sequence[Any],
    limit: int,
    lease_until: datetime,
    now: datetime,
    extra_values: dict[str, Any] | None = None,
) -> tuple[uuid.UUID, Sequence[Row[Any]]]:
    """Lease up to ``limit`` rows matching ``due`` whose lease is free or expired.

    Returns the lease token and the claimed rows. The table needs ``id``, ``lease_token`` and
    ``lease_until`` columns. Commit right after, then work outside the transaction.
    """
    token = uuid.uuid4()
    free = (table.c.lease_until.is_(None)) | (table.c.lease_until <= now)
    candidates = select(table.c.id).where(due, free).order_by(*order_by).limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    statement = (
        update(table)
        .where(table.c.id.in_(candidates.scalar_subquery()))
        .values(lease_token=token, lease_until=lease_until, **(extra_values or {}))
        .returning(*table.c)
    )
    result = await session.execute(statement, execution_options={"synchronize_session": False})
    return token, result.all()


def still_ours(table: Table, row_id: uuid.UUID, token: uuid.UUID) -> ColumnElement[bool]:
    """A condition true only while the lease ``token`` still holds ``row_id``."""
    return (table.c.id == row_id) & (table.c.lease_token == token)
