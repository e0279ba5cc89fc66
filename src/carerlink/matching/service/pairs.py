"""What other domains read of matching: a match the actor may see, and the pair's numbers.

A match the actor may see (check-ins), with no profile data; the pair's phone numbers as far as the
actor may read them (``policy.phone_visible``), for check-ins, alerts and the attention list.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts import phones
from carerlink.accounts import service as accounts
from carerlink.actor import Actor
from carerlink.errors import NotFound
from carerlink.i18n import _
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
        raise NotFound(_("No such match."))
    return match


@dataclass(frozen=True, slots=True)
class PairPhones:
    """The numbers of a pair that one reader may see; None where there is none or it may not be shown."""

    carer: phones.PhoneNumber | None
    buddy: phones.PhoneNumber | None


NO_PHONES = PairPhones(carer=None, buddy=None)


async def pair_phones(
    session: AsyncSession, *, actor: Actor, matches: Iterable[Match]
) -> dict[uuid.UUID, PairPhones]:
    """Each match's numbers as ``actor`` may read them, by match id (one query for all of them)."""
    wanted = [
        (match, policy.phone_visible(actor, match, "carer"), policy.phone_visible(actor, match, "buddy"))
        for match in matches
    ]
    numbers = await accounts.phone_numbers(
        session,
        user_ids=[
            u for m, c, b in wanted for u, shown in ((m.carer_user_id, c), (m.buddy_user_id, b)) if shown
        ],
    )
    return {
        m.id: PairPhones(
            carer=numbers.get(m.carer_user_id) if c else None,
            buddy=numbers.get(m.buddy_user_id) if b else None,
        )
        for m, c, b in wanted
    }
