"""Phone numbers at phone size: Sam adds his number and shows it to Helen; Helen calls him from "Sam
would like a call"; the coordinator has tap-to-call links on a crisis alert and the attention list.
axe, 320 px and dark mode on each new screen state."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Api, LiveServer, api_session
from tests.browser.test_buddy import ORG, sam_checks_in, sams_match

pytestmark = pytest.mark.browser


@pytest.fixture
def coordinator_api(playwright: Any, live_server: LiveServer) -> Iterator[Api]:
    """The demo coordinator's API session."""
    yield from api_session(playwright, live_server, "coordinator@example.org")


def test_sam_shares_his_number_and_helen_can_call_him(phone_factory: Any, sam: Api) -> None:
    sams = phone_factory()
    sams.sign_in("carer3@example.org")
    sams.go("/me")
    page = sams.page
    # A number that isn't one: the error summary names the field, and nothing is saved.
    page.get_by_label("Your phone number (optional)").fill("0770090")
    page.get_by_role("button", name="Save my details").click()
    expect(page.locator("#phone-error")).to_contain_text("complete phone number")
    sams.check_accessibility("my details phone error")
    sams.fits_320_in_dark_mode("my details phone error")
    page.get_by_label("Your phone number (optional)").fill("07700 900123")
    page.get_by_label("Their name").fill("Chris Clarke")
    page.get_by_label("Who they are to you").fill("My brother")
    page.get_by_label("Their phone number").fill("07700 900301")
    page.get_by_role("button", name="Save my details").click()
    expect(page.get_by_text("Your details have been saved")).to_be_visible()
    sams.fits_320_in_dark_mode("my details with phone and emergency contact")

    match_id = sams_match(sam)
    sams.go(f"/matches/{match_id}")
    share = page.get_by_label("Show my number (07700 900123) to Helen")
    if share.is_checked():
        share.uncheck()
        expect(page.get_by_text("Helen can't see your number.")).to_be_visible()
    share.check()
    expect(page.get_by_text("Helen can see your number.")).to_be_visible()
    expect(page.get_by_role("link", name="Call Helen on 07700 900103")).to_have_attribute(
        "href", "tel:+447700900103"
    )
    sams.fits_320_in_dark_mode("pair page phone sharing")

    checkin = sam_checks_in(sam, note="Could we talk?", wants_call=True)
    helen = phone_factory()
    helen.sign_in("buddy3@example.org")
    helen.go(f"/buddy/checkins/{checkin['id']}")
    call = helen.page.get_by_role("link", name="Call Sam on 07700 900123")
    expect(call).to_have_attribute("href", "tel:+447700900123")
    helen.fits_320_in_dark_mode("buddy would like a call with number")

    # Sam stops showing it: Helen is told how else to reach him.
    sams.go(f"/matches/{match_id}")
    page.get_by_label("Show my number (07700 900123) to Helen").uncheck()
    expect(page.get_by_text("Helen can't see your number.")).to_be_visible()
    helen.go(f"/buddy/checkins/{checkin['id']}")
    expect(
        helen.page.get_by_text("Sam hasn't shared a number. You can reply here, or ask the centre.")
    ).to_be_visible()
    expect(helen.page.locator("a[href^='tel:']")).to_have_count(0)
    helen.fits_320_in_dark_mode("buddy would like a call without number")
    sam.call("PUT", f"{ORG}/matches/{match_id}/phone-sharing", {"share": True})


def test_the_coordinator_rings_from_the_alert_and_the_attention_list(
    phone_factory: Any, sam: Api, coordinator_api: Api
) -> None:
    asked = sam.call("POST", f"{ORG}/help", headers={"Idempotency-Key": "phones-browser-help-1"})
    coordinator = phone_factory()
    coordinator.sign_in("coordinator@example.org")
    coordinator.go(f"/coordinator/alerts/{asked['alert_id']}")
    page = coordinator.page
    expect(page.get_by_role("link", name="Call Sam on 07700 900123")).to_have_attribute(
        "href", "tel:+447700900123"
    )
    expect(page.get_by_role("link", name="Call Chris on 07700 900301")).to_have_attribute(
        "href", "tel:+447700900301"
    )
    expect(page.get_by_role("link", name="Call Helen on 07700 900103")).to_have_attribute(
        "href", "tel:+447700900103"
    )
    coordinator.fits_320_in_dark_mode("crisis alert with numbers")
    coordinator_api.call(
        "POST", f"{ORG}/alerts/{asked['alert_id']}/acknowledge", {"action_taken": "Called Sam, he is safe."}
    )
    # An ask for a break puts the pair on the attention list, with both numbers to ring.
    sam.call("POST", f"{ORG}/matches/{sams_match(sam)}/requests", {"kind": "break"})
    coordinator.go("/coordinator/attention")
    expect(page.get_by_role("link", name="Call Sam on 07700 900123").first).to_be_visible()
    expect(page.get_by_role("link", name="Call Helen on 07700 900103").first).to_be_visible()
    coordinator.fits_320_in_dark_mode("attention list with numbers")
    # The pair's page and Sam's page: both numbers, and how to reach Sam's emergency contact.
    coordinator.go("/coordinator/pairs")
    expect(page.get_by_role("link", name="Call Sam on 07700 900123")).to_have_attribute(
        "href", "tel:+447700900123"
    )
    coordinator.fits_320_in_dark_mode("pairs with numbers")
    [match] = [
        m for m in sam.get(f"{ORG}/matches?status=active") if m["buddy"]["display_name"].startswith("Helen")
    ]
    coordinator.go(f"/coordinator/carers/{match['carer']['membership_id']}")
    expect(page.get_by_role("heading", name="How to reach Sam")).to_be_visible()
    expect(page.get_by_role("link", name="Call Chris on 07700 900301")).to_be_visible()
    coordinator.fits_320_in_dark_mode("carer page with numbers")
    for item in coordinator_api.get(f"{ORG}/attention"):
        if item["reason"] == "asked_for_break":
            coordinator_api.call("POST", f"{ORG}/attention/{item['id']}/resolve", {"note": ""})
