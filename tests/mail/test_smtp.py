"""E-mail goes out through a real SMTP server (aiosmtpd on loopback), once, and is retried when it fails."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.mail import service
from carerlink.mail.models import OutgoingMail
from carerlink.mail.transport import SmtpTransport


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


async def test_queued_mail_is_sent_once_over_smtp_and_its_body_then_forgotten(
    db: Database, clock: FrozenClock, smtp_server: tuple[Inbox, int]
) -> None:
    inbox, port = smtp_server
    transport = SmtpTransport(f"smtp://127.0.0.1:{port}", "carerlink <no-reply@example.org>")
    async with db.session_scope() as session:
        await service.queue_mail(
            session,
            to="sam@example.org",
            subject="Hello",
            body="Your link: https://x/#token=abc",
            category="test",
            now=clock.now(),
        )

    assert await service.deliver_due_mail(db, transport, now=clock.now()) == 1
    assert await service.deliver_due_mail(db, transport, now=clock.now()) == 0  # never twice

    [(sender, recipients, raw)] = inbox.messages
    message = message_from_bytes(raw)
    assert (sender, recipients, message["Subject"]) == ("no-reply@example.org", ["sam@example.org"], "Hello")
    assert "#token=abc" in message.get_payload()
    async with db.session_scope() as session:
        stored = await session.scalar(select(OutgoingMail))
    assert stored is not None and stored.sent_at == clock.now() and stored.body == ""


async def test_mail_is_retried_with_backoff_when_the_server_is_down(
    db: Database, clock: FrozenClock, smtp_server: tuple[Inbox, int]
) -> None:
    inbox, port = smtp_server
    down = SmtpTransport(f"smtp://127.0.0.1:{_free_port()}?timeout=2", "carerlink <no-reply@example.org>")
    up = SmtpTransport(f"smtp://127.0.0.1:{port}", "carerlink <no-reply@example.org>")
    async with db.session_scope() as session:
        await service.queue_mail(
            session, to="sam@example.org", subject="Hi", body="b", category="test", now=clock.now()
        )

    assert await service.deliver_due_mail(db, down, now=clock.now()) == 0
    assert await service.deliver_due_mail(db, up, now=clock.now()) == 0  # backing off: not due yet
    clock.advance(timedelta(minutes=1))
    assert await service.deliver_due_mail(db, up, now=clock.now()) == 1
    assert len(inbox.messages) == 1


async def test_two_workers_never_send_the_same_mail_twice(
    db: Database, clock: FrozenClock, smtp_server: tuple[Inbox, int]
) -> None:
    inbox, port = smtp_server
    transport = SmtpTransport(f"smtp://127.0.0.1:{port}", "carerlink <no-reply@example.org>")
    async with db.session_scope() as session:
        for i in range(30):
            await service.queue_mail(
                session, to=f"p{i}@example.org", subject="Hi", body="b", category="test", now=clock.now()
            )

    sent = await asyncio.gather(
        *(service.deliver_due_mail(db, transport, now=clock.now(), batch=7) for _ in range(4))
    )
    while sum(sent) < 30 and (more := await service.deliver_due_mail(db, transport, now=clock.now())):
        sent.append(more)

    assert sum(sent) == 30
    assert sorted(r[0] for _, r, _ in inbox.messages) == sorted(f"p{i}@example.org" for i in range(30))
