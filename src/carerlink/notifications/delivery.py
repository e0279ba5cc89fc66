"""Delivering the push outbox: claim due rows with a lease, push outside the transaction, finalise in batches.

DESIGN.md §4: a batch is claimed and committed, sent with no transaction open, then finalised with one
statement per outcome group, each only where the lease is still ours. A worker that dies mid-batch
loses nothing: its lease runs out and another worker claims the rows (delivery is at-least-once; the
Topic header and the notification tag make a duplicate harmless). Nothing is retried forever: 5xx and
timeouts back off exponentially with jitter until the push stops being useful or runs out of attempts.
"""

from __future__ import annotations

import asyncio
import logging
import math
import random
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Row, Table, case, delete, exists, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink import i18n
from carerlink.accounts.models import User
from carerlink.db import dialect_insert
from carerlink.db.leases import claim
from carerlink.notifications import kinds
from carerlink.notifications.models import (
    DeliveryState,
    Notification,
    PushDelivery,
    PushServiceBackoff,
    PushSubscription,
)
from carerlink.notifications.push import Outcome, PushClient, PushResult, PushTarget, client_for, ttl_seconds
from carerlink.notifications.service import routing
from carerlink.runtime import Runtime
from carerlink.settings import Settings

log = logging.getLogger("carerlink.notifications")

BATCH = 256  # rows claimed at once by one lane
LANES = 2  # batches in flight per worker: one is claimed or finalised while the other is sent
BUDGET_SECONDS = 0.9  # a tick ends by then, so it is done before the next (1 s) tick is due
MIN_BATCH = 16
RETRY_BASE = timedelta(seconds=2)
RETRY_CAP = timedelta(minutes=30)
MAX_ATTEMPTS = 20

_deliveries = cast(Table, PushDelivery.__table__)
_subscriptions = cast(Table, PushSubscription.__table__)
_notifications = cast(Table, Notification.__table__)
_backoffs = cast(Table, PushServiceBackoff.__table__)
_users = cast(Table, User.__table__)


@dataclass
class DeliveryReport:
    """What one tick did, by outcome."""

    sent: int = 0
    gone: int = 0
    retried: int = 0
    rate_limited: int = 0
    deferred: int = 0
    rejected: int = 0
    expired: int = 0
    lease_lost: int = 0
    fell_back: int = 0  # notifications that went on by e-mail or text instead (issue 14)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


def lease_for(settings: Settings) -> timedelta:
    """Long enough for every push of the batches in flight to time out, plus the database round trips."""
    waves = math.ceil(LANES * BATCH / settings.push_concurrency)
    return timedelta(seconds=settings.push_timeout_seconds * waves + 10)


def retry_delay(attempt: int, *, at_least: timedelta | None = None) -> timedelta:
    """Exponential back-off with jitter after the ``attempt``-th failure (2 s, 4 s, 8 s … 30 min)."""
    ceiling: timedelta = min(RETRY_CAP, RETRY_BASE * (2 ** min(attempt - 1, 20)))
    delay: timedelta = ceiling * random.uniform(0.5, 1.0)  # noqa: S311 - spreading retries, not a secret
    return max(delay, at_least) if at_least is not None else delay


async def deliver_due(
    runtime: Runtime, *, budget_seconds: float = BUDGET_SECONDS, batch: int = BATCH, lanes: int = LANES
) -> DeliveryReport:
    """Deliver due pushes until none is due or the time budget is spent. Safe in any number of workers.

    Each lane claims, sends and finalises batch after batch; near the end of the budget it claims only
    as many rows as it has lately sent in the time left, so the tick ends on time (an overrunning tick
    would make the scheduler skip the next one) while a burst keeps the lanes busy until then.
    """
    client = client_for(runtime)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + budget_seconds
    report = DeliveryReport()

    async def lane() -> None:
        seconds_per_row: float | None = None
        while (left := deadline - loop.time()) > 0:
            size = batch if seconds_per_row is None else min(batch, int(left / seconds_per_row))
            if size < MIN_BATCH and seconds_per_row is not None:
                return
            started = loop.time()
            claimed = await _deliver_batch(runtime, client, batch=size, report=report)
            if claimed < size:
                return
            seconds_per_row = (loop.time() - started) / claimed

    await asyncio.gather(*(lane() for _ in range(lanes)))
    return report


