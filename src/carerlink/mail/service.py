"""Queue e-mail in the caller's transaction; deliver what is due with leases and retries."""

from __future__ import annotations

import asyncio
import logging
import random
import uuid
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal, cast

from babel.support import LazyProxy
from sqlalchemy import Row, Table, case, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.db import Database
from carerlink.db.leases import claim
from carerlink.i18n import N_, _
from carerlink.kit.text import one_line
from carerlink.mail.models import OutgoingMail
from carerlink.runtime import MailMessage, MailRefused, MailTransport

log = logging.getLogger("carerlink.mail")

MailState = Literal["waiting", "sent", "failed"]
MAX_ATTEMPTS = 8
LEASE = timedelta(minutes=2)  # a killed worker's mails are sent by another after this
LEASE_MARGIN = timedelta(seconds=20)  # sends still running this long before the lease ends are cut short
BATCH = 100  # rows claimed at once by one lane
LANES = 2  # batches in flight per worker: one is claimed or finalised while the other is sent
BUDGET_SECONDS = 1.5  # a tick ends by then, before the next (2 s) tick is due
KEEP_SENT = timedelta(days=30)

_mail = cast(Table, OutgoingMail.__table__)
# ``last_error`` of an e-mail taken back before it went (``withdraw``): finished, but nothing failed.
WITHDRAWN = "withdrawn"


