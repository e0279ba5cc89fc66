"""Benchmark (``make bench``): the API under 50 concurrent clients on PostgreSQL.

``carerlink serve`` (two web processes, as on a 2-core server) answers 50 signed-in carers: reads
(``GET /api/v1/me``, ``GET /api/v1/me/checkins``) and writes (a check-in of their own, which stores it,
queues the buddy's notification and audits nothing). In the same run, a bare Litestar app returning a
small JSON document is served the same way and driven by the same load generator: the baseline for
throughput. Printed: p50/p95/p99 latency, requests per second, errors, and the ratio to the baseline.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import aiohttp
import pytest

from carerlink.db import Database
from carerlink.notifications import vapid
from carerlink.tables import metadata
from tests.benchmarks.figures import Figures
from tests.checkins.factories import Pair, make_pair
from tests.conftest import POSTGRES_URL, DatabaseTarget, _execute
from tests.notifications.workers import worker_environment
from tests.support import PASSWORD, make_org

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 50
SECONDS = 8.0
BARE_APP = """
from litestar import Litestar, get

@get("/bare", sync_to_thread=False)
def bare() -> dict[str, object]:
    return {"id": "1f0c", "display_name": "Alex", "memberships": [{"role": "carer", "status": "active"}]}

app = Litestar([bare], logging_config=None)
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(argv: list[str], env: dict[str, str], port: int, log: Path, ready: str) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()[-2000:]
            time.sleep(0.2)
    time.sleep(1.0)  # every worker process up
    return process


def serve_carerlink(postgres: DatabaseTarget, tmp_path: Path, port: int) -> subprocess.Popen[bytes]:
    """``carerlink serve`` with two web processes on the benchmark's PostgreSQL schema, no jobs."""
    env = worker_environment(
        database_url=postgres.url,
        schema=postgres.schema,
        data_dir=tmp_path / "var",
        vapid_private_key=vapid.generate().private_key_text,
        CARERLINK_RUN_JOBS="0",
        CARERLINK_WEB_WORKERS="2",
        CARERLINK_PORT=str(port),
        CARERLINK_LOG_LEVEL="WARNING",
    )
    return _serve([sys.executable, "-m", "carerlink.cli", "serve"], env, port, tmp_path / "serve.log", "")


async def sign_in_carers(base: str, sessions: list[aiohttp.ClientSession], pairs: list[Pair]) -> list[str]:
    """Each session signed in as its pair's carer; each session's CSRF token."""
    tokens = []
    for session, pair in zip(sessions, pairs, strict=True):
        async with session.get(f"{base}/healthz") as r:
            token = r.cookies["csrftoken"].value
        async with session.post(
            f"{base}/api/v1/auth/login",
            json={"email": pair.carer.email, "password": PASSWORD},
            headers={"X-CSRFToken": token},
        ) as r:
            assert r.status == 200, await r.text()
        tokens.append(token)
    return tokens


def serve_bare(tmp_path: Path, port: int) -> subprocess.Popen[bytes]:
    """The bare Litestar JSON route (``BARE_APP``) in two uvicorn workers: the baseline of the same run."""
    (tmp_path / "bare_app.py").write_text(BARE_APP)
    argv = [sys.executable, "-m", "uvicorn", "bare_app:app", "--port", str(port), "--workers", "2"]
    argv += ["--log-level", "warning", "--no-access-log", "--app-dir", str(tmp_path)]
    return _serve(argv, dict(os.environ), port, tmp_path / "bare.log", "")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture
async def postgres(postgres_schema: DatabaseTarget) -> AsyncIterator[DatabaseTarget]:
    if not POSTGRES_URL:
        pytest.skip("needs PostgreSQL: set CARERLINK_TEST_POSTGRES_URL")
    yield postgres_schema
    tables = ", ".join(f'"{postgres_schema.schema}"."{t.name}"' for t in metadata.sorted_tables)
    await _execute(postgres_schema.url, f"TRUNCATE {tables} CASCADE")


