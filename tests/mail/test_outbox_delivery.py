"""The outbox delivered for volume through a real SMTP server (aiosmtpd on loopback): batches over reused
connections, bounded concurrency, refusals recorded without poisoning the connection, a dropped line
retried with nothing lost or doubled, several workers sending each mail once, plain and HTML parts,
the one-click unsubscribe headers, and nothing of a mail's content in the logs."""

from __future__ import annotations

import asyncio
import email.policy
import logging
from collections import Counter
from datetime import timedelta
from email import message_from_bytes
from email.message import EmailMessage

import pytest
from sqlalchemy import select

from carerlink.db import Database
from carerlink.db.leases import claim
from carerlink.kit.clock import FrozenClock
from carerlink.mail import service
from carerlink.mail.models import OutgoingMail
from carerlink.mail.transport import SmtpTransport
from carerlink.settings import Settings
from tests.mail.smtp_server import Recorder, smtp_server

SENDER = "Riverside Carers <no-reply@riverside.example>"


async def _queue(db: Database, clock: FrozenClock, count: int, **extra: object) -> list[str]:
    addresses = [f"p{i}@example.org" for i in range(count)]
    async with db.session_scope() as session:
        for address in addresses:
            await service.queue_mail(
                session,
                to=address,
                subject="Your check-in is ready",
                body=f"Hello,\n\nSecret body for {address}\n",
                category="checkin-prompt",
                now=clock.now(),
                **extra,  # type: ignore[arg-type]
            )
    return addresses


async def _rows(db: Database) -> dict[str, OutgoingMail]:
    async with db.session_scope() as session:
        return {m.to_address: m for m in (await session.scalars(select(OutgoingMail))).all()}


def _parse(raw: bytes) -> EmailMessage:
    message = message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


async def test_a_batch_goes_over_the_pools_few_connections_a_few_at_a_time(
    db: Database, clock: FrozenClock
) -> None:
    server = Recorder(pause=0.005)
    with smtp_server(server) as port:
        transport = SmtpTransport(f"smtp://127.0.0.1:{port}?pool=3", SENDER)
        addresses = await _queue(db, clock, 60)
        sent = await service.deliver_due_mail(db, transport, now=clock.now(), batch=25, budget_seconds=30)
        await transport.close()

    assert sent == 60
    assert sorted(r[0] for _, r, _ in server.messages) == sorted(addresses)  # each once
    assert server.connections <= 3 and transport.connections_opened <= 3
    assert 1 < server.most_in_data <= 3  # concurrent, and never more than the pool
    stored = await _rows(db)
    assert {m.sent_at for m in stored.values()} == {clock.now()}
    assert {m.body for m in stored.values()} == {""}


async def test_connections_are_kept_across_ticks_and_closed_when_idle_too_long(
    db: Database, clock: FrozenClock
) -> None:
    server = Recorder()
    with smtp_server(server) as port:
        transport = SmtpTransport(f"smtp://127.0.0.1:{port}?pool=2&idle=0.2", SENDER)
        await _queue(db, clock, 4)
        assert await service.deliver_due_mail(db, transport, now=clock.now()) == 4
        opened = transport.connections_opened
        await transport.close_idle()  # not idle long yet: kept
        clock.advance(timedelta(seconds=2))
        async with db.session_scope() as session:
            await service.queue_mail(
                session, to="later@example.org", subject="s", body="b", category="t", now=clock.now()
            )
        assert await service.deliver_due_mail(db, transport, now=clock.now()) == 1
        assert transport.connections_opened == opened  # the next tick reused one
        await asyncio.sleep(0.3)
        await transport.close_idle()
        assert transport._idle == []
        await transport.close()
    assert server.connections == opened


