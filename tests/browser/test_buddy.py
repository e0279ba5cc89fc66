"""A buddy's screens: my carers and their next check-in, an answer waiting for my reply, replying, my
screening, taking a break or changing how many carers I support, and quiet hours set there before.

Demo state is shared with the other browser modules (one server per run), so this module signs Helen
and Sam in once each (sign-ins from 127.0.0.1 are rate-limited: 50 in 15 minutes, 10 per account),
answers only check-ins it starts itself (Sam's scheduled one is the carer screens' to answer),
replies to each of them, and puts back whatever it changes in Helen's profile.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Api, Phone

pytestmark = pytest.mark.browser

ORG = "/api/v1/orgs/riverside"


def sams_match(sam: Api) -> str:
    """The id of Sam and Helen's match."""
    matches = sam.get(f"{ORG}/matches?status=active")
    return str(next(m["id"] for m in matches if m["buddy"]["display_name"].startswith("Helen")))


def sam_checks_in(sam: Api, *, note: str, wants_call: bool = False) -> dict[str, Any]:
    """Sam sends Helen a check-in of his own ("I'd like to talk"), answered as it is sent."""
    answer = sam.call(
        "POST",
        f"{ORG}/matches/{sams_match(sam)}/checkins",
        {"wellbeing": 4, "note": note, "wants_call": wants_call},
        headers={"Idempotency-Key": f"buddy-test-{uuid.uuid4().hex}"},
    )
    return dict(answer["checkin"])


@pytest.fixture
def helens_profile(helen_api: Api) -> Iterator[dict[str, Any]]:
    """Helen's buddy profile as it was; put back (pause, capacity) after the test."""
    before = helen_api.get(f"{ORG}/me/buddy-profile")
    yield before
    helen_api.call(
        "PATCH",
        f"{ORG}/me/buddy-profile/wellbeing",
        {"paused": before["paused"], "capacity": before["capacity"]},
    )


def test_helen_sees_sam_and_their_next_checkin_on_home_and_on_the_overview(helen: Phone) -> None:
    page = helen.page
    helen.go("/")
    carers = page.locator("section.card", has=page.get_by_role("heading", name="Your carers"))
    expect(carers.locator(".list-title")).to_have_text(["Sam"])
    # The demo's weekly check-in is due within the hour of seeding: coming up, or open by now.
    expect(
        carers.get_by_text("Next check-in:").or_(carers.get_by_text("A check-in is open now"))
    ).to_be_visible()
    expect(page.get_by_role("link", name="Your training and checks")).to_be_visible()
    helen.check_accessibility("buddy home")
    helen.screenshot("buddy-home")

    helen.go("/buddy")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your carers and check-ins")
    expect(page.locator(".card .list-title")).to_have_text(["Sam"])
    helen.check_accessibility("buddy overview")
    helen.fits_320_in_dark_mode("buddy overview")


