"""Waiting-list drafts: the best total over every allowed pair for everyone waiting, to confirm or discard.

A draft contacts nobody; confirming proposes all of its pairs at once, or none if any no longer fits.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

import msgspec
from sqlalchemy import select

from carerlink.errors import Conflict, NotFound
from carerlink.i18n import _, ngettext
from carerlink.matching.assignment import greedy_assignment, optimal_assignment
from carerlink.matching.models import DraftStatus, MatchDraft, MatchDraftItem
from carerlink.matching.scoring import BuddyFacts, CarerFacts, Context, Explanation, Weights, explain
from carerlink.matching.service._common import coordinator, log
from carerlink.matching.service.facts import (
    buddy_facts,
    buddy_pool,
    cached_pool,
    carer_facts,
    context,
    weights_of,
)
from carerlink.matching.service.proposing import Candidate, Checker, propose_candidate
from carerlink.matching.service.views import MatchSummary, Person, summaries
from carerlink.matching.service.waiting import WaitingCarer, waiting_carers
from carerlink.matching.vectors import CarerArrays, pool, rules_for_pairs
from carerlink.organisations.scope import Scope
from carerlink.profiles import service as profiles

DRAFT_LIFETIME = timedelta(days=7)
NOBODY = uuid.UUID(int=0)


@dataclass(frozen=True, slots=True)
class DraftPair:
    """One pair of a draft, with the explanation coordinators review (none once a person has gone)."""

    item: MatchDraftItem
    carer: Person
    buddy: Person
    explanation: Explanation | None


@dataclass(frozen=True, slots=True)
class DraftView:
    """A draft with its pairs explained and the waiting carers it leaves unplaced."""

    draft: MatchDraft
    items: list[DraftPair]
    unplaced: list[WaitingCarer]


def _plan(
    carers: list[CarerFacts], buddies: list[BuddyFacts], weights: Weights, history: Context
) -> tuple[list[tuple[int, int, float]], float]:
    """The optimal placements and the greedy total, computed off the event loop (CPU-bound)."""
    buddy_pool_arrays = pool(buddies, extra_languages=[code for c in carers for code in c.languages])
    carer_arrays = CarerArrays.build(carers, vocabulary=buddy_pool_arrays.vocabulary)
    best = optimal_assignment(carer_arrays, buddy_pool_arrays, weights, history)
    greedy = greedy_assignment(carer_arrays, buddy_pool_arrays, weights, history)
    return [(p.carer, p.buddy, p.score) for p in best.placements], greedy.total


async def create_draft(scope: Scope) -> DraftView:
    """Propose buddies for the whole waiting list at once: the best total over every allowed pair.

    A draft only: nobody is contacted until a coordinator confirms it (coordinators).
    """
    coordinator(scope)
    waiting = [
        w
        for w in await waiting_carers(scope.session, organisation_id=scope.organisation_id)
        if w.profile is not None and w.joined  # not yet joined: not matchable (issue 16)
    ]
    screened = await buddy_pool(scope)
    carers = [carer_facts(w.profile) for w in waiting if w.profile is not None]
    buddies = [buddy_facts(s) for s in screened]
    placements, greedy_total = await asyncio.to_thread(
        _plan, carers, buddies, weights_of(scope), await context(scope)
    )
    draft = MatchDraft(
        organisation_id=scope.organisation_id,
        created_by_user_id=scope.actor.user_id,
        status=DraftStatus.DRAFT,
        carers_considered=len(carers),
        buddies_considered=sum(1 for b in buddies if b.matchable),
        total_score=sum(value for _, _, value in placements),
        greedy_total=greedy_total,
        weights=msgspec.structs.asdict(scope.settings.matching_weights),
    )
    draft.created_at = scope.now
    scope.session.add(draft)
    await scope.session.flush()
    for carer_index, buddy_index, value in placements:
        scope.session.add(
            MatchDraftItem(
                draft_id=draft.id,
                carer_membership_id=carers[carer_index].key,
                buddy_membership_id=buddies[buddy_index].key,
                score=value,
            )
        )
    await scope.session.flush()
    await scope.audit(
        "matching.draft.created",
        object_type="match_draft",
        object_id=draft.id,
        details={"pairs": len(placements), "carers": len(carers)},
    )
    log.info(
        "matching.draft.created",
        extra={"fields": {"draft_id": str(draft.id), "pairs": len(placements), "carers": len(carers)}},
    )
    return await _draft_view(scope, draft, screened={s.membership.id: s for s in screened})


async def _items(scope: Scope, draft: MatchDraft) -> list[MatchDraftItem]:
    found = await scope.session.scalars(select(MatchDraftItem).where(MatchDraftItem.draft_id == draft.id))
    return list(found.all())


async def _draft_view(
    scope: Scope, draft: MatchDraft, *, screened: Mapping[uuid.UUID, profiles.BuddyScreening] | None = None
) -> DraftView:
    """The draft explained; the buddies come from the organisation's pool (as it is read for drafting)."""
    items = await _items(scope, draft)
    carer_views = {
        v.profile.membership_id: v
        for v in await profiles.carer_profiles(
            scope.session,
            organisation_id=scope.organisation_id,
            membership_ids=[i.carer_membership_id for i in items],
        )
    }
    if screened is None:
        screened = (await cached_pool(scope)).screened
    weights = weights_of(scope)
    slots: Counter[uuid.UUID] = Counter()
    ordered: list[
        tuple[MatchDraftItem, profiles.CarerProfileView | None, profiles.BuddyScreening | None, int]
    ] = []
    for item in sorted(items, key=lambda i: (-i.score, i.id)):
        view, buddy = carer_views.get(item.carer_membership_id), screened.get(item.buddy_membership_id)
        ordered.append((item, view, buddy, slots[item.buddy_membership_id]))
        slots[item.buddy_membership_id] += 1
    # Every pair's values in one call of the rules (a draft can hold the whole waiting list).
    explained = [
        (carer_facts(view), buddy_facts(buddy), slot)
        for _, view, buddy, slot in ordered
        if view is not None and buddy is not None
    ]
    rules = iter(
        rules_for_pairs(
            [c for c, _, _ in explained], [b for _, b, _ in explained], slots=[k for _, _, k in explained]
        )
    )
    facts = iter(explained)
    shown = []
    for item, carer_view, buddy, slot in ordered:
        explanation = None
        if carer_view is not None and buddy is not None:
            facts_c, facts_b, _ = next(facts)
            explanation = explain(facts_c, facts_b, weights, slot=slot, rules=next(rules))
        carer = Person(
            item.carer_membership_id,
            carer_view.profile.user_id if carer_view else NOBODY,
            carer_view.display_name if carer_view else "",
        )
        buddy_person = Person(
            item.buddy_membership_id,
            buddy.membership.user_id if buddy else NOBODY,
            buddy.display_name if buddy else "",
        )
        shown.append(DraftPair(item=item, carer=carer, buddy=buddy_person, explanation=explanation))
    shown.sort(key=lambda pair: (pair.carer.display_name, pair.item.id))
    placed = {i.carer_membership_id for i in items}
    unplaced = (
        [
            w
            for w in await waiting_carers(scope.session, organisation_id=scope.organisation_id)
            if w.membership.id not in placed
        ]
        if draft.status == DraftStatus.DRAFT
        else []
    )
    return DraftView(draft=draft, items=shown, unplaced=unplaced)


