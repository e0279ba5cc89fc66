"""``/metrics``: Prometheus text with request figures and the work queues, only for whoever may read it."""

from __future__ import annotations

from typing import Any

import httpx
from litestar import Litestar

from carerlink.app import create_app
from carerlink.settings import Settings
from tests.checkins.factories import make_pair
from tests.support import BASE_URL, ApiClient, Mailbox, problem


def _value(text: str, name: str) -> float:
    for line in text.splitlines():
        if line.startswith((name + " ", name + "{")):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"{name} not in metrics")


def _from(app: Litestar, address: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, client=(address, 5000)), base_url=BASE_URL
    )


async def test_metrics_show_requests_queues_and_open_alerts(app: Litestar, db: Any, new_client: Any) -> None:
    pair = await make_pair(db)
    carer: ApiClient = new_client()
    await carer.login(pair.carer.email)
    await carer.post(f"/api/v1/orgs/{pair.org.id}/help")

    response = await _from(app, "127.0.0.1").get("/metrics")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert 'carerlink_http_requests_total{method="POST",route="/api/v1/orgs/{org}/help",status="201"}' in text
    assert _value(text, "carerlink_crisis_alerts_open") == 1
    assert _value(text, "carerlink_push_outbox_depth") == 0  # nobody has a phone subscribed here
    assert _value(text, "carerlink_mail_pending") >= 1  # the alert e-mail to the coordinator
    assert "carerlink_http_request_duration_seconds_bucket" in text


async def test_metrics_need_the_token_or_this_machine(settings: Settings, clock: Any) -> None:
    app = create_app(
        settings.replace(metrics_token="s3cret-token-for-prometheus"), clock=clock, mail_transport=Mailbox()
    )
    try:
        outside = _from(app, "203.0.113.5")
        problem(await outside.get("/metrics"), 401)
        ok = await outside.get("/metrics", headers={"Authorization": "Bearer s3cret-token-for-prometheus"})
        assert ok.status_code == 200
        problem(await outside.get("/metrics", headers={"Authorization": "Bearer guess"}), 401)
    finally:
        await app.state.runtime.close()
    app = create_app(settings, clock=clock, mail_transport=Mailbox())
    try:
        problem(await _from(app, "203.0.113.5").get("/metrics"), 404)  # no token: only from this machine
        # ...and not through a reverse proxy on this machine, which would publish it to everyone
        local = _from(app, "127.0.0.1")
        problem(await local.get("/metrics", headers={"X-Forwarded-For": "203.0.113.5"}), 404)
        problem(await local.get("/metrics", headers={"Forwarded": "for=203.0.113.5"}), 404)
        assert (await local.get("/metrics")).status_code == 200
    finally:
        await app.state.runtime.close()


async def test_a_csrf_refusal_is_logged_and_counted_as_the_403_the_client_gets(
    app: Litestar, client: ApiClient, caplog: Any
) -> None:
    import logging

    local = _from(app, "127.0.0.1")
    before = (await local.get("/metrics")).text
    counted = 'carerlink_http_requests_total{method="POST",route="/api/v1/auth/logout",status="%s"}'

    def count(text: str, status: int) -> float:
        line = counted % status
        return next((float(x.rsplit(" ", 1)[1]) for x in text.splitlines() if x.startswith(line)), 0.0)

    with caplog.at_level(logging.INFO, logger="carerlink.http"):
        refused = await client.post("/api/v1/auth/logout", headers={"X-CSRFToken": "forged"})

    problem(refused, 403)
    assert refused.headers["x-request-id"] and refused.headers["x-content-type-options"] == "nosniff"
    [line] = [r for r in caplog.records if r.getMessage() == "http.request"]
    assert line.fields["status"] == 403  # type: ignore[attr-defined]
    after = (await local.get("/metrics")).text
    assert count(after, 403) == count(before, 403) + 1
    assert count(after, 500) == count(before, 500)
