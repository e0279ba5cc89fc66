"""carerlink in the carer's own language (issue 17), on a phone in Chromium.

The sign-in page always shows the language switch; a language chosen there is the person's own, on
every device; a carer's journey reads in Welsh and in Urdu (right to left) at 390 x 844 and at 320 px,
with axe finding nothing in either; a centre's language offer reaches whoever has not chosen; and the
pseudo-locale (every message accented and bracketed ⟦…⟧) finds no English that skipped a catalogue on
any screen of the carer's, the buddy's or the coordinator's journey.
"""

from __future__ import annotations

import contextlib
import json
import re
import time
from collections.abc import Iterator
from datetime import timedelta
from functools import cache
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from carerlink import i18n
from tests.browser.conftest import DIST, ROOT, LiveServer, Phone, already_subscribed, until
from tests.browser.test_carer import ORG, Api, Pair, Person, _carer, _go_live, _propose, _screened_buddy

pytestmark = pytest.mark.browser

LOCALES = ROOT / "frontend" / "locales"
NATIVE = {"en-GB": "English", "cy": "Cymraeg", "ur": "اردو", "pl": "Polski"}


@cache
def _catalogue(locale: str) -> dict[str, str]:
    words: dict[str, str] = {}
    for file in (LOCALES / locale).glob("*.json"):
        words.update(json.loads(file.read_text()))
    return words


def words(locale: str, message_id: str) -> str:
    """A message without arguments, as the catalogue of ``locale`` words it."""
    return _catalogue(locale)[message_id]


def _lang_and_dir(page: Page) -> list[str]:
    return list(page.evaluate("[document.documentElement.lang, document.documentElement.dir]"))


def _fits(page: Page, width: int, state: str) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, state


@pytest.fixture(scope="module")
def coordinator(live_server: LiveServer) -> Api:
    api = Api(live_server.url)
    api.send(
        "POST", "/api/v1/auth/login", {"email": "coordinator@example.org", "password": "riverside-buddies"}
    )
    return api


@pytest.fixture(scope="module")
def buddy(live_server: LiveServer, coordinator: Api) -> Iterator[Person]:
    person = _screened_buddy(live_server, coordinator)
    yield person
    coordinator.send("PATCH", f"{ORG}/members/{person.membership_id}", {"status": "suspended"})


def _signed_in_as(phone: Phone, person: Person) -> None:
    """Hand the person's API session to the browser (sign-ins are limited per address)."""
    phone.context.add_cookies(
        [{"name": "carerlink_session", "value": person.api.session_cookie, "url": phone.base_url}]
    )
    phone.go("/")


