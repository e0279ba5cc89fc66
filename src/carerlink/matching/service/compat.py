"""Session-first forms of the matching calls other domains make, until they hold a ``Scope`` themselves.

Each opens the scope of the organisation named and makes the scope-first call; nothing else lives here.
Callers: check-ins (the coordinators' attention list) and the demo data (issue 12: convert, then remove).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.actor import Actor
from carerlink.matching.models import ChangeRequest, EndReason, Match
from carerlink.matching.service import changes, lifecycle, proposing, views
from carerlink.organisations.scope import Scope, open_scope


async def _scope(session: AsyncSession, actor: Actor, organisation_id: uuid.UUID, now: datetime) -> Scope:
    return await open_scope(session, actor=actor, now=now, organisation_id=organisation_id)


async def propose_match(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    carer_membership_id: uuid.UUID,
    buddy_membership_id: uuid.UUID,
    note: str,
    now: datetime,
) -> Match:
    """``proposing.propose`` for a caller without a scope."""
    return await proposing.propose(
        await _scope(session, actor, organisation_id, now),
        carer_membership_id=carer_membership_id,
        buddy_membership_id=buddy_membership_id,
        note=note,
    )


async def view_match(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, match_id: uuid.UUID, now: datetime
) -> views.MatchView:
    """``views.view`` for a caller without a scope."""
    return await views.view(await _scope(session, actor, organisation_id, now), match_id=match_id)


async def accept_match(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, match_id: uuid.UUID, now: datetime
) -> Match:
    """``lifecycle.accept`` for a caller without a scope."""
    return await lifecycle.accept(await _scope(session, actor, organisation_id, now), match_id=match_id)


async def end_match(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    match_id: uuid.UUID,
    reason: EndReason,
    note: str,
    feedback: str,
    now: datetime,
    wants_rematch: bool | None = None,
) -> Match:
    """``lifecycle.end`` for a caller without a scope."""
    return await lifecycle.end(
        await _scope(session, actor, organisation_id, now),
        match_id=match_id,
        reason=reason,
        note=note,
        feedback=feedback,
        wants_rematch=wants_rematch,
    )


async def open_change_requests(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, limit: int = 500
) -> list[changes.ChangeRequestItem]:
    """``changes.change_requests`` for a caller without a scope."""
    # Listing the asks reads no clock, so the scope's instant is only a placeholder.
    scope = await _scope(session, actor, organisation_id, datetime.now(UTC))
    return await changes.change_requests(scope, limit=limit)


async def resolve_change_request(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    request_id: uuid.UUID,
    note: str,
    now: datetime,
) -> ChangeRequest | None:
    """``changes.resolve_change`` for a caller without a scope."""
    return await changes.resolve_change(
        await _scope(session, actor, organisation_id, now), request_id=request_id, note=note
    )
