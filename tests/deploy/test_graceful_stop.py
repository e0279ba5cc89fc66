"""A web process told to stop (SIGTERM, as a deploy or systemd does) finishes the requests it has begun.

A person on a slow phone network presses "Sign in" just as the server is restarted. The request has
reached the app (its ``Expect: 100-continue`` is answered only once the app asks for the body) but its
body is still on the way when SIGTERM arrives. The process stops taking new connections, waits for the
body, signs the person in with a good answer, and then exits cleanly.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from carerlink.db import Database
from tests.conftest import DatabaseTarget
from tests.support import PASSWORD, make_user
from tests.waiting import until_done

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Serving:
    """One ``carerlink serve`` process on its own port."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@pytest.fixture
def serving(database_target: DatabaseTarget, tmp_path: Path) -> Iterator[Serving]:
    port = _free_port()
    environ = {k: v for k, v in os.environ.items() if not k.startswith("CARERLINK_")}
    environ |= {
        "CARERLINK_ENV": "test",
        "CARERLINK_DATA_DIR": str(tmp_path / "var"),
        "CARERLINK_DATABASE_URL": database_target.url,
        "CARERLINK_PORT": str(port),
        "CARERLINK_BASE_URL": f"http://127.0.0.1:{port}",
        "CARERLINK_SECRET_KEY": "graceful-stop-test-secret-key-0123",
        "CARERLINK_LOG_LEVEL": "INFO",
    }
    if database_target.schema:
        environ["CARERLINK_DATABASE_SCHEMA"] = database_target.schema
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "carerlink.cli", "serve"],
            env=environ,
            stdout=output,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
    server = Serving(process, port, log)
    try:
        deadline = time.monotonic() + 120  # a cold start on a machine whose cores are both busy is slow
        while True:
            try:
                if httpx.get(f"{server.url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None, f"carerlink serve exited at start:\n{server.output()}"
            assert time.monotonic() < deadline, f"carerlink serve did not become ready:\n{server.output()}"
            time.sleep(0.2)
        yield server
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _refuses_connections(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return False
    except OSError:
        return True


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, list[tuple[str, str]], bytes]:
    """One HTTP/1.1 response (status, headers, body), read up to its end."""
    status_line = (await reader.readline()).decode()
    assert status_line, "the connection was closed without an answer"
    status = int(status_line.split()[1])
    headers: list[tuple[str, str]] = []
    while (line := (await reader.readline()).decode()) not in ("\r\n", ""):
        name, _, value = line.partition(":")
        headers.append((name.strip().lower(), value.strip()))
    length = dict(headers).get("content-length")
    if length is not None:
        body = await reader.readexactly(int(length))
    else:
        body = await reader.read()
    return status, headers, body


async def test_a_sign_in_in_flight_when_the_process_is_told_to_stop_completes_and_it_exits_cleanly(
    database_target: DatabaseTarget, serving: Serving
) -> None:
    database = Database(database_target.url, schema=database_target.schema)
    try:
        person = await make_user(database, email="helen.wright@example.org", name="Helen Wright")
    finally:
        await database.dispose()
    async with httpx.AsyncClient(timeout=30) as browser:
        csrf = (await browser.get(f"{serving.url}/healthz")).cookies["csrftoken"]
    body = json.dumps({"email": person.email, "password": PASSWORD}).encode()

    reader, writer = await asyncio.open_connection("127.0.0.1", serving.port)
    writer.write(
        (
            "POST /api/v1/auth/login HTTP/1.1\r\n"
            f"Host: 127.0.0.1:{serving.port}\r\n"
            "Content-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n"
            "Expect: 100-continue\r\n"
            f"Cookie: csrftoken={csrf}\r\n"
            f"X-CSRFToken: {csrf}\r\n"
            "\r\n"
        ).encode()
    )
    await writer.drain()
    # The app has taken the request and is waiting for its body: the sign-in is in flight.
    interim = await asyncio.wait_for(reader.readline(), timeout=60)
    assert interim.startswith(b"HTTP/1.1 100"), interim + await reader.read(2000)
    assert await reader.readline() == b"\r\n"

    serving.process.send_signal(signal.SIGTERM)

    async def stopped_listening() -> bool:
        return await asyncio.to_thread(_refuses_connections, serving.port)

    def still_running() -> None:
        assert serving.process.poll() is None, (
            f"the process quit with a request in flight:\n{serving.output()}"
        )

    await until_done(stopped_listening, bool, stalled_after=60, check=still_running, describe=serving.output)
    still_running()

    writer.write(body)  # the rest of the request arrives after the stop signal
    await writer.drain()
    status, headers, answer = await asyncio.wait_for(_read_response(reader), timeout=60)
    writer.close()

    assert status == 200, answer
    assert "expires_at" in json.loads(answer)  # signed in: when this sign-in ends
    cookies = [value for name, value in headers if name == "set-cookie"]
    assert any(cookie.startswith("carerlink_session=") for cookie in cookies), cookies
    assert ("connection", "close") in headers  # and told not to come back on this connection
    returncode = await asyncio.to_thread(serving.process.wait, 60)
    log = serving.output()
    # Clean: the app's shutdown ran (ticks stopped, connections closed), nothing went wrong, and the
    # exit status is the signal's own (uvicorn re-raises it once it has shut down, as a service
    # manager expects of a process it stopped) or 0.
    assert returncode in (0, -signal.SIGTERM), log
    assert "Application shutdown complete" in log, log
    assert '"level": "error"' not in log, log
    assert "Traceback" not in log, log