async def test_a_refused_recipient_is_recorded_and_the_next_mail_on_that_connection_still_goes(
    db: Database, clock: FrozenClock
) -> None:
    server = Recorder()
    server.refused = {"p1@example.org"}
    with smtp_server(server) as port:
        transport = SmtpTransport(f"smtp://127.0.0.1:{port}?pool=1", SENDER)
        await _queue(db, clock, 3, user_id=None)
        assert await service.deliver_due_mail(db, transport, now=clock.now()) == 2
        await transport.close()

    assert sorted(r[0] for _, r, _ in server.messages) == ["p0@example.org", "p2@example.org"]
    assert server.connections == 1  # one connection carried all three, the refusal did not break it
    stored = await _rows(db)
    refused = stored["p1@example.org"]
    assert refused.failed_at == clock.now() and refused.last_error == "refused:smtp:recipient:550"
    assert refused.sent_at is None and refused.attempts == 1
    clock.advance(timedelta(hours=3))
    assert await service.deliver_due_mail(db, transport, now=clock.now()) == 0  # never retried


async def test_a_server_dropping_the_line_mid_batch_loses_and_doubles_nothing(
    db: Database, clock: FrozenClock
) -> None:
    server = Recorder()
    server.drop_on = {"p4@example.org", "p11@example.org"}
    with smtp_server(server) as port:
        transport = SmtpTransport(f"smtp://127.0.0.1:{port}?pool=2", SENDER)
        addresses = await _queue(db, clock, 20)
        assert await service.deliver_due_mail(db, transport, now=clock.now()) == 18
        stored = await _rows(db)
        for address in ("p4@example.org", "p11@example.org"):
            assert stored[address].sent_at is None and stored[address].failed_at is None
            assert stored[address].send_after > clock.now()  # backing off
            assert stored[address].last_error == "SMTPServerDisconnected"
        clock.advance(timedelta(minutes=2))
        assert await service.deliver_due_mail(db, transport, now=clock.now()) == 2
        await transport.close()

    assert Counter(r[0] for _, r, _ in server.messages) == Counter(addresses)  # each exactly once


async def test_a_worker_killed_mid_batch_loses_nothing(db: Database, clock: FrozenClock) -> None:
    server = Recorder()
    with smtp_server(server) as port:
        addresses = await _queue(db, clock, 5)
        table = OutgoingMail.__table__
        async with db.session_scope() as session:  # a worker claims the batch, then dies
            await claim(
                session,
                table,  # type: ignore[arg-type]
                due=table.c.sent_at.is_(None),
                order_by=[table.c.send_after],
                limit=100,
                lease_until=clock.now() + service.LEASE,
                now=clock.now(),
            )
        transport = SmtpTransport(f"smtp://127.0.0.1:{port}", SENDER)
        assert await service.deliver_due_mail(db, transport, now=clock.now()) == 0  # leased elsewhere
        clock.advance(service.LEASE)
        assert await service.deliver_due_mail(db, transport, now=clock.now()) == 5
        await transport.close()
    assert sorted(r[0] for _, r, _ in server.messages) == sorted(addresses)


async def test_two_workers_draining_one_outbox_send_each_mail_once(
    db: Database, clock: FrozenClock, settings: Settings
) -> None:
    server = Recorder()
    other = Database(settings.database_url, schema=settings.database_schema)  # a second worker's pool
    try:
        with smtp_server(server) as port:
            transports = [SmtpTransport(f"smtp://127.0.0.1:{port}?pool=2", SENDER) for _ in range(2)]
            addresses = await _queue(db, clock, 200)
            sent = await asyncio.gather(
                *(
                    service.deliver_due_mail(
                        database, transport, now=clock.now(), batch=10, budget_seconds=30
                    )
                    for database, transport in zip((db, other), transports, strict=True)
                )
            )
            for transport in transports:
                await transport.close()
    finally:
        await other.dispose()
    assert sum(sent) == 200
    if settings.database_url.startswith("postgresql"):
        assert all(sent)  # SKIP LOCKED: both took their share at once
    assert Counter(r[0] for _, r, _ in server.messages) == Counter(addresses)