def _not_withdrawn() -> Any:
    return or_(_mail.c.last_error.is_(None), _mail.c.last_error != WITHDRAWN)


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
    address, ``send_after`` a later start (quiet hours). Callers write it in the recipient's language
    (issue 17: ``i18n.using``); the visible way to stop reminder e-mails is added here in that language.
    """
    subject = one_line(subject)
    if unsubscribe_url:
        body = (
            f"{body.rstrip()}\n\n"
            + _("Stop these reminder e-mails: {url}").format(url=unsubscribe_url)
            + "\n"
        )
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


@dataclass
class MailReport:
    """What one delivery run did, by outcome."""

    sent: int = 0
    refused: int = 0
    retried: int = 0
    gave_up: int = 0
    lease_lost: int = 0


def retry_delay(attempts: int) -> timedelta:
    """Exponential back-off with jitter after the ``attempts``-th try (30 s, 1 min, 2 min … 1 h)."""
    return timedelta(seconds=min(3600, 2**attempts * 15) * random.uniform(0.8, 1.2))  # noqa: S311


async def deliver_due_mail(
    database: Database,
    transport: MailTransport,
    *,
    now: datetime,
    batch: int = BATCH,
    lanes: int = LANES,
    budget_seconds: float = BUDGET_SECONDS,
    report: MailReport | None = None,
) -> int:
    """Send e-mail that is due until none is or the time budget is spent; returns how many were sent.

    Like the push outbox (DESIGN.md §4): each lane claims a batch with a lease and commits, sends it
    with no transaction open (as many at once as the transport takes: its connection pool), then
    finalises it with one statement per outcome group, each only where the lease is still ours. Safe in
    any number of workers (``SKIP LOCKED`` on PostgreSQL); a worker killed mid-batch loses nothing (the
    lease runs out and another claims the rows; delivery is at-least-once).
    """
    report = report if report is not None else MailReport()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + budget_seconds

    async def lane() -> None:
        while loop.time() < deadline:
            claimed = await _deliver_batch(database, transport, now=now, batch=batch, report=report)
            if claimed < batch:
                return

    await asyncio.gather(*(lane() for _ in range(max(1, lanes))))
    return report.sent


async def _deliver_batch(
    database: Database,
    transport: MailTransport,
    *,
    now: datetime,
    batch: int,
    report: MailReport,
) -> int:
    table = _mail
    async with database.session_scope() as session:
        token, rows = await claim(
            session,
            table,
            due=(table.c.sent_at.is_(None)) & (table.c.failed_at.is_(None)) & (table.c.send_after <= now),
            order_by=[table.c.send_after],
            limit=batch,
            lease_until=now + LEASE,
            now=now,
            extra_values={"attempts": table.c.attempts + 1},
        )
    if not rows:
        return 0
    # Every send of the batch ends well before the lease does (a slow server cannot make two workers
    # send the same mail); one cut short is retried like any other failure.
    until = asyncio.get_running_loop().time() + (LEASE - LEASE_MARGIN).total_seconds()
    outcomes = await asyncio.gather(*(_send(transport, row, until=until) for row in rows))
    await _finalise(database, token, rows, outcomes, now=now, report=report)
    return len(rows)


async def _send(transport: MailTransport, row: Row[Any], *, until: float) -> BaseException | None:
    """``None`` when sent, else what went wrong (``MailRefused`` for good, anything else: try again)."""
    message = MailMessage(
        to=row.to_address,
        subject=row.subject,
        body=row.body,
        id=row.id,
        category=row.category,
        unsubscribe_url=row.unsubscribe_url,
    )
    try:
        async with asyncio.timeout_at(until):
            await transport.send(message)
    except Exception as exc:
        return exc
    return None


async def _finalise(
    database: Database,
    token: uuid.UUID,
    rows: Sequence[Row[Any]],
    outcomes: Sequence[BaseException | None],
    *,
    now: datetime,
    report: MailReport,
) -> None:
    table = _mail
    sent: list[uuid.UUID] = []
    refused: dict[str, list[uuid.UUID]] = defaultdict(list)
    gave_up: dict[str, list[uuid.UUID]] = defaultdict(list)
    later: dict[str, dict[uuid.UUID, datetime]] = defaultdict(dict)
    for row, outcome in zip(rows, outcomes, strict=True):
        if outcome is None:
            sent.append(row.id)
        elif isinstance(outcome, MailRefused):
            # Never retried: the same message would be refused again. Whoever it was for is told by its
            # domain's own tick (an invitation's coordinators), which reads ``failed_at``; coordinators
            # see it among the refusals (``refusals``).
            refused[f"refused:{outcome}"[:200]].append(row.id)
        elif row.attempts >= MAX_ATTEMPTS:
            gave_up[type(outcome).__name__].append(row.id)
        else:
            later[type(outcome).__name__][row.id] = now + retry_delay(row.attempts)
    freed = {"lease_token": None, "lease_until": None}
    ours = table.c.lease_token == token
    done = 0
    async with database.session_scope() as session:
        if sent:
            done += await _update(session, sent, ours, sent_at=now, body="", last_error=None, **freed)
        for error, ids in refused.items():
            done += await _update(session, ids, ours, failed_at=now, last_error=error, **freed)
        for error, ids in gave_up.items():
            done += await _update(session, ids, ours, failed_at=now, last_error=error, **freed)
        for error, times in later.items():
            done += await _update(
                session,
                list(times),
                ours,
                send_after=case(times, value=table.c.id),
                last_error=error,
                **freed,
            )
    report.sent += len(sent)
    report.refused += sum(map(len, refused.values()))
    report.gave_up += sum(map(len, gave_up.values()))
    report.retried += sum(map(len, later.values()))
    if done < len(rows):
        report.lease_lost += len(rows) - done
        log.warning("mail.lease_lost", extra={"fields": {"count": len(rows) - done}})
    _log_batch(rows, sent, refused, gave_up, later)


async def _update(session: AsyncSession, ids: list[uuid.UUID], ours: Any, **values: Any) -> int:
    result = await session.execute(update(_mail).where(_mail.c.id.in_(ids), ours).values(**values))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def _log_batch(
    rows: Sequence[Row[Any]],
    sent: list[uuid.UUID],
    refused: dict[str, list[uuid.UUID]],
    gave_up: dict[str, list[uuid.UUID]],
    later: dict[str, dict[uuid.UUID, datetime]],
) -> None:
    """Ids, categories and reasons only: never an address, a subject or a body."""
    category = {row.id: row.category for row in rows}
    for error, ids in refused.items():
        for mail_id in ids:
            log.error(
                "mail.refused",
                extra={"fields": {"mail_id": str(mail_id), "category": category[mail_id], "reason": error}},
            )
    for event, groups in (("mail.failed", gave_up), ("mail.retry", {e: list(t) for e, t in later.items()})):
        for error, ids in groups.items():
            for mail_id in ids:
                log.warning(
                    event,
                    extra={
                        "fields": {"mail_id": str(mail_id), "category": category[mail_id], "error": error}
                    },
                )
    if sent:
        log.info(
            "mail.sent",
            extra={"fields": {"count": len(sent), "categories": sorted({category[i] for i in sent})}},
        )


async def withdraw(session: AsyncSession, *, notification_ids: Any, now: datetime) -> None:
    """Take back the e-mails still waiting that carry these notifications (ids, or a subquery of them).

    They are no longer needed (read in the app first, or the reminder withdrawn): finished with
    ``last_error = WITHDRAWN``, which no refusal list, bounce or failure count reads as a failure. One a
    worker holds right now is left to it: it is going anyway, and its lease decides.
    """
    table = _mail
    await session.execute(
        update(table)
        .where(
            table.c.notification_id.in_(notification_ids),
            table.c.sent_at.is_(None),
            table.c.failed_at.is_(None),
            or_(table.c.lease_until.is_(None), table.c.lease_until <= now),
        )
        .values(failed_at=now, last_error=WITHDRAWN)
    )


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
    """E-mails that failed for good and are still kept (for monitoring); withdrawn ones did not fail."""
    table = _mail
    query = select(func.count()).select_from(table).where(table.c.failed_at.is_not(None), _not_withdrawn())
    return int(await session.scalar(query) or 0)


async def pending_count(session: AsyncSession) -> int:
    """E-mails waiting to go (for monitoring)."""
    table = OutgoingMail.__table__
    query = (
        select(func.count()).select_from(table).where(table.c.sent_at.is_(None), table.c.failed_at.is_(None))
    )
    return int(await session.scalar(query) or 0)


# --- refusals, shown to coordinators (issue 14) ---------------------------------------------------------

RefusalReason = Literal["no_such_address", "mailbox_full", "invalid_address", "refused", "gave_up"]

# Read in the language of whoever reads the list (``str()`` translates).
REASON_WORDS: dict[str, LazyProxy] = {
    "no_such_address": N_("The address doesn't exist"),
    "mailbox_full": N_("The mailbox is full"),
    "invalid_address": N_("The address isn't valid"),
    "refused": N_("The mail server refused it"),
    "gave_up": N_("We couldn't get it through after trying for an hour"),
}


def refusal_reason(last_error: str | None) -> RefusalReason:
    """What a failed mail's ``last_error`` means, in one of a few kinds a coordinator can act on.

    ``refused:smtp:recipient:550`` (and 551, 553: no such mailbox, or not one this server takes) is an
    address that doesn't exist; 552 a full mailbox; ``refused:message:…`` an address that could not even
    be written in a header; any other refusal the server's own; anything else gave up after retries.
    """
    error = last_error or ""
    if error.startswith("refused:smtp:recipient:"):
        code = error.rsplit(":", 1)[-1]
        if code in ("550", "551", "553"):
            return "no_such_address"
        if code == "552":
            return "mailbox_full"
        return "refused"
    if error.startswith("refused:message:"):
        return "invalid_address"
    if error.startswith("refused:"):
        return "refused"
    return "gave_up"


@dataclass(frozen=True, slots=True)
class Refusal:
    """One e-mail that will never arrive: for whom, what kind, why and when (never its content)."""

    mail_id: uuid.UUID
    user_id: uuid.UUID | None
    category: str
    reason: RefusalReason
    words: str
    failed_at: datetime


async def refusals(
    session: AsyncSession, *, organisation_id: uuid.UUID, since: datetime, limit: int = 50
) -> list[Refusal]:
    """An organisation's e-mails refused by the server, or given up after retries, since ``since``.

    Newest first, at most ``limit``. Only mail that says whom it was for in that organisation
    (``organisation_id``); the body is never read.
    """
    table = _mail
    query = (
        select(table.c.id, table.c.user_id, table.c.category, table.c.last_error, table.c.failed_at)
        .where(
            table.c.organisation_id == organisation_id,
            table.c.failed_at.is_not(None),
            table.c.failed_at >= since,
            _not_withdrawn(),
        )
        .order_by(table.c.failed_at.desc(), table.c.id)
        .limit(limit)
    )
    found = []
    for mail_id, user_id, category, last_error, failed_at in await session.execute(query):
        reason = refusal_reason(last_error)
        found.append(Refusal(mail_id, user_id, category, reason, str(REASON_WORDS[reason]), failed_at))
    return found


async def latest_refused(session: AsyncSession, user_ids: Collection[uuid.UUID]) -> set[uuid.UUID]:
    """The people among ``user_ids`` whose latest settled e-mail was refused by the server ("bouncing").

    Settled: sent or failed for good (mail still waiting says nothing yet). A later mail that went
    through clears it; one given up after retries (the server unreachable) is not a refusal.
    """
    if not user_ids:
        return set()
    table = _mail
    settled = func.coalesce(table.c.sent_at, table.c.failed_at)
    ranked = (
        select(
            table.c.user_id,
            table.c.last_error,
            table.c.sent_at,
            func.row_number()
            .over(partition_by=table.c.user_id, order_by=(settled.desc(), table.c.created_at.desc()))
            .label("rank"),
        )
        .where(table.c.user_id.in_(list(user_ids)), settled.is_not(None), _not_withdrawn())
        .subquery()
    )
    query = select(ranked.c.user_id).where(
        ranked.c.rank == 1, ranked.c.sent_at.is_(None), ranked.c.last_error.like("refused:%")
    )
    return set((await session.scalars(query)).all())
