"""What a running process shares between requests and ticks: settings, database, clock, mail transport."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import async_sessionmaker

from carerlink.db import Database
from carerlink.kit.clock import Clock, ShiftedClock, SystemClock
from carerlink.kit.signing import Signer
from carerlink.settings import Settings

# Something that puts listeners on the sessions of one factory (``profiles.pool_revision.track``).
SessionHook = Callable[[async_sessionmaker[Any]], None]


class MailRefused(Exception):
    """This e-mail can never be sent as it is: its address or content was refused for good.

    A transport raises it for a permanent failure (a message that cannot be built, an SMTP 5xx for the
    recipient or the content), so the outbox marks the mail failed at once instead of retrying it for
    hours; any other exception is taken as passing and retried.
    """


@dataclass(frozen=True, slots=True)
class MailMessage:
    """One e-mail as the outbox hands it to a transport (the transport builds the plain and HTML parts).

    ``id`` is the outbox row's (the Message-ID is made from it, so a resend is recognisably the same
    message); ``unsubscribe_url`` is set on reminder e-mails only: it becomes the RFC 8058 one-click
    ``List-Unsubscribe`` headers and a visible line at the end of the body.
    """

    to: str
    subject: str
    body: str
    id: uuid.UUID | None = None
    category: str = ""
    unsubscribe_url: str | None = None


class MailTransport(Protocol):
    """Something that sends one e-mail or raises (``mail/transport.py`` has SMTP and files).

    It may also have ``concurrency`` (how many sends it takes at once; the outbox sends that many) and
    ``async close()`` (called when the process stops: ``Runtime.create`` registers it).
    """

    async def send(self, message: MailMessage) -> None:
        """Send one e-mail."""
        ...


@dataclass
class Runtime:
    """The long-lived parts of one process. ``resources`` holds per-domain clients (e.g. an HTTP session)."""

    settings: Settings
    database: Database
    clock: Clock
    mail_transport: MailTransport
    resources: dict[str, Any] = field(default_factory=dict)
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    running: set[asyncio.Task[Any]] = field(default_factory=set)  # ticks in progress, for a clean stop

    @classmethod
    def create(
        cls,
        settings: Settings,
        *,
        mail_transport: MailTransport,
        session_hooks: Sequence[SessionHook],
        clock: Clock | None = None,
    ) -> Runtime:
        """Open the database for these settings (an existing data directory is made private first).

        ``session_hooks`` put their listeners on this runtime's session factories before any session
        opens: the app and the CLI pass ``profiles.pool_revision.track``. Nothing is attached to
        sessions by importing a module, so a listener works exactly where it is passed here.
        """
        if settings.data_dir.exists():
            settings.private_data_dir()
        database = Database(settings.database_url, schema=settings.database_schema)
        # What notify() needs to build an e-mail's absolute deep link (``Kind.email``), sign a check-in's
        # answer link and an unsubscribe link, and know whether texts can be sent at all (issue 14).
        info = {
            "base_url": settings.base_url.rstrip("/"),
            "signer": Signer(settings.secret_key) if settings.secret_key else None,
            "texts_on": bool(settings.sms_provider),
        }
        for sessionmaker in database.sessionmakers:
            sessionmaker.configure(info=info)
        for hook in session_hooks:
            for sessionmaker in database.sessionmakers:  # jobs' and CLI's sessions, and requests'
                hook(sessionmaker)
        runtime = cls(
            settings=settings,
            database=database,
            clock=clock
            or (ShiftedClock(settings.test_clock_file) if settings.test_clock_file else SystemClock()),
            mail_transport=mail_transport,
        )
        # A transport holding connections (SMTP's pool) closes them when the process stops.
        if (close := getattr(mail_transport, "close", None)) is not None:
            runtime.closers.append(close)
        return runtime

    async def close(self) -> None:
        """Close per-domain clients, then the database pool."""
        for closer in reversed(self.closers):
            await closer()
        self.closers.clear()
        await self.database.dispose()


@dataclass(frozen=True, slots=True)
class Tick:
    """A job the scheduler runs every ``every``; ``id`` is dotted (``mail.deliver``)."""

    id: str
    every: timedelta
    run: Callable[[Runtime], Awaitable[Any]]