def test_the_sign_in_page_switches_language_and_a_choice_there_follows_the_person(
    phone: Phone, phone_factory: Any, live_server: LiveServer, coordinator: Api
) -> None:
    page = phone.page
    phone.go("/sign-in")
    switch = page.get_by_role("navigation", name=words("en-GB", "shell.language.label"))
    for name in NATIVE.values():
        expect(switch.get_by_role("button", name=name)).to_be_visible()
    expect(switch.get_by_role("button", name="English")).to_have_attribute("aria-pressed", "true")

    switch.get_by_role("button", name="Cymraeg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words("cy", "shell.signIn.title"))
    assert _lang_and_dir(page) == ["cy", "ltr"]
    phone.check_every_way("sign in, in Welsh")

    page.get_by_role("navigation", name=words("cy", "shell.language.label")).get_by_role(
        "button", name="اردو"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words("ur", "shell.signIn.title"))
    assert _lang_and_dir(page) == ["ur", "rtl"]
    _fits(page, 390, "sign in, in Urdu")
    phone.check_every_way("sign in, in Urdu")

    # Signing in with Welsh chosen here: Welsh is the person's own choice, kept with their account.
    carer = _carer(live_server, coordinator, "Gwen Price")
    page.get_by_role("navigation", name=words("ur", "shell.language.label")).get_by_role(
        "button", name="Cymraeg"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words("cy", "shell.signIn.title"))
    page.locator("#email").fill(carer.email)
    page.locator("#password").fill("a kettle and two mugs")
    page.locator("form .button-primary").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gwen")
    me = carer.api.get("/api/v1/me")
    assert (me["locale"], me["locale_chosen"], me["app_locale"]) == ("cy", True, "cy")

    # On another phone, never told anything: Welsh at once, because Gwen chose it.
    other = phone_factory()
    _signed_in_as(other, carer)
    expect(other.page.get_by_role("heading", level=1)).to_contain_text("Gwen")
    expect(other.page.locator("html")).to_have_attribute("lang", "cy")
    expect(other.page.get_by_role("link", name=words("cy", "crisis.helpNow"), exact=True)).to_be_visible()


def _answer_in(phone: Phone, live_server: LiveServer, pair: Pair, locale: str, width: int) -> None:
    """Gwen's journey in ``locale``: home, the check-in answered, Help now, her details; axe on each."""
    page = phone.page
    page.set_viewport_size({"width": width, "height": 844})
    _signed_in_as(phone, pair.carer)
    expect(page.locator("html")).to_have_attribute("lang", locale)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if locale == "ur" else "ltr")
    expect(page.get_by_role("link", name=words(locale, "crisis.helpNow"), exact=True)).to_be_visible()
    _fits(page, width, f"home in {locale} at {width}")
    phone.check_accessibility(f"carer home in {locale} at {width}")

    page.goto(f"{phone.base_url}/checkins/{_open_checkin(live_server, pair)}")
    expect(page.get_by_role("group", name=words(locale, "carer.answer.howAreYou"))).to_be_visible()
    _fits(page, width, f"check-in in {locale} at {width}")
    phone.check_accessibility(f"check-in form in {locale} at {width}")
    page.locator("form .button-primary").click()  # nothing chosen: the error in the language
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator(".error-summary")).not_to_contain_text("Choose how you're doing")
    phone.check_accessibility(f"check-in error in {locale} at {width}")
    page.locator("input[name=wellbeing][value='4']").check()
    page.locator("form .button-primary").click()
    expect(page.get_by_role("heading", name=words(locale, "carer.checkin.thankYou"))).to_be_visible()
    _fits(page, width, f"answered in {locale} at {width}")
    phone.check_accessibility(f"check-in answered in {locale} at {width}")
    phone.screenshot(f"language-{locale}-{width}-answered")

    page.get_by_role("link", name=words(locale, "crisis.helpNow"), exact=True).click()
    expect(page.get_by_role("link", name="999", exact=False).first).to_be_visible()
    _fits(page, width, f"help now in {locale} at {width}")
    phone.check_accessibility(f"help now in {locale} at {width}")

    phone.go("/me")
    expect(page.get_by_role("button", name=words(locale, "account.myDetails.languageSave"))).to_be_visible()
    _fits(page, width, f"my details in {locale} at {width}")
    phone.check_accessibility(f"my details in {locale} at {width}")
    phone.fits_320_in_dark_mode(f"my details in {locale}")


def _open_checkin(live_server: LiveServer, pair: Pair) -> str:
    """Move the server's clock past the check-in's due time; the open check-in's id once it opens."""
    assert pair.due_at is not None
    live_server.move_to(pair.due_at + timedelta(seconds=1))
    deadline = time.monotonic() + 60
    while True:
        for checkin in pair.carer.api.get("/api/v1/me/checkins?awaiting=true"):
            if checkin["match_id"] == pair.match_id and checkin["state"] == "open":
                return str(checkin["id"])
        assert time.monotonic() < deadline, "the check-in never opened on the live server"
        time.sleep(0.2)


@pytest.mark.parametrize("locale", ["cy", "ur"])
def test_a_carers_journey_in_welsh_and_in_urdu_on_a_phone_and_at_320_px(
    phone: Phone, live_server: LiveServer, coordinator: Api, buddy: Person, locale: str
) -> None:
    for width in (390, 320):
        carer = _carer(live_server, coordinator, f"Carys Bevan {locale}{width}")
        carer.api.send("PATCH", "/api/v1/me", {"locale": locale})
        pair = Pair(carer, _propose(coordinator, carer, buddy))
        _go_live(live_server, pair, buddy)
        try:
            _answer_in(phone, live_server, pair, locale, width)
        finally:
            coordinator.send(
                "POST", f"{ORG}/matches/{pair.match_id}/end", {"reason": "other", "note": "test"}
            )
            phone.context.clear_cookies()


