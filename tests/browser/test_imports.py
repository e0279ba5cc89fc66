"""Bringing carers in from a spreadsheet at phone size (issue 16): Morgan uploads a file with mistakes,
reads them by row and column, uploads the corrected file (two carers sharing a landline: a warning apart
from the errors, and both still come in), confirms, and sees the new carer as "invited, not yet joined"
in the result and on the waiting list.

Every screen state passes axe, and fits 320 px in dark mode.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LiveServer

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@example.org"
HEADINGS = (
    "name,email,phone,invite_by,referral_date,relationships,co_resident,hours_band,journey_stage,"
    "years_caring,carer_category,languages,contact_modes"
)
GOOD = (
    "Rosa Delgado,rosa.delgado@example.org,,email,2025-09-01,partner,yes,20_to_49,adjusting,2,adult,en,phone"
)
CODE = "Bernard Okoye,bernard.okoye@example.org,,in person,2025-10-15,,,,,,,,"
# Rosa and Bernard share a landline: a warning, and both still come in.
LANDLINE = "020 7946 0123"
BAD = "Bernard Okoye,bernard.okoye.example.org,,in person,2025-10-15,,,,,,,,"
WRONG_WORD = (
    "Rosa Delgado,rosa.delgado@example.org,,email,2025-09-01,husband,yes,20_to_49,adjusting,2,adult,en,phone"
)


def _file(*rows: str) -> dict[str, Any]:
    return {
        "name": "carers.csv",
        "mimeType": "text/csv",
        "buffer": ("\r\n".join((HEADINGS, *rows)) + "\r\n").encode(),
    }


def test_morgan_fixes_the_reported_rows_and_brings_the_carers_in(
    phone_factory: Any, live_server: LiveServer
) -> None:
    coordinator = phone_factory()
    coordinator.sign_in(COORDINATOR)
    page = coordinator.page

    coordinator.go("/coordinator/imports")
    expect(page.get_by_role("heading", name="Bring records in", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Template for carers (CSV)")).to_be_visible()
    coordinator.check_every_way("Bring records in")

    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("link", name="Choose the file to check.")).to_be_visible()
    coordinator.check_every_way("No file chosen")

    page.get_by_label("The file", exact=True).set_input_files(_file(WRONG_WORD, BAD))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_text("2 rows checked, 0 ready to bring in, 2 rows have problems.")).to_be_visible()
    expect(page.get_by_text("Row 2 (Rosa Delgado)")).to_be_visible()
    expect(page.get_by_text(re.compile(r"relationships: We don't know the word 'husband'"))).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"email: 'bernard\.okoye\.example\.org' isn't an e-mail address"))
    ).to_be_visible()
    coordinator.check_every_way("The dry run's problems")

    shared = (
        GOOD.replace(",,email,", f",{LANDLINE},email,"),
        CODE.replace(",,in person,", f",{LANDLINE},in person,"),
    )
    page.get_by_label("The file", exact=True).set_input_files(_file(*shared))
    page.get_by_role("button", name="Check the corrected file").click()
    expect(page.get_by_text("2 rows checked, 2 ready to bring in, 1 duplicate.")).to_be_visible()
    expect(page.get_by_text("No problems found.")).to_be_visible()
    expect(page.get_by_role("heading", name="Worth a look")).to_be_visible()
    note = page.locator(".import-warnings li.list-item").filter(has_text="Row 3 (Bernard Okoye)")
    expect(note.get_by_text("Still brought in")).to_be_visible()
    expect(
        note.get_by_text(
            "phone: The same phone number as row 2: a shared landline? It will be kept for both."
        )
    ).to_be_visible()
    coordinator.check_every_way("The corrected file, with a shared phone number to look at")

    page.get_by_role("button", name="Bring in 2 people").click()
    expect(page.get_by_role("heading", name="Records brought in")).to_be_visible()
    expect(page.get_by_text("2 people were brought in.")).to_be_visible()
    rosa = page.locator("li.list-item").filter(has_text="Rosa Delgado")
    expect(rosa.get_by_text("Invited by e-mail.")).to_be_visible()
    expect(rosa.get_by_text("Invited, not yet joined")).to_be_visible()
    expect(page.get_by_role("heading", name="Codes to give in person")).to_be_visible()
    expect(
        page.locator(".code-sheet li").filter(has_text="Bernard Okoye").locator("strong.code")
    ).to_have_text(re.compile(r"^[A-Z0-9]{4}-[A-Z0-9]{4}$"))
    coordinator.check_every_way("The import's result with the code sheet")
    # Printed, the result is only its sheet of codes (and only this page prints that way).
    page.emulate_media(media="print")
    try:
        expect(page.locator(".code-sheet").filter(has_text="Bernard Okoye")).to_be_visible()
        expect(page.locator("header.header")).to_be_hidden()
    finally:
        page.emulate_media(media="screen")

    coordinator.go("/coordinator/waiting")
    rosa_waiting = page.locator("li.list-item").filter(has_text="Rosa Delgado")
    expect(rosa_waiting.get_by_text("Invited, not yet joined")).to_be_visible()
    coordinator.check_every_way("The waiting list with an imported carer")

    coordinator.go("/members")
    bernard = page.locator("li").filter(has_text="Bernard Okoye")
    expect(bernard.get_by_text("Invited, not yet joined")).to_be_visible()
