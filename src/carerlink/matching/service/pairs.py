"""What other domains read of matching: pairs and matches, with no profile data (check-ins, safeguarding)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.actor import Actor
from carerlink.errors import NotFound
from carerlink.matching import policy
from carerlink.matching.models import Match, MatchStatus


@dataclass(frozen=True, slots=True)
class Pair:
    """A carer and a buddy matched together, as other domains need them (no profile data)."""

    match_id: uuid.UUID
    organisation_id: uuid.UUID
    carer_user_id: uuid.UUID
    buddy_user_id: uuid.UUID
    carer_membership_id: uuid.UUID
    buddy_membership_id: uuid.UUID
    status: MatchStatus
    activated_at: datetime | None


def pair_of(match: Match) -> Pair:
    """The pair a match makes."""
    return Pair(
        match_id=match.id,
        organisation_id=match.organisation_id,
        carer_user_id=match.carer_user_id,
        buddy_user_id=match.buddy_user_id,
        carer_membership_id=match.carer_membership_id,
        buddy_membership_id=match.buddy_membership_id,
        status=match.status,
        activated_at=match.activated_at,
    )


async def list_active_pairs(
    session: AsyncSession, *, organisation_id: uuid.UUID | None = None, user_id: uuid.UUID | None = None
) -> list[Pair]:
    """Active pairs (not paused, proposed or ended), optionally of one organisation or one person.

    For jobs (check-ins schedule occurrences for these); no permission check.
    """
    query = select(Match).where(Match.status == MatchStatus.ACTIVE).order_by(Match.activated_at, Match.id)
    if organisation_id is not None:
        query = query.where(Match.organisation_id == organisation_id)
    if user_id is not None:
        query = query.where((Match.carer_user_id == user_id) | (Match.buddy_user_id == user_id))
    return [pair_of(m) for m in (await session.scalars(query)).all()]


async def get_match_or_raise(
    session: AsyncSession, *, actor: Actor, match_id: uuid.UUID, organisation_id: uuid.UUID | None = None
) -> Match:
    """A match the actor may see (its carer, its buddy, its coordinators, the system); else ``NotFound``."""
    if not actor.is_system:
        actor.require_person()
    match = await session.get(Match, match_id)
    if (
        match is None
        or (organisation_id is not None and match.organisation_id != organisation_id)
        or not policy.can_view_match(actor, match)
    ):
        raise NotFound("No such match.")
    return match


async def get_pair_or_raise(session: AsyncSession, *, actor: Actor, match_id: uuid.UUID) -> Pair:
    """The pair of a match the actor may see."""
    return pair_of(await get_match_or_raise(session, actor=actor, match_id=match_id))
