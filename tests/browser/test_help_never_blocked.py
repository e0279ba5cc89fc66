"""Issue 10 §1 on a phone: "I need help now" never waits for a score, the help page tells the centre.

- On "I'd like to talk" and on a check-in, ticking only "I need help now" shows the numbers the moment the
  form is sent (before the server answers), raises the alert, and a check-in stays open for a score.
- The header's "Help now" page tells a signed-in carer plainly that the centre has not been told, and
  a button tells it (queued offline, sent when back online); signed out, the page is as it was.
- "I asked for help by mistake" on the help-sent page tells the coordinators, who see it on the alert,
  which stays open.

People are invited by this module (helpers from test_carer.py); the demo is left as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LiveServer, Phone
from tests.browser.test_carer import (
    ORG,
    Api,
    Pair,
    Person,
    _carer,
    _go_live,
    _propose,
    _screened_buddy,
    _signed_in_as,
    _wait_until_due,
)

pytestmark = pytest.mark.browser

NOT_TOLD = "These numbers are for you to ring. The centre has not been told. Press the button to tell them"
QUEUED_HELP = """() => new Promise((resolve, reject) => {
    const open = indexedDB.open('carerlink-offline');
    open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('queue')) { db.close(); resolve([]); return; }
        const all = db.transaction('queue').objectStore('queue').getAll();
        all.onsuccess = () => { db.close(); resolve(all.result.filter((item) => item.help)); };
        all.onerror = () => reject(all.error);
    };
    open.onerror = () => reject(open.error);
})"""


@dataclass
class World:
    """This module's people: two live pairs (one with a check-in due soon) and carers still waiting."""

    coordinator: Api
    buddy: Person
    talking: Pair
    checking_in: Pair
    asking: Person  # uses the help page online
    offline: Person  # uses the help page offline
    dark: Person  # the new screens in dark mode at 320 px
    opened_offline: Person  # opens the help page with no connection and no service worker


@pytest.fixture(scope="module")
def world(live_server: LiveServer) -> Iterator[World]:
    coordinator = Api(live_server.url)
    coordinator.send(
        "POST", "/api/v1/auth/login", {"email": "coordinator@example.org", "password": "riverside-buddies"}
    )
    buddy = _screened_buddy(live_server, coordinator)
    pairs = [
        Pair(carer, _propose(coordinator, carer, buddy))
        for carer in (_carer(live_server, coordinator, name) for name in ("Rowan Ash", "Quinn Beck"))
    ]
    buddy.api.send("PATCH", f"{ORG}/me/buddy-profile/wellbeing", {"paused": True})
    for pair in pairs:
        _go_live(live_server, pair, buddy)
    names = ("Avery Cole", "Blake Dunn", "Emery Fox", "Harper Gray")
    waiting = [_carer(live_server, coordinator, name) for name in names]
    yield World(coordinator, buddy, pairs[0], pairs[1], *waiting)

    carers = [pair.carer for pair in pairs] + waiting
    for alert in coordinator.get(f"{ORG}/alerts?status=open"):
        if alert["carer_user_id"] in {carer.user_id for carer in carers}:
            coordinator.send(
                "POST", f"{ORG}/alerts/{alert['id']}/acknowledge", {"action_taken": "A browser test."}
            )
    for pair in pairs:
        if coordinator.get(f"{ORG}/matches/{pair.match_id}")["status"] in ("active", "paused"):
            coordinator.send(
                "POST", f"{ORG}/matches/{pair.match_id}/end", {"reason": "other", "note": "A browser test."}
            )
    for person in (*carers, buddy):
        coordinator.send("PATCH", f"{ORG}/members/{person.membership_id}", {"status": "suspended"})


def _alerts_of(world: World, person: Person) -> list[dict[str, Any]]:
    return [a for a in world.coordinator.get(f"{ORG}/alerts") if a["carer_user_id"] == person.user_id]


def _coordinator_phone(phone: Phone, world: World) -> None:
    """Hand the coordinator's API session to a browser (no second sign-in: they are rate-limited)."""
    cookie = world.coordinator.client.cookies.get("carerlink_session")
    assert cookie
    phone.context.add_cookies([{"name": "carerlink_session", "value": cookie, "url": phone.base_url}])
    phone.go("/")
    expect(phone.page.get_by_role("heading", level=1)).to_contain_text("Hello")


