"""A new buddy tells the centre about their own caring on their phone: the prompt on home, the form (a
step at a time, then "Check your answers") with its errors (confirming they are 18 or over among them),
the profile in words without health information, then their own health-data consent given (the needs
asked and kept) and refused again (deleted), and a change to the profile; then their free times, gender,
culture and faith, and a carer whose "must" is a buddy of that gender is suggested them.

The buddy is this module's own (invited by the coordinator and joined through the API; the phone gets
that session, since sign-ins are rate-limited). The last test screens and approves them, so the
coordinator's suggestions can offer them to this module's own carer; both are suspended at the end, so
no other module's matching ever sees them.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Api, LiveServer, Phone, api_session, new_phone, screen_and_approve
from tests.browser.profile_steps import BUDDY_STEPS, CHECK, continue_, expect_step, go_to_step, heading, save

pytestmark = pytest.mark.browser

ORG = "/api/v1/orgs/riverside"
PROFILE = f"{ORG}/me/buddy-profile"
CONSENT = f"{ORG}/me/buddy-profile/health-data-consent"
NOT_KEPT = "Not kept: you haven't agreed to us keeping health information"


@dataclass
class Newcomer:
    """The module's buddy: their phone, the phone's API session, and their membership."""

    phone: Phone
    api: Api
    membership_id: str


@pytest.fixture(scope="module")
def coordinator(playwright: Any, live_server: LiveServer) -> Iterator[Api]:
    """The demo coordinator through the API (signed in once)."""
    yield from api_session(playwright, live_server, "coordinator@example.org")


@pytest.fixture(scope="module")
def newcomer(browser: Any, live_server: LiveServer, coordinator: Api) -> Iterator[Newcomer]:
    """A buddy who has just joined (no profile yet), signed in on a phone; suspended afterwards."""
    email = f"buddy-profile-{uuid.uuid4().hex[:8]}@example.org"
    code = coordinator.call("POST", f"{ORG}/invitations", {"email": email, "role": "buddy"})["code"]
    phone = new_phone(browser, live_server.url)
    # The phone's own request context: accepting signs in, and the session cookie is the phone's.
    phone.context.request.get(live_server.url + "/healthz")
    api = Api(phone.context.request, live_server.url)
    me = api.call(
        "POST",
        "/api/v1/invitations/accept",
        {
            "code": code,
            "consents": {"terms": True, "health_data": True},
            "display_name": "Priya Okafor",
            "password": "a kettle and two mugs",
            "time_zone": "Europe/London",
        },
    )
    membership_id = next(m["membership_id"] for m in me["memberships"] if m["role"] == "buddy")
    try:
        yield Newcomer(phone, api, membership_id)
    finally:
        coordinator.call("PATCH", f"{ORG}/members/{membership_id}", {"status": "suspended"})
        with contextlib.suppress(Exception):
            phone.context.close()
    assert phone.problems == [], "the page reported errors:\n" + "\n".join(phone.problems)


def _status(api: Api, path: str) -> int:
    """The status of a GET (the Api helper fails on anything but success)."""
    return int(api.request.get(api.base_url + path).status)


def _summary(phone: Phone) -> dict[str, str]:
    """The profile's summary list as {label: words}."""
    rows = phone.page.locator("dl.carer-summary .carer-summary-row")
    expect(rows.first).to_be_visible()
    return {
        row.locator("dt").inner_text().strip(): " / ".join(
            line.strip() for line in row.locator("dd").inner_text().splitlines() if line.strip()
        )
        for row in rows.all()
    }


