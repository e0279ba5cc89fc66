"""Real ``carerlink worker`` processes and bulk set-up, for the multi-process tests and the benchmarks."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import insert

from carerlink.accounts.models import User
from carerlink.db import Database
from carerlink.notifications import kinds, service
from carerlink.notifications.models import (
    DeliveryState,
    Notification,
    PushDelivery,
    PushStatus,
    PushSubscription,
)
from carerlink.notifications.push import origin_of
from tests.support import password_hash

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Worker:
    """One ``carerlink worker`` process."""

    process: subprocess.Popen[bytes]
    log: Path

    def kill(self) -> None:
        """SIGKILL: no clean-up, no finalising, exactly like a crash or an OOM kill."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> int:
        """SIGTERM and wait for a clean exit."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def worker_environment(
    *, database_url: str, schema: str | None, data_dir: Path, vapid_private_key: str, **extra: str
) -> dict[str, str]:
    """What a worker process is configured with (``CARERLINK_*`` only, like production)."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("CARERLINK_")}
    environ.update(
        {
            "CARERLINK_ENV": "test",
            "CARERLINK_DATABASE_URL": database_url,
            "CARERLINK_DATA_DIR": str(data_dir),
            "CARERLINK_SECRET_KEY": "worker-test-secret-key-0123456789",
            "CARERLINK_BASE_URL": "http://testserver.local",
            "CARERLINK_VAPID_PRIVATE_KEY": vapid_private_key,
            "CARERLINK_PUSH_ALLOW_ANY_ENDPOINT": "1",
            "CARERLINK_LOG_LEVEL": "WARNING",
        }
    )
    if schema:
        environ["CARERLINK_DATABASE_SCHEMA"] = schema
    environ.update(extra)
    return environ


def start_worker(environ: dict[str, str], log: Path) -> Worker:
    """Start ``carerlink worker`` with its output going to ``log``."""
    handle = log.open("ab")
    process = subprocess.Popen(
        [sys.executable, "-m", "carerlink.cli", "worker"],
        env=environ,
        stdout=handle,
        stderr=subprocess.STDOUT,
        cwd=ROOT,
    )
    handle.close()
    return Worker(process, log)


async def seed(
    database: Database,
    subscriptions: Sequence[dict[str, Any]],
    *,
    per_person: int,
    now: datetime,
    chunk: int = 250,
    parallel: int = 8,
) -> list[uuid.UUID]:
    """One person per subscription, each notified ``per_person`` times with ``notify()``; returns the ids."""
    people = [uuid.uuid4() for _ in subscriptions]
    async with database.session_scope() as session:
        await session.execute(
            insert(User),
            [
                {
                    "id": person,
                    "email": f"{person.hex}@example.org",
                    "display_name": "Test Person",
                    "time_zone": "Europe/London",
                    "locale": "en-GB",
                    "password_hash": password_hash(),
                    "password_changed_at": now,
                    "is_active": True,
                    "created_at": now,
                }
                for person in people
            ],
        )
        await session.execute(
            insert(PushSubscription),
            [
                {
                    "id": uuid.uuid4(),
                    "user_id": person,
                    "endpoint": sub["endpoint"],
                    "origin": origin_of(sub["endpoint"]),
                    "p256dh": sub["keys"]["p256dh"],
                    "auth": sub["keys"]["auth"],
                    "label": "Chrome on Android",
                    "created_at": now,
                    "updated_at": now,
                }
                for person, sub in zip(people, subscriptions, strict=True)
            ],
        )
    work = [(person, n) for n in range(per_person) for person in people]
    ids: list[uuid.UUID] = []

    async def notify_chunk(part: list[tuple[uuid.UUID, int]]) -> None:
        async with database.session_scope() as session:
            for person, n in part:
                notification_id = await service.notify(
                    session,
                    user_id=person,
                    kind=kinds.CheckinDue,
                    data={"checkin_id": uuid.uuid4(), "buddy_name": "Priya"},
                    dedupe_key=f"load:{n}",
                    now=now,
                )
                assert notification_id is not None
                ids.append(notification_id)

    chunks = [work[i : i + chunk] for i in range(0, len(work), chunk)]
    for start in range(0, len(chunks), parallel):
        await asyncio.gather(*(notify_chunk(part) for part in chunks[start : start + parallel]))
    return ids