@dataclass(frozen=True, slots=True)
class _Job:
    """One claimed row, what to send and to whom (``target`` is ``None`` when there is nothing to send)."""

    row: Row[Any]
    target: PushTarget | None
    subscription_id: uuid.UUID | None
    early: PushResult | None = None  # decided without sending: the device is gone
    stale: bool = False  # decided without sending: no longer useful


async def _deliver_batch(runtime: Runtime, client: PushClient, *, batch: int, report: DeliveryReport) -> int:
    database, settings = runtime.database, runtime.settings
    now = runtime.clock.now()
    async with database.session_scope() as session:
        token, rows = await claim(
            session,
            _deliveries,
            due=_due(now),
            order_by=[_deliveries.c.not_before],
            limit=batch,
            lease_until=now + lease_for(settings),
            now=now,
        )
        jobs = await _jobs(session, rows, base_url=settings.base_url, now=now) if rows else []
    if not rows:
        return 0
    results = await asyncio.gather(*(_run(client, job) for job in jobs))
    await _finalise(runtime, token, jobs, results, report=report)
    return len(rows)


def _due(now: datetime) -> Any:
    # A literal ``'pending'`` (not a bound parameter) so PostgreSQL can use the partial claim index.
    backed_off = exists(
        select(_backoffs.c.origin).where(_backoffs.c.origin == _deliveries.c.origin, _backoffs.c.until > now)
    )
    return text("push_deliveries.state = 'pending'") & (_deliveries.c.not_before <= now) & ~backed_off


async def _jobs(
    session: AsyncSession, rows: Sequence[Row[Any]], *, base_url: str, now: datetime
) -> list[_Job]:
    details = {
        detail.id: detail
        for detail in await session.execute(
            select(
                _deliveries.c.id,
                _subscriptions.c.id.label("subscription_id"),
                _subscriptions.c.user_id.label("subscriber"),
                _subscriptions.c.endpoint,
                _subscriptions.c.p256dh,
                _subscriptions.c.auth,
                _notifications.c.id.label("notification_id"),
                _notifications.c.kind,
                _notifications.c.title,
                _notifications.c.body,
                _notifications.c.url,
                _notifications.c.tag,
                _notifications.c.topic,
                _notifications.c.urgency,
                _notifications.c.created_at,
                _users.c.locale,
                _users.c.locale_chosen,
                routing.ORGANISATIONS.c.settings,
            )
            .select_from(
                _deliveries.join(_notifications, _notifications.c.id == _deliveries.c.notification_id)
                .outerjoin(_subscriptions, _subscriptions.c.id == _deliveries.c.subscription_id)
                .join(_users, _users.c.id == _notifications.c.user_id)
                .outerjoin(
                    routing.ORGANISATIONS, routing.ORGANISATIONS.c.id == _notifications.c.organisation_id
                )
            )
            .where(_deliveries.c.id.in_([row.id for row in rows]))
        )
    }
    payloads: dict[uuid.UUID, bytes] = {}
    jobs = []
    for row in rows:
        detail = details[row.id]
        if detail.subscription_id is None or detail.subscriber != row.user_id:
            jobs.append(_Job(row, None, None, early=PushResult(Outcome.GONE, error="device-removed")))
            continue
        if row.expires_at <= now:
            jobs.append(_Job(row, None, None, stale=True))
            continue
        payload = payloads.get(detail.notification_id)
        if payload is None:
            payload = payloads[detail.notification_id] = kinds.declarative_payload(
                notification_id=detail.notification_id,
                kind=detail.kind,
                title=detail.title,
                body=detail.body,
                url=detail.url,
                tag=detail.tag,
                created_at=detail.created_at,
                base_url=base_url,
                # The language its words were written in (``notify``: the person's), for the device.
                lang=i18n.for_person(
                    detail.locale,
                    chosen=bool(detail.locale_chosen),
                    offer=(detail.settings or {}).get("language_offer"),
                ),
            )
        target = PushTarget(
            endpoint=detail.endpoint,
            p256dh=detail.p256dh,
            auth=detail.auth,
            payload=payload,
            ttl=ttl_seconds(row.expires_at, now),
            urgency=detail.urgency,
            topic=detail.topic,
        )
        jobs.append(_Job(row, target, detail.subscription_id))
    return jobs


async def _run(client: PushClient, job: _Job) -> PushResult | None:
    if job.early is not None or job.stale:
        return job.early
    assert job.target is not None
    return await client.send(job.target)


