"""Reading matches: what each viewer may see of one, decided here (policy.py holds the rules).

A carer and a buddy read their own answers and asks, the introduction of the other and the reasons safe
to say to both; coordinators read the score, the note, both people's answers, decline reasons, feedback
and the history. The controller only turns these read objects into schemas, so a job, the CLI or an
export that reads a match gets the same answer for the same viewer.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import String, Uuid, column, func, select, table

from carerlink.accounts.phones import PhoneNumber
from carerlink.actor import Role
from carerlink.matching import policy
from carerlink.matching.models import (
    ChangeKind,
    ChangeRequest,
    Decision,
    EndReason,
    Match,
    MatchEvent,
    MatchStatus,
)
from carerlink.matching.scoring import Explanation, SharedExplanation, explain, shared_explanation
from carerlink.matching.service._common import (
    decision_of,
    display_names,
    ending_words,
    event,
    feedback_of,
    introduced_at,
    mark_introduced,
    member,
)
from carerlink.matching.service.facts import buddy_facts, carer_facts, pair_profiles, weights_of
from carerlink.matching.service.introductions import Introduction, introduce_buddy, introduce_carer
from carerlink.matching.service.pairs import NO_PHONES, PairPhones, get_match_or_raise, pair_phones
from carerlink.organisations.scope import Scope
from carerlink.profiles.models import CarerProfile

# The messages table as matching counts it (messaging owns it and sits above matching in the layers).
MESSAGES = table("messages", column("match_id", Uuid()), column("sender", String()), column("read_at"))


@dataclass(frozen=True, slots=True)
class Person:
    """One of the pair, by membership, with their name, and their number if this viewer may read it."""

    membership_id: uuid.UUID
    user_id: uuid.UUID
    display_name: str
    phone: PhoneNumber | None = None  # policy.phone_visible: coordinators, themself, the other if shared
    shares_phone: bool = False  # their own choice for this match (the number shows only while it's open)


@dataclass(frozen=True, slots=True)
class OwnAnswers:
    """What the carer or the buddy reads of their own part in a match."""

    decision: Decision | None
    feedback: str | None
    # Their asks for a break or a different buddy not yet dealt with (while the match is open).
    requests: list[ChangeKind] | None


@dataclass(frozen=True, slots=True)
class CoordinatorDetails:
    """What only coordinators read of a match: the score, the note, both answers and the history."""

    score: float
    note: str
    carer_decision: Decision | None
    buddy_decision: Decision | None
    carer_decline_reason: str | None
    buddy_decline_reason: str | None
    end_reason: EndReason | None
    close_note: str | None
    carer_feedback: str | None
    buddy_feedback: str | None
    events: list[MatchEvent]


@dataclass(frozen=True, slots=True)
class MatchView:
    """A match as one viewer may see it: ``own`` for the carer or the buddy, ``details`` for coordinators."""

    id: uuid.UUID
    organisation_id: uuid.UUID
    status: MatchStatus
    viewer: policy.Viewer
    carer: Person
    buddy: Person
    proposed_at: datetime
    activated_at: datetime | None
    paused_at: datetime | None
    closed_at: datetime | None
    on_hold: bool
    introduction: Introduction | None
    # Coordinators get the whole explanation; the carer and the buddy only what is safe to say to both.
    explanation: Explanation | SharedExplanation | None
    # Once ended: why, as far as it is said to both (coordinators read the reason itself).
    ending_words: str | None
    # The carer's answer to "another buddy?", for the carer and coordinators (``policy.sees_rematch``).
    wants_rematch: bool | None
    own: OwnAnswers | None
    details: CoordinatorDetails | None
    unread_messages: int = 0


@dataclass(frozen=True, slots=True)
class MatchSummary:
    """A match in a list, with the viewer's own answer when they are its carer or buddy."""

    id: uuid.UUID
    status: MatchStatus
    carer: Person
    buddy: Person
    proposed_at: datetime
    activated_at: datetime | None
    closed_at: datetime | None
    my_decision: Decision | None
    my_feedback_given: bool | None
    unread_messages: int = 0


