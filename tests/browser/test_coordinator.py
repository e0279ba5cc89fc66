"""The coordinator's screens on a phone: home cards, the waiting list, a carer's suggestions and proposing,
batch proposals, pairs, crisis alerts and check-ins needing attention, on duty, buddies and their checks.

The live server is shared with the other browser modules, so these tests bring their own people: two
carers and two buddies invited and joined through the API, who speak Scottish Gaelic and must have a
buddy who does (no demo buddy does), so proposals never touch the demo pairs or the waiting carers
other modules rely on. Demo carer Sam Clarke presses "I need help now" (the alert is acknowledged
here). The coordinator signs in once for the module (the API limits sign-ins per account), and each
phone is given that session.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from carerlink.profiles.vocabulary import JOURNEY_PHRASE, JourneyStage
from tests.browser.conftest import DEMO_PASSWORD, PHONE, LiveServer, Phone, screen_and_approve

pytestmark = pytest.mark.browser

ORG = "/api/v1/orgs/riverside"


class Client:
    """The API over HTTP as one person (its own cookies), for setting up and checking server state."""

    def __init__(self, playwright: Any, base_url: str) -> None:
        self.context = playwright.request.new_context(base_url=base_url)
        self.context.get("/healthz")  # sets the CSRF cookie

    def cookies(self) -> list[dict[str, Any]]:
        """The cookies this client holds (its session among them)."""
        cookies: list[dict[str, Any]] = self.context.storage_state()["cookies"]
        return cookies

    def call(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None) -> Any:
        """Send one request; fail the test on an error answer."""
        csrf = next(c["value"] for c in self.cookies() if c["name"] == "csrftoken")
        response = self.context.fetch(
            path, method=method, data=body, headers={"X-CSRFToken": csrf, **(headers or {})}
        )
        assert response.ok, f"{method} {path}: {response.status} {response.text()}"
        return None if response.status == 204 else response.json()

    def get(self, path: str) -> Any:
        """GET ``path``."""
        return self.call("GET", path)


@dataclass
class Person:
    """Someone who joined for these tests."""

    name: str
    email: str
    membership_id: str
    user_id: str
    client: Client


@dataclass
class Cast:
    """The coordinator's API client and the people these tests brought."""

    coordinator: Client
    carer: Person  # proposed from her page
    second_carer: Person  # proposed from a batch draft
    buddy: Person  # screened and approved
    new_buddy: Person  # joined, not screened: screened through the app


GAELIC = ["en", "gd"]


def _carer_profile() -> dict[str, Any]:
    return {
        "relationships": ["parent_of_adult_child"],
        "needs": ["mental_health"],
        "mental_health_needs": ["psychosis"],
        "co_resident": True,
        "hours_band": "20_to_49",
        "journey_stage": "diagnosis",
        "years_caring": 1,
        "carer_category": "parent",
        "languages": GAELIC,
        "preferred_language": "gd",
        "region": "scotland",
        "contact_modes": ["phone", "video"],
        "availability": [{"day": d, "part": "evening"} for d in ("mon", "tue", "wed", "thu")],
        "help_with": ["someone_to_talk_to"],
        "preferences": {"same_language": "must"},
    }


def _buddy_profile(capacity: int) -> dict[str, Any]:
    return {
        "relationships": ["parent_of_adult_child"],
        "needs": ["mental_health"],
        "mental_health_needs": ["psychosis"],
        "caring_status": "current",
        "confirmed_adult": True,
        "journey_stage": "established",
        "years_caring": 8,
        "languages": GAELIC,
        "region": "scotland",
        "contact_modes": ["phone", "video"],
        "availability": [{"day": d, "part": "evening"} for d in ("mon", "tue", "wed", "thu")],
        "about_me": "My daughter was first unwell at twenty. Things are steadier now.",
        "capacity": capacity,
    }


def _join(playwright: Any, live_server: LiveServer, coordinator: Client, name: str, role: str) -> Person:
    email = f"{name.split()[0].lower()}-{uuid.uuid4().hex[:6]}@example.org"
    code = coordinator.call("POST", f"{ORG}/invitations", {"email": email, "role": role})["code"]
    client = Client(playwright, live_server.url)
    me = client.call(
        "POST",
        "/api/v1/invitations/accept",
        {
            "code": code,
            "consents": {"terms": True, "health_data": role == "carer"},
            "display_name": name,
            "password": "a quiet loch at dawn",
        },
    )
    [membership] = [m for m in me["memberships"] if m["organisation_slug"] == "riverside"]
    return Person(name, email, membership["membership_id"], me["id"], client)


