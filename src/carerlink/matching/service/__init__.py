"""Business rules of matching: the waiting list, suggestions, waiting-list drafts and the match lifecycle.

A person decides every match (DOMAIN.md; UK GDPR art. 22): the engine suggests and drafts, a
coordinator proposes, and a match goes live only when the carer and the buddy have both said yes,
each after reading a short introduction of the other.

Other domains use ``list_active_pairs``, ``get_pair_or_raise`` and ``get_match_or_raise`` (check-ins
schedule occurrences for active pairs).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import msgspec
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts.models import User
from carerlink.actor import Actor, Role
from carerlink.audit import service as audit
from carerlink.errors import Conflict, Invalid, NotAllowed, NotFound, OnHold
from carerlink.matching import policy
from carerlink.matching.assignment import greedy_assignment, optimal_assignment
from carerlink.matching.models import (
    OPEN_STATUSES,
    ChangeKind,
    ChangeRequest,
    Decision,
    DraftStatus,
    EndReason,
    Match,
    MatchDraft,
    MatchDraftItem,
    MatchEvent,
    MatchStatus,
)
from carerlink.matching.pool_cache import CachedPool, cache_for
from carerlink.matching.scoring import (
    BuddyFacts,
    CarerFacts,
    Context,
    Exclusion,
    Explanation,
    Preferences,
    SharedExplanation,
    Weights,
    describe_slots,
    exclusion,
    explain,
    score,
    shared_explanation,
)
from carerlink.matching.vectors import BuddyArrays, CarerArrays, pool, suggest
from carerlink.notifications import kinds
from carerlink.notifications import service as notifications
from carerlink.organisations import service as organisations
from carerlink.organisations.models import Membership, MembershipStatus, Organisation
from carerlink.organisations.schemas import MatchingWeights
from carerlink.profiles import service as profiles
from carerlink.profiles.vocabulary import (
    CARED_FOR_PHRASE,
    CONTACT_PHRASE,
    HELP_PHRASE,
    HOURS_PHRASE,
    JOURNEY_PHRASE,
    MENTAL_HEALTH_PHRASE,
    NEED_PHRASE,
    CaringStatus,
    ContactMode,
    Culture,
    Gender,
    HelpWith,
    JourneyStage,
    MentalHealthNeed,
    Need,
    Relationship,
    Strength,
    language_name,
)

log = logging.getLogger("carerlink.matching")

DRAFT_LIFETIME = timedelta(days=7)
MAX_SUGGESTIONS = 20

STATUS_WORDS = {
    MatchStatus.PROPOSED: "waiting for both answers",
    MatchStatus.ACTIVE: "active",
    MatchStatus.PAUSED: "paused",
    MatchStatus.ENDED: "ended",
    MatchStatus.DECLINED: "declined",
    MatchStatus.WITHDRAWN: "withdrawn",
}
EXCLUSION_WORDS = {
    Exclusion.SAME_PERSON: "A person can't be their own buddy.",
    Exclusion.BUDDY_NOT_MATCHABLE: "This buddy can't be matched at the moment.",
    Exclusion.BUDDY_FULL: "This buddy has no free places.",
    Exclusion.NO_SHARED_LANGUAGE: (
        "They have no language in common, and the carer hasn't asked for an interpreter."
    ),
    Exclusion.GENDER_MUST: "The carer asked for a buddy of another gender.",
    Exclusion.BACKGROUND_MUST: "The carer asked for a buddy who shares their cultural or faith background.",
    Exclusion.LANGUAGE_MUST: "The carer asked for a buddy who speaks their preferred language.",
    Exclusion.AGE_PATHWAY: (
        "The carer is under 18: young carers are matched only through the young carers' programme, "
        "with a buddy cleared for it."
    ),
    Exclusion.DECLINED_BEFORE: "This pair was proposed before and declined; it isn't proposed again.",
    Exclusion.ENDED_APART: (
        "This pair's match ended as not a good fit or for safeguarding; it isn't proposed again."
    ),
}

# --- endings (issue 10 §3): the one place each of these rules lives ------------------------------

# End reasons that are neutral to tell the other person; any other reads "the match has ended".
END_REASONS_SHOWN = frozenset({EndReason.CARING_ENDED, EndReason.GOALS_MET, EndReason.MOVED_AWAY})
# Until the carer says whether they'd like another buddy, these endings count as "no", others as "yes".
NO_REMATCH_UNTIL_ASKED = frozenset({EndReason.CARING_ENDED, EndReason.GOALS_MET, EndReason.CARER_REQUEST})
# A pair that ended for one of these is never proposed again, like a declined pair.
KEPT_APART_AFTER = frozenset({EndReason.NOT_A_GOOD_FIT, EndReason.SAFEGUARDING})


def wants_another_buddy(match: Match) -> bool:
    """After an ending: the carer's own answer, else what the end reason implies until they give one."""
    if match.wants_rematch is not None:
        return match.wants_rematch
    return match.end_reason not in NO_REMATCH_UNTIL_ASKED


def ending_shown(match: Match) -> str | None:
    """The end reason as the carer and the buddy may be told it: a neutral one, or none."""
    return match.end_reason.value if match.end_reason in END_REASONS_SHOWN else None


def ending_words(match: Match) -> str:
    """The sentence both people read about why their match ended (the same words as the notification)."""
    return kinds.MatchEnded.WORDS[ending_shown(match)]


# --- for other domains ---------------------------------------------------------------------------


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


# --- profiles as the engine sees them ------------------------------------------------------------


def carer_facts(view: profiles.CarerProfileView) -> CarerFacts:
    """What the engine may know about a carer: needs only with their health-data consent."""
    p = view.profile
    prefs = p.preferences or {}
    gender = prefs.get("gender") or {}
    return CarerFacts(
        key=p.membership_id,
        person=p.user_id,
        name=view.display_name,
        relationships=frozenset(Relationship(r) for r in p.relationships),
        needs=frozenset(Need(n) for n in view.needs) if view.needs_shared else None,
        mental_health=frozenset(MentalHealthNeed(m) for m in view.mental_health_needs),
        stage=p.journey_stage,
        years_caring=p.years_caring,
        under_18=p.under_18,
        languages=frozenset(p.languages),
        preferred_language=p.preferred_language,
        interpreter_needed=p.interpreter_needed,
        postcode_district=p.postcode_district,
        region=p.region,
        contact_modes=frozenset(ContactMode(m) for m in p.contact_modes),
        availability=p.availability,
        cultures=frozenset(Culture(c) for c in p.cultures),
        faith=p.faith,
        preferences=Preferences(
            genders=frozenset(Gender(g) for g in gender.get("genders", [])),
            gender=Strength(gender["strength"]) if gender.get("strength") else None,
            shared_background=Strength(prefs["shared_background"])
            if prefs.get("shared_background")
            else None,
            same_language=Strength(prefs["same_language"]) if prefs.get("same_language") else None,
        ),
    )


def buddy_facts(screened: profiles.BuddyScreening) -> BuddyFacts:
    """What the engine may know about a buddy (who must have a profile)."""
    p = screened.profile
    assert p is not None
    return BuddyFacts(
        key=p.membership_id,
        person=p.user_id,
        name=screened.display_name,
        relationships=frozenset(Relationship(r) for r in p.relationships),
        needs=frozenset(Need(n) for n in screened.needs),
        mental_health=frozenset(MentalHealthNeed(m) for m in screened.mental_health_needs),
        stage=JourneyStage.ENDED if p.caring_status == CaringStatus.FORMER else p.journey_stage,
        years_caring=p.years_caring,
        languages=frozenset(p.languages),
        postcode_district=p.postcode_district,
        region=p.region,
        contact_modes=frozenset(ContactMode(m) for m in p.contact_modes),
        availability=p.availability,
        capacity=p.capacity,
        load=p.places_taken,
        matchable=screened.assessment.matchable,
        young_carers_cleared=screened.assessment.young_carers_cleared,
        gender=p.gender,
        cultures=frozenset(Culture(c) for c in p.cultures),
        faith=p.faith,
    )


def weights_of(organisation: Organisation) -> Weights:
    """The organisation's matching weights (defaults unless tuned)."""
    return Weights(**msgspec.structs.asdict(profiles.settings_of(organisation).matching_weights))