@pytest.mark.parametrize("locale", ["pl", "ur"])
def test_the_messages_boundary_line_reads_once_in_polish_and_in_urdu(
    phone: Phone, live_server: LiveServer, coordinator: Api, buddy: Person, locale: str
) -> None:
    """One sentence from the app's catalogue with Help now as a link inside it, where the language puts
    it (issue 18: the server's sentence with the link tacked on after it said "Help now" twice)."""
    carer = _carer(live_server, coordinator, f"Marta Nowak {locale}")
    carer.api.send("PATCH", "/api/v1/me", {"locale": locale})
    pair = Pair(carer, _propose(coordinator, carer, buddy))
    _go_live(live_server, pair, buddy)
    try:
        _signed_in_as(phone, carer)
        phone.go(f"/matches/{pair.match_id}")
        page = phone.page
        expect(page.locator("html")).to_have_attribute("dir", "rtl" if locale == "ur" else "ltr")
        line = page.locator(".message-boundary p")
        expect(line).to_have_text(re.sub(r"</?0>", "", words(locale, "shared.messages.boundary")))
        link = line.get_by_role("link")
        expect(link).to_have_count(1)
        expect(link).to_have_text(words(locale, "crisis.helpNow"))
        expect(link).to_have_attribute("href", "/help")
        _fits(page, 390, f"the pair's page in {locale}")
        phone.check_every_way(f"the pair's messages in {locale}")
    finally:
        coordinator.send("POST", f"{ORG}/matches/{pair.match_id}/end", {"reason": "other", "note": "test"})
        phone.context.clear_cookies()


def test_a_centre_offering_welsh_asks_whoever_has_not_chosen_and_keeps_the_answer(phone: Phone) -> None:
    page = phone.page
    phone.go("/sign-in")
    page.locator("#email").fill("gofalwr@example.org")
    page.locator("#password").fill("riverside-buddies")
    page.locator("form .button-primary").click()
    offer = page.locator(".language-offer")
    expect(offer).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "cy")  # Welsh first: the Active Offer
    expect(offer.locator("[lang=cy]").first).to_contain_text("Gymraeg")
    expect(offer.locator("[lang=en-GB]").first).to_contain_text("Welsh")
    phone.check_every_way("the Welsh offer")
    offer.get_by_role("button", name="Cymraeg").click()
    expect(offer).to_have_count(0)
    expect(page.locator("html")).to_have_attribute("lang", "cy")


# The pseudo-locale: every message the app shows through a catalogue reads ⟦Ŷöûŕ çĥéçķ-íñš~~~⟧ (no
# ASCII letters at all). What is left outside the brackets is data (names, e-mail addresses, what
# people wrote, the centre's crisis lines) or English that never went through a catalogue.
ALLOWED = {
    "carerlink",
    "am",
    "pm",
    *"january february march april may june july august september october november december".split(),  # noqa: SIM905
    *"jan feb mar apr jun jul aug sep sept oct nov dec".split(),  # noqa: SIM905
    *"monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun".split(),  # noqa: SIM905
}

