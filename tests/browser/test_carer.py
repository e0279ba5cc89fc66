"""The carer's screens on a phone: home, the check-in form (online, a double tap, offline), history, help now,
the profile, and introductions to say yes or no to.

Sam Clarke and Alex Turner (demo data) are only looked at. Everything that changes state happens to
people this module invites through the API (carers and a buddy of its own), so the browser tests of
other modules, which share the demo server, find the demo as it was; at the end they are ended and
suspended. Sign-ins are few: the server limits them per IP address, and every module shares it.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LiveServer, Phone
from tests.browser.profile_steps import CARER_STEPS, CHECK, continue_, expect_step, go_to_step, heading, save

pytestmark = pytest.mark.browser

ORG = "/api/v1/orgs/riverside"
PASSWORD = "a kettle and two mugs"
LONDON = ZoneInfo("Europe/London")


class Api:
    """An API client with its own session and CSRF cookies (one person)."""

    def __init__(self, base_url: str) -> None:
        # A new connection per request: the server closes a connection idle for 5 s (uvicorn's
        # keep-alive), and a request sent on it at that instant gets no answer, which a person's browser
        # retries but a test client would report as a failure of the app.
        self.client = httpx.Client(
            base_url=base_url, timeout=20, limits=httpx.Limits(max_keepalive_connections=0)
        )
        self.client.get("/healthz")

    def get(self, path: str) -> Any:
        response = self.client.get(path)
        assert response.status_code == 200, f"GET {path}: {response.status_code} {response.text}"
        return response.json()

    def send(self, method: str, path: str, body: Any = None, *, headers: dict[str, str] | None = None) -> Any:
        token = self.client.cookies.get("csrftoken") or ""
        response = self.client.request(
            method, path, json=body, headers={"X-CSRFToken": token, **(headers or {})}
        )
        assert response.status_code in (200, 201, 204), (
            f"{method} {path}: {response.status_code} {response.text}"
        )
        return response.json() if response.content else None

    @property
    def session_cookie(self) -> str:
        value = self.client.cookies.get("carerlink_session")
        assert value, "not signed in"
        return value


@dataclass
class Person:
    """Someone this module invited: their name, API client and membership."""

    name: str
    email: str
    api: Api
    user_id: str
    membership_id: str

    @property
    def first_name(self) -> str:
        return self.name.split()[0]


@dataclass
class Pair:
    """A carer and the module's buddy: proposed (``due_at`` None) or live with a check-in due soon."""

    carer: Person
    match_id: str
    due_at: datetime | None = None


@dataclass
class People:
    """Everyone this module made, and the coordinator's client."""

    coordinator: Api
    buddy: Person
    answering: Pair  # live; answers online, says "I need help now", edits the profile
    offline: Pair  # live; answers offline
    saying_yes: Pair  # proposed
    saying_no: Pair  # proposed


def _join(server: LiveServer, coordinator: Api, role: str, name: str) -> Person:
    email = f"{role}-{uuid.uuid4().hex[:8]}@example.org"
    code = coordinator.send("POST", f"{ORG}/invitations", {"email": email, "role": role})["code"]
    api = Api(server.url)
    me = api.send(
        "POST",
        "/api/v1/invitations/accept",
        {
            "code": code,
            "consents": {"terms": True, "health_data": True},
            "display_name": name,
            "password": PASSWORD,
            "time_zone": "Europe/London",
        },
    )
    membership = next(m for m in me["memberships"] if m["role"] == role)
    return Person(name, email, api, me["id"], membership["membership_id"])


CARER_PROFILE = {
    "relationships": ["partner"],
    "co_resident": True,
    "hours_band": "20_to_49",
    "journey_stage": "adjusting",
    "years_caring": 2,
    "carer_category": "adult",
    "languages": ["en"],
    "preferred_language": "en",
    "contact_modes": ["phone", "video"],
    "needs": ["long_term_illness"],
    "help_with": ["someone_to_talk_to"],
}


def _carer(server: LiveServer, coordinator: Api, name: str) -> Person:
    carer = _join(server, coordinator, "carer", name)
    carer.api.send("PUT", f"{ORG}/me/carer-profile", CARER_PROFILE)
    return carer