def test_a_new_buddy_fills_in_their_profile_and_changes_it(newcomer: Newcomer) -> None:
    phone, page = newcomer.phone, newcomer.phone.page

    # Home: nobody can be introduced to me until I have a profile, so home asks for it.
    phone.go("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Priya")
    prompt = page.get_by_role("heading", name="Tell us about your caring experience")
    expect(page.locator("section.card", has=prompt)).to_contain_text("nobody can be introduced to you")
    expect(page.get_by_role("link", name="Your profile and experience of caring")).to_be_visible()
    phone.check_accessibility("new buddy's home with the profile prompt")
    phone.screenshot("buddy-profile-home-prompt")
    phone.fits_320_in_dark_mode("buddy profile home prompt")

    # The profile screen says there is nothing yet.
    page.get_by_role("link", name="Your profile and experience of caring").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your profile")
    expect(page.get_by_text("You haven't told us about your experience of caring yet")).to_be_visible()
    phone.check_accessibility("buddy profile, none yet")
    phone.screenshot("buddy-profile-none")

    # The form, a step at a time: continuing with nothing ticked lists the step's required answers.
    page.get_by_role("link", name="Tell us about your caring experience").click()
    expect_step(page, "Your experience of caring", 1, BUDDY_STEPS)
    expect(page.locator(".caption")).to_contain_text("Tell us about your caring experience")
    phone.check_accessibility("buddy profile form, empty")
    continue_(page)
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    links = summary.get_by_role("link")
    expect(links).to_have_text(
        [
            "Select whether you're 18 or over",
            "Select who you care or cared for",
            "Select whether you're caring now",
            "Enter how many years you have been caring",
        ]
    )
    assert [link.get_attribute("href") for link in links.all()] == [
        "#confirmed_adult",
        "#relationships",
        "#caring_status",
        "#years_caring",
    ]
    summary.get_by_role("link", name="Select whether you're caring now").click()
    expect(page.locator("#caring_status")).to_be_focused()
    expect(page.locator("#years_caring")).to_have_attribute("aria-invalid", "true")
    phone.check_accessibility("buddy profile form with errors")
    phone.screenshot("buddy-profile-errors")
    phone.fits_320_in_dark_mode("buddy profile errors")
    assert _status(newcomer.api, PROFILE) == 404, "nothing was saved"

    page.get_by_label("Yes, I'm 18 or over").check()
    page.get_by_label("My mother or father").check()
    page.get_by_label("I'm caring now").check()
    page.get_by_label("Settled into caring").check()
    page.get_by_label("How many years have you been caring, or did you care?").fill("6")
    continue_(page)

    # Without my health-data consent the form does not ask what the person I cared for lived with.
    expect_step(page, "The person you care or cared for", 2, BUDDY_STEPS)
    assert newcomer.api.get(CONSENT)["agreed"] is False  # joining as a buddy asks only the terms
    expect(page.get_by_label("Dementia")).to_have_count(0)
    inset = page.locator(".inset", has_text="You haven't agreed to us keeping health information")
    expect(inset.get_by_role("link", name="Change your choice about health information")).to_be_visible()
    continue_(page)

    expect_step(page, "How and when to talk", 3, BUDDY_STEPS)
    continue_(page)
    expect(summary.get_by_role("link")).to_have_text(
        ["Select the languages you speak", "Select how you can keep in touch with a carer"]
    )
    page.get_by_label("English", exact=True).check()
    page.get_by_label("Polish").check()
    page.get_by_label("Phone calls").check()
    page.get_by_label("The first half of your postcode").fill("se5")
    continue_(page)

    # Write too much about myself: the count warns, and the field has the error.
    expect_step(page, "About you", 4, BUDDY_STEPS)
    page.get_by_label("About you").fill("I looked after my mum. " * 22)  # 506 characters
    expect(page.get_by_text("You have 6 characters too many")).to_be_visible()
    page.get_by_label("2 carers").check()
    continue_(page)
    message = "What you tell carers about yourself must be 500 characters or fewer"
    expect(summary.get_by_role("link")).to_have_text([message])
    expect(page.locator("#about_me-error")).to_contain_text(message)
    phone.check_accessibility("buddy profile form, about me too long")
    phone.screenshot("buddy-profile-too-long")

    about = "I looked after my mum through dementia for six years. A cup of tea and a chat helped me most."
    page.get_by_label("About you").fill(about)
    continue_(page)
    expect(heading(page)).to_have_text(CHECK)
    expect(page.get_by_text("My mother or father")).to_be_visible()
    phone.check_accessibility("buddy profile form, check your answers")
    phone.fits_320_in_dark_mode("buddy profile check your answers")
    page.get_by_role("button", name="Save your profile").click()

    # Saved: the profile in words.
    expect(page.get_by_role("heading", level=1)).to_have_text("Your profile")
    expect(page.get_by_role("status").filter(has_text="Your profile has been saved")).to_be_visible()
    assert page.url.endswith("/buddy/profile")
    shown = _summary(phone)
    assert shown["I'm 18 or over"] == "Yes"
    assert shown["Conditions I have experience of"] == NOT_KEPT
    expect(page.get_by_text("You haven't agreed to the centre keeping what the person")).to_be_visible()
    assert shown["I care or cared for"] == "My mother or father"
    assert shown["Caring now or in the past"] == "I'm caring now"
    assert shown["Where I am with caring"] == "Settled into caring"
    assert shown["Years caring"] == "6 years"
    assert shown["Languages"] == "English / Polish"
    assert shown["Keeping in touch by"] == "Phone calls"
    assert shown["Area"] == "SE5"
    assert shown["When I am usually free"] == "Not given"
    assert shown["About me"] == about
    assert shown["Carers I can support at once"] == "2 carers"
    phone.check_accessibility("buddy profile saved")
    phone.screenshot("buddy-profile-saved")
    phone.fits_320_in_dark_mode("buddy profile saved")

    assert newcomer.api.get(PROFILE)["needs"] == []

    # I agree to the centre keeping health information, on a screen of its own.
    page.get_by_role("link", name="Change your choice about health information").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Health information about the person you care or cared for"
    )
    expect(page.locator(".consent-text")).to_contain_text("Carers I am introduced to will see it")
    expect(page.get_by_label("No, please don't keep it")).to_be_checked()
    phone.check_accessibility("buddy health-data consent")
    phone.screenshot("buddy-health-data-consent")
    phone.fits_320_in_dark_mode("buddy health-data consent")
    page.get_by_label("Yes, you can keep it").check()
    page.get_by_role("button", name="Save your choice").click()
    expect(page.get_by_role("status").filter(has_text="Your choice about health information has been saved"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your profile")
    expect(page.get_by_text("You have agreed that the centre can keep what the person")).to_be_visible()
    assert newcomer.api.get(CONSENT)["agreed"] is True

    # Now the form asks what the person I cared for lived with.
    page.get_by_role("link", name="Change your profile").click()
    expect_step(page, "Your experience of caring", 1, BUDDY_STEPS)
    expect(page.locator(".caption")).to_contain_text("Change your profile")
    expect(page.get_by_label("Yes, I'm 18 or over")).to_be_checked()
    continue_(page)
    page.get_by_label("Dementia").check()
    page.get_by_label("A mental health condition").check()
    page.get_by_label("Depression or anxiety").check()
    save(page, BUDDY_STEPS)
    expect(page.get_by_role("status").filter(has_text="Your profile has been saved")).to_be_visible()
    assert _summary(phone)["Conditions I have experience of"] == (
        "A mental health condition / Dementia / Depression or anxiety"
    )

    stored = newcomer.api.get(PROFILE)
    assert stored["confirmed_adult"] is True
    assert stored["needs_shared"] is True
    assert stored["relationships"] == ["son_or_daughter"]
    assert stored["caring_status"] == "current"
    assert stored["journey_stage"] == "established"
    assert stored["years_caring"] == 6
    assert sorted(stored["needs"]) == ["dementia", "mental_health"]
    assert stored["mental_health_needs"] == ["depression_anxiety"]
    assert stored["languages"] == ["en", "pl"]
    assert stored["contact_modes"] == ["phone"]
    assert stored["postcode_district"] == "SE5"
    assert stored["about_me"] == about
    assert stored["capacity"] == 2

    # Change one answer: the form starts from what is saved.
    page.get_by_role("link", name="Change your profile").click()
    expect_step(page, "Your experience of caring", 1, BUDDY_STEPS)
    continue_(page)
    expect(page.get_by_label("Dementia")).to_be_checked()
    go_to_step(page, "About you", BUDDY_STEPS)
    expect(page.get_by_label("About you")).to_have_value(about)
    expect(page.get_by_text(f"You have {500 - len(about)} characters remaining")).to_be_visible()
    phone.check_accessibility("buddy profile form, changing")
    phone.screenshot("buddy-profile-change")
    page.get_by_role("button", name="Back").click()
    expect_step(page, "How and when to talk", 3, BUDDY_STEPS)
    page.get_by_label("Video calls").check()
    save(page, BUDDY_STEPS)
    expect(page.get_by_role("status").filter(has_text="Your profile has been saved")).to_be_visible()
    assert _summary(phone)["Keeping in touch by"] == "Phone calls / Video calls"

    changed = newcomer.api.get(PROFILE)
    assert changed["contact_modes"] == ["phone", "video"]
    unchanged = {key for key in stored if key not in ("contact_modes", "updated_at")}
    assert {key: changed[key] for key in unchanged} == {key: stored[key] for key in unchanged}

    # I change my mind: saying no warns that it deletes what I said, and it is gone at once.
    page.get_by_role("link", name="Change your choice about health information").click()
    page.get_by_label("No, please don't keep it").check()
    expect(
        page.get_by_text("we'll delete what you told us about what the person you care or cared for")
    ).to_be_visible()
    phone.check_accessibility("buddy health-data consent, withdrawing")
    page.get_by_role("button", name="Save your choice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your profile")
    assert _summary(phone)["Conditions I have experience of"] == NOT_KEPT
    refused = newcomer.api.get(PROFILE)
    assert (refused["needs"], refused["mental_health_needs"], refused["needs_shared"]) == ([], [], False)
    assert newcomer.api.get(CONSENT)["agreed"] is False

    # Home no longer asks.
    phone.go("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Priya")
    expect(page.get_by_role("link", name="Your profile and experience of caring")).to_be_visible()
    expect(page.get_by_role("heading", name="Tell us about your caring experience")).to_have_count(0)


@pytest.fixture(scope="module")
def carer_wanting_non_binary_buddy(
    playwright: Any, live_server: LiveServer, coordinator: Api
) -> Iterator[str]:
    """A carer of the same centre whose "must" is a non-binary buddy (their membership); suspended after."""
    email = f"carer-wish-{uuid.uuid4().hex[:8]}@example.org"
    code = coordinator.call("POST", f"{ORG}/invitations", {"email": email, "role": "carer"})["code"]
    context = playwright.request.new_context()
    context.get(live_server.url + "/healthz")  # sets the csrftoken cookie
    carer = Api(context, live_server.url)
    me = carer.call(
        "POST",
        "/api/v1/invitations/accept",
        {
            "code": code,
            "consents": {"terms": True, "health_data": True},
            "display_name": "Robin Achterberg",
            "password": "a long walk by the river",
            "time_zone": "Europe/London",
        },
    )
    membership_id = next(m["membership_id"] for m in me["memberships"] if m["role"] == "carer")
    try:
        carer.call(
            "PUT",
            f"{ORG}/me/carer-profile",
            {
                "relationships": ["son_or_daughter"],
                "co_resident": False,
                "hours_band": "19_or_less",
                "journey_stage": "adjusting",
                "years_caring": 1,
                "carer_category": "adult",
                "languages": ["en"],
                "preferred_language": "en",
                "contact_modes": ["phone"],
                "availability": [{"day": "tue", "part": "evening"}],
                "preferences": {"gender": {"genders": ["non_binary"], "strength": "must"}},
            },
        )
        yield membership_id
    finally:
        coordinator.call("PATCH", f"{ORG}/members/{membership_id}", {"status": "suspended"})
        context.dispose()


def _suggested(coordinator: Api, carer_membership_id: str) -> list[str]:
    """The buddies the coordinator's suggestions offer this carer (their memberships)."""
    found = coordinator.get(f"{ORG}/carers/{carer_membership_id}/suggestions?limit=10")
    assert found["on_hold"] is None, found["on_hold"]
    return [suggestion["buddy"]["membership_id"] for suggestion in found["suggestions"]]


def test_a_buddy_gives_gender_culture_faith_and_free_times_and_a_carer_who_must_have_it_gets_them(
    newcomer: Newcomer, coordinator: Api, carer_wanting_non_binary_buddy: str
) -> None:
    phone, page = newcomer.phone, newcomer.phone.page
    carer = carer_wanting_non_binary_buddy
    if _status(newcomer.api, PROFILE) == 404:  # run on its own: the profile the first test saves
        newcomer.api.call(
            "PUT",
            PROFILE,
            {
                "relationships": ["son_or_daughter"],
                "caring_status": "current",
                "confirmed_adult": True,
                "journey_stage": "established",
                "years_caring": 6,
                "languages": ["en", "pl"],
                "contact_modes": ["phone"],
                "capacity": 2,
            },
        )
    before = newcomer.api.get(PROFILE)
    assert [before["availability"], before["gender"], before["cultures"], before["faith"]] == [
        [],
        None,
        [],
        None,
    ]

    # Screened and approved, but with no gender given the carer's "must" keeps them apart.
    screen_and_approve(coordinator, ORG, newcomer.membership_id, reference="001122334466")
    assert newcomer.membership_id not in _suggested(coordinator, carer)

    # The form asks, each question in a fieldset with its hint read out with the legend.
    phone.go("/buddy/profile/edit")
    expect_step(page, "Your experience of caring", 1, BUDDY_STEPS)
    go_to_step(page, "How and when to talk", BUDDY_STEPS)
    free = page.get_by_role("group", name="When are you usually free to talk or meet? (optional)")
    free.get_by_role("group", name="Evenings (5pm to 9pm)").get_by_label("Tuesday").check()
    free.get_by_role("group", name="Mornings (8am to midday)").get_by_label("Saturday").check()
    go_to_step(page, "About you", BUDDY_STEPS)
    gender = page.get_by_role("group", name="How do you describe your gender? (optional)")
    cultures = page.get_by_role("group", name="Your cultural background (optional)")
    faith = page.get_by_role("group", name="Your faith (optional)")
    expect(gender).to_have_accessible_description(
        "Carers can ask for a buddy of a particular gender, so telling us helps the centre introduce you."
    )
    expect(cultures).to_have_accessible_description(
        "Some carers would like a buddy who shares their culture or faith. Only tell us if you're happy for "
        "the centre to use it for that. Select up to 3."
    )
    expect(gender.get_by_label("Prefer not to say")).to_be_checked()
    expect(faith.get_by_label("I'd rather not say")).to_be_checked()
    phone.check_accessibility("buddy profile form with free times, gender, culture and faith")
    phone.screenshot("buddy-profile-background")

    gender.get_by_label("Non-binary", exact=True).check()
    faith.get_by_label("Sikh", exact=True).check()
    for culture in ("Asian or Asian British: Indian", "Arab", "White: Irish", "Another ethnic group"):
        cultures.get_by_label(culture, exact=True).check()

    # Four cultural backgrounds are one too many: stopped here, in GOV.UK words, and nothing is sent.
    continue_(page)
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(["Select up to 3 cultural backgrounds"])
    assert summary.get_by_role("link").get_attribute("href") == "#cultures"
    expect(cultures).to_have_accessible_description(
        "Some carers would like a buddy who shares their culture or faith. Only tell us if you're happy for "
        "the centre to use it for that. Select up to 3. Error: Select up to 3 cultural backgrounds"
    )
    phone.check_accessibility("buddy profile form, too many cultural backgrounds")
    phone.screenshot("buddy-profile-too-many-cultures")
    assert newcomer.api.get(PROFILE)["cultures"] == []
    for culture in ("Arab", "White: Irish", "Another ethnic group"):
        cultures.get_by_label(culture, exact=True).uncheck()
    save(page, BUDDY_STEPS)

    # The summary in words.
    expect(page.get_by_role("status").filter(has_text="Your profile has been saved")).to_be_visible()
    shown = _summary(phone)
    assert shown["When I am usually free"] == "Mornings: Saturday / Evenings: Tuesday"
    assert shown["My gender"] == "Non-binary"
    assert shown["My cultural background"] == "Asian or Asian British: Indian"
    assert shown["My faith"] == "Sikh"
    phone.check_accessibility("buddy profile with free times, gender, culture and faith")
    phone.screenshot("buddy-profile-background-saved")
    phone.fits_320_in_dark_mode("buddy profile with background")

    # The API has exactly these, and nothing else changed.
    after = newcomer.api.get(PROFILE)
    assert after["availability"] == [{"day": "tue", "part": "evening"}, {"day": "sat", "part": "morning"}]
    assert after["gender"] == "non_binary"
    assert after["cultures"] == ["asian_indian"]
    assert after["faith"] == "sikh"
    same = {key for key in before if key not in ("availability", "gender", "cultures", "faith", "updated_at")}
    assert {key: after[key] for key in same} == {key: before[key] for key in same}

    # The point of it: the carer who must have a non-binary buddy is now suggested this one, and only them.
    assert _suggested(coordinator, carer) == [newcomer.membership_id]

    # The form starts from what is saved; "Prefer not to say" takes the gender back (null), and with it
    # the suggestion.
    page.get_by_role("link", name="Change your profile").click()
    go_to_step(page, "How and when to talk", BUDDY_STEPS)
    expect(free.get_by_role("group", name="Evenings (5pm to 9pm)").get_by_label("Tuesday")).to_be_checked()
    go_to_step(page, "About you", BUDDY_STEPS)
    expect(gender.get_by_label("Non-binary", exact=True)).to_be_checked()
    expect(faith.get_by_label("Sikh", exact=True)).to_be_checked()
    expect(cultures.get_by_label("Asian or Asian British: Indian", exact=True)).to_be_checked()
    gender.get_by_label("Prefer not to say").check()
    save(page, BUDDY_STEPS)
    expect(page.get_by_role("status").filter(has_text="Your profile has been saved")).to_be_visible()
    assert _summary(phone)["My gender"] == "Not given"
    withheld = newcomer.api.get(PROFILE)
    assert withheld["gender"] is None
    assert {key: withheld[key] for key in ("availability", "cultures", "faith")} == {
        key: after[key] for key in ("availability", "cultures", "faith")
    }
    assert newcomer.membership_id not in _suggested(coordinator, carer)
