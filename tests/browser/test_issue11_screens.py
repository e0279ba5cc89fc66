"""Screens that confused people trying the app (issue 11), read as a person reads them.

Sam Clarke (demo carer, matched with Helen) is only looked at here; nothing of the demo is changed.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SAM, Api, LiveServer, Phone, signed_in_phone
from tests.browser.test_buddy import sam_checks_in
from tests.browser.test_reminders import _stand_in_subscription

pytestmark = pytest.mark.browser

ORG = "/api/v1/orgs/riverside"


@pytest.fixture(scope="module")
def sam_phone(browser: Any, live_server: LiveServer) -> Iterator[Phone]:
    """Sam on his phone, signed in once for the module."""
    yield from signed_in_phone(browser, live_server, SAM)


def _sam_match(phone: Phone) -> str:
    waiting = phone.context.request.get(phone.base_url + ORG + "/me/waiting").json()
    return str(waiting["match_id"])


def test_when_you_check_in_says_your_time_in_one_format_with_a_box_wide_enough(sam_phone: Phone) -> None:
    page = sam_phone.page
    sam_phone.go(f"/matches/{_sam_match(sam_phone)}/check-ins")
    expect(page.locator("h1")).to_have_text("When you check in")
    main = page.locator("main")
    expect(main).to_contain_text(
        re.compile(r"Every (other )?week on .+ at (\d{1,2}(:\d\d)?[ap]m|midday|midnight), UK time")
    )
    expect(page.get_by_text("Your time (UK time), for example 7pm or 10:30am")).to_be_visible()
    text = main.inner_text()
    assert "Europe/London" not in text
    assert "carer's time zone" not in text
    assert not re.search(r"\b\d{1,2}:\d\d\b(?![ap]m)", text), f"a 24-hour time beside the am/pm ones: {text}"
    box = page.get_by_label("What time?")
    expect(box).to_have_value(re.compile(r"^\d{1,2}(:\d\d)?[ap]m$|^midday$|^midnight$"))

    for width, scheme in ((390, "light"), (320, "dark")):
        page.set_viewport_size({"width": width, "height": 800})
        page.emulate_media(color_scheme=scheme)
        box.fill("10:30am")
        fits = box.evaluate("(input) => input.scrollWidth <= input.clientWidth")
        assert fits, f"the time box clips '10:30am' at {width} px"
        sam_phone.check_accessibility(f"when you check in, {width} px, {scheme}")
    page.emulate_media(color_scheme="light")
    page.set_viewport_size({"width": 390, "height": 844})


def test_a_time_typed_the_wrong_way_is_explained_before_anything_is_sent(sam_phone: Phone) -> None:
    page = sam_phone.page
    sam_phone.go(f"/matches/{_sam_match(sam_phone)}/check-ins")
    sent: list[str] = []
    page.on("request", lambda r: r.method == "PUT" and sent.append(r.url))
    page.get_by_label("What time?").fill("7")
    page.get_by_role("button", name="Save when you check in").click()
    expect(page.locator(".error-summary")).to_contain_text("Enter a time, like 7pm or 10:30am")
    assert sent == []
    sam_phone.check_accessibility("when you check in, a time without am or pm")


def test_reminders_that_fail_to_turn_on_say_what_to_try_and_that_the_inbox_still_has_everything(
    sam_phone: Phone, live_server: LiveServer
) -> None:
    page = sam_phone.page
    endpoint = f"http://127.0.0.1:9/push/{os.urandom(6).hex()}"
    sam_phone.context.grant_permissions(["notifications"], origin=live_server.url)
    sam_phone.context.add_init_script(_stand_in_subscription(endpoint))
    refuse = lambda route: route.fulfill(status=429, json={"title": "Too many requests"})  # noqa: E731
    page.route("**/api/v1/push/subscriptions", refuse)
    sam_phone.go("/reminders")

    page.get_by_role("button", name="Turn on reminders").click()

    alert = page.get_by_role("alert")
    expect(alert.get_by_role("heading", name="Reminders didn't turn on")).to_be_visible()
    expect(alert).to_contain_text("Check this phone is online, then try again.")
    expect(alert).to_contain_text("In your phone's settings, make sure notifications are allowed")
    expect(alert).to_contain_text("add carerlink to your Home Screen first (Share, then Add to Home Screen)")
    expect(alert).to_contain_text("still arrive in your inbox")
    expect(alert.get_by_role("link", name="inbox")).to_have_attribute("href", "/inbox")
    assert "Please try again" not in alert.inner_text()
    for width, scheme in ((390, "light"), (320, "dark")):
        page.set_viewport_size({"width": width, "height": 800})
        page.emulate_media(color_scheme=scheme)
        sam_phone.check_accessibility(f"reminders failed, {width} px, {scheme}")
    page.emulate_media(color_scheme="light")
    page.set_viewport_size({"width": 390, "height": 844})

    page.unroute("**/api/v1/push/subscriptions", refuse)
    page.get_by_role("button", name="Try again").click()
    expect(page.get_by_role("heading", name="Reminders are on for this phone")).to_be_visible()
    page.get_by_role("button", name="Turn off reminders on this phone").click()
    expect(page.get_by_role("button", name="Turn on reminders")).to_be_visible()


def test_the_join_form_offline_keeps_what_was_typed_and_sends_it_when_back_online(phone: Phone) -> None:
    page = phone.page
    phone.go("/join/riverside")
    expect(page.locator("h1")).to_have_text("Ask for a buddy")
    page.get_by_label("Your name").fill("Jo Offline")
    page.get_by_label("Email address").fill(f"jo-{os.urandom(3).hex()}@example.org")
    page.get_by_label("Anything you'd like us to know").fill("Evenings are best.")
    phone.context.set_offline(True)

    page.get_by_role("button", name="Send").click()

    status = page.get_by_role("status").filter(has_text="back online")
    expect(
        status.get_by_role("heading", name="Your request will be sent when you're back online")
    ).to_be_visible()
    expect(status).to_contain_text("This form needs a connection")
    expect(page.locator(".error-summary")).to_have_count(0)
    expect(page.get_by_label("Your name")).to_have_value("Jo Offline")
    expect(page.get_by_label("Anything you'd like us to know")).to_have_value("Evenings are best.")
    page.get_by_role("button", name="Try sending again now").click()
    expect(page.locator(".error-summary")).to_have_count(0)
    for width, scheme in ((390, "light"), (320, "dark")):
        page.set_viewport_size({"width": width, "height": 800})
        page.emulate_media(color_scheme=scheme)
        phone.check_accessibility(f"join form offline, {width} px, {scheme}")

    phone.context.set_offline(False)

    expect(page.locator("h1")).to_have_text("Thank you")
    expect(page.get_by_text("We have your request")).to_be_visible()


def test_the_inbox_has_one_name_words_for_inside_the_app_and_follows_what_was_read(
    helen: Phone, helen_api: Api, sam: Api
) -> None:
    page = helen.page
    checkin = sam_checks_in(sam, note="Issue 11: read from home, not from the inbox.")
    path = f"/buddy/checkins/{checkin['id']}"
    try:
        entry = next(i for i in helen_api.get("/api/v1/notifications")["items"] if i["url"] == path)
        assert entry["read_at"] is None

        helen.go(path)  # as from her home's list of answers, not from the inbox
        expect(page.get_by_role("heading", level=1)).to_have_text("Sam's check-in")
        deadline = time.monotonic() + 10
        while _read_at(helen_api, entry["id"]) is None:
            assert time.monotonic() < deadline, "opening the check-in left its notification unread"
            time.sleep(0.2)

        page.get_by_role("link", name="Inbox").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Inbox")
        item = page.locator(".inbox-item").filter(has=page.locator(f'a[href="{path}"]'))
        expect(item).to_contain_text("Read it and reply.")
        expect(item.locator(".tag")).to_have_count(0)
        expect(page.locator("main")).not_to_contain_text("Open carerlink")
        expect(page.locator("main")).not_to_contain_text("Notifications")
        for width, scheme in ((390, "light"), (320, "dark")):
            page.set_viewport_size({"width": width, "height": 800})
            page.emulate_media(color_scheme=scheme)
            helen.check_accessibility(f"inbox, {width} px, {scheme}")
        page.emulate_media(color_scheme="light")
        page.set_viewport_size({"width": 390, "height": 844})
    finally:
        helen_api.call("POST", f"/api/v1/checkins/{checkin['id']}/reply", {"kind": "we_spoke"})


def _read_at(api: Api, notification_id: str) -> Any:
    items = api.get("/api/v1/notifications?limit=100")["items"]
    return next(i for i in items if i["id"] == notification_id)["read_at"]


@pytest.fixture(scope="module")
def morgan(browser: Any, live_server: LiveServer) -> Iterator[Phone]:
    """Morgan Ellis, the demo coordinator, signed in once for the module."""
    yield from signed_in_phone(browser, live_server, "coordinator@example.org")


def test_the_buddies_list_highlights_a_check_running_out_within_the_organisations_window(
    morgan: Phone,
) -> None:
    page = morgan.page
    api = Api(morgan.context.request, morgan.base_url)
    tom = next(b for b in api.get(f"{ORG}/buddies") if b["display_name"] == "Tom Okafor")
    day = date.fromisoformat(tom["recheck_due"])
    words = f"Check runs out on {day.day} {day:%B}" + (
        "" if day.year == date.today().year else f" {day.year}"
    )
    try:
        morgan.go("/coordinator/buddies")
        tom_row = page.locator(".list-item").filter(has_text="Tom Okafor")
        expect(tom_row.locator(".tag-warning")).to_have_text(words)
        helen_row = page.locator(".list-item").filter(has_text="Helen Wright")
        expect(helen_row.locator(".tag-warning")).to_have_count(0)
        for width, scheme in ((390, "light"), (320, "dark")):
            page.set_viewport_size({"width": width, "height": 800})
            page.emulate_media(color_scheme=scheme)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            morgan.check_accessibility(f"buddies with a check running out, {width} px, {scheme}")
        page.emulate_media(color_scheme="light")
        page.set_viewport_size({"width": 390, "height": 844})

        # A centre that wants less notice: ten days; Tom's twenty are no longer flagged.
        api.call("PATCH", ORG, {"settings": {"recheck_warning_days": 10}})
        morgan.go("/coordinator/buddies")
        expect(page.locator(".list-item").filter(has_text="Tom Okafor")).to_contain_text("check due again")
        expect(page.locator(".tag-warning")).to_have_count(0)
    finally:
        api.call("PATCH", ORG, {"settings": {"recheck_warning_days": 30}})


def test_a_draft_shows_each_buddys_places_after_it_once_and_the_same_everywhere(morgan: Phone) -> None:
    page = morgan.page
    api = Api(morgan.context.request, morgan.base_url)
    draft = api.call("POST", f"{ORG}/match-drafts")
    try:
        assert draft["items"], "the demo's waiting list gives a draft with pairs"
        morgan.go(f"/coordinator/proposals/{draft['id']}")
        expect(page.locator("h1")).to_have_text("Check the proposals")
        buddies = {b["membership_id"]: b for b in api.get(f"{ORG}/buddies")}
        per_buddy: dict[str, int] = {}
        for item in draft["items"]:
            per_buddy[item["buddy"]["membership_id"]] = per_buddy.get(item["buddy"]["membership_id"], 0) + 1
        cards = page.locator(".draft-item")
        expect(cards).to_have_count(len(draft["items"]))
        for index, item in enumerate(draft["items"]):
            buddy = buddies[item["buddy"]["membership_id"]]
            after = buddy["places_taken"] + per_buddy[buddy["membership_id"]]
            card = cards.nth(index)
            expect(card.locator(".draft-load")).to_have_text(
                re.compile(
                    rf"^{re.escape(buddy['display_name'])}: {after} of {buddy['capacity']} places taken"
                )
            )
            card.locator("summary").click()
            expect(card.locator(".explanation")).not_to_contain_text("places taken")
            if buddy["recheck_soon"]:
                expect(card.locator(".tag-warning")).to_contain_text("Check runs out on")
        morgan.check_accessibility("a draft with each buddy's places after it")
    finally:
        api.call("POST", f"{ORG}/match-drafts/{draft['id']}/discard")


def test_a_buddys_home_shows_the_pause_with_resume(helen: Phone, helen_api: Api) -> None:
    page = helen.page
    wellbeing = f"/api/v1/orgs/{_org_id(helen_api)}/me/buddy-profile/wellbeing"
    helen_api.call("PATCH", wellbeing, {"paused": True})
    try:
        helen.go("/")
        card = page.locator(".card", has=page.get_by_role("heading", name="You're paused"))
        expect(card).to_contain_text("You're paused until you resume")
        for width, scheme in ((390, "light"), (320, "dark")):
            page.set_viewport_size({"width": width, "height": 800})
            page.emulate_media(color_scheme=scheme)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            helen.check_accessibility(f"buddy home, paused, {width} px, {scheme}")
        page.emulate_media(color_scheme="light")
        page.set_viewport_size({"width": 390, "height": 844})

        card.get_by_role("button", name="Resume").click()

        expect(page.get_by_role("heading", name="You're paused")).to_have_count(0)
        assert helen_api.get(f"/api/v1/orgs/{_org_id(helen_api)}/me/buddy-profile")["paused"] is False
    finally:
        helen_api.call("PATCH", wellbeing, {"paused": False})


def test_a_buddy_pauses_until_a_date_and_her_home_says_until_when_with_resume(
    helen: Phone, helen_api: Api
) -> None:
    page = helen.page
    base = f"/api/v1/orgs/{_org_id(helen_api)}/me/buddy-profile"
    back_on = date.today() + timedelta(days=30)
    day = f"{back_on:%A} {back_on.day} {back_on:%B}"  # what en-GB says for a date within the year
    try:
        helen.go("/buddy/availability")
        expect(page.get_by_label("Until when?")).to_have_count(0)  # only asked when pausing
        page.get_by_label("No, pause new introductions for now").check()
        until = page.get_by_label("Until when?")
        expect(until).to_be_visible()
        expect(page.locator("label[for=paused_until]")).to_contain_text("(optional)")

        until.fill(date.today().isoformat())
        page.get_by_role("button", name="Save changes").click()
        summary = page.locator(".error-summary")
        expect(summary).to_contain_text("The date you're paused until must be after today")
        expect(summary.get_by_role("link")).to_have_attribute("href", "#paused_until")
        assert helen_api.get(base)["paused"] is False  # nothing sent
        for width, scheme in ((390, "light"), (320, "dark")):
            page.set_viewport_size({"width": width, "height": 800})
            page.emulate_media(color_scheme=scheme)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            helen.check_accessibility(f"pausing until today, refused, {width} px, {scheme}")
        page.emulate_media(color_scheme="light")
        page.set_viewport_size({"width": 390, "height": 844})

        until.fill(back_on.isoformat())
        page.get_by_role("button", name="Save changes").click()
        expect(page.get_by_role("heading", name="Your changes are saved")).to_be_visible()
        expect(page.locator("main")).to_contain_text(f"You won't be introduced to new carers until {day}.")
        saved = helen_api.get(base)
        assert (saved["paused"], saved["paused_until"]) == (True, back_on.isoformat())

        helen.go("/")
        card = page.locator(".card", has=page.get_by_role("heading", name="You're paused"))
        expect(card).to_contain_text(
            f"You're paused until {day}. The centre won't introduce you to new carers until then."
        )
        for width, scheme in ((390, "light"), (320, "dark")):
            page.set_viewport_size({"width": width, "height": 800})
            page.emulate_media(color_scheme=scheme)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            helen.check_accessibility(f"buddy home, paused until a date, {width} px, {scheme}")
        page.emulate_media(color_scheme="light")
        page.set_viewport_size({"width": 390, "height": 844})

        card.get_by_role("button", name="Resume").click()

        expect(page.get_by_role("heading", name="You're paused")).to_have_count(0)
        resumed = helen_api.get(base)
        assert (resumed["paused"], resumed["paused_until"]) == (False, None)
    finally:
        page.emulate_media(color_scheme="light")
        page.set_viewport_size({"width": 390, "height": 844})
        helen_api.call("PATCH", f"{base}/wellbeing", {"paused": False})


def test_after_replying_to_a_call_request_the_check_in_no_longer_asks_to_say_so_below(
    helen: Phone, helen_api: Api, sam: Api
) -> None:
    page = helen.page
    checkin = sam_checks_in(sam, note="Issue 11: could you ring?", wants_call=True)
    helen.go(f"/buddy/checkins/{checkin['id']}")
    expect(page.get_by_text("say so below")).to_be_visible()

    page.get_by_label("We spoke").check()
    page.get_by_role("button", name="Send reply").click()

    expect(page.get_by_role("heading", name="Reply sent")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("say so below")
    helen.go(f"/buddy/checkins/{checkin['id']}")
    expect(page.get_by_role("heading", name="Your reply")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("say so below")
    helen.check_accessibility("a check-in replied to after a call request")


def _org_id(api: Api) -> str:
    me = api.get("/api/v1/session")["me"]
    return str(next(m["organisation_id"] for m in me["memberships"] if m["role"] == "buddy"))


def test_a_coordinator_reads_suggestions_about_two_people_by_name_not_as_you(morgan: Phone) -> None:
    page = morgan.page
    api = Api(morgan.context.request, morgan.base_url)
    alex = next(w for w in api.get(f"{ORG}/waiting-list") if w["carer"]["display_name"] == "Alex Turner")
    morgan.go(f"/coordinator/carers/{alex['carer']['membership_id']}")
    first = page.locator(".suggestion").first
    expect(first.locator(".explanation-list").first).to_contain_text("Alex and")
    reasons = first.locator(".explanation-list li").all_inner_texts()
    assert reasons, "the best suggestion is explained"
    assert not any(text.startswith("You") for text in reasons), reasons
    # Tom's check runs out within the centre's 30 days: his suggestion says so (issue 11, screen 4).
    tom = page.locator(".suggestion").filter(has=page.get_by_role("heading", name="Tom Okafor"))
    expect(tom.locator(".tag-warning")).to_contain_text("Check runs out on")
    priya = page.locator(".suggestion").filter(has=page.get_by_role("heading", name="Priya Shah"))
    expect(priya.locator(".tag-warning")).to_have_count(0)
    morgan.check_accessibility("suggestions worded for the coordinator")
