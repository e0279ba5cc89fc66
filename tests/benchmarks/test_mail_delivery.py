"""Benchmark of the mail outbox (``make bench``): 5,000 e-mails to a local SMTP server (aiosmtpd in a
process of its own), the old way against the outbox as it is now, on SQLite and PostgreSQL.

The old way (before issue 14), measured in the same run as a baseline: claim 20, then send them one at a
time, each over a fresh SMTP connection (``aiosmtplib.send``), and mark each sent in its own transaction.
In production that also waited 2 s between ticks (at most 10 mails/s); here the baseline runs its
batches back to back, so the figure is what it could do at best. The outbox now: ``deliver_due_mail``
as the tick calls it (batches of 100 in two lanes, sent over a pool of 4 reused connections, finalised
per outcome group), called back to back until everything is sent. It fails only on a lost or doubled mail.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import aiosmtplib
import pytest
from sqlalchemy import delete, insert, update

from carerlink.db import Database
from carerlink.db.leases import claim, still_ours
from carerlink.mail import service
from carerlink.mail.models import OutgoingMail
from carerlink.mail.transport import SmtpTransport
from tests.benchmarks.figures import Figures
from tests.conftest import DatabaseTarget
from tests.mail.smtp_server import free_port

COUNT = 5_000
SENDER = "Riverside Carers <no-reply@riverside.example>"
BODY = (
    "Hello Ruth,\n\nYour weekly check-in is ready. It takes a minute: tap the link below and say how "
    "things are this week.\n\nhttps://carers.example.org/answer/{token}\n\nPriya, your buddy, will see "
    "your answer.\n\nIf you need help now, call your centre or the numbers in the app.\n"
)
_mail: Any = OutgoingMail.__table__


class Sink:
    """The SMTP server process; ``stop()`` returns the recipients it accepted and its connections."""

    def __init__(self, tmp_path: Path, delay_ms: float = 0) -> None:
        self.port = free_port()
        self.out = tmp_path / f"sink-{self.port}.json"
        script = Path(__file__).with_name("smtp_sink.py")
        self.process = subprocess.Popen(
            [sys.executable, str(script), str(self.port), str(self.out), str(delay_ms)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None and self.process.stdout.readline().strip() == "ready"

    def stop(self) -> tuple[list[str], int]:
        self.process.terminate()
        self.process.wait(timeout=30)
        found = json.loads(self.out.read_text())
        return list(found["recipients"]), int(found["connections"])


@pytest.fixture
def sink_factory(tmp_path: Path) -> Iterator[Any]:
    started: list[Sink] = []

    def start(delay_ms: float = 0) -> Sink:
        started.append(Sink(tmp_path, delay_ms))
        return started[-1]

    yield start
    for sink in started:
        if sink.process.poll() is None:
            sink.process.kill()


async def _queue(database: Database, run: str, count: int = COUNT) -> list[str]:
    now = datetime.now(UTC)
    addresses = [f"{run}-{i}@example.org" for i in range(count)]
    rows = [
        {
            "id": uuid.uuid4(),
            "to_address": address,
            "subject": "Your check-in is ready",
            "body": BODY.format(token=uuid.uuid4().hex),
            "category": "checkin-prompt",
            "send_after": now - timedelta(seconds=1),
            "attempts": 0,
            "unsubscribe_url": f"https://carers.example.org/unsubscribe/{uuid.uuid4().hex}",
            "created_at": now,
            "updated_at": now,
        }
        for address in addresses
    ]
    async with database.session_scope() as session:
        await session.execute(delete(_mail))
        for start in range(0, len(rows), 1000):
            await session.execute(insert(_mail), rows[start : start + 1000])
    return addresses


async def _old_way(database: Database, port: int) -> int:
    """The delivery before issue 14: 20 claimed, each sent on a fresh connection, each finalised alone."""
    sent = 0
    while True:
        now = datetime.now(UTC)
        async with database.session_scope() as session:
            token, rows = await claim(
                session,
                _mail,
                due=(_mail.c.sent_at.is_(None)) & (_mail.c.failed_at.is_(None)) & (_mail.c.send_after <= now),
                order_by=[_mail.c.send_after],
                limit=20,
                lease_until=now + timedelta(minutes=2),
                now=now,
                extra_values={"attempts": _mail.c.attempts + 1},
            )
        if not rows:
            return sent
        for row in rows:
            message = EmailMessage()
            message["From"] = SENDER
            message["To"] = row.to_address
            message["Subject"] = row.subject
            message["Message-ID"] = f"<{uuid.uuid4()}@carerlink>"
            message.set_content(row.body)
            await aiosmtplib.send(message, hostname="127.0.0.1", port=port, timeout=20)
            async with database.session_scope() as session:
                await session.execute(
                    update(_mail)
                    .where(still_ours(_mail, row.id, token))
                    .values(sent_at=now, body="", lease_token=None, lease_until=None, last_error=None)
                )
            sent += 1


async def _outbox(database: Database, port: int) -> tuple[int, int]:
    transport = SmtpTransport(f"smtp://127.0.0.1:{port}", SENDER)
    sent = 0
    try:
        while more := await service.deliver_due_mail(database, transport, now=datetime.now(UTC)):
            sent += more
    finally:
        await transport.close()
    return sent, transport.concurrency


def _exactly_once(received: list[str], addresses: list[str]) -> None:
    counts = Counter(received)
    assert set(counts) == set(addresses), f"lost mails: {len(set(addresses) - set(counts))}"
    assert max(counts.values()) == 1, "doubled mails"


async def _compare(
    target: DatabaseTarget, sink_factory: Any, *, count: int, delay_ms: float = 0
) -> tuple[float, int, float, int, int]:
    """Old way then outbox, each to a fresh server: mails/s and connections of each, and the pool size."""
    database = Database(target.url, schema=target.schema)
    try:
        addresses = await _queue(database, "old", count)
        sink = sink_factory(delay_ms)
        started = time.perf_counter()
        assert await _old_way(database, sink.port) == count
        old_rate = count / (time.perf_counter() - started)
        received, old_connections = sink.stop()
        _exactly_once(received, addresses)

        addresses = await _queue(database, "new", count)
        sink = sink_factory(delay_ms)
        started = time.perf_counter()
        sent, pool = await _outbox(database, sink.port)
        new_rate = count / (time.perf_counter() - started)
        received, new_connections = sink.stop()
        assert sent == count
        _exactly_once(received, addresses)
        assert new_connections <= pool
    finally:
        await database.dispose()
    return new_rate, new_connections, old_rate, old_connections, pool


async def test_mail_throughput_old_way_against_the_outbox(
    target: DatabaseTarget, sink_factory: Any, figures: Figures
) -> None:
    new_rate, new_connections, old_rate, old_connections, pool = await _compare(
        target, sink_factory, count=COUNT
    )
    figures.record(
        f"mail delivery, {COUNT:,} e-mails to a local SMTP server, one worker, {target.backend}",
        f"outbox: {new_rate:,.0f} mails/s over {new_connections} reused connections (pool of {pool}, "
        f"plain + HTML); old way (20 claimed, one at a time, a fresh connection each, back to back): "
        f"{old_rate:,.0f} mails/s over {old_connections:,} connections; {new_rate / old_rate:.1f}x; "
        f"0 lost, 0 doubled; load average {os.getloadavg()[0]:.1f}",
    )


async def test_mail_throughput_with_the_smtp_server_10_ms_away(
    target: DatabaseTarget, sink_factory: Any, figures: Figures
) -> None:
    """Every reply 10 ms late, as from a real provider: a fresh connection then costs 7 round trips."""
    if target.backend != "postgresql":
        pytest.skip("measured once, on PostgreSQL")
    count = 1_000
    new_rate, new_connections, old_rate, old_connections, pool = await _compare(
        target, sink_factory, count=count, delay_ms=10
    )
    figures.record(
        f"mail delivery, {count:,} e-mails, SMTP server 10 ms away, one worker, {target.backend}",
        f"outbox: {new_rate:,.0f} mails/s over {new_connections} reused connections (pool of {pool}); "
        f"old way (one at a time, a fresh connection each, back to back): {old_rate:,.0f} mails/s "
        f"over {old_connections:,} connections; {new_rate / old_rate:.1f}x; 0 lost, 0 doubled; "
        f"load average {os.getloadavg()[0]:.1f}",
    )
