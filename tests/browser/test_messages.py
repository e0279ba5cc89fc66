"""Messages within a pair (issue 18) on two phones, on a server of this module's own (a fresh demo).

Sam writes to Helen with no signal and it is sent once when he is back online; Helen's phone gets the
push (through the loopback push service) and the open thread shows it without her leaving the page;
Sam sees "Read by Helen" and her reply arrive while he stays on the page; Helen asks the centre to look
at a message and the coordinator reads it through the report, and after a reload Helen's thread says she
told the centre. A carer's message that reads as a crisis shows him the crisis lines and "Tell the
centre", online and with no signal. Helen mutes the thread and Sam is told kindly; the centre switches
messages off and the thread says so, still readable. "Earlier messages" reaches back without the page
jumping. Both homes count new messages. Finally Sam and Helen's own match ends: Helen reads nothing of
it any more, Sam finds his read-only copy from his home and can still report a message in it.

Its own server: muting, switching messages off and ending the demo's Sam and Helen would change what
other modules see on the suite's shared server. axe on each state, at 320 px in dark mode too.
"""

from __future__ import annotations

import json
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
    service_worker_registration,
    serving,
    signed_in_phone,
    until,
)
from tests.browser.test_buddy import ORG, sams_match
from tests.browser.test_carer import QUEUED
from tests.notifications.workers import PushServiceProcess

pytestmark = pytest.mark.browser

# An open thread looks for what is new every 20 s (frontend/src/screens/shared/messages.js).
REFRESHED = 30_000


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """This module's own server with a fresh demo (every fixture of the module uses it)."""
    with serving(tmp_path_factory.mktemp("messages-server")) as server:
        yield server


@pytest.fixture(scope="module")
def sam_phone(browser: Any, live_server: LiveServer) -> Iterator[Phone]:
    """Sam Clarke on his phone (signed in once for the module)."""
    yield from signed_in_phone(browser, live_server, SAM)


@pytest.fixture(scope="module")
def morgan(playwright: Any, live_server: LiveServer) -> Iterator[Api]:
    """Morgan the coordinator through the API."""
    yield from api_session(playwright, live_server, "coordinator@example.org")


@pytest.fixture(scope="module")
def match(sam_phone: Phone) -> str:
    """Sam and Helen's match (the demo's)."""
    return sams_match(Api(sam_phone.context.request, sam_phone.base_url))


def _thread(api: Api, match: str) -> dict[str, Any]:
    return dict(api.get(f"{ORG}/matches/{match}/messages?limit=100"))


def _send(api: Api, match: str, text: str) -> None:
    api.call(
        "POST",
        f"{ORG}/matches/{match}/messages",
        {"text": text},
        headers={"Idempotency-Key": f"browser-{uuid.uuid4().hex}"},
    )


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


def test_sam_writes_offline_and_both_open_threads_follow_without_leaving_the_page(
    sam_phone: Phone,
    match: str,
    morgan: Api,
    phone_factory: Any,
    live_server: LiveServer,
    push_service: PushServiceProcess,
) -> None:
    helens_phone, endpoint = _helens_push_phone(phone_factory, live_server, push_service)
    try:
        _messages_between_sam_and_helen(
            sam_phone, helens_phone, match, morgan, phone_factory, push_service, endpoint
        )
    finally:
        helens_api = Api(helens_phone.context.request, live_server.url)
        helens_api.call("DELETE", f"/api/v1/push/subscriptions?endpoint={quote(endpoint, safe='')}")


