"""Debriefs and supervision on a phone (issue 13): Helen (demo buddy) asks to talk something through, the
coordinator sees it on the attention list, takes it up and records the debrief, and Helen sees when it
was taken up; overdue supervision (demo buddy Priya Shah) shows on the buddies list and the attention
list. Every new screen state passes axe, in light mode at 390 px and dark mode at 320 px.

Helen's asks are taken up by the end (the demo's own among them), so nothing is left open for other
modules; the sessions recorded here stay, as they would in a centre.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, Api, LiveServer, Phone, signed_in_phone

pytestmark = pytest.mark.browser

ORG = "/api/v1/orgs/riverside"
NOTE = "Sam told me about his night in A&E and it has stayed with me."
PRIVATE = "Talked through Sam's A&E night; Helen is sleeping badly. Offer group supervision next month."


@pytest.fixture(scope="module")
def morgan(browser: Any, live_server: LiveServer) -> Iterator[Phone]:
    """The demo coordinator on her phone, signed in once for the module."""
    yield from signed_in_phone(browser, live_server, "coordinator@example.org")


def _both_modes(phone: Phone, state: str) -> None:
    """axe at phone size in light mode, then at 320 px in dark mode with no sideways scrolling."""
    page = phone.page
    try:
        for width, scheme in ((PHONE["width"], "light"), (320, "dark")):
            page.set_viewport_size({"width": width, "height": 800})
            page.emulate_media(color_scheme=scheme)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{state} at {width} px"
            phone.check_accessibility(f"{state}, {width} px, {scheme}")
        phone.screenshot(f"supervision-{re.sub(r'[^a-z0-9]+', '-', state.lower())}")
    finally:
        page.set_viewport_size(PHONE)
        page.emulate_media(color_scheme="light")


def _debrief_mail(live_server: LiveServer) -> str:
    """The coordinator's e-mail about an ask to talk (read, so no later module mistakes it for its own)."""
    for _ in range(30):  # earlier modules' unread mail to the coordinator comes first
        body = live_server.mail_to("coordinator@example.org")
        if "talk something through" in body:
            return body
    raise AssertionError("no e-mail to the coordinator about an ask to talk")


