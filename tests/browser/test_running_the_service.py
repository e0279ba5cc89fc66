"""Running the service in one sitting (issue 16), as the issue's Chromium check asks: Morgan brings a
carer in from a spreadsheet (fixing the row the dry run reported), fills in the new carer's profile with
them on the phone, and downloads the quarter's report, which counts the carer brought in.

Each part has its own detailed test (test_imports.py, test_profile_on_behalf.py, test_reports.py); this
one checks they join up: the imported carer's page offers the stepped form, the form saves for someone
who has not joined yet, and the report's figures move. axe runs on every state the journey adds.
"""

from __future__ import annotations

import csv
import io
import uuid
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Phone
from tests.browser.profile_steps import CARER_STEPS, CHECK, continue_, expect_step, heading

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@example.org"
HEADINGS = "name,email,phone,invite_by,referral_date"
NEW_CARERS = "Carers new in the period"


def _file(*rows: str) -> dict[str, Any]:
    body = "\ufeff" + "\r\n".join((HEADINGS, *rows)) + "\r\n"  # as a spreadsheet saves it, with a BOM
    return {"name": "referrals.csv", "mimeType": "text/csv", "buffer": body.encode()}


def _new_carers(page: Any) -> str:
    """The report's "new carers" figure, as it reads on the screen."""
    label = page.locator("dt", has_text=NEW_CARERS)
    figure = page.locator(".report-figure").filter(has=label)
    return figure.locator("dd").first.inner_text()


def _summary_csv(page: Any) -> list[list[str]]:
    with page.expect_download() as got:
        page.get_by_role("link", name="The figures of this period (CSV)").click()
    text = Path(got.value.path()).read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_morgan_brings_a_carer_in_fills_in_their_profile_with_them_and_reports_the_quarter(
    phone_factory: Any,
) -> None:
    morgan: Phone = phone_factory()
    morgan.sign_in(COORDINATOR)
    page = morgan.page
    tag = uuid.uuid4().hex[:6]
    name = f"Olwen Price {tag}"
    email = f"olwen.{tag}@example.org"
    today = page.evaluate("new Date().toISOString().slice(0, 10)")

    # The report before: what "new carers" says this quarter.
    morgan.go("/coordinator/reports")
    expect(page.locator(".report-period")).to_be_visible(timeout=30_000)
    before = _new_carers(page)

    # 1. The dry run finds the mistyped address; the corrected file is clean; confirming brings her in.
    morgan.go("/coordinator/imports")
    page.get_by_label("The file", exact=True).set_input_files(
        _file(f"{name},olwen.{tag}.example.org,,in person,{today}")
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_text("1 row checked, 0 ready to bring in, 1 row has problems.")).to_be_visible()
    morgan.check_accessibility("journey: the dry run's problem")
    page.get_by_label("The file", exact=True).set_input_files(_file(f"{name},{email},,in person,{today}"))
    page.get_by_role("button", name="Check the corrected file").click()
    expect(page.get_by_text("No problems found.")).to_be_visible()
    page.get_by_role("button", name="Bring in 1 person").click()
    expect(page.get_by_role("heading", name="Records brought in")).to_be_visible()
    expect(page.locator(".code-sheet li").filter(has_text=name)).to_be_visible()

    # 2. From the waiting list to her page, and through the stepped form with her on the phone.
    morgan.go("/coordinator/waiting")
    waiting = page.locator("li.list-item").filter(has_text=name)
    expect(waiting.get_by_text("Invited, not yet joined")).to_be_visible()
    waiting.get_by_role("link", name=name).click()
    page.get_by_role("link", name="Fill in their profile with them").click()
    expect_step(page, "About your caring", 1, CARER_STEPS)
    page.get_by_label("My partner").check()
    page.get_by_role("group", name="Do you live with them?").get_by_label("Yes", exact=True).check()
    page.get_by_role("group", name="About how many hours a week do you care?").locator("input").first.check()
    page.get_by_role("group", name="Where are you with caring at the moment?").locator("input").first.check()
    page.get_by_label("How many years have you been caring?").fill("2")
    page.get_by_role("group", name="Which of these describes you best?").locator("input").first.check()
    continue_(page)
    expect_step(page, "The person you care for", 2, CARER_STEPS)
    page.get_by_label("They didn't agree").check()  # no needs recorded without her agreement
    continue_(page)
    expect_step(page, "Language", 3, CARER_STEPS)
    languages = page.get_by_role("group", name="Which languages do you speak?")
    languages.get_by_label("English", exact=True).check()
    page.get_by_role("group", name="Would you need an interpreter?").get_by_label("No", exact=True).check()
    continue_(page)
    expect_step(page, "How and when to talk", 4, CARER_STEPS)
    page.get_by_label("Phone calls").check()
    for _ in range(3):
        continue_(page)
    expect(heading(page)).to_have_text(CHECK)
    morgan.check_accessibility("journey: check the answers of an imported carer")
    page.get_by_role("button", name="Save their profile").click()
    expect(page.get_by_role("link", name="Change their profile")).to_be_visible()

    # 3. The quarter's report counts her, on the screen and in the CSV it downloads.
    morgan.go("/coordinator/reports")
    expect(page.locator(".report-period")).to_be_visible(timeout=30_000)
    expect(page.locator(".report-figure dt", has_text=NEW_CARERS).first).to_be_visible()
    after = _new_carers(page)
    assert after != before or before == "fewer than 5", (before, after)
    rows = _summary_csv(page)
    assert rows[0] == ["section", "figure", "value", "words"]
    new_carers = [r for r in rows[1:] if r[1] == NEW_CARERS]
    assert new_carers and new_carers[0][3] == after
    morgan.check_accessibility("journey: the quarter's report after the import")
