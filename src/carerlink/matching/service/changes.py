"""After an ending, and asking for a break or a change (issue 10 §3): the carer's answer and the asks."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from carerlink.errors import Conflict, NotAllowed
from carerlink.i18n import _
from carerlink.matching import policy
from carerlink.matching.models import OPEN_STATUSES, ChangeKind, ChangeRequest, Match, MatchStatus
from carerlink.matching.service._common import (
    coordinator,
    display_names,
    last_endings,
    locked,
    must_be,
    party_or_refuse,
)
from carerlink.organisations.scope import Scope


async def answer_rematch(scope: Scope, *, match_id: uuid.UUID, wants_rematch: bool) -> Match:
    """The carer says whether they'd like another buddy after their match ended; the waiting list follows.

    Yes puts them back on the waiting list in the place they had when they first joined; they can
    change their mind while they have no other match.
    """
    match = await locked(scope, match_id)
    if party_or_refuse(scope, match, "answer for") != "carer":
        raise NotAllowed(_("Only the carer can say whether they'd like another buddy."))
    must_be(match, [MatchStatus.ENDED], "answered for")
    latest = (await last_endings(scope.session, [match.carer_membership_id])).get(match.carer_membership_id)
    if latest is None or latest.id != match.id:
        raise Conflict(_("You've had a match since this one, so this question no longer applies."))
    open_match = await scope.session.scalar(
        select(Match.id).where(
            Match.carer_membership_id == match.carer_membership_id, Match.status.in_(OPEN_STATUSES)
        )
    )
    if open_match is not None:
        raise Conflict(_("You already have a proposed, active or paused match."))
    if match.wants_rematch != wants_rematch:
        match.wants_rematch = wants_rematch
        match.wants_rematch_at = scope.now
        await scope.audit(
            "matching.match.rematch_answered",
            object_type="match",
            object_id=match.id,
            details={"wants_rematch": wants_rematch},
        )
    return match


async def ask_for_change(scope: Scope, *, match_id: uuid.UUID, kind: ChangeKind) -> ChangeRequest:
    """The carer or the buddy asks for a break or a different buddy; it goes on the coordinators' list.

    Nothing changes for the pair until a coordinator arranges it (ending stays open to either at once).
    Asking again while the same ask is open changes nothing.
    """
    match = await locked(scope, match_id)
    party = party_or_refuse(scope, match, "ask about")
    if kind == ChangeKind.BREAK:
        must_be(match, [MatchStatus.ACTIVE], "given a break")
    else:
        must_be(match, [MatchStatus.ACTIVE, MatchStatus.PAUSED], "changed")
    existing = await scope.session.scalar(
        select(ChangeRequest).where(
            ChangeRequest.match_id == match.id,
            ChangeRequest.kind == kind,
            ChangeRequest.asked_by == party,
            ChangeRequest.resolved_at.is_(None),
        )
    )
    if existing is not None:
        return existing
    request = ChangeRequest(
        organisation_id=match.organisation_id,
        match_id=match.id,
        kind=kind,
        asked_by_user_id=scope.actor.user_id,
        asked_by=party,
        asked_at=scope.now,
    )
    scope.session.add(request)
    await scope.session.flush()
    await scope.audit(
        "matching.change.asked",
        object_type="match",
        object_id=match.id,
        details={"kind": kind.value, "by": party},
    )
    return request


@dataclass(frozen=True, slots=True)
class ChangeRequestItem:
    """An open ask for a break or a different buddy, as the coordinators' attention list shows it."""

    request: ChangeRequest
    match: Match
    carer_name: str
    buddy_name: str


async def change_requests(scope: Scope, *, limit: int = 500) -> list[ChangeRequestItem]:
    """Asks not yet dealt with, oldest first, for the coordinators' attention list (coordinators only)."""
    if not policy.can_match(scope.actor, scope.organisation_id):
        raise scope.refusal(_("Only coordinators see this."))
    rows = (
        await scope.session.execute(
            select(ChangeRequest, Match)
            .join(Match, Match.id == ChangeRequest.match_id)
            .where(
                ChangeRequest.organisation_id == scope.organisation_id,
                ChangeRequest.resolved_at.is_(None),
            )
            .order_by(ChangeRequest.asked_at, ChangeRequest.id)
            .limit(limit)
        )
    ).all()
    names = await display_names(
        scope.session, [u for _, m in rows for u in (m.carer_user_id, m.buddy_user_id)]
    )
    return [
        ChangeRequestItem(r, m, names.get(m.carer_user_id, ""), names.get(m.buddy_user_id, ""))
        for r, m in rows
    ]


async def resolve_change(scope: Scope, *, request_id: uuid.UUID, note: str) -> ChangeRequest | None:
    """A coordinator marks an ask dealt with, saying what was arranged; ``None`` if there is no such ask."""
    coordinator(scope)
    request = await scope.session.get(ChangeRequest, request_id)
    if request is None or request.organisation_id != scope.organisation_id:
        return None
    if request.resolved_at is not None:
        raise Conflict(_("Another coordinator has already dealt with this."))
    request.resolved_at = scope.now
    request.resolved_by_user_id = scope.actor.user_id
    request.resolution_note = note.strip() or None
    await scope.audit(
        "matching.change.resolved",
        object_type="match",
        object_id=request.match_id,
        details={"kind": request.kind.value},
    )
    return request