def _fits_and_passes_axe(phone: Phone, state: str) -> None:
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= phone.page.viewport_size["width"], (
        state
    )
    phone.check_accessibility(state)


def test_signed_out_the_help_page_is_numbers_only(phone: Phone) -> None:
    phone.go("/help")
    expect(phone.page.get_by_role("link", name="Call 999")).to_be_visible()
    expect(phone.page.get_by_role("button", name="Tell the centre I need help")).to_have_count(0)
    expect(phone.page.get_by_text("The centre has not been told")).to_have_count(0)


def test_the_help_page_says_the_centre_was_not_told_and_tells_it_and_a_mistake_is_passed_on(
    phone_factory: Any, world: World
) -> None:
    carer = phone_factory()
    page = carer.page
    _signed_in_as(carer, world.asking)
    page.get_by_role("link", name="Help now", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Get help now")
    expect(page.get_by_role("heading", name="The centre has not been told")).to_be_visible()
    expect(page.get_by_text(NOT_TOLD)).to_be_visible()
    expect(page.get_by_role("link", name="Call 116 123")).to_be_visible()
    carer.check_accessibility("help page, signed in, the centre not told")
    carer.screenshot("help-not-told")
    assert _alerts_of(world, world.asking) == []

    page.get_by_role("button", name="Tell the centre I need help").click()

    expect(page.get_by_role("heading", name="We've told the centre")).to_be_visible()
    expect(page.get_by_text("We told Riverside Carers Centre at")).to_be_visible()
    assert page.url.endswith("/help")  # shown in place: the numbers never left the screen
    expect(page.get_by_role("link", name="Call 116 123")).to_be_visible()
    carer.check_accessibility("help sent from the help page")
    [alert] = _alerts_of(world, world.asking)
    assert (alert["status"], alert["source"], alert["mistake_reported_at"]) == ("open", "help_button", None)

    page.get_by_role("button", name="I asked for help by mistake").click()

    expect(page.get_by_role("heading", name="We've told the centre it was a mistake")).to_be_visible()
    expect(
        page.get_by_text("A coordinator may still contact you, just to check you're okay.")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Call 999")).to_be_visible()  # the numbers stay
    carer.check_accessibility("help sent, then 'pressed by mistake'")
    carer.screenshot("help-mistake")
    [alert] = _alerts_of(world, world.asking)
    assert alert["status"] == "open" and alert["mistake_reported_at"]  # recorded, never closed

    coordinator = phone_factory()
    _coordinator_phone(coordinator, world)
    coordinator.go(f"/coordinator/alerts/{alert['id']}")
    expect(coordinator.page.get_by_role("heading", level=1)).to_have_text("Avery Cole needs help now")
    expect(coordinator.page.get_by_text("Avery says this was pressed by mistake at")).to_be_visible()
    expect(coordinator.page.get_by_text("please still check they're okay")).to_be_visible()
    expect(coordinator.page.get_by_role("button", name="Acknowledge")).to_be_visible()
    coordinator.check_accessibility("a crisis alert the carer says was a mistake")
    coordinator.go("/coordinator/alerts")
    expect(coordinator.page.get_by_text("Avery says this was pressed by mistake at")).to_be_visible()


def test_the_help_page_button_offline_is_kept_and_tells_the_centre_once_back_online(
    phone_factory: Any, world: World
) -> None:
    carer = phone_factory()
    page = carer.page
    _signed_in_as(carer, world.offline)
    carer.wait_for_service_worker()
    carer.go("/help")
    expect(page.get_by_text(NOT_TOLD)).to_be_visible()

    carer.context.set_offline(True)
    expect(page.get_by_text("You're offline: we'll keep your request on this phone")).to_be_visible()
    page.get_by_role("button", name="Tell the centre I need help").click()

    expect(
        page.get_by_role("heading", name="The centre will be told when you're back online")
    ).to_be_visible()
    expect(page.get_by_text(NOT_TOLD)).to_have_count(0)
    expect(page.get_by_role("link", name="Call 116 123")).to_be_visible()
    assert len(page.evaluate(QUEUED_HELP)) == 1
    carer.check_accessibility("help page, told offline, waiting to send")
    assert _alerts_of(world, world.offline) == []

    carer.context.set_offline(False)
    expect(page.get_by_role("heading", name="We've told the centre")).to_be_visible(timeout=15_000)
    assert page.evaluate(QUEUED_HELP) == []
    [alert] = _alerts_of(world, world.offline)
    assert (alert["status"], alert["source"]) == ("open", "help_button")


def test_id_like_to_talk_with_only_help_now_shows_the_numbers_at_once_and_alerts_the_centre(
    phone: Phone, world: World
) -> None:
    pair = world.talking
    page = phone.page
    _signed_in_as(phone, pair.carer)
    page.get_by_role("link", name="I'd like to talk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Talk to Morgan")
    held: list[Any] = []
    page.route(
        "**/checkins",
        lambda route: held.append(route) if route.request.method == "POST" else route.continue_(),
    )

    page.get_by_label("I need help now").check()
    page.get_by_role("button", name="Send to Morgan").click()

    # The numbers show at once, before the server has answered, with no error in the way.
    expect(page.get_by_role("heading", name="Telling the centre that you need help…")).to_be_visible()
    expect(page.get_by_role("link", name="Call 116 123")).to_be_visible()
    expect(page.locator(".error-summary")).to_have_count(0)
    expect(page.get_by_label("I need help now")).to_be_checked()
    phone.check_accessibility("I'd like to talk, help now, sending")
    phone.screenshot("talk-help-only-sending")
    assert len(held) == 1 and held[0].request.post_data_json == {"wants_call": False, "needs_help": True}
    held[0].continue_()

    expect(page.get_by_role("heading", level=1)).to_have_text("Get help now")
    expect(page.get_by_role("heading", name="We've told the centre")).to_be_visible()
    expect(page.get_by_role("link", name="Call 999")).to_be_visible()
    expect(page.get_by_text("You didn't give a score")).to_be_visible()
    expect(page.get_by_role("button", name="I asked for help by mistake")).to_be_visible()
    phone.check_accessibility("I'd like to talk, help now, sent")
    [alert] = _alerts_of(world, pair.carer)
    assert (alert["status"], alert["source"]) == ("open", "checkin")
    [sent] = [c for c in pair.carer.api.get("/api/v1/me/checkins") if c["kind"] == "unscheduled"]
    assert (sent["wellbeing"], sent["needs_help"], sent["state"]) == (None, True, "answered")


def test_id_like_to_talk_with_only_help_now_offline_is_kept_like_homes_button_and_sent_when_back_online(
    phone: Phone, world: World
) -> None:
    pair = world.talking
    page = phone.page
    _signed_in_as(phone, pair.carer)
    phone.wait_for_service_worker()
    page.get_by_role("link", name="I'd like to talk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Talk to Morgan")
    before = len(_alerts_of(world, pair.carer))
    main = page.locator("main")

    phone.context.set_offline(True)
    page.get_by_label("I need help now").check()
    page.get_by_role("button", name="Send to Morgan").click()

    expect(
        main.get_by_role("heading", name="The centre will be told when you're back online")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Call 116 123")).to_be_visible()
    expect(page.locator(".error-summary")).to_have_count(0)
    [queued] = page.evaluate(QUEUED_HELP)
    assert queued["body"] == {"wants_call": False, "needs_help": True}
    phone.check_accessibility("I'd like to talk, help now only, offline")
    assert len(_alerts_of(world, pair.carer)) == before

    phone.context.set_offline(False)
    expect(main.get_by_role("heading", name="We've told the centre")).to_be_visible(timeout=15_000)
    expect(page.get_by_role("link", name="Call 116 123")).to_be_visible()
    assert page.evaluate(QUEUED_HELP) == []
    assert len(_alerts_of(world, pair.carer)) == before + 1
    phone.check_accessibility("I'd like to talk, help now only, sent after reconnecting")


def test_a_check_in_with_only_help_now_tells_the_centre_and_stays_open_for_a_score(
    phone_factory: Any, world: World, live_server: LiveServer
) -> None:
    pair = world.checking_in
    _wait_until_due(live_server, pair)
    carer = phone_factory()
    page = carer.page
    _signed_in_as(carer, pair.carer)
    page.get_by_role("link", name="Answer your check-in").click()
    expect(page.get_by_role("group", name="How are you doing?")).to_be_visible()

    page.get_by_label("I need help now").check()
    page.get_by_role("button", name="Send to Morgan").click()

    expect(page.get_by_role("heading", name="We've told the centre")).to_be_visible()
    expect(page.get_by_role("link", name="Call 116 123")).to_be_visible()
    expect(page.get_by_text("Choose how you're doing")).to_have_count(0)
    expect(page.get_by_role("heading", name="When you're ready")).to_be_visible()
    expect(page.get_by_label("I need help now")).to_have_count(0)  # the centre knows: a score is asked
    carer.check_accessibility("a check-in with help now only, open for a score")
    carer.screenshot("checkin-help-only")
    [alert] = _alerts_of(world, pair.carer)
    checkin_id = alert["checkin_id"]
    assert alert["status"] == "open" and checkin_id and page.url.endswith(checkin_id)
    assert pair.carer.api.get(f"/api/v1/checkins/{checkin_id}")["state"] == "open"

    # The same screen later, in dark mode at 320 px: it offers the score, and says the centre knows.
    dark = phone_factory(color_scheme="dark", viewport={"width": 320, "height": 640})
    _signed_in_as(dark, pair.carer)
    dark.go(f"/checkins/{checkin_id}")
    expect(dark.page.get_by_text("We've already told the centre that you need help.")).to_be_visible()
    _fits_and_passes_axe(dark, "a check-in with help now only, later, dark, 320 px")

    page.get_by_label("Getting by (3 out of 5)").check()
    page.get_by_role("button", name="Send to Morgan").click()

    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    expect(page.get_by_text("Getting by (3 out of 5)")).to_be_visible()
    answered = pair.carer.api.get(f"/api/v1/checkins/{checkin_id}")
    assert (answered["state"], answered["wellbeing"], answered["needs_help"]) == ("answered", 3, True)
    assert len(_alerts_of(world, pair.carer)) == 1  # the score raised no second alert

    # The help page knows the centre was told by the check-in answer, also after a reload.
    page.get_by_role("link", name="Help now", exact=True).click()
    expect(page.get_by_role("heading", name="We've told the centre")).to_be_visible()
    expect(page.get_by_text(NOT_TOLD)).to_have_count(0)
    expect(page.get_by_role("button", name="Tell the centre again")).to_be_visible()
    carer.check_accessibility("help page after help sent with a check-in answer")
    page.reload()
    expect(page.get_by_role("heading", name="We've told the centre")).to_be_visible()
    expect(page.get_by_role("button", name="I asked for help by mistake")).to_be_visible()


def test_the_new_help_screens_fit_320_px_and_pass_axe_in_dark_mode(phone_factory: Any, world: World) -> None:
    dark = phone_factory(color_scheme="dark", viewport={"width": 320, "height": 640})
    page = dark.page
    _signed_in_as(dark, world.dark)
    dark.go("/help")
    expect(page.get_by_text(NOT_TOLD)).to_be_visible()
    _fits_and_passes_axe(dark, "help page, the centre not told, dark, 320 px")
    page.get_by_role("button", name="Tell the centre I need help").click()
    expect(page.get_by_role("button", name="I asked for help by mistake")).to_be_visible()
    _fits_and_passes_axe(dark, "help sent, dark, 320 px")
    dark.screenshot("help-sent-dark")
    page.get_by_role("button", name="I asked for help by mistake").click()
    expect(page.get_by_role("heading", name="We've told the centre it was a mistake")).to_be_visible()
    _fits_and_passes_axe(dark, "help sent, then 'pressed by mistake', dark, 320 px")
    page.get_by_role("link", name="Help now", exact=True).click()
    expect(page.get_by_role("heading", name="We've told the centre", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Tell the centre again")).to_be_visible()
    _fits_and_passes_axe(dark, "help page after telling the centre, dark, 320 px")

    [alert] = _alerts_of(world, world.dark)
    coordinator = phone_factory(color_scheme="dark", viewport={"width": 320, "height": 640})
    _coordinator_phone(coordinator, world)
    coordinator.go(f"/coordinator/alerts/{alert['id']}")
    expect(coordinator.page.get_by_text("Emery says this was pressed by mistake at")).to_be_visible()
    _fits_and_passes_axe(coordinator, "a crisis alert said to be a mistake, dark, 320 px")


def _forgive(phone: Phone, *expected: str) -> None:
    """Console lines this test caused on purpose (a 503 it answered itself) are not page errors."""
    phone.problems[:] = [p for p in phone.problems if not any(text in p for text in expected)]


def _talk(phone: Phone, pair: Pair) -> None:
    _signed_in_as(phone, pair.carer)
    phone.page.get_by_role("link", name="I'd like to talk").click()
    expect(phone.page.get_by_role("heading", level=1)).to_have_text("Talk to Morgan")


def test_help_with_a_note_over_the_limit_is_sent_and_the_carer_is_told_about_the_note(
    phone: Phone, world: World
) -> None:
    pair = world.talking
    page = phone.page
    _talk(phone, pair)
    before = len(_alerts_of(world, pair.carer))

    page.get_by_label("Anything you'd like Morgan to know?").fill("Struggling tonight. " * 70)  # 1,400
    page.get_by_label("I need help now").check()
    page.get_by_role("button", name="Send to Morgan").click()

    expect(page.get_by_role("heading", name="We've told the centre")).to_be_visible()
    expect(page.get_by_text("Your note was longer than 1,000 characters")).to_be_visible()
    expect(page.get_by_text("Your note must be 1,000 characters or fewer")).to_have_count(0)
    expect(page.get_by_role("link", name="Call 116 123")).to_be_visible()
    phone.check_accessibility("help with a note over the limit, sent")
    assert len(_alerts_of(world, pair.carer)) == before + 1
    latest = max(
        (c for c in pair.carer.api.get("/api/v1/me/checkins") if c["kind"] == "unscheduled"),
        key=lambda c: c["answered_at"],
    )
    assert latest["needs_help"] and 990 <= len(latest["note"]) <= 1000  # cut to the limit


def test_help_on_i_would_like_to_talk_hit_by_a_503_is_queued_and_sent_once_later(
    phone_factory: Any, world: World
) -> None:
    pair = world.talking
    carer = phone_factory(service_workers="block")  # replayed by the page itself, at "online"
    page = carer.page
    _talk(carer, pair)
    before = len(_alerts_of(world, pair.carer))
    talks_before = len([c for c in pair.carer.api.get("/api/v1/me/checkins") if c["kind"] == "unscheduled"])
    refused: list[str] = []

    def busy(route: Any) -> None:
        if route.request.method != "POST":
            route.continue_()
            return
        refused.append(route.request.headers["idempotency-key"])
        route.fulfill(status=503, content_type="application/problem+json", body='{"title": "Busy"}')

    page.route("**/checkins", busy)
    page.get_by_label("I need help now").check()
    page.get_by_role("button", name="Send to Morgan").click()

    main = page.locator("main")
    expect(main.get_by_role("heading", name="We're telling the centre now")).to_be_visible()
    expect(page.get_by_text("There is a problem")).to_have_count(0)
    expect(page.get_by_role("link", name="Call 116 123")).to_be_visible()
    [queued] = page.evaluate(QUEUED_HELP)
    assert queued["body"] == {"wants_call": False, "needs_help": True} and queued["key"] == refused[0]
    carer.check_accessibility("I'd like to talk, help now, server trouble: queued")
    assert len(_alerts_of(world, pair.carer)) == before

    page.unroute("**/checkins")
    carer.context.set_offline(True)
    carer.context.set_offline(False)  # "online": the queue is sent

    expect(main.get_by_role("heading", name="We've told the centre")).to_be_visible(timeout=15_000)
    assert page.evaluate(QUEUED_HELP) == []
    assert len(_alerts_of(world, pair.carer)) == before + 1
    talks = [c for c in pair.carer.api.get("/api/v1/me/checkins") if c["kind"] == "unscheduled"]
    assert len(talks) == talks_before + 1  # sent once
    _forgive(carer, "status of 503")


def test_opened_offline_with_no_service_worker_the_help_page_queues_and_tells_the_centre_once_back(
    phone_factory: Any, world: World
) -> None:
    person = world.opened_offline
    carer = phone_factory(service_workers="block")
    page = carer.page
    _signed_in_as(carer, person)  # this phone's queue now belongs to Harper
    page.route("**/api/**", lambda route: route.abort("internetdisconnected"))
    carer.go("/help")  # the session can't be asked: the app opens "offline"
    carer.context.set_offline(True)

    expect(page.get_by_role("heading", name="The centre has not been told")).to_be_visible()
    expect(page.get_by_role("link", name="Call 116 123")).to_be_visible()
    page.get_by_role("button", name="Tell the centre I need help").click()

    expect(
        page.get_by_role("heading", name="The centre will be told when you're back online")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Telling the centre…")).to_have_count(0)
    assert len(page.evaluate(QUEUED_HELP)) == 1
    carer.check_accessibility("help page opened offline, help queued")
    assert _alerts_of(world, person) == []

    page.unroute("**/api/**")
    carer.context.set_offline(False)

    expect(page.get_by_role("heading", name="We've told the centre")).to_be_visible(timeout=15_000)
    assert page.evaluate(QUEUED_HELP) == []
    carer.check_accessibility("help page opened offline, told once back online")
    [alert] = _alerts_of(world, person)
    assert (alert["status"], alert["source"]) == ("open", "help_button")

    coordinator = phone_factory()
    _coordinator_phone(coordinator, world)
    coordinator.go("/coordinator/alerts")
    expect(coordinator.page.get_by_text("Harper Gray")).to_have_count(1)


def test_after_answering_a_check_in_home_does_not_ask_for_it_again(
    phone: Phone, world: World, live_server: LiveServer
) -> None:
    pair = world.talking
    _wait_until_due(live_server, pair)
    page = phone.page
    _signed_in_as(phone, pair.carer)
    awaiting = pair.carer.api.get("/api/v1/me/checkins?awaiting=true")
    [checkin] = [c for c in awaiting if c["kind"] != "unscheduled"]
    phone.go(f"/checkins/{checkin['id']}")  # opened from a reminder: a fresh load that is not home
    page.get_by_label("Doing okay (4 out of 5)").check()
    page.get_by_role("button", name="Send to Morgan").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()

    page.get_by_role("link", name="Home").first.click()

    expect(page.get_by_role("heading", name="Your next check-in")).to_be_visible()
    expect(page.get_by_text("Your next check-in with Morgan is")).to_be_visible()
    expect(page.get_by_role("link", name="Answer your check-in")).to_have_count(0)


def test_on_a_paused_match_i_would_like_to_talk_still_tells_the_centre(phone: Phone, world: World) -> None:
    pair = world.talking
    world.coordinator.send("POST", f"{ORG}/matches/{pair.match_id}/pause")
    page = phone.page
    _signed_in_as(phone, pair.carer)
    phone.go(f"/matches/{pair.match_id}/talk")
    expect(page.get_by_text("It's paused at the moment.")).to_be_visible()
    expect(page.get_by_role("heading", name="The centre has not been told")).to_be_visible()
    expect(page.get_by_role("link", name="Call 116 123")).to_be_visible()
    phone.check_accessibility("I'd like to talk on a paused match")
    before = len(_alerts_of(world, pair.carer))

    page.get_by_role("button", name="Tell the centre I need help").click()

    expect(page.get_by_role("heading", name="We've told the centre")).to_be_visible()
    expect(page.get_by_role("button", name="I asked for help by mistake")).to_be_visible()
    phone.check_accessibility("I'd like to talk on a paused match, help sent")
    alerts = _alerts_of(world, pair.carer)
    assert len(alerts) == before + 1
