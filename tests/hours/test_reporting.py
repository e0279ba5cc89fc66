"""``hours.reporting.figures`` equals a count made here from the raw rows, and erasure keeps the totals
while a buddy's copy of their data holds the time they logged (issue 16)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from carerlink.checkins.ladder import State
from carerlink.checkins.models import CheckinOccurrence, OccurrenceKind
from carerlink.db import Database
from carerlink.hours import reporting
from carerlink.hours.models import TimeKind, VolunteerTime
from carerlink.organisations.models import Organisation
from tests.checkins.factories import make_pair
from tests.privacy.erasure_support import rich_pair
from tests.profiles.factories import make_buddy
from tests.support import START

LONDON = ZoneInfo("Europe/London")


async def test_figures_equal_an_independent_count_from_the_raw_rows(db: Database) -> None:
    pair = await make_pair(db)
    org = pair.org
    buddies = [pair.buddy.user.id] + [
        (await make_buddy(db, org, name=f"Buddy {n}")).user.id for n in range(5)
    ]
    rng = random.Random(16)
    async with db.session_scope() as session:
        found = await session.get(Organisation, org.id)
        assert found is not None
        found.settings = {**found.settings, "volunteer_minutes_per_reply": 7}
        for _ in range(120):
            session.add(
                VolunteerTime(
                    organisation_id=org.id,
                    user_id=rng.choice(buddies),
                    given_on=date(2026, 1, 1) + timedelta(days=rng.randrange(0, 90)),
                    minutes=rng.randrange(1, 721),
                    kind=TimeKind.CALL,
                    note=None,
                    logged_at=START,
                )
            )
        for n in range(150):
            at = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(0, 90 * 24 * 60))
            replied = rng.random() < 0.5
            answered = rng.random() < 0.8
            session.add(
                CheckinOccurrence(
                    match_id=pair.match.id,
                    organisation_id=org.id,
                    carer_user_id=pair.carer.user.id,
                    buddy_user_id=pair.buddy.user.id,
                    kind=OccurrenceKind.UNSCHEDULED,
                    time_zone="Europe/London",
                    due_at=at,
                    local_start=f"n{n}",
                    state=State.REPLIED if replied else State.ANSWERED if answered else State.MISSED,
                    answered_at=at if answered or replied else None,
                    replied_at=at + timedelta(hours=rng.randrange(0, 60)) if replied else None,
                    replied_by_user_id=pair.buddy.user.id if replied else None,
                )
            )

    async with db.session_scope() as session:
        logged = (
            await session.execute(
                select(VolunteerTime.user_id, VolunteerTime.given_on, VolunteerTime.minutes)
            )
        ).all()
        occurrences = (
            await session.execute(
                select(
                    CheckinOccurrence.buddy_user_id,
                    CheckinOccurrence.answered_at,
                    CheckinOccurrence.replied_at,
                )
            )
        ).all()

    # Each month of the quarter, a period across the clocks changing (29 March), and the whole quarter.
    periods = [
        (datetime(2026, 1, 1, tzinfo=LONDON), datetime(2026, 2, 1, tzinfo=LONDON)),
        (datetime(2026, 2, 1, tzinfo=LONDON), datetime(2026, 3, 1, tzinfo=LONDON)),
        (datetime(2026, 3, 15, tzinfo=LONDON), datetime(2026, 4, 5, tzinfo=LONDON)),
        (datetime(2026, 1, 1, tzinfo=LONDON), datetime(2026, 4, 1, tzinfo=LONDON)),
        (datetime(2026, 2, 10, 12, tzinfo=UTC), datetime(2026, 2, 20, 12, tzinfo=UTC)),
    ]
    for start, end in periods:
        by_buddy: dict[Any, int] = {}
        minutes_logged = 0
        for user_id, given_on, minutes in logged:
            midnight = datetime(given_on.year, given_on.month, given_on.day, tzinfo=LONDON)
            if start <= midnight < end:
                minutes_logged += minutes
                by_buddy[user_id] = by_buddy.get(user_id, 0) + minutes
        counted = 0
        for buddy_id, answered_at, replied_at in occurrences:
            for at in (answered_at, replied_at):
                if at is not None and start <= at < end:
                    counted += 7
                    by_buddy[buddy_id] = by_buddy.get(buddy_id, 0) + 7
        async with db.session_scope() as session:
            figures = await reporting.figures(session, organisation_id=org.id, start=start, end=end)
        assert figures.minutes_logged == minutes_logged, (start, end)
        assert figures.minutes_counted == counted, (start, end)
        assert figures.buddies == sum(1 for total in by_buddy.values() if total > 0)
        assert figures.total_minutes == minutes_logged + counted
        assert counted > 0 and minutes_logged > 0


async def test_a_buddys_copy_holds_their_time_and_erasure_keeps_the_totals_without_the_note(
    db: Database, new_client: Any
) -> None:
    rich = await rich_pair(db, new_client)
    org = rich.pair.org.id
    note = "Sat with Wilhelmina through her mother's hospital appointment"
    logged = await rich.buddy.post(
        f"/api/v1/orgs/{org}/me/hours",
        json={"given_on": START.date().isoformat(), "minutes": 95, "kind": "visit", "note": note},
    )
    assert logged.status_code == 201, logged.text
    start, end = START - timedelta(days=30), START + timedelta(days=1)
    async with db.session_scope() as session:
        before = await reporting.figures(session, organisation_id=org, start=start, end=end)
    assert before.minutes_logged == 95

    from carerlink.privacy import rows as privacy_rows
    from carerlink.privacy.catalogue import rule

    async with db.session_scope() as session:
        person = await privacy_rows.person_of(session, rich.pair.buddy.user.id)
        [about] = rule("volunteer_time").about
        mine = (
            (await session.execute(privacy_rows.select_about(rule("volunteer_time"), about, person)))
            .mappings()
            .all()
        )
    assert [(r["minutes"], r["note"]) for r in mine] == [(95, note)]

    # The match ends first (a buddy with a live match is asked about it), then the buddy is erased.
    ended = await rich.coordinator.post(f"{rich.pair.base}/end", json={"reason": "buddy_stepped_down"})
    asked = await rich.buddy.post("/api/v1/me/erasure", json={"organisation_id": str(org)})
    assert asked.status_code == 201, asked.text
    confirmed = await rich.coordinator.post(
        f"/api/v1/orgs/{org}/erasure-requests/{asked.json()['id']}/confirm"
    )
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["state"] == "done", (ended.text, confirmed.text)

    async with db.session_scope() as session:
        after = await reporting.figures(session, organisation_id=org, start=start, end=end)
        [row] = (await session.scalars(select(VolunteerTime))).all()
    assert after == before
    assert (row.minutes, row.note) == (95, None)
