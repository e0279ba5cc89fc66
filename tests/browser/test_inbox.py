"""The inbox and notification settings: every notification listed with its deep link, read one or all;
quiet hours and what to be told about; my devices (remove one); a test notification.

Helen Wright (a demo buddy) is signed in once for the module; Sam sends her a check-in of his own so
that her inbox has a new notification whatever ran before, and Helen replies to it at the end. Her
quiet hours and choices are put back after each test.
"""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Iterator
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from playwright.sync_api import expect

from tests.browser.conftest import Api, Phone
from tests.browser.test_buddy import sam_checks_in

pytestmark = pytest.mark.browser

PREFERENCES = "/api/v1/me/notification-preferences"
QUIET_KIND = "buddy_carer_quiet"


@pytest.fixture
def helens_preferences(helen_api: Api) -> Iterator[dict[str, Any]]:
    """Helen's notification preferences as they were; put back after the test."""
    before = helen_api.get(PREFERENCES)
    yield before
    helen_api.call(
        "PATCH",
        PREFERENCES,
        {
            "quiet_hours": before["quiet_hours"],
            "kinds": {k["kind"]: k["enabled"] for k in before["kinds"] if k["can_switch_off"]},
        },
    )


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _notification(helen_api: Api, notification_id: str) -> dict[str, Any]:
    items = helen_api.get("/api/v1/notifications?limit=100")["items"]
    return dict(next(item for item in items if item["id"] == notification_id))


def test_the_inbox_lists_notifications_with_their_links_and_marks_them_read(
    helen: Phone, helen_api: Api, sam: Api
) -> None:
    page = helen.page
    # Two new notifications whatever ran before: one to mark read alone, one for "mark all".
    older = sam_checks_in(sam, note="Just saying hello.")
    checkin = sam_checks_in(sam, note="And hello again.")
    try:
        fresh = next(
            item
            for item in helen_api.get("/api/v1/notifications")["items"]
            if item["url"] == f"/buddy/checkins/{checkin['id']}"
        )
        unread = helen_api.get("/api/v1/notifications")["unread"]
        assert unread >= 2
        helen.go("/")
        counted = f"{unread} unread"
        page.get_by_role("link", name=f"Your inbox: {counted}").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Inbox")
        expect(page.get_by_role("status").filter(has_text="unread")).to_have_text(counted)
        item = page.locator(".inbox-item").first
        expect(item.get_by_role("link")).to_have_text("Sam has checked in")
        expect(item.get_by_role("link")).to_have_attribute("href", f"/buddy/checkins/{checkin['id']}")
        expect(item.locator(".tag")).to_have_text("New")
        expect(item).to_contain_text("Read it and reply.")
        expect(item).not_to_contain_text("Open carerlink")
        helen.check_accessibility("inbox")
        helen.screenshot("inbox")
        helen.fits_320_in_dark_mode("inbox")

        item.get_by_role("button", name="Mark as read: Sam has checked in").click()
        expect(item.locator(".tag")).to_have_count(0)
        expect(item.get_by_role("button")).to_have_count(0)
        assert _notification(helen_api, fresh["id"])["read_at"] is not None

        # The link leads where the push would have.
        item.get_by_role("link", name="Sam has checked in").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Sam's check-in")
        page.go_back()
        expect(page.get_by_role("heading", level=1)).to_have_text("Inbox")

        expect(page.locator(".inbox-item").nth(1).locator(".tag")).to_have_text("New")
        page.get_by_role("button", name="Mark all as read").click()
        expect(page.get_by_text("You've read everything.")).to_be_visible()
        expect(page.locator(".inbox-item .tag")).to_have_count(0)
        assert helen_api.get("/api/v1/notifications")["unread"] == 0
        helen.check_accessibility("inbox, all read")
        helen.screenshot("inbox-read")
        helen.go("/")
        expect(page.get_by_role("link", name="Your inbox")).to_be_visible()
    finally:
        for answered in (older, checkin):
            helen_api.call("POST", f"/api/v1/checkins/{answered['id']}/reply", {"kind": "we_spoke"})