def _screened_buddy(server: LiveServer, coordinator: Api) -> Person:
    buddy = _join(server, coordinator, "buddy", "Morgan Ashby")
    buddy.api.send("PUT", f"{ORG}/me/buddy-profile/health-data-consent", {"agree": True})
    buddy.api.send(
        "PUT",
        f"{ORG}/me/buddy-profile",
        {
            "relationships": ["partner"],
            "caring_status": "current",
            "confirmed_adult": True,
            "journey_stage": "established",
            "years_caring": 9,
            "languages": ["en"],
            "contact_modes": ["phone", "video"],
            "needs": ["long_term_illness"],
            "about_me": "I've looked after my husband for nine years. Tea and a chat help.",
            "capacity": 4,
        },
    )
    today = date.today()
    for course in coordinator.get(f"{ORG}/training-courses"):
        if course["required"] and not course["retired"]:
            coordinator.send(
                "POST",
                f"{ORG}/buddies/{buddy.membership_id}/training",
                {"course_id": course["id"], "completed_on": today.isoformat()},
            )
    coordinator.send(
        "POST",
        f"{ORG}/buddies/{buddy.membership_id}/checks",
        {
            "check_type": "dbs_enhanced",
            "reference": "TEST 0001",
            "issued_on": (today - timedelta(days=30)).isoformat(),
            "recheck_due": (today + timedelta(days=3 * 365)).isoformat(),
        },
    )
    coordinator.send("PUT", f"{ORG}/buddies/{buddy.membership_id}/approval", {"granted": True})
    return buddy


def _propose(coordinator: Api, carer: Person, buddy: Person) -> str:
    match = coordinator.send(
        "POST",
        f"{ORG}/matches",
        {"carer_membership_id": carer.membership_id, "buddy_membership_id": buddy.membership_id},
    )
    return str(match["id"])


def _go_live(server: LiveServer, pair: Pair, buddy: Person) -> None:
    """Both say yes through the API; then a weekly check-in starting in a minute or two (server time)."""
    for person in (pair.carer, buddy):
        person.api.get(f"{ORG}/matches/{pair.match_id}")  # the introduction is read first
        person.api.send("POST", f"{ORG}/matches/{pair.match_id}/accept")
    local = (server.now().astimezone(LONDON) + timedelta(minutes=2)).replace(second=0, microsecond=0)
    plan = pair.carer.api.send(
        "PUT",
        f"{ORG}/matches/{pair.match_id}/checkin-plan",
        {
            "frequency": "weekly",
            "weekdays": [local.weekday()],
            "local_time": local.strftime("%H:%M"),
            "start_date": local.date().isoformat(),
        },
    )
    pair.due_at = datetime.fromisoformat(plan["upcoming"][0]["due_at"])


@pytest.fixture(scope="module")
def people(live_server: LiveServer) -> Iterator[People]:
    """A buddy of this module's own, and four carers: two live pairs and two proposals."""
    coordinator = Api(live_server.url)
    coordinator.send(
        "POST", "/api/v1/auth/login", {"email": "coordinator@example.org", "password": "riverside-buddies"}
    )
    buddy = _screened_buddy(live_server, coordinator)
    carers = [
        _carer(live_server, coordinator, name)
        for name in ("Robin Hale", "Jordan Pike", "Casey Lund", "Drew Marsh")
    ]
    pairs = [Pair(carer, _propose(coordinator, carer, buddy)) for carer in carers]
    # No more proposals for this buddy: other modules' matching sees the demo's buddies only.
    buddy.api.send("PATCH", f"{ORG}/me/buddy-profile/wellbeing", {"paused": True})
    for pair in pairs[:2]:
        _go_live(live_server, pair, buddy)
    yield People(coordinator, buddy, *pairs)

    for pair in pairs:
        match = coordinator.get(f"{ORG}/matches/{pair.match_id}")
        if match["status"] in ("active", "paused"):
            coordinator.send(
                "POST", f"{ORG}/matches/{pair.match_id}/end", {"reason": "other", "note": "A browser test."}
            )
    for person in (*carers, buddy):
        coordinator.send("PATCH", f"{ORG}/members/{person.membership_id}", {"status": "suspended"})


def _signed_in_as(phone: Phone, person: Person) -> None:
    """Hand the person's API session to the browser (no sign-in: the server limits them per IP)."""
    phone.context.add_cookies(
        [{"name": "carerlink_session", "value": person.api.session_cookie, "url": phone.base_url}]
    )
    phone.go("/")
    expect(phone.page.get_by_role("heading", level=1)).to_have_text(f"Hello, {person.first_name}")


