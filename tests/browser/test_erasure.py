"""Erasure at phone size (issue 15): Aisha asked to be deleted (the demo), cancels, asks again in two steps
from Your data and sees it waiting; the coordinator opens it from People's data, reads what will be removed
and kept, confirms twice, and sees it done; Aisha can no longer sign in.

Its own server (a fresh demo): erasing Aisha on the suite's shared server would take her from other
modules. Every state passes axe, and fits 320 px in dark mode.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LiveServer, Phone, new_phone, serving

pytestmark = pytest.mark.browser

AISHA = "carer8@example.org"
COORDINATOR = "coordinator@example.org"


@pytest.fixture(scope="module")
def erasure_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with serving(tmp_path_factory.mktemp("erasure-server")) as server:
        yield server


@pytest.fixture
def phones(browser: Any, erasure_server: LiveServer) -> Iterator[Any]:
    made: list[Phone] = []

    def make() -> Phone:
        phone = new_phone(browser, erasure_server.url)
        made.append(phone)
        return phone

    yield make
    for phone in made:
        with contextlib.suppress(Exception):
            phone.context.close()
    problems = [p for phone in made for p in phone.problems]
    assert problems == [], "\n".join(problems)


def test_a_carer_asks_to_be_deleted_and_the_coordinator_confirms_it(phones: Any) -> None:
    aisha = phones()
    aisha.sign_in(AISHA)
    aisha.go("/my-data")
    page = aisha.page
    section = page.locator("section", has=page.get_by_role("heading", name="Ask to be deleted"))
    expect(section).to_contain_text("A coordinator will check and confirm it")
    aisha.check_every_way("erasure waiting (the demo)")
    section.get_by_role("button", name="Cancel my request").click()
    section.get_by_role("button", name="Ask to be deleted").click()
    expect(section).to_contain_text("cannot be undone")
    aisha.check_every_way("erasure asking, second step")
    section.get_by_role("button", name="Yes, ask to be deleted").click()
    expect(section).to_contain_text("A coordinator will check and confirm it")
    expect(section.get_by_role("button", name="Cancel my request")).to_be_visible()

    boss = phones()
    boss.sign_in(COORDINATOR)
    boss.go("/coordinator/data-rights")
    hub = boss.page
    expect(
        hub.get_by_role("heading", name=re.compile(r"Requests to be deleted \(1 waiting\)"))
    ).to_be_visible()
    boss.check_every_way("people's data hub with a request")
    hub.get_by_role("link", name="Aisha Rahman (carer)").first.click()
    expect(hub.get_by_role("heading", level=1)).to_have_text("Aisha Rahman asked to be deleted")
    expect(hub.get_by_text("What confirming will do")).to_be_visible()
    boss.check_every_way("erasure request")
    hub.get_by_role("button", name="Confirm deletion").click()
    expect(hub.get_by_text("cannot be undone")).to_be_visible()
    boss.check_every_way("erasure confirming")
    hub.get_by_role("button", name="Yes, delete their records").click()
    expect(hub.get_by_role("heading", level=1)).to_have_text("Former carer asked to be deleted")
    expect(hub.get_by_text("What was removed and kept")).to_be_visible()
    boss.check_every_way("erasure done")

    # Aisha's session ended with her account
    aisha.go("/my-data")
    expect(aisha.page.get_by_role("heading", level=1)).not_to_have_text("Your data")
