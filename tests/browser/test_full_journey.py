"""The whole buddy journey on phones (390 by 844): a coordinator invites a buddy and a carer, both join, the
coordinator matches them from the carer's suggestions, both say yes, they agree when to check in, the
check-in falls due, the carer answers, the buddy replies, and the carer reads the reply. When the match
ends, the former buddy sees that it ended and their reply, not the carer's answer (issue 10 §2).

Everything a person does here is done through the app's screens. Three things are done through the
API with the person's own browser session, because no step of the journey is about them: the two
profiles (the matching questions) and the buddy's screening records. The pair speaks Welsh and the
carer must have a Welsh-speaking buddy, so no demo buddy is suggested and other modules' matching
never sees these two; at the end the match is ended and both are suspended.
"""

from __future__ import annotations

import re
import time
import uuid
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, Api, LiveServer, Phone

pytestmark = pytest.mark.browser

ORG = "/api/v1/orgs/riverside"
LONDON = ZoneInfo("Europe/London")
WELSH = ["en", "cy"]


def _api(phone: Phone, method: str, path: str, body: Any = None) -> Any:
    """A call with the phone's own session (what the app itself would send)."""
    return Api(phone.context.request, phone.base_url).call(method, path, body)


def _heading(phone: Phone) -> Any:
    return phone.page.get_by_role("heading", level=1)


def _invite(coordinator: Phone, address: str, role: str) -> None:
    page = coordinator.page
    page.get_by_role("link", name="Invite someone").click()
    page.get_by_label("Email address").fill(address)
    page.get_by_label(role).check()
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("heading", name="Invitation sent")).to_be_visible()
    expect(page.locator(".list-item", has_text=address)).to_contain_text("Waiting")
    page.get_by_role("link", name="Home").click()


def _join(phone: Phone, server: LiveServer, address: str, name: str, *, carer: bool) -> None:
    """Open the link from the invitation e-mail and join, consents and all."""
    page = phone.page
    phone.go(server.link_in_mail(address))
    expect(_heading(phone)).to_have_text("Join Riverside Carers Centre")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Choose a password").fill("a long walk by the river")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("I agree to these terms").check()
    page.get_by_role("button", name="Continue" if carer else "Join").click()
    if carer:
        page.get_by_label("Yes, you can keep it").check()
        page.get_by_role("button", name="Join").click()
    expect(_heading(phone)).to_have_text(f"Welcome, {name}")
    page.get_by_role("link", name="Do this later and go to my home page").click()
    expect(_heading(phone)).to_have_text(f"Hello, {name.split()[0]}")


def _membership(phone: Phone, role: str) -> str:
    me = _api(phone, "GET", "/api/v1/me")
    return str(next(m["membership_id"] for m in me["memberships"] if m["role"] == role))


def _carer_profile() -> dict[str, Any]:
    return {
        "relationships": ["partner"],
        "needs": ["dementia"],
        "co_resident": True,
        "hours_band": "50_or_more",
        "journey_stage": "adjusting",
        "years_caring": 2,
        "carer_category": "adult",
        "languages": WELSH,
        "preferred_language": "cy",
        "region": "wales",
        "contact_modes": ["phone", "video"],
        "help_with": ["someone_to_talk_to"],
        "preferences": {"same_language": "must"},
    }


def _buddy_profile() -> dict[str, Any]:
    return {
        "relationships": ["partner"],
        "needs": ["dementia"],
        "caring_status": "former",
        "confirmed_adult": True,
        "journey_stage": "ended",
        "years_caring": 7,
        "languages": WELSH,
        "region": "wales",
        "contact_modes": ["phone", "video"],
        "about_me": "I looked after my wife for seven years. I know how long the evenings get.",
        "capacity": 2,
    }


def _screen(coordinator: Phone, buddy_membership: str) -> None:
    """Training, a safeguarding check and approval, as the coordinator records them."""
    today = date.today()
    for course in _api(coordinator, "GET", f"{ORG}/training-courses"):
        if course["required"] and not course["retired"]:
            _api(
                coordinator,
                "POST",
                f"{ORG}/buddies/{buddy_membership}/training",
                {"course_id": course["id"], "completed_on": today.isoformat()},
            )
    _api(
        coordinator,
        "POST",
        f"{ORG}/buddies/{buddy_membership}/checks",
        {
            "check_type": "dbs_enhanced",
            "reference": "JOURNEY 0001",
            "issued_on": (today - timedelta(days=10)).isoformat(),
            "recheck_due": (today + timedelta(days=3 * 365)).isoformat(),
        },
    )
    _api(coordinator, "PUT", f"{ORG}/buddies/{buddy_membership}/approval", {"granted": True})