def _wait_until_due(server: LiveServer, pair: Pair) -> None:
    """Move the server's clock past the check-in's due time and wait until its ladder opens it.

    The ladder ticks every 5 s; the carer's home offers an open check-in at once (the page's own clock
    still reads the real time, so a check-in merely due by the server's clock would not show yet).
    """
    assert pair.due_at is not None
    server.move_to(pair.due_at + timedelta(seconds=1))
    deadline = time.monotonic() + 60
    while not any(
        checkin["match_id"] == pair.match_id and checkin["state"] == "open"
        for checkin in pair.carer.api.get("/api/v1/me/checkins?awaiting=true")
    ):
        assert time.monotonic() < deadline, "the check-in never opened on the live server"
        time.sleep(0.2)


def _card(phone: Phone, title: str) -> Any:
    return phone.page.locator(".card", has=phone.page.get_by_role("heading", name=title))


def test_sam_sees_the_next_check_in_his_buddy_and_her_replies(phone: Phone) -> None:
    page = phone.page
    phone.sign_in("carer3@example.org")
    expect(page.get_by_role("link", name="I need help now")).to_be_visible()
    expect(_card(phone, "Your buddy")).to_contain_text("Helen Wright")
    # Due within the hour: "today at 3pm" (or "tomorrow at midnight" late at night) until it opens,
    # then a link to answer it.
    expect(_card(phone, "Your next check-in")).to_contain_text(
        re.compile(
            r"Your next check-in with Helen is (today|tomorrow) at (\d|midnight|midday)|Answer your check-in"
        )
    )
    expect(page.get_by_role("link", name="I'd like to talk")).to_be_visible()
    phone.check_accessibility("carer home with a buddy")
    phone.screenshot("carer-home-matched")

    page.get_by_role("link", name="Your check-ins and Helen's replies").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your check-ins")
    # Other modules may have added check-ins of Sam's own; last week's (demo) one has Helen's message.
    last_week = page.locator(".carer-history-item", has=page.locator(".carer-reply"))
    expect(last_week.filter(has_text="Glad the physio helps.")).to_have_count(1)
    demo = last_week.filter(has_text="Glad the physio helps.")
    expect(demo).to_contain_text("You said: getting by (3 out of 5)")
    expect(demo).to_contain_text("Helen replied:")
    expect(demo.locator(".carer-reply")).to_have_text(
        "Glad the physio helps. Same time next week? Thinking of you both."
    )
    phone.check_accessibility("check-in history")
    phone.screenshot("carer-history")

    demo.get_by_role("link", name=re.compile("See this check-in")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your check-in")
    expect(page.get_by_text("A long week, but Jo's new physio helps.")).to_be_visible()
    expect(page.get_by_role("heading", name="Helen's reply")).to_be_visible()
    phone.check_accessibility("an answered check-in with a reply")

    page.get_by_role("link", name="Home").click()
    page.get_by_role("link", name="Read Helen's introduction").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meet Helen Wright")
    expect(page.get_by_role("heading", name="You and Helen are matched")).to_be_visible()
    phone.check_accessibility("introduction of a live match")


def test_a_carer_on_the_waiting_list_sees_what_happens_next(phone: Phone) -> None:
    page = phone.page
    phone.sign_in("carer1@example.org")
    card = _card(phone, "Finding you a buddy")
    expect(card).to_contain_text("You're on the waiting list. A coordinator will look for a buddy")
    expect(card).to_contain_text(re.compile(r"You joined the waiting list \d+ days ago"))
    expect(page.get_by_role("link", name="I need help now")).to_be_visible()
    phone.check_accessibility("carer home, waiting")
    phone.screenshot("carer-home-waiting")


def test_a_carer_and_a_buddy_both_say_yes_to_an_introduction(phone_factory: Any, people: People) -> None:
    pair = people.saying_yes
    carer = phone_factory()
    page = carer.page
    _signed_in_as(carer, pair.carer)
    expect(_card(carer, "We've found you a buddy")).to_contain_text("Nothing starts until you and your buddy")
    carer.check_accessibility("carer home with an introduction")
    page.get_by_role("link", name="Read Morgan's introduction and say yes or no").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meet Morgan Ashby")
    expect(page.get_by_text("Tea and a chat help.")).to_be_visible()
    # Issue 11: why they were suggested, said once (a list, not a semicolon paragraph repeating it).
    expect(page.get_by_role("heading", name="Why we suggested Morgan")).to_be_visible()
    expect(page.locator("main p").filter(has_text=";")).to_have_count(0)
    carer.check_accessibility("an introduction to say yes or no to")
    carer.screenshot("carer-introduction")
    page.get_by_role("button", name="Yes, I'd like to meet").click()
    expect(page.get_by_role("heading", name="You said yes")).to_be_visible()
    expect(page.get_by_text("We're waiting for Morgan to say yes too.")).to_be_visible()
    expect(page.get_by_role("button", name="Yes, I'd like to meet")).to_have_count(0)
    carer.check_accessibility("an introduction after saying yes")
    # Issue 11: home follows what the carer said (my_decision), and asks nothing more of them.
    carer.go("/")
    expect(_card(carer, "You said yes")).to_contain_text("You said yes. Waiting for Morgan to say yes too.")
    expect(page.locator("main")).not_to_contain_text("say yes or no")
    page.set_viewport_size({"width": 320, "height": 700})
    page.emulate_media(color_scheme="dark")
    carer.check_accessibility("carer home after saying yes, 320 px, dark")
    page.emulate_media(color_scheme="light")
    page.set_viewport_size({"width": 390, "height": 844})

    buddy = phone_factory()
    _signed_in_as(buddy, people.buddy)
    buddy.go(f"/matches/{pair.match_id}")
    expect(buddy.page.get_by_role("heading", level=1)).to_have_text("Meet Casey Lund")
    # The buddy reads the reasons about themself as "You", never their own name (issue 11).
    expect(buddy.page.locator(".carer-intro-lines").last).not_to_contain_text("Morgan")
    buddy.check_accessibility("an introduction, seen by the buddy")
    buddy.page.get_by_role("button", name="Yes, I'd like to meet").click()
    expect(buddy.page.get_by_role("heading", name="You and Casey are matched")).to_be_visible()

    assert people.coordinator.get(f"{ORG}/matches/{pair.match_id}")["status"] == "active"
    carer.go("/")
    expect(_card(carer, "Your buddy")).to_contain_text("Morgan Ashby")
    expect(_card(carer, "Your next check-in")).to_contain_text(
        "You and Morgan haven't agreed when to check in yet."
    )


def test_a_carer_says_no_thank_you_with_a_reason_only_the_centre_sees(phone: Phone, people: People) -> None:
    pair = people.saying_no
    page = phone.page
    _signed_in_as(phone, pair.carer)
    phone.go(f"/matches/{pair.match_id}")
    page.get_by_role("button", name="No, thank you").click()
    page.get_by_label("Would you like to tell us why?").fill("I'd rather talk to someone nearer my age.")
    phone.check_accessibility("saying no to an introduction")
    page.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_role("heading", name="You said no, thank you")).to_be_visible()
    match = people.coordinator.get(f"{ORG}/matches/{pair.match_id}")
    assert match["status"] == "declined"
    assert match["carer_decline_reason"] == "I'd rather talk to someone nearer my age."