def _messages_between_sam_and_helen(
    sam_phone: Phone,
    helen: Phone,
    match: str,
    morgan: Api,
    phone_factory: Any,
    push_service: PushServiceProcess,
    endpoint: str,
) -> None:
    token = endpoint.rsplit("/", 1)[1]
    sam_api = Api(sam_phone.context.request, sam_phone.base_url)
    text = f"The carers' café was lovely today ({uuid.uuid4().hex[:6]})."
    page, hp = sam_phone.page, helen.page

    # Both open the pair's page: the check-ins beside the thread, and the calm boundary line.
    sam_phone.go(f"/matches/{match}")
    expect(page.get_by_role("heading", name="Messages with Helen")).to_be_visible()
    expect(page.get_by_text("Jo slept right through last night.")).to_be_visible()  # the demo's thread
    boundary = page.locator(".message-boundary p")
    expect(boundary).to_have_text(
        "Messages are not watched all the time. If you need help now, use Help now."
    )
    expect(boundary.get_by_role("link", name="Help now", exact=True)).to_have_attribute("href", "/help")
    checkins = page.locator("section", has=page.get_by_role("heading", name="Check-ins"))
    expect(checkins).to_contain_text("check-in")
    expect(checkins.get_by_role("link", name="Your check-ins and Helen's replies")).to_have_attribute(
        "href", "/check-ins"
    )
    sam_phone.check_every_way("the pair's page, the carer")
    sam_phone.wait_for_service_worker()

    helen.go(f"/matches/{match}")
    expect(hp.get_by_role("heading", name="Messages with Sam")).to_be_visible()
    expect(
        hp.locator("section", has=hp.get_by_role("heading", name="Check-ins")).get_by_role(
            "link", name="When you check in"
        )
    ).to_be_visible()
    helen.check_every_way("the pair's page, the buddy")
    helen.wait_for_service_worker()

    # Sam writes with no signal: it waits on his phone, then goes once.
    pushes_before = len([r for r in push_service.received() if r["token"] == token])
    sam_phone.context.set_offline(True)
    page.get_by_label("Write to Helen").fill(text)
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_text("Waiting to send: it will go when you're back online")).to_be_visible()
    assert len(page.evaluate(QUEUED)) == 1
    sam_phone.check_every_way("a message waiting to be sent")
    sam_phone.context.set_offline(False)
    expect(page.get_by_text("Waiting to send")).to_have_count(0, timeout=15_000)
    until(lambda: page.evaluate(QUEUED) == [], "the queue is empty")
    assert [m["text"] for m in _thread(sam_api, match)["messages"]].count(text) == 1  # sent once

    # Helen's phone is told ("New message from Sam", never the words); her open thread shows it at once.
    pushed = until(
        lambda: [r for r in push_service.received() if r["token"] == token][pushes_before:],
        "Helen's phone has the push",
        timeout=60,
    )
    assert push_service.stats()["problems"] == []
    payload = pushed[-1]["payload"]
    assert payload["notification"]["navigate"].endswith(f"/matches/{match}")
    assert text not in json.dumps(payload)
    devtools = helen.context.new_cdp_session(hp)
    devtools.send(
        "ServiceWorker.deliverPushMessage",
        {
            "origin": helen.base_url,
            "registrationId": service_worker_registration(devtools, helen),
            "data": json.dumps(payload),
        },
    )
    expect(hp.get_by_text(text)).to_be_visible(timeout=REFRESHED)
    assert hp.url.endswith(f"/matches/{match}")

    # Reading it sent the receipt: Sam's page shows it, and then Helen's reply, without him moving.
    item = page.locator("li.message", has_text=text)
    expect(item.get_by_text("Read by Helen")).to_be_visible(timeout=REFRESHED)
    reply = f"So glad you went! Same again next week? ({uuid.uuid4().hex[:6]})"
    hp.get_by_label("Write to Sam").fill(reply)
    hp.get_by_role("button", name="Send", exact=True).click()
    expect(hp.get_by_text(reply)).to_be_visible()
    expect(page.get_by_text(reply)).to_be_visible(timeout=REFRESHED)
    assert page.url.endswith(f"/matches/{match}")
    until(
        lambda: next(
            m
            for m in _thread(Api(helen.context.request, helen.base_url), match)["messages"]
            if m["text"] == reply
        )["read_at"],
        "Sam's open thread marked Helen's reply read",
        timeout=REFRESHED / 1000,
    )

    # Helen asks the centre to look at Sam's message; she is told it is being looked at. Her own
    # messages never offer it.
    mine = hp.locator("li.message-mine", has_text=reply)
    expect(mine.get_by_text("Tell the centre about this message")).to_have_count(0)
    theirs = hp.locator("li.message", has_text=text)
    theirs.get_by_text("Tell the centre about this message").click()
    theirs.get_by_role("button", name="This worried me").click()
    expect(theirs.get_by_text("someone will look at it")).to_be_visible()
    helen.check_every_way("a message reported")
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


def test_a_reported_message_still_says_so_after_a_reload(helen: Phone, match: str) -> None:
    """``reported_by_me`` (the server's): the report survives a reload, and is not offered again."""
    helen_api = Api(helen.context.request, helen.base_url)
    reported = [m for m in _thread(helen_api, match)["messages"] if m.get("reported_by_me")]
    assert reported, "the server marks the message Helen reported (reported_by_me)"
    helen.go(f"/matches/{match}")
    item = helen.page.locator(f"#message-{reported[0]['id']}")
    expect(item.get_by_text("You told the centre about this message.")).to_be_visible()
    expect(item.get_by_text("Tell the centre about this message")).to_have_count(0)
    helen.check_every_way("a message I reported, after a reload")


