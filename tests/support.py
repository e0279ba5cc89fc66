"""Test helpers: an API client that handles CSRF and sign-in, a recording mail transport, factories."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import Any

import httpx
from argon2 import PasswordHasher
from litestar import Litestar
from sqlalchemy import select

from carerlink.accounts import passwords
from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.db import Database
from carerlink.notifications.models import Notification
from carerlink.organisations.consents import CURRENT
from carerlink.organisations.models import Consent, ConsentKind, Membership, Organisation
from carerlink.runtime import MailMessage

BASE_URL = "http://testserver.local"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday morning, before the UK clocks change
PASSWORD = "correct horse battery staple"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def password_hash() -> str:
    """One argon2id hash of ``PASSWORD`` by the hasher in use, shared by every factory-made user."""
    return _hash_with(passwords.HASHER)


@cache
def _hash_with(hasher: PasswordHasher) -> str:
    return hasher.hash(PASSWORD)


class ApiClient:
    """One browser: its own cookie jar, CSRF token echoed on unsafe requests, JSON helpers."""

    def __init__(self, app: Litestar) -> None:
        # httpx's ASGI transport runs the app on the test's own event loop (Litestar's AsyncTestClient
        # uses a portal thread, whose loop cannot share asyncpg connections with the test).
        self.http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE_URL)

    @property
    def cookies(self) -> httpx.Cookies:
        """This browser's cookies."""
        return self.http.cookies

    async def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """Send a request as a same-origin browser would, with the CSRF header on unsafe methods."""
        headers = dict(kwargs.pop("headers", None) or {})
        if method.upper() in UNSAFE and "x-csrftoken" not in {k.lower() for k in headers}:
            if self.http.cookies.get("csrftoken") is None:
                await self.http.get("/healthz")
            headers["X-CSRFToken"] = self.http.cookies.get("csrftoken") or ""
        return await self.http.request(method, url, headers=headers, **kwargs)

    async def get(self, url: str, **kwargs: Any) -> httpx.Response:
        """GET."""
        return await self.request("GET", url, **kwargs)

    async def post(self, url: str, **kwargs: Any) -> httpx.Response:
        """POST."""
        return await self.request("POST", url, **kwargs)

    async def patch(self, url: str, **kwargs: Any) -> httpx.Response:
        """PATCH."""
        return await self.request("PATCH", url, **kwargs)

    async def put(self, url: str, **kwargs: Any) -> httpx.Response:
        """PUT."""
        return await self.request("PUT", url, **kwargs)

    async def delete(self, url: str, **kwargs: Any) -> httpx.Response:
        """DELETE."""
        return await self.request("DELETE", url, **kwargs)

    async def login(self, email: str, password: str = PASSWORD) -> httpx.Response:
        """Sign in; fails the test when sign-in does not succeed."""
        response = await self.post("/api/v1/auth/login", json={"email": email, "password": password})
        assert response.status_code == 200, response.text
        return response


@dataclass
class SentMail:
    """An e-mail the app sent."""

    to: str
    subject: str
    body: str
    unsubscribe_url: str | None = None

    def link_token(self) -> str:
        """The ``#token=…`` of the link in the body."""
        match = re.search(r"#token=([A-Za-z0-9_-]+)", self.body)
        assert match, self.body
        return match.group(1)

    def code(self) -> str:
        """The in-person code in the body."""
        match = re.search(r"code: ([A-Z0-9]{4}-[A-Z0-9]{4})", self.body)
        assert match, self.body
        return match.group(1)


@dataclass
class Mailbox:
    """A mail transport that keeps what it is given (real SMTP is tested on its own with aiosmtpd)."""

    sent: list[SentMail] = field(default_factory=list)

    async def send(self, message: MailMessage) -> None:
        """Keep the e-mail."""
        self.sent.append(
            SentMail(
                to=message.to,
                subject=message.subject,
                body=message.body,
                unsubscribe_url=message.unsubscribe_url,
            )
        )

    def to(self, address: str) -> list[SentMail]:
        """The e-mails sent to ``address``."""
        return [m for m in self.sent if m.to == address]


async def make_org(
    database: Database, *, slug: str | None = None, name: str = "Test Carers Centre"
) -> Organisation:
    """An organisation with the default crisis lines."""
    from carerlink.organisations import service

    async with database.session_scope() as session:
        return await service.create_organisation(
            session,
            name=name,
            slug=slug or f"org-{uuid.uuid4().hex[:8]}",
            time_zone="Europe/London",
            now=START,
        )


async def make_user(
    database: Database,
    *,
    organisation: Organisation | None = None,
    roles: tuple[Role, ...] = (),
    email: str | None = None,
    name: str = "Test Person",
    time_zone: str = "Europe/London",
    health_consent: bool = True,
) -> User:
    """A person who can sign in with ``PASSWORD``, holding ``roles`` in ``organisation``."""
    now = START
    async with database.session_scope() as session:
        user = User(
            email=email or f"person-{uuid.uuid4().hex[:10]}@example.org",
            display_name=name,
            time_zone=time_zone,
            locale="en-GB",
            password_hash=password_hash(),
            password_changed_at=now,
        )
        session.add(user)
        await session.flush()
        for role in roles:
            assert organisation is not None
            membership = Membership(
                user_id=user.id, organisation_id=organisation.id, role=role, status_changed_at=now
            )
            session.add(membership)
            session.add(
                Consent(
                    user_id=user.id,
                    organisation_id=organisation.id,
                    kind=ConsentKind.TERMS,
                    version=CURRENT[ConsentKind.TERMS][0],
                    given_at=now,
                )
            )
            health = {Role.CARER: ConsentKind.HEALTH_DATA, Role.BUDDY: ConsentKind.BUDDY_HEALTH_DATA}.get(
                role
            )
            if health is not None and health_consent:
                session.add(
                    Consent(
                        user_id=user.id,
                        organisation_id=organisation.id,
                        kind=health,
                        version=CURRENT[health][0],
                        given_at=now,
                    )
                )
    return user


def problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """Assert ``response`` is an RFC 9457 problem with ``status`` and return its body."""
    assert response.status_code == status, f"{response.status_code}: {response.text}"
    assert response.headers["content-type"].startswith("application/problem+json"), response.headers
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    return body


def field_errors(response: httpx.Response) -> set[str]:
    """The fields a 422 problem names."""
    body = problem(response, 422)
    return {error["field"] for error in body.get("errors", [])}


async def signed_in(new_client: Callable[[], ApiClient], email: str) -> ApiClient:
    """A new browser, signed in as ``email``."""
    client = new_client()
    await client.login(email)
    return client


async def notified_kinds(db: Database, user_id: Any, *, about_matches: bool = True) -> list[str]:
    """The kinds of notification ``user_id`` was sent, oldest first (``about_matches=False``: not match_*)."""
    query = select(Notification.kind).where(Notification.user_id == user_id)
    if not about_matches:
        query = query.where(Notification.kind.not_like("match_%"))
    async with db.session_scope() as session:
        return list(await session.scalars(query.order_by(Notification.created_at)))
