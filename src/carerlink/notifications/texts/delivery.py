"""Delivering the text outbox: claim due texts with a lease, send outside the transaction, finalise.

Like the push outbox (DESIGN.md §4): a batch is claimed and committed, sent through the provider with
bounded concurrency and no transaction open, then each row is finalised only where the lease is still
ours (a worker that died mid-batch loses nothing; another one claims the rows when the lease runs out).

Before anything is sent, three rules hold:

- a person who texted STOP (``users.texts_stopped_at``) gets nothing: refused ``stopped``;
- only a verification code goes to a number not (or no longer) verified as the person's: anything
  else is refused ``unverified`` (the number changed since it was queued, or was never proved);
- each organisation has a monthly budget of segments (``settings.texts.monthly_budget``, counted over
  the calendar month in the organisation's time zone): past it, a text is refused ``budget`` (the
  channels' fallback then moves a reminder on to the next channel), except crisis texts and codes
  (``BUDGET_EXEMPT``), which always go and count;
- at ``warn_at_percent`` of the budget the coordinators are told once that month (``TextBudgetLow``).

Two workers deciding at the same instant may together pass the budget by one batch; it is a budget,
not a hard limit. Logs carry ids and outcomes only, never a number or a word of a text.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import JSON, String, Table, Uuid, column, func, select, table, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.db.leases import claim
from carerlink.notifications.delivery import retry_delay
from carerlink.notifications.kinds import CrisisAlert, CrisisUnacknowledged
from carerlink.notifications.kinds.texts import TextBudgetLow
from carerlink.notifications.service import notify
from carerlink.notifications.service._common import MEMBERSHIPS
from carerlink.notifications.texts.models import OutgoingText
from carerlink.notifications.texts.provider import (
    SEND_TIMEOUT_SECONDS,
    SendResult,
    TextProvider,
    TextRefused,
    provider_for,
)
from carerlink.runtime import Runtime

log = logging.getLogger("carerlink.texts")

BATCH = 64
CONCURRENCY = 8
BUDGET_SECONDS = 4.0  # a tick ends by then (it runs every 5 s)
MAX_ATTEMPTS = 10
LEASE = timedelta(seconds=SEND_TIMEOUT_SECONDS * (BATCH // CONCURRENCY) + 30)
STATUS_PATH = "/api/v1/sms/status"
INBOUND_PATH = "/api/v1/sms/inbound"
# Categories that go whatever the budget (they still count): crisis alerts and their crisis lines, and
# a verification code (tiny, and without it no number can be used at all).
CRISIS_CATEGORIES = frozenset({CrisisAlert.name, CrisisUnacknowledged.name, "crisis_lines"})
BUDGET_EXEMPT = CRISIS_CATEGORIES | {"verification"}
# Categories that go to a number not yet proved to be the person's: the code that proves it, and an
# invitation to join sent to the number in the centre's own records (issue 16: an imported carer has
# no account to verify a number with until they join through it; like an invitation e-mail to an
# address a coordinator typed). Everything else waits for a verified number.
UNVERIFIED_ALLOWED = frozenset({"verification", "invitation"})
# Texts the provider has taken: they count against the month's budget.
COUNTED = ("sent", "delivered", "undelivered", "failed")
PROVIDER_KEY = "texts.provider"

_texts = cast(Table, OutgoingText.__table__)
# Read-only views of the organisation's time zone and settings (organisations sit above notifications).
_ORGANISATIONS = table(
    "organisations", column("id", Uuid()), column("time_zone", String()), column("settings", JSON())
)


@dataclass
class TextReport:
    """What one tick did, by outcome."""

    sent: int = 0
    refused: int = 0
    retried: int = 0
    expired: int = 0
    lease_lost: int = 0

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


@dataclass
class _Budget:
    budget: int
    warn_at_percent: int
    used: int
    month: str


def provider_of(runtime: Runtime) -> TextProvider | None:
    """The process's provider, made once (its HTTP session is closed with the runtime)."""
    if PROVIDER_KEY not in runtime.resources:
        provider = provider_for(runtime.settings)
        runtime.resources[PROVIDER_KEY] = provider
        if provider is not None:
            runtime.closers.append(provider.close)
    return cast(TextProvider | None, runtime.resources[PROVIDER_KEY])