async def _context(session: AsyncSession, organisation: Organisation) -> Context:
    declined = await session.execute(
        select(Match.carer_membership_id, Match.buddy_membership_id).where(
            Match.organisation_id == organisation.id, Match.status == MatchStatus.DECLINED
        )
    )
    ended_apart = await session.execute(
        select(Match.carer_membership_id, Match.buddy_membership_id).where(
            Match.organisation_id == organisation.id,
            Match.status == MatchStatus.ENDED,
            Match.end_reason.in_(KEPT_APART_AFTER),
        )
    )
    return Context(
        young_carers_programme=profiles.settings_of(organisation).young_carers_programme,
        declined=frozenset((c, b) for c, b in declined.all()),
        ended_apart=frozenset((c, b) for c, b in ended_apart.all()),
    )


async def _buddy_pool(
    session: AsyncSession, organisation: Organisation, now: datetime
) -> list[profiles.BuddyScreening]:
    memberships = await profiles.active_buddies(session, organisation_id=organisation.id)
    screened = await profiles.screenings(session, organisation=organisation, memberships=memberships, now=now)
    return [s for s in screened if s.profile is not None]


async def _cached_pool(session: AsyncSession, organisation: Organisation, now: datetime) -> CachedPool:
    """The organisation's screened and encoded buddies, reused while nothing about them has changed."""

    async def load() -> tuple[list[profiles.BuddyScreening], BuddyArrays]:
        screened = await _buddy_pool(session, organisation, now)
        return screened, pool([buddy_facts(s) for s in screened])

    return await cache_for(session).get(session, organisation, now, load)


async def _coordinator_organisation(
    session: AsyncSession, actor: Actor, organisation_id: uuid.UUID
) -> Organisation:
    organisation = await organisations.get_organisation_or_raise(
        session, actor=actor, organisation_id=organisation_id
    )
    if not policy.can_match(actor, organisation_id):
        raise NotAllowed("Only coordinators can do that.")
    return organisation


async def _carer_member(
    session: AsyncSession, organisation_id: uuid.UUID, membership_id: uuid.UUID
) -> tuple[Membership, str]:
    row = (
        await session.execute(
            select(Membership, User.display_name)
            .join(User, User.id == Membership.user_id)
            .where(
                Membership.id == membership_id,
                Membership.organisation_id == organisation_id,
                Membership.role == Role.CARER,
            )
        )
    ).one_or_none()
    if row is None:
        raise NotFound("No such carer.")
    return row[0], row[1]


# --- the waiting list ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WaitingCarer:
    """A carer with no proposed, active or paused match."""

    membership: Membership
    display_name: str
    waiting_since: datetime
    profile: profiles.CarerProfileView | None
    earlier_proposals: int

    def waiting_days(self, now: datetime) -> int:
        """Whole days waited so far."""
        return max(0, (now - self.waiting_since).days)


async def waiting_carers(session: AsyncSession, *, organisation_id: uuid.UUID) -> list[WaitingCarer]:
    """Every active carer with no open match who wants a buddy, longest waiting first (no permission check).

    After an ending a carer is here only if they want another buddy (``wants_another_buddy``). Everyone
    waits from when they first joined: a carer who comes back after a match keeps their place in the
    queue (issue 10 §3), and a declined or withdrawn proposal does not reset the wait either.
    """
    open_carers = select(Match.carer_membership_id).where(
        Match.organisation_id == organisation_id, Match.status.in_(OPEN_STATUSES)
    )
    rows = (
        await session.execute(
            select(Membership, User.display_name)
            .join(User, User.id == Membership.user_id)
            .where(
                Membership.organisation_id == organisation_id,
                Membership.role == Role.CARER,
                Membership.status == MembershipStatus.ACTIVE,
                User.is_active.is_(True),
                Membership.id.not_in(open_carers),
            )
        )
    ).all()
    ids = [m.id for m, _ in rows]
    if not ids:
        return []
    last_ended = await _last_endings(session, ids)
    wanted = [
        (m, name) for m, name in rows if m.id not in last_ended or wants_another_buddy(last_ended[m.id])
    ]
    ids = [m.id for m, _ in wanted]
    earlier = dict(
        (
            await session.execute(
                select(Match.carer_membership_id, func.count())
                .where(
                    Match.carer_membership_id.in_(ids),
                    Match.status.in_((MatchStatus.DECLINED, MatchStatus.WITHDRAWN)),
                )
                .group_by(Match.carer_membership_id)
            )
        ).all()
    )
    views = {
        v.profile.membership_id: v
        for v in await profiles.carer_profiles(session, organisation_id=organisation_id, membership_ids=ids)
    }
    waiting = [
        WaitingCarer(
            membership=m,
            display_name=name,
            waiting_since=m.created_at,
            profile=views.get(m.id),
            earlier_proposals=int(earlier.get(m.id, 0)),
        )
        for m, name in wanted
    ]
    return sorted(waiting, key=lambda w: (w.waiting_since, w.display_name, w.membership.id))


async def _last_endings(session: AsyncSession, carer_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Match]:
    """Each carer's most recently ended match (what their "another buddy?" answer is kept on)."""
    if not carer_ids:
        return {}
    ended = await session.scalars(
        select(Match)
        .where(Match.carer_membership_id.in_(list(carer_ids)), Match.status == MatchStatus.ENDED)
        .order_by(Match.closed_at, Match.id)
    )
    return {m.carer_membership_id: m for m in ended.all()}  # the latest wins


async def list_waiting(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, now: datetime
) -> list[WaitingCarer]:
    """The waiting list, longest waiting first (coordinators; the read is audited)."""
    await _coordinator_organisation(session, actor, organisation_id)
    await audit.record(
        session, actor=actor, action="matching.waiting_list.viewed", now=now, organisation_id=organisation_id
    )
    return await waiting_carers(session, organisation_id=organisation_id)


@dataclass(frozen=True, slots=True)
class MyWaiting:
    """Where a carer stands, and what happens next, in words."""

    state: str
    waiting_since: datetime | None
    waiting_days: int | None
    next_steps: str
    match_id: uuid.UUID | None
    last_ending: LastEnding | None = None


@dataclass(frozen=True, slots=True)
class LastEnding:
    """A carer's most recent ended match, while they have no other: what their home asks about it."""

    match_id: uuid.UUID
    buddy_name: str
    ended_at: datetime | None
    words: str  # why it ended, as far as it is said to both (ending_words)
    wants_rematch: bool | None  # the carer's own answer; None until they give it
    on_waiting_list: bool  # their answer, or what the end reason implies until they give one
    feedback_given: bool


async def _last_ending(session: AsyncSession, membership_id: uuid.UUID) -> LastEnding | None:
    match = (await _last_endings(session, [membership_id])).get(membership_id)
    if match is None:
        return None
    names = await _first_names(session, match.buddy_user_id)
    return LastEnding(
        match_id=match.id,
        buddy_name=names.get(match.buddy_user_id, ""),
        ended_at=match.closed_at,
        words=ending_words(match),
        wants_rematch=match.wants_rematch,
        on_waiting_list=wants_another_buddy(match),
        feedback_given=bool(match.carer_feedback),
    )


async def my_waiting(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, now: datetime
) -> MyWaiting:
    """As a carer: am I on the waiting list, and what happens next."""
    await organisations.get_organisation_or_raise(session, actor=actor, organisation_id=organisation_id)
    membership_id = actor.membership_id(organisation_id, Role.CARER)
    if membership_id is None:
        raise NotAllowed("Only carers are on the waiting list.")
    match = await session.scalar(
        select(Match).where(Match.carer_membership_id == membership_id, Match.status.in_(OPEN_STATUSES))
    )
    if match is not None:
        if match.status == MatchStatus.PROPOSED:
            return MyWaiting(
                "introduction",
                None,
                None,
                "We think we've found a buddy for you. Read their introduction, then say whether you'd like "
                "to go ahead. Nothing starts until you and your buddy have both said yes.",
                match.id,
            )
        if match.status == MatchStatus.PAUSED and not await _membership_active(
            session, match.buddy_membership_id
        ):
            return MyWaiting(
                "paused",
                None,
                None,
                "Your buddy is taking a break for now, so your check-ins are on hold. If you'd like a new "
                "buddy, you can ask your coordinator at any time.",
                match.id,
            )
        if match.status == MatchStatus.PAUSED:
            return MyWaiting(
                "paused",
                None,
                None,
                "Your buddy match is paused. You can restart it whenever you're ready.",
                match.id,
            )
        return MyWaiting(
            "matched", None, None, "You have a buddy. Your check-ins keep you in touch.", match.id
        )
    waiting = [
        w
        for w in await waiting_carers(session, organisation_id=organisation_id)
        if w.membership.id == membership_id
    ]
    last = await _last_ending(session, membership_id)
    if not waiting:
        if last is None:
            raise NotFound("You're not on the waiting list.")
        return MyWaiting(
            "ended",
            None,
            None,
            "You're not on the waiting list for a buddy. If you'd like another buddy, tell us here and "
            "you'll go back on the list in the place you had when you first joined.",
            None,
            last,
        )
    entry = waiting[0]
    if entry.profile is None:
        return MyWaiting(
            "needs_profile",
            entry.waiting_since,
            entry.waiting_days(now),
            "You're on the waiting list. Tell us a little about your caring situation, so we can look for a "
            "buddy who has been through something similar.",
            None,
            last,
        )
    return MyWaiting(
        "waiting",
        entry.waiting_since,
        entry.waiting_days(now),
        "You're on the waiting list. A coordinator will look for a buddy who has been through something "
        "similar. When they find one you'll see a short introduction and can say yes or no; nobody is told "
        "about you before then.",
        None,
        last,
    )