async def unread_messages(scope: Scope, matches: Sequence[Match]) -> dict[uuid.UUID, int]:
    """Messages from the other person the asker has not read, by match (issue 18).

    Only for the carer or the buddy of a match, while they read its thread (the carer always, the buddy
    while the pair is together) and the pair has messages (``MessagingSettings.on_for``); else none.
    """
    messaging = scope.settings.messaging
    if not messaging.enabled:
        return {}
    from_other: dict[uuid.UUID, str] = {}
    for match in matches:
        side = policy.party_of(scope.actor, match)
        if side == "carer" or (side == "buddy" and match.status in (MatchStatus.ACTIVE, MatchStatus.PAUSED)):
            from_other[match.id] = "buddy" if side == "carer" else "carer"
    if from_other and not messaging.young_carers:
        carers = {m.carer_user_id: m.id for m in matches if m.id in from_other}
        for carer_id in await scope.session.scalars(
            select(CarerProfile.user_id).where(
                CarerProfile.user_id.in_(list(carers)),
                CarerProfile.organisation_id == scope.organisation_id,
                CarerProfile.under_18.is_(True),
            )
        ):
            from_other.pop(carers[carer_id], None)
    if not from_other:
        return {}
    rows = await scope.session.execute(
        select(MESSAGES.c.match_id, MESSAGES.c.sender, func.count())
        .where(MESSAGES.c.match_id.in_(list(from_other)), MESSAGES.c.read_at.is_(None))
        .group_by(MESSAGES.c.match_id, MESSAGES.c.sender)
    )
    return {match_id: int(n) for match_id, sender, n in rows if from_other.get(match_id) == sender}


def _people(
    match: Match, names: dict[uuid.UUID, str], phones: PairPhones = NO_PHONES
) -> tuple[Person, Person]:
    return (
        Person(
            match.carer_membership_id,
            match.carer_user_id,
            names.get(match.carer_user_id, ""),
            phones.carer,
            match.carer_shares_phone,
        ),
        Person(
            match.buddy_membership_id,
            match.buddy_user_id,
            names.get(match.buddy_user_id, ""),
            phones.buddy,
            match.buddy_shares_phone,
        ),
    )


async def _explained(
    scope: Scope, match: Match, party: policy.Party | None
) -> tuple[Introduction | None, Explanation | SharedExplanation | None]:
    """The introduction of the other person and the explanation, as far as this viewer may read them."""
    if party is not None and not match.is_open:
        return None, None
    carer_view, buddy = await pair_profiles(scope, match)
    if carer_view is None or buddy is None:
        return None, None
    explanation = explain(
        carer_facts(carer_view), buddy_facts(buddy), weights_of(scope), slot=0, reader=party or "coordinator"
    )
    if party is None:
        return None, explanation
    # The full explanation tells one person things about the other they haven't agreed to share (the
    # buddy's load, the carer's wishes, faith, area, every compromise).
    shared = shared_explanation(explanation, needs_shared=carer_view.needs_shared)
    return (introduce_buddy(buddy) if party == "carer" else introduce_carer(carer_view)), shared


async def _own(scope: Scope, match: Match, party: policy.Party) -> OwnAnswers:
    requests = None
    if match.is_open:
        requests = list(
            await scope.session.scalars(
                select(ChangeRequest.kind).where(
                    ChangeRequest.match_id == match.id,
                    ChangeRequest.asked_by == party,
                    ChangeRequest.resolved_at.is_(None),
                )
            )
        )
    return OwnAnswers(
        decision=decision_of(match, party), feedback=feedback_of(match, party), requests=requests
    )


async def _details(scope: Scope, match: Match) -> CoordinatorDetails:
    await scope.audit("matching.match.viewed", object_type="match", object_id=match.id)
    events = await scope.session.scalars(
        select(MatchEvent).where(MatchEvent.match_id == match.id).order_by(MatchEvent.position)
    )
    return CoordinatorDetails(
        score=match.score,
        note=match.note,
        carer_decision=match.carer_decision,
        buddy_decision=match.buddy_decision,
        carer_decline_reason=match.carer_decline_reason,
        buddy_decline_reason=match.buddy_decline_reason,
        end_reason=match.end_reason,
        close_note=match.close_note,
        carer_feedback=match.carer_feedback,
        buddy_feedback=match.buddy_feedback,
        events=list(events.all()),
    )