async def test_every_mail_has_plain_and_html_parts_and_only_reminders_carry_unsubscribe_headers(
    db: Database, clock: FrozenClock
) -> None:
    server = Recorder()
    stop = "http://testserver.local/unsubscribe/tok_en-123"
    with smtp_server(server) as port:
        transport = SmtpTransport(f"smtp://127.0.0.1:{port}", SENDER)
        async with db.session_scope() as session:
            reminder = await service.queue_mail(
                session,
                to="ruth@example.org",
                subject="Your check-in is ready",
                body="Hello Ruth,\n\nAnswer here: https://carers.example/answer/abc?x=1&y=<2>\nThanks.\n",
                category="checkin-prompt",
                now=clock.now(),
                unsubscribe_url=stop,
            )
            await service.queue_mail(
                session,
                to="sam@example.org",
                subject="Reset",
                body="Hi Sam",
                category="password-reset",
                now=clock.now(),
            )
        assert await service.deliver_due_mail(db, transport, now=clock.now()) == 2
        await transport.close()

    ruth = _parse(server.to("ruth@example.org")[0])
    assert ruth.get_content_type() == "multipart/alternative"
    assert ruth["Message-ID"] == f"<{reminder.id}@riverside.example>"
    assert ruth["List-Unsubscribe"] == f"<{stop}>"
    assert ruth["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    plain = ruth.get_body(preferencelist=("plain",))
    rich = ruth.get_body(preferencelist=("html",))
    assert plain is not None and rich is not None
    assert f"Stop these reminder e-mails: {stop}" in plain.get_content()
    page = rich.get_content()
    assert '<html lang="en-GB">' in page
    assert "<p" in page and "Hello Ruth," in page
    assert '<a href="https://carers.example/answer/abc?x=1&amp;y=" ' in page  # escaped, and the < ends it
    assert "&lt;2&gt;" in page
    assert f'<a href="{stop}"' in page

    sam = _parse(server.to("sam@example.org")[0])
    assert sam["List-Unsubscribe"] is None and sam["List-Unsubscribe-Post"] is None
    assert sam.get_body(preferencelist=("html",)) is not None
    assert "Stop these" not in sam.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]


async def test_no_address_subject_or_body_reaches_the_logs(
    db: Database, clock: FrozenClock, caplog: pytest.LogCaptureFixture
) -> None:
    server = Recorder()
    server.refused = {"p0@example.org"}
    server.drop_on = {"p1@example.org"}
    caplog.set_level(logging.DEBUG)
    with smtp_server(server) as port:
        transport = SmtpTransport(f"smtp://127.0.0.1:{port}", SENDER)
        await _queue(db, clock, 3)
        assert await service.deliver_due_mail(db, transport, now=clock.now()) == 1
        await transport.close()
    ours = [r for r in caplog.records if r.name.startswith(("carerlink", "aiosmtplib"))]  # not the server's
    logged = "\n".join(f"{r.getMessage()} {getattr(r, 'fields', '')}" for r in ours)
    assert "mail.refused" in logged and "mail.retry" in logged and "mail.sent" in logged
    assert "Secret body" not in logged and "check-in is ready" not in logged and "@example.org" not in logged


async def test_a_server_too_slow_for_the_lease_has_its_sends_cut_short_and_retried(
    db: Database, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "LEASE", timedelta(seconds=21))  # sends cut 20 s before: after 1 s
    server = Recorder(pause=5)
    with smtp_server(server) as port:
        transport = SmtpTransport(f"smtp://127.0.0.1:{port}", SENDER)
        await _queue(db, clock, 2)
        started = asyncio.get_running_loop().time()
        assert await service.deliver_due_mail(db, transport, now=clock.now()) == 0
        assert asyncio.get_running_loop().time() - started < 4  # not the 5 s the server takes
        await transport.close()
    stored = await _rows(db)
    assert {m.last_error for m in stored.values()} == {"TimeoutError"}
    assert all(m.send_after > clock.now() and m.lease_token is None for m in stored.values())


async def test_the_apps_smtp_connections_are_closed_when_it_stops(
    settings: Settings, clock: FrozenClock
) -> None:
    from carerlink.app import create_app
    from carerlink.mail.jobs import deliver_mail

    server = Recorder()
    with smtp_server(server) as port:
        app = create_app(settings.replace(smtp_url=f"smtp://127.0.0.1:{port}?pool=2"), clock=clock)
        runtime = app.state.runtime
        transport = runtime.mail_transport
        assert isinstance(transport, SmtpTransport) and transport.close in runtime.closers
        await _queue(runtime.database, clock, 3)
        assert await deliver_mail(runtime) == 3
        assert transport._idle  # kept open after the tick
        await runtime.close()
        assert transport._idle == []
    assert len(server.messages) == 3