def test_a_carer_reads_and_changes_their_profile_and_sees_errors_by_field(
    phone: Phone, people: People
) -> None:
    carer = people.answering.carer
    page = phone.page
    _signed_in_as(phone, carer)
    page.get_by_role("link", name="Your profile").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your profile")
    expect(page.get_by_text("My partner or spouse")).to_be_visible()
    expect(page.get_by_text("A long-term illness")).to_be_visible()
    expect(page.get_by_text("2 years")).to_be_visible()
    phone.check_accessibility("my profile")
    phone.screenshot("carer-profile")

    # The form is one topic a page: each step is checked before the next one shows.
    page.get_by_role("link", name="Change your profile").click()
    expect_step(page, "About your caring", 1, CARER_STEPS)
    page.get_by_label("How many years have you been caring?").fill("200")
    continue_(page)
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(["Years caring must be a whole number from 0 to 80"])
    expect_step(page, "About your caring", 1, CARER_STEPS)
    phone.check_accessibility("profile form with errors")
    phone.screenshot("carer-profile-errors")
    summary.get_by_role("link", name="Years caring must be a whole number from 0 to 80").click()
    expect(page.get_by_label("How many years have you been caring?")).to_be_focused()
    page.get_by_label("How many years have you been caring?").fill("5")
    go_to_step(page, "How and when to talk", CARER_STEPS)
    expect_step(page, "How and when to talk", 4, CARER_STEPS)
    page.get_by_label("The first half of your postcode (optional)").fill("nowhere")
    continue_(page)
    expect(summary).to_contain_text("Enter the first half of your postcode, like SE5 or M1")
    assert carer.api.get(f"{ORG}/me/carer-profile")["years_caring"] == 2  # nothing was sent
    page.get_by_label("The first half of your postcode (optional)").fill("se22")
    # Back keeps the answers.
    page.get_by_role("button", name="Back").click()
    expect_step(page, "Language", 3, CARER_STEPS)
    page.get_by_role("button", name="Back").click()
    page.get_by_role("button", name="Back").click()
    expect(page.get_by_label("How many years have you been caring?")).to_have_value("5")

    # Check your answers, with a Change link back to a step, then save.
    go_to_step(page, CHECK, CARER_STEPS)
    expect(page.get_by_text("5 years")).to_be_visible()
    expect(page.get_by_text("SE22")).to_be_visible()
    phone.check_accessibility("profile form, check your answers")
    page.get_by_role("button", name="Change language").click()
    expect_step(page, "Language", 3, CARER_STEPS)
    page.get_by_role("button", name="Continue to check your answers").click()
    expect(heading(page)).to_have_text(CHECK)
    page.get_by_role("button", name="Save your profile").click()
    expect(page.get_by_role("heading", name="Your profile has been saved")).to_be_visible()
    expect(page.get_by_text("5 years")).to_be_visible()
    saved = carer.api.get(f"{ORG}/me/carer-profile")
    assert (saved["years_caring"], saved["postcode_district"]) == (5, "SE22")

    page.get_by_role("link", name="Change your choice about health information").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Health information about the person you care for"
    )
    expect(page.get_by_label("Yes, you can keep it")).to_be_checked()
    page.get_by_label("No, please don't keep it").check()
    expect(page.get_by_text("we'll delete what you told us")).to_be_visible()
    phone.check_accessibility("health-data consent")
    phone.screenshot("carer-health-data")


