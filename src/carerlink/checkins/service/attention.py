"""The coordinators' attention list: check-ins, asks for a break or a change, asks to talk, late supervision.

Asks to talk something through and overdue supervision are buddies' own (issue 13), read from profiles.
"""

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
from carerlink.checkins.service.texts import TextReplyItem, deal_with_reply, waiting_replies
from carerlink.errors import Conflict, NotFound
from carerlink.i18n import N_, _
from carerlink.matching import service as matching
from carerlink.matching.models import ChangeRequest, Match, MatchStatus
from carerlink.notifications import service as notifications
from carerlink.notifications.texts.models import InboundText
from carerlink.organisations.policy import sees_phone_numbers
from carerlink.organisations.scope import Scope
from carerlink.profiles import service as profiles
from carerlink.profiles.models import DebriefRequest

_COORDINATORS_ONLY = N_("Only coordinators see this.")


@dataclass(frozen=True, slots=True)
class AttentionItem:
    """A check-in that needs a coordinator, and why."""

    step: CheckinStep
    occurrence: CheckinOccurrence
    carer_name: str
    buddy_name: str
    history: list[tuple[str, datetime]]  # every ladder step of this check-in so far, with its time


@dataclass(frozen=True, slots=True)
class Unreachable:
    """A carer in a live or paused pair whom no channel reaches, or whose last reminders reached nowhere."""

    carer_user_id: uuid.UUID
    carer_membership_id: uuid.UUID
    match_id: uuid.UUID
    carer_name: str
    buddy_name: str
    buddy_user_id: uuid.UUID
    problems: list[str]
    since: datetime


AttentionEntry = (
    AttentionItem
    | matching.ChangeRequestItem
    | profiles.supervision.DebriefView
    | profiles.supervision.OverdueBuddy
    | TextReplyItem  # issue 14: a reply by text with no check-in to answer, kept for a coordinator
    | Unreachable
)


def _at(item: AttentionEntry) -> datetime:
    if isinstance(item, AttentionItem):
        return item.step.at
    if isinstance(item, matching.ChangeRequestItem):
        return item.request.asked_at
    if isinstance(item, profiles.supervision.DebriefView):
        return item.request.asked_at
    if isinstance(item, TextReplyItem):
        return item.inbound.received_at
    if isinstance(item, Unreachable):
        return item.since
    return item.overdue_since


async def attention(scope: Scope) -> Sequence[AttentionEntry]:
    """Everything needing a coordinator, not yet resolved, oldest first.

    Missed check-ins, answers the buddy has not replied to, runs of low scores, asks for a break or
    a different buddy (issue 10 §3, so an ending can be planned), buddies' asks to talk something
    through until taken up, and buddies overdue for supervision until a session is recorded (issue 13).
    """
    organisation = scope.require(policy.is_coordinator, str(_COORDINATORS_ONLY))
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
    items: list[AttentionEntry] = [
        AttentionItem(step, occurrence, carer_name, buddy_name, history.get(occurrence.id, []))
        for step, occurrence, carer_name, buddy_name in found
    ]
    items += await matching.change_requests(scope)
    items += await profiles.supervision.open_debriefs(scope)
    items += await profiles.supervision.overdue_buddies(scope)
    items += await waiting_replies(scope)
    items += await unreachable_carers(scope)
    return sorted(items, key=_at)


async def unreachable_carers(scope: Scope) -> list[Unreachable]:
    """Carers in live or paused pairs no channel reaches, or whose reminders reached nowhere (issue 14)."""
    organisation = scope.require(policy.is_coordinator, str(_COORDINATORS_ONLY))
    carer, buddy = aliased(User), aliased(User)
    pairs = (
        await scope.session.execute(
            select(Match, carer.display_name, buddy.display_name)
            .join(carer, carer.id == Match.carer_user_id)
            .join(buddy, buddy.id == Match.buddy_user_id)
            .where(
                Match.organisation_id == organisation.id,
                Match.status.in_([MatchStatus.ACTIVE, MatchStatus.PAUSED]),
            )
            .order_by(Match.activated_at)
            .limit(2000)
        )
    ).all()
    if not pairs:
        return []
    reached = await notifications.reach(
        scope.session,
        [match.carer_user_id for match, _, _ in pairs],
        now=scope.now,
        organisation_id=organisation.id,
    )
    found: list[Unreachable] = []
    for match, carer_name, buddy_name in pairs:
        how = reached.get(match.carer_user_id)
        if how is None or not how.unreachable:
            continue
        found.append(
            Unreachable(
                carer_user_id=match.carer_user_id,
                carer_membership_id=match.carer_membership_id,
                match_id=match.id,
                carer_name=carer_name,
                buddy_name=buddy_name,
                buddy_user_id=match.buddy_user_id,
                problems=how.problems() or [_("No way of reaching them works.")],
                since=scope.now,
            )
        )
    return found


async def attention_phones(scope: Scope, items: Sequence[AttentionEntry]) -> dict[uuid.UUID, PhoneNumber]:
    """The carers' and buddies' numbers on the attention list, by person (coordinators only, else none)."""
    if not sees_phone_numbers(scope.actor, scope.organisation_id):
        return {}
    people: set[uuid.UUID] = set()
    for item in items:
        if isinstance(item, profiles.supervision.DebriefView):
            people.add(item.request.user_id)
        elif isinstance(item, profiles.supervision.OverdueBuddy):
            people.add(item.user_id)
        elif isinstance(item, TextReplyItem):
            if item.inbound.user_id is not None:
                people.add(item.inbound.user_id)
        elif isinstance(item, Unreachable):
            people |= {item.carer_user_id, item.buddy_user_id}
        else:
            pair = item.occurrence if isinstance(item, AttentionItem) else item.match
            people |= {pair.carer_user_id, pair.buddy_user_id}
    return await accounts.phone_numbers(scope.session, user_ids=people)


async def resolve_attention(
    scope: Scope, *, step_id: uuid.UUID, note: str
) -> CheckinStep | ChangeRequest | DebriefRequest | InboundText:
    """A coordinator records what they did about an item; it leaves the list.

    An ask to talk is taken up (the buddy is told who); overdue supervision leaves only when a session
    is recorded.
    """
    organisation = scope.require(policy.is_coordinator, str(_COORDINATORS_ONLY))
    step = await scope.session.get(CheckinStep, step_id)
    if step is None:
        asked = await matching.resolve_change(scope, request_id=step_id, note=note)
        if asked is not None:
            return asked
        texted = await deal_with_reply(scope, inbound_id=step_id)
        if texted is not None:
            return texted
        debrief = await scope.session.get(DebriefRequest, step_id)
        if debrief is not None and debrief.organisation_id == organisation.id:
            taken = await profiles.supervision.take_up_debrief(scope, request_id=step_id, note=note)
            return taken.request
        if step_id in {o.membership_id for o in await profiles.supervision.overdue_buddies(scope)}:
            raise Conflict(
                _("Supervision stays overdue until a session is recorded on the buddy's page."),
            )
    if step is None or step.organisation_id != organisation.id or not step.needs_coordinator:
        raise NotFound(_("No such item."))
    if step.resolved_at is not None:
        raise Conflict(_("Another coordinator has already dealt with this."))
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