async def _membership_active(session: AsyncSession, membership_id: uuid.UUID) -> bool:
    status = await session.scalar(select(Membership.status).where(Membership.id == membership_id))
    return status == MembershipStatus.ACTIVE


# --- suggestions ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Suggestions:
    """The best buddies for one carer, or why there can be none yet."""

    carer: Membership
    carer_name: str
    on_hold: str | None
    suggestions: list[tuple[profiles.BuddyScreening, Explanation]]
    # Buddies this carer is never proposed with again, and why (a declined pair, or an ending).
    kept_apart: list[KeptApart]


@dataclass(frozen=True, slots=True)
class KeptApart:
    """A buddy left out of a carer's suggestions by the pair's history, with the reason in words."""

    buddy_membership_id: uuid.UUID
    buddy_user_id: uuid.UUID
    buddy_name: str
    reason: str


async def _kept_apart(session: AsyncSession, context: Context, carer_id: uuid.UUID) -> list[KeptApart]:
    why = {b: EXCLUSION_WORDS[Exclusion.DECLINED_BEFORE] for c, b in context.declined if c == carer_id}
    why |= {b: EXCLUSION_WORDS[Exclusion.ENDED_APART] for c, b in context.ended_apart if c == carer_id}
    if not why:
        return []
    rows = await session.execute(
        select(Membership.id, User.id, User.display_name)
        .join(User, User.id == Membership.user_id)
        .where(Membership.id.in_(list(why)))
    )
    found = [KeptApart(m, u, name, why[m]) for m, u, name in rows.all()]
    return sorted(found, key=lambda k: (k.buddy_name, k.buddy_membership_id))


async def _on_hold(
    session: AsyncSession, organisation: Organisation, carer: Membership, name: str
) -> tuple[str | None, profiles.CarerProfileView | None]:
    if carer.status != MembershipStatus.ACTIVE:
        return f"{name}'s membership isn't active.", None
    views = await profiles.carer_profiles(session, organisation_id=organisation.id, membership_ids=[carer.id])
    if not views:
        return f"{name} hasn't filled in their profile yet.", None
    open_match = await session.scalar(
        select(Match.id).where(Match.carer_membership_id == carer.id, Match.status.in_(OPEN_STATUSES))
    )
    if open_match is not None:
        return f"{name} already has a proposed, active or paused match.", views[0]
    if views[0].profile.under_18 and not profiles.settings_of(organisation).young_carers_programme:
        return f"{name} is under 18, and the young carers' programme is not switched on.", views[0]
    return None, views[0]


async def suggest_buddies(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    carer_membership_id: uuid.UUID,
    limit: int,
    now: datetime,
) -> Suggestions:
    """The ``limit`` best matchable buddies for a carer, each explained (coordinators; audited)."""
    organisation = await _coordinator_organisation(session, actor, organisation_id)
    carer, name = await _carer_member(session, organisation_id, carer_membership_id)
    await audit.record(
        session,
        actor=actor,
        action="matching.suggestions.viewed",
        now=now,
        organisation_id=organisation_id,
        subject_user_id=carer.user_id,
        object_type="membership",
        object_id=carer.id,
    )
    context = await _context(session, organisation)
    kept_apart = await _kept_apart(session, context, carer.id)
    on_hold, view = await _on_hold(session, organisation, carer, name)
    if on_hold is not None or view is None:
        return Suggestions(
            carer=carer, carer_name=name, on_hold=on_hold, suggestions=[], kept_apart=kept_apart
        )
    buddies = await _cached_pool(session, organisation, now)
    found = suggest(
        carer_facts(view),
        buddies.arrays,
        weights_of(organisation),
        context,
        limit=min(limit, MAX_SUGGESTIONS),
    )
    return Suggestions(
        carer=carer,
        carer_name=name,
        on_hold=None,
        suggestions=[(buddies.screened[uuid.UUID(str(s.buddy.key))], s.explanation) for s in found],
        kept_apart=kept_apart,
    )


# --- weights -------------------------------------------------------------------------------------


async def get_weights(session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID) -> MatchingWeights:
    """The organisation's matching weights (coordinators)."""
    organisation = await _coordinator_organisation(session, actor, organisation_id)
    return profiles.settings_of(organisation).matching_weights


async def set_weights(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    weights: MatchingWeights,
    now: datetime,
) -> MatchingWeights:
    """Tune how much each factor counts (coordinators); other settings stay as they are."""
    organisation = await _coordinator_organisation(session, actor, organisation_id)
    organisation.settings = {**organisation.settings, "matching_weights": msgspec.to_builtins(weights)}
    await audit.record(
        session,
        actor=actor,
        action="matching.weights.changed",
        now=now,
        organisation_id=organisation_id,
        details=msgspec.to_builtins(weights),
    )
    return weights


# --- proposing -----------------------------------------------------------------------------------


def _event(
    match: Match, *, actor: Actor, event: str, before: MatchStatus | None, now: datetime
) -> MatchEvent:
    match.events_recorded = (match.events_recorded or 0) + 1
    return MatchEvent(
        match_id=match.id,
        position=match.events_recorded,
        at=now,
        actor_user_id=actor.user_id,
        event=event,
        from_status=before,
        to_status=match.status,
    )


async def _record(
    session: AsyncSession,
    match: Match,
    *,
    actor: Actor,
    event: str,
    before: MatchStatus | None,
    now: datetime,
) -> None:
    session.add(_event(match, actor=actor, event=event, before=before, now=now))
    await audit.record(
        session,
        actor=actor,
        action=f"matching.match.{event}",
        now=now,
        organisation_id=match.organisation_id,
        object_type="match",
        object_id=match.id,
        details={"from": before.value if before else None, "to": match.status.value},
    )
    log.info(
        f"matching.match.{event}",
        extra={"fields": {"match_id": str(match.id), "organisation_id": str(match.organisation_id)}},
    )


@dataclass(frozen=True, slots=True)
class _Candidate:
    carer: Membership
    carer_name: str
    carer_view: profiles.CarerProfileView
    buddy: profiles.BuddyScreening


