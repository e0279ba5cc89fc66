"""Concerns, the whole path at phone size (issue 13): Helen is worried about Sam and says someone is at risk
right now → she sees the crisis lines and "call 999" at once; the on-duty coordinator has it by push and
by e-mail within 60 s, opens it from the e-mail's deep link, acknowledges it, records what was done and
closes it with an outcome; Helen sees it was handled (never the outcome); Sam sees nothing of it.

Every new screen state passes axe, and fits 320 px in dark mode. The coordinator's phone holds a
subscription on the suite's loopback push service (as in test_push_recheck), so the push is real from
the server to a decrypted payload.
"""

from __future__ import annotations

import contextlib
import json
import re
import time
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Api, LiveServer, already_subscribed, api_session, until
from tests.notifications.workers import PushServiceProcess

pytestmark = pytest.mark.browser

ORG = "/api/v1/orgs/riverside"
COORDINATOR = "coordinator@example.org"
WORRY = "Sam said he can't go on like this and has been stockpiling Jo's tablets."


def _concern_link(live_server: LiveServer) -> str:
    """The deep link in the newest concern e-mail to the coordinator (other e-mails to them are skipped)."""
    deadline = time.monotonic() + 60
    while True:
        body = live_server.mail_to(COORDINATOR, timeout=max(1.0, deadline - time.monotonic()))
        found = re.search(re.escape(live_server.url) + r"(/coordinator/concerns/[0-9a-f-]{36})", body)
        if found and "at risk right now" in body:
            assert "Sam" not in body and "tablets" not in body  # no names, no details in e-mail
            return found.group(1)
        assert time.monotonic() < deadline, "no concern e-mail reached the coordinator"


def test_a_buddy_at_risk_concern_reaches_the_coordinator_who_handles_it_and_sam_sees_nothing(
    phone_factory: Any, live_server: LiveServer, push_service: PushServiceProcess, sam: Api
) -> None:
    [subscription] = push_service.subscribers(1)
    endpoint = subscription["endpoint"]
    coordinator = phone_factory()
    coordinator.context.grant_permissions(["notifications"], origin=live_server.url)
    coordinator.context.add_init_script(already_subscribed(subscription))
    boss = Api(coordinator.context.request, live_server.url)
    coordinator.sign_in(COORDINATOR)
    try:
        until(
            lambda: endpoint in [d["endpoint"] for d in boss.get("/api/v1/push/subscriptions")],
            "the coordinator's phone is registered for pushes",
            timeout=60,
        )

        # Helen, from her carers on home: "I'm worried about Sam" → at risk now → what happened → send.
        helen = phone_factory()
        helen.sign_in("buddy3@example.org")
        helen.page.get_by_role("link", name="I'm worried about Sam").first.click()
        expect(helen.page.get_by_role("heading", level=1)).to_have_text("I'm worried about Sam")
        helen.check_every_way("concern form")
        helen.page.get_by_role("button", name="Send to the coordinators").click()
        expect(
            helen.page.get_by_role("link", name="Say whether someone is at risk right now")
        ).to_be_visible()
        helen.check_every_way("concern form with errors")
        helen.page.get_by_label("Yes, someone is at risk right now").check()
        expect(helen.page.get_by_role("link", name="Call 999")).to_have_attribute("href", "tel:999")
        helen.page.get_by_label("What happened, or what worries you?").fill(WORRY)
        helen.check_every_way("concern form, someone at risk")
        helen.page.get_by_role("button", name="Send to the coordinators").click()

        # The crisis lines and 999 at once, as tap-to-call links.
        expect(helen.page.get_by_role("heading", name="Your concern has been sent")).to_be_visible()
        expect(helen.page.get_by_role("link", name="Call 999")).to_have_attribute("href", "tel:999")
        expect(helen.page.get_by_role("link", name="Call 116 123")).to_have_attribute("href", "tel:116123")
        expect(helen.page.get_by_text("The coordinators on duty have been alerted now")).to_be_visible()
        helen.check_every_way("concern sent, someone at risk")
        raised_at = time.monotonic()

        # The coordinator: a push, decrypted on the loopback service, and an e-mail with the deep link.
        until(
            lambda: endpoint.rsplit("/", 1)[1] in [r["token"] for r in push_service.received()],
            "the coordinator's phone has the push",
            timeout=60,
        )
        assert push_service.stats()["problems"] == []
        path = _concern_link(live_server)
        assert time.monotonic() - raised_at < 60

        # Home: the concern stands out at the top.
        coordinator.go("/")
        expect(
            coordinator.page.get_by_role("link", name="Someone may be at risk: a concern about Sam")
        ).to_be_visible()
        # The Concerns card counts what is open, with the nearest target (this one: at risk, minutes away).
        card = coordinator.page.locator(".card", has=coordinator.page.get_by_role("link", name="Concerns"))
        expect(card).to_contain_text(
            re.compile(r"\d+ open concerns? \(\d+ not yet acknowledged\); target in")
        )
        coordinator.check_every_way("coordinator home with a concern standing out")

        coordinator.go(path)
        expect(coordinator.page.get_by_role("heading", level=1)).to_have_text("A concern about Sam Clarke")
        expect(coordinator.page.get_by_text(WORRY)).to_be_visible()
        expect(
            coordinator.page.get_by_text("someone is at risk right now", exact=False).first
        ).to_be_visible()
        # Whom to ring, one tap away: Sam, his emergency contact, and Helen who raised it (demo numbers).
        ringing = (("Sam", "+447700900123"), ("Chris", "+447700900301"), ("Helen", "+447700900103"))
        for name, number in ringing:
            call = coordinator.page.get_by_role("link", name=re.compile(f"^Call {name} on "))
            expect(call).to_have_attribute("href", f"tel:{number}")
        coordinator.check_every_way("concern page, open")
        coordinator.page.get_by_role("button", name="Acknowledge").click()
        expect(coordinator.page.get_by_role("heading", name="Acknowledged")).to_be_visible()
        coordinator.page.get_by_label("Record something you did").fill(
            "Rang Sam; his GP is seeing him today."
        )
        coordinator.page.get_by_role("button", name="Record", exact=True).click()
        expect(coordinator.page.get_by_text("Rang Sam; his GP is seeing him today.")).to_be_visible()
        coordinator.check_every_way("concern page, being handled")
        coordinator.page.get_by_label("Referral made to the GP").check()
        coordinator.page.get_by_role("button", name="Close the concern").click()
        expect(coordinator.page.get_by_role("heading", name="Concern closed")).to_be_visible()
        coordinator.check_every_way("concern page, closed")

        coordinator.go("/coordinator/concerns")
        expect(coordinator.page.get_by_role("heading", level=1)).to_have_text("Concerns")
        coordinator.check_every_way("concerns queue")

        # Helen: handled, never what was decided.
        helen.go("/buddy/concerns")
        expect(helen.page.get_by_text("Handled").first).to_be_visible()
        expect(helen.page.locator("main")).not_to_contain_text("GP")
        helen.check_every_way("concerns helen raised")

        # Sam: nothing, anywhere.
        inbox = json.dumps(sam.get("/api/v1/notifications?limit=100"))
        assert "concern" not in inbox.lower() and "tablets" not in inbox
        response = sam.request.get(live_server.url + f"{ORG}/concerns")
        assert response.status == 403 and "tablets" not in response.text()
        sams_phone = phone_factory()
        sams_phone.sign_in("carer3@example.org")
        expect(sams_phone.page.locator("main")).not_to_contain_text("concern")
        sams_phone.go(path)
        expect(sams_phone.page.locator("main")).not_to_contain_text("tablets")
    finally:
        with contextlib.suppress(AssertionError):
            boss.call("DELETE", f"/api/v1/push/subscriptions?endpoint={quote(endpoint, safe='')}")


