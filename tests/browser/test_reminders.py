"""Turning on reminders: explain first, ask only on the tap, iPhone steps, blocked, and the push API.

Chromium's real ``PushManager.subscribe`` needs its push service on the internet, which tests never
reach; where a subscription is needed, the page gets a stand-in that returns a loopback endpoint with
real P-256 keys, so everything from the tap to the server's list of devices is real.
"""

from __future__ import annotations

import base64
import json
import os
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from playwright.sync_api import expect

from tests.browser.conftest import LiveServer, Phone

pytestmark = pytest.mark.browser

IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1"
)


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _stand_in_subscription(endpoint: str) -> str:
    """An init script replacing PushManager.subscribe/getSubscription with a loopback subscription."""
    key = ec.generate_private_key(ec.SECP256R1()).public_key()
    point = key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    keys = {"p256dh": _b64url(point), "auth": _b64url(os.urandom(16))}
    return f"""
        (() => {{
          let current = null;
          const make = () => ({{
            endpoint: {json.dumps(endpoint)},
            expirationTime: null,
            toJSON() {{
              return {{ endpoint: this.endpoint, expirationTime: null, keys: {json.dumps(keys)} }};
            }},
            unsubscribe: async () => {{ current = null; return true; }},
          }});
          PushManager.prototype.subscribe = async function () {{
            current = current || make();
            return current;
          }};
          PushManager.prototype.getSubscription = async function () {{ return current; }};
        }})();
    """


def test_reminders_are_explained_first_and_permission_is_asked_only_on_the_tap(phone: Phone) -> None:
    page = phone.page
    phone.sign_in("carer6@example.org")
    page.get_by_role("link", name="Reminders on this phone").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reminders")
    expect(page.get_by_text("We'll remind you before your check-in with your buddy")).to_be_visible()
    expect(page.get_by_role("button", name="Turn on reminders")).to_be_visible()
    assert page.evaluate("Notification.permission") == "default"
    phone.check_accessibility("reminders, not asked yet")
    phone.screenshot("reminders")


def test_saying_no_explains_how_to_allow_notifications_later_and_that_nothing_is_lost(phone: Phone) -> None:
    page = phone.page
    phone.sign_in("carer6@example.org")
    phone.go("/reminders")
    # Headless Chromium answers the permission prompt with "no", as a person tapping "Block" would.
    page.get_by_role("button", name="Turn on reminders").click()
    expect(page.get_by_text("turned off in this phone's settings")).to_be_visible()
    expect(page.get_by_text("You can still see everything in carerlink")).to_be_visible()
    expect(page.get_by_role("button", name="Turn on reminders")).to_have_count(0)
    phone.check_accessibility("reminders blocked")
    phone.screenshot("reminders-blocked")


def test_an_iphone_not_on_the_home_screen_is_shown_how_to_add_it_first(phone_factory: Any) -> None:
    # Safari outside an installed web app has no PushManager; this context behaves the same.
    iphone = phone_factory(user_agent=IPHONE)
    iphone.context.add_init_script("delete window.PushManager;")
    iphone.sign_in("carer8@example.org")
    iphone.go("/reminders")
    page = iphone.page
    expect(page.get_by_text("only work once carerlink is on your Home Screen")).to_be_visible()
    expect(page.get_by_text("Add to Home Screen")).to_be_visible()
    expect(page.get_by_role("button", name="Turn on reminders")).to_have_count(0)
    iphone.check_accessibility("reminders on an iPhone")
    iphone.screenshot("reminders-iphone")


def test_turning_on_reminders_sends_the_subscription_and_turning_off_removes_it(
    phone: Phone, live_server: LiveServer
) -> None:
    page = phone.page
    endpoint = f"http://127.0.0.1:9/push/{os.urandom(6).hex()}"
    phone.context.grant_permissions(["notifications"], origin=live_server.url)
    phone.context.add_init_script(_stand_in_subscription(endpoint))
    phone.sign_in("carer6@example.org")
    phone.go("/reminders")
    page.get_by_role("button", name="Turn on reminders").click()
    expect(page.get_by_role("heading", name="Reminders are on for this phone")).to_be_visible()
    phone.check_accessibility("reminders on")
    devices = page.evaluate("fetch('/api/v1/push/subscriptions').then((r) => r.json())")
    assert endpoint in json.dumps(devices)

    page.get_by_role("button", name="Turn off reminders on this phone").click()
    expect(page.get_by_role("button", name="Turn on reminders")).to_be_visible()
    devices = page.evaluate("fetch('/api/v1/push/subscriptions').then((r) => r.json())")
    assert endpoint not in json.dumps(devices)
