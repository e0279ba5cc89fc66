"""Issue 14, end to end in Chromium: a carer with no push device gets the check-in by e-mail, answers it once.

Everything is the live server's own: the coordinator invites the carer and a buddy, both say yes, the
carer plans a check-in; when it falls due the ladder prompts the carer, who has no device, so the
prompt goes by e-mail through a real SMTP server (aiosmtpd, ``_MailDrop``). The e-mail's link opens the
answer form in a browser that is not signed in; it answers once and is refused after.
"""

from __future__ import annotations

import email
import email.policy
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LiveServer, Phone
from tests.browser.test_carer import (
    ORG,
    Api,
    Pair,
    _carer,
    _go_live,
    _propose,
    _screened_buddy,
    _wait_until_due,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def pair(live_server: LiveServer) -> Iterator[Pair]:
    coordinator = Api(live_server.url)
    coordinator.send(
        "POST", "/api/v1/auth/login", {"email": "coordinator@example.org", "password": "riverside-buddies"}
    )
    buddy = _screened_buddy(live_server, coordinator)
    carer = _carer(live_server, coordinator, "Robin Marsh")
    made = Pair(carer, _propose(coordinator, carer, buddy))
    buddy.api.send("PATCH", f"{ORG}/me/buddy-profile/wellbeing", {"paused": True})  # no more proposals
    _go_live(live_server, made, buddy)
    yield made
    coordinator.send(
        "POST", f"{ORG}/matches/{made.match_id}/end", {"reason": "other", "note": "A browser test."}
    )
    for person in (carer, buddy):
        coordinator.send("PATCH", f"{ORG}/members/{person.membership_id}", {"status": "suspended"})


def _reminder_to(server: LiveServer, address: str, *, timeout: float = 60.0) -> email.message.EmailMessage:
    """The check-in e-mail to ``address`` as the SMTP server received it (the ladder and mail ticks run)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in sorted((server.data_dir / "mail").glob("*.eml")):
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if message["To"] == address and "/answer/" in path.read_text(errors="replace"):
                return message  # type: ignore[return-value]
        time.sleep(0.2)
    raise AssertionError(f"no check-in e-mail to {address} within {timeout} s; server log: {server.log}")


def test_a_carer_without_a_device_answers_the_emailed_check_in_once(
    live_server: LiveServer, pair: Pair, phone_factory: Any
) -> None:
    _wait_until_due(live_server, pair)
    message = _reminder_to(live_server, pair.carer.email)

    plain = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert plain is not None and html is not None  # plain text and HTML
    text = str(plain.get_content())
    assert "long_term_illness" not in text and "illness" not in str(message["Subject"]).lower()
    unsubscribe = str(message["List-Unsubscribe"])
    assert unsubscribe.startswith(f"<{live_server.url}/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    found = re.search(re.escape(live_server.url) + r"(/answer/[^\s]+)", text)
    assert found, text
    link = found.group(1)

    phone: Phone = phone_factory()  # a browser nobody is signed in on
    phone.go(link)
    page = phone.page
    expect(page.get_by_text("Your check-in with Morgan")).to_be_visible()
    phone.check_accessibility("answer form from an e-mailed reminder")
    phone.fits_320_in_dark_mode("answer form from an e-mailed reminder")
    page.get_by_label("Doing okay (4 out of 5)").check()
    page.get_by_role("button", name="Send to Morgan").click()
    expect(page.get_by_text("Thank you — Morgan will see it.")).to_be_visible()
    answered = [c for c in pair.carer.api.get("/api/v1/me/checkins") if c["match_id"] == pair.match_id]
    assert [c["wellbeing"] for c in answered if c["state"] == "answered"] == [4]

    again: Phone = phone_factory()
    again.go(link)
    expect(again.page.get_by_text("You've already answered this check-in")).to_be_visible()
    expect(again.page.get_by_role("button", name="Send to Morgan")).to_have_count(0)
    again.check_accessibility("an e-mailed link used once already")