def test_a_fresh_answer_waits_for_a_reply_and_the_reply_reaches_sam(helen: Phone, sam: Api) -> None:
    page = helen.page
    checkin = sam_checks_in(sam, note="Work was full on.\nCould we talk on Thursday?", wants_call=True)
    helen.go("/")
    waiting = page.locator("section.card", has=page.get_by_role("heading", name="Waiting for your reply"))
    item = waiting.locator(".list-item", has=page.locator(f"a[href='/buddy/checkins/{checkin['id']}']"))
    expect(item).to_contain_text("Sam checked in")
    expect(item).to_contain_text("Would like a call")
    helen.check_accessibility("buddy home with an answer waiting")
    helen.screenshot("buddy-home-waiting")

    item.get_by_role("link", name="Sam checked in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sam's check-in")
    assert page.url.endswith(f"/buddy/checkins/{checkin['id']}")
    answer = page.locator("dl.summary")
    expect(answer.locator(".summary-row", has_text="How Sam is doing").locator("dd")).to_have_text(
        "Doing okay"
    )
    expect(answer.locator(".buddy-note")).to_have_text("Work was full on.\nCould we talk on Thursday?")
    expect(answer.locator(".summary-row", has_text="Would like a call").locator("dd")).to_have_text("Yes")
    helen.check_accessibility("a carer's answer")
    helen.screenshot("buddy-checkin-answer")

    # Nothing chosen: the error summary names the question and links to it.
    page.get_by_role("button", name="Send reply").click()
    summary = page.locator(".error-summary")
    expect(summary.get_by_role("link", name="Choose how you want to reply")).to_have_attribute(
        "href", "#kind"
    )

    # Too long: the summary names the message field; nothing reaches the server.
    page.get_by_label("Send Sam a message").check()
    page.get_by_label("Your message to Sam").fill("x" * 2001)
    expect(page.get_by_text("You have 1 character too many")).to_be_visible()
    page.get_by_role("button", name="Send reply").click()
    too_long = summary.get_by_role("link", name="Your message must be 2,000 characters or fewer")
    expect(too_long).to_have_attribute("href", "#message")
    expect(page.locator("#message-error")).to_contain_text("Your message must be 2,000 characters or fewer")
    helen.check_accessibility("reply, message too long")
    helen.screenshot("buddy-reply-too-long")
    helen.fits_320_in_dark_mode("reply too long")
    too_long.click()
    expect(page.get_by_label("Your message to Sam")).to_be_focused()
    assert sam.get(f"/api/v1/checkins/{checkin['id']}")["reply_kind"] is None

    message = "Thursday at 6 works for me. I'll ring you then."
    page.get_by_label("Your message to Sam").fill(message)
    page.get_by_role("button", name="Send reply").click()
    expect(page.get_by_role("heading", name="Reply sent")).to_be_visible()
    expect(page.locator(".buddy-note").last).to_have_text(message)
    expect(page.get_by_role("button", name="Send reply")).to_have_count(0)
    helen.check_accessibility("reply sent")
    helen.screenshot("buddy-reply-sent")

    seen_by_sam = sam.get(f"/api/v1/checkins/{checkin['id']}")
    assert (seen_by_sam["state"], seen_by_sam["reply_kind"], seen_by_sam["reply_message"]) == (
        "replied",
        "message",
        message,
    )
    # Opened again from the notification: the answer and the reply, no form.
    helen.go(f"/buddy/checkins/{checkin['id']}")
    expect(page.get_by_role("heading", name="Your reply")).to_be_visible()
    expect(page.get_by_text(message)).to_be_visible()
    expect(page.get_by_role("button", name="Send reply")).to_have_count(0)
    helen.go("/")
    expect(page.locator(f"a[href='/buddy/checkins/{checkin['id']}']")).to_have_count(0)


def test_we_spoke_is_a_reply_without_a_message(helen: Phone, sam: Api) -> None:
    page = helen.page
    checkin = sam_checks_in(sam, note="Thanks for the call.")
    helen.go(f"/buddy/checkins/{checkin['id']}")
    page.get_by_label("We spoke").check()
    expect(page.get_by_label("Your message to Sam")).to_have_count(0)
    page.get_by_role("button", name="Send reply").click()
    expect(page.get_by_role("heading", name="Reply sent")).to_be_visible()
    expect(page.get_by_text("You said you spoke.")).to_be_visible()
    seen_by_sam = sam.get(f"/api/v1/checkins/{checkin['id']}")
    assert (seen_by_sam["reply_kind"], seen_by_sam["reply_message"]) == ("we_spoke", None)


def test_screening_shows_training_checks_and_why_no_new_carer_comes(
    helen: Phone, helen_api: Api, helens_profile: dict[str, Any]
) -> None:
    page = helen.page
    helen.go("/")
    page.get_by_role("link", name="Your training and checks").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your training and checks")
    training = page.locator(".list-item")
    expect(training.filter(has_text="Buddy induction").locator(".tag")).to_have_text("Done")
    expect(training.filter(has_text="Safeguarding adults")).to_contain_text("Valid until")
    expect(page.get_by_text("Enhanced DBS check", exact=True)).to_be_visible()
    expect(page.get_by_text("A coordinator has approved you as a buddy.")).to_be_visible()
    screening = helen_api.get(f"{ORG}/me/screening")
    if screening["matchable"]:
        expect(page.get_by_role("heading", name="You can be matched with carers")).to_be_visible()
    else:
        expect(
            page.get_by_role("heading", name="You can't be matched with a new carer at the moment")
        ).to_be_visible()
    helen.check_accessibility("screening")
    helen.screenshot("buddy-screening")

    helen_api.call("PATCH", f"{ORG}/me/buddy-profile/wellbeing", {"paused": True})
    helen.go("/buddy/screening")
    status = page.locator(".buddy-status")
    expect(status.get_by_role("heading")).to_have_text("You can't be matched with a new carer at the moment")
    expect(status.get_by_role("listitem")).to_contain_text(["You've paused new matches."])
    helen.check_accessibility("screening, paused")
    helen.screenshot("buddy-screening-paused")
    helen.fits_320_in_dark_mode("screening paused")