def _summary_lines(phone: Phone, label: str) -> Any:
    """The lines of one row of the profile summary, found by its label."""
    row = phone.page.locator(".carer-summary-row").filter(has=phone.page.locator("dt", has_text=label))
    return row.locator("dd .carer-line")


def test_a_carer_says_which_languages_they_speak_when_they_are_free_and_what_they_wish_for_in_a_buddy(
    phone: Phone, people: People
) -> None:
    carer = people.answering.carer
    page = phone.page
    _signed_in_as(phone, carer)
    before = carer.api.get(f"{ORG}/me/carer-profile")
    assert (before["languages"], before["interpreter_needed"], before["availability"]) == (["en"], False, [])
    phone.go("/my-profile/edit")
    expect_step(page, "About your caring", 1, CARER_STEPS)
    go_to_step(page, "Language", CARER_STEPS)

    # With one language there is nothing to prefer; a second one brings the question.
    preferred = page.get_by_role("group", name="Which language would you prefer to talk in?")
    expect(preferred).to_have_count(0)
    page.get_by_role("group", name="Which languages do you speak?").get_by_label("Urdu", exact=True).check()
    expect(preferred.get_by_label("English", exact=True)).to_be_checked()  # as saved
    preferred.get_by_label("Urdu", exact=True).check()
    page.get_by_role("group", name="Would you need an interpreter?").get_by_label("Yes", exact=True).check()

    go_to_step(page, "How and when to talk", CARER_STEPS)
    free = page.get_by_role("group", name="When are you usually free? (optional)")
    evenings = free.get_by_role("group", name="Evenings (5pm to 9pm)")
    evenings.get_by_label("Tuesday").check()
    evenings.get_by_label("Thursday").check()
    free.get_by_role("group", name="Mornings (8am to midday)").get_by_label("Saturday").check()

    go_to_step(page, "What you'd like in a buddy", CARER_STEPS)
    gender = page.get_by_role("group", name="Would you like your buddy to be a woman, a man or non-binary?")
    expect(gender.get_by_label("No, it doesn't matter")).to_be_checked()
    expect(gender.get_by_text("This can make your wait for a buddy longer.")).to_be_visible()
    gender.get_by_label("Yes, it's a must").check()
    # A "must" without saying which gender is stopped here, and nothing is sent.
    continue_(page)
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    message = "Select whether you would like your buddy to be a woman, a man or non-binary"
    expect(summary.get_by_role("link")).to_have_text([message])
    which = page.get_by_role("group", name="Which would you like your buddy to be?")
    expect(which).to_contain_text(message)
    phone.check_accessibility("profile form, a wish without a gender")
    assert carer.api.get(f"{ORG}/me/carer-profile")["languages"] == ["en"]
    summary.get_by_role("link", name=message).click()
    expect(which.get_by_label("A woman")).to_be_focused()

    which.get_by_label("A woman").check()
    phone.check_accessibility("profile form with languages, free times and a wish")
    phone.screenshot("carer-profile-wishes")
    save(page, CARER_STEPS)
    expect(page.get_by_role("heading", name="Your profile has been saved")).to_be_visible()

    expect(_summary_lines(phone, "Languages")).to_have_text(["English", "Urdu (preferred)"])
    expect(_summary_lines(phone, "Interpreter")).to_have_text(["I would need an interpreter"])
    expect(_summary_lines(phone, "When I am usually free")).to_have_text(
        ["Mornings: Saturday", "Evenings: Tuesday, Thursday"]
    )
    expect(_summary_lines(phone, "What I'd like in a buddy")).to_have_text(["A woman (a must)"])
    phone.check_accessibility("my profile with languages, free times and a wish")

    saved = carer.api.get(f"{ORG}/me/carer-profile")
    assert saved["languages"] == ["en", "ur"]
    assert saved["preferred_language"] == "ur"
    assert saved["interpreter_needed"] is True
    assert saved["availability"] == [
        {"day": "tue", "part": "evening"},
        {"day": "thu", "part": "evening"},
        {"day": "sat", "part": "morning"},
    ]
    assert saved["preferences"] == {
        "gender": {"genders": ["woman"], "strength": "must"},
        "shared_background": None,
        "same_language": None,
    }
    # What was not touched is as it was.
    unchanged = ("relationships", "needs", "contact_modes", "years_caring", "region", "cultures", "faith")
    assert {key: saved[key] for key in unchanged} == {key: before[key] for key in unchanged}


