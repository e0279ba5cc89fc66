"""Issue 14 in Chromium: a check-in's e-mailed link answers it without signing in, once; the unsubscribe page.

The module arranges a centre of its own in the live server's database (a carer, Sam, matched with a
buddy, Helen; one check-in open now and one closed), so the demo other modules look at is untouched,
and builds the links as the e-mails do (``notifications.links``, in a session whose info has the
server's base URL and signer). Each page is opened in a fresh browser context that is not signed in.
"""

from __future__ import annotations

import asyncio
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from carerlink.accounts.models import User
from carerlink.checkins.ladder import State
from carerlink.checkins.models import CheckinOccurrence, OccurrenceKind
from carerlink.notifications import links
from carerlink.notifications.models import NotificationPreference
from carerlink.profiles import pool_revision
from carerlink.runtime import Runtime
from carerlink.safeguarding.models import CrisisAlert
from carerlink.settings import Settings
from tests.browser.conftest import LiveServer, Phone
from tests.checkins.factories import make_pair
from tests.support import Mailbox

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Arranged:
    """What the module made on the live server, and the links to it."""

    carer_id: uuid.UUID
    open_id: uuid.UUID
    answer_path: str
    help_path: str
    offline_path: str
    closed_path: str
    unsubscribe_path: str


def _runtime(server: LiveServer) -> Runtime:
    settings = Settings.from_env(
        {
            "CARERLINK_ENV": "test",
            "CARERLINK_DATA_DIR": str(server.data_dir),
            "CARERLINK_BASE_URL": server.url,
        }
    ).with_secret_key()  # the server's own key, kept in its data directory
    return Runtime.create(settings, mail_transport=Mailbox(), session_hooks=[pool_revision.track])


async def _arrange(server: LiveServer) -> Arranged:
    runtime = _runtime(server)
    try:
        db = runtime.database
        now = server.now()
        pair = await make_pair(db, now=now)
        async with db.session_scope() as session:
            for person, name in ((pair.carer, "Sam Clarke"), (pair.buddy, "Helen Wright")):
                user = await session.get(User, person.user.id)
                assert user is not None
                user.display_name = name

            def checkin(due_ago: timedelta, state: State) -> CheckinOccurrence:
                occurrence = CheckinOccurrence(
                    match_id=pair.match.id,
                    plan_id=None,
                    organisation_id=pair.org.id,
                    carer_user_id=pair.carer.user.id,
                    buddy_user_id=pair.buddy.user.id,
                    kind=OccurrenceKind.SCHEDULED,
                    local_start=None,
                    time_zone="Europe/London",
                    due_at=now - due_ago,
                    state=state,
                    next_check_at=None,  # the server's ladder leaves these alone
                )
                occurrence.created_at = now
                return occurrence

            open_one = checkin(timedelta(minutes=10), State.OPEN)
            second = checkin(timedelta(minutes=5), State.OPEN)
            third = checkin(timedelta(minutes=1), State.OPEN)
            closed_one = checkin(timedelta(days=10), State.MISSED)
            session.add_all([open_one, second, third, closed_one])
            await session.flush()
            base = len(server.url)
            return Arranged(
                carer_id=pair.carer.user.id,
                open_id=open_one.id,
                answer_path=links.answer_link(
                    session, checkin_id=open_one.id, user_id=pair.carer.user.id, now=now
                )[base:],
                help_path=links.answer_link(
                    session, checkin_id=second.id, user_id=pair.carer.user.id, now=now
                )[base:],
                offline_path=links.answer_link(
                    session, checkin_id=third.id, user_id=pair.carer.user.id, now=now
                )[base:],
                closed_path=links.answer_link(
                    session, checkin_id=closed_one.id, user_id=pair.carer.user.id, now=now
                )[base:],
                unsubscribe_path=links.unsubscribe_link(session, user_id=pair.carer.user.id, now=now)[base:],
            )
    finally:
        await runtime.close()


async def _read(server: LiveServer, arranged: Arranged) -> tuple[str, list[str] | None, list[str]]:
    """The open check-in's state, the carer's channels, and the sources of the carer's crisis alerts."""
    runtime = _runtime(server)
    try:
        async with runtime.database.session_scope() as session:
            occurrence = await session.get(CheckinOccurrence, arranged.open_id)
            preference = await session.get(NotificationPreference, arranged.carer_id)
            alerts = await session.scalars(
                select(CrisisAlert.source).where(CrisisAlert.carer_user_id == arranged.carer_id)
            )
            assert occurrence is not None
            channels = None if preference is None else preference.channels
            return occurrence.state.value, channels, list(alerts)
    finally:
        await runtime.close()