LEFT_OUTSIDE = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    // Skipped: what is not shown; the time zones' IANA names (the same in every language); words marked
    // as another language on purpose (each language's own name in the switch).
    const skip = 'script, style, noscript, [hidden], [aria-hidden=true], #time_zone, body [lang]';
    if (!element || element.closest(skip)) continue;
    const text = node.textContent.trim();
    if (text) found.push(text);
  }
  const labels = [...document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')].flatMap(
    (el) => ['aria-label', 'title', 'placeholder', 'alt'].map((a) => el.getAttribute(a)).filter(Boolean));
  return [...found, ...labels, document.title];
}"""


def _strings_in(value: Any, into: set[str]) -> None:
    if isinstance(value, str):
        into.add(value)
    elif isinstance(value, dict):
        for item in value.values():
            _strings_in(item, into)
    elif isinstance(value, list):
        for item in value:
            _strings_in(item, into)


def _english_left(texts: list[str], data: set[str]) -> list[str]:
    left = []
    for text in texts:
        outside = re.sub(r"⟦[^⟧]*⟧", " ", text)
        outside = re.sub(r"(https?://|/)[^\s]*", " ", outside)  # links shown as text
        if not re.search(r"[A-Za-z]{2,}", outside):
            continue
        if any(outside.strip() in value for value in data if value):
            continue  # what the API sent: data, not the app's words
        tokens = [t for t in re.findall(r"[A-Za-z][A-Za-z'\u2019-]+", outside) if t.lower() not in ALLOWED]
        data_tokens = {t for value in data for t in re.findall(r"[A-Za-z][A-Za-z'\u2019-]+", value)}
        if any(token not in data_tokens for token in tokens):
            left.append(text)
    return left


def _walk_in_pseudo_locale(phone: Phone, email: str, paths: list[str]) -> dict[str, list[str]]:
    page = phone.page
    data: set[str] = set()

    def keep(response: Any) -> None:
        if "/api/" in response.url and "json" in (response.headers.get("content-type") or ""):
            with contextlib.suppress(Exception):  # a body already gone is no data
                _strings_in(response.json(), data)

    page.on("response", keep)
    phone.context.add_init_script("localStorage.setItem('carerlink.locale', 'en-XA')")
    phone.go("/sign-in")
    page.locator("#email").fill(email)
    page.locator("#password").fill("riverside-buddies")
    page.locator("form .button-primary").click()
    expect(page).not_to_have_url(re.compile(r"/sign-in"))
    # The centre's crisis lines as the phone keeps them for offline (the help page may show them from
    # there): the organisation's own words.
    _strings_in(phone.context.request.get(phone.base_url + "/api/v1/orgs/riverside/public").json(), data)
    found: dict[str, list[str]] = {}
    for path in paths:
        phone.go(path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.lang") == "en-XA", path
        left = _english_left(page.evaluate(LEFT_OUTSIDE), data)
        if left:
            found[path] = left
    return found


@pytest.mark.parametrize(
    ("email", "paths"),
    [
        (
            "carer3@example.org",
            ["/", "/check-ins", "/help", "/me", "/reminders", "/inbox", "/my-data", "/my-profile"],
        ),
        (
            "buddy3@example.org",
            [
                "/",
                "/me",
                "/buddy/hours",
                "/buddy/profile",
                "/buddy/availability",
                "/buddy/concerns",
                "/inbox",
            ],
        ),
        (
            "coordinator@example.org",
            [
                "/",
                "/coordinator/waiting",
                "/coordinator/pairs",
                "/coordinator/buddies",
                "/coordinator/attention",
                "/coordinator/alerts",
                "/coordinator/concerns",
                "/members",
                "/invitations",
                "/referrals",
                "/coordinator/data-rights",
                "/coordinator/audit",
                "/coordinator/retention",
                "/coordinator/message-reports",
                "/coordinator/running",
                "/coordinator/reports",
                "/coordinator/settings",
                "/coordinator/imports",
                "/coordinator/hours",
                "/coordinator/outcomes",
            ],
        ),
    ],
    ids=["carer", "buddy", "coordinator"],
)
def test_the_pseudo_locale_finds_no_english_that_skipped_a_catalogue(
    phone: Phone, email: str, paths: list[str]
) -> None:
    assert (DIST / "index.html").exists()
    phone.sign_in(email)  # as other tests sign in: choosing English, which the pseudo-locale still beats
    phone.context.clear_cookies()
    found = _walk_in_pseudo_locale(phone, email, paths)
    assert found == {}, "English outside any catalogue:\n" + json.dumps(found, ensure_ascii=False, indent=1)


def test_the_sweep_finds_english_left_outside_the_brackets(phone: Phone) -> None:
    """The check can fail: English planted on a pseudo-locale screen is found; data and brackets are not."""
    assert (
        _english_left(["⟦Ŷöûŕ çĥéçķ-íñš~~~⟧", "Helen Wright", "carerlink · 7 December"], {"Helen Wright"})
        == []
    )
    phone.context.add_init_script("localStorage.setItem('carerlink.locale', 'en-XA')")
    phone.go("/sign-in")
    phone.page.evaluate(
        "document.querySelector('main')"
        ".append(Object.assign(document.createElement('p'), {textContent: 'Your check-ins'}))"
    )
    assert _english_left(phone.page.evaluate(LEFT_OUTSIDE), set()) == ["Your check-ins"]


def test_a_coordinator_changes_the_centres_language_offer_in_settings(phone: Phone) -> None:
    page = phone.page
    phone.go("/sign-in")
    page.locator("#email").fill("cydlynydd@example.org")
    page.locator("#password").fill("riverside-buddies")
    page.locator("form .button-primary").click()
    expect(page).not_to_have_url(re.compile(r"/sign-in"))
    phone.go("/coordinator/settings")
    section = page.locator("section", has=page.locator("#languages-heading"))
    expect(section.locator("#languages-heading")).to_have_text(words("cy", "running.settings.languagesTitle"))
    expect(section.locator("#language_offer")).to_have_value("cy")
    phone.check_accessibility("settings, languages, in Welsh")

    def offer() -> Any:
        settings = phone.context.request.get(phone.base_url + "/api/v1/orgs/cardigan-bay").json()["settings"]
        return settings["language_offer"]

    def becomes(value: str) -> None:
        deadline = time.monotonic() + 15
        while offer() != value:
            assert time.monotonic() < deadline, f"the offer never became {value}"
            time.sleep(0.1)

    try:
        section.locator("#language_offer").select_option("pl")
        section.locator("button[type=submit]").click()
        becomes("pl")
        expect(section.get_by_role("status")).to_be_visible()
        expect(section.locator(".settings-changed")).to_be_visible()  # "Changed by Nia Pritchard on …"
    finally:
        section.locator("#language_offer").select_option("cy")
        section.locator("button[type=submit]").click()
        becomes("cy")


def _welsh(message: str) -> str:
    with i18n.using("cy"):
        words = i18n.gettext(message)
    assert words != message, f"not translated into Welsh: {message}"
    return words


def test_a_push_and_an_e_mail_to_a_welsh_speaking_carer_arrive_in_welsh(
    phone: Phone,
    live_server: LiveServer,
    coordinator: Api,
    buddy: Person,
    push_service: Any,
) -> None:
    """Two carers chose Welsh; the coordinator (working in English) proposes each a buddy. Gwen's phone
    gets the push in Welsh; Huw, with no device for pushes, gets the e-mail, in Welsh."""
    [subscription] = push_service.subscribers(1)
    endpoint, token = subscription["endpoint"], subscription["endpoint"].rsplit("/", 1)[1]
    gwen = _carer(live_server, coordinator, "Gwenllian Hughes")
    huw = _carer(live_server, coordinator, "Huw Roberts")
    for carer in (gwen, huw):
        carer.api.send("PATCH", "/api/v1/me", {"locale": "cy"})
    phone.context.grant_permissions(["notifications"], origin=live_server.url)
    phone.context.add_init_script(already_subscribed(subscription))
    _signed_in_as(phone, gwen)
    expect(phone.page.locator("html")).to_have_attribute("lang", "cy")
    until(
        lambda: endpoint in [d["endpoint"] for d in gwen.api.get("/api/v1/push/subscriptions")],
        "Gwen's phone is registered for pushes",
        timeout=60,
    )
    matches = []
    try:
        matches.append(_propose(coordinator, gwen, buddy))
        pushes = until(
            lambda: [r for r in push_service.received() if r["token"] == token and r["payload"]],
            "Gwen's phone has the push",
            timeout=60,
        )
        payload = pushes[-1]["payload"]["notification"]
        assert payload["title"] == _welsh("We've suggested a match for you"), payload
        assert payload["body"] == _welsh("Open carerlink to see who it is and say whether it suits you.")
        assert payload.get("lang") == "cy"
        assert push_service.stats()["problems"] == []

        assert "invited you" in live_server.mail_to(huw.email, timeout=60)  # his invitation, before he chose
        matches.append(_propose(coordinator, huw, buddy))
        mail = live_server.mail_to(huw.email, timeout=60)
        assert _welsh("See who it is and say whether it suits you.") in mail, mail
        assert "See who it is" not in mail
    finally:
        for match_id in matches:
            coordinator.send("POST", f"{ORG}/matches/{match_id}/withdraw", {})
        gwen.api.client.request(
            "DELETE",
            f"/api/v1/push/subscriptions?endpoint={quote(endpoint, safe='')}",
            headers={"X-CSRFToken": gwen.api.client.cookies.get("csrftoken") or ""},
        )