def test_offline_the_crisis_lines_still_come_first_and_the_concern_is_sent_once_back_online(
    phone_factory: Any, live_server: LiveServer, playwright: Any
) -> None:
    def every_concern() -> int:
        counted = 0
        for boss in api_session(playwright, live_server, COORDINATOR):
            counted = sum(len(boss.get(f"{ORG}/concerns?status={s}")["queue"]) for s in ("open", "closed"))
        return counted

    before = every_concern()
    helen = phone_factory()
    helen.sign_in("buddy3@example.org")
    helen.page.get_by_role("link", name="I'm worried about Sam").first.click()
    expect(helen.page.get_by_role("heading", level=1)).to_have_text("I'm worried about Sam")
    helen.page.get_by_label("Yes, someone is at risk right now").check()
    helen.page.get_by_label("What happened, or what worries you?").fill("Sam rang me very distressed.")
    helen.context.set_offline(True)
    helen.page.get_by_role("button", name="Send to the coordinators").click()

    expect(helen.page.get_by_role("heading", name="Your concern has not been sent yet")).to_be_visible()
    expect(helen.page.get_by_text("It is saved on this phone and will be sent by itself")).to_be_visible()
    expect(helen.page.get_by_role("link", name="Call 999")).to_have_attribute("href", "tel:999")
    expect(helen.page.get_by_role("link", name="Call 116 123")).to_be_visible()
    helen.check_every_way("concern not sent, offline, someone at risk")

    # Back online, it goes by itself (nobody has to remember to tap anything), once.
    helen.context.set_offline(False)
    expect(helen.page.get_by_role("heading", name="Your concern has been sent")).to_be_visible(timeout=15_000)
    expect(helen.page.get_by_role("link", name="Call 999")).to_be_visible()

    # The coordinator has it (its e-mail is read here, so no other test mistakes it for theirs); closed.
    path = _concern_link(live_server)
    for boss in api_session(playwright, live_server, COORDINATOR):
        concern = boss.get(f"{ORG}/concerns/{path.rsplit('/', 1)[1]}")
        assert concern["what_happened"] == "Sam rang me very distressed."
        assert every_concern() == before + 1  # sent once, though kept, replayed and possibly retried
        boss.call("POST", f"{ORG}/concerns/{concern['id']}/close", {"outcome": "support_offered"})


def test_a_coordinator_raises_a_concern_from_a_carers_page(
    phone_factory: Any, live_server: LiveServer
) -> None:
    coordinator = phone_factory()
    coordinator.sign_in(COORDINATOR)
    boss = Api(coordinator.context.request, live_server.url)
    alex = next(m for m in boss.get(f"{ORG}/members") if m["display_name"] == "Alex Turner")
    coordinator.go(f"/coordinator/carers/{alex['membership_id']}")
    coordinator.page.get_by_role("link", name="Raise a concern about Alex Turner").click()
    expect(coordinator.page.get_by_role("heading", level=1)).to_have_text("Raise a concern about Alex Turner")
    coordinator.check_every_way("coordinator raises a concern")
    coordinator.page.get_by_label("No", exact=True).check()
    coordinator.page.get_by_label("What happened, or what worries you?").fill(
        "Alex's housing may fall through."
    )
    coordinator.page.get_by_label("Money or housing").check()
    coordinator.page.get_by_role("button", name="Raise the concern").click()
    expect(coordinator.page.get_by_role("heading", level=1)).to_have_text("A concern about Alex Turner")
    expect(coordinator.page.get_by_text("Target in 24 hours")).to_be_visible()
    concern_id = coordinator.page.url.rsplit("/", 1)[1]
    boss.call("POST", f"{ORG}/concerns/{concern_id}/close", {"outcome": "support_offered"})
