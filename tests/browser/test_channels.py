"""How we reach people (issue 14) at phone size: Alex orders his channels; Morgan sets Fatima's with her;
the attention list shows Sam, whom nothing reaches. axe, 320 px and dark mode on each new screen state."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import delete, select

from carerlink.accounts.models import User
from carerlink.db import Database
from carerlink.mail import service as mail
from carerlink.notifications.models import PushSubscription
from carerlink.organisations.models import Organisation
from tests.browser.conftest import Api, LiveServer, api_session
from tests.browser.test_buddy import ORG

pytestmark = pytest.mark.browser


@pytest.fixture
def coordinator_api(playwright: Any, live_server: LiveServer) -> Iterator[Api]:
    """The demo coordinator's API session."""
    yield from api_session(playwright, live_server, "coordinator@example.org")


def test_alex_chooses_how_reminders_reach_him(phone_factory: Any) -> None:
    alex = phone_factory()
    alex.sign_in("carer1@example.org")
    alex.go("/notification-settings")
    page = alex.page
    expect(page.get_by_role("heading", name="How we reach you")).to_be_visible()
    expect(page.get_by_text("to carer1@example.org")).to_be_visible()
    texts = page.get_by_label("Text message")
    expect(texts).to_be_disabled()
    expect(page.get_by_text("Text messages aren't set up on this service.")).to_be_visible()
    alex.check_accessibility("how we reach you")
    alex.fits_320_in_dark_mode("how we reach you")

    page.get_by_role("button", name="Move up E-mail").click()
    page.get_by_role("button", name="Save how we reach you").click()
    expect(page.get_by_text("How we reach you is saved.")).to_be_visible()
    expect(page.get_by_label("1. E-mail")).to_be_checked()

    # Nothing but the app left: a warning, before anything is saved.
    page.get_by_label("1. E-mail").uncheck()
    page.get_by_label("1. App notifications").uncheck()
    expect(page.get_by_text("Nothing will remind you.")).to_be_visible()
    alex.check_accessibility("how we reach you with nothing left")
    alex.fits_320_in_dark_mode("how we reach you with nothing left")


def _nothing_reaches_sam(server: LiveServer) -> None:
    """Sam's phones forgotten and his latest e-mail refused just now, in the live server's database."""

    async def work() -> None:
        database = Database(f"sqlite+aiosqlite:///{server.data_dir / 'carerlink.sqlite3'}")
        try:
            async with database.session_scope() as session:
                sam = await session.scalar(select(User).where(User.email == "carer3@example.org"))
                assert sam is not None
                await session.execute(delete(PushSubscription).where(PushSubscription.user_id == sam.id))
                organisation_id = await session.scalar(
                    select(Organisation.id).where(Organisation.slug == "riverside")
                )
                now = server.now()
                refused = await mail.queue_mail(
                    session,
                    to=sam.email,
                    subject="Time for your check-in",
                    body="",
                    category="checkin_due",
                    now=now,
                    user_id=sam.id,
                    organisation_id=organisation_id,
                )
                refused.failed_at, refused.last_error = now, "refused:smtp:recipient:550"
        finally:
            await database.dispose()

    with ThreadPoolExecutor(max_workers=1) as pool:  # the sync Playwright API holds this thread's loop
        pool.submit(asyncio.run, work()).result()


def test_morgan_sets_fatimas_channels_and_sees_sam_nobody_can_reach(
    phone_factory: Any, coordinator_api: Api, live_server: LiveServer
) -> None:
    waiting = coordinator_api.get(f"{ORG}/waiting-list")
    fatima = next(
        w["carer"]["membership_id"] for w in waiting if w["carer"]["display_name"] == "Fatima Begum"
    )
    morgan = phone_factory()
    morgan.sign_in("coordinator@example.org")
    morgan.go(f"/coordinator/carers/{fatima}")
    page = morgan.page
    expect(page.get_by_role("heading", name="How we reach Fatima")).to_be_visible()
    page.get_by_text("Set the order with Fatima").click()
    expect(page.get_by_text("Chosen with Morgan Ellis on")).to_be_visible()
    page.get_by_role("button", name="Move down E-mail").click()
    page.get_by_role("button", name="Save how we reach them").click()
    expect(page.get_by_text("How we reach them is saved.")).to_be_visible()
    assert coordinator_api.get(f"{ORG}/carers/{fatima}/channels")["channels"] == ["push", "email"]
    morgan.check_accessibility("how we reach a carer")
    morgan.fits_320_in_dark_mode("how we reach a carer")

    # Other modules on this server may have reached Sam since the demo began (a reply e-mailed to him,
    # a phone of his subscribed): put him back where the demo has him, nothing reaching him.
    _nothing_reaches_sam(live_server)
    morgan.go("/coordinator/attention")
    expect(page.get_by_role("heading", name="People nobody can reach (1)")).to_be_visible()
    expect(page.get_by_text("Reminders can't reach Sam at the moment.")).to_be_visible()
    expect(page.get_by_text("Their e-mails are being refused.")).to_be_visible()
    expect(page.get_by_role("link", name="How we reach Sam Clarke")).to_be_visible()
    morgan.check_accessibility("attention list with someone nobody can reach")
    morgan.fits_320_in_dark_mode("attention list with someone nobody can reach")
