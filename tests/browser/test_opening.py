"""Opening the app (issue 11): a signed-out load logs nothing, the signed-in home asks for what it needs
at once, and "Help now" with the crisis numbers works from the shell before any role chunk or data.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DIST, SAM, Phone

pytestmark = pytest.mark.browser


def _first_load(locale: str = "en-GB") -> set[str]:
    """The files index.html asks for itself (the shell), and the shell's words in ``locale`` (boot.js
    asks for them at once, issue 17); every other chunk belongs to a role."""
    shell = set(re.findall(r'(?:src|href)="(/assets/[^"]+)"', (DIST / "index.html").read_text()))
    words = json.loads((DIST / "first-load.json").read_text())["languages"][locale]["files"]
    return shell | set(words)


def test_a_signed_out_load_logs_no_error_at_all_and_never_asks_me(phone: Phone) -> None:
    console: list[str] = []
    asked: list[str] = []
    phone.page.on("console", lambda m: m.type in ("error", "warning") and console.append(m.text))
    phone.page.on("request", lambda r: asked.append(r.url))

    phone.page.goto(phone.base_url + "/")

    expect(phone.page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(phone.page.get_by_role("link", name="Help now", exact=True)).to_be_visible()
    assert console == [], console
    assert any(url.endswith("/api/v1/session") for url in asked)
    assert not any(url.endswith("/api/v1/me") for url in asked), "the probe replaces /api/v1/me at start"


def test_the_signed_in_home_asks_for_its_chunks_and_data_without_waiting_on_the_app(
    phone: Phone,
) -> None:
    phone.sign_in(SAM)
    started: dict[str, float] = {}
    page = phone.context.new_page()
    page.on("request", lambda r: started.setdefault(r.url.removeprefix(phone.base_url), len(started)))

    page.goto(phone.base_url + "/")

    expect(page.locator("h1")).to_have_text("Hello, Sam")
    expect(page.get_by_role("heading", name="Your next check-in")).to_be_visible()
    next_checkin = re.compile(r"Your next check-in with Helen is|Your check-in is open")
    expect(page.get_by_text(next_checkin)).to_be_visible()
    order = list(started)
    shell = [url for url in order if url in _first_load()]
    waiting = next(url for url in order if url.endswith("/me/waiting"))
    plan = next(url for url in order if url.endswith("/checkin-plan"))
    # The session is asked for by boot.js, and home's data before the page's last shell module has
    # even been asked for again; each is asked for once.
    assert order.index("/api/v1/session") < order.index(waiting) < order.index(plan)
    assert len(shell) == len(_first_load())
    assert "/api/v1/me" not in order
    page.close()


def test_help_now_shows_the_numbers_while_the_role_chunks_and_the_api_are_held(phone: Phone) -> None:
    phone.sign_in(SAM)
    expect(phone.page.get_by_role("heading", name="Your next check-in")).to_be_visible()
    # The centre's own list, as this phone saved it when it was last online.
    phone.page.evaluate(
        """async () => {
            const cache = await caches.open('carerlink-public');
            await cache.put('/api/v1/orgs/riverside/public', new Response(JSON.stringify({
                name: 'Riverside Carers Centre',
                crisis_lines: [{name: 'Riverside duty line', contact: '01632 960123', how: 'call',
                                description: 'The centre, weekdays 9 to 5.'}],
            }), {headers: {'Content-Type': 'application/json'}}));
        }"""
    )
    first_load = _first_load()
    held: list[Any] = []

    def hold(route: Any) -> None:
        held.append(route)  # never answered while the test looks

    page = phone.context.new_page()
    page.route(lambda url: "/api/" in url, hold)
    page.route(lambda url: "/assets/" in url and url.removeprefix(phone.base_url) not in first_load, hold)
    page.goto(phone.base_url + "/")
    expect(page.get_by_role("link", name="Help now", exact=True)).to_be_visible()
    assert held, "the API and the role chunks were asked for"

    page.get_by_role("link", name="Help now", exact=True).click()

    expect(page.locator("h1")).to_have_text("Get help now")
    expect(page.get_by_role("link", name="Call 999")).to_be_visible()
    expect(page.get_by_role("link", name="Call 01632 960123")).to_be_visible()
    expect(page.get_by_text("These numbers were chosen by Riverside Carers Centre.")).to_be_visible()
    phone.check_accessibility("help now while the app's data is held")
    page.close()


def test_help_now_on_a_new_phone_shows_the_uk_numbers_while_everything_else_is_held(
    phone: Phone,
) -> None:
    first_load = _first_load()
    page = phone.page
    page.route(lambda url: "/api/" in url, lambda route: None)  # held: never answered
    page.route(
        lambda url: "/assets/" in url and url.removeprefix(phone.base_url) not in first_load,
        lambda route: None,
    )
    page.goto(phone.base_url + "/")
    expect(page.get_by_role("link", name="Help now", exact=True)).to_be_visible()

    page.get_by_role("link", name="Help now", exact=True).click()

    expect(page.locator("h1")).to_have_text("Get help now")
    for number in ("Call 999", "Call 116 123", "Text 85258", "Call 0808 808 7777"):
        expect(page.get_by_role("link", name=number)).to_be_visible()
    page.set_viewport_size({"width": 320, "height": 700})
    page.emulate_media(color_scheme="dark")
    phone.check_accessibility("help now at 320 px, dark, nothing else loaded")


def test_help_now_works_even_when_the_words_of_the_app_never_arrive(phone: Phone) -> None:
    """A phone whose catalogue chunk hangs: after a short wait the app starts anyway, and Help now and
    its numbers are there in English, the words built into the app (issue 17)."""
    shell = set(re.findall(r'(?:src|href)="(/assets/[^"]+)"', (DIST / "index.html").read_text()))
    page = phone.page
    page.route(lambda url: "/api/" in url, lambda route: None)  # held: never answered
    page.route(
        lambda url: "/assets/" in url and url.removeprefix(phone.base_url) not in shell, lambda route: None
    )
    page.goto(phone.base_url + "/")
    expect(page.get_by_role("link", name="Help now", exact=True)).to_be_visible(timeout=15000)
    page.get_by_role("link", name="Help now", exact=True).click()
    expect(page.locator("h1")).to_have_text("Get help now")
    for number in ("Call 999", "Call 116 123", "Text 85258"):
        expect(page.get_by_role("link", name=number)).to_be_visible()