@dataclass
class _Plan:
    """The finalising statements for one batch, grouped by outcome."""

    sent: dict[int, list[uuid.UUID]]
    sent_devices: list[uuid.UUID]
    gone: dict[str, list[uuid.UUID]]
    gone_devices: list[uuid.UUID]
    rejected: dict[tuple[int | None, str], list[uuid.UUID]]
    expired: dict[str, list[uuid.UUID]]
    # Retries and 429s by (attempted, status, error), each row with its own time to try again.
    later: dict[tuple[bool, int | None, str | None], dict[uuid.UUID, datetime]]
    backoffs: dict[str, datetime]


def _plan(
    jobs: Sequence[_Job], results: Sequence[PushResult | None], *, now: datetime, report: DeliveryReport
) -> _Plan:
    plan = _Plan(
        sent=defaultdict(list),
        sent_devices=[],
        gone=defaultdict(list),
        gone_devices=[],
        rejected=defaultdict(list),
        expired=defaultdict(list),
        later=defaultdict(dict),
        backoffs={},
    )
    for job, result in zip(jobs, results, strict=True):
        row = job.row
        if result is None:  # not sent: it stopped being useful while it waited
            plan.expired["expired"].append(row.id)
            report.expired += 1
        elif result.outcome is Outcome.SENT:
            plan.sent[result.status or 201].append(row.id)
            if job.subscription_id is not None:
                plan.sent_devices.append(job.subscription_id)
            report.sent += 1
        elif result.outcome is Outcome.GONE:
            plan.gone[result.error or f"http-{result.status}"].append(row.id)
            if job.subscription_id is not None:
                plan.gone_devices.append(job.subscription_id)
            report.gone += 1
        elif result.outcome is Outcome.REJECTED:
            plan.rejected[(result.status, result.error or "rejected")].append(row.id)
            report.rejected += 1
        else:
            _plan_later(plan, row, result, now=now, report=report)
    return plan


def _plan_later(
    plan: _Plan, row: Row[Any], result: PushResult, *, now: datetime, report: DeliveryReport
) -> None:
    """A retry (5xx, timeout), a 429, or a push not attempted because its push service asked us to wait."""
    attempted = result.outcome is not Outcome.DEFERRED
    attempts = row.attempts + (1 if attempted else 0)
    if result.outcome is Outcome.RETRY:
        when = now + retry_delay(attempts, at_least=result.retry_after)
    else:
        when = now + (result.retry_after or timedelta(seconds=60))
        if result.outcome is Outcome.RATE_LIMITED:
            plan.backoffs[row.origin] = max(when, plan.backoffs.get(row.origin, when))
    if when >= row.expires_at or attempts >= MAX_ATTEMPTS:
        plan.expired[result.error or "gave-up"].append(row.id)
        report.expired += 1
        return
    plan.later[(attempted, result.status, result.error)][row.id] = when
    if result.outcome is Outcome.RETRY:
        report.retried += 1
    elif result.outcome is Outcome.RATE_LIMITED:
        report.rate_limited += 1
    else:
        report.deferred += 1


async def _finalise(
    runtime: Runtime,
    token: uuid.UUID,
    jobs: Sequence[_Job],
    results: Sequence[PushResult | None],
    *,
    report: DeliveryReport,
) -> None:
    now = runtime.clock.now()
    plan = _plan(jobs, results, now=now, report=report)
    ours = _deliveries.c.lease_token == token
    freed = {"lease_token": None, "lease_until": None}
    finished = 0
    async with runtime.database.session_scope() as session:
        for status, ids in plan.sent.items():
            finished += await _update(
                session,
                ids,
                ours,
                state=DeliveryState.SENT,
                attempts=_deliveries.c.attempts + 1,
                last_status=status,
                last_error=None,
                finished_at=now,
                **freed,
            )
        for error, ids in plan.gone.items():
            finished += await _update(
                session, ids, ours, state=DeliveryState.GONE, last_error=error, finished_at=now, **freed
            )
        for (code, error), ids in plan.rejected.items():
            finished += await _update(
                session,
                ids,
                ours,
                state=DeliveryState.REJECTED,
                attempts=_deliveries.c.attempts + 1,
                last_status=code,
                last_error=error,
                finished_at=now,
                **freed,
            )
        for error, ids in plan.expired.items():
            finished += await _update(
                session, ids, ours, state=DeliveryState.EXPIRED, last_error=error, finished_at=now, **freed
            )
        for (attempted, last_status, last_error), times in plan.later.items():
            # One statement per group; each row's own retry time comes from a CASE on its id.
            finished += await _update(
                session,
                list(times),
                ours,
                not_before=case(times, value=_deliveries.c.id),
                attempts=_deliveries.c.attempts + (1 if attempted else 0),
                last_status=last_status,
                last_error=last_error,
                **freed,
            )
        if plan.sent_devices:
            await session.execute(
                update(_subscriptions)
                .where(_subscriptions.c.id.in_(set(plan.sent_devices)))
                .values(last_success_at=now)
            )
        for origin, until in plan.backoffs.items():
            await _remember_backoff(session, origin, until)
        unsent = _unsent(plan, jobs)
        if plan.gone_devices:
            unsent |= await _forget_devices(session, plan.gone_devices, now=now)
        # Issue 14: a reminder none of whose pushes got through goes by the person's next channel, once.
        report.fell_back += await routing.fall_back_after_push(session, unsent, now=now)
    if finished < len(jobs):
        report.lease_lost += len(jobs) - finished
        log.warning("notifications.push.lease_lost", extra={"fields": {"rows": len(jobs) - finished}})
    _log_batch(plan, jobs)