@dataclass
class _Checker:
    """Every rule a proposed pair must pass, with the data loaded once for many pairs."""

    organisation: Organisation
    carers: dict[uuid.UUID, tuple[Membership, str]]
    views: dict[uuid.UUID, profiles.CarerProfileView]
    open_carers: set[uuid.UUID]
    buddies: dict[uuid.UUID, profiles.BuddyScreening]
    context: Context
    weights: Weights

    @classmethod
    async def load(
        cls, session: AsyncSession, organisation: Organisation, carer_ids: Sequence[uuid.UUID], now: datetime
    ) -> _Checker:
        rows = await session.execute(
            select(Membership, User.display_name)
            .join(User, User.id == Membership.user_id)
            .where(
                Membership.id.in_(list(carer_ids)),
                Membership.organisation_id == organisation.id,
                Membership.role == Role.CARER,
            )
        )
        open_carers = await session.scalars(
            select(Match.carer_membership_id).where(
                Match.carer_membership_id.in_(list(carer_ids)), Match.status.in_(OPEN_STATUSES)
            )
        )
        views = await profiles.carer_profiles(
            session, organisation_id=organisation.id, membership_ids=carer_ids
        )
        return cls(
            organisation=organisation,
            carers={m.id: (m, name) for m, name in rows.all()},
            views={v.profile.membership_id: v for v in views},
            open_carers=set(open_carers.all()),
            buddies={s.membership.id: s for s in await _buddy_pool(session, organisation, now)},
            context=await _context(session, organisation),
            weights=weights_of(organisation),
        )

    def check(
        self, carer_membership_id: uuid.UUID, buddy_membership_id: uuid.UUID, *, extra_load: int = 0
    ) -> tuple[_Candidate, float]:
        """The pair and its score; ``NotFound`` or ``Conflict`` naming the rule that fails."""
        if carer_membership_id not in self.carers:
            raise NotFound("No such carer.")
        carer, name = self.carers[carer_membership_id]
        view = self.views.get(carer.id)
        if carer.status != MembershipStatus.ACTIVE:
            raise Conflict(f"{name}'s membership isn't active.")
        if view is None:
            raise Conflict(f"{name} hasn't filled in their profile yet.")
        if carer.id in self.open_carers:
            raise Conflict(f"{name} already has a proposed, active or paused match.")
        buddy = self.buddies.get(buddy_membership_id)
        if buddy is None:
            raise NotFound("No such buddy (or they haven't filled in their profile yet).")
        if not buddy.assessment.matchable:
            reasons = " ".join(r.message for r in buddy.assessment.reasons)
            raise Conflict(f"{buddy.display_name} can't be matched now: {reasons}")
        facts_c, facts_b = carer_facts(view), buddy_facts(buddy)
        if facts_b.free_places <= extra_load:
            raise Conflict(f"{buddy.display_name} has no free places left.")
        reason = exclusion(facts_c, facts_b, self.context)
        if reason is not None:
            raise Conflict(f"{name} and {buddy.display_name}: {EXCLUSION_WORDS[reason]}")
        return _Candidate(carer, name, view, buddy), score(facts_c, facts_b, self.weights, slot=extra_load)


async def _propose(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation: Organisation,
    candidate: _Candidate,
    value: float,
    note: str,
    now: datetime,
    draft_id: uuid.UUID | None = None,
) -> Match:
    buddy = candidate.buddy
    # The guarded UPDATE is what holds the capacity under concurrency: exactly one of two
    # coordinators filling the same last place gets it.
    if not await profiles.take_place(session, buddy_membership_id=buddy.membership.id):
        raise Conflict(f"{buddy.display_name} has no free places left.")
    match = Match(
        organisation_id=organisation.id,
        carer_membership_id=candidate.carer.id,
        carer_user_id=candidate.carer.user_id,
        buddy_membership_id=buddy.membership.id,
        buddy_user_id=buddy.membership.user_id,
        status=MatchStatus.PROPOSED,
        score=value,
        note=note.strip(),
        proposed_by_user_id=actor.user_id,
        proposed_at=now,
        draft_id=draft_id,
    )
    match.created_at = now
    session.add(match)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError:
        # The partial unique index: someone proposed a match for this carer at the same moment.
        raise Conflict(f"{candidate.carer_name} already has a proposed, active or paused match.") from None
    await _record(session, match, actor=actor, event="proposed", before=None, now=now)
    for person, role in ((match.carer_user_id, Role.CARER), (match.buddy_user_id, Role.BUDDY)):
        await notifications.notify(
            session,
            user_id=person,
            kind=kinds.MatchProposed,
            data={"match_id": match.id},
            dedupe_key=f"match_proposed:{match.id}",
            now=now,
            organisation_id=match.organisation_id,
            role=role,
        )
    return match


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
    """A coordinator proposes a carer and a buddy to each other; both are then asked (coordinators)."""
    organisation = await _coordinator_organisation(session, actor, organisation_id)
    checker = await _Checker.load(session, organisation, [carer_membership_id], now)
    candidate, value = checker.check(carer_membership_id, buddy_membership_id)
    return await _propose(
        session, actor=actor, organisation=organisation, candidate=candidate, value=value, note=note, now=now
    )


# --- the lifecycle -------------------------------------------------------------------------------


async def _locked(
    session: AsyncSession, actor: Actor, organisation_id: uuid.UUID, match_id: uuid.UUID
) -> Match:
    """The match, locked for this transaction (PostgreSQL; SQLite has one writer at a time)."""
    await organisations.get_organisation_or_raise(session, actor=actor, organisation_id=organisation_id)
    await session.flush()  # re-reading the row below must not drop changes made earlier in this request
    match = await session.scalar(
        select(Match).where(Match.id == match_id).with_for_update().execution_options(populate_existing=True)
    )
    if match is None or match.organisation_id != organisation_id or not policy.can_view_match(actor, match):
        raise NotFound("No such match.")
    return match


def _must_be(match: Match, wanted: Sequence[MatchStatus], action: str) -> None:
    if match.status not in wanted:
        raise Conflict(f"This match is {STATUS_WORDS[match.status]}, so it can't be {action}.")


def _party_or_refuse(actor: Actor, match: Match, action: str) -> policy.Party:
    party = policy.party_of(actor, match)
    if party is None:
        raise NotAllowed(f"Only the carer and the buddy can {action} a match.")
    return party


async def accept_match(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, match_id: uuid.UUID, now: datetime
) -> Match:
    """Say yes (the carer or the buddy, in either order); live once both have, if the buddy still may be."""
    match = await _locked(session, actor, organisation_id, match_id)
    party = _party_or_refuse(actor, match, "accept")
    _must_be(match, [MatchStatus.PROPOSED], "accepted")
    if getattr(match, f"{party}_introduced_at") is None:
        raise Conflict("Please read the introduction first.")
    if getattr(match, f"{party}_decision") != Decision.ACCEPTED:
        setattr(match, f"{party}_decision", Decision.ACCEPTED)
        setattr(match, f"{party}_decided_at", now)
        await _record(
            session, match, actor=actor, event=f"{party}_accepted", before=MatchStatus.PROPOSED, now=now
        )
    elif not _both_accepted(match):
        return match  # saying yes twice (a retry from a phone) changes nothing
    # Both have said yes: a new "yes" starts the match, and so does a retry of one that was held.
    if _both_accepted(match):
        await _start(session, match, actor=actor, now=now)
    return match


def _both_accepted(match: Match) -> bool:
    return match.carer_decision == Decision.ACCEPTED and match.buddy_decision == Decision.ACCEPTED


# Why a buddy can't be introduced to anyone new that doesn't stop an introduction already made from
# starting: a pause means "no new introductions for now" (the buddy still says yes or no to this one
# themselves, and can decline it), and this match's place was taken when it was proposed.
_NOT_BLOCKING_A_PROPOSED_MATCH = frozenset({"paused", "full"})

ON_HOLD_WORDS = "We can't start this match just now. Your coordinator has been told and will be in touch."


def _why_not_now(
    carer_view: profiles.CarerProfileView | None, buddy: profiles.BuddyScreening | None
) -> list[str]:
    """Codes of what stops the buddy being matched today (empty when the match may start)."""
    if buddy is None:
        return ["no_profile"]
    codes = [r.code for r in buddy.assessment.reasons if r.code not in _NOT_BLOCKING_A_PROPOSED_MATCH]
    if carer_view is not None and carer_view.profile.under_18 and not buddy.assessment.young_carers_cleared:
        codes.append("young_carers_not_cleared")
    return codes


async def _start(session: AsyncSession, match: Match, *, actor: Actor, now: datetime) -> None:
    """Make the match live, after checking the buddy is still matchable today; else hold it and say so.

    The buddy was screened when the match was proposed, but a check can pass its recheck date, training
    can run out or an approval be withdrawn while the two think it over (DOMAIN.md "Buddies").
    """
    organisation = await session.get(Organisation, match.organisation_id)
    assert organisation is not None
    carer_view, buddy = await _pair_profiles(session, organisation, match, now)
    blocking = _why_not_now(carer_view, buddy)
    if blocking:
        await _hold(session, match, actor=actor, codes=blocking, now=now)
        # The carer must not learn about the buddy's screening; the coordinators see why.
        raise OnHold(ON_HOLD_WORDS)
    match.status = MatchStatus.ACTIVE
    match.activated_at = now
    await _record(session, match, actor=actor, event="activated", before=MatchStatus.PROPOSED, now=now)
    # Only now is the other person told: a single "yes" is never passed on, so nobody feels pressed.
    names = await _first_names(session, match.carer_user_id, match.buddy_user_id)
    for person, other, role in (
        (match.carer_user_id, match.buddy_user_id, Role.CARER),
        (match.buddy_user_id, match.carer_user_id, Role.BUDDY),
    ):
        await notifications.notify(
            session,
            user_id=person,
            kind=kinds.MatchAccepted,
            data={"match_id": match.id, "other_name": names[other]},
            dedupe_key=f"match_accepted:{match.id}",
            now=now,
            organisation_id=match.organisation_id,
            role=role,
        )