def test_helen_pauses_new_introductions_and_changes_her_capacity_and_finds_quiet_hours_elsewhere(
    helen: Phone, helen_api: Api, helens_profile: dict[str, Any]
) -> None:
    page = helen.page
    helen.go("/")
    page.get_by_role("link", name="Take a break or change how many carers you support").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Taking on carers")
    expect(page.get_by_label(f"{helens_profile['capacity']} carers")).to_be_checked()
    # Quiet hours are her notification settings now: this screen points there and asks nothing.
    expect(page.get_by_label("From")).to_have_count(0)
    expect(page.get_by_text("Quiet hours are in Notification settings")).to_be_visible()
    expect(page.get_by_role("link", name="Notification settings", exact=True)).to_have_attribute(
        "href", "/notification-settings"
    )
    expect(page.get_by_role("heading", name="Your quiet hours have moved")).to_have_count(0)
    helen.check_accessibility("availability")
    helen.screenshot("buddy-availability")
    helen.fits_320_in_dark_mode("availability")

    page.get_by_label("No, pause new introductions for now").check()
    page.get_by_label("3 carers").check()
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("heading", name="Your changes are saved")).to_be_visible()
    expect(page.get_by_text("You won't be introduced to new carers until you say so.")).to_be_visible()
    helen.check_accessibility("availability saved")
    helen.screenshot("buddy-availability-saved")
    helen.fits_320_in_dark_mode("availability saved")
    profile = helen_api.get(f"{ORG}/me/buddy-profile")
    assert (profile["paused"], profile["capacity"]) == (True, 3)

    page.get_by_label("Yes, I can take on new carers").check()
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("You can support up to 3 carers.")).to_be_visible()
    assert helen_api.get(f"{ORG}/me/buddy-profile")["paused"] is False

    page.get_by_role("link", name="Notification settings", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notification settings")


def test_helen_is_asked_to_set_the_quiet_hours_she_set_here_before_in_notification_settings(
    helen: Phone, helen_api: Api, live_server: Any
) -> None:
    """Quiet hours left on the profile by migration 0012 (another role, say) show as a note until read."""
    membership_id = helen_api.get(f"{ORG}/me/buddy-profile")["membership_id"]
    with sqlite3.connect(live_server.data_dir / "carerlink.sqlite3", timeout=10) as db:
        changed = db.execute(
            "UPDATE buddy_profiles SET quiet_hours_start = '21:00', quiet_hours_end = '08:00' "
            "WHERE membership_id = ?",
            (uuid.UUID(membership_id).hex,),
        )
        assert changed.rowcount == 1
    page = helen.page
    helen.go("/buddy/availability")
    note = page.locator(".inset", has=page.get_by_role("heading", name="Your quiet hours have moved"))
    expect(note).to_contain_text("You set quiet hours here of 21:00 to 08:00.")
    expect(note.get_by_role("link", name="Set your quiet hours in Notification settings")).to_have_attribute(
        "href", "/notification-settings"
    )
    helen.check_accessibility("availability, earlier quiet hours")
    helen.screenshot("buddy-availability-earlier-quiet-hours")
    helen.fits_320_in_dark_mode("availability earlier quiet hours")

    note.get_by_role("button", name="I've read this").click()
    expect(page.get_by_role("heading", name="Your quiet hours have moved")).to_have_count(0)
    assert helen_api.get(f"{ORG}/me/buddy-profile")["earlier_quiet_hours"] is None
    helen.go("/buddy/availability")
    expect(page.get_by_role("heading", level=1)).to_have_text("Taking on carers")
    expect(page.get_by_role("heading", name="Your quiet hours have moved")).to_have_count(0)