@pytest.fixture(scope="module")
def cast(playwright: Any, live_server: LiveServer) -> Iterator[Cast]:
    """Two carers and two buddies of our own, joined and with profiles; one buddy screened and approved."""
    coordinator = Client(playwright, live_server.url)
    coordinator.call(
        "POST", "/api/v1/auth/login", {"email": "coordinator@example.org", "password": DEMO_PASSWORD}
    )
    carer = _join(playwright, live_server, coordinator, "Morag Campbell", "carer")
    second_carer = _join(playwright, live_server, coordinator, "Iain MacLeod", "carer")
    buddy = _join(playwright, live_server, coordinator, "Catriona Ross", "buddy")
    new_buddy = _join(playwright, live_server, coordinator, "Ewan Fraser", "buddy")
    for person in (carer, second_carer):
        person.client.call("PUT", f"{ORG}/me/carer-profile", _carer_profile())
    for person in (buddy, new_buddy):
        person.client.call("PUT", f"{ORG}/me/buddy-profile/health-data-consent", {"agree": True})
    buddy.client.call("PUT", f"{ORG}/me/buddy-profile", _buddy_profile(capacity=3))
    new_buddy.client.call("PUT", f"{ORG}/me/buddy-profile", _buddy_profile(capacity=2))

    screen_and_approve(coordinator, ORG, buddy.membership_id, reference="001122334455")
    yield Cast(coordinator, carer, second_carer, buddy, new_buddy)
    for client in (coordinator, carer.client, second_carer.client, buddy.client, new_buddy.client):
        client.context.dispose()


def _as_coordinator(phone_factory: Any, cast: Cast, path: str = "/") -> Phone:
    """A phone holding the coordinator's session (signed in once for the module)."""
    phone: Phone = phone_factory()
    phone.context.add_cookies(cast.coordinator.cookies())
    phone.go(path)
    return phone


def _fits_320(phone: Phone) -> None:
    """At 320 px wide the screen still has no sideways scroll (WCAG 1.4.10 reflow)."""
    phone.page.set_viewport_size({"width": 320, "height": 640})
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    phone.page.set_viewport_size(PHONE)
    assert width <= 320, f"{phone.page.url} is {width} px wide at 320"


def _card(phone: Phone, title: str) -> Any:
    return phone.page.locator(".card, .duty").filter(
        has=phone.page.get_by_role("heading", name=title, exact=True)
    )


def test_home_cards_show_what_the_api_says(phone_factory: Any, cast: Cast) -> None:
    api = cast.coordinator
    phone = _as_coordinator(phone_factory, cast)
    page = phone.page
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Morgan")

    waiting = api.get(f"{ORG}/waiting-list")
    open_alerts = api.get(f"{ORG}/alerts?status=open")
    attention = api.get(f"{ORG}/attention")
    matches = api.get(f"{ORG}/matches")
    buddies = api.get(f"{ORG}/buddies")

    expect(_card(phone, "Waiting list")).to_contain_text(f"{len(waiting)} carers are waiting for a buddy.")
    oldest = waiting[0]
    expect(_card(phone, "Waiting list")).to_contain_text(
        f"Waiting longest: {oldest['carer']['display_name']}, {oldest['waiting_days']} days."
    )
    reported = api.get(f"{ORG}/message-reports/open-count")["open"]
    total = len(open_alerts) + len(attention) + reported
    expect(_card(phone, "Needs attention")).to_contain_text(
        "Nothing needs your attention right now." if total == 0 else f"{total} "
    )
    active = sum(1 for m in matches if m["status"] == "active")
    expect(_card(phone, "Pairs")).to_contain_text(f"{active} active {'pair' if active == 1 else 'pairs'}.")
    ready = sum(1 for b in buddies if b["matchable"])
    expect(_card(phone, "Buddies")).to_contain_text(f"{len(buddies)} buddies, {ready} ready to be matched.")
    expect(page.get_by_role("heading", name="You're on duty")).to_be_visible()
    phone.check_accessibility("coordinator home with cards")
    phone.screenshot("coordinator-home-cards")
    _fits_320(phone)

    # Going off duty changes who crisis alerts reach; the switch says so and the server agrees.
    page.get_by_role("button", name="Go off duty").click()
    expect(page.get_by_role("heading", name="You're off duty")).to_be_visible()
    assert api.get(f"{ORG}/duty") == {"on_duty": False}
    phone.check_accessibility("coordinator off duty")
    page.get_by_role("button", name="Go on duty").click()
    expect(page.get_by_role("heading", name="You're on duty")).to_be_visible()
    assert api.get(f"{ORG}/duty") == {"on_duty": True}