async def _hold(
    session: AsyncSession, match: Match, *, actor: Actor, codes: Sequence[str], now: datetime
) -> None:
    """Record that a match could not start, and why (for coordinators), and tell the coordinators."""
    session.add(_event(match, actor=actor, event="held", before=MatchStatus.PROPOSED, now=now))
    await audit.record(
        session,
        actor=actor,
        action="matching.match.held",
        now=now,
        organisation_id=match.organisation_id,
        object_type="match",
        object_id=match.id,
        details={"buddy_not_matchable": list(codes)},
    )
    log.info(
        "matching.match.held",
        extra={"fields": {"match_id": str(match.id), "organisation_id": str(match.organisation_id)}},
    )
    names = await _first_names(session, match.carer_user_id, match.buddy_user_id)
    data = {
        "match_id": match.id,
        "buddy_id": match.buddy_membership_id,
        "carer_name": names[match.carer_user_id],
        "buddy_name": names[match.buddy_user_id],
    }
    for coordinator_id in await organisations.coordinators_to_alert(
        session, organisation_id=match.organisation_id, on_duty_only=False
    ):
        await notifications.notify(
            session,
            user_id=coordinator_id,
            kind=kinds.MatchHeld,
            data=data,
            dedupe_key=f"match_held:{match.id}",
            now=now,
            organisation_id=match.organisation_id,
        )


async def _first_names(session: AsyncSession, *user_ids: uuid.UUID) -> dict[uuid.UUID, str]:
    rows = await session.execute(select(User.id, User.display_name).where(User.id.in_(user_ids)))
    return {user_id: (name.split() or [name])[0] for user_id, name in rows.all()}


async def _close(
    session: AsyncSession, match: Match, *, actor: Actor, status: MatchStatus, now: datetime
) -> None:
    match.status = status
    match.closed_at = now
    match.closed_by_user_id = actor.user_id
    await profiles.release_place(session, buddy_membership_id=match.buddy_membership_id)


async def decline_match(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    match_id: uuid.UUID,
    reason: str,
    now: datetime,
) -> Match:
    """Say no (the carer or the buddy); the pair is never proposed again. The reason is for coordinators."""
    match = await _locked(session, actor, organisation_id, match_id)
    party = _party_or_refuse(actor, match, "decline")
    _must_be(match, [MatchStatus.PROPOSED], "declined")
    if getattr(match, f"{party}_introduced_at") is None:
        raise Conflict("Please read the introduction first.")
    setattr(match, f"{party}_decision", Decision.DECLINED)
    setattr(match, f"{party}_decided_at", now)
    setattr(match, f"{party}_decline_reason", reason.strip() or None)
    await _close(session, match, actor=actor, status=MatchStatus.DECLINED, now=now)
    await _record(
        session, match, actor=actor, event=f"{party}_declined", before=MatchStatus.PROPOSED, now=now
    )
    return match


async def withdraw_match(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    match_id: uuid.UUID,
    reason: str,
    now: datetime,
) -> Match:
    """Take back a proposal before it goes live (coordinators); the pair may be proposed again later."""
    match = await _locked(session, actor, organisation_id, match_id)
    if not policy.can_match(actor, organisation_id):
        raise NotAllowed("Only coordinators can withdraw a proposal.")
    _must_be(match, [MatchStatus.PROPOSED], "withdrawn")
    match.close_note = reason.strip() or None
    await _close(session, match, actor=actor, status=MatchStatus.WITHDRAWN, now=now)
    await _record(session, match, actor=actor, event="withdrawn", before=MatchStatus.PROPOSED, now=now)
    return match


async def pause_match(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, match_id: uuid.UUID, now: datetime
) -> Match:
    """Pause an active match (the carer, the buddy or a coordinator); check-ins stop until resumed."""
    match = await _locked(session, actor, organisation_id, match_id)
    if not policy.can_pause_or_end(actor, match):
        raise NotAllowed("You can't pause this match.")
    _must_be(match, [MatchStatus.ACTIVE], "paused")
    match.status = MatchStatus.PAUSED
    match.paused_at = now
    await _record(session, match, actor=actor, event="paused", before=MatchStatus.ACTIVE, now=now)
    return match


async def resume_match(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, match_id: uuid.UUID, now: datetime
) -> Match:
    """Restart a paused match."""
    match = await _locked(session, actor, organisation_id, match_id)
    if not policy.can_pause_or_end(actor, match):
        raise NotAllowed("You can't restart this match.")
    _must_be(match, [MatchStatus.PAUSED], "restarted")
    await _both_still_members(session, actor, match)
    match.status = MatchStatus.ACTIVE
    match.paused_at = None
    await _record(session, match, actor=actor, event="resumed", before=MatchStatus.PAUSED, now=now)
    return match


async def _both_still_members(session: AsyncSession, actor: Actor, match: Match) -> None:
    """Refuse to restart a match while the carer's or the buddy's membership is suspended (issue 10 §2)."""
    statuses = dict(
        (
            await session.execute(
                select(Membership.id, Membership.status).where(
                    Membership.id.in_([match.carer_membership_id, match.buddy_membership_id])
                )
            )
        ).all()
    )
    away = [
        whose
        for whose, membership_id in (
            ("the carer's", match.carer_membership_id),
            ("the buddy's", match.buddy_membership_id),
        )
        if statuses.get(membership_id) != MembershipStatus.ACTIVE
    ]
    if not away:
        return
    if policy.can_match(actor, match.organisation_id):
        which = " and ".join(away).capitalize()
        raise Conflict(
            f"{which} {'memberships aren' if len(away) > 1 else 'membership isn'}'t active, so this match "
            "can't restart. Reactivate the membership first."
        )
    # The carer or the buddy is not told why the other is away (that is theirs and the coordinators').
    raise Conflict("This match can't restart just now. Your coordinator will be in touch.")


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
    """End an active or paused match with a reason; the carer or buddy ending it may add feedback.

    Every ending goes through here, whoever asks, so each is handled the same way (issue 10 §3): the
    carer ending it may say whether they'd like another buddy (else they are asked on their home, and
    the reason decides meanwhile), both people are told, and open asks for a break or a change close.
    """
    match = await _locked(session, actor, organisation_id, match_id)
    if not policy.can_pause_or_end(actor, match):
        raise NotAllowed("You can't end this match.")
    if match.status == MatchStatus.PROPOSED:
        raise Conflict(
            "This match hasn't started: it can be declined, or withdrawn by a coordinator, not ended."
        )
    _must_be(match, [MatchStatus.ACTIVE, MatchStatus.PAUSED], "ended")
    party = policy.party_of(actor, match)
    if wants_rematch is not None and party != "carer":
        raise Invalid("Only the carer can say whether they'd like another buddy.", field="wants_rematch")
    before = match.status
    match.end_reason = reason
    match.close_note = note.strip() or None
    if party is not None and feedback.strip():
        setattr(match, f"{party}_feedback", feedback.strip())
    if wants_rematch is not None:
        match.wants_rematch = wants_rematch
        match.wants_rematch_at = now
    await _close(session, match, actor=actor, status=MatchStatus.ENDED, now=now)
    await _record(session, match, actor=actor, event="ended", before=before, now=now)
    await _handle_ending(session, match, now=now)
    return match


async def _handle_ending(session: AsyncSession, match: Match, *, now: datetime) -> None:
    """Tell both people, kindly, and close what was asked about this match (it has been dealt with)."""
    for request in await session.scalars(
        select(ChangeRequest).where(ChangeRequest.match_id == match.id, ChangeRequest.resolved_at.is_(None))
    ):
        request.resolved_at = now
        request.resolution_note = "The match ended."
    names = await _first_names(session, match.carer_user_id, match.buddy_user_id)
    for person, role, other in (
        (match.carer_user_id, Role.CARER, match.buddy_user_id),
        (match.buddy_user_id, Role.BUDDY, match.carer_user_id),
    ):
        data: dict[str, object] = {"match_id": match.id, "other_name": names.get(other) or "your match"}
        if (why := ending_shown(match)) is not None:
            data["why"] = why
        # For the person in the role they had in this pair: a membership that has ended or is
        # suspended is sent nothing more (notify() decides that; issue 10 §2).
        await notifications.notify(
            session,
            user_id=person,
            kind=kinds.MatchEnded,
            data=data,
            dedupe_key=f"match_ended:{match.id}",
            now=now,
            organisation_id=match.organisation_id,
            role=role,
        )


