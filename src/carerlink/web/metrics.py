"""Prometheus metrics at ``/metrics``: requests and latency per route, and the work queues from the database.

Request figures come from ``http/metrics.py``. Queue figures
(outbox depth and age, deliveries by outcome, ladder steps, crisis alerts open, e-mail waiting and
failed) are read from the database at scrape time, so every process tells the same story. Only a
caller with the bearer token (``CARERLINK_METRICS_TOKEN``), or from this machine when no token is set,
may read them.
"""

from __future__ import annotations

import hmac
import ipaddress
from datetime import datetime
from typing import Any

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from prometheus_client import CollectorRegistry, Gauge, generate_latest
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts.caller import Caller
from carerlink.checkins import service as checkins
from carerlink.errors import NotAuthenticated, NotFound
from carerlink.http.metrics import request_figures
from carerlink.i18n import _
from carerlink.mail import service as mail
from carerlink.notifications import service as notifications
from carerlink.safeguarding import service as safeguarding
from carerlink.settings import Settings

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


async def _queue_figures(session: AsyncSession, now: datetime) -> bytes:
    registry = CollectorRegistry()
    outbox = await notifications.outbox_figures(session, now=now)
    Gauge("carerlink_push_outbox_depth", "Pushes waiting to go", registry=registry).set(outbox.pending)
    Gauge(
        "carerlink_push_outbox_oldest_due_seconds",
        "How long the oldest due push has waited",
        registry=registry,
    ).set(outbox.oldest_due_seconds)
    deliveries = Gauge(
        "carerlink_push_deliveries", "Pushes by outcome (kept 30 days)", ["outcome"], registry=registry
    )
    for state, count in outbox.by_state.items():
        deliveries.labels(state).set(count)
    figures = await checkins.counts(session)
    steps = Gauge(
        "carerlink_ladder_steps", "Escalation ladder steps taken, by step", ["step"], registry=registry
    )
    states = Gauge("carerlink_checkins", "Check-ins by state", ["state"], registry=registry)
    for key, count in figures.items():
        kind, _, name = key.partition("_")
        (steps if kind == "step" else states).labels(name).set(count)
    Gauge("carerlink_crisis_alerts_open", "Crisis alerts nobody has acknowledged", registry=registry).set(
        await safeguarding.open_alert_count(session)
    )
    Gauge("carerlink_mail_pending", "E-mails waiting to go", registry=registry).set(
        await mail.pending_count(session)
    )
    Gauge(
        "carerlink_mail_failed",
        "E-mails that could never be sent (refused or abandoned; kept 30 days)",
        registry=registry,
    ).set(await mail.failed_count(session))
    return bytes(generate_latest(registry))


def _allowed(request: Request[Any, Any, Any], settings: Settings) -> None:
    token = settings.metrics_token
    if token:
        sent = request.headers.get("authorization", "")
        if not hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
            raise NotAuthenticated(_("Metrics need the bearer token."))
        return
    peer = request.client.host if request.client else ""
    try:
        loopback = ipaddress.ip_address(peer).is_loopback
    except ValueError:
        loopback = False
    # A reverse proxy on this machine also connects from loopback: a forwarded request came from
    # somewhere else, so without the token it is refused like any outside one.
    forwarded = "x-forwarded-for" in request.headers or "forwarded" in request.headers
    if not loopback or forwarded:
        raise NotFound(_("Not found."))


class MetricsController(Controller):
    """``/metrics`` for Prometheus."""

    path = "/metrics"
    include_in_schema = False

    @get("/", operation_id="metrics", summary="Prometheus metrics")
    async def metrics(
        self,
        request: Request[Any, Any, Any],
        caller: NamedDependency[Caller],
        settings: NamedDependency[Settings],
    ) -> Response[bytes]:
        """Requests and latency, outbox depth and age, deliveries by outcome, ladder steps, alerts open."""
        _allowed(request, settings)
        body = request_figures() + await _queue_figures(caller.session, caller.now)
        return Response(body, media_type=CONTENT_TYPE, headers={"cache-control": "no-store"})