def test_i_need_help_now_on_home_shows_the_crisis_lines_and_alerts_the_centre(
    phone: Phone, people: People
) -> None:
    carer = people.answering.carer
    page = phone.page
    _signed_in_as(phone, carer)
    page.get_by_role("link", name="I need help now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Get help now")
    expect(page.get_by_role("heading", name="We've told the centre")).to_be_visible()
    expect(page.get_by_text("We told Riverside Carers Centre at")).to_be_visible()
    expect(page.get_by_role("link", name="Call 999")).to_have_attribute("href", "tel:999")
    expect(page.get_by_role("link", name="Call 116 123")).to_be_visible()
    expect(page.get_by_role("button", name="I asked for help by mistake")).to_be_visible()
    assert page.url.endswith("/help")  # the shell's page: never waits for a role chunk
    phone.check_accessibility("help now, the centre told")
    phone.screenshot("carer-help-sent")

    alerts = [a for a in people.coordinator.get(f"{ORG}/alerts") if a["carer_user_id"] == carer.user_id]
    assert [a["status"] for a in alerts] == ["open"]
    for alert in alerts:
        people.coordinator.send(
            "POST",
            f"{ORG}/alerts/{alert['id']}/acknowledge",
            {"action_taken": "Rang Robin (a browser test)."},
        )


def _answer_requests(phone: Phone) -> list[dict[str, str]]:
    """The headers of every answer the page sends from now on."""
    sent: list[dict[str, str]] = []

    def seen(request: Any) -> None:
        if request.method == "POST" and request.url.endswith("/answer"):
            sent.append(request.headers)

    phone.page.on("request", seen)
    return sent


