"""E-mails that could not be delivered, on the coordinator's "Needs attention" screen (issue 14).

The demo holds refusals (Kwame's reminder: no such address; Daniel's pairing news: refused by the
server; every e-mail to Sam, whose mailbox is gone). The coordinator sees each name linking to that
person's page, what kind of e-mail, why in plain words and when, never what it said; axe finds
nothing, at phone size and at 320 px in dark mode.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, LiveServer, Phone

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@example.org"


def test_coordinator_sees_undelivered_e_mails_with_reasons_in_plain_words(
    phone: Phone, live_server: LiveServer
) -> None:
    phone.sign_in(COORDINATOR)
    phone.go("/coordinator/attention")
    page = phone.page
    section = page.locator(
        "section", has=page.get_by_role("heading", name=re.compile("E-mails that could not be delivered"))
    )
    kwame = section.locator("li", has_text="Kwame Mensah")
    expect(kwame).to_contain_text("Check-in reminder")
    # The demo's two, and any other module on this server added (an invitation to a bad address).
    listed = section.locator("li").count()
    assert listed >= 2
    expect(section.get_by_role("heading")).to_have_text(f"E-mails that could not be delivered ({listed})")
    expect(kwame).to_contain_text("The address doesn't exist")
    expect(kwame).to_contain_text("3 hours ago")
    daniel = section.locator("li", has_text="Daniel Hughes")
    expect(daniel).to_contain_text("New buddy proposed")
    expect(daniel).to_contain_text("The mail server refused it")
    expect(section).not_to_contain_text("@example.org")  # no addresses, no content

    phone.check_accessibility("undelivered e-mails")
    phone.screenshot("undelivered-e-mails")
    page.set_viewport_size({"width": 320, "height": 640})
    page.emulate_media(color_scheme="dark")
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        phone.check_accessibility("undelivered e-mails, dark, 320 px")
        phone.screenshot("undelivered-e-mails-dark-320")
    finally:
        page.set_viewport_size(PHONE)
        page.emulate_media(color_scheme="light")

    section.get_by_role("link", name="Kwame Mensah").click()
    expect(page).to_have_url(re.compile(r"/coordinator/carers/[0-9a-f-]{36}$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kwame")
    assert phone.problems == []
