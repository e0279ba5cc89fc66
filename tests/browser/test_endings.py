"""Endings that are handled (issue 10 §3), on phones: asking for a break, ending a match on the ending
screen with "Would you like another buddy?", the carer's home card and the feedback screen after an
ending, the buddy's card, and an ask for a different buddy on the coordinators' attention list.

Everything happens to people this module invites (a buddy and two carers of its own), so the demo
stays as other modules expect it; at the end they are suspended. Each new screen state is checked
with axe-core, the carer's at 320 px in dark mode.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LiveServer, Phone
from tests.browser.test_carer import ORG, Api, Person, _carer, _screened_buddy

pytestmark = pytest.mark.browser

NARROW_DARK = {"color_scheme": "dark", "viewport": {"width": 320, "height": 640}}


@dataclass
class Cast:
    """The coordinator's client, the module's buddy and two carers each matched with them."""

    coordinator: Api
    buddy: Person
    ending: Person  # ends the match on the ending screen
    asking: Person  # asks for a different buddy; the buddy then ends their match
    ending_match: str
    asking_match: str


def _live(coordinator: Api, carer: Person, buddy: Person) -> str:
    match = coordinator.send(
        "POST",
        f"{ORG}/matches",
        {"carer_membership_id": carer.membership_id, "buddy_membership_id": buddy.membership_id},
    )
    for person in (carer, buddy):
        person.api.get(f"{ORG}/matches/{match['id']}")
        person.api.send("POST", f"{ORG}/matches/{match['id']}/accept")
    return str(match["id"])


@pytest.fixture(scope="module")
def cast(live_server: LiveServer) -> Iterator[Cast]:
    coordinator = Api(live_server.url)
    coordinator.send(
        "POST", "/api/v1/auth/login", {"email": "coordinator@example.org", "password": "riverside-buddies"}
    )
    buddy = _screened_buddy(live_server, coordinator)
    ending = _carer(live_server, coordinator, "Robin Quill")
    asking = _carer(live_server, coordinator, "Jess Marlow")
    made = Cast(
        coordinator,
        buddy,
        ending,
        asking,
        _live(coordinator, ending, buddy),
        _live(coordinator, asking, buddy),
    )
    # No more proposals for this buddy: other modules' matching sees the demo's buddies only.
    buddy.api.send("PATCH", f"{ORG}/me/buddy-profile/wellbeing", {"paused": True})
    yield made

    for match in (made.ending_match, made.asking_match):
        if coordinator.get(f"{ORG}/matches/{match}")["status"] in ("active", "paused"):
            coordinator.send("POST", f"{ORG}/matches/{match}/end", {"reason": "other"})
    for person in (ending, asking, buddy):
        coordinator.send("PATCH", f"{ORG}/members/{person.membership_id}", {"status": "suspended"})


def _as(phone: Phone, api: Api, heading: str) -> None:
    """Hand an API session to the browser (no sign-in: the server limits them per IP)."""
    phone.context.add_cookies(
        [{"name": "carerlink_session", "value": api.session_cookie, "url": phone.base_url}]
    )
    phone.go("/")
    expect(phone.page.get_by_role("heading", level=1)).to_have_text(heading)


def _check(phone: Phone, state: str, *, narrow: bool = False) -> None:
    expect(phone.page.locator(".loading")).to_have_count(0)
    if narrow:
        assert phone.page.evaluate("document.documentElement.scrollWidth") <= 320, state
    phone.check_accessibility(state)


def _card(phone: Phone, title: str) -> Any:
    return phone.page.locator(".card", has=phone.page.get_by_role("heading", name=title))


def test_a_carer_asks_for_a_break_then_ends_the_match_and_says_whether_they_want_another_buddy(
    phone_factory: Any, cast: Cast
) -> None:
    phone: Phone = phone_factory(**NARROW_DARK)
    page = phone.page
    _as(phone, cast.ending.api, "Hello, Robin")

    _card(phone, "Your buddy").get_by_role("link", name="Take a break, change or end").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Take a break, change or end")
    _check(phone, "take a break, change or end (carer, dark, 320 px)", narrow=True)

    page.get_by_role("button", name="Ask for a break").click()
    expect(
        page.get_by_role("heading", name="Ask the centre for a break from your check-ins with Morgan?")
    ).to_be_visible()
    _check(phone, "asking for a break: confirm", narrow=True)
    page.get_by_role("button", name="Yes, ask for a break").click()
    expect(page.get_by_role("heading", name="You asked for a break")).to_be_visible()
    _check(phone, "a break asked for", narrow=True)
    asks = [i for i in cast.coordinator.get(f"{ORG}/attention") if i["match_id"] == cast.ending_match]
    assert [(i["reason"], i["asked_by"]) for i in asks] == [("asked_for_break", "carer")]

    page.get_by_role("button", name="End the match now").click()
    page.get_by_role("button", name="End the match").click()
    expect(page.get_by_role("alert")).to_contain_text("Say whether you would like another buddy")
    _check(phone, "ending a match: errors", narrow=True)
    phone.screenshot("endings-end-form-errors-dark-320")
    page.get_by_label("My caring has come to an end").check()
    page.get_by_label("No, not for now").check()
    page.get_by_role("button", name="End the match").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The match has ended")
    expect(page.get_by_text("You're not on the waiting list.")).to_be_visible()
    _check(phone, "the match has ended", narrow=True)

    ended = cast.coordinator.get(f"{ORG}/matches/{cast.ending_match}")
    assert (ended["status"], ended["end_reason"], ended["wants_rematch"]) == ("ended", "caring_ended", False)
    waiting = [w["carer"]["membership_id"] for w in cast.coordinator.get(f"{ORG}/waiting-list")]
    assert cast.ending.membership_id not in waiting
    # the ask for a break was dealt with by the ending
    assert not [i for i in cast.coordinator.get(f"{ORG}/attention") if i["match_id"] == cast.ending_match]
    # the buddy was told, with the neutral reason
    told = [n for n in cast.buddy.api.get("/api/v1/notifications")["items"] if n["kind"] == "match_ended"]
    assert [n["title"] for n in told] == ["Your match with Robin has ended"]
    assert told[0]["body"].startswith("The caring has come to an end.")

    phone.go("/")
    card = _card(phone, "Your match with Morgan has ended")
    expect(card.get_by_role("group", name="Would you like a buddy now?")).to_be_visible()
    _check(phone, "carer home after an ending they chose", narrow=True)
    phone.screenshot("endings-carer-home-after-ending-dark-320")
    card.get_by_role("link", name="Tell us how it went").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your match with Morgan has ended")
    page.get_by_label("How did it go?").fill("Morgan listened when nobody else did.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Thank you for telling us how it went")).to_be_visible()
    _check(phone, "feedback sent", narrow=True)
    assert cast.coordinator.get(f"{ORG}/matches/{cast.ending_match}")["carer_feedback"].startswith("Morgan")


def test_an_ask_for_a_different_buddy_reaches_the_coordinator_and_the_carer_is_asked_after_the_buddy_ends_it(
    phone_factory: Any, cast: Cast
) -> None:
    carer, buddy = cast.asking, cast.buddy
    carer.api.send("POST", f"{ORG}/matches/{cast.asking_match}/requests", {"kind": "different_buddy"})

    coordinator: Phone = phone_factory()
    _as(coordinator, cast.coordinator, "Hello, Morgan")
    coordinator.go("/coordinator/attention")
    item = coordinator.page.locator(
        ".attention-item", has_text="Jess asked for a different buddy instead of Morgan."
    )
    expect(item).to_have_count(1)
    expect(item).to_contain_text("asked by the carer")
    _check(coordinator, "needs attention with an ask for a different buddy")
    coordinator.screenshot("endings-coordinator-attention-ask")
    item.get_by_label("What was done").fill("Rang Jess; planning a new introduction.")
    item.get_by_role("button", name="Mark as dealt with").click()
    expect(coordinator.page.get_by_role("heading", name="Recorded")).to_be_visible()
    expect(coordinator.page.locator(".attention-item", has_text="Jess asked")).to_have_count(0)

    buddy.api.send("POST", f"{ORG}/matches/{cast.asking_match}/end", {"reason": "moved_away"})

    phone: Phone = phone_factory(**NARROW_DARK)
    _as(phone, carer.api, "Hello, Jess")
    card = _card(phone, "Your match with Morgan has ended")
    expect(card).to_contain_text("It ended because of a move.")
    _check(phone, "carer home: would you like another buddy? (dark, 320 px)", narrow=True)
    phone.screenshot("endings-carer-home-another-buddy-dark-320")
    card.get_by_label("Yes, put me back on the waiting list").check()
    card.get_by_role("button", name="Send my answer").click()
    expect(card.get_by_role("group", name="Would you like another buddy?")).to_have_count(0)
    expect(_card(phone, "Finding you a buddy")).to_be_visible()
    _check(phone, "carer home after saying yes", narrow=True)
    waiting = [w["carer"]["membership_id"] for w in cast.coordinator.get(f"{ORG}/waiting-list")]
    assert carer.membership_id in waiting

    buddy_phone: Phone = phone_factory()
    _as(buddy_phone, buddy.api, "Hello, Morgan")
    expect(buddy_phone.page.get_by_role("link", name="Tell us how it went with Jess")).to_be_visible()
    _check(buddy_phone, "buddy home after an ending")
