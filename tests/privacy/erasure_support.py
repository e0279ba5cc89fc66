"""Shared by the erasure tests: a carer with a rich history, and a scan of every text column."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import JSON, String, Text, select

from carerlink import tables
from carerlink.db import Database
from carerlink.organisations.models import Organisation
from tests.checkins.factories import Pair, make_pair
from tests.support import ApiClient, signed_in

CARER_NAME = "Wilhelmina Quartey"
CONTACT_NAME = "Ebenezer Abernathy"
CARER_PHONE = "07700 900555"
CONTACT_PHONE = "07700 900556"
NOTE = "Mum had a fall on the stairs; the zebrafinch kept singing"
REPLY = "So sorry about the fall, Wilhelmina. Thinking of you both."


@dataclass
class Rich:
    """A pair whose carer has a phone, an emergency contact, a check-in with a note and a reply."""

    pair: Pair
    carer: ApiClient
    buddy: ApiClient
    coordinator: ApiClient
    checkin_id: str
    needles: list[str] = field(default_factory=list)


async def pair_with(db: Database, *, carer_name: str, org: Organisation | None = None) -> Pair:
    """A live match whose carer is called ``carer_name`` (``make_pair``, named from the start)."""
    return await make_pair(db, org=org, carer_name=carer_name)


async def rich_pair(db: Database, new_client: Any) -> Rich:
    """A live pair whose carer (``CARER_NAME``) has told the centre and their buddy a few things."""
    pair = await pair_with(db, carer_name=CARER_NAME)
    carer = await signed_in(new_client, pair.carer.email)
    buddy = await signed_in(new_client, pair.buddy.email)
    coordinator = await signed_in(new_client, pair.coordinator.email)
    changed = await carer.patch(
        "/api/v1/me",
        json={
            "phone": CARER_PHONE,
            "emergency_contact": {"name": CONTACT_NAME, "relationship": "Brother", "phone": CONTACT_PHONE},
        },
    )
    assert changed.status_code == 200, changed.text
    started = await carer.post(
        f"{pair.base}/checkins",
        json={"wellbeing": 3, "note": NOTE, "wants_call": False, "needs_help": False},
        headers={"Idempotency-Key": f"rich-{uuid.uuid4().hex[:12]}"},
    )
    assert started.status_code == 201, started.text
    checkin_id = started.json()["checkin"]["id"]
    replied = await buddy.post(
        f"/api/v1/checkins/{checkin_id}/reply", json={"kind": "message", "message": REPLY}
    )
    assert replied.status_code == 200, replied.text
    return Rich(
        pair=pair,
        carer=carer,
        buddy=buddy,
        coordinator=coordinator,
        checkin_id=checkin_id,
        needles=[
            CARER_NAME,
            pair.carer.email,
            "7700900555",
            "7700 900555",
            CONTACT_NAME,
            "7700900556",
            "7700 900556",
            "zebrafinch",
        ],
    )


def _is_text(column: Any) -> bool:
    return isinstance(column.type, String | Text | JSON)


async def survivors(
    db: Database, *, needles: list[str], first_name: str, kept: set[tuple[str, str]]
) -> list[tuple[str, str, str]]:
    """Every (table, column, row id) whose text still holds a needle or the first name as a word.

    Rows listed in ``kept`` (table, id) are skipped, and so is ``retained_identities``: those are the
    safeguarding records the erasure's result says it kept.
    """
    word = re.compile(rf"(?<!\w){re.escape(first_name)}(?!\w)")
    found: list[tuple[str, str, str]] = []
    async with db.session_scope() as session:
        for table in tables.metadata.sorted_tables:
            if table.name == "retained_identities":
                continue
            columns = [c for c in table.c if _is_text(c)]
            if not columns:
                continue
            key = table.c.id if "id" in table.c else next(iter(table.primary_key.columns))
            rows = (await session.execute(select(key, *columns))).all()
            for row in rows:
                row_id = str(row[0])
                if (table.name, row_id) in kept:
                    continue
                for column, value in zip(columns, row[1:], strict=True):
                    if value is None:
                        continue
                    text = value if isinstance(value, str) else json.dumps(value)
                    if any(n.lower() in text.lower() for n in needles) or word.search(text):
                        found.append((table.name, column.name, row_id))
    return found