def test_helen_asks_to_talk_and_sees_when_the_coordinator_took_it_up(
    helen: Phone, morgan: Phone, live_server: LiveServer
) -> None:
    page = helen.page
    helen.go("/")
    card = page.locator("section.card", has=page.get_by_role("heading", name="Looking after yourself"))
    expect(card).to_contain_text("A coordinator will be in touch.")  # the demo's ask, still open
    _both_modes(helen, "buddy home with an ask waiting")
    card.get_by_role("link", name="I'd like to talk something through").click()  # one tap from home
    expect(page.get_by_role("heading", level=1)).to_have_text("I'd like to talk something through")
    _both_modes(helen, "buddy asks to talk")

    page.get_by_role("button", name="Ask to talk").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Choose when you\u2019d like to talk")
    _both_modes(helen, "buddy asks to talk, nothing chosen")

    page.get_by_label("Today if possible").check()
    page.get_by_label("Anything you'd like the coordinator to know first").fill(NOTE)
    page.get_by_role("button", name="Ask to talk").click()
    panel = page.get_by_role("status").filter(has_text="We've let the coordinators know")
    expect(panel).to_contain_text("A coordinator will be in touch. If someone is in danger, call 999.")
    expect(page.locator(".list-item").filter(has_text="Waiting").first).to_contain_text(
        "Waiting for a coordinator"
    )
    _both_modes(helen, "buddy asked to talk")
    helen_api = Api(helen.context.request, helen.base_url)
    mail = _debrief_mail(live_server)  # by e-mail too, with no name and none of her words
    assert "today if possible" in mail
    assert "Helen" not in mail and "A&E" not in mail
    mine = helen_api.get(f"{ORG}/debriefs")
    asked = next(r for r in mine if r["note"] == NOTE)

    # The coordinator: the most urgent ask first, with Helen's words.
    screen = morgan.page
    morgan.go("/coordinator/attention")
    talks = screen.locator(
        "section", has=screen.get_by_role("heading", name=re.compile("Buddies who'd like to talk"))
    )
    first = talks.locator(".attention-item").first
    expect(first).to_contain_text("Helen would like to talk something through.")
    expect(first).to_contain_text("Today if possible")
    expect(first).to_contain_text(NOTE)
    # The buddy is a phone call away (the demo's number for Helen).
    expect(first.get_by_role("link", name="Call Helen on 07700 900103")).to_have_attribute(
        "href", "tel:+447700900103"
    )
    _both_modes(morgan, "attention list with asks to talk")
    first.get_by_role("button", name=re.compile("I'll take this up")).click()
    expect(screen.get_by_role("status").filter(has_text="You've taken this up")).to_be_visible()
    _both_modes(morgan, "attention list, an ask taken up")
    coordinator = Api(morgan.context.request, morgan.base_url)
    assert asked["id"] not in {i["id"] for i in coordinator.get(f"{ORG}/attention")}

    # Helen sees who took it up and when.
    helen.go("/buddy/talk")
    taken = page.locator(".list-item").filter(has_text="Taken up").first
    expect(taken).to_contain_text(re.compile(r"Morgan took this up on \w+day \d{1,2} \w+ at \d\d:\d\d\."))
    _both_modes(helen, "buddy sees the ask taken up")

    # The coordinator records the debrief on Helen's page.
    morgan.go(f"/buddies/{asked['buddy_membership_id']}/checks#supervision")
    expect(screen.get_by_role("heading", name="Supervision", level=2)).to_be_visible()
    form = screen.locator("form", has=screen.get_by_role("heading", name="Record a session"))
    form.get_by_role("button", name="Record the session").click()
    expect(form.locator(".error-summary")).to_contain_text("Choose the kind of session")
    expect(form.locator(".error-summary")).to_contain_text("Enter how long the session lasted, in minutes")
    _both_modes(morgan, "buddy's supervision, form with errors")
    form.get_by_label("Debrief").check()
    form.get_by_label("How long it lasted, in minutes").fill("30")
    form.get_by_label("Notes").fill(PRIVATE)
    form.get_by_role("button", name="Record the session").click()
    expect(screen.get_by_role("status").filter(has_text="Session recorded")).to_be_visible()
    sessions = screen.locator(".list-item").filter(has_text="Debrief")
    expect(sessions.first).to_contain_text("30 minutes")
    _both_modes(morgan, "buddy's supervision with a session")
    # Recording the debrief took up the demo's earlier ask too: nothing of Helen's is left open.
    helens = [i for i in coordinator.get(f"{ORG}/attention") if i["buddy_name"] == "Helen Wright"]
    assert not [i for i in helens if i["reason"] != "unreachable"]  # Sam, her carer, is (issue 14)

    # Helen sees that a debrief happened, never what was written.
    helen.go("/buddy/talk")
    expect(page.locator("main")).to_contain_text("Debrief")
    expect(page.locator("main")).not_to_contain_text("sleeping badly")
    assert "sleeping badly" not in str(helen_api.get(f"{ORG}/me/supervision"))


def test_overdue_supervision_shows_on_the_buddies_list_and_the_attention_list(morgan: Phone) -> None:
    page = morgan.page
    coordinator = Api(morgan.context.request, morgan.base_url)
    overdue = [b["display_name"] for b in coordinator.get(f"{ORG}/buddies") if b["supervision_overdue"]]
    assert "Priya Shah" in overdue  # the demo's: approved twelve weeks ago, last supervised ten weeks ago

    morgan.go("/coordinator/buddies")
    priya = page.locator(".list-item").filter(has_text="Priya Shah")
    expect(priya.locator(".tag-overdue")).to_contain_text(
        re.compile(r"Supervision overdue by \d+ (days|weeks)")
    )
    expect(page.locator(".tag-overdue")).to_have_count(len(overdue))
    _both_modes(morgan, "buddies with supervision overdue")

    morgan.go("/coordinator/attention")
    section = page.locator("section", has=page.get_by_role("heading", name=re.compile("Supervision overdue")))
    item = section.locator(".attention-item").filter(has_text="Priya's supervision is overdue.")
    expect(item).to_contain_text("Last supervision")
    _both_modes(morgan, "attention list with supervision overdue")
    item.get_by_role("link", name="Record a session with Priya").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Priya Shah's checks")
    expect(page.locator(".supervision-dates").locator(".tag-overdue")).to_be_visible()
    _both_modes(morgan, "buddy's supervision overdue")