async def seed_bulk(
    database: Database,
    subscriptions: Sequence[dict[str, Any]],
    *,
    due_at: datetime,
    now: datetime,
    chunk: int = 2000,
) -> list[uuid.UUID]:
    """One person, device and due check-in reminder per subscription, inserted in bulk (for benchmarks).

    The rows are exactly what ``notify()`` writes (rendered by the same kind), without its per-call cost.
    """
    people = [uuid.uuid4() for _ in subscriptions]
    devices = [uuid.uuid4() for _ in subscriptions]
    notifications = [uuid.uuid4() for _ in subscriptions]
    for start in range(0, len(people), chunk):
        part = range(start, min(start + chunk, len(people)))
        async with database.session_scope() as session:
            await session.execute(
                insert(User),
                [
                    {
                        "id": people[i],
                        "email": f"{people[i].hex}@example.org",
                        "display_name": "Test Person",
                        "time_zone": "Europe/London",
                        "locale": "en-GB",
                        "password_hash": password_hash(),
                        "password_changed_at": now,
                        "is_active": True,
                        "created_at": now,
                    }
                    for i in part
                ],
            )
            await session.execute(
                insert(PushSubscription),
                [
                    {
                        "id": devices[i],
                        "user_id": people[i],
                        "endpoint": subscriptions[i]["endpoint"],
                        "origin": origin_of(subscriptions[i]["endpoint"]),
                        "p256dh": subscriptions[i]["keys"]["p256dh"],
                        "auth": subscriptions[i]["keys"]["auth"],
                        "label": "Chrome on Android",
                        "created_at": now,
                        "updated_at": now,
                    }
                    for i in part
                ],
            )
            rendered = [
                kinds.build(kinds.CheckinDue, {"checkin_id": uuid.uuid4(), "buddy_name": "Priya"})
                for _ in part
            ]
            await session.execute(
                insert(Notification),
                [
                    {
                        "id": notifications[i],
                        "user_id": people[i],
                        "kind": r.name,
                        "dedupe_key": f"bench:{i}",
                        "data": {},
                        "title": r.title(),
                        "body": r.body(),
                        "url": r.url(),
                        "tag": r.tag(),
                        "topic": kinds.topic_for(r.topic_key()),
                        "urgency": r.urgency,
                        "push": PushStatus.QUEUED,
                        "created_at": now,
                    }
                    for i, r in zip(part, rendered, strict=True)
                ],
            )
            await session.execute(
                insert(PushDelivery),
                [
                    {
                        "id": uuid.uuid4(),
                        "notification_id": notifications[i],
                        "subscription_id": devices[i],
                        "user_id": people[i],
                        "kind": "checkin_due",
                        "origin": origin_of(subscriptions[i]["endpoint"]),
                        "state": DeliveryState.PENDING,
                        "not_before": due_at,
                        "expires_at": due_at + kinds.CheckinDue.ttl,
                        "attempts": 0,
                        "created_at": now,
                    }
                    for i in part
                ],
            )
    return notifications


class PushServiceProcess:
    """The loopback push service in a process of its own, driven through its ``/_control/`` API."""

    def __init__(self, *, vapid_public_key: str, decrypt_every: int = 100) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.notifications.push_service",
                "--vapid-public-key",
                vapid_public_key,
                "--decrypt-every",
                str(decrypt_every),
            ],
            stdout=subprocess.PIPE,
            cwd=ROOT,
        )
        assert self.process.stdout is not None
        self.port = int(json.loads(self.process.stdout.readline())["port"])
        self.base = f"http://127.0.0.1:{self.port}"

    def subscribers(self, count: int) -> list[dict[str, Any]]:
        response = httpx.post(f"{self.base}/_control/subscribers", params={"count": count}, timeout=120)
        result: list[dict[str, Any]] = response.json()
        return result

    def configure(self, *, delay: float = 0.0, failure_ratio: float = 0.0) -> None:
        """Answer every push after ``delay`` seconds (a push service's network distance), fail some."""
        httpx.post(
            f"{self.base}/_control/settings",
            json={"delay": delay, "failure_ratio": failure_ratio},
            timeout=10,
        )

    def stats(self) -> dict[str, Any]:
        result: dict[str, Any] = httpx.get(f"{self.base}/_control/stats", timeout=30).json()
        return result

    def received(self) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = httpx.get(f"{self.base}/_control/received", timeout=60).json()
        return result

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