async def give_feedback(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    match_id: uuid.UUID,
    feedback: str,
    now: datetime,
) -> Match:
    """Feedback on an ended match, once each from the carer and the buddy."""
    match = await _locked(session, actor, organisation_id, match_id)
    party = _party_or_refuse(actor, match, "give feedback on")
    _must_be(match, [MatchStatus.ENDED], "given feedback")
    if getattr(match, f"{party}_feedback"):
        raise Conflict("You've already given feedback on this match. Thank you.")
    setattr(match, f"{party}_feedback", feedback.strip())
    await audit.record(
        session,
        actor=actor,
        action="matching.match.feedback",
        now=now,
        organisation_id=organisation_id,
        object_type="match",
        object_id=match.id,
    )
    return match


# --- viewing matches -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Introduction:
    """A short introduction of one person to the other."""

    display_name: str
    lines: list[str]
    in_their_words: str


@dataclass(frozen=True, slots=True)
class MatchView:
    """A match as the person asking may see it."""

    match: Match
    viewer: str  # "coordinator", "carer" or "buddy"
    carer_name: str
    buddy_name: str
    introduction: Introduction | None
    # Coordinators get the whole explanation; the carer and the buddy only what is safe to say to both.
    explanation: Explanation | SharedExplanation | None
    events: list[MatchEvent] | None
    # Once ended: why, as far as it is said to both (coordinators read the reason itself).
    ending_words: str | None = None
    # The carer's or buddy's own asks for a break or a different buddy not yet dealt with.
    my_requests: list[ChangeKind] | None = None
    # The carer's answer to "another buddy?", for the carer and coordinators: the buddy isn't told
    # whether the carer wants someone new.
    wants_rematch: bool | None = None


def _join(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _introduce_buddy(screened: profiles.BuddyScreening) -> Introduction:
    p = screened.profile
    assert p is not None
    lines = []
    cared_for = _join([CARED_FOR_PHRASE[Relationship(r)] for r in p.relationships])
    if p.caring_status == CaringStatus.FORMER:
        lines.append(f"Has cared for {cared_for}, and is now a former carer")
    else:
        lines.append(f"Cares for {cared_for}")
    # Only with the buddy's health-data consent (empty without it).
    shown, shown_mental = screened.needs, screened.mental_health_needs
    needs = [NEED_PHRASE[Need(n)] for n in shown if n not in (Need.MENTAL_HEALTH, Need.OTHER)]
    needs += [MENTAL_HEALTH_PHRASE[MentalHealthNeed(m)] for m in shown_mental if m != MentalHealthNeed.OTHER]
    if Need.MENTAL_HEALTH in shown and not shown_mental:
        needs.append(NEED_PHRASE[Need.MENTAL_HEALTH])
    if needs:
        lines.append(f"Has experience of caring for someone with {_join(needs)}")
    lines.append(f"Has been caring for {p.years_caring} year{'s' if p.years_caring != 1 else ''}")
    lines.append(f"Speaks {_join([language_name(c) for c in p.languages])}")
    lines.append(
        f"Happy to keep in touch by {_join([CONTACT_PHRASE[ContactMode(m)] for m in p.contact_modes])}"
    )
    if p.availability:
        lines.append(f"Usually free on {describe_slots(p.availability)}")
    return Introduction(display_name=screened.display_name, lines=lines, in_their_words=p.about_me)


def _introduce_carer(view: profiles.CarerProfileView) -> Introduction:
    p = view.profile
    lines = [f"Cares for {_join([CARED_FOR_PHRASE[Relationship(r)] for r in p.relationships])}"]
    needs = [NEED_PHRASE[Need(n)] for n in view.needs if n not in (Need.MENTAL_HEALTH, Need.OTHER)]
    needs += [
        MENTAL_HEALTH_PHRASE[MentalHealthNeed(m)]
        for m in view.mental_health_needs
        if m != MentalHealthNeed.OTHER
    ]
    if Need.MENTAL_HEALTH in view.needs and not view.mental_health_needs:
        needs.append(NEED_PHRASE[Need.MENTAL_HEALTH])
    if needs:
        lines.append(f"The person they care for has {_join(needs)}")
    if p.under_18:
        lines.append("A young carer (under 18)")
    years = f"{p.years_caring} year{'s' if p.years_caring != 1 else ''}"
    lines.append(f"Caring: {JOURNEY_PHRASE[p.journey_stage]}, for {years}")
    lines.append(
        f"Cares {HOURS_PHRASE[p.hours_band]}, {'living with' if p.co_resident else 'not living with'} them"
    )
    if p.help_with:
        lines.append(f"Would like help with {_join([HELP_PHRASE[HelpWith(h)] for h in p.help_with])}")
    lines.append(f"Speaks {_join([language_name(c) for c in p.languages])}")
    if p.interpreter_needed:
        lines.append("Would like an interpreter")
    lines.append(
        f"Happy to keep in touch by {_join([CONTACT_PHRASE[ContactMode(m)] for m in p.contact_modes])}"
    )
    if p.availability:
        lines.append(f"Usually free on {describe_slots(p.availability)}")
    return Introduction(display_name=view.display_name, lines=lines, in_their_words=p.help_note)


async def _pair_profiles(
    session: AsyncSession, organisation: Organisation, match: Match, now: datetime
) -> tuple[profiles.CarerProfileView | None, profiles.BuddyScreening | None]:
    carers = await profiles.carer_profiles(
        session, organisation_id=organisation.id, membership_ids=[match.carer_membership_id]
    )
    buddy_name = await session.scalar(select(User.display_name).where(User.id == match.buddy_user_id)) or ""
    member = profiles.BuddyMember(id=match.buddy_membership_id, user_id=match.buddy_user_id)
    buddies = await profiles.screenings(
        session, organisation=organisation, memberships=[(member, buddy_name)], now=now
    )
    return (carers[0] if carers else None), (buddies[0] if buddies and buddies[0].profile else None)


async def view_match(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, match_id: uuid.UUID, now: datetime
) -> MatchView:
    """A match as the asker may see it; the carer's or buddy's first look records their introduction."""
    organisation = await organisations.get_organisation_or_raise(
        session, actor=actor, organisation_id=organisation_id
    )
    match = await get_match_or_raise(session, actor=actor, match_id=match_id, organisation_id=organisation_id)
    party = policy.party_of(actor, match)
    viewer = party or "coordinator"
    names = dict(
        (
            await session.execute(
                select(User.id, User.display_name).where(
                    User.id.in_([match.carer_user_id, match.buddy_user_id])
                )
            )
        ).all()
    )
    introduction: Introduction | None = None
    explanation: Explanation | SharedExplanation | None = None
    if party is None or match.is_open:
        carer_view, buddy = await _pair_profiles(session, organisation, match, now)
        if carer_view is not None and buddy is not None:
            explanation = explain(
                carer_facts(carer_view),
                buddy_facts(buddy),
                weights_of(organisation),
                slot=0,
                reader=party or "coordinator",
            )
            if party is not None:
                # The full explanation tells one person things about the other they haven't agreed to
                # share (the buddy's load, the carer's wishes, faith, area, every compromise).
                explanation = shared_explanation(explanation, needs_shared=carer_view.needs_shared)
            if party == "carer":
                introduction = _introduce_buddy(buddy)
            elif party == "buddy":
                introduction = _introduce_carer(carer_view)
    if (
        party is not None
        and match.status == MatchStatus.PROPOSED
        and getattr(match, f"{party}_introduced_at") is None
    ):
        setattr(match, f"{party}_introduced_at", now)
        session.add(_event(match, actor=actor, event=f"{party}_introduced", before=match.status, now=now))
    events = None
    if party is None:
        await audit.record(
            session,
            actor=actor,
            action="matching.match.viewed",
            now=now,
            organisation_id=organisation_id,
            object_type="match",
            object_id=match.id,
        )
        events = list(
            (
                await session.scalars(
                    select(MatchEvent).where(MatchEvent.match_id == match.id).order_by(MatchEvent.position)
                )
            ).all()
        )
    my_requests = None
    if party is not None and match.is_open:
        my_requests = list(
            await session.scalars(
                select(ChangeRequest.kind).where(
                    ChangeRequest.match_id == match.id,
                    ChangeRequest.asked_by == party,
                    ChangeRequest.resolved_at.is_(None),
                )
            )
        )
    return MatchView(
        match=match,
        viewer=viewer,
        carer_name=names.get(match.carer_user_id, ""),
        buddy_name=names.get(match.buddy_user_id, ""),
        introduction=introduction,
        explanation=explanation,
        events=events,
        ending_words=ending_words(match) if match.status == MatchStatus.ENDED else None,
        my_requests=my_requests,
        wants_rematch=match.wants_rematch if viewer != "buddy" else None,
    )


async def list_matches(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, status: MatchStatus | None = None
) -> list[tuple[Match, str, str]]:
    """Coordinators see every match of the organisation; carers and buddies their own. Newest first."""
    await organisations.get_organisation_or_raise(session, actor=actor, organisation_id=organisation_id)
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
        condition = mine[0] if len(mine) == 1 else mine[0] | mine[1]
        query = query.where(condition)
    if status is not None:
        query = query.where(Match.status == status)
    matches = (await session.scalars(query)).all()
    ids = {m.carer_user_id for m in matches} | {m.buddy_user_id for m in matches}
    names = (
        dict((await session.execute(select(User.id, User.display_name).where(User.id.in_(ids)))).all())
        if ids
        else {}
    )
    return [(m, names.get(m.carer_user_id, ""), names.get(m.buddy_user_id, "")) for m in matches]


# --- waiting-list drafts -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DraftView:
    """A draft with its pairs explained and the waiting carers it leaves unplaced."""

    draft: MatchDraft
    items: list[tuple[MatchDraftItem, str, uuid.UUID, str, uuid.UUID, Explanation | None]]
    unplaced: list[WaitingCarer]


def _plan(
    carers: list[CarerFacts], buddies: list[BuddyFacts], weights: Weights, context: Context
) -> tuple[list[tuple[int, int, float]], float]:
    """The optimal placements and the greedy total, computed off the event loop (CPU-bound)."""
    buddy_pool = pool(buddies, extra_languages=[code for c in carers for code in c.languages])
    carer_arrays = CarerArrays.build(carers, vocabulary=buddy_pool.vocabulary)
    best = optimal_assignment(carer_arrays, buddy_pool, weights, context)
    greedy = greedy_assignment(carer_arrays, buddy_pool, weights, context)
    return [(p.carer, p.buddy, p.score) for p in best.placements], greedy.total


async def create_draft(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, now: datetime
) -> DraftView:
    """Propose buddies for the whole waiting list at once: the best total over every allowed pair.

    A draft only: nobody is contacted until a coordinator confirms it (coordinators).
    """
    organisation = await _coordinator_organisation(session, actor, organisation_id)
    waiting = [
        w for w in await waiting_carers(session, organisation_id=organisation_id) if w.profile is not None
    ]
    screened = await _buddy_pool(session, organisation, now)
    carers = [carer_facts(w.profile) for w in waiting if w.profile is not None]
    buddies = [buddy_facts(s) for s in screened]
    weights = weights_of(organisation)
    placements, greedy_total = await asyncio.to_thread(
        _plan, carers, buddies, weights, await _context(session, organisation)
    )
    draft = MatchDraft(
        organisation_id=organisation_id,
        created_by_user_id=actor.user_id,
        status=DraftStatus.DRAFT,
        carers_considered=len(carers),
        buddies_considered=sum(1 for b in buddies if b.matchable),
        total_score=sum(value for _, _, value in placements),
        greedy_total=greedy_total,
        weights=msgspec.structs.asdict(profiles.settings_of(organisation).matching_weights),
    )
    draft.created_at = now
    session.add(draft)
    await session.flush()
    for carer_index, buddy_index, value in placements:
        session.add(
            MatchDraftItem(
                draft_id=draft.id,
                carer_membership_id=carers[carer_index].key,
                buddy_membership_id=buddies[buddy_index].key,
                score=value,
            )
        )
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="matching.draft.created",
        now=now,
        organisation_id=organisation_id,
        object_type="match_draft",
        object_id=draft.id,
        details={"pairs": len(placements), "carers": len(carers)},
    )
    log.info(
        "matching.draft.created",
        extra={"fields": {"draft_id": str(draft.id), "pairs": len(placements), "carers": len(carers)}},
    )
    return await _draft_view(session, organisation, draft, now)


