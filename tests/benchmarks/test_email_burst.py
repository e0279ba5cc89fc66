"""Benchmark (``make bench``): 10,000 check-in prompts due in one minute, half the carers by e-mail.

Half the carers have a phone subscribed to push; the other half have none, so their prompt goes by
e-mail. Real ``carerlink worker`` processes (two on PostgreSQL) walk the ladder, deliver the pushes to
the loopback push service and hand the e-mails to a real SMTP server (aiosmtpd) in a process of its
own. Printed: due → e-mail handed to SMTP and due → push received, p50/p99/max. It fails on a prompt
lost or doubled on either channel; the budget (p99 ≤ 30 s to SMTP on PostgreSQL) is read from the figure.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from carerlink.checkins.models import CheckinOccurrence
from carerlink.db import Database
from carerlink.notifications import vapid
from carerlink.notifications.models import Notification
from tests.benchmarks.figures import Figures
from tests.benchmarks.test_checkin_burst import COUNT, _percentiles, _seed, key, push_service
from tests.conftest import DatabaseTarget
from tests.notifications.workers import ROOT, PushServiceProcess, Worker, start_worker, worker_environment

__all__ = ["key", "push_service"]  # the fixtures, shared with the push-only burst


class SmtpSinkProcess:
    """``tests.benchmarks.smtp_arrivals`` running in a process of its own."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.benchmarks.smtp_arrivals", "--out", str(out)],
            stdout=subprocess.PIPE,
            cwd=ROOT,
        )
        assert self.process.stdout is not None
        self.port = int(json.loads(self.process.stdout.readline())["port"])

    def arrivals(self) -> list[tuple[float, str]]:
        if not self.out.exists():
            return []
        rows = []
        for line in self.out.read_text(encoding="utf-8").splitlines():
            at, _, recipient = line.partition(" ")
            if recipient:
                rows.append((float(at), recipient))
        return rows

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def smtp_sink(tmp_path: Path) -> Iterator[SmtpSinkProcess]:
    sink = SmtpSinkProcess(tmp_path / "arrivals.txt")
    yield sink
    sink.stop()


def _on_email(i: int) -> bool:
    return i % 2 == 1


async def test_ten_thousand_prompts_half_by_email(
    target: DatabaseTarget,
    key: vapid.VapidKey,
    push_service: PushServiceProcess,
    smtp_sink: SmtpSinkProcess,
    tmp_path: Path,
    figures: Figures,
) -> None:
    if target.backend == "sqlite":
        pytest.skip("the issue's budget is for PostgreSQL with two workers; SQLite runs one writer")
    database = Database(target.url, schema=target.schema)
    workers: list[Worker] = []
    by_email = COUNT // 2
    by_push = COUNT - by_email
    try:
        due = datetime.now(UTC) + timedelta(seconds=90)  # seeding takes a while; all fall due after it
        people = await _seed(
            database, push_service.subscribers(COUNT), due, has_device=lambda i: not _on_email(i)
        )
        environ = worker_environment(
            database_url=target.url,
            schema=target.schema,
            data_dir=tmp_path / "var",
            vapid_private_key=key.private_key_text,
            CARERLINK_SMTP_URL=f"smtp://127.0.0.1:{smtp_sink.port}",
        )
        workers = [start_worker(environ, tmp_path / f"w{n}.log") for n in range(2)]
        deadline = time.monotonic() + 90 + 60 + 300
        email_people = {people[i].hex: people[i] for i in range(COUNT) if _on_email(i)}

        def prompts_mailed() -> list[tuple[float, str]]:
            # The seeded pair's own people may be e-mailed too (not prompts of the burst): left out.
            return [(at, rcpt) for at, rcpt in smtp_sink.arrivals() if rcpt.split("@")[0] in email_people]

        while push_service.stats()["received"] < by_push or len(prompts_mailed()) < by_email:
            assert time.monotonic() < deadline, (
                f"not all prompts arrived: push {push_service.stats()}, e-mail {len(prompts_mailed())}"
            )
            for worker in workers:
                assert worker.process.poll() is None, worker.log.read_text()[-2000:]
            await asyncio.sleep(0.5)
        await asyncio.sleep(3)  # anything doubled would arrive now
    finally:
        for worker in workers:
            worker.stop()
    async with database.session_scope() as session:
        due_of = {
            carer: due_at
            for carer, due_at in (
                await session.execute(select(CheckinOccurrence.carer_user_id, CheckinOccurrence.due_at))
            ).all()
        }
        prompts = (
            await session.execute(
                select(Notification.user_id, Notification.channel).where(Notification.kind == "checkin_due")
            )
        ).all()
    await database.dispose()
    channels = Counter(channel for _, channel in prompts)
    assert len(prompts) == COUNT and channels == {"push": by_push, "email": by_email}, channels
    arrivals = prompts_mailed()
    recipients = Counter(recipient.split("@")[0] for _, recipient in arrivals)
    assert set(recipients) == set(email_people) and max(recipients.values()) == 1, "e-mail lost or doubled"
    received = push_service.received()
    topics = Counter(r["topic"] for r in received)
    assert len(topics) == by_push and max(topics.values()) == 1, "push lost or doubled"
    email_lateness = [at - due_of[email_people[rcpt.split("@")[0]]].timestamp() for at, rcpt in arrivals]
    figures.record(
        "10,000 prompts due in one minute, half by e-mail, postgresql, 2 workers",
        f"due → e-mail handed to SMTP {_percentiles(email_lateness)}; "
        f"{by_email:,} e-mails and {by_push:,} pushes, 0 lost, 0 doubled (budget p99 ≤ 30 s); "
        f"load average {os.getloadavg()[0]:.1f}",
    )