async def deliver_due(runtime: Runtime, *, budget_seconds: float = BUDGET_SECONDS) -> TextReport:
    """Send the texts that are due, batch after batch, until none is due or the time is spent."""
    report = TextReport()
    provider = provider_of(runtime)
    if provider is None:
        return report
    loop = asyncio.get_running_loop()
    deadline = loop.time() + budget_seconds
    while loop.time() < deadline:
        if await _deliver_batch(runtime, provider, report) < BATCH:
            break
    return report


def month_start(now: datetime, time_zone: str) -> tuple[datetime, str]:
    """The start of ``now``'s calendar month in ``time_zone`` (as UTC), and the month as "2026-12"."""
    try:
        zone = ZoneInfo(time_zone)
    except (KeyError, ValueError):
        zone = ZoneInfo("UTC")
    local = now.astimezone(zone)
    start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return start.astimezone(UTC), f"{local.year:04d}-{local.month:02d}"


async def _budgets(
    session: AsyncSession, organisation_ids: set[uuid.UUID], now: datetime
) -> dict[uuid.UUID, _Budget]:
    found: dict[uuid.UUID, _Budget] = {}
    if not organisation_ids:
        return found
    rows = await session.execute(
        select(_ORGANISATIONS.c.id, _ORGANISATIONS.c.time_zone, _ORGANISATIONS.c.settings).where(
            _ORGANISATIONS.c.id.in_(organisation_ids)
        )
    )
    for organisation_id, time_zone, settings in rows:
        texts = (settings or {}).get("texts") or {}
        start, month = month_start(now, time_zone or "UTC")
        used = await session.scalar(
            select(func.coalesce(func.sum(_texts.c.segments), 0)).where(
                _texts.c.organisation_id == organisation_id,
                _texts.c.sent_at >= start,
                _texts.c.state.in_(COUNTED),
            )
        )
        found[organisation_id] = _Budget(
            budget=int(texts.get("monthly_budget", 1000)),
            warn_at_percent=int(texts.get("warn_at_percent", 80)),
            used=int(used or 0),
            month=month,
        )
    return found


async def segments_left(session: AsyncSession, *, organisation_id: uuid.UUID, now: datetime) -> int:
    """How many segments of this month's budget are left for texts that aren't ``BUDGET_EXEMPT``.

    What was sent this month and what is still waiting to go both count: a text queued now goes after
    those already waiting, and is refused ``budget`` once they have used it up.
    """
    budget = (await _budgets(session, {organisation_id}, now)).get(organisation_id)
    if budget is None:
        return 0
    waiting = await session.scalar(
        select(func.coalesce(func.sum(_texts.c.segments), 0)).where(
            _texts.c.organisation_id == organisation_id,
            _texts.c.state == "pending",
            _texts.c.category.not_in(BUDGET_EXEMPT),
        )
    )
    return max(0, budget.budget - budget.used - int(waiting or 0))


async def _deliver_batch(runtime: Runtime, provider: TextProvider, report: TextReport) -> int:
    now = runtime.clock.now()
    async with runtime.database.session_scope() as session:
        token, rows = await claim(
            session,
            _texts,
            due=text("outgoing_texts.state = 'pending'") & (_texts.c.send_after <= now),
            order_by=[_texts.c.send_after],
            limit=BATCH,
            lease_until=now + LEASE,
            now=now,
        )
        if not rows:
            return 0
        people = {
            person.id: person
            for person in await session.execute(
                select(User.id, User.phone, User.phone_verified_at, User.texts_stopped_at).where(
                    User.id.in_({row.user_id for row in rows})
                )
            )
        }
        budgets = await _budgets(session, {r.organisation_id for r in rows if r.organisation_id}, now)
    decided: dict[uuid.UUID, tuple[str, str | None]] = {}  # row id -> (state, reason) without sending
    to_send = []
    for row in rows:
        budget = budgets.get(row.organisation_id) if row.organisation_id else None
        if row.expires_at <= now:
            decided[row.id] = ("expired", "expired")
        elif (person := people.get(row.user_id)) is None or person.texts_stopped_at is not None:
            decided[row.id] = ("refused", "stopped")
        elif row.category not in UNVERIFIED_ALLOWED and (
            person.phone_verified_at is None or person.phone != row.to_number
        ):
            decided[row.id] = ("refused", "unverified")
        elif (
            budget is not None
            and row.category not in BUDGET_EXEMPT
            and budget.used + row.segments > budget.budget
        ):
            decided[row.id] = ("refused", "budget")
        else:
            if budget is not None:
                budget.used += row.segments
            to_send.append(row)
    callback = runtime.settings.base_url + STATUS_PATH if runtime.settings.base_url else None
    gate = asyncio.Semaphore(CONCURRENCY)

    async def send(row: Any) -> SendResult | BaseException:
        async with gate:
            try:
                return await provider.send(row.to_number, row.body, callback)
            except Exception as exc:  # every failure is recorded on the row
                return exc

    results = await asyncio.gather(*(send(row) for row in to_send))
    await _finalise(
        runtime,
        provider,
        token,
        rows,
        decided,
        dict(zip([r.id for r in to_send], results, strict=True)),
        report,
    )
    await _warn(runtime, budgets)
    return len(rows)