async def _draft_view(
    session: AsyncSession, organisation: Organisation, draft: MatchDraft, now: datetime
) -> DraftView:
    items = list(
        (await session.scalars(select(MatchDraftItem).where(MatchDraftItem.draft_id == draft.id))).all()
    )
    carer_views = {
        v.profile.membership_id: v
        for v in await profiles.carer_profiles(
            session, organisation_id=organisation.id, membership_ids=[i.carer_membership_id for i in items]
        )
    }
    screened = (await _cached_pool(session, organisation, now)).screened
    weights = weights_of(organisation)
    slots: Counter[uuid.UUID] = Counter()
    shown = []
    for item in sorted(items, key=lambda i: (-i.score, i.id)):
        carer_view, buddy = carer_views.get(item.carer_membership_id), screened.get(item.buddy_membership_id)
        explanation = None
        if carer_view is not None and buddy is not None:
            explanation = explain(
                carer_facts(carer_view), buddy_facts(buddy), weights, slot=slots[item.buddy_membership_id]
            )
        slots[item.buddy_membership_id] += 1
        carer_name = carer_view.display_name if carer_view else ""
        carer_user = carer_view.profile.user_id if carer_view else uuid.UUID(int=0)
        buddy_name = buddy.display_name if buddy else ""
        buddy_user = buddy.membership.user_id if buddy else uuid.UUID(int=0)
        shown.append((item, carer_name, carer_user, buddy_name, buddy_user, explanation))
    shown.sort(key=lambda row: (row[1], row[0].id))
    placed = {i.carer_membership_id for i in items}
    unplaced = (
        [
            w
            for w in await waiting_carers(session, organisation_id=organisation.id)
            if w.membership.id not in placed
        ]
        if draft.status == DraftStatus.DRAFT
        else []
    )
    return DraftView(draft=draft, items=shown, unplaced=unplaced)


async def _open_draft(
    session: AsyncSession,
    actor: Actor,
    organisation_id: uuid.UUID,
    draft_id: uuid.UUID,
    *,
    lock: bool = False,
) -> tuple[Organisation, MatchDraft]:
    organisation = await _coordinator_organisation(session, actor, organisation_id)
    query = select(MatchDraft).where(MatchDraft.id == draft_id)
    if lock:
        await session.flush()
        query = query.with_for_update().execution_options(populate_existing=True)
    draft = await session.scalar(query)
    if draft is None or draft.organisation_id != organisation_id:
        raise NotFound("No such draft.")
    return organisation, draft


def _editable(draft: MatchDraft) -> None:
    if draft.status != DraftStatus.DRAFT:
        raise Conflict(f"This draft was {draft.status.value} and can't be changed.")


async def get_draft(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, draft_id: uuid.UUID, now: datetime
) -> DraftView:
    """A draft with its pairs explained (coordinators; the read is audited)."""
    organisation, draft = await _open_draft(session, actor, organisation_id, draft_id)
    await audit.record(
        session,
        actor=actor,
        action="matching.draft.viewed",
        now=now,
        organisation_id=organisation_id,
        object_type="match_draft",
        object_id=draft.id,
    )
    return await _draft_view(session, organisation, draft, now)


async def put_draft_item(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    draft_id: uuid.UUID,
    carer_membership_id: uuid.UUID,
    buddy_membership_id: uuid.UUID,
    note: str,
    now: datetime,
) -> DraftView:
    """Add a pair to a draft, or give a carer already in it another buddy (coordinators)."""
    organisation, draft = await _open_draft(session, actor, organisation_id, draft_id, lock=True)
    _editable(draft)
    items = list(
        (await session.scalars(select(MatchDraftItem).where(MatchDraftItem.draft_id == draft.id))).all()
    )
    others = [i for i in items if i.carer_membership_id != carer_membership_id]
    already = sum(1 for i in others if i.buddy_membership_id == buddy_membership_id)
    checker = await _Checker.load(session, organisation, [carer_membership_id], now)
    _, value = checker.check(carer_membership_id, buddy_membership_id, extra_load=already)
    for item in items:
        if item.carer_membership_id == carer_membership_id:
            await session.delete(item)
    await session.flush()
    session.add(
        MatchDraftItem(
            draft_id=draft.id,
            carer_membership_id=carer_membership_id,
            buddy_membership_id=buddy_membership_id,
            score=value,
            note=note.strip(),
            added_by_hand=True,
        )
    )
    await session.flush()
    return await _draft_view(session, organisation, draft, now)


