"""At every start the app tells the server about this phone's push subscription again, so reminders that the
server lost (a database restored from last night's backup) reach the phone again once the app is opened.

Chromium's real ``PushManager`` needs its push service on the internet, which tests never reach; the
page gets a stand-in whose subscription (endpoint and P-256 keys) lives on the suite's loopback push
service, in a process of its own. Everything from the app's start to the push decrypted on that
service is real.
"""

from __future__ import annotations

import contextlib
import sqlite3
from urllib.parse import quote

import pytest

from tests.browser.conftest import Api, LiveServer, Phone, already_subscribed, until
from tests.notifications.workers import PushServiceProcess

pytestmark = pytest.mark.browser

GRACE = "carer9@example.org"  # no other browser test gives Grace Lewis a device


def test_the_app_gives_the_server_its_subscription_again_at_start_and_reminders_arrive_again(
    phone: Phone, live_server: LiveServer, push_service: PushServiceProcess
) -> None:
    [subscription] = push_service.subscribers(1)
    endpoint = subscription["endpoint"]
    phone.context.grant_permissions(["notifications"], origin=live_server.url)
    phone.context.add_init_script(already_subscribed(subscription))
    grace = Api(phone.context.request, live_server.url)  # Grace's own sign-in, as the phone holds it

    def devices() -> list[str]:
        return [device["endpoint"] for device in grace.get("/api/v1/push/subscriptions")]

    phone.sign_in(GRACE)
    try:
        # The first start after signing in: the server learns about this phone.
        until(lambda: endpoint in devices(), "the server lists the phone")

        # The server loses the phone (a restore from a backup made before it subscribed).
        with sqlite3.connect(live_server.data_dir / "carerlink.sqlite3", timeout=10) as db:
            db.execute("DELETE FROM push_subscriptions WHERE endpoint = ?", (endpoint,))
        assert endpoint not in devices()

        # Opening the app again is enough: no tap on "Turn on reminders".
        phone.page.reload()
        phone.page.wait_for_selector("h1:has-text('Hello')")
        until(lambda: endpoint in devices(), "the app has given the server its subscription again")

        report = grace.call("POST", "/api/v1/push/test")
        assert [device["outcome"] for device in report["devices"]] == ["sent"], report
        stats = until(
            lambda: (s := push_service.stats())["decrypted"] >= 1 and s, "the test push reached the phone"
        )
        assert stats["problems"] == [], stats
        assert [r["token"] for r in push_service.received()] == [endpoint.rsplit("/", 1)[1]]
    finally:
        with contextlib.suppress(AssertionError):  # leave Grace with no device for the tests after
            grace.call("DELETE", f"/api/v1/push/subscriptions?endpoint={quote(endpoint, safe='')}")