async def _finalise(
    runtime: Runtime,
    provider: TextProvider,
    token: uuid.UUID,
    rows: Any,
    decided: dict[uuid.UUID, tuple[str, str | None]],
    results: dict[uuid.UUID, SendResult | BaseException],
    report: TextReport,
) -> None:
    now = runtime.clock.now()
    freed = {"lease_token": None, "lease_until": None}
    outcomes: dict[str, int] = defaultdict(int)
    async with runtime.database.session_scope() as session:
        for row in rows:
            values: dict[str, Any]
            result = results.get(row.id)
            if row.id in decided:
                state, reason = decided[row.id]
                values = {"state": state, "last_error": reason, "finished_at": now, "body": ""}
                outcomes[reason or state] += 1
            elif isinstance(result, SendResult):
                values = {
                    "state": "delivered" if result.status == "delivered" else "sent",
                    "provider": provider.name,
                    "provider_message_id": result.message_id,
                    "provider_status": result.status[:20],
                    "attempts": row.attempts + 1,
                    "sent_at": now,
                    "last_error": None,
                    "body": "",
                }
                if result.status == "delivered":
                    values["finished_at"] = now
                outcomes["sent"] += 1
            elif isinstance(result, TextRefused):
                values = {
                    "state": "refused",
                    "provider": provider.name,
                    "attempts": row.attempts + 1,
                    "last_error": result.reason[:200],
                    "finished_at": now,
                    "body": "",
                }
                outcomes["refused"] += 1
            else:
                attempts = row.attempts + 1
                when = now + retry_delay(attempts)
                error = type(result).__name__[:200]
                if when >= row.expires_at or attempts >= MAX_ATTEMPTS:
                    values = {
                        "state": "expired",
                        "attempts": attempts,
                        "last_error": error,
                        "finished_at": now,
                        "body": "",
                    }
                    outcomes["expired"] += 1
                else:
                    values = {"attempts": attempts, "send_after": when, "last_error": error}
                    outcomes["retried"] += 1
            done = await session.execute(
                update(_texts)
                .where(_texts.c.id == row.id, _texts.c.lease_token == token)
                .values(**values, **freed)
            )
            if not done.rowcount:  # type: ignore[attr-defined]
                report.lease_lost += 1
    report.sent += outcomes.pop("sent", 0)
    report.retried += outcomes.pop("retried", 0)
    report.expired += outcomes.pop("expired", 0)
    report.refused += sum(outcomes.values())
    log.info("texts.batch", extra={"fields": {"rows": len(rows), **outcomes, "sent": report.sent}})


async def _warn(runtime: Runtime, budgets: dict[uuid.UUID, _Budget]) -> None:
    """Tell the coordinators once a month when ``warn_at_percent`` of the budget is used."""
    now = runtime.clock.now()
    for organisation_id, budget in budgets.items():
        if budget.budget <= 0 or budget.used * 100 < budget.warn_at_percent * budget.budget:
            continue
        async with runtime.database.session_scope() as session:
            coordinators = (
                await session.scalars(
                    select(MEMBERSHIPS.c.user_id).where(
                        MEMBERSHIPS.c.organisation_id == organisation_id,
                        MEMBERSHIPS.c.role == Role.COORDINATOR.value,
                        MEMBERSHIPS.c.status == "active",
                    )
                )
            ).all()
            for user_id in coordinators:
                await notify(
                    session,
                    user_id=user_id,
                    kind=TextBudgetLow,
                    data={"organisation_id": organisation_id},
                    dedupe_key=f"text-budget:{organisation_id}:{budget.month}",
                    now=now,
                    organisation_id=organisation_id,
                    role=Role.COORDINATOR,
                )
