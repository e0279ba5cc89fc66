"""Benchmark (``make bench``): messages within a pair at 25 messages a second on PostgreSQL (issue 18).

``carerlink serve`` (two web processes, as on a 2-core server) takes 50 pairs' carers each sending their
buddy a message every 2 s (25 messages/s in all) for ``SECONDS``: each request stores the message and,
in the same transaction, queues the buddy's notification or brings their unread one up to date ("6 new
messages from Alex": one per pair while unread, issue 18 audit). In the same run a bare Litestar JSON route is
driven at the same pace: the baseline. Budget: p95 <= 100 ms to store a message, 0 errors.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp
from sqlalchemy import func, select

from carerlink.db import Database
from carerlink.messaging.models import Message
from carerlink.notifications.models import Notification
from tests.benchmarks.figures import Figures
from tests.benchmarks.test_api_load import (
    _free_port,
    _stop,
    postgres,
    serve_bare,
    serve_carerlink,
    sign_in_carers,
)
from tests.checkins.factories import Pair, make_pair
from tests.conftest import DatabaseTarget
from tests.support import make_org

__all__ = ["postgres"]  # the fixture, shared with the API load benchmark

PAIRS = 50
EVERY = 2.0  # seconds between one carer's messages
SECONDS = 12.0
BUDGET_P95 = 0.100


async def _paced(
    request: Callable[[aiohttp.ClientSession, int], Awaitable[int]], sessions: list[aiohttp.ClientSession]
) -> tuple[list[float], int, float]:
    """Each client sends one request every ``EVERY`` seconds (a random start in the first period)."""
    latencies: list[float] = []
    errors = 0
    start = time.perf_counter()
    stop_at = start + SECONDS

    async def client(n: int) -> None:
        nonlocal errors
        due = start + random.uniform(0, EVERY)
        while due < stop_at:
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            sent = time.perf_counter()
            status = await request(sessions[n], n)
            latencies.append(time.perf_counter() - sent)
            if status >= 400:
                errors += 1
            due += EVERY

    await asyncio.gather(*(client(n) for n in range(len(sessions))))
    return latencies, errors, len(latencies) / (time.perf_counter() - start)


def _line(name: str, latencies: list[float], errors: int, rate: float) -> str:
    q = statistics.quantiles(latencies, n=100)
    ms = [q[i] * 1000 for i in (49, 94, 98)]
    timing = f"p50 {ms[0]:.1f} ms, p95 {ms[1]:.1f} ms, p99 {ms[2]:.1f} ms"
    return f"{name}: {rate:,.1f} req/s, {timing}, {errors} errors"


async def test_fifty_pairs_messaging_every_two_seconds_on_postgresql(
    postgres: DatabaseTarget, tmp_path: Path, figures: Figures
) -> None:
    database = Database(postgres.url, schema=postgres.schema)
    org = await make_org(database, slug="messages-load")
    pairs: list[Pair] = [await make_pair(database, org=org) for _ in range(PAIRS)]

    port, bare_port = _free_port(), _free_port()
    server = serve_carerlink(postgres, tmp_path, port)
    connector = aiohttp.TCPConnector(limit=0)
    sessions = [
        aiohttp.ClientSession(
            connector=connector, connector_owner=False, cookie_jar=aiohttp.CookieJar(unsafe=True)
        )
        for _ in range(PAIRS)
    ]
    base = f"http://127.0.0.1:{port}"
    try:
        tokens = await sign_in_carers(base, sessions, pairs)

        async def send(session: aiohttp.ClientSession, n: int) -> int:
            async with session.post(
                f"{base}/api/v1/orgs/{org.id}/matches/{pairs[n].match.id}/messages",
                json={"text": "Thinking of you today. Shall I ring at six?"},
                headers={"X-CSRFToken": tokens[n], "Idempotency-Key": f"bench-{uuid.uuid4().hex}"},
            ) as r:
                await r.read()
                return r.status

        messages = await _paced(send, sessions)
    finally:
        for session in sessions:
            await session.close()
        await connector.close()
        _stop(server)

    bare = serve_bare(tmp_path, bare_port)
    connector = aiohttp.TCPConnector(limit=0)
    sessions = [aiohttp.ClientSession(connector=connector, connector_owner=False) for _ in range(PAIRS)]
    try:

        async def bare_read(session: aiohttp.ClientSession, n: int) -> int:
            async with session.get(f"http://127.0.0.1:{bare_port}/bare") as r:
                await r.read()
                return r.status

        baseline = await _paced(bare_read, sessions)
    finally:
        for session in sessions:
            await session.close()
        await connector.close()
        _stop(bare)

    async with database.session_scope() as session:
        stored = await session.scalar(select(func.count()).select_from(Message))
        notes = list(await session.scalars(select(Notification).where(Notification.kind == "new_message")))
    told = len(notes)
    counted = sum(int(n.data.get("count", 1)) for n in notes)
    await database.dispose()
    p95 = statistics.quantiles(messages[0], n=100)[94]
    figures.record(
        f"Messages, {PAIRS} pairs each every {EVERY:g} s, PostgreSQL, 2 web processes",
        f"{_line('send a message (stored, notification queued)', *messages)}; "
        f"{_line('bare Litestar JSON route at the same pace', *baseline)}; "
        f"{stored} messages stored, {told} notifications queued telling of {counted} "
        f"(budget: p95 <= 100 ms, 0 errors); load average {os.getloadavg()[0]:.1f}",
    )
    assert messages[1] == 0, "errors under load"
    # Each message stored, and told of once: one unread notification per pair, counting them all.
    assert stored == counted == len(messages[0]) and told == PAIRS
    assert p95 <= BUDGET_P95, f"p95 {p95 * 1000:.1f} ms is over the 100 ms budget"