async def _drive(
    request: Callable[[aiohttp.ClientSession, int], Awaitable[int]], sessions: list[aiohttp.ClientSession]
) -> tuple[list[float], int, float]:
    """Each client sends requests back to back for ``SECONDS``; returns latencies, errors, requests/s."""
    latencies: list[float] = []
    errors = 0
    stop_at = time.perf_counter() + SECONDS

    async def client(n: int) -> None:
        nonlocal errors
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            status = await request(sessions[n], n)
            latencies.append(time.perf_counter() - started)
            if status >= 400:
                errors += 1

    started = time.perf_counter()
    await asyncio.gather(*(client(n) for n in range(len(sessions))))
    return latencies, errors, len(latencies) / (time.perf_counter() - started)


def _line(name: str, latencies: list[float], errors: int, rate: float) -> str:
    q = statistics.quantiles(latencies, n=100)
    ms = [q[i] * 1000 for i in (49, 94, 98)]
    timing = f"p50 {ms[0]:.1f} ms, p95 {ms[1]:.1f} ms, p99 {ms[2]:.1f} ms"
    return f"{name}: {rate:,.0f} req/s, {timing}, {errors} errors"


async def test_fifty_concurrent_clients_on_postgresql(
    postgres: DatabaseTarget, tmp_path: Path, figures: Figures
) -> None:
    database = Database(postgres.url, schema=postgres.schema)
    org = await make_org(database, slug="load")
    pairs: list[Pair] = [await make_pair(database, org=org) for _ in range(CLIENTS)]
    await database.dispose()

    port, bare_port = _free_port(), _free_port()
    server = serve_carerlink(postgres, tmp_path, port)
    connector = aiohttp.TCPConnector(limit=0)
    sessions = [
        aiohttp.ClientSession(
            connector=connector, connector_owner=False, cookie_jar=aiohttp.CookieJar(unsafe=True)
        )
        for _ in range(CLIENTS)
    ]
    base = f"http://127.0.0.1:{port}"
    try:
        tokens = await sign_in_carers(base, sessions, pairs)

        async def read(session: aiohttp.ClientSession, n: int) -> int:
            path = "/api/v1/me" if n % 2 else "/api/v1/me/checkins"
            async with session.get(base + path) as r:
                await r.read()
                return r.status

        async def write(session: aiohttp.ClientSession, n: int) -> int:
            pair = pairs[n]
            async with session.post(
                f"{base}/api/v1/orgs/{org.id}/matches/{pair.match.id}/checkins",
                json={"wellbeing": 4},
                headers={"X-CSRFToken": tokens[n]},
            ) as r:
                await r.read()
                return r.status

        await _drive(read, sessions[:5])  # warm up
        reads = await _drive(read, sessions)
        writes = await _drive(write, sessions)
    finally:
        for session in sessions:
            await session.close()
        await connector.close()
        _stop(server)

    bare = serve_bare(tmp_path, bare_port)
    connector = aiohttp.TCPConnector(limit=0)
    sessions = [aiohttp.ClientSession(connector=connector, connector_owner=False) for _ in range(CLIENTS)]
    try:

        async def bare_read(session: aiohttp.ClientSession, n: int) -> int:
            async with session.get(f"http://127.0.0.1:{bare_port}/bare") as r:
                await r.read()
                return r.status

        await _drive(bare_read, sessions[:5])
        baseline = await _drive(bare_read, sessions)
    finally:
        for session in sessions:
            await session.close()
        await connector.close()
        _stop(bare)

    read_p95 = statistics.quantiles(reads[0], n=100)[94]
    write_p95 = statistics.quantiles(writes[0], n=100)[94]
    figures.record(
        f"API, {CLIENTS} concurrent clients, PostgreSQL, 2 web processes",
        f"{_line('reads', *reads)}; {_line('writes', *writes)}; "
        f"{_line('bare Litestar JSON route', *baseline)}; "
        f"  read throughput {reads[2] / baseline[2]:.0%} of the bare route "
        f"(budget: p95 <= 50 ms reads, <= 100 ms writes, 0 errors, >= 40%); "
        f"load average {os.getloadavg()[0]:.1f}",
    )
    assert reads[1] == 0 and writes[1] == 0, "errors under load"
    assert read_p95 > 0 and write_p95 > 0