def test_answering_the_open_check_in_stores_one_answer_even_when_sent_twice(
    phone: Phone, people: People, live_server: LiveServer
) -> None:
    pair = people.answering
    page = phone.page
    _wait_until_due(live_server, pair)
    _signed_in_as(phone, pair.carer)
    page.get_by_role("link", name="Answer your check-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your check-in")
    expect(page.get_by_role("group", name="How are you doing?")).to_be_visible()
    phone.check_accessibility("the check-in form")
    phone.screenshot("carer-checkin-form")

    page.get_by_role("button", name="Send to Morgan").click()
    expect(page.locator(".error-summary")).to_contain_text("Choose how you're doing")
    phone.check_accessibility("the check-in form with an error")

    requests = _answer_requests(phone)
    page.get_by_label("Doing okay (4 out of 5)").check()
    page.get_by_label("Anything you'd like Morgan to know? (optional)").fill(
        "A better week. Slept well twice."
    )
    page.get_by_label("I'd like a call").check()
    page.get_by_role("button", name="Send to Morgan").dblclick()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    expect(
        page.get_by_text("Morgan will see how you're doing and that you would like a call.")
    ).to_be_visible()
    expect(page.get_by_text("Morgan hasn't replied yet.")).to_be_visible()
    expect(page.locator(".error-summary")).to_have_count(0)
    phone.check_accessibility("a check-in just answered")
    phone.screenshot("carer-checkin-answered")

    keys = {headers.get("idempotency-key") for headers in requests}
    assert len(requests) in (1, 2) and len(keys) == 1 and None not in keys, requests
    # The same request again (a retry after a lost answer) is recognised, not stored twice.
    checkin_id = page.url.rsplit("/", 1)[-1]
    again = pair.carer.api.client.post(
        f"/api/v1/checkins/{checkin_id}/answer",
        json={"wellbeing": 4, "note": "A better week. Slept well twice.", "wants_call": True},
        headers={
            "Idempotency-Key": keys.pop() or "",
            "X-CSRFToken": pair.carer.api.client.cookies["csrftoken"],
        },
    )
    assert again.status_code == 200, again.text
    answered = [
        c
        for c in pair.carer.api.get("/api/v1/me/checkins")
        if c["match_id"] == pair.match_id and c["answered_at"]
    ]
    assert [(c["id"], c["wellbeing"], c["note"], c["wants_call"]) for c in answered] == [
        (checkin_id, 4, "A better week. Slept well twice.", True)
    ]


def test_i_would_like_to_talk_with_help_now_shows_the_crisis_lines_at_once(
    phone: Phone, people: People
) -> None:
    pair = people.answering
    page = phone.page
    _signed_in_as(phone, pair.carer)
    page.get_by_role("link", name="I'd like to talk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Talk to Morgan")
    phone.check_accessibility("I'd like to talk")
    page.get_by_label("Struggling (1 out of 5)").check()
    page.get_by_label("I need help now").check()
    page.get_by_role("button", name="Send to Morgan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Get help now")
    expect(page.get_by_role("heading", name="We've told the centre")).to_be_visible()
    expect(page.get_by_role("link", name="Call 116 123")).to_be_visible()
    expect(page.get_by_role("heading", name="Your answer")).to_be_visible()
    phone.check_accessibility("a check-in of my own with help now")
    phone.screenshot("carer-talk-help-now")

    mine = [c for c in pair.carer.api.get("/api/v1/me/checkins") if c["kind"] == "unscheduled"]
    assert [(c["wellbeing"], c["needs_help"], c["note"]) for c in mine] == [(1, True, None)]
    for alert in people.coordinator.get(f"{ORG}/alerts"):
        if alert["carer_user_id"] == pair.carer.user_id and alert["status"] == "open":
            people.coordinator.send(
                "POST",
                f"{ORG}/alerts/{alert['id']}/acknowledge",
                {"action_taken": "Rang Robin (a browser test)."},
            )


def test_a_refused_answer_that_still_told_the_centre_shows_so_with_the_crisis_lines(
    phone: Phone, people: People
) -> None:
    pair = people.answering
    page = phone.page
    _signed_in_as(phone, pair.carer)
    page.get_by_role("link", name="I'd like to talk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Talk to Morgan")
    detail = (
        "Check-ins go to an active match; this one is paused or has ended. Your answer wasn't saved, but "
        "we've told the centre that you need help now. A coordinator will contact you as soon as they can."
    )
    refusal = {
        "type": "urn:carerlink:problem:conflict",
        "title": "That clashes with something",
        "status": 409,
        "detail": detail,
        "centre_told": True,
        "crisis_lines": [{"name": "Samaritans", "contact": "116 123", "how": "call", "description": ""}],
    }
    # The match is paused between loading the form and sending it: the server's answer, as it would be.
    page.route(
        "**/checkins",
        lambda route: (
            route.fulfill(status=409, content_type="application/problem+json", body=json.dumps(refusal))
            if route.request.method == "POST"
            else route.continue_()
        ),
    )
    page.get_by_label("Struggling (1 out of 5)").check()
    page.get_by_label("I need help now").check()
    page.get_by_role("button", name="Send to Morgan").click()
    expect(page.get_by_role("heading", name="We've told the centre")).to_be_visible()
    expect(page.get_by_text(detail)).to_be_visible()
    expect(page.get_by_role("link", name="Call 999")).to_be_visible()
    expect(page.get_by_role("link", name="Call 116 123")).to_be_visible()
    phone.check_accessibility("a refused answer whose help request reached the centre")


