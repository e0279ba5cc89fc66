"""Outcome measures and equality monitoring in Chromium (issue 16): Grace answers the questions her home
offers; Daniel answers the equality questions with his consent, then withdraws it; Morgan adds the
centre's licensed instrument. Every state passes axe, fits 320 px and reads in dark mode.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LiveServer, Phone, signed_in_phone

pytestmark = pytest.mark.browser

GRACE = "carer9@example.org"  # the demo leaves her start questions open
DANIEL = "buddy4@example.org"  # no other browser test signs Daniel in


@pytest.fixture(scope="module")
def grace(browser: Any, live_server: LiveServer) -> Iterator[Phone]:
    yield from signed_in_phone(browser, live_server, GRACE)


@pytest.fixture(scope="module")
def daniel(browser: Any, live_server: LiveServer) -> Iterator[Phone]:
    yield from signed_in_phone(browser, live_server, DANIEL)


@pytest.fixture(scope="module")
def morgan(browser: Any, live_server: LiveServer) -> Iterator[Phone]:
    yield from signed_in_phone(browser, live_server, "coordinator@example.org")


def test_a_carer_answers_the_questions_her_home_offers(grace: Phone) -> None:
    page = grace.page
    grace.go("/")
    card = page.locator(".card", has=page.get_by_role("heading", name="A few questions about how you are"))
    expect(card).to_be_visible()
    grace.check_every_way("Carer home with outcome questions")
    card.get_by_role("link", name="Answer the questions").click()
    expect(page.get_by_role("heading", name="A few questions about how you are", level=1)).to_be_visible()
    expect(page.get_by_text("Thinking about the last two weeks")).to_be_visible()
    grace.check_every_way("Outcome questions")

    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator(".error-summary")).to_be_visible()
    grace.check_every_way("Outcome questions, not answered")

    groups = page.get_by_role("group")
    for index, answer in enumerate(["Mostly", "Somewhat", "A little", "Mostly", "Completely", "Somewhat"]):
        groups.nth(index).get_by_label(answer, exact=True).check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", name="Thank you for your answers")).to_be_visible()
    grace.check_every_way("Outcome questions answered")

    grace.go("/")
    expect(page.get_by_role("heading", name="A few questions about how you are")).to_have_count(0)


def test_a_buddy_answers_equality_questions_with_consent_then_withdraws(daniel: Phone) -> None:
    page = daniel.page
    daniel.go("/me")
    page.get_by_role("link", name=re.compile("optional equality questions")).click()
    expect(page.get_by_role("heading", name="Equality monitoring", level=1)).to_be_visible()
    daniel.check_every_way("Equality questions")

    page.get_by_role("group", name="Age band").get_by_label("50 to 64").check()
    page.get_by_role("group", name="Gender").get_by_label("Prefer not to say").check()
    page.get_by_label("Ethnic group").select_option("black_caribbean")
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_text("Tick the box to agree").first).to_be_visible()
    daniel.check_every_way("Equality questions without consent")

    page.get_by_label("I agree to the centre keeping my answers").check()
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_role("heading", name="Your answers have been saved")).to_be_visible()
    expect(
        page.get_by_text("Black, Black British, Black Welsh, Caribbean or African: Caribbean")
    ).to_be_visible()
    daniel.check_every_way("Equality answers saved")

    page.get_by_role("button", name="Withdraw and delete my answers").click()
    expect(page.get_by_role("heading", name="Your answers have been deleted")).to_be_visible()
    expect(page.get_by_role("heading", name="Your answers", exact=True)).to_have_count(0)
    daniel.check_every_way("Equality answers withdrawn")


def test_a_coordinator_adds_the_centres_licensed_instrument(morgan: Phone) -> None:
    page = morgan.page
    morgan.go("/coordinator/outcomes")
    expect(page.get_by_role("heading", name="Outcome measures", level=1)).to_be_visible()
    expect(page.get_by_text(re.compile(r"How you are \(carerlink's own questions\), since"))).to_be_visible()
    expect(page.get_by_text(re.compile("carerlink ships none of the wording")).first).to_be_visible()
    morgan.check_every_way("Outcome measures")

    page.get_by_role("link", name="Add your centre's licensed questions").click()
    expect(page.get_by_role("heading", name="Add your licensed questions")).to_be_visible()
    page.get_by_role("button", name="Add these questions").click()
    expect(page.locator(".error-summary")).to_be_visible()
    morgan.check_every_way("Licensed questions, not filled in")

    page.get_by_label("Name of the instrument").fill("Our licensed carer scale")
    page.get_by_label("Your licence").fill("Licence 2026-17, held by Riverside until March 2027")
    page.get_by_label("The question's words").fill("Licensed question one")
    page.get_by_label("Its answers").fill("1 Never\n2 Sometimes\n3 Often")
    page.get_by_role("button", name="Add another question").click()
    page.get_by_label("The question's words").nth(1).fill("Licensed question two")
    page.get_by_label("Its answers").nth(1).fill("1 No\n2 Yes")
    page.get_by_role("button", name="Add these questions").click()

    expect(page.get_by_role("heading", name="Outcome measures", level=1)).to_be_visible()
    item = page.locator(".outcome-measure", has_text="Our licensed carer scale")
    expect(item).to_be_visible()
    expect(item.get_by_role("button", name=re.compile("Ask carers these questions"))).to_be_visible()
    morgan.check_every_way("Outcome measures with a licensed instrument")
