"""Issue 13, a crisis path a coordinator can act on, in Chromium at phone size.

Sam (demo) presses "I need help now". Morgan's home shows the open alert at the very top; the e-mail's
deep link, followed signed out, signs in and comes back to the alert, which says when it goes to the
safeguarding lead. Morgan acknowledges it, and what was true before stops being shown: the block on
home, "needs help now" in the alert list, the other coordinator's unread inbox entry, and the buddy's
"the coordinators have been alerted". Every new screen state passes axe, fits 320 px and works dark.

The live server is shared: open alerts left by other modules (and the demo's own) are acknowledged
first, a second coordinator joins for this module, and the safeguarding lead is put back afterwards.
"""

from __future__ import annotations

import email
import email.policy
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    DEMO_PASSWORD,
    PHONE,
    Api,
    LiveServer,
    Phone,
    api_session,
)

pytestmark = pytest.mark.browser

ORG = "/api/v1/orgs/riverside"
MORGAN = "coordinator@example.org"


@dataclass
class Team:
    morgan: Api
    jo: Api
    jo_name: str
    org_id: str


def _join_coordinator(playwright: Any, live_server: LiveServer, morgan: Api) -> tuple[Api, str]:
    address = f"jo-{uuid.uuid4().hex[:6]}@example.org"
    code = morgan.call("POST", f"{ORG}/invitations", {"email": address, "role": "coordinator"})["code"]
    context = playwright.request.new_context()
    context.get(live_server.url + "/healthz")
    jo = Api(context, live_server.url)
    jo.call(
        "POST",
        "/api/v1/invitations/accept",
        {
            "code": code,
            "consents": {"terms": True},
            "display_name": "Jo Lead",
            "password": "a quiet loch at dawn",
        },
    )
    return jo, address


@pytest.fixture(scope="module")
def team(playwright: Any, live_server: LiveServer) -> Iterator[Team]:
    """Morgan and Jo, both on duty; Jo is the safeguarding lead for this module."""
    session = api_session(playwright, live_server, MORGAN)
    morgan = next(session)
    jo, _ = _join_coordinator(playwright, live_server, morgan)
    org = morgan.get(ORG)
    before = org["settings"].get("safeguarding_lead_user_id")
    jo_id = jo.get("/api/v1/me")["id"]
    morgan.call("PATCH", ORG, {"settings": {"safeguarding_lead_user_id": jo_id}})
    for person in (morgan, jo):
        person.call("PUT", f"{ORG}/duty", {"on_duty": True})
    try:
        yield Team(morgan, jo, "Jo Lead", org["id"])
    finally:
        morgan.call("PATCH", ORG, {"settings": {"safeguarding_lead_user_id": before}})
        jo.request.dispose()
        session.close()  # disposes of Morgan's API session


def _acknowledge_every_open_alert(morgan: Api) -> None:
    for alert in morgan.get(f"{ORG}/alerts?status=open"):
        morgan.call("POST", f"{ORG}/alerts/{alert['id']}/acknowledge", {"action_taken": "A browser test."})


