"""The carerlink command, run as a real process: set-up commands, demo data, and serve."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from carerlink.demo import DEMO_PASSWORD, PEOPLE
from carerlink.notifications import vapid


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARERLINK_")}
    env.update({"CARERLINK_DATA_DIR": str(tmp_path / "var"), "CARERLINK_LOG_LEVEL": "INFO", **extra})
    return env


def carerlink(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``carerlink ARGS`` with a data dir of its own."""
    return subprocess.run(
        [sys.executable, "-m", "carerlink.cli", *args],
        env=_env(tmp_path, **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_fresh_install_creates_an_organisation_and_invites_its_first_coordinator(tmp_path: Path) -> None:
    assert carerlink(tmp_path, "db", "upgrade").returncode == 0
    created = carerlink(tmp_path, "create-org", "--name", "Northside Carers", "--slug", "northside")
    assert created.returncode == 0, created.stderr
    assert "Northside Carers" in created.stdout
    duplicate = carerlink(tmp_path, "create-org", "--name", "Again", "--slug", "northside")
    assert duplicate.returncode == 1 and "already exists" in duplicate.stderr

    invited = carerlink(tmp_path, "create-coordinator", "--org", "northside", "--email", "lead@example.org")
    assert invited.returncode == 0, invited.stderr
    assert re.search(r"/invitation#token=[A-Za-z0-9_-]{40,}", invited.stdout)
    assert re.search(r"code, in person: [A-Z0-9]{4}-[A-Z0-9]{4}", invited.stdout)
    assert "lead@example.org" not in invited.stderr  # no personal data in the logs
    assert (
        carerlink(tmp_path, "create-coordinator", "--org", "nowhere", "--email", "x@example.org").returncode
        == 1
    )


def test_demo_data_goes_only_into_an_empty_database_and_never_in_production(tmp_path: Path) -> None:
    carerlink(tmp_path, "db", "upgrade")
    first = carerlink(tmp_path, "demo", "--if-empty")
    assert first.returncode == 0, first.stderr
    assert "coordinator@example.org" in first.stdout and DEMO_PASSWORD in first.stdout
    again = carerlink(tmp_path, "demo", "--if-empty")
    assert (
        again.returncode == 0 and "coordinator@example.org" in again.stdout
    )  # prints the sign-ins, adds nothing
    assert carerlink(tmp_path, "demo").returncode == 1
    refused = carerlink(tmp_path, "demo", CARERLINK_ENV="production", CARERLINK_SECRET_KEY="s" * 40)
    assert refused.returncode == 2 and "production" in refused.stderr


@pytest.fixture
def served(tmp_path: Path):  # type: ignore[no-untyped-def]
    """``carerlink serve`` on the embedded default with demo data, on a free port."""
    port = _free_port()
    env = _env(tmp_path, CARERLINK_PORT=str(port))
    subprocess.run(
        [sys.executable, "-m", "carerlink.cli", "db", "upgrade"], env=env, check=True, capture_output=True
    )
    subprocess.run(
        [sys.executable, "-m", "carerlink.cli", "demo", "--if-empty"],
        env=env,
        check=True,
        capture_output=True,
    )
    log = (tmp_path / "serve.log").open("w+")
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "carerlink.cli", "serve"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None, (tmp_path / "serve.log").read_text()
            assert time.monotonic() - started < 30, "serve did not start within 30 s"
            time.sleep(0.1)
        yield base, process, tmp_path / "serve.log", time.monotonic() - started
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
        log.close()


def test_serve_answers_probes_and_the_demo_coordinator_signs_in_over_http(served) -> None:  # type: ignore[no-untyped-def]
    base, process, log_path, startup_seconds = served
    print(f"carerlink serve: ready in {startup_seconds:.2f} s")
    with httpx.Client(base_url=base) as browser:
        assert browser.get("/readyz").json()["status"] == "ok"
        token = browser.cookies["csrftoken"]
        login = browser.post(
            "/api/v1/auth/login",
            json={"email": "coordinator@example.org", "password": DEMO_PASSWORD},
            headers={"X-CSRFToken": token},
        )
        assert login.status_code == 200, login.text
        me = browser.get("/api/v1/me").json()
        assert me["memberships"][0]["organisation_name"] == "Riverside Carers Centre"
        assert me["memberships"][0]["role"] == "coordinator"
        request_id = browser.get("/api/v1/me").headers["x-request-id"]

    process.send_signal(signal.SIGTERM)
    # uvicorn finishes in-flight requests and the lifespan, then re-raises the signal it caught.
    assert process.wait(timeout=30) in (0, -signal.SIGTERM)
    lines = [json.loads(line) for line in log_path.read_text().splitlines() if line.startswith("{")]
    assert any(line["event"] == "Application shutdown complete." for line in lines)
    requests = [line for line in lines if line["event"] == "http.request"]
    assert any(line.get("request_id") == request_id and line["status"] == 200 for line in requests)
    text = log_path.read_text()
    assert "coordinator@example.org" not in text and DEMO_PASSWORD not in text
    assert all(set(line) >= {"time", "level", "event"} for line in lines)


def test_check_config_lists_what_is_unsafe_for_production_in_plain_words(tmp_path: Path) -> None:
    unsafe = carerlink(tmp_path, "check-config", CARERLINK_ENV="production")
    assert unsafe.returncode == 1
    for needle in (
        "CARERLINK_SECRET_KEY",
        "https://",
        "SQLite",
        "CARERLINK_SMTP_URL",
        "Web Push key",
        "VAPID_CONTACT",
    ):
        assert needle in unsafe.stdout
    refused = carerlink(tmp_path, "serve", CARERLINK_ENV="production")
    assert refused.returncode == 2 and "CARERLINK_SECRET_KEY" in refused.stderr

    key_file = tmp_path / "vapid.pem"
    production = {
        "CARERLINK_ENV": "production",
        "CARERLINK_SECRET_KEY": "k" * 48,
        "CARERLINK_BASE_URL": "https://carers.example.org",
        "CARERLINK_DATABASE_URL": "postgresql://carerlink@db/carerlink",
        "CARERLINK_SMTP_URL": "smtp://mail.example.org:587?starttls=1",
        "CARERLINK_VAPID_PRIVATE_KEY_FILE": str(key_file),
        "CARERLINK_VAPID_CONTACT": "mailto:it@carers.example.org",
    }
    key_file.write_text("-----BEGIN PRIVATE KEY-----\n")  # cut short when it was copied across
    broken = carerlink(tmp_path, "check-config", **production)
    assert broken.returncode == 1, broken.stdout
    assert "The Web Push key cannot be used" in broken.stdout
    assert "ready for production" not in broken.stdout
    assert carerlink(tmp_path, "serve", **production).returncode == 2  # refused at start, not half-started

    key_file.write_text(vapid.generate().pem().decode())
    ready = carerlink(tmp_path, "check-config", **production)
    assert ready.returncode == 0, ready.stdout
    assert "ready for production" in ready.stdout


def test_a_sqlite_backup_taken_while_serving_restores_the_same_data(served) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    _base, process, log_path, _ = served
    tmp_path = log_path.parent
    backup_file = tmp_path / "backup.sqlite3"
    taken = carerlink(tmp_path, "backup", "--output", str(backup_file))  # while the server is running
    assert taken.returncode == 0, taken.stderr
    assert oct(backup_file.stat().st_mode & 0o777) == "0o600"

    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    database = tmp_path / "var" / "carerlink.sqlite3"
    with sqlite3.connect(database) as connection:
        before = {row[0] for row in connection.execute("SELECT email FROM users")}
    database.unlink()  # the disaster
    restored = carerlink(tmp_path, "restore", str(backup_file))
    assert restored.returncode == 0, restored.stderr

    with sqlite3.connect(database) as connection:
        emails = {row[0] for row in connection.execute("SELECT email FROM users")}
    assert "coordinator@example.org" in emails
    assert emails >= {person.email for person in PEOPLE}  # everyone of the demo
    assert emails == before  # and every account, as before the disaster
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"not a database at all")
    refused = carerlink(tmp_path, "restore", str(broken))
    assert refused.returncode == 1
    assert "not a carerlink database" in refused.stderr
