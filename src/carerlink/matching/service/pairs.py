"""What other domains read of matching: a match the actor may see (check-ins), with no profile data."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.actor import Actor
from carerlink.errors import NotFound
from carerlink.matching import policy
from carerlink.matching.models import Match


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