def test_a_carers_message_that_reads_as_a_crisis_shows_the_lines_and_he_can_tell_the_centre(
    sam_phone: Phone, match: str
) -> None:
    page = sam_phone.page
    sam_phone.go(f"/matches/{match}")
    page.get_by_label("Write to Helen").fill("Honestly I can't cope any more with the nights.")
    page.get_by_role("button", name="Send", exact=True).click()
    crisis = page.get_by_role("alert")
    expect(crisis.get_by_role("heading", name="You don't have to wait for a reply")).to_be_visible()
    expect(crisis.get_by_role("link").first).to_be_visible()
    sam_phone.check_every_way("a message that reads as a crisis")
    crisis.get_by_role("button", name="Tell the centre").click()
    expect(crisis.get_by_text("We've told the centre.")).to_be_visible()
    sam_phone.check_every_way("the centre told, after a message that reads as a crisis")


def test_with_no_signal_a_message_that_reads_as_a_crisis_shows_the_lines_at_once(
    sam_phone: Phone, match: str, morgan: Api
) -> None:
    """The thread's ``crisis_words`` (the server's) are checked on the phone before the message waits."""
    page = sam_phone.page
    sam_api = Api(sam_phone.context.request, sam_phone.base_url)
    sam_phone.go(f"/matches/{match}")
    expect(page.get_by_label("Write to Helen")).to_be_visible()  # the thread, with its words, is here
    sam_phone.wait_for_service_worker()
    alerts = len(morgan.get(f"{ORG}/alerts"))
    words = f"Some nights I want to die ({uuid.uuid4().hex[:6]})"
    sam_phone.context.set_offline(True)
    try:
        page.get_by_label("Write to Helen").fill(words)
        page.get_by_role("button", name="Send", exact=True).click()
        crisis = page.get_by_role("alert")
        expect(crisis.get_by_role("heading", name="You don't have to wait for a reply")).to_be_visible()
        expect(crisis.get_by_role("link").first).to_be_visible()
        expect(page.get_by_text("Waiting to send: it will go when you're back online")).to_be_visible()
        crisis.get_by_role("button", name="Tell the centre").click()
        expect(crisis.get_by_text("The centre will be told when you're back online.")).to_be_visible()
        sam_phone.check_every_way("a message that reads as a crisis, with no signal")
    finally:
        sam_phone.context.set_offline(False)
    until(lambda: page.evaluate(QUEUED) == [], "the message and the call for help have gone")
    assert [m["text"] for m in _thread(sam_api, match)["messages"]].count(words) == 1
    until(lambda: len(morgan.get(f"{ORG}/alerts")) > alerts, "the centre has Sam's call for help")


def test_helen_mutes_the_thread_for_a_while_and_sam_is_told_kindly(
    sam_phone: Phone, helen: Phone, match: str
) -> None:
    hp, page = helen.page, sam_phone.page
    helen.go(f"/matches/{match}")
    mute = hp.locator("section", has=hp.get_by_role("heading", name="Pause message notifications"))
    for choice in ("Pause until tomorrow morning", "Pause for 3 days", "Pause for a week"):
        expect(mute.get_by_role("button", name=choice)).to_be_visible()
    mute.get_by_role("button", name="Pause for 3 days").click()
    expect(mute.get_by_text("Message notifications are paused until")).to_be_visible()
    helen.check_every_way("the buddy's thread, muted")

    sam_phone.go(f"/matches/{match}")
    notice = page.get_by_text("replies may be slower")
    expect(notice).to_be_visible()
    sam_phone.check_every_way("the carer's thread while his buddy is taking time away")

    mute.get_by_role("button", name="Turn message notifications back on").click()
    expect(mute.get_by_role("button", name="Pause for a week")).to_be_visible()
    sam_phone.go(f"/matches/{match}")
    expect(page.get_by_role("heading", name="Messages with Helen")).to_be_visible()
    expect(notice).to_have_count(0)


def test_when_the_centre_switches_messages_off_the_thread_says_so_and_can_still_be_read(
    sam_phone: Phone, match: str, morgan: Api
) -> None:
    page = sam_phone.page
    morgan.call("PATCH", ORG, {"settings": {"messaging": {"enabled": False}}})
    try:
        sam_phone.go(f"/matches/{match}")
        expect(page.get_by_text("Messages are not switched on for this pair.")).to_be_visible()
        expect(page.get_by_text("Jo slept right through last night.")).to_be_visible()
        expect(page.get_by_label("Write to Helen")).to_have_count(0)
        # What worried him can still be reported.
        expect(
            page.locator("li.message-theirs").get_by_text("Tell the centre about this message").first
        ).to_be_visible()
        sam_phone.check_every_way("the thread with messages switched off")
    finally:
        morgan.call("PATCH", ORG, {"settings": {"messaging": {"enabled": True}}})