def test_quiet_hours_save_and_a_half_filled_time_is_an_error(
    helen: Phone, helen_api: Api, helens_preferences: dict[str, Any]
) -> None:
    page = helen.page
    helen.go("/")
    page.get_by_role("link", name="Quiet hours and notifications").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notification settings")
    helen.check_accessibility("notification settings")
    helen.screenshot("notification-settings")

    page.get_by_label("From").fill("22:00")
    page.get_by_label("Until").fill("25:00")
    page.get_by_role("button", name="Save quiet hours").click()
    summary = page.locator(".error-summary")
    expect(
        summary.get_by_role("link", name="Enter the end time as hours and minutes, like 08:00")
    ).to_have_attribute("href", "#notify_until")
    expect(page.locator("#notify_until-error")).to_be_visible()
    helen.check_accessibility("quiet hours with an error")
    helen.screenshot("notification-settings-error")
    helen.fits_320_in_dark_mode("notification settings error")
    assert helen_api.get(PREFERENCES)["quiet_hours"] == helens_preferences["quiet_hours"]

    page.get_by_label("Until").fill("7:30")
    page.get_by_role("button", name="Save quiet hours").click()
    expect(page.get_by_text("Quiet hours saved: 22:00 to 07:30.")).to_be_visible()
    expect(summary).to_have_count(0)
    assert helen_api.get(PREFERENCES)["quiet_hours"] == {"start": "22:00", "end": "07:30"}

    page.get_by_role("button", name="Turn off quiet hours").click()
    expect(page.get_by_text("Quiet hours are off.")).to_be_visible()
    expect(page.get_by_label("From")).to_have_value("")
    assert helen_api.get(PREFERENCES)["quiet_hours"] is None


def test_a_kind_of_notification_switched_off_is_saved_and_urgent_ones_stay_on(
    helen: Phone, helen_api: Api, helens_preferences: dict[str, Any]
) -> None:
    page = helen.page
    helen.go("/notification-settings")
    quiet = page.get_by_label("When a carer hasn't answered for a few days")
    expect(quiet).to_be_checked()
    # "A carer asked for urgent help" can't be switched off: it is listed, with no checkbox.
    expect(page.get_by_role("listitem").filter(has_text="When a carer asks for urgent help")).to_be_visible()
    expect(page.get_by_role("checkbox", name="When a carer asks for urgent help")).to_have_count(0)
    quiet.uncheck()
    page.get_by_role("button", name="Save choices").click()
    expect(page.get_by_text("Your choices are saved.")).to_be_visible()
    kinds = {k["kind"]: k["enabled"] for k in helen_api.get(PREFERENCES)["kinds"]}
    assert kinds[QUIET_KIND] is False
    assert kinds["buddy_new_answer"] is True


def test_my_devices_can_be_removed_and_a_test_with_no_devices_says_so(helen: Phone, helen_api: Api) -> None:
    page = helen.page
    endpoint = f"http://127.0.0.1:9/push/{os.urandom(6).hex()}"
    point = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    )
    keys = {"p256dh": _b64url(point), "auth": _b64url(os.urandom(16))}
    helen_api.call(
        "POST",
        "/api/v1/push/subscriptions",
        {"endpoint": endpoint, "keys": keys, "label": "Kitchen tablet"},
    )
    helen.go("/notification-settings")
    devices = page.locator("section", has=page.get_by_role("heading", name="Your devices"))
    device = devices.locator(".list-item", has_text="Kitchen tablet")
    expect(device).to_contain_text("Not reached yet.")
    helen.check_accessibility("notification settings with a device")
    # The test notification says what happened on each device (nothing listens on port 9).
    page.get_by_role("button", name="Send a test notification").click()
    report = page.locator(".test-report .list-item")
    expect(report).to_have_count(1)
    expect(report.locator(".list-title")).to_have_text(
        re.compile(r"^Kitchen tablet: (Not sent yet|Not sent|Refused)$")
    )
    expect(report.locator("span").nth(1)).to_contain_text("Please try again")
    helen.check_accessibility("test notification, one device")
    helen.screenshot("notification-settings-test-one-device")
    device.get_by_role("button", name="Remove Kitchen tablet").click()
    expect(page.get_by_text("Kitchen tablet removed. It won't get notifications any more.")).to_be_visible()
    expect(devices.locator(".list-item")).to_have_count(0)
    assert endpoint not in str(helen_api.get("/api/v1/push/subscriptions"))

    assert helen_api.get("/api/v1/push/subscriptions") == []
    page.get_by_role("button", name="Send a test notification").click()
    expect(
        page.get_by_text("You have no devices with notifications turned on, so there was nothing to send.")
    ).to_be_visible()
    helen.check_accessibility("test notification with no devices")
    helen.screenshot("notification-settings-test-no-devices")
