"""The coordinator's reported messages in Chromium (issue 18 audit): Needs attention says how many wait
("Reported messages (N)"); the list puts open ones first; Grace's report of Priya's message (the demo's)
opens with the messages before it, and "Dealt with" records who and when, moves it under "Dealt with" and
takes it off Needs attention. The copy Morgan asked for of Sam's data says plainly it holds the words of
his messages. axe, 320 px and dark mode on each state.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Api, LiveServer, Phone, api_session, signed_in_phone
from tests.browser.test_buddy import ORG

pytestmark = pytest.mark.browser
COORDINATOR = "coordinator@example.org"


@pytest.fixture(scope="module")
def morgan(browser: Any, live_server: LiveServer) -> Iterator[Phone]:
    """Morgan Ellis, the demo coordinator, on a phone (signed in once for the module)."""
    yield from signed_in_phone(browser, live_server, COORDINATOR)


@pytest.fixture(scope="module")
def morgan_api(playwright: Any, live_server: LiveServer) -> Iterator[Api]:
    """Morgan through the API: how many reports wait (other modules may add some to the shared server)."""
    yield from api_session(playwright, live_server, COORDINATOR)


def _waiting(api: Api) -> int:
    return int(api.get(f"{ORG}/message-reports/open-count")["open"])


def _home_count(phone: Phone) -> int:
    """How many things the home's Needs attention card says need the coordinator (0 when nothing does)."""
    phone.go("/")
    card = phone.page.locator(".card").filter(
        has=phone.page.get_by_role("heading", name="Needs attention", exact=True)
    )
    expect(
        card.locator("strong.count").or_(card.get_by_text("Nothing needs your attention right now."))
    ).to_be_visible()
    count = card.locator("strong.count")
    return int(count.inner_text()) if count.count() else 0


def test_a_coordinator_reads_a_reported_message_and_marks_it_dealt_with(
    morgan: Phone, morgan_api: Api
) -> None:
    page = morgan.page
    waiting = _waiting(morgan_api)
    assert waiting >= 1  # the demo's: Grace asked about Priya's "running on empty"
    things_before = _home_count(morgan)
    morgan.go("/coordinator/attention")
    expect(page.get_by_role("heading", name=f"Reported messages ({waiting})")).to_be_visible()
    morgan.check_every_way("Needs attention with reported messages")

    page.get_by_role("link", name="Messages people asked you to look at").click()
    expect(page.get_by_role("heading", name="Reported messages", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name=f"Open ({waiting})")).to_be_visible()
    morgan.check_every_way("Reported messages, open first")
    grace = page.locator("li.list-item", has_text="Grace with Priya")
    expect(grace.get_by_text("Open", exact=True)).to_be_visible()
    grace.get_by_role("link", name=re.compile("This worried me")).click()

    expect(page.get_by_text("running on empty", exact=False)).to_be_visible()
    expect(page.get_by_text("the reported message")).to_be_visible()
    dealt = page.get_by_role("button", name="Dealt with")
    expect(dealt).to_be_visible()
    morgan.check_every_way("A reported message, open")
    dealt.click()

    expect(page.get_by_text("This report is marked as dealt with.")).to_be_visible()
    expect(page.locator("#report-state")).to_contain_text("Dealt with by Morgan Ellis")
    expect(page.get_by_role("button", name="Dealt with")).to_have_count(0)
    morgan.check_every_way("A reported message, dealt with")
    assert _waiting(morgan_api) == waiting - 1

    morgan.go("/coordinator/message-reports")
    done = page.locator("section", has=page.get_by_role("heading", name=re.compile(r"^Dealt with \(\d+\)$")))
    expect(done.locator("li.list-item", has_text="Grace with Priya")).to_contain_text(
        "Dealt with by Morgan Ellis"
    )
    morgan.check_every_way("Reported messages, one dealt with")
    morgan.go("/coordinator/attention")
    expect(page.get_by_role("heading", name=f"Reported messages ({waiting - 1})")).to_be_visible()
    if waiting == 1:
        expect(page.get_by_text("No reported messages are waiting.")).to_be_visible()
        morgan.check_every_way("Needs attention with no reported messages")
    # The home's Needs attention card counts reports waiting for a look among the things to see to.
    assert _home_count(morgan) == things_before - 1


def test_a_copy_asked_for_on_someones_behalf_says_it_holds_the_words_of_their_messages(morgan: Phone) -> None:
    page = morgan.page
    morgan.go("/coordinator/data-rights")
    page.locator("#copies").get_by_role("link", name="Sam Clarke").click()
    expect(page.get_by_role("heading", name="Copy of Sam Clarke's data")).to_be_visible()
    expect(page.locator("#copy-messages")).to_contain_text("This copy includes the words of 5 messages.")
    expect(page.locator("#copy-messages")).to_contain_text("the one exception")
    morgan.check_every_way("A copy that holds the words of messages")
