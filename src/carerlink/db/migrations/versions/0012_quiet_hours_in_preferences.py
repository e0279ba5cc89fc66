"""one quiet-hours concept: a buddy's profile quiet hours move into their notification preferences (issue 12)

Quiet hours set on the buddy's availability screen were stored on the buddy profile, where nothing
read them: ``notify()`` honours only the person's notification preferences, so the buddy was woken
anyway. Quiet hours are a person's, across every role, so they move into the preferences, and only
where that changes nothing else: buddy is the person's only role (memberships not ended), their buddy
profiles agree on one set of hours, and their preferences hold no other quiet hours. The profile's
columns are then cleared.

Anyone else (a carer or a coordinator too, or other quiet hours already set) keeps the hours on the
profile, never honoured: the app shows them a note asking them to set quiet hours in notification
settings, where those would also hold back what they receive in their other role. Nothing is merged
for them silently.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 15:00:00
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, time
from typing import Any

import sqlalchemy as sa
from alembic import op

import carerlink.db.types

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_profiles = sa.table(
    "buddy_profiles",
    sa.column("user_id", sa.Uuid()),
    sa.column("quiet_hours_start", sa.String(5)),
    sa.column("quiet_hours_end", sa.String(5)),
)
_memberships = sa.table(
    "memberships",
    sa.column("user_id", sa.Uuid()),
    sa.column("role", sa.String(20)),
    sa.column("status", sa.String(20)),
)
_preferences = sa.table(
    "notification_preferences",
    sa.column("user_id", sa.Uuid()),
    sa.column("quiet_start", sa.Time()),
    sa.column("quiet_end", sa.Time()),
    sa.column("muted_kinds", sa.JSON()),
    sa.column("updated_at", carerlink.db.types.UTCDateTime(timezone=True)),
)


def _hours(start: str, end: str) -> tuple[time, time] | None:
    try:
        hours = (time.fromisoformat(start), time.fromisoformat(end))
    except ValueError:
        return None
    return hours if hours[0] != hours[1] else None


def upgrade() -> None:
    bind = op.get_bind()
    hours_of: dict[Any, set[tuple[time, time] | None]] = defaultdict(set)
    for user_id, start, end in bind.execute(
        sa.select(_profiles.c.user_id, _profiles.c.quiet_hours_start, _profiles.c.quiet_hours_end).where(
            _profiles.c.quiet_hours_start.is_not(None), _profiles.c.quiet_hours_end.is_not(None)
        )
    ):
        hours_of[user_id].add(_hours(start, end))
    if not hours_of:
        return
    users = list(hours_of)
    roles: dict[Any, set[str]] = defaultdict(set)
    for user_id, role in bind.execute(
        sa.select(_memberships.c.user_id, _memberships.c.role).where(
            _memberships.c.user_id.in_(users), _memberships.c.status != "ended"
        )
    ):
        roles[user_id].add(role)
    preferences = {
        user_id: (start, end)
        for user_id, start, end in bind.execute(
            sa.select(_preferences.c.user_id, _preferences.c.quiet_start, _preferences.c.quiet_end).where(
                _preferences.c.user_id.in_(users)
            )
        )
    }
    now = datetime.now(UTC)
    for user_id, found in hours_of.items():
        if roles[user_id] != {"buddy"} or len(found) != 1:
            continue  # another role, or buddy profiles that disagree: the person is asked instead
        (hours,) = found
        if hours is None:
            continue
        if user_id not in preferences:
            bind.execute(
                sa.insert(_preferences).values(
                    user_id=user_id, quiet_start=hours[0], quiet_end=hours[1], muted_kinds=[], updated_at=now
                )
            )
        elif preferences[user_id] == (None, None):
            bind.execute(
                sa.update(_preferences)
                .where(_preferences.c.user_id == user_id)
                .values(quiet_start=hours[0], quiet_end=hours[1], updated_at=now)
            )
        elif preferences[user_id] != hours:
            continue  # other quiet hours already hold: the person is asked which they want
        bind.execute(
            sa.update(_profiles)
            .where(_profiles.c.user_id == user_id)
            .values(quiet_hours_start=None, quiet_hours_end=None)
        )


def downgrade() -> None:
    # Nothing to undo in the schema; hours moved into preferences stay there (they are the person's).
    pass
