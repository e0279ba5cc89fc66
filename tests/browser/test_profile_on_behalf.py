"""Filling in a profile with the person (issue 16): Morgan, the coordinator, fills in a new carer's profile
with them on the phone, a step at a time, reading out the words about health information and recording
that they agreed (with the version read); the carer then sees "Morgan filled this in with you" on their
own profile and changes an answer themselves. Every step passes axe in light and dark mode and fits 320 px.

The carer is this module's own (invited by the coordinator and joined through the API, without agreeing
to health information in the app); they are suspended at the end so no other module sees them.
"""

from __future__ import annotations

import contextlib
import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Api, LiveServer, Phone, api_session, new_phone
from tests.browser.profile_steps import CARER_STEPS, CHECK, continue_, expect_step, go_to_step, heading

pytestmark = pytest.mark.browser

ORG = "/api/v1/orgs/riverside"


@pytest.fixture(scope="module")
def coordinator_api(playwright: Any, live_server: LiveServer) -> Iterator[Api]:
    """The demo coordinator through the API (signed in once)."""
    yield from api_session(playwright, live_server, "coordinator@example.org")


@pytest.fixture(scope="module")
def new_carer(
    browser: Any, live_server: LiveServer, coordinator_api: Api
) -> Iterator[tuple[Phone, Api, str]]:
    """A carer who has just joined, no profile and no health-data consent; signed in on their phone."""
    email = f"with-them-{uuid.uuid4().hex[:8]}@example.org"
    code = coordinator_api.call("POST", f"{ORG}/invitations", {"email": email, "role": "carer"})["code"]
    phone = new_phone(browser, live_server.url)
    phone.context.request.get(live_server.url + "/healthz")
    api = Api(phone.context.request, live_server.url)
    me = api.call(
        "POST",
        "/api/v1/invitations/accept",
        {
            "code": code,
            "consents": {"terms": True, "health_data": False},
            "display_name": "Dana Whitfield",
            "password": "a kettle and two mugs",
            "time_zone": "Europe/London",
        },
    )
    membership_id = next(m["membership_id"] for m in me["memberships"] if m["role"] == "carer")
    try:
        yield phone, api, membership_id
    finally:
        coordinator_api.call("PATCH", f"{ORG}/members/{membership_id}", {"status": "suspended"})
        with contextlib.suppress(Exception):
            phone.context.close()
    assert phone.problems == [], "the page reported errors:\n" + "\n".join(phone.problems)


def _every_way(phone: Phone, state: str) -> None:
    """axe in light mode, then dark mode at 320 px (no sideways scrolling)."""
    phone.check_accessibility(state)
    phone.fits_320_in_dark_mode(state)


def test_morgan_fills_in_a_carers_profile_with_them_and_the_carer_can_change_it(
    phone_factory: Any, new_carer: tuple[Phone, Api, str], coordinator_api: Api
) -> None:
    carer_phone, carer_api, membership_id = new_carer
    morgan = phone_factory()
    morgan.sign_in("coordinator@example.org")
    page = morgan.page

    # From the carer's page: no profile yet, so "Fill in their profile with them".
    morgan.go(f"/coordinator/carers/{membership_id}")
    page.get_by_role("link", name="Fill in their profile with them").click()
    expect_step(page, "About your caring", 1, CARER_STEPS)
    expect(page.get_by_text("They'll see that you filled this in with them")).to_be_visible()
    _every_way(morgan, "with them, step 1")
    continue_(page)
    expect(page.locator(".error-summary")).to_be_focused()
    _every_way(morgan, "with them, step 1 with errors")
    page.get_by_label("My mother or father").check()
    page.get_by_role("group", name="Do you live with them?").get_by_label("Yes", exact=True).check()
    page.get_by_role("group", name="About how many hours a week do you care?").locator("input").first.check()
    page.get_by_role("group", name="Where are you with caring at the moment?").locator("input").first.check()
    page.get_by_label("How many years have you been caring?").fill("3")
    page.get_by_role("group", name="Which of these describes you best?").locator("input").first.check()
    continue_(page)

    # The words to read out, and whether they agreed: the needs are asked only once they have.
    expect_step(page, "The person you care for", 2, CARER_STEPS)
    consent = coordinator_api.get(f"{ORG}/carers/{membership_id}/health-data-consent")
    assert consent["agreed"] is False
    expect(page.locator(".consent-read-out")).to_contain_text(consent["text"].split("\n")[0][:40])
    expect(page.locator(".consent-read-out")).to_contain_text(f"Version {consent['version']}")
    expect(page.get_by_label("Dementia")).to_have_count(0)
    continue_(page)
    expect(page.locator(".error-summary")).to_contain_text("Select whether they agreed")
    _every_way(morgan, "with them, consent to read out")
    page.get_by_label("They agreed").check()
    page.get_by_label("Dementia").check()
    _every_way(morgan, "with them, needs after agreeing")
    continue_(page)

    expect_step(page, "Language", 3, CARER_STEPS)
    page.get_by_role("group", name="Which languages do you speak?").get_by_label(
        "English", exact=True
    ).check()
    page.get_by_role("group", name="Would you need an interpreter?").get_by_label("No", exact=True).check()
    _every_way(morgan, "with them, language")
    continue_(page)

    expect_step(page, "How and when to talk", 4, CARER_STEPS)
    page.get_by_label("Phone calls").check()
    _every_way(morgan, "with them, how and when")
    continue_(page)
    expect_step(page, "What you'd like in a buddy", 5, CARER_STEPS)
    _every_way(morgan, "with them, wishes")
    continue_(page)
    expect_step(page, "Anything else", 6, CARER_STEPS)
    _every_way(morgan, "with them, anything else")
    continue_(page)

    expect(heading(page)).to_have_text(CHECK)
    expect(
        page.get_by_text(f"They agreed when you read them the words (version {consent['version']})")
    ).to_be_visible()
    _every_way(morgan, "with them, check your answers")
    page.get_by_role("button", name="Save their profile").click()
    expect(page.get_by_role("link", name="Change their profile")).to_be_visible()

    saved = coordinator_api.get(f"{ORG}/carers/{membership_id}/profile")
    assert (saved["needs"], saved["years_caring"], saved["entered_by_name"]) == (
        ["dementia"],
        3,
        "Morgan Ellis",
    )
    given = coordinator_api.get(f"{ORG}/carers/{membership_id}/health-data-consent")
    assert (given["agreed"], given["method"], given["recorded_by_name"]) == (True, "verbal", "Morgan Ellis")

    # The carer sees who filled it in with them, and changes it themselves.
    cpage = carer_phone.page
    carer_phone.go("/my-profile")
    expect(cpage.get_by_text("Morgan filled this in with you on")).to_be_visible()
    expect(cpage.get_by_text("Dementia")).to_be_visible()
    # How they gave their consent, and to whom (issue 16), beside their choice.
    expect(
        cpage.get_by_text(re.compile(r"^You agreed on \d+ \w+ \d{4}, when Morgan read you the words\.$"))
    ).to_be_visible()
    _every_way(carer_phone, "carer's profile filled in with them")
    cpage.get_by_role("link", name="Change your profile").click()
    expect_step(cpage, "About your caring", 1, CARER_STEPS)
    cpage.get_by_label("How many years have you been caring?").fill("4")
    go_to_step(cpage, CHECK, CARER_STEPS)
    cpage.get_by_role("button", name="Save your profile").click()
    expect(cpage.get_by_role("heading", name="Your profile has been saved")).to_be_visible()
    assert carer_api.get(f"{ORG}/me/carer-profile")["years_caring"] == 4
