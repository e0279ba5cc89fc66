"""What coordinators and monitoring see of delivery, and forgetting old notifications."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol, runtime_checkable

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.actor import Actor
from carerlink.i18n import _
from carerlink.notifications import policy
from carerlink.notifications.models import (
    DeliveryState,
    Notification,
    PushDelivery,
    PushServiceBackoff,
    PushStatus,
    PushSubscription,
)
from carerlink.notifications.service._common import (
    KEEP_FINISHED_DELIVERIES,
    KEEP_INBOX,
    SUMMARY_DAYS_MAX,
    end_subscriptions,
)

# --- what coordinators see -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DeliverySummary:
    """Counts for an organisation's notifications since ``since`` (nobody's content).

    ``by_kind`` maps a kind to counts of its pushes by state (pending, sent, gone, rejected, expired,
    withdrawn) and of its notifications that had no push at all (no_device, switched_off, inactive).
    """

    organisation_id: uuid.UUID
    since: datetime
    by_kind: dict[str, dict[str, int]]
    totals: dict[str, int]
    rejected_by_status: dict[int, int]


@runtime_checkable  # Litestar checks a dependency's value against its annotation
class InOrganisation(Protocol):
    """An organisation-level call as notifications sees it: ``organisations.scope.Scope`` is one.

    Organisations sits above notifications in the import layers (DESIGN.md section 2), so notifications
    names what it reads of the scope instead of importing it.
    """

    @property
    def session(self) -> AsyncSession:
        """The request's database session."""
        ...

    @property
    def actor(self) -> Actor:
        """Who is acting."""
        ...

    @property
    def now(self) -> datetime:
        """The instant of the call."""
        ...

    @property
    def organisation_id(self) -> uuid.UUID:
        """The organisation the path names (the nil id when none exists)."""
        ...


async def delivery_summary(scope: InOrganisation, *, days: int) -> DeliverySummary:
    """What was sent, given up, rejected or still waiting, by kind (coordinators of the organisation)."""
    session, actor, organisation_id, now = scope.session, scope.actor, scope.organisation_id, scope.now
    if not policy.can_view_delivery_summary(actor, organisation_id):
        raise actor.refusal(organisation_id, _("Only coordinators can see delivery figures."))  # 401/403/404
    since = now - timedelta(days=min(max(days, 1), SUMMARY_DAYS_MAX))
    in_window = (PushDelivery.organisation_id == organisation_id) & (PushDelivery.created_at >= since)
    outcomes = [s.value for s in DeliveryState] + [s.value for s in PushStatus if s is not PushStatus.QUEUED]
    by_kind: dict[str, dict[str, int]] = {}
    for kind, state, count in await session.execute(
        select(PushDelivery.kind, PushDelivery.state, func.count())
        .where(in_window)
        .group_by(PushDelivery.kind, PushDelivery.state)
    ):
        by_kind.setdefault(kind, dict.fromkeys(outcomes, 0))[DeliveryState(state).value] = count
    rejected = {
        int(status or 0): count
        for status, count in await session.execute(
            select(PushDelivery.last_status, func.count())
            .where(in_window, PushDelivery.state == DeliveryState.REJECTED)
            .group_by(PushDelivery.last_status)
        )
    }
    for kind, push, count in await session.execute(
        select(Notification.kind, Notification.push, func.count())
        .where(
            Notification.organisation_id == organisation_id,
            Notification.created_at >= since,
            Notification.push != PushStatus.QUEUED,
        )
        .group_by(Notification.kind, Notification.push)
    ):
        by_kind.setdefault(kind, dict.fromkeys(outcomes, 0))[PushStatus(push).value] = count
    totals = {outcome: sum(counts[outcome] for counts in by_kind.values()) for outcome in outcomes}
    return DeliverySummary(
        organisation_id=organisation_id,
        since=since,
        by_kind=dict(sorted(by_kind.items())),
        totals=totals,
        rejected_by_status=rejected,
    )


# --- housekeeping ----------------------------------------------------------------------------------


async def purge_old(session: AsyncSession, *, now: datetime) -> int:
    """Forget finished pushes after a month, inbox entries after six months, expired devices and back-offs."""
    removed = 0
    for statement in (
        delete(PushDelivery).where(
            PushDelivery.state != DeliveryState.PENDING,
            PushDelivery.finished_at < now - KEEP_FINISHED_DELIVERIES,
        ),
        delete(Notification).where(Notification.created_at < now - KEEP_INBOX),
        delete(PushServiceBackoff).where(PushServiceBackoff.until < now),
    ):
        result = await session.execute(statement)
        removed += int(result.rowcount or 0)  # type: ignore[attr-defined]
    expired = (
        await session.scalars(
            select(PushSubscription.id).where(
                PushSubscription.expires_at.is_not(None), PushSubscription.expires_at < now
            )
        )
    ).all()
    if expired:
        await end_subscriptions(session, expired, now=now, reason="expired")
        removed += len(expired)
    return removed


@dataclass(frozen=True, slots=True)
class OutboxFigures:
    """The push outbox at a glance: what waits, the oldest due push's wait, and outcomes so far."""

    pending: int
    oldest_due_seconds: float
    by_state: dict[str, int]


async def outbox_figures(session: AsyncSession, *, now: datetime) -> OutboxFigures:
    """Figures for monitoring (``/metrics``): depth, age of the oldest due push, deliveries by outcome."""
    by_state = {
        str(state): int(count)
        for state, count in (
            await session.execute(select(PushDelivery.state, func.count()).group_by(PushDelivery.state))
        ).all()
    }
    oldest = await session.scalar(
        select(func.min(PushDelivery.not_before)).where(
            PushDelivery.state == DeliveryState.PENDING, PushDelivery.not_before <= now
        )
    )
    return OutboxFigures(
        pending=by_state.get(DeliveryState.PENDING.value, 0),
        oldest_due_seconds=max(0.0, (now - oldest).total_seconds()) if oldest is not None else 0.0,
        by_state=by_state,
    )
