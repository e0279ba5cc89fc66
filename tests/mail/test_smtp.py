"""E-mail goes out through a real SMTP server (aiosmtpd on loopback), once, and is retried when it fails."""

from __future__ import annotations

import asyncio
import email.policy
import socket
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes
from email.message import EmailMessage

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
    message = message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    assert (sender, recipients, message["Subject"]) == ("no-reply@example.org", ["sam@example.org"], "Hello")
    plain = message.get_body(preferencelist=("plain",))
    assert plain is not None and "#token=abc" in plain.get_content()
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


class Refusing(Inbox):
    """A server that answers RCPT with ``reply`` (a 5xx refuses for good, a 4xx asks to try later)."""

    def __init__(self, reply: str) -> None:
        super().__init__()
        self.reply = reply
        self.tries = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # type: ignore[no-untyped-def]
        self.tries += 1
        return self.reply


@pytest.fixture
def refusing_server() -> Iterator[tuple[Refusing, int]]:
    handler = Refusing("550 5.1.1 No such user here")
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


async def _stored(db: Database) -> OutgoingMail:
    async with db.session_scope() as session:
        stored = await session.scalar(select(OutgoingMail))
    assert stored is not None
    return stored


async def test_a_recipient_refused_with_a_5xx_is_failed_at_once_and_never_retried(
    db: Database, clock: FrozenClock, refusing_server: tuple[Refusing, int]
) -> None:
    server, port = refusing_server
    transport = SmtpTransport(f"smtp://127.0.0.1:{port}", "carerlink <no-reply@example.org>")
    async with db.session_scope() as session:
        await service.queue_mail(
            session, to="gone@example.org", subject="Hi", body="b", category="invitation", now=clock.now()
        )

    assert await service.deliver_due_mail(db, transport, now=clock.now()) == 0
    stored = await _stored(db)
    assert stored.failed_at == clock.now() and stored.attempts == 1
    assert stored.last_error == "refused:smtp:recipient:550"
    async with db.session_scope() as session:
        assert await service.delivery_states(session, mail_ids=[stored.id]) == {stored.id: "failed"}
        assert await service.failed_count(session) == 1
    clock.advance(timedelta(hours=6))
    assert await service.deliver_due_mail(db, transport, now=clock.now()) == 0
    assert server.tries == 1  # not tried again


async def test_a_4xx_from_the_server_is_retried_later(
    db: Database, clock: FrozenClock, refusing_server: tuple[Refusing, int]
) -> None:
    server, port = refusing_server
    server.reply = "450 4.2.1 Mailbox busy, try later"
    transport = SmtpTransport(f"smtp://127.0.0.1:{port}", "carerlink <no-reply@example.org>")
    async with db.session_scope() as session:
        await service.queue_mail(
            session, to="busy@example.org", subject="Hi", body="b", category="test", now=clock.now()
        )

    assert await service.deliver_due_mail(db, transport, now=clock.now()) == 0
    stored = await _stored(db)
    assert stored.failed_at is None and stored.send_after > clock.now()


async def test_a_message_that_cannot_be_built_is_failed_at_once_and_a_subject_is_kept_on_one_line(
    db: Database, clock: FrozenClock, smtp_server: tuple[Inbox, int]
) -> None:
    inbox, port = smtp_server
    transport = SmtpTransport(f"smtp://127.0.0.1:{port}", "carerlink <no-reply@example.org>")
    async with db.session_scope() as session:
        injected = await service.queue_mail(
            session,
            to="sam@example.org\r\nBcc: x@y.example",
            subject="Hi",
            body="b",
            category="t",
            now=clock.now(),
        )
        named = await service.queue_mail(
            session,
            to="jo@example.org",
            subject="You're invited to join Hillside\r\nBcc: x@y.example on carerlink",
            body="b",
            category="t",
            now=clock.now(),
        )

    assert await service.deliver_due_mail(db, transport, now=clock.now()) == 1
    async with db.session_scope() as session:
        states = await service.delivery_states(session, mail_ids=[injected.id, named.id])
    assert states == {injected.id: "failed", named.id: "sent"}
    [(_, recipients, raw)] = inbox.messages
    message = message_from_bytes(raw)
    assert recipients == ["jo@example.org"] and message["Bcc"] is None
    assert message["Subject"] == "You're invited to join Hillside  Bcc: x@y.example on carerlink"