def test_earlier_messages_come_above_and_the_page_stays_where_it_was(sam_phone: Phone, match: str) -> None:
    sam_api = Api(sam_phone.context.request, sam_phone.base_url)
    for n in range(55):
        _send(sam_api, match, f"Catching up, note {n + 1} of 55.")
    total = len(_thread(sam_api, match)["messages"])
    assert total > 50
    page = sam_phone.page
    sam_phone.go(f"/matches/{match}")
    messages = page.locator("li.message")
    expect(messages).to_have_count(50)
    earlier = page.get_by_role("button", name="Earlier messages")
    earlier.scroll_into_view_if_needed()
    first = messages.first
    first_id = first.get_attribute("id")
    top = first.evaluate("(element) => element.getBoundingClientRect().top")
    earlier.click()
    expect(messages).to_have_count(total)
    moved = page.locator(f"[id='{first_id}']").evaluate("(element) => element.getBoundingClientRect().top")
    assert abs(moved - top) <= 2, f"the message first on screen moved from {top} to {moved}"
    expect(page.get_by_text("Jo slept right through last night.")).to_be_attached()  # the very first
    expect(earlier).to_have_count(0)
    sam_phone.check_every_way("the thread with earlier messages")


def test_both_homes_count_new_messages(sam_phone: Phone, helen: Phone, match: str) -> None:
    """``unread_messages`` on the match (the server's)."""
    sam_api = Api(sam_phone.context.request, sam_phone.base_url)
    helen_api = Api(helen.context.request, helen.base_url)
    _send(helen_api, match, "Thinking of you today.")
    _send(helen_api, match, "Shall we talk on Thursday?")
    sam_phone.go("/")
    link = sam_phone.page.get_by_role("link", name="Messages with Helen · 2 new")
    expect(link).to_be_visible()
    sam_phone.check_accessibility("the carer's home with new messages")
    link.click()
    expect(sam_phone.page.get_by_text("Shall we talk on Thursday?")).to_be_visible()
    until(lambda: _thread(helen_api, match)["messages"][-1]["read_at"], "Sam has read them")
    sam_phone.go("/")
    expect(sam_phone.page.get_by_role("link", name="Messages with Helen", exact=True)).to_be_visible()

    helen.go(f"/matches/{match}")  # Helen reads all Sam wrote so far
    until(
        lambda: all(m["read_at"] for m in _thread(sam_api, match)["messages"] if m["mine"]),
        "Helen has read Sam's messages",
    )
    _send(sam_api, match, "Thursday is perfect.")
    helen.go("/")
    expect(
        helen.page.get_by_role("link", name="You and Sam: messages and phone numbers · 1 new message")
    ).to_be_visible()
    helen.check_accessibility("the buddy's home with a new message")


def test_after_sam_and_helens_match_ends_helen_reads_nothing_and_sam_keeps_his_copy(
    sam_phone: Phone, helen: Phone, match: str, morgan: Api
) -> None:
    """The module's last test: Sam and Helen's own match ends (this module's server only)."""
    sam_api = Api(sam_phone.context.request, sam_phone.base_url)
    helen_api = Api(helen.context.request, helen.base_url)
    words = f"Thank you for listening on Tuesday ({uuid.uuid4().hex[:6]})."
    _send(sam_api, match, words)
    helen.go(f"/matches/{match}")
    expect(helen.page.get_by_text(words)).to_be_visible()
    total = len(_thread(sam_api, match)["messages"])

    morgan.call("POST", f"{ORG}/matches/{match}/end", {"reason": "other", "note": "A browser test."})

    # Helen, the former buddy: the thread is gone from the page and the API, and her home has no copy.
    helen.go(f"/matches/{match}")
    expect(helen.page.get_by_role("heading", name="This match has ended")).to_be_visible()
    expect(helen.page.get_by_text(words)).to_have_count(0)
    expect(helen.page.get_by_role("heading", name="Messages with Sam")).to_have_count(0)
    response = helen_api.request.fetch(f"{helen.base_url}{ORG}/matches/{match}/messages")
    assert response.status in (403, 404)
    helen.check_every_way("the former buddy after the match ended")
    helen.go("/")
    expect(helen.page.get_by_role("link", name="Your messages with Sam")).to_have_count(0)

    # Sam finds his read-only copy from home, all of it, and can still report what worried him.
    sam_phone.go("/")
    page = sam_phone.page
    page.get_by_role("link", name="Your messages with Helen").first.click()
    expect(page.get_by_role("heading", name="Messages with Helen")).to_be_visible()
    expect(page.get_by_text(words)).to_be_visible()
    expect(page.get_by_text("This match has ended, so its messages are closed.")).to_be_visible()
    expect(page.get_by_label("Write to Helen")).to_have_count(0)
    page.get_by_role("button", name="Earlier messages").click()
    expect(page.locator("li.message")).to_have_count(total)
    expect(
        page.locator("li.message-theirs").get_by_text("Tell the centre about this message").first
    ).to_be_attached()
    sam_phone.check_every_way("the carer's copy after the match ended")
    sam_phone.go(f"/matches/{match}/ended")
    expect(page.get_by_role("link", name="Your messages with Helen")).to_have_attribute(
        "href", f"/matches/{match}"
    )