def test_the_waiting_list_is_longest_waiting_first(phone_factory: Any, cast: Cast) -> None:
    phone = _as_coordinator(phone_factory, cast)
    page = phone.page
    page.get_by_role("link", name="Waiting list").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Waiting list")
    waiting = cast.coordinator.get(f"{ORG}/waiting-list")
    rows = page.locator(".waiting-list > li")
    expect(rows).to_have_count(len(waiting))
    days = [entry["waiting_days"] for entry in waiting]
    assert days == sorted(days, reverse=True)
    names = [row.locator(".list-title").inner_text() for row in rows.all()]
    assert names == [entry["carer"]["display_name"] for entry in waiting]
    expect(rows.first).to_contain_text(f"Waiting {days[0]} days")
    assert "Alex Turner" in names
    phone.check_accessibility("waiting list")
    phone.screenshot("coordinator-waiting-list")
    _fits_320(phone)

    page.get_by_role("link", name=cast.carer.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(cast.carer.name)
    assert page.url.endswith(f"/coordinator/carers/{cast.carer.membership_id}")


def test_a_carers_page_explains_suggestions_and_proposes_a_buddy(phone_factory: Any, cast: Cast) -> None:
    api, carer, buddy = cast.coordinator, cast.carer, cast.buddy
    phone = _as_coordinator(phone_factory, cast, f"/coordinator/carers/{carer.membership_id}")
    page = phone.page
    expect(page.get_by_role("heading", level=1)).to_have_text(carer.name)
    expect(page.locator(".summary-list")).to_contain_text("An adult son or daughter")
    expect(page.locator(".summary-list")).to_contain_text("Scottish Gaelic")
    # The stage in the server's words, as an introduction says it (the app's copy is generated from them).
    expect(page.locator(".summary-list")).to_contain_text(JOURNEY_PHRASE[JourneyStage.DIAGNOSIS].capitalize())

    found = api.get(f"{ORG}/carers/{carer.membership_id}/suggestions")
    [suggestion] = found["suggestions"]  # only buddies who speak Gaelic may be suggested
    assert suggestion["buddy"]["display_name"] == buddy.name
    card = page.locator(".suggestion").filter(has_text=buddy.name)
    expect(card).to_contain_text(f"{suggestion['score']} out of 100")
    for reason in suggestion["explanation"]["reasons"]:
        expect(card).to_contain_text(reason["text"])
    phone.check_accessibility("a carer's suggestions")
    phone.screenshot("coordinator-carer-suggestions")
    _fits_320(phone)

    card.get_by_role("button", name=f"Propose this buddy ({buddy.name})").click()
    expect(page.get_by_role("heading", name="Proposal sent")).to_be_visible()
    expect(page.get_by_role("heading", name=f"Proposed buddy: {buddy.name}")).to_be_visible()
    expect(page.get_by_text("Waiting for both to say yes")).to_be_visible()
    expect(page.get_by_text(f"{carer.name} hasn't answered yet")).to_be_visible()
    proposed = [
        m
        for m in api.get(f"{ORG}/matches?status=proposed")
        if m["carer"]["membership_id"] == carer.membership_id
    ]
    assert [m["buddy"]["membership_id"] for m in proposed] == [buddy.membership_id]
    phone.check_accessibility("a proposal sent")
    phone.screenshot("coordinator-proposal-sent")

    # Coming back later shows the proposal, not the suggestions.
    phone.go(f"/coordinator/carers/{carer.membership_id}")
    expect(page.get_by_role("heading", name=f"Proposed buddy: {buddy.name}")).to_be_visible()
    expect(page.get_by_role("button", name="Propose this buddy")).to_have_count(0)


def test_a_batch_draft_is_reviewed_trimmed_and_confirmed(phone_factory: Any, cast: Cast) -> None:
    api, carer, buddy = cast.coordinator, cast.second_carer, cast.buddy
    phone = _as_coordinator(phone_factory, cast, "/coordinator/proposals")
    page = phone.page
    expect(page.get_by_role("heading", level=1)).to_have_text("Proposals for everyone waiting")
    phone.check_accessibility("proposals start")
    page.get_by_role("button", name="Make proposals").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the proposals")
    draft_id = page.url.rsplit("/", 1)[1]
    draft = api.get(f"{ORG}/match-drafts/{draft_id}")
    assert draft["status"] == "draft"
    items = page.locator(".draft-item")
    expect(items).to_have_count(len(draft["items"]))
    first = draft["items"][0]
    expect(items.first).to_contain_text(first["explanation"]["reasons"][0]["text"])
    phone.check_accessibility("a draft to review")
    phone.screenshot("coordinator-draft")
    _fits_320(phone)

    # Take out every pair but our own carer's (the demo carers stay on the waiting list).
    others = [item for item in draft["items"] if item["carer"]["membership_id"] != carer.membership_id]
    assert others, "the demo waiting list should give the draft more pairs than ours"
    for item in others:
        pair = f"{item['carer']['display_name']} and {item['buddy']['display_name']}"
        page.get_by_role("button", name=f"Take out {pair}").click()
        expect(page.get_by_role("button", name=f"Take out {pair}")).to_have_count(0)
    remaining = api.get(f"{ORG}/match-drafts/{draft_id}")["items"]
    assert all(item["carer"]["membership_id"] == carer.membership_id for item in remaining)
    assert {others[0]["carer"]["membership_id"]} <= {
        p["membership_id"] for p in api.get(f"{ORG}/match-drafts/{draft_id}")["unplaced"]
    }

    if not remaining:  # the optimum gave our buddy's last place to someone else: choose it by hand
        unplaced = page.locator(".list-item").filter(has_text=carer.name)
        unplaced.get_by_role("button", name=f"Choose a buddy for {carer.name}").click()
        unplaced.get_by_label(buddy.name, exact=False).check()
        unplaced.get_by_role("button", name="Add this pair").click()
    pair_card = items.filter(has_text=f"{carer.name} with")
    expect(pair_card).to_have_count(1)
    pair_card.get_by_role("button", name="Add a note").click()
    pair_card.get_by_label("Note (optional)").fill("Both Gaelic speakers: a good first pair.")
    pair_card.get_by_role("button", name="Save note").click()
    expect(pair_card).to_contain_text("Note: Both Gaelic speakers: a good first pair.")
    phone.check_accessibility("a trimmed draft")
    phone.screenshot("coordinator-draft-trimmed")

    page.get_by_role("button", name="Confirm and send 1 proposal").click()
    expect(page.get_by_role("heading", name="1 proposal sent")).to_be_visible()
    phone.check_accessibility("draft confirmed")
    phone.screenshot("coordinator-draft-confirmed")
    assert api.get(f"{ORG}/match-drafts/{draft_id}")["status"] == "confirmed"
    proposed = api.get(f"{ORG}/matches?status=proposed")
    assert [m["carer"]["membership_id"] for m in proposed if m["carer"]["display_name"] == carer.name] == [
        carer.membership_id
    ]
    still_waiting = {entry["carer"]["display_name"] for entry in api.get(f"{ORG}/waiting-list")}
    assert "Alex Turner" in still_waiting
    assert carer.name not in still_waiting


def test_pairs_are_paused_restarted_and_ended(phone_factory: Any, cast: Cast) -> None:
    api, carer, buddy = cast.coordinator, cast.carer, cast.buddy
    [match] = [
        m
        for m in api.get(f"{ORG}/matches?status=proposed")
        if m["carer"]["membership_id"] == carer.membership_id
    ]
    for person in (carer, buddy):  # each reads the introduction, then says yes
        person.client.get(f"{ORG}/matches/{match['id']}")
        person.client.call("POST", f"{ORG}/matches/{match['id']}/accept")
    assert api.get(f"{ORG}/matches/{match['id']}")["status"] == "active"

    phone = _as_coordinator(phone_factory, cast, "/coordinator/pairs")
    page = phone.page
    pair = f"{carer.name} and {buddy.name}"
    active = page.locator("section").filter(has=page.get_by_role("heading", name="Active pairs"))
    expect(active).to_contain_text(f"{carer.name} with {buddy.name}")
    expect(active).to_contain_text("Sam Clarke with Helen Wright")
    phone.check_accessibility("pairs")
    phone.screenshot("coordinator-pairs")
    _fits_320(phone)

    page.get_by_role("button", name=f"Pause {pair}").click()
    expect(page.get_by_role("heading", name=f"{pair}'s pair is paused.")).to_be_visible()
    assert api.get(f"{ORG}/matches/{match['id']}")["status"] == "paused"
    page.get_by_role("button", name=f"Restart {pair}").click()
    expect(page.get_by_role("heading", name=f"{pair}'s pair has restarted.")).to_be_visible()
    assert api.get(f"{ORG}/matches/{match['id']}")["status"] == "active"

    page.get_by_role("button", name=f"End {pair}").click()
    page.get_by_role("button", name="End the pair").click()
    expect(page.locator(".error-summary")).to_contain_text("Choose why the pair is ending")
    phone.check_accessibility("ending a pair with an error")
    phone.screenshot("coordinator-end-pair-error")
    page.get_by_label("They got what they needed from it").check()
    page.get_by_label("Anything to add (optional)").fill("Planned ending after six months.")
    page.get_by_role("button", name="End the pair").click()
    expect(page.get_by_role("heading", name=f"{pair}'s pair has ended.")).to_be_visible()
    ended = api.get(f"{ORG}/matches/{match['id']}")
    assert (ended["status"], ended["end_reason"]) == ("ended", "goals_met")


def test_a_carers_page_shows_how_she_has_been_first_against_latest(phone_factory: Any, cast: Cast) -> None:
    """Issue 16: wellbeing at the first check-in against the latest, per carer, on the coordinator's page."""
    api, carer, buddy = cast.coordinator, cast.second_carer, cast.buddy
    phone = _as_coordinator(phone_factory, cast, f"/coordinator/carers/{carer.membership_id}")
    page = phone.page
    expect(page.get_by_role("heading", level=1)).to_have_text(carer.name)
    expect(page.get_by_text(f"How {carer.name} has been")).to_have_count(0)  # no check-in yet

    # Iain's proposal from the draft: both say yes, and he checks in three times.
    [match] = [
        m
        for m in api.get(f"{ORG}/matches?status=proposed")
        if m["carer"]["membership_id"] == carer.membership_id
    ]
    for person in (carer, buddy):
        person.client.get(f"{ORG}/matches/{match['id']}")
        person.client.call("POST", f"{ORG}/matches/{match['id']}/accept")
    for wellbeing in (2, 3, 4):
        carer.client.call(
            "POST",
            f"{ORG}/matches/{match['id']}/checkins",
            {"wellbeing": wellbeing, "note": "A long week.", "wants_call": False, "needs_help": False},
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
    found = api.get(f"{ORG}/carers/{carer.membership_id}/wellbeing")
    assert (found["answers"], found["first"]["wellbeing"], found["latest"]["wellbeing"]) == (3, 2, 4)
    days = [
        datetime.fromisoformat(found[key]["answered_at"]).astimezone(ZoneInfo("Europe/London"))
        for key in ("first", "latest")
    ]
    first_day, latest_day = (f"{d.day} {d:%B %Y}" for d in days)

    phone.go(f"/coordinator/carers/{carer.membership_id}")
    expect(page.locator(".wellbeing-over-time")).to_have_text(
        f"How {carer.name} has been: first check-in finding it hard ({first_day}), "
        f"latest doing okay ({latest_day})"
    )
    expect(page.get_by_text("A long week.")).to_have_count(0)  # the score's words, never the note
    phone.check_every_way("a carer's page with how he has been")
    api.call("POST", f"{ORG}/matches/{match['id']}/end", {"reason": "goals_met", "note": ""})


def test_a_crisis_alert_comes_first_and_is_acknowledged_with_what_was_done(
    phone_factory: Any, cast: Cast, playwright: Any, live_server: LiveServer
) -> None:
    api = cast.coordinator
    sam = Client(playwright, live_server.url)
    try:
        sam.call("POST", "/api/v1/auth/login", {"email": "carer3@example.org", "password": DEMO_PASSWORD})
        sam_id = sam.get("/api/v1/me")["id"]
        sam.call("POST", f"{ORG}/help", headers={"Idempotency-Key": f"coord-test-{uuid.uuid4().hex[:12]}"})
    finally:
        sam.context.dispose()
    alert = next(a for a in api.get(f"{ORG}/alerts?status=open") if a["carer_user_id"] == sam_id)

    phone = _as_coordinator(phone_factory, cast)
    page = phone.page
    crisis = page.locator(".crisis-block")
    expect(crisis).to_contain_text("pressed “I need help now”")
    # The alert is the first thing on the coordinator's home, before every other card (issue 13).
    assert crisis.evaluate(
        "el => Boolean(el.compareDocumentPosition(document.querySelector('main .card')) & 4)"
    )
    phone.check_accessibility("home with a crisis alert")
    phone.screenshot("coordinator-home-crisis")

    page.get_by_role("link", name="Needs attention").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Needs attention")
    headings = page.get_by_role("heading", level=2).all_inner_texts()
    assert headings[0].startswith("Crisis alerts"), headings
    expect(page.locator(".alert-open").first).to_contain_text("Sam Clarke needs help now")
    phone.check_accessibility("needs attention with an alert")
    phone.screenshot("coordinator-attention-alert")

    page.locator(f"a[href='/coordinator/alerts/{alert['id']}']").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sam Clarke needs help now")
    expect(page.locator(".summary-list").first).to_contain_text("The “I need help now” button")
    page.get_by_role("button", name="Acknowledge").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Enter what you have done or are doing")
    phone.check_accessibility("acknowledging without saying what was done")
    phone.screenshot("coordinator-alert-error")
    summary.get_by_role("link", name="Enter what you have done or are doing").click()
    expect(page.get_by_label("What have you done, or are you doing?")).to_be_focused()
    page.get_by_label("What have you done, or are you doing?").fill("Called Sam; safe at home, GP tomorrow.")
    page.get_by_role("button", name="Acknowledge").click()
    expect(page.get_by_role("heading", name="Alert acknowledged")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sam Clarke asked for help")
    expect(page.get_by_text("Called Sam; safe at home, GP tomorrow.")).to_be_visible()
    expect(page.get_by_text("by Morgan Ellis")).to_be_visible()
    phone.check_accessibility("alert acknowledged")
    phone.screenshot("coordinator-alert-acknowledged")
    _fits_320(phone)
    saved = api.get(f"{ORG}/alerts/{alert['id']}")
    assert (saved["status"], saved["action_taken"]) == (
        "acknowledged",
        "Called Sam; safe at home, GP tomorrow.",
    )

    # The deep link of the push notification opens the same alert.
    phone.go(f"/coordinator/alerts/{alert['id']}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sam Clarke asked for help")


def _flag_for_review(live_server: LiveServer) -> tuple[str, str]:
    """Flag Sam and Helen's answered check-in for review, as a run of low scores would.

    The ladder needs days of real time to get there, so the step is written straight into the live
    server's SQLite database (its own schema: 32-hex UUIDs, naive UTC times). Returns (step, check-in).
    """
    with sqlite3.connect(live_server.data_dir / "carerlink.sqlite3", timeout=10) as db:
        occurrence_id, organisation_id = db.execute(
            "SELECT o.id, o.organisation_id FROM checkin_occurrences o JOIN users u ON u.id = o.carer_user_id"
            " WHERE u.email = 'carer3@example.org' AND o.answered_at IS NOT NULL"
            " AND NOT EXISTS (SELECT 1 FROM checkin_steps s WHERE s.occurrence_id = o.id"
            " AND s.step = 'low_score_review') ORDER BY o.due_at LIMIT 1"
        ).fetchone()
        step_id = uuid.uuid4().hex
        at = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
        db.execute(
            "INSERT INTO checkin_steps (id, occurrence_id, organisation_id, step, at, needs_coordinator)"
            " VALUES (?, ?, ?, 'low_score_review', ?, 1)",
            (step_id, occurrence_id, organisation_id, at),
        )
    return str(uuid.UUID(step_id)), str(uuid.UUID(occurrence_id))


def test_a_check_in_needing_attention_is_dealt_with_from_its_deep_link(
    phone_factory: Any, cast: Cast, live_server: LiveServer
) -> None:
    step_id, checkin_id = _flag_for_review(live_server)
    phone = _as_coordinator(phone_factory, cast, "/coordinator/attention")
    page = phone.page
    item = page.locator(".attention-item").filter(has_text="Low scores in a row")
    expect(item).to_contain_text("Sam has given several low scores in a row.")
    item.get_by_text("What has happened so far").click()  # every step the ladder took, with its time
    expect(item.locator(".attention-steps li").last).to_contain_text("Flagged for a review of low scores, ")
    phone.check_accessibility("needs attention with a check-in")
    phone.screenshot("coordinator-attention-checkin")

    # The escalation notification's deep link.
    phone.go(f"/coordinator/checkins/{checkin_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("A check-in needing attention")
    expect(page.locator(".summary-list")).to_contain_text("Sam Clarke with Helen Wright")
    phone.check_accessibility("a check-in needing attention")
    phone.screenshot("coordinator-checkin-attention")
    _fits_320(phone)
    page.get_by_label("What was done (optional)").fill("Rang Sam: a hard fortnight, feeling better now.")
    page.get_by_role("button", name="Mark as dealt with").click()
    expect(page.get_by_role("heading", name="Recorded")).to_be_visible()
    expect(page.get_by_text("Nothing about this check-in needs you now.")).to_be_visible()
    assert step_id not in {entry["id"] for entry in cast.coordinator.get(f"{ORG}/attention")}


def test_buddies_show_why_not_matchable_and_are_screened_from_their_checks(
    phone_factory: Any, cast: Cast
) -> None:
    api, buddy = cast.coordinator, cast.new_buddy
    phone = _as_coordinator(phone_factory, cast, "/coordinator/buddies")
    page = phone.page
    row = page.locator(".list-item").filter(has_text=buddy.name)
    expect(row).to_contain_text("Can't be matched yet")
    expect(row).to_contain_text("A coordinator hasn't approved this buddy yet.")
    expect(row).to_contain_text("No safeguarding check has been recorded.")
    phone.check_accessibility("buddies")
    phone.screenshot("coordinator-buddies")

    row.get_by_role("link", name=buddy.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{buddy.name}'s checks")
    assert page.url.endswith(f"/buddies/{buddy.membership_id}/checks")
    page.get_by_role("button", name="Record the check").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Choose the kind of check")
    expect(summary).to_contain_text("Enter the certificate number")
    phone.check_accessibility("recording a check with errors")
    phone.screenshot("coordinator-check-errors")

    # The server's own rule (recheck after issue) lands on its field.
    today = date.today()
    page.get_by_label("Kind of check").select_option("dbs_enhanced_adults_barred")
    page.get_by_label("Certificate number").fill("009988776655")
    page.get_by_label("Issued on").fill(today.isoformat())
    page.get_by_label("Check again by").fill((today - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Record the check").click()
    expect(page.locator("#recheck_due-error")).to_contain_text("after the issue date")
    phone.check_accessibility("a check refused by the server")
    page.get_by_label("Check again by").fill((today + timedelta(days=1095)).isoformat())
    page.get_by_role("button", name="Record the check").click()
    expect(page.get_by_role("heading", name="Safeguarding check recorded")).to_be_visible()
    expect(page.locator(".summary-list").last).to_contain_text("009988776655")

    courses = [
        c for c in api.get(f"{ORG}/buddies/{buddy.membership_id}/screening")["courses"] if c["required"]
    ]
    for course in courses:
        page.get_by_label("Course").select_option(label=course["name"])
        page.get_by_role("button", name="Record training").click()
        expect(page.get_by_role("heading", name="Training recorded")).to_be_visible()
        expect(page.get_by_label("Course").locator(f"option:has-text('{course['name']}')")).to_have_count(0)
    page.get_by_role("button", name=f"Approve {buddy.name}").click()
    expect(page.get_by_role("heading", name=f"{buddy.name} is approved")).to_be_visible()
    expect(page.get_by_text("Ready to be matched.")).to_be_visible()
    phone.check_accessibility("a buddy screened")
    phone.screenshot("coordinator-buddy-screened")
    _fits_320(phone)
    assert api.get(f"{ORG}/buddies/{buddy.membership_id}/screening")["matchable"] is True


def test_a_pair_in_a_draft_gets_another_buddy_and_the_draft_is_discarded(
    phone_factory: Any, cast: Cast
) -> None:
    api = cast.coordinator
    phone = _as_coordinator(phone_factory, cast, "/coordinator/proposals")
    page = phone.page
    page.get_by_role("button", name="Make proposals").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the proposals")
    draft_id = page.url.rsplit("/", 1)[1]
    draft = api.get(f"{ORG}/match-drafts/{draft_id}")
    # A pair whose carer may have another buddy with room once the draft's other pairs are counted.
    free = {
        b["membership_id"]: b["capacity"] - b["places_taken"]
        for b in api.get(f"{ORG}/buddies")
        if b["matchable"]
    }
    for item in draft["items"]:
        free[item["buddy"]["membership_id"]] -= 1

    def alternative(item: dict[str, Any]) -> dict[str, Any] | None:
        suggested = api.get(f"{ORG}/carers/{item['carer']['membership_id']}/suggestions?limit=10")[
            "suggestions"
        ]
        return next(
            (
                s["buddy"]
                for s in suggested
                if s["buddy"]["membership_id"] != item["buddy"]["membership_id"]
                and free.get(s["buddy"]["membership_id"], 0) > 0
            ),
            None,
        )

    item, other_buddy = next((i, b) for i in draft["items"] if (b := alternative(i)) is not None)
    carer = item["carer"]

    card = page.locator(".draft-item").filter(has_text=f"{carer['display_name']} with")
    card.get_by_role("button", name=f"Change buddy for {carer['display_name']}").click()
    card.get_by_role("button", name="Use this buddy").click()
    expect(card.locator(".error-summary")).to_contain_text("Choose a buddy")
    phone.check_accessibility("changing a pair's buddy with an error")
    phone.screenshot("coordinator-draft-change-buddy")
    card.get_by_label(other_buddy["display_name"], exact=False).check()
    card.get_by_role("button", name="Use this buddy").click()
    changed = page.locator(".draft-item").filter(
        has_text=f"{carer['display_name']} with {other_buddy['display_name']}"
    )
    expect(changed).to_contain_text("chosen by a coordinator")
    [saved] = [
        i
        for i in api.get(f"{ORG}/match-drafts/{draft_id}")["items"]
        if i["carer"]["membership_id"] == carer["membership_id"]
    ]
    assert saved["buddy"]["membership_id"] == other_buddy["membership_id"]

    page.get_by_role("button", name="Discard these proposals").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Proposals discarded")
    phone.check_accessibility("draft discarded")
    assert api.get(f"{ORG}/match-drafts/{draft_id}")["status"] == "discarded"
    assert carer["display_name"] in {
        entry["carer"]["display_name"] for entry in api.get(f"{ORG}/waiting-list")
    }


def test_an_invitation_whose_email_could_not_be_sent_says_so(
    phone_factory: Any, cast: Cast, live_server: LiveServer
) -> None:
    email = f"unreachable-{uuid.uuid4().hex[:6]}@example.org"
    invitation = cast.coordinator.call("POST", f"{ORG}/invitations", {"email": email, "role": "carer"})[
        "invitation"
    ]
    # The demo writes e-mail to files, which never refuses: refuse this one as an SMTP server's 550 would.
    with sqlite3.connect(live_server.data_dir / "carerlink.sqlite3", timeout=10) as db:
        at = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
        db.execute(
            "UPDATE outgoing_mail SET failed_at = ?, sent_at = NULL,"
            " last_error = 'refused:smtp:recipient:550'"
            " WHERE id = (SELECT mail_id FROM invitations WHERE id = ?)",
            (at, uuid.UUID(invitation["id"]).hex),
        )

    phone = _as_coordinator(phone_factory, cast, "/invitations")
    item = phone.page.locator(".list-item").filter(has_text=email)
    expect(item).to_contain_text("The e-mail could not be sent.")
    expect(item).to_contain_text("Waiting")
    phone.check_accessibility("invitations, an e-mail that could not be sent")
    _fits_320(phone)
    phone.page.emulate_media(color_scheme="dark")
    phone.check_accessibility("invitations, an e-mail that could not be sent, dark")