async def _open_draft(scope: Scope, draft_id: uuid.UUID, *, lock: bool = False) -> MatchDraft:
    coordinator(scope)
    query = select(MatchDraft).where(MatchDraft.id == draft_id)
    if lock:
        await scope.session.flush()
        query = query.with_for_update().execution_options(populate_existing=True)
    draft = await scope.session.scalar(query)
    if draft is None or draft.organisation_id != scope.organisation_id:
        raise NotFound(_("No such draft."))
    return draft


async def _editable(scope: Scope, draft_id: uuid.UUID) -> MatchDraft:
    draft = await _open_draft(scope, draft_id, lock=True)
    if draft.status != DraftStatus.DRAFT:
        if draft.status == DraftStatus.CONFIRMED:
            raise Conflict(_("This draft was confirmed and can't be changed."))
        if draft.status == DraftStatus.DISCARDED:
            raise Conflict(_("This draft was discarded and can't be changed."))
        raise Conflict(_("This draft was {value} and can't be changed.").format(value=draft.status.value))
    return draft


async def get_draft(scope: Scope, *, draft_id: uuid.UUID) -> DraftView:
    """A draft with its pairs explained (coordinators; the read is audited)."""
    draft = await _open_draft(scope, draft_id)
    await scope.audit("matching.draft.viewed", object_type="match_draft", object_id=draft.id)
    return await _draft_view(scope, draft)


