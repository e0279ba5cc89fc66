"""What the check-in service's modules share: the ladder's timings, names, match status and telling people."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts import service as accounts
from carerlink.actor import Role
from carerlink.checkins import ladder, policy
from carerlink.checkins.ladder import Step
from carerlink.checkins.models import COORDINATOR_STEPS, CheckinOccurrence, CheckinStep
from carerlink.db import dialect_insert
from carerlink.matching.models import Match, MatchStatus
from carerlink.notifications import kinds
from carerlink.organisations import service as organisations
from carerlink.organisations.schemas import CheckinSettings
from carerlink.organisations.scope import Scope


def delays_of(settings: CheckinSettings) -> ladder.Delays:
    """The ladder's timings from an organisation's settings."""
    return ladder.Delays(
        nudge_after=timedelta(hours=settings.nudge_after_hours),
        tell_buddy_after=timedelta(hours=settings.tell_buddy_after_hours),
        missed_after=timedelta(hours=settings.missed_after_hours),
        answer_grace=timedelta(hours=settings.answer_grace_hours),
        buddy_reminder_after=timedelta(hours=settings.buddy_reminder_after_hours),
        tell_coordinator_after=timedelta(hours=settings.tell_coordinator_after_hours),
    )


async def first_name(session: AsyncSession, user_id: uuid.UUID) -> str:
    """A person's first name, as the other half of a pair and the coordinators read it."""
    user = await accounts.get_user_or_raise(session, user_id=user_id)
    parts = user.display_name.split()
    return parts[0] if parts else user.display_name


async def match_status(session: AsyncSession, match_id: uuid.UUID) -> MatchStatus:
    """Where a check-in's match stands now."""
    status = await session.scalar(select(Match.status).where(Match.id == match_id))
    assert status is not None  # a check-in always belongs to a match (foreign key)
    return MatchStatus(status)


def buddy_to_tell(occurrence: CheckinOccurrence, status: MatchStatus) -> uuid.UUID | None:
    """The buddy to tell about an answer; ``None`` once the match has ended.

    A former buddy is told nothing about the carer any more (issue 10 §2); the centre always is.
    """
    return occurrence.buddy_user_id if status in policy.TOGETHER else None


def dedupe_key(kind: type[kinds.Kind], occurrence: CheckinOccurrence) -> str:
    """One notification of each kind per check-in (and the key to take back one not sent yet)."""
    return f"{kind.name}:{occurrence.id}"


async def tell(scope: Scope, occurrence: CheckinOccurrence, kind: type[kinds.Kind]) -> None:
    """Tell the carer or the buddy (whoever the kind is for) about this check-in, naming the other."""
    to_carer = Role.CARER in kind.audience
    recipient, other = (
        (occurrence.carer_user_id, occurrence.buddy_user_id)
        if to_carer
        else (occurrence.buddy_user_id, occurrence.carer_user_id)
    )
    name = await first_name(scope.session, other)
    data = {"checkin_id": occurrence.id, ("buddy_name" if to_carer else "carer_name"): name}
    await scope.notify(recipient, kind, data, dedupe_key=dedupe_key(kind, occurrence))


async def notify_coordinators(scope: Scope, occurrence: CheckinOccurrence, *, reason: str) -> None:
    """Tell the coordinators to alert that a check-in needs a person (``reason``)."""
    carer = await first_name(scope.session, occurrence.carer_user_id)
    buddy = await first_name(scope.session, occurrence.buddy_user_id)
    data = {"checkin_id": occurrence.id, "reason": reason, "carer_name": carer, "buddy_name": buddy}
    for coordinator_id in await organisations.coordinators_to_alert(
        scope.session, organisation_id=occurrence.organisation_id
    ):
        await scope.notify(
            coordinator_id, kinds.Escalation, data, dedupe_key=f"escalation:{reason}:{occurrence.id}"
        )


async def take_step(scope: Scope, occurrence: CheckinOccurrence, step: str) -> bool:
    """Record a step once (the unique key); ``True`` only for the call that recorded it."""
    table = CheckinStep.__table__
    inserted = await scope.session.execute(
        dialect_insert(scope.session, table)
        .values(
            id=uuid.uuid4(),
            occurrence_id=occurrence.id,
            organisation_id=occurrence.organisation_id,
            step=step,
            at=scope.now,
            needs_coordinator=step in COORDINATOR_STEPS or step == Step.MISSED.value,
        )
        .on_conflict_do_nothing(index_elements=[table.c.occurrence_id, table.c.step])
        .returning(table.c.id)
    )
    return inserted.scalar_one_or_none() is not None