QUEUED = """() => new Promise((resolve, reject) => {
    const open = indexedDB.open('carerlink-offline');
    open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('queue')) { db.close(); resolve([]); return; }
        const all = db.transaction('queue').objectStore('queue').getAll();
        all.onsuccess = () => { db.close(); resolve(all.result); };
        all.onerror = () => reject(all.error);
    };
    open.onerror = () => reject(open.error);
})"""


def test_an_answer_given_offline_is_sent_once_when_back_online(
    phone: Phone, people: People, live_server: LiveServer
) -> None:
    pair = people.offline
    page = phone.page
    _wait_until_due(live_server, pair)
    _signed_in_as(phone, pair.carer)
    phone.wait_for_service_worker()
    page.get_by_role("link", name="Answer your check-in").click()
    expect(page.get_by_role("group", name="How are you doing?")).to_be_visible()

    phone.context.set_offline(True)
    page.get_by_label("Finding it hard (2 out of 5)").check()
    page.get_by_role("button", name="Send to Morgan").click()
    main = page.locator("main")
    expect(main.get_by_role("heading", name="Your answer will send when you're back online")).to_be_visible()
    expect(page.get_by_text("1 answer will send when you're back online.")).to_be_visible()
    queued = page.evaluate(QUEUED)
    assert len(queued) == 1
    # The minimum: no note key at all when none was typed.
    assert queued[0]["body"] == {"wellbeing": 2, "wants_call": False, "needs_help": False}
    phone.check_accessibility("an answer waiting to be sent")
    phone.screenshot("carer-checkin-offline")

    phone.context.set_offline(False)
    expect(main.get_by_role("heading", name="Your answer has been sent")).to_be_visible(timeout=15_000)
    expect(page.get_by_text("Morgan hasn't replied yet.")).to_be_visible()
    expect(page.get_by_text("will send when you're back online")).to_have_count(0)
    time.sleep(1.0)  # a second trigger (the service worker's sync) must find nothing left to send
    expect(page.get_by_text("could not be sent")).to_have_count(0)
    assert page.evaluate(QUEUED) == []
    answered = [
        c
        for c in pair.carer.api.get("/api/v1/me/checkins")
        if c["match_id"] == pair.match_id and c["answered_at"]
    ]
    assert [(c["wellbeing"], c["note"]) for c in answered] == [(2, None)]
    phone.check_accessibility("an answer sent after reconnecting")


def test_carer_screens_fit_320_px_and_pass_axe_in_dark_mode(phone_factory: Any, people: People) -> None:
    pair = people.answering
    dark = phone_factory(color_scheme="dark", viewport={"width": 320, "height": 640})
    _signed_in_as(dark, pair.carer)
    # The answered one when the tests above ran, else the one still to come.
    checkins = pair.carer.api.get("/api/v1/me/checkins")
    checkins += pair.carer.api.get(f"{ORG}/matches/{pair.match_id}/checkin-plan")["upcoming"]
    checkin = checkins[0]
    for path, name in [
        ("/", "carer home"),
        ("/check-ins", "history"),
        (f"/checkins/{checkin['id']}", "a check-in"),
        (f"/matches/{pair.match_id}", "introduction"),
        (f"/matches/{pair.match_id}/talk", "I'd like to talk"),
        ("/my-profile", "my profile"),
        ("/my-profile/edit", "the profile form"),
        ("/my-profile/health-data", "health-data consent"),
        ("/help", "help now, after a reload"),
    ]:
        dark.go(path)
        expect(dark.page.locator(".loading")).to_have_count(0)
        assert dark.page.evaluate("document.documentElement.scrollWidth") <= 320, path
        dark.check_accessibility(f"{name}, dark, 320 px")
    dark.go("/")
    dark.screenshot("carer-home-dark")
