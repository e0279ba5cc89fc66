"""The coordinators' attention list: check-ins needing a person, and asks for a break or a change."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, select
from sqlalchemy.orm import aliased

from carerlink.accounts import service as accounts
from carerlink.accounts.models import User
from carerlink.accounts.phones import PhoneNumber
from carerlink.checkins import policy
from carerlink.checkins.models import CheckinOccurrence, CheckinStep
from carerlink.errors import Conflict, NotFound
from carerlink.matching import service as matching
from carerlink.matching.models import ChangeRequest
from carerlink.organisations.policy import sees_phone_numbers
from carerlink.organisations.scope import Scope

_COORDINATORS_ONLY = "Only coordinators see this."


@dataclass(frozen=True, slots=True)
class AttentionItem:
    """A check-in that needs a coordinator, and why."""

    step: CheckinStep
    occurrence: CheckinOccurrence
    carer_name: str
    buddy_name: str
    history: list[tuple[str, datetime]]  # every ladder step of this check-in so far, with its time


async def attention(scope: Scope) -> Sequence[AttentionItem | matching.ChangeRequestItem]:
    """Everything needing a coordinator, not yet resolved, oldest first.

    Missed check-ins, answers the buddy has not replied to, runs of low scores, and asks for a break or
    a different buddy (issue 10 §3, so an ending can be planned).
    """
    organisation = scope.require(policy.is_coordinator, _COORDINATORS_ONLY)
    carer, buddy = aliased(User), aliased(User)
    rows = await scope.session.execute(
        select(CheckinStep, CheckinOccurrence, carer.display_name, buddy.display_name)
        .join(CheckinOccurrence, CheckinOccurrence.id == CheckinStep.occurrence_id)
        .join(carer, carer.id == CheckinOccurrence.carer_user_id)
        .join(buddy, buddy.id == CheckinOccurrence.buddy_user_id)
        .where(
            and_(
                CheckinStep.organisation_id == organisation.id,
                CheckinStep.needs_coordinator.is_(True),
                CheckinStep.resolved_at.is_(None),
            )
        )
        .order_by(CheckinStep.at)
        .limit(500)
    )
    found = rows.all()
    history: dict[uuid.UUID, list[tuple[str, datetime]]] = {}
    occurrence_ids = {occurrence.id for _, occurrence, _, _ in found}  # at most 500 (the limit above)
    if occurrence_ids:
        for occurrence_id, name, at in await scope.session.execute(
            select(CheckinStep.occurrence_id, CheckinStep.step, CheckinStep.at)
            .where(CheckinStep.occurrence_id.in_(occurrence_ids))
            .order_by(CheckinStep.at, CheckinStep.step)
        ):
            history.setdefault(occurrence_id, []).append((name, at))
    items: list[AttentionItem | matching.ChangeRequestItem] = [
        AttentionItem(step, occurrence, carer_name, buddy_name, history.get(occurrence.id, []))
        for step, occurrence, carer_name, buddy_name in found
    ]
    items += await matching.change_requests(scope)
    return sorted(items, key=lambda i: i.step.at if isinstance(i, AttentionItem) else i.request.asked_at)


async def attention_phones(
    scope: Scope, items: Sequence[AttentionItem | matching.ChangeRequestItem]
) -> dict[uuid.UUID, PhoneNumber]:
    """The carers' and buddies' numbers on the attention list, by person (coordinators only, else none)."""
    if not sees_phone_numbers(scope.actor, scope.organisation_id):
        return {}
    people: set[uuid.UUID] = set()
    for item in items:
        pair = item.occurrence if isinstance(item, AttentionItem) else item.match
        people |= {pair.carer_user_id, pair.buddy_user_id}
    return await accounts.phone_numbers(scope.session, user_ids=people)


async def resolve_attention(scope: Scope, *, step_id: uuid.UUID, note: str) -> CheckinStep | ChangeRequest:
    """A coordinator records what they did about an item; it leaves the list."""
    organisation = scope.require(policy.is_coordinator, _COORDINATORS_ONLY)
    step = await scope.session.get(CheckinStep, step_id)
    if step is None:
        asked = await matching.resolve_change(scope, request_id=step_id, note=note)
        if asked is not None:
            return asked
    if step is None or step.organisation_id != organisation.id or not step.needs_coordinator:
        raise NotFound("No such item.")
    if step.resolved_at is not None:
        raise Conflict("Another coordinator has already dealt with this.")
    step.resolved_at = scope.now
    step.resolved_by_user_id = scope.actor.user_id
    step.resolution_note = note.strip() or None
    await scope.audit(
        "checkins.attention.resolved",
        object_type="checkin_step",
        object_id=step.id,
        details={"step": step.step},
    )
    return step
