"""Text message reminders on My details (issue 14), at phone size with axe, 320 px and dark mode.

On a server with texts on (the demo's file provider: each text is a file in var/texts/), a carer whose
number is not verified sends herself a code, reads it from the text and types it back: "Verified".
On the suite's own server texts are off, and My details says so plainly instead of offering a code.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LiveServer, Phone, new_phone, serving

pytestmark = pytest.mark.browser

ALEX = "carer1@example.org"  # the demo gives Alex a mobile number, not yet verified


@pytest.fixture(scope="module")
def texts_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A ``carerlink serve`` of its own with ``CARERLINK_SMS_PROVIDER=file``, as ``make run`` starts it."""
    with serving(tmp_path_factory.mktemp("texts-server"), CARERLINK_SMS_PROVIDER="file") as server:
        yield server


def code_texted_to(server: LiveServer, number: str, *, timeout: float = 20.0) -> str:
    """The code in the newest text to ``number`` that the file provider wrote (the tick runs every 5 s)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in sorted(
            (server.data_dir / "texts").glob("*.txt"), key=lambda p: p.stat().st_mtime, reverse=True
        ):
            text = path.read_text()
            found = re.search(r"Your carerlink code is (\d{6})\.", text)
            if text.startswith(f"To: {number}\n") and found:
                return found.group(1)
        time.sleep(0.2)
    raise AssertionError(f"no code texted to {number} within {timeout} s; server log: {server.log}")


@pytest.fixture
def texts_phone(browser: Any, texts_server: LiveServer) -> Iterator[Phone]:
    phone = new_phone(browser, texts_server.url)
    yield phone
    phone.context.close()
    assert phone.problems == []


def test_a_carer_verifies_their_number_with_a_code_by_text(
    texts_phone: Phone, texts_server: LiveServer
) -> None:
    texts_phone.sign_in(ALEX)
    texts_phone.go("/me")
    page = texts_phone.page
    section = page.locator("section", has=page.get_by_role("heading", name="Text message reminders"))
    expect(section.get_by_text("Not verified")).to_be_visible()
    texts_phone.check_accessibility("my details, number not verified")
    texts_phone.fits_320_in_dark_mode("my details number not verified")

    section.get_by_role("button", name="Send a code").click()
    code_box = page.get_by_label("Code from the text")
    expect(code_box).to_be_visible()
    assert code_box.get_attribute("autocomplete") == "one-time-code"
    assert code_box.get_attribute("inputmode") == "numeric"
    code = code_texted_to(texts_server, "+447700900201")
    wrong = "000000" if code != "000000" else "111111"
    code_box.fill(wrong)
    page.get_by_role("button", name="Verify my number").click()
    expect(page.locator("#code-error")).to_contain_text("not right")
    texts_phone.check_accessibility("my details, wrong code")
    texts_phone.fits_320_in_dark_mode("my details wrong code")

    code_box.fill(code)
    page.get_by_role("button", name="Verify my number").click()
    expect(page.get_by_text("Your number is verified")).to_be_visible()
    expect(section.get_by_text("Verified", exact=True)).to_be_visible()
    texts_phone.check_accessibility("my details, number verified")
    texts_phone.fits_320_in_dark_mode("my details number verified")


def test_the_coordinator_deals_with_a_texted_reply(browser: Any, texts_server: LiveServer) -> None:
    boss = new_phone(browser, texts_server.url)
    try:
        boss.sign_in("coordinator@example.org")
        boss.go("/coordinator/attention")
        page = boss.page
        reply = page.locator("li", has=page.get_by_role("heading", name="Janet sent a text:"))
        expect(reply).to_contain_text("Sorry I missed your call")
        boss.check_accessibility("attention list with a texted reply")
        boss.fits_320_in_dark_mode("attention texted reply")
        reply.get_by_role("button", name="Dealt with").click()
        expect(page.get_by_text("Dealt with: Janet sent a text.")).to_be_visible()
        expect(page.get_by_text("No texted replies are waiting.")).to_be_visible()
        assert boss.problems == []
    finally:
        boss.context.close()


def test_where_texts_are_off_my_details_says_so(phone: Phone, live_server: LiveServer) -> None:
    phone.sign_in("carer3@example.org")
    phone.go("/me")
    expect(phone.page.get_by_text("This service doesn't send text messages")).to_be_visible()
    expect(phone.page.get_by_role("button", name="Send a code")).to_have_count(0)
    phone.check_accessibility("my details, texts off")
    phone.fits_320_in_dark_mode("my details texts off")
