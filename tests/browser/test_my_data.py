"""A copy of my data in Chromium (issue 15): Janet opens My details → Your data, asks for a copy, sees it
being prepared, and once the live server's own tick has built it (it runs the jobs in-process), downloads
the zip and finds herself named in data.json. The coordinator's hub shows Morgan's copy of Sam's data
with its records to review. Every state passes axe, fits 320 px and reads in dark mode.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LiveServer, Phone, signed_in_phone

pytestmark = pytest.mark.browser

JANET = "carer4@example.org"  # no other browser test signs Janet in


@pytest.fixture(scope="module")
def janet(browser: Any, live_server: LiveServer) -> Iterator[Phone]:
    yield from signed_in_phone(browser, live_server, JANET)


@pytest.fixture(scope="module")
def morgan(browser: Any, live_server: LiveServer) -> Iterator[Phone]:
    yield from signed_in_phone(browser, live_server, "coordinator@example.org")


def test_a_carer_asks_for_a_copy_of_her_data_and_downloads_it(janet: Phone, tmp_path: Path) -> None:
    page = janet.page
    janet.go("/me")
    page.get_by_role("link", name=re.compile("Get a copy of your data")).click()
    expect(page.get_by_role("heading", name="Your data", level=1)).to_be_visible()
    ask = page.get_by_role("button", name="Get a copy of my data")
    expect(ask).to_be_visible()
    janet.check_every_way("Your data, no copy yet")

    ask.click()
    expect(page.get_by_text("We are preparing your copy.")).to_be_visible()
    janet.check_every_way("Your data, copy being prepared")

    # The server's tick builds it within seconds; the section looks again by itself.
    expect(page.get_by_text("Your copy is ready.")).to_be_visible(timeout=60_000)
    expect(page.get_by_text(re.compile(r"available until \d{1,2} \w+ 20\d\d"))).to_be_visible()
    janet.check_every_way("Your data, copy ready")

    with page.expect_download() as arrived:
        page.get_by_role("link", name="Download your data").click()
    download = arrived.value
    assert re.fullmatch(r"carerlink-data-\d{4}-\d{2}-\d{2}\.zip", download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    archive = zipfile.ZipFile(io.BytesIO(saved.read_bytes()))
    document = json.loads(archive.read("data.json"))
    assert document["subject"]["name"] == "Janet Morris"
    assert document["subject"]["email"] == JANET
    assert "account" in document["sections"]
    readable = archive.read("data.html").decode()
    assert "Janet Morris" in readable

    # data.html on its own (as she would open it from the zip): readable, accessible, light and dark.
    page_of_data = janet.context.new_page()
    try:
        page_of_data.set_content(readable)
        expect(page_of_data.get_by_role("heading", level=1)).to_contain_text("Janet Morris")
        expect(page_of_data.get_by_role("heading", name="Your account")).to_be_visible()
        assert page_of_data.locator("script").count() == 0
        reading = Phone(context=janet.context, page=page_of_data, base_url=janet.base_url)
        reading.check_every_way("data.html of a copy")
    finally:
        page_of_data.close()


def test_the_coordinator_sees_records_waiting_for_review(morgan: Phone) -> None:
    page = morgan.page
    # Home says what waits on People's data: Aisha's request to be deleted, Sam's two records.
    morgan.go("/")
    card = page.locator(".card", has=page.get_by_role("link", name="People's data"))
    expect(card).to_contain_text(re.compile(r"Waiting for you: 1 request to be deleted, 2 records to review"))
    morgan.go("/coordinator/data-rights")
    copies = page.locator("#copies")
    expect(copies.get_by_text("2 records to review")).to_be_visible()
    morgan.check_every_way("People's data, copies with records to review")
    copies.get_by_role("link", name="Sam Clarke").click()
    expect(page.get_by_role("heading", name="Copy of Sam Clarke's data")).to_be_visible()
    expect(page.get_by_text(re.compile("Rang him back|rang him back"))).to_be_visible()
    expect(page.get_by_role("button", name="Save decision")).to_have_count(2)
    morgan.check_every_way("A copy with records to review")
    # Nothing is chosen for the coordinator: saving without a choice asks for one (nothing is decided).
    page.get_by_role("button", name="Save decision").first.click()
    expect(page.get_by_text("Choose whether to release or withhold this record")).to_be_visible()
    morgan.check_every_way("A record to review, no choice made")