async def view(scope: Scope, *, match_id: uuid.UUID) -> MatchView:
    """A match as the asker may see it; the carer's or buddy's first look records their introduction."""
    member(scope)
    match = await get_match_or_raise(
        scope.session, actor=scope.actor, match_id=match_id, organisation_id=scope.organisation_id
    )
    party = policy.party_of(scope.actor, match)
    viewer = policy.viewer_of(party)
    carer, buddy = _people(
        match,
        await display_names(scope.session, [match.carer_user_id, match.buddy_user_id]),
        (await pair_phones(scope.session, actor=scope.actor, matches=[match]))[match.id],
    )
    introduction, explanation = await _explained(scope, match, party)
    if party is not None and match.status == MatchStatus.PROPOSED and introduced_at(match, party) is None:
        mark_introduced(match, party, scope.now)
        scope.session.add(event(scope, match, name=f"{party}_introduced", before=match.status))
    return MatchView(
        id=match.id,
        organisation_id=match.organisation_id,
        status=match.status,
        viewer=viewer,
        carer=carer,
        buddy=buddy,
        proposed_at=match.proposed_at,
        activated_at=match.activated_at,
        paused_at=match.paused_at,
        closed_at=match.closed_at,
        on_hold=policy.is_on_hold(match),
        introduction=introduction,
        explanation=explanation,
        ending_words=ending_words(match) if match.status == MatchStatus.ENDED else None,
        wants_rematch=match.wants_rematch if policy.sees_rematch(viewer) else None,
        own=await _own(scope, match, party) if party is not None else None,
        details=await _details(scope, match) if party is None else None,
        unread_messages=(await unread_messages(scope, [match])).get(match.id, 0) if party else 0,
    )


def _summary(
    scope: Scope,
    match: Match,
    names: dict[uuid.UUID, str],
    phones: dict[uuid.UUID, PairPhones],
    unread: dict[uuid.UUID, int] | None = None,
) -> MatchSummary:
    carer, buddy = _people(match, names, phones.get(match.id, NO_PHONES))
    # The person asking sees their own answer when they are the match's carer or buddy.
    mine: policy.Party | None = None
    if scope.actor.user_id == match.carer_user_id:
        mine = "carer"
    elif scope.actor.user_id == match.buddy_user_id:
        mine = "buddy"
    return MatchSummary(
        id=match.id,
        status=match.status,
        carer=carer,
        buddy=buddy,
        proposed_at=match.proposed_at,
        activated_at=match.activated_at,
        closed_at=match.closed_at,
        my_decision=decision_of(match, mine) if mine else None,
        my_feedback_given=bool(feedback_of(match, mine)) if mine else None,
        unread_messages=(unread or {}).get(match.id, 0),
    )


async def list_matches(scope: Scope, *, status: MatchStatus | None = None) -> list[MatchSummary]:
    """Coordinators see every match of the organisation; carers and buddies their own. Newest first."""
    member(scope)
    organisation_id, actor = scope.organisation_id, scope.actor
    query = (
        select(Match)
        .where(Match.organisation_id == organisation_id)
        .order_by(Match.proposed_at.desc())
        .limit(500)
    )
    if not policy.can_match(actor, organisation_id):
        mine = []
        if actor.has_role(organisation_id, Role.CARER):
            mine.append(Match.carer_user_id == actor.user_id)
        if actor.has_role(organisation_id, Role.BUDDY):
            mine.append(Match.buddy_user_id == actor.user_id)
        if not mine:
            return []
        query = query.where(mine[0] if len(mine) == 1 else mine[0] | mine[1])
    if status is not None:
        query = query.where(Match.status == status)
    matches = (await scope.session.scalars(query)).all()
    names = await display_names(
        scope.session, [u for m in matches for u in (m.carer_user_id, m.buddy_user_id)]
    )
    phones = await pair_phones(scope.session, actor=scope.actor, matches=matches)
    unread = await unread_messages(scope, matches)
    return [_summary(scope, m, names, phones, unread) for m in matches]


async def summaries(scope: Scope, matches: list[Match]) -> list[MatchSummary]:
    """Matches just made, as a list shows them (after confirming a draft)."""
    names = await display_names(
        scope.session, [u for m in matches for u in (m.carer_user_id, m.buddy_user_id)]
    )
    phones = await pair_phones(scope.session, actor=scope.actor, matches=matches)
    return [_summary(scope, m, names, phones) for m in matches]