async def put_draft_item(
    scope: Scope,
    *,
    draft_id: uuid.UUID,
    carer_membership_id: uuid.UUID,
    buddy_membership_id: uuid.UUID,
    note: str,
) -> DraftView:
    """Add a pair to a draft, or give a carer already in it another buddy (coordinators).

    Only this pair is checked, so only this buddy is screened.
    """
    draft = await _editable(scope, draft_id)
    items = await _items(scope, draft)
    others = [i for i in items if i.carer_membership_id != carer_membership_id]
    already = sum(1 for i in others if i.buddy_membership_id == buddy_membership_id)
    checker = await Checker.load(scope, carer_ids=[carer_membership_id], buddy_ids=[buddy_membership_id])
    _, value = checker.check(carer_membership_id, buddy_membership_id, extra_load=already)
    for item in items:
        if item.carer_membership_id == carer_membership_id:
            await scope.session.delete(item)
    await scope.session.flush()
    scope.session.add(
        MatchDraftItem(
            draft_id=draft.id,
            carer_membership_id=carer_membership_id,
            buddy_membership_id=buddy_membership_id,
            score=value,
            note=note.strip(),
            added_by_hand=True,
        )
    )
    await scope.session.flush()
    return await _draft_view(scope, draft)


async def _item(scope: Scope, draft: MatchDraft, item_id: uuid.UUID) -> MatchDraftItem:
    item = await scope.session.get(MatchDraftItem, item_id)
    if item is None or item.draft_id != draft.id:
        raise NotFound(_("No such pair in this draft."))
    return item


async def update_draft_item(scope: Scope, *, draft_id: uuid.UUID, item_id: uuid.UUID, note: str) -> DraftView:
    """Change the note a proposed pair will carry (coordinators)."""
    draft = await _editable(scope, draft_id)
    item = await _item(scope, draft, item_id)
    item.note = note.strip()
    return await _draft_view(scope, draft)


async def remove_draft_item(scope: Scope, *, draft_id: uuid.UUID, item_id: uuid.UUID) -> DraftView:
    """Take a pair out of a draft (coordinators)."""
    draft = await _editable(scope, draft_id)
    await scope.session.delete(await _item(scope, draft, item_id))
    await scope.session.flush()
    return await _draft_view(scope, draft)


async def discard_draft(scope: Scope, *, draft_id: uuid.UUID) -> DraftView:
    """Throw a draft away; nobody was told about it (coordinators)."""
    draft = await _editable(scope, draft_id)
    draft.status = DraftStatus.DISCARDED
    draft.decided_at = scope.now
    draft.decided_by_user_id = scope.actor.user_id
    await scope.audit("matching.draft.discarded", object_type="match_draft", object_id=draft.id)
    return await _draft_view(scope, draft)


async def confirm_draft(scope: Scope, *, draft_id: uuid.UUID) -> list[MatchSummary]:
    """Propose every pair of a draft at once: all of them, or none (coordinators).

    Each pair is checked again (people's situations change); if any no longer fits, nothing is
    proposed and the answer names the pairs to change.
    """
    draft = await _editable(scope, draft_id)
    if scope.now - draft.created_at > DRAFT_LIFETIME:
        raise Conflict(_("This draft is more than a week old and situations change: please make a new one."))
    items = await _items(scope, draft)
    if not items:
        raise Conflict(_("This draft has no pairs to propose."))
    checked: list[tuple[MatchDraftItem, Candidate, float]] = []
    problems: list[str] = []
    per_buddy: Counter[uuid.UUID] = Counter()
    checker = await Checker.load(
        scope,
        carer_ids=[i.carer_membership_id for i in items],
        buddy_ids=[i.buddy_membership_id for i in items],
    )
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
        raise Conflict(
            ngettext(
                "{count} pair(s) can't be proposed any more, so none were: {shown}",
                "{count} pair(s) can't be proposed any more, so none were: {shown}",
                len(problems),
            ).format(count=len(problems), shown=shown)
        )
    matches = [
        await propose_candidate(scope, candidate=candidate, value=value, note=item.note, draft_id=draft.id)
        for item, candidate, value in checked
    ]
    draft.status = DraftStatus.CONFIRMED
    draft.decided_at = scope.now
    draft.decided_by_user_id = scope.actor.user_id
    await scope.audit(
        "matching.draft.confirmed",
        object_type="match_draft",
        object_id=draft.id,
        details={"pairs": len(matches)},
    )
    return await summaries(scope, matches)
