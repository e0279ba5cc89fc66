"""Issue 14: the one-click unsubscribe link (RFC 8058) turns reminder e-mails off, and only on POST."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from litestar import Litestar
from sqlalchemy import select

from carerlink.actor import Role
from carerlink.audit.models import AuditEntry
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.notifications import links
from carerlink.notifications.models import NotificationPreference
from carerlink.notifications.service.email_optout import stop_email
from tests.support import ApiClient, make_org, make_user, problem

ONE_CLICK: dict[str, Any] = {
    "content": b"List-Unsubscribe=One-Click",
    "headers": {"content-type": "application/x-www-form-urlencoded"},
}


async def _person(db: Database) -> uuid.UUID:
    org = await make_org(db, name="Riverside Carers Centre")
    user = await make_user(db, organisation=org, roles=(Role.CARER,), email="sam@example.org")
    return uuid.UUID(str(user.id))


async def _token(db: Database, user_id: uuid.UUID, clock: FrozenClock) -> str:
    async with db.session_scope() as session:
        url = links.unsubscribe_link(session, user_id=user_id, now=clock.now())
    assert url.startswith("http://testserver.local/unsubscribe/"), url
    return url.rsplit("/", 1)[1]


async def _channels(db: Database, user_id: uuid.UUID) -> list[str] | str | None:
    async with db.session_scope() as session:
        preference = await session.get(NotificationPreference, user_id)
        return "no row" if preference is None else preference.channels


async def _unsubscribed(db: Database) -> list[AuditEntry]:
    async with db.session_scope() as session:
        return list(
            (
                await session.scalars(
                    select(AuditEntry).where(AuditEntry.action == "notifications.email.unsubscribed")
                )
            ).all()
        )


async def test_one_click_post_with_no_cookie_turns_email_off_once(
    app: Litestar, db: Database, clock: FrozenClock
) -> None:
    user_id = await _person(db)
    token = await _token(db, user_id, clock)
    mail_client = ApiClient(app).http  # no cookie, no CSRF header: a mail provider's server

    first = await mail_client.post(f"/unsubscribe/{token}", **ONE_CLICK)

    assert first.status_code == 200, first.text
    assert first.headers["content-type"].startswith("text/plain")
    assert first.headers["cache-control"] == "no-store"
    assert "Reminder e-mails are off" in first.text
    assert await _channels(db, user_id) == ["push"]
    [entry] = await _unsubscribed(db)
    assert (entry.actor_user_id, entry.subject_user_id) == (user_id, user_id)

    again = await mail_client.post(f"/unsubscribe/{token}", **ONE_CLICK)
    assert again.status_code == 200
    assert await _channels(db, user_id) == ["push"]
    assert len(await _unsubscribed(db)) == 1  # nothing changed the second time


async def test_get_never_unsubscribes(app: Litestar, db: Database, clock: FrozenClock) -> None:
    user_id = await _person(db)
    token = await _token(db, user_id, clock)

    page = await ApiClient(app).http.get(f"/unsubscribe/{token}")

    assert page.status_code in (200, 503)  # the app's page (503 where the app was not built here)
    assert await _channels(db, user_id) == "no row"
    assert await _unsubscribed(db) == []


async def test_the_pages_button_posts_json_too(app: Litestar, db: Database, clock: FrozenClock) -> None:
    user_id = await _person(db)
    token = await _token(db, user_id, clock)
    browser = ApiClient(app)  # the page's own button: a same-origin browser
    response = await browser.post(f"/unsubscribe/{token}", json={})
    assert response.status_code == 200, response.text
    assert await _channels(db, user_id) == ["push"]


@pytest.mark.parametrize("case", ["forged", "expired", "answer-token", "garbage"])
async def test_a_bad_link_is_404_in_plain_words(
    app: Litestar, db: Database, clock: FrozenClock, case: str
) -> None:
    user_id = await _person(db)
    token = await _token(db, user_id, clock)
    if case == "forged":
        token = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    elif case == "expired":
        clock.advance(timedelta(days=links.UNSUBSCRIBE_LINK_DAYS, seconds=1))
    elif case == "answer-token":
        async with db.session_scope() as session:
            url = links.answer_link(session, checkin_id=uuid.uuid4(), user_id=user_id, now=clock.now())
        token = url.rsplit("/", 1)[1]
    else:
        token = "nonsense"

    body = problem(await ApiClient(app).http.post(f"/unsubscribe/{token}", **ONE_CLICK), 404)

    assert "isn't valid any more" in body["detail"]
    assert await _channels(db, user_id) == "no row"


async def test_stop_email_keeps_the_rest_of_the_order(
    app: Litestar, db: Database, clock: FrozenClock
) -> None:
    user_id = await _person(db)
    async with db.session_scope() as session:
        session.add(
            NotificationPreference(
                user_id=user_id,
                muted_kinds=["buddy_new_answer"],
                updated_at=clock.now(),
                channels=["email", "sms", "push"],
                channels_set_by_user_id=None,
            )
        )
    async with db.session_scope() as session:
        assert await stop_email(session, user_id=user_id, now=clock.now()) is True
    async with db.session_scope() as session:
        assert await stop_email(session, user_id=user_id, now=clock.now()) is False
        preference = await session.get(NotificationPreference, user_id)
        assert preference is not None
        assert (preference.channels, preference.muted_kinds) == (["sms", "push"], ["buddy_new_answer"])
        assert preference.channels_set_at is not None


async def test_the_signed_in_person_does_not_matter(app: Litestar, db: Database, clock: FrozenClock) -> None:
    """A link acts for the person it names, whoever is signed in on the browser posting it."""
    user_id = await _person(db)
    other = await make_user(db, email="someone-else@example.org")
    token = await _token(db, user_id, clock)
    browser = ApiClient(app)
    await browser.login("someone-else@example.org")

    assert (await browser.post(f"/unsubscribe/{token}", json={})).status_code == 200

    assert await _channels(db, user_id) == ["push"]
    assert await _channels(db, uuid.UUID(str(other.id))) == "no row"