async def _update(session: AsyncSession, ids: list[uuid.UUID], ours: Any, **values: Any) -> int:
    statement = update(_deliveries).where(_deliveries.c.id.in_(ids), ours).values(**values)
    result = await session.execute(statement)
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def _remember_backoff(session: AsyncSession, origin: str, until: datetime) -> None:
    """Tell every worker to leave ``origin`` alone until ``until`` (the later of ours and theirs wins)."""
    statement = dialect_insert(session, _backoffs).values(origin=origin, until=until)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[_backoffs.c.origin],
            set_={
                "until": case(
                    (statement.excluded.until > _backoffs.c.until, statement.excluded.until),
                    else_=_backoffs.c.until,
                )
            },
        )
    )


def _unsent(plan: _Plan, jobs: Sequence[_Job]) -> set[uuid.UUID]:
    """The notifications of this batch with a push that finished without being sent."""
    notification_of = {job.row.id: job.row.notification_id for job in jobs}
    groups = [*plan.gone.values(), *plan.rejected.values(), *plan.expired.values()]
    return {notification_of[row_id] for ids in groups for row_id in ids}


async def _forget_devices(
    session: AsyncSession, device_ids: list[uuid.UUID], *, now: datetime
) -> set[uuid.UUID]:
    """The push service says these subscriptions ended (404/410): drop them and what still waits for them.

    Returns the notifications whose waiting pushes were given up (they may fall back to another channel).
    """
    unique = set(device_ids)
    given_up = await session.execute(
        update(_deliveries)
        .where(
            _deliveries.c.subscription_id.in_(unique),
            text("push_deliveries.state = 'pending'"),
            (_deliveries.c.lease_until.is_(None)) | (_deliveries.c.lease_until <= now),
        )
        .values(state=DeliveryState.GONE, last_error="device-gone", finished_at=now)
        .returning(_deliveries.c.notification_id)
    )
    notification_ids = set(given_up.scalars().all())
    await session.execute(delete(_subscriptions).where(_subscriptions.c.id.in_(unique)))
    return notification_ids


def _log_batch(plan: _Plan, jobs: Sequence[_Job]) -> None:
    kind_of = {job.row.id: job.row.kind for job in jobs}
    origin_of = {job.row.id: job.row.origin for job in jobs}
    for (status, error), ids in plan.rejected.items():
        # Loud on purpose: a rejected push is a reminder someone did not get, and retrying won't help.
        log.error(
            "notifications.push.rejected",
            extra={
                "fields": {
                    "count": len(ids),
                    "status": status,
                    "error": error,
                    "push_service": origin_of[ids[0]],
                    "kinds": sorted({kind_of[i] for i in ids}),
                }
            },
        )
    for error, ids in plan.expired.items():
        log.warning(
            "notifications.push.gave_up",
            extra={"fields": {"count": len(ids), "error": error, "kinds": sorted({kind_of[i] for i in ids})}},
        )
    gone = sum(len(ids) for ids in plan.gone.values())
    if gone:
        log.info("notifications.push.gone", extra={"fields": {"count": gone}})
    for origin, until in plan.backoffs.items():
        log.warning(
            "notifications.push.backing_off",
            extra={"fields": {"push_service": origin, "until": until.isoformat()}},
        )
