"""Who looked and how long records are kept, at phone size (issue 15): the coordinator reads the retention
schedule and what the first run (at the server's start) removed, is told what is wrong with a period out
of range, and filters the audit log by a person; Alex sees that Morgan looked at his record.

Every screen state passes axe, and fits 320 px in dark mode.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LiveServer

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@example.org"
ALEX = "carer1@example.org"


def test_the_coordinator_reads_the_schedule_and_filters_who_looked(
    phone_factory: Any, live_server: LiveServer
) -> None:
    coordinator = phone_factory()
    coordinator.sign_in(COORDINATOR)
    page = coordinator.page

    # the retention run ran as the server started: the referral declined seven months ago is gone
    coordinator.go("/coordinator/retention")
    expect(page.get_by_role("heading", name="How long records are kept", exact=True)).to_be_visible()
    expect(page.get_by_text("Removed 1 declined referral.")).to_be_visible(timeout=30_000)
    expect(
        page.get_by_text("Referrals the centre declined: deleted this long after the decision")
    ).to_be_visible()
    coordinator.check_every_way("Retention schedule and last run")

    field = page.get_by_label("Declined referrals, after the decision (months)")
    expect(field).to_have_value("6")
    field.fill("0")
    page.get_by_role("button", name="Save the schedule").click()
    expect(page.get_by_role("link", name="Enter between 1 and 240 months")).to_be_visible()
    coordinator.check_every_way("Retention period out of range")
    field.fill("9")
    page.get_by_role("button", name="Save the schedule").click()
    expect(page.get_by_text("There is a problem")).to_have_count(0)
    expect(page.locator("dd").filter(has_text="9 months")).to_have_count(1)
    field.fill("6")
    page.get_by_role("button", name="Save the schedule").click()
    expect(page.locator("dd").filter(has_text="9 months")).to_have_count(0)

    # who looked: everything first, then only what is about Alex
    coordinator.go("/coordinator/audit")
    expect(page.get_by_role("heading", name="Who looked at whose record")).to_be_visible()
    expect(page.locator("li.list-item").first).to_be_visible()
    page.get_by_label("About").select_option(label="Alex Turner (carer)")
    page.get_by_role("button", name="Show entries").click()
    expect(page.get_by_role("heading", name="Entries about Alex Turner (carer)")).to_be_visible()
    expect(
        page.get_by_text("Morgan Ellis (coordinator) looked at Alex Turner's profile").first
    ).to_be_visible()
    items = page.locator("li.list-item")
    texts = items.all_inner_texts()
    assert texts and all("Alex Turner" in text for text in texts), texts
    coordinator.check_every_way("Audit log filtered by a person")

    page.get_by_label("From").fill("2030-01-02")
    page.get_by_label("To").fill("2030-01-01")
    page.get_by_role("button", name="Show entries").click()
    expect(
        page.get_by_role("link", name="The last day must be the same as or after the first day")
    ).to_be_visible()
    coordinator.check_every_way("Audit log period the wrong way round")


def test_a_carer_sees_who_at_the_centre_looked_at_their_record(
    phone_factory: Any, live_server: LiveServer
) -> None:
    alex = phone_factory()
    alex.sign_in(ALEX)
    alex.go("/my-data")
    page = alex.page
    expect(page.get_by_role("heading", name="Who at the centre looked at your record")).to_be_visible()
    expect(page.get_by_text("Morgan, coordinator, looked at your profile").first).to_be_visible()
    assert "concern" not in page.locator("main").inner_text().lower()
    alex.check_every_way("Your data, who looked at your record")


def test_someone_nobody_has_looked_at_sees_a_calm_empty_state(
    phone_factory: Any, live_server: LiveServer
) -> None:
    aisha = phone_factory()
    aisha.sign_in("carer8@example.org")
    aisha.go("/my-data")
    expect(aisha.page.get_by_text("Nobody at the centre has looked at your record yet.")).to_be_visible()
    aisha.check_every_way("Your data, nobody looked yet")