def test_the_whole_journey_from_invitation_to_a_reply(phone_factory: Any, live_server: LiveServer) -> None:
    suffix = uuid.uuid4().hex[:6]
    buddy_address, carer_address = f"buddy-{suffix}@example.org", f"carer-{suffix}@example.org"
    coordinator, buddy, carer = phone_factory(), phone_factory(), phone_factory()

    # 1. The coordinator invites a buddy and a carer.
    coordinator.sign_in("coordinator@example.org", DEMO_PASSWORD)
    expect(_heading(coordinator)).to_have_text("Hello, Morgan")
    _invite(coordinator, buddy_address, "Buddy")
    _invite(coordinator, carer_address, "Carer")

    # 2. Both accept from their e-mail.
    _join(buddy, live_server, buddy_address, "Gareth Hughes", carer=False)
    buddy.check_accessibility("journey: buddy home, new")
    _join(carer, live_server, carer_address, "Ceri Jones", carer=True)
    expect(carer.page.get_by_role("link", name="I need help now")).to_be_visible()
    carer.check_accessibility("journey: carer home, waiting")
    carer.screenshot("journey-carer-waiting")

    _api(carer, "PUT", f"{ORG}/me/carer-profile", _carer_profile())
    _api(buddy, "PUT", f"{ORG}/me/buddy-profile/health-data-consent", {"agree": True})
    _api(buddy, "PUT", f"{ORG}/me/buddy-profile", _buddy_profile())
    carer_membership, buddy_membership = _membership(carer, "carer"), _membership(buddy, "buddy")
    _screen(coordinator, buddy_membership)
    match_id = ""
    try:
        # 3. The coordinator finds Ceri on the waiting list and proposes the suggested buddy.
        page = coordinator.page
        coordinator.go("/coordinator/waiting")
        page.get_by_role("link", name="Ceri Jones").click()
        expect(_heading(coordinator)).to_contain_text("Ceri Jones")
        suggestion = page.locator(".card", has=page.get_by_role("heading", name="Gareth Hughes"))
        expect(suggestion).to_contain_text("Welsh")
        coordinator.check_accessibility("journey: carer page with suggestions")
        coordinator.screenshot("journey-coordinator-suggestions")
        suggestion.get_by_role("button", name=re.compile("Propose this buddy")).click()
        expect(page.get_by_role("heading", name="Proposed buddy: Gareth Hughes")).to_be_visible()
        coordinator.check_accessibility("journey: proposal made")
        [match] = [
            m
            for m in _api(coordinator, "GET", f"{ORG}/matches")
            if m["carer"]["membership_id"] == carer_membership
        ]
        match_id = str(match["id"])
        assert match["status"] == "proposed"

        # 4. Both read the introduction and say yes.
        for person, other in ((carer, "Gareth"), (buddy, "Ceri")):
            person.go("/")
            person.page.get_by_role("link", name=f"Read {other}'s introduction and say yes or no").click()
            expect(_heading(person)).to_contain_text(f"Meet {other}")
            person.check_accessibility(f"journey: introduction to {other}")
            person.page.get_by_role("button", name="Yes, I'd like to meet").click()
        expect(buddy.page.get_by_role("heading", name="You and Ceri are matched")).to_be_visible()
        buddy.screenshot("journey-buddy-matched")
        assert _api(coordinator, "GET", f"{ORG}/matches/{match_id}")["status"] == "active"

        # 5. They agree a weekly check-in, a couple of minutes from now, in the carer's time zone.
        carer.go("/")
        carer.page.get_by_role("link", name="Agree when to check in").click()
        expect(_heading(carer)).to_have_text("When you check in")
        carer.page.get_by_role("button", name="Save when you check in").click()
        summary = carer.page.locator(".error-summary")
        expect(summary).to_contain_text("Choose how often to check in")
        expect(summary).to_contain_text("Choose at least one day")
        carer.check_accessibility("journey: check-in plan with errors")
        due_local = (live_server.now().astimezone(LONDON) + timedelta(minutes=2)).replace(
            second=0, microsecond=0
        )
        carer.page.get_by_label("Every week").check()
        carer.page.get_by_label(due_local.strftime("%A")).check()
        carer.page.get_by_label("What time?").fill(due_local.strftime("%H:%M"))
        carer.page.get_by_role("button", name="Save when you check in").click()
        expect(carer.page.get_by_role("heading", name="Saved")).to_be_visible()
        hour, minute = due_local.hour % 12 or 12, "" if due_local.minute == 0 else f":{due_local.minute:02d}"
        clock = {(0, ""): "midnight", (12, ""): "midday"}.get(
            (due_local.hour, minute), f"{hour}{minute}{'am' if due_local.hour < 12 else 'pm'}"
        )
        expect(carer.page.locator("main")).to_contain_text(
            f"Every week on {due_local.strftime('%A')} at {clock}, UK time"
        )
        carer.check_accessibility("journey: check-in plan saved")
        carer.screenshot("journey-checkin-plan")
        plan = _api(carer, "GET", f"{ORG}/matches/{match_id}/checkin-plan")
        first_due = datetime.fromisoformat(plan["upcoming"][0]["due_at"])
        assert first_due == due_local

        # 6. The check-in falls due (the server's clock is moved to it, not waited for): the carer's
        # home offers it once the ladder, ticking every 5 s, has opened it.
        live_server.move_to(first_due + timedelta(seconds=1))
        answer_link = carer.page.get_by_role("link", name="Answer your check-in")
        deadline = time.monotonic() + 60
        while True:
            carer.go("/")
            try:
                expect(answer_link).to_be_visible(timeout=5_000)
                break
            except AssertionError:
                assert time.monotonic() < deadline, "the check-in never opened"
        carer.check_accessibility("journey: carer home, check-in open")
        carer.screenshot("journey-carer-checkin-open")

        # 7. The carer answers.
        answer_link.click()
        expect(_heading(carer)).to_have_text("Your check-in")
        carer.page.get_by_label("Getting by (3 out of 5)").check()
        carer.page.get_by_label("Anything you'd like Gareth to know? (optional)").fill(
            "Mam didn't know me today. The evenings are the hardest."
        )
        carer.check_accessibility("journey: check-in form")
        carer.page.get_by_role("button", name="Send to Gareth").click()
        expect(carer.page.get_by_role("heading", name="Thank you")).to_be_visible()
        expect(carer.page.get_by_text("Gareth hasn't replied yet.")).to_be_visible()
        carer.screenshot("journey-carer-answered")

        # 8. The buddy sees the answer waiting and replies.
        buddy.go("/")
        title = buddy.page.get_by_role("heading", name="Waiting for your reply")
        waiting = buddy.page.locator(".card", has=title)
        waiting.get_by_role("link", name=re.compile("Ceri checked in")).click()
        expect(buddy.page.get_by_text("The evenings are the hardest.")).to_be_visible()
        buddy.check_accessibility("journey: buddy reads the answer")
        buddy.page.get_by_label("Send Ceri a message").check()
        buddy.page.get_by_label("Your message to Ceri").fill(
            "That sounds so hard. I remember those evenings. Shall I ring you tomorrow at seven?"
        )
        buddy.page.get_by_role("button", name="Send reply").click()
        expect(buddy.page.get_by_role("heading", name="Your reply")).to_be_visible()
        buddy.check_accessibility("journey: buddy replied")
        buddy.screenshot("journey-buddy-replied")

        # 9. The carer reads the reply.
        carer.go("/check-ins")
        expect(carer.page.locator(".carer-reply")).to_have_text(
            "That sounds so hard. I remember those evenings. Shall I ring you tomorrow at seven?"
        )
        carer.check_accessibility("journey: carer reads the reply")
        carer.screenshot("journey-carer-reply")
        [checkin] = _api(carer, "GET", "/api/v1/me/checkins")
        assert (checkin["state"], checkin["wellbeing"]) == ("replied", 3)

        # 10. The match ends: the former buddy sees that it ended and their own reply, not Ceri's answer.
        _api(coordinator, "POST", f"{ORG}/matches/{match_id}/end", {"reason": "goals_met"})
        buddy.go(f"/buddy/checkins/{checkin['id']}")
        expect(buddy.page.get_by_text("Your match with Ceri has ended")).to_be_visible()
        expect(buddy.page.get_by_role("heading", name="Your reply")).to_be_visible()
        expect(buddy.page.get_by_text("Shall I ring you tomorrow at seven?")).to_be_visible()
        expect(buddy.page.get_by_text("The evenings are the hardest.")).to_have_count(0)
        expect(buddy.page.get_by_role("button", name="Send reply")).to_have_count(0)
        buddy.check_accessibility("journey: former buddy, the match ended")
        buddy.page.set_viewport_size({"width": 320, "height": 640})
        buddy.page.emulate_media(color_scheme="dark")
        assert buddy.page.evaluate("document.documentElement.scrollWidth") <= 320
        buddy.check_accessibility("journey: former buddy, the match ended, dark, 320 px")
        buddy.screenshot("journey-former-buddy")
    finally:
        status = match_id and _api(coordinator, "GET", f"{ORG}/matches/{match_id}")["status"]
        if status == "proposed":
            _api(coordinator, "POST", f"{ORG}/matches/{match_id}/withdraw", {"reason": "A browser test."})
        elif status in ("active", "paused"):
            _api(
                coordinator,
                "POST",
                f"{ORG}/matches/{match_id}/end",
                {"reason": "other", "note": "The end of a browser test."},
            )
        for membership in (carer_membership, buddy_membership):
            _api(coordinator, "PATCH", f"{ORG}/members/{membership}", {"status": "suspended"})
