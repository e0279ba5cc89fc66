"""Messages within a pair (issue 18) on two phones: Sam writes to Helen with no signal and it is sent
once when he is back online, and Helen's phone gets the push (through the loopback push service); Helen
reads it and replies; Sam sees the reply; Helen asks the centre to look at a message and the coordinator
reads it through the report. A carer's message that reads as a crisis shows him the crisis lines and
"Tell the centre". After a match ends the former buddy reads nothing and the carer keeps their copy (a pair
of the test's own: the demo server is shared, and Sam and Helen stay matched). axe on each state, at
320 px in dark mode too.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    HELEN,
    SAM,
    Api,
    LiveServer,
    Phone,
    already_subscribed,
    api_session,
    signed_in_phone,
    until,
)
from tests.browser.test_buddy import ORG, sams_match
from tests.browser.test_carer import PASSWORD, QUEUED, Pair, _carer, _go_live, _propose, _screened_buddy
from tests.browser.test_carer import Api as CarerApi
from tests.notifications.workers import PushServiceProcess

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sam_phone(browser: Any, live_server: LiveServer) -> Iterator[Phone]:
    """Sam Clarke on his phone (signed in once for the module)."""
    yield from signed_in_phone(browser, live_server, SAM)


@pytest.fixture(scope="module")
def morgan(playwright: Any, live_server: LiveServer) -> Iterator[Api]:
    """Morgan the coordinator through the API."""
    yield from api_session(playwright, live_server, "coordinator@example.org")


def _helens_push_phone(
    phone_factory: Any, live_server: LiveServer, push_service: PushServiceProcess
) -> tuple[Phone, str]:
    """Helen on a phone registered for pushes on the loopback push service (which checks VAPID and
    decrypts every push): the phone and its endpoint."""
    [subscription] = push_service.subscribers(1)
    endpoint = subscription["endpoint"]
    phone = phone_factory()
    phone.context.grant_permissions(["notifications"], origin=live_server.url)
    phone.context.add_init_script(already_subscribed(subscription))
    api = Api(phone.context.request, live_server.url)
    phone.sign_in(HELEN)
    until(
        lambda: endpoint in [d["endpoint"] for d in api.get("/api/v1/push/subscriptions")],
        "Helen's phone is registered for pushes",
        timeout=60,
    )
    return phone, endpoint


def test_sam_writes_offline_helen_replies_and_her_report_reaches_the_coordinator(
    sam_phone: Phone,
    helen: Phone,
    morgan: Api,
    phone_factory: Any,
    live_server: LiveServer,
    push_service: PushServiceProcess,
) -> None:
    helens_phone, endpoint = _helens_push_phone(phone_factory, live_server, push_service)
    try:
        _messages_between_sam_and_helen(
            sam_phone, helen, morgan, phone_factory, push_service, endpoint.rsplit("/", 1)[1]
        )
    finally:
        # The loopback push service stops with this test: Helen's device goes too (the server is shared).
        helens_api = Api(helens_phone.context.request, live_server.url)
        helens_api.call("DELETE", f"/api/v1/push/subscriptions?endpoint={quote(endpoint, safe='')}")


def _messages_between_sam_and_helen(
    sam_phone: Phone,
    helen: Phone,
    morgan: Api,
    phone_factory: Any,
    push_service: PushServiceProcess,
    helens_token: str,
) -> None:
    sam_api = Api(sam_phone.context.request, sam_phone.base_url)
    match = sams_match(sam_api)
    pushes_before = [r for r in push_service.received() if r["token"] == helens_token]
    text = f"The carers' café was lovely today ({uuid.uuid4().hex[:6]})."
    page = sam_phone.page
    sam_phone.go(f"/matches/{match}")
    expect(page.get_by_role("heading", name="Messages with Helen")).to_be_visible()
    expect(page.get_by_text("Jo slept right through last night.")).to_be_visible()  # the demo's thread
    expect(page.get_by_text("Messages are not watched all the time.")).to_be_visible()
    sam_phone.check_every_way("the pair's messages, the carer")
    sam_phone.wait_for_service_worker()

    sam_phone.context.set_offline(True)
    page.get_by_label("Write to Helen").fill(text)
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_text("Waiting to send: it will go when you're back online")).to_be_visible()
    assert len(page.evaluate(QUEUED)) == 1
    sam_phone.check_accessibility("a message waiting to be sent")

    sam_phone.context.set_offline(False)
    expect(page.get_by_text("Waiting to send")).to_have_count(0, timeout=15_000)
    until(lambda: page.evaluate(QUEUED) == [], "the queue is empty")
    helen_api = Api(helen.context.request, helen.base_url)
    thread = helen_api.get(f"{ORG}/matches/{match}/messages?limit=100")
    assert [m["text"] for m in thread["messages"]].count(text) == 1  # sent once
    # Helen's phone is told, once: a push the loopback service decrypted ("New message from Sam"; the
    # text itself is never in a payload, tests/messaging).
    until(
        lambda: len([r for r in push_service.received() if r["token"] == helens_token]) > len(pushes_before),
        "Helen's phone has the push",
        timeout=60,
    )
    assert push_service.stats()["problems"] == []

    hp = helen.page
    helen.go(f"/matches/{match}")
    expect(hp.get_by_text(text)).to_be_visible()
    helen.check_every_way("the pair's messages, the buddy")
    reply = f"So glad you went! Same again next week? ({uuid.uuid4().hex[:6]})"
    hp.get_by_label("Write to Sam").fill(reply)
    hp.get_by_role("button", name="Send", exact=True).click()
    expect(hp.get_by_text(reply)).to_be_visible()

    sam_phone.go(f"/matches/{match}")
    expect(page.get_by_text(reply)).to_be_visible()
    until(
        lambda: next(
            m for m in sam_api.get(f"{ORG}/matches/{match}/messages")["messages"] if m["text"] == text
        )["read_at"],
        "Helen has read Sam's message",
    )

    # Helen asks the centre to look at a message; she is told it is being looked at.
    item = hp.locator("li.message", has_text=text)
    item.get_by_text("Tell the centre about this message").click()
    item.get_by_role("button", name="This worried me").click()
    expect(item.get_by_text("someone will look at it")).to_be_visible()
    helen.check_accessibility("a message reported")
    [report, *_] = morgan.get(f"{ORG}/message-reports")
    assert report["reason"] == "worried" and report["reporter"] == "buddy"

    coordinator = phone_factory()
    coordinator.sign_in("coordinator@example.org")
    coordinator.go("/coordinator/attention")
    coordinator.page.get_by_role("link", name="Messages people asked you to look at").click()
    expect(coordinator.page.get_by_role("heading", name="Reported messages")).to_be_visible()
    coordinator.check_every_way("reported messages, the list")
    coordinator.page.get_by_role("link", name="This worried me").first.click()
    expect(coordinator.page.get_by_text(text)).to_be_visible()
    expect(coordinator.page.get_by_text("the reported message")).to_be_visible()
    coordinator.check_every_way("a reported message")


def test_a_carers_message_that_reads_as_a_crisis_shows_the_lines_and_tell_the_centre(
    sam_phone: Phone,
) -> None:
    sam_api = Api(sam_phone.context.request, sam_phone.base_url)
    match = sams_match(sam_api)
    page = sam_phone.page
    sam_phone.go(f"/matches/{match}")
    page.get_by_label("Write to Helen").fill("Honestly I can't cope any more with the nights.")
    page.get_by_role("button", name="Send", exact=True).click()
    crisis = page.get_by_role("alert")
    expect(crisis.get_by_role("heading", name="You don't have to wait for a reply")).to_be_visible()
    expect(crisis.get_by_role("button", name="Tell the centre")).to_be_visible()
    expect(crisis.get_by_role("link").first).to_be_visible()
    sam_phone.check_every_way("a message that reads as a crisis")


def test_after_the_match_ends_the_former_buddy_reads_nothing_and_the_carer_keeps_their_copy(
    live_server: LiveServer, phone_factory: Any
) -> None:
    """A pair of this test's own (the demo's Sam and Helen stay matched for the other modules)."""
    coordinator = CarerApi(live_server.url)
    coordinator.send(
        "POST", "/api/v1/auth/login", {"email": "coordinator@example.org", "password": "riverside-buddies"}
    )
    buddy = _screened_buddy(live_server, coordinator)
    carer = _carer(live_server, coordinator, "Robin Ashdown")
    pair = Pair(carer, _propose(coordinator, carer, buddy))
    buddy.api.send("PATCH", f"{ORG}/me/buddy-profile/wellbeing", {"paused": True})  # no more proposals
    _go_live(live_server, pair, buddy)
    try:
        words = f"Thank you for listening on Tuesday ({uuid.uuid4().hex[:6]})."
        robin = phone_factory()
        robin.sign_in(carer.email, PASSWORD)
        robin.go(f"/matches/{pair.match_id}")
        robin.page.get_by_label(f"Write to {buddy.first_name}").fill(words)
        robin.page.get_by_role("button", name="Send", exact=True).click()
        expect(robin.page.get_by_text(words)).to_be_visible()

        former = phone_factory()
        former.sign_in(buddy.email, PASSWORD)
        former.go(f"/matches/{pair.match_id}")
        expect(former.page.get_by_text(words)).to_be_visible()

        coordinator.send(
            "POST", f"{ORG}/matches/{pair.match_id}/end", {"reason": "other", "note": "A browser test."}
        )
        # The former buddy: the thread is gone, from the page and from the API.
        former.go(f"/matches/{pair.match_id}")
        expect(former.page.get_by_text(words)).to_have_count(0)
        assert buddy.api.client.get(f"{ORG}/matches/{pair.match_id}/messages").status_code in (403, 404)
        former.check_accessibility("the former buddy after the match ended")
        # The carer keeps their own copy, and cannot write any more.
        robin.go(f"/matches/{pair.match_id}")
        expect(robin.page.get_by_text(words)).to_be_visible()
        expect(robin.page.get_by_label(f"Write to {buddy.first_name}")).to_have_count(0)
        robin.check_every_way("the carer's copy after the match ended")
    finally:
        for person in (carer, buddy):
            coordinator.send("PATCH", f"{ORG}/members/{person.membership_id}", {"status": "suspended"})
