"""Queue e-mail in the caller's transaction; deliver what is due with leases and retries."""

from __future__ import annotations

import logging
import random
import uuid
from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.db import Database
from carerlink.db.leases import claim, still_ours
from carerlink.kit.text import one_line
from carerlink.mail.models import OutgoingMail
from carerlink.runtime import MailRefused, MailTransport

log = logging.getLogger("carerlink.mail")

MailState = Literal["waiting", "sent", "failed"]
MAX_ATTEMPTS = 8
LEASE = timedelta(minutes=2)
KEEP_SENT = timedelta(days=30)


async def queue_mail(
    session: AsyncSession,
    *,
    to: str,
    subject: str,
    body: str,
    category: str,
    now: datetime,
    send_after: datetime | None = None,
    user_id: uuid.UUID | None = None,
    organisation_id: uuid.UUID | None = None,
    notification_id: uuid.UUID | None = None,
    unsubscribe_url: str | None = None,
) -> OutgoingMail:
    """Add an e-mail to the outbox; it goes only if the caller's transaction commits.

    The subject is a header: any line break or control character in it (from a name) becomes a space.
    Issue 14: ``user_id``/``organisation_id`` say whom it is for (refusals are shown to coordinators),
    ``notification_id`` the reminder it carries (unique), ``unsubscribe_url`` its RFC 8058 one-click
    address, ``send_after`` a later start (quiet hours).
    """
    subject = one_line(subject)
    mail = OutgoingMail(
        to_address=to,
        subject=subject,
        body=body,
        category=category,
        send_after=send_after or now,
        user_id=user_id,
        organisation_id=organisation_id,
        notification_id=notification_id,
        unsubscribe_url=unsubscribe_url,
    )
    session.add(mail)
    await session.flush()
    return mail


async def deliver_due_mail(
    database: Database, transport: MailTransport, *, now: datetime, batch: int = 20
) -> int:
    """Send e-mail that is due; returns how many were sent. Safe to run in several workers at once."""
    table = OutgoingMail.__table__
    async with database.session_scope() as session:
        token, rows = await claim(
            session,
            table,  # type: ignore[arg-type]
            due=(table.c.sent_at.is_(None)) & (table.c.failed_at.is_(None)) & (table.c.send_after <= now),
            order_by=[table.c.send_after],
            limit=batch,
            lease_until=now + LEASE,
            now=now,
            extra_values={"attempts": table.c.attempts + 1},
        )
    sent = 0
    for row in rows:
        sent += await _deliver_one(database, transport, row, token=token, now=now)
    return sent


async def _deliver_one(
    database: Database, transport: MailTransport, row: Any, *, token: Any, now: datetime
) -> int:
    table = OutgoingMail.__table__
    try:
        await transport.send(to=row.to_address, subject=row.subject, body=row.body)
    except MailRefused as exc:
        # Never retried: the same message would be refused again. Whoever it was for is told by its
        # domain's own tick (an invitation's coordinators), which reads ``failed_at``.
        async with database.session_scope() as session:
            await session.execute(
                update(table)  # type: ignore[arg-type]
                .where(still_ours(table, row.id, token))  # type: ignore[arg-type]
                .values(failed_at=now, last_error=f"refused:{exc}"[:200], lease_token=None, lease_until=None)
            )
        log.error(
            "mail.refused",
            extra={"fields": {"mail_id": str(row.id), "category": row.category, "reason": str(exc)}},
        )
        return 0
    except Exception as exc:
        error = type(exc).__name__
        give_up = row.attempts >= MAX_ATTEMPTS
        backoff = timedelta(seconds=min(3600, 2**row.attempts * 15) * random.uniform(0.8, 1.2))  # noqa: S311
        values: dict[str, Any] = {"last_error": error, "lease_token": None, "lease_until": None}
        values.update({"failed_at": now} if give_up else {"send_after": now + backoff})
        async with database.session_scope() as session:
            await session.execute(update(table).where(still_ours(table, row.id, token)).values(**values))  # type: ignore[arg-type]
        log.warning(
            "mail.failed" if give_up else "mail.retry",
            extra={"fields": {"mail_id": str(row.id), "category": row.category, "error": error}},
        )
        return 0
    async with database.session_scope() as session:
        await session.execute(
            update(table)  # type: ignore[arg-type]
            .where(still_ours(table, row.id, token))  # type: ignore[arg-type]
            .values(sent_at=now, body="", lease_token=None, lease_until=None, last_error=None)
        )
    log.info("mail.sent", extra={"fields": {"mail_id": str(row.id), "category": row.category}})
    return 1


async def purge_old_mail(session: AsyncSession, *, now: datetime) -> int:
    """Delete sent or abandoned e-mail records older than the retention period."""
    table = OutgoingMail.__table__
    cutoff = now - KEEP_SENT
    result = await session.execute(
        delete(table).where(  # type: ignore[arg-type]
            ((table.c.sent_at.is_not(None)) & (table.c.sent_at < cutoff))
            | ((table.c.failed_at.is_not(None)) & (table.c.failed_at < cutoff))
        )
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def delivery_states(
    session: AsyncSession, *, mail_ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, MailState]:
    """Whether each e-mail is still waiting to go, was sent, or failed for good (refused or abandoned)."""
    if not mail_ids:
        return {}
    table = OutgoingMail.__table__
    rows = await session.execute(
        select(table.c.id, table.c.sent_at, table.c.failed_at).where(table.c.id.in_(list(mail_ids)))
    )
    return {
        mail_id: "sent" if sent_at is not None else "failed" if failed_at is not None else "waiting"
        for mail_id, sent_at, failed_at in rows
    }


async def failed_since(session: AsyncSession, *, since: datetime, category: str) -> list[uuid.UUID]:
    """E-mails of ``category`` that failed for good at or after ``since`` (oldest first)."""
    table = OutgoingMail.__table__
    query = (
        select(table.c.id)
        .where(table.c.category == category, table.c.failed_at >= since)
        .order_by(table.c.failed_at)
    )
    return list((await session.scalars(query)).all())


async def failed_count(session: AsyncSession) -> int:
    """E-mails that failed for good and are still kept (for monitoring)."""
    table = OutgoingMail.__table__
    return int(
        await session.scalar(select(func.count()).select_from(table).where(table.c.failed_at.is_not(None)))
        or 0
    )


async def pending_count(session: AsyncSession) -> int:
    """E-mails waiting to go (for monitoring)."""
    table = OutgoingMail.__table__
    query = (
        select(func.count()).select_from(table).where(table.c.sent_at.is_(None), table.c.failed_at.is_(None))
    )
    return int(await session.scalar(query) or 0)