async def update_draft_item(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    draft_id: uuid.UUID,
    item_id: uuid.UUID,
    note: str,
    now: datetime,
) -> DraftView:
    """Change the note a proposed pair will carry (coordinators)."""
    organisation, draft = await _open_draft(session, actor, organisation_id, draft_id, lock=True)
    _editable(draft)
    item = await session.get(MatchDraftItem, item_id)
    if item is None or item.draft_id != draft.id:
        raise NotFound("No such pair in this draft.")
    item.note = note.strip()
    return await _draft_view(session, organisation, draft, now)


async def remove_draft_item(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    draft_id: uuid.UUID,
    item_id: uuid.UUID,
    now: datetime,
) -> DraftView:
    """Take a pair out of a draft (coordinators)."""
    organisation, draft = await _open_draft(session, actor, organisation_id, draft_id, lock=True)
    _editable(draft)
    item = await session.get(MatchDraftItem, item_id)
    if item is None or item.draft_id != draft.id:
        raise NotFound("No such pair in this draft.")
    await session.delete(item)
    await session.flush()
    return await _draft_view(session, organisation, draft, now)


async def discard_draft(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, draft_id: uuid.UUID, now: datetime
) -> DraftView:
    """Throw a draft away; nobody was told about it (coordinators)."""
    organisation, draft = await _open_draft(session, actor, organisation_id, draft_id, lock=True)
    _editable(draft)
    draft.status = DraftStatus.DISCARDED
    draft.decided_at = now
    draft.decided_by_user_id = actor.user_id
    await audit.record(
        session,
        actor=actor,
        action="matching.draft.discarded",
        now=now,
        organisation_id=organisation_id,
        object_type="match_draft",
        object_id=draft.id,
    )
    return await _draft_view(session, organisation, draft, now)


async def confirm_draft(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, draft_id: uuid.UUID, now: datetime
) -> list[Match]:
    """Propose every pair of a draft at once: all of them, or none (coordinators).

    Each pair is checked again (people's situations change); if any no longer fits, nothing is
    proposed and the answer names the pairs to change.
    """
    organisation, draft = await _open_draft(session, actor, organisation_id, draft_id, lock=True)
    _editable(draft)
    if now - draft.created_at > DRAFT_LIFETIME:
        raise Conflict("This draft is more than a week old and situations change: please make a new one.")
    items = list(
        (await session.scalars(select(MatchDraftItem).where(MatchDraftItem.draft_id == draft.id))).all()
    )
    if not items:
        raise Conflict("This draft has no pairs to propose.")
    checked: list[tuple[MatchDraftItem, _Candidate, float]] = []
    problems: list[str] = []
    per_buddy: Counter[uuid.UUID] = Counter()
    checker = await _Checker.load(session, organisation, [i.carer_membership_id for i in items], now)
    # Buddies in a fixed order: concurrent confirmations lock the same rows in the same order.
    for item in sorted(items, key=lambda i: (str(i.buddy_membership_id), str(i.carer_membership_id))):
        try:
            candidate, value = checker.check(
                item.carer_membership_id,
                item.buddy_membership_id,
                extra_load=per_buddy[item.buddy_membership_id],
            )
        except (Conflict, NotFound) as problem:
            problems.append(problem.detail)
            continue
        per_buddy[item.buddy_membership_id] += 1
        checked.append((item, candidate, value))
    if problems:
        shown = "; ".join(problems[:5]) + ("; …" if len(problems) > 5 else "")
        raise Conflict(f"{len(problems)} pair(s) can't be proposed any more, so none were: {shown}")
    matches = [
        await _propose(
            session,
            actor=actor,
            organisation=organisation,
            candidate=candidate,
            value=value,
            note=item.note,
            now=now,
            draft_id=draft.id,
        )
        for item, candidate, value in checked
    ]
    draft.status = DraftStatus.CONFIRMED
    draft.decided_at = now
    draft.decided_by_user_id = actor.user_id
    await audit.record(
        session,
        actor=actor,
        action="matching.draft.confirmed",
        now=now,
        organisation_id=organisation_id,
        object_type="match_draft",
        object_id=draft.id,
        details={"pairs": len(matches)},
    )
    return matches


# --- after an ending, and asking for a break or a change (issue 10 §3) ----------------------------


async def answer_rematch(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    match_id: uuid.UUID,
    wants_rematch: bool,
    now: datetime,
) -> Match:
    """The carer says whether they'd like another buddy after their match ended; the waiting list follows.

    Yes puts them back on the waiting list in the place they had when they first joined; they can
    change their mind while they have no other match.
    """
    match = await _locked(session, actor, organisation_id, match_id)
    if _party_or_refuse(actor, match, "answer for") != "carer":
        raise NotAllowed("Only the carer can say whether they'd like another buddy.")
    _must_be(match, [MatchStatus.ENDED], "answered for")
    latest = (await _last_endings(session, [match.carer_membership_id])).get(match.carer_membership_id)
    if latest is None or latest.id != match.id:
        raise Conflict("You've had a match since this one, so this question no longer applies.")
    open_match = await session.scalar(
        select(Match.id).where(
            Match.carer_membership_id == match.carer_membership_id, Match.status.in_(OPEN_STATUSES)
        )
    )
    if open_match is not None:
        raise Conflict("You already have a proposed, active or paused match.")
    if match.wants_rematch != wants_rematch:
        match.wants_rematch = wants_rematch
        match.wants_rematch_at = now
        await audit.record(
            session,
            actor=actor,
            action="matching.match.rematch_answered",
            now=now,
            organisation_id=organisation_id,
            object_type="match",
            object_id=match.id,
            details={"wants_rematch": wants_rematch},
        )
    return match


async def ask_for_change(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    match_id: uuid.UUID,
    kind: ChangeKind,
    now: datetime,
) -> ChangeRequest:
    """The carer or the buddy asks for a break or a different buddy; it goes on the coordinators' list.

    Nothing changes for the pair until a coordinator arranges it (ending stays open to either at once).
    Asking again while the same ask is open changes nothing.
    """
    match = await _locked(session, actor, organisation_id, match_id)
    party = _party_or_refuse(actor, match, "ask about")
    if kind == ChangeKind.BREAK:
        _must_be(match, [MatchStatus.ACTIVE], "given a break")
    else:
        _must_be(match, [MatchStatus.ACTIVE, MatchStatus.PAUSED], "changed")
    existing = await session.scalar(
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
        asked_by_user_id=actor.user_id,
        asked_by=party,
        asked_at=now,
    )
    session.add(request)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="matching.change.asked",
        now=now,
        organisation_id=organisation_id,
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


async def open_change_requests(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, limit: int = 500
) -> list[ChangeRequestItem]:
    """Asks not yet dealt with, oldest first, for the coordinators' attention list (coordinators only)."""
    if not policy.can_match(actor, organisation_id):
        raise actor.refusal(organisation_id, "Only coordinators see this.")
    rows = (
        await session.execute(
            select(ChangeRequest, Match)
            .join(Match, Match.id == ChangeRequest.match_id)
            .where(ChangeRequest.organisation_id == organisation_id, ChangeRequest.resolved_at.is_(None))
            .order_by(ChangeRequest.asked_at, ChangeRequest.id)
            .limit(limit)
        )
    ).all()
    people = {m.carer_user_id for _, m in rows} | {m.buddy_user_id for _, m in rows}
    names = (
        dict((await session.execute(select(User.id, User.display_name).where(User.id.in_(people)))).all())
        if people
        else {}
    )
    return [
        ChangeRequestItem(r, m, names.get(m.carer_user_id, ""), names.get(m.buddy_user_id, ""))
        for r, m in rows
    ]


async def resolve_change_request(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    request_id: uuid.UUID,
    note: str,
    now: datetime,
) -> ChangeRequest | None:
    """A coordinator marks an ask dealt with, saying what was arranged; ``None`` if there is no such ask."""
    await _coordinator_organisation(session, actor, organisation_id)
    request = await session.get(ChangeRequest, request_id)
    if request is None or request.organisation_id != organisation_id:
        return None
    if request.resolved_at is not None:
        raise Conflict("Another coordinator has already dealt with this.")
    request.resolved_at = now
    request.resolved_by_user_id = actor.user_id
    request.resolution_note = note.strip() or None
    await audit.record(
        session,
        actor=actor,
        action="matching.change.resolved",
        now=now,
        organisation_id=organisation_id,
        object_type="match",
        object_id=request.match_id,
        details={"kind": request.kind.value},
    )
    return request
