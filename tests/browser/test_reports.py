"""Reports at phone size (issue 16): Morgan opens Reports, reads the quarter's figures (small numbers say
"fewer than 5") and its charts, switches to last quarter and to custom dates (a reversed pair is refused),
and downloads the quarter's summary as a CSV whose figures are those on the screen.

Every screen state passes axe, and fits 320 px in dark mode.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LiveServer

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@example.org"


def test_morgan_reads_the_quarters_figures_and_downloads_them(
    phone_factory: Any, live_server: LiveServer
) -> None:
    coordinator = phone_factory()
    coordinator.sign_in(COORDINATOR)
    page = coordinator.page
    charts_loaded: list[str] = []
    page.on("response", lambda r: charts_loaded.append(r.url) if "/assets/chunk-" in r.url else None)

    coordinator.go("/coordinator/running")
    page.get_by_role("link", name="Reports", exact=True).click()
    expect(page.get_by_role("heading", name="Reports", exact=True)).to_be_visible()
    expect(page.get_by_role("radio", name="This quarter")).to_be_checked()
    period = page.locator(".report-period")
    expect(period).to_be_visible(timeout=30_000)
    quarter = period.inner_text()
    for heading in (
        "Referrals",
        "Carers",
        "Matches",
        "Check-ins",
        "Wellbeing",
        "Crisis alerts and concerns",
        "Volunteer hours",
    ):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.locator(".report-figure-withheld dd").first).to_have_text("fewer than 5")
    # the charts: a caption and a table of the numbers each
    expect(page.locator("figure.chart svg").first).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("Referrals received by month"))).to_be_attached()
    expect(page.locator("figure.chart")).to_have_count(6)
    coordinator.check_every_way("Reports for this quarter")

    # the quarter's summary CSV: the same figures as the screen
    with page.expect_download() as got:
        page.get_by_role("link", name="The figures of this period (CSV)").click()
    download = got.value
    name = download.suggested_filename
    assert re.fullmatch(r"riverside-report-\d{4}-\d{2}-01-to-\d{4}-\d{2}-\d{2}\.csv", name), name
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["section", "figure", "value", "words"]
    on_screen = {
        (f.locator("dt").inner_text(), f.locator("dd").inner_text())
        for f in page.locator(".report-figure").all()
    }
    in_file = {(r[1], r[3]) for r in rows[1:]}
    assert on_screen <= in_file, on_screen - in_file
    assert any(r[3] == "fewer than 5" and r[2] == "" for r in rows[1:])

    # last quarter
    page.get_by_role("radio", name="Last quarter").check()
    expect(period).not_to_have_text(quarter)
    expect(page.get_by_role("heading", name="Matches", exact=True)).to_be_visible()
    coordinator.check_every_way("Reports for last quarter")

    # custom dates, the wrong way round first
    page.get_by_role("radio", name="Choose the dates").check()
    page.get_by_label("First day").fill("2026-03-31")
    page.get_by_label("Last day").fill("2026-01-01")
    page.get_by_role("button", name="Show these dates").click()
    expect(page.get_by_role("link", name="The last day must be on or after the first day")).to_be_visible()
    coordinator.check_every_way("Reports, custom dates the wrong way round")
    page.get_by_label("First day").fill("2026-01-01")
    page.get_by_label("Last day").fill("2026-03-31")
    page.get_by_role("button", name="Show these dates").click()
    expect(period).to_have_text("1 January to 31 March 2026")
    coordinator.check_every_way("Reports for custom dates")
    assert charts_loaded, "the charts came in a chunk of their own"