def _link_to(live_server: LiveServer, address: str, path: str, *, timeout: float = 20.0) -> tuple[str, str]:
    """The e-mail to ``address`` holding a link to ``path``: (its subject and body, the link's path)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for file in (live_server.data_dir / "mail").glob("*.eml"):
            message = email.message_from_bytes(file.read_bytes(), policy=email.policy.default)
            body = message.get_body(preferencelist=("plain",))
            text = str(body.get_content()) if body is not None else ""
            if message["To"] == address and live_server.url + path in text:
                return f"{message['Subject']}\n{text}", path
        time.sleep(0.2)
    raise AssertionError(f"no e-mail to {address} linking to {path} within {timeout} s")


def _local(value: str) -> str:
    return datetime.fromisoformat(value).astimezone(ZoneInfo("Europe/London")).strftime("%H:%M")


def _fits_320_and_passes_axe(phone: Phone, state: str) -> None:
    phone.page.set_viewport_size({"width": 320, "height": 640})
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{state} is {width} px wide at 320"
    phone.check_accessibility(f"{state}, 320 px")
    phone.page.set_viewport_size(PHONE)


def _signed_in_as(phone: Phone, api: Api) -> Phone:
    phone.context.add_cookies(api.request.storage_state()["cookies"])
    return phone


def test_an_alert_stands_out_links_from_its_email_and_stops_being_shown_once_acknowledged(
    phone_factory: Any, team: Team, sam: Api, helen: Phone, live_server: LiveServer
) -> None:
    _acknowledge_every_open_alert(team.morgan)
    asked = sam.call(
        "POST", f"{ORG}/help", headers={"Idempotency-Key": f"crisis-path-{uuid.uuid4().hex[:12]}"}
    )
    alert_id = asked["alert_id"]
    alert = team.morgan.get(f"{ORG}/alerts/{alert_id}")
    assert (alert["escalates_to"], alert["safeguarding_lead_name"]) == ("safeguarding_lead", "Jo Lead")
    goes_at = _local(alert["escalate_at"])

    # Morgan's home: the alert at the very top, unlike any card, with a big "Open".
    home = _signed_in_as(phone_factory(), team.morgan)
    home.go("/")
    block = home.page.locator(".crisis-block")
    expect(block).to_be_visible()
    expect(block.get_by_role("heading", name="Someone needs help now")).to_be_visible()
    expect(block).to_contain_text("Sam pressed “I need help now”")
    expect(block).to_contain_text("Goes to the safeguarding lead (Jo Lead) in")
    expect(block).to_contain_text(f"({goes_at})")
    assert block.evaluate(
        "el => Boolean(el.compareDocumentPosition(document.querySelector('main .card')) & 4)"
    )
    home.check_accessibility("coordinator home with the crisis block")
    _fits_320_and_passes_axe(home, "coordinator home with the crisis block")
    dark = _signed_in_as(
        phone_factory(color_scheme="dark", viewport={"width": 320, "height": 640}), team.morgan
    )
    dark.go("/")
    expect(dark.page.locator(".crisis-block")).to_be_visible()
    dark.check_accessibility("coordinator home with the crisis block, dark, 320 px")
    dark.screenshot("crisis-path-home-dark")
    home.page.get_by_role("link", name="Open Sam's alert").click()
    expect(home.page.get_by_role("heading", level=1)).to_have_text("Sam Clarke needs help now")

    # The e-mail links to the alert and names nobody; followed signed out, sign-in comes back to it.
    mail, path = _link_to(live_server, MORGAN, f"/coordinator/alerts/{alert_id}")
    assert "Sam" not in mail and "Clarke" not in mail
    signed_out = phone_factory()
    signed_out.page.goto(live_server.url + path)
    expect(signed_out.page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert "next=" in signed_out.page.url
    signed_out.page.get_by_label("Email address").fill(MORGAN)
    signed_out.page.get_by_label("Password").fill(DEMO_PASSWORD)
    signed_out.page.get_by_role("button", name="Sign in").click()
    page = signed_out.page
    expect(page.get_by_role("heading", level=1)).to_have_text("Sam Clarke needs help now")
    assert page.url.endswith(path)
    escalation = page.locator(".alert-escalation")
    expect(escalation).to_have_text(
        f"Goes to the safeguarding lead (Jo Lead) at {goes_at} if nobody acknowledges it."
    )
    expect(page.get_by_role("heading", name="How to reach Sam")).to_be_visible()
    signed_out.check_accessibility("alert page with when it escalates")
    dark.go(path)
    expect(dark.page.locator(".alert-escalation")).to_be_visible()
    dark.check_accessibility("alert page with when it escalates, dark, 320 px")
    _fits_320_and_passes_axe(signed_out, "alert page with when it escalates")

    # Before: Jo has it unread; Helen reads that the coordinators have been alerted.
    jo = _signed_in_as(phone_factory(), team.jo)
    jo.go("/inbox")
    entry = jo.page.locator(".inbox-item").filter(has_text="Sam")
    expect(entry.first).to_contain_text("Urgent: Sam needs help now")
    expect(entry.first.locator(".tag-new")).to_be_visible()
    helen.go("/")
    expect(helen.page.locator(".buddy-help")).to_contain_text("The coordinators have been alerted")

    # Morgan acknowledges.
    page.get_by_label("What have you done, or are you doing?").fill("Called Sam; safe at home, GP tomorrow.")
    page.get_by_role("button", name="Acknowledge").click()
    expect(page.get_by_role("heading", name="Alert acknowledged")).to_be_visible()
    expect(page.locator(".alert-escalation")).to_have_count(0)
    signed_out.check_accessibility("alert acknowledged")
    acknowledged = team.morgan.get(f"{ORG}/alerts/{alert_id}")
    at = _local(acknowledged["acknowledged_at"])

    # What was true before stops being shown.
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Morgan")
    expect(page.locator(".crisis-block")).to_have_count(0)
    page.goto(live_server.url + "/coordinator/alerts")
    item = page.locator(f"li:has(a[href='/coordinator/alerts/{alert_id}'])")
    expect(item).to_contain_text(f"Sam Clarke asked for help — acknowledged by Morgan at {at}")
    expect(item).not_to_contain_text("needs help now")
    _fits_320_and_passes_axe(signed_out, "alert list with an acknowledged alert")
    dark.go("/coordinator/alerts")
    expect(dark.page.locator(f"li:has(a[href='/coordinator/alerts/{alert_id}'])")).to_contain_text(
        "acknowledged by"
    )
    dark.check_accessibility("alert list with an acknowledged alert, dark, 320 px")

    jo.go("/inbox")
    entry = jo.page.locator(".inbox-item").filter(has_text="Acknowledged by Morgan")
    expect(entry.first).to_contain_text("Sam asked for help")
    expect(entry.first.locator(".tag-new")).to_have_count(0)
    # Every entry Jo has about this alert is read (other tests on this server may have told her other things).
    about_it = [i for i in team.jo.get("/api/v1/notifications")["items"] if alert_id in i["url"]]
    assert about_it and all(i["read_at"] is not None for i in about_it), about_it
    _fits_320_and_passes_axe(jo, "inbox with an acknowledged alert")

    helen.go("/")
    expect(helen.page.get_by_role("heading", level=1)).to_be_visible()
    expect(helen.page.get_by_text("The coordinators have been alerted")).to_have_count(0)
    expect(helen.page.locator(".buddy-help-handled").first).to_contain_text(
        "A coordinator is dealing with Sam's call for help"
    )
    _fits_320_and_passes_axe(helen, "buddy home, a call for help a coordinator has")
    helen_dark = phone_factory(color_scheme="dark", viewport={"width": 320, "height": 640})
    helen_dark.context.add_cookies(helen.context.cookies())
    helen_dark.go("/")
    expect(helen_dark.page.locator(".buddy-help-handled").first).to_be_visible()
    helen_dark.check_accessibility("buddy home, a call for help a coordinator has, dark, 320 px")