def _in_thread(work: Any) -> Any:
    """Run a coroutine on an event loop of its own (Playwright's sync API holds this thread's)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, work).result()


@pytest.fixture(scope="module")
def arranged(live_server: LiveServer) -> Arranged:
    result: Arranged = _in_thread(_arrange(live_server))
    return result


def _heading(phone: Phone) -> Any:
    return expect(phone.page.get_by_role("heading", level=1))


def _all_checks(phone: Phone, state: str) -> None:
    phone.check_accessibility(state)
    phone.screenshot(state.replace(" ", "-"))
    phone.fits_320_in_dark_mode(state)


def test_the_link_answers_the_checkin_once_without_signing_in(
    phone_factory: Any, live_server: LiveServer, arranged: Arranged
) -> None:
    phone: Phone = phone_factory()
    page = phone.page
    phone.go(arranged.answer_path)
    _heading(phone).to_have_text("Hello Sam, how are you doing?")
    expect(page.get_by_text("Your check-in with Helen")).to_be_visible()
    for words in ("Struggling", "Finding it hard", "Getting by", "Doing okay", "Doing well"):
        expect(page.get_by_label(words, exact=False)).to_be_visible()
    expect(page.get_by_role("link", name="Your check-ins")).to_have_count(0)  # nothing else of the app
    _all_checks(phone, "answer link form")

    # "Choose how you're doing" first, as on the check-in screen.
    page.get_by_role("button", name="Send to Helen").click()
    expect(page.locator(".error-summary")).to_contain_text("Choose how you're doing")
    _all_checks(phone, "answer link form with an error")

    page.get_by_label("Doing okay (4 out of 5)").check()
    page.get_by_label("Anything you'd like Helen to know?").fill("A better week.")
    page.get_by_label("I'd like a call").check()
    page.get_by_role("button", name="Send to Helen").click()

    _heading(phone).to_have_text("Thank you")
    expect(page.get_by_text("Thank you — Helen will see it, and that you would like a call.")).to_be_visible()
    expect(page.get_by_role("link", name="Sign in to carerlink")).to_be_visible()
    _all_checks(phone, "answer link thank you")
    assert _in_thread(_read(live_server, arranged))[0] == "answered"

    # The link works once: opened again (a new browser), it says so.
    again: Phone = phone_factory()
    again.go(arranged.answer_path)
    _heading(again).to_have_text("You've already answered this check-in")
    expect(again.page.get_by_role("button", name="Send to Helen")).to_have_count(0)
    _all_checks(again, "answer link already answered")


def test_closed_and_invalid_links_say_so_plainly(phone_factory: Any, arranged: Arranged) -> None:
    phone: Phone = phone_factory()
    phone.go(arranged.closed_path)
    _heading(phone).to_have_text("This check-in has closed")
    expect(phone.page.get_by_role("link", name="Sign in to carerlink")).to_be_visible()
    _all_checks(phone, "answer link closed")

    phone.go("/answer/not-a-real-link")
    _heading(phone).to_have_text("This link isn't valid any more")
    expect(phone.page.get_by_text("Sign in to carerlink to see your check-ins.")).to_be_visible()
    expect(phone.page.get_by_role("link", name="Call 999")).to_be_visible()  # the crisis lines, always
    _all_checks(phone, "answer link invalid")


def test_help_now_shows_the_numbers_at_once_and_reaches_the_centre_even_once_answered(
    phone_factory: Any, live_server: LiveServer, arranged: Arranged
) -> None:
    """The form was opened, then the check-in answered elsewhere: "I need help now" still gets through."""
    phone: Phone = phone_factory()
    page = phone.page
    phone.go(arranged.help_path)
    _heading(phone).to_have_text("Hello Sam, how are you doing?")
    # Another browser (the same e-mail opened twice) answers it first.
    other: Phone = phone_factory()
    other.go(arranged.help_path)
    other.page.get_by_label("Getting by (3 out of 5)").check()
    other.page.get_by_role("button", name="Send to Helen").click()
    _heading(other).to_have_text("Thank you")

    page.get_by_label("I need help now").check()
    page.get_by_role("button", name="Send to Helen").click()

    _heading(phone).to_have_text("Get help now")
    expect(page.locator(".panel")).to_contain_text("We've told the centre")
    expect(page.locator(".panel")).to_contain_text("You've already answered this check-in. Thank you.")
    expect(page.get_by_role("link", name="Call 999")).to_be_visible()
    _all_checks(phone, "answer link help after answered")
    assert "checkin_refused" in _in_thread(_read(live_server, arranged))[2]


def test_offline_help_now_still_shows_the_numbers_from_the_page(
    phone_factory: Any, arranged: Arranged
) -> None:
    phone: Phone = phone_factory()
    page = phone.page
    phone.go(arranged.offline_path)
    _heading(phone).to_have_text("Hello Sam, how are you doing?")
    phone.context.set_offline(True)
    try:
        page.get_by_label("I need help now").check()
        page.get_by_role("button", name="Send to Helen").click()
        help_box = page.locator(".answer-help")
        expect(help_box.get_by_role("heading", name="Numbers to call now")).to_be_visible()
        expect(help_box.get_by_role("link", name="Call 999")).to_be_visible()
        expect(page.locator(".error-summary")).to_contain_text("couldn't tell the centre")
        _all_checks(phone, "answer link help offline")
    finally:
        phone.context.set_offline(False)


def test_the_unsubscribe_page_asks_first_then_turns_email_off(
    phone_factory: Any, live_server: LiveServer, arranged: Arranged
) -> None:
    phone: Phone = phone_factory()
    phone.go(arranged.unsubscribe_path)
    _heading(phone).to_have_text("Stop reminder e-mails?")
    assert _in_thread(_read(live_server, arranged))[1] is None  # opening the page changed nothing
    _all_checks(phone, "unsubscribe page")

    phone.page.get_by_role("button", name="Stop reminder e-mails").click()
    _heading(phone).to_have_text("Reminder e-mails are off")
    expect(phone.page.get_by_text("You can turn them on again in Reminders settings.")).to_be_visible()
    expect(phone.page.get_by_role("link", name="Reminders settings")).to_be_visible()
    _all_checks(phone, "unsubscribe done")
    assert _in_thread(_read(live_server, arranged))[1] == ["push"]

    phone.go("/unsubscribe/not-a-real-link")
    phone.page.get_by_role("button", name="Stop reminder e-mails").click()
    _heading(phone).to_have_text("This link isn't valid any more")
    _all_checks(phone, "unsubscribe invalid")
