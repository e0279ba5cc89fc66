"""Volunteer hours and settings in the app, at phone size (issue 16): Helen logs a call and sees it in My
hours and on her certificate (printed without the app around it); Morgan changes a crisis line and a
check-in timing in Settings, is told what is wrong with a timing out of range, and sees "Changed by" on
each section and both changes in the history (and puts both back, as the live server is shared).

Every screen state passes axe, and fits 320 px in dark mode.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LiveServer

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@example.org"
HELEN = "buddy3@example.org"


def test_a_buddy_logs_time_and_prints_a_certificate(phone_factory: Any, live_server: LiveServer) -> None:
    helen = phone_factory()
    helen.sign_in(HELEN)
    page = helen.page
    page.get_by_role("link", name=re.compile("^My hours")).click()
    expect(page.get_by_role("heading", name="My hours", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile(r"^You have given"))).to_be_visible()
    expect(page.get_by_text("Met for a coffee at the community centre.")).to_be_visible()
    helen.check_every_way("My hours")

    # Too long first: the form says so, naming the field.
    page.get_by_label("Hours", exact=True).fill("13")
    page.get_by_role("button", name="Log this time").click()
    expect(page.get_by_role("link", name="Log up to 12 hours at a time")).to_be_visible()
    helen.check_every_way("Logging too much time")

    page.get_by_label("Hours", exact=True).fill("1")
    page.get_by_label("Minutes", exact=True).fill("15")
    page.get_by_label("A visit or meeting in person").check()
    page.get_by_label("Note (optional)").fill("Walked to the library together.")
    page.get_by_role("button", name="Log this time").click()
    expect(page.get_by_text(re.compile(r"^Logged 1 hour 15 minutes on"))).to_be_visible()
    entry = page.locator("li.list-item").filter(has_text="Walked to the library together.")
    expect(entry).to_contain_text("1 hour 15 minutes")
    helen.check_every_way("Time logged")

    page.get_by_role("link", name="Print a certificate").click()
    expect(page.get_by_role("heading", name="Your certificate")).to_be_visible()
    certificate = page.locator("article.certificate")
    expect(certificate).to_contain_text("Certificate of volunteering")
    expect(certificate).to_contain_text("Helen Wright")
    expect(certificate).to_contain_text("Riverside")
    expect(certificate).not_to_contain_text("Walked to the library")
    helen.check_every_way("Certificate")
    page.emulate_media(media="print")
    try:
        expect(page.locator("header.header")).to_be_hidden()
        expect(page.get_by_role("button", name="Print the certificate")).to_be_hidden()
        expect(certificate).to_be_visible()
    finally:
        page.emulate_media(media="screen")

    # Remove what this test logged, so My hours reads as the demo left it.
    page.go_back()
    entry = page.locator("li.list-item").filter(has_text="Walked to the library together.")
    entry.get_by_role("button", name=re.compile("^Remove")).click()
    expect(page.get_by_text("Walked to the library together.")).to_have_count(0)


def test_the_coordinator_changes_a_crisis_line_and_a_timing_and_sees_who_changed_them(
    phone_factory: Any, live_server: LiveServer
) -> None:
    morgan = phone_factory()
    morgan.sign_in(COORDINATOR)
    page = morgan.page
    morgan.go("/coordinator/running")
    page.get_by_role("link", name="Settings").click()
    expect(page.get_by_role("heading", name="Settings", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="History of changes")).to_be_visible()
    expect(
        page.get_by_text("Morgan Ellis changed the minutes each check-in and reply counts")
    ).to_be_visible()
    morgan.check_every_way("Settings")

    crisis = page.locator("section.settings-section").filter(
        has=page.get_by_role("heading", name="Crisis lines")
    )
    description = page.locator("#line-0-description")
    before = description.input_value()
    description.fill("Open day and night, every day of the year.")
    page.get_by_role("button", name="Save the crisis lines").click()
    expect(crisis.get_by_text(re.compile(r"^Changed by Morgan Ellis on \d+ \w+"))).to_be_visible()

    ladder = page.locator("section.settings-section").filter(
        has=page.get_by_role("heading", name="Check-in timings")
    )
    nudge = page.get_by_label("Remind the carer after (hours)")
    expect(nudge).to_have_value("24")
    nudge.fill("0")
    page.get_by_role("button", name="Save check-in timings").click()
    expect(
        page.get_by_role("link", name="Remind the carer after: enter a number from 1 to 720")
    ).to_be_visible()
    morgan.check_every_way("A check-in timing out of range")
    nudge.fill("30")
    page.get_by_role("button", name="Save check-in timings").click()
    expect(ladder.get_by_text("Saved.")).to_be_visible()
    history = page.locator("section.settings-section").filter(
        has=page.get_by_role("heading", name="History of changes")
    )
    expect(history.locator("li.list-item").first).to_contain_text("Morgan Ellis changed the check-in timings")
    expect(history.locator("li.list-item").first).to_contain_text("Remind the carer after (hours): 24 → 30")
    expect(history.locator("li.list-item").nth(1)).to_contain_text("Morgan Ellis changed the crisis lines")
    expect(history.locator("li.list-item").nth(1)).to_contain_text("Crisis lines: the details of ")
    morgan.check_every_way("Settings changed")

    # Put both back (the live server is shared by every browser test).
    description.fill(before)
    page.get_by_role("button", name="Save the crisis lines").click()
    expect(history.locator("li.list-item").first).to_contain_text("Morgan Ellis changed the crisis lines")
    nudge.fill("24")
    page.get_by_role("button", name="Save check-in timings").click()
    expect(history.locator("li.list-item").first).to_contain_text("Morgan Ellis changed the check-in timings")


def test_the_coordinator_sees_hours_per_buddy(phone_factory: Any, live_server: LiveServer) -> None:
    morgan = phone_factory()
    morgan.sign_in(COORDINATOR)
    page = morgan.page
    morgan.go("/coordinator/running")
    page.get_by_role("link", name="Volunteer hours").click()
    expect(page.get_by_role("heading", name="Volunteer hours", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Helen Wright")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("^All buddies"))).to_be_visible()
    morgan.check_every_way("Hours per buddy")
    page.get_by_role("link", name="Helen Wright").click()
    expect(page.get_by_role("heading", name="Helen Wright's logged time")).to_be_visible()
    morgan.check_every_way("One buddy's logged time")
