"""HTTP routes of matching: the waiting list, suggestions, weights, matches and waiting-list drafts.

Each handler parses, makes one service call with the request's organisation scope and turns the read
object it gets back into a schema; what each viewer may see is decided in the service.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from litestar import Controller, delete, get, patch, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from carerlink.accounts.schemas import phone_read
from carerlink.matching import memberships, service
from carerlink.matching.models import Match, MatchStatus
from carerlink.matching.schemas import (
    ChangeRequestCreate,
    ChangeRequestRead,
    DeclineRequest,
    DraftConfirmed,
    DraftItemCreate,
    DraftItemRead,
    DraftItemUpdate,
    DraftRead,
    EndRequest,
    ExplanationPointRead,
    ExplanationRead,
    FeedbackRequest,
    IntroductionRead,
    KeptApartRead,
    LastEndingRead,
    MatchCreate,
    MatchEventRead,
    MatchRead,
    MatchSummaryRead,
    MyWaitingRead,
    PersonRead,
    PhoneSharing,
    RematchAnswer,
    SuggestionRead,
    SuggestionsRead,
    WaitingCarerRead,
    WithdrawRequest,
)
from carerlink.matching.scoring import Explanation, SharedExplanation
from carerlink.organisations.controller import member_read
from carerlink.organisations.models import MembershipStatus
from carerlink.organisations.schemas import MatchingWeights, MemberRead, MembershipStatusUpdate
from carerlink.organisations.scope import Scope


def explanation_read(explanation: Explanation | SharedExplanation) -> ExplanationRead:
    """An explanation as the API shows it (the carer's and the buddy's share has no score or compromises)."""
    if isinstance(explanation, SharedExplanation):
        return ExplanationRead(
            score=None,
            summary=explanation.summary,
            reasons=[ExplanationPointRead(factor=p.factor.value, text=p.text) for p in explanation.reasons],
            compromises=[],
        )
    return ExplanationRead(
        score=round(explanation.score),
        summary=explanation.summary,
        reasons=[ExplanationPointRead(factor=p.factor.value, text=p.text) for p in explanation.reasons],
        compromises=[
            ExplanationPointRead(factor=p.factor.value, text=p.text) for p in explanation.compromises
        ],
    )


def _person(person: service.Person) -> PersonRead:
    return PersonRead(
        membership_id=person.membership_id,
        user_id=person.user_id,
        display_name=person.display_name,
        phone=phone_read(person.phone),
        shares_phone=person.shares_phone,
    )


def summary_read(summary: service.MatchSummary) -> MatchSummaryRead:
    """A match in a list (with the asker's own answer when they are its carer or buddy)."""
    return MatchSummaryRead(
        id=summary.id,
        status=summary.status,
        carer=_person(summary.carer),
        buddy=_person(summary.buddy),
        proposed_at=summary.proposed_at,
        activated_at=summary.activated_at,
        closed_at=summary.closed_at,
        my_decision=summary.my_decision,
        my_feedback_given=summary.my_feedback_given,
        unread_messages=summary.unread_messages,
    )


def match_read(view: service.MatchView) -> MatchRead:
    """A match as the service decided this viewer may see it."""
    intro, own, details = view.introduction, view.own, view.details
    return MatchRead(
        id=view.id,
        organisation_id=view.organisation_id,
        status=view.status,
        viewer=view.viewer,
        carer=_person(view.carer),
        buddy=_person(view.buddy),
        proposed_at=view.proposed_at,
        activated_at=view.activated_at,
        paused_at=view.paused_at,
        closed_at=view.closed_at,
        on_hold=view.on_hold,
        introduction=IntroductionRead(
            display_name=intro.display_name, lines=intro.lines, in_their_words=intro.in_their_words
        )
        if intro
        else None,
        explanation=explanation_read(view.explanation) if view.explanation else None,
        ending_words=view.ending_words,
        wants_rematch=view.wants_rematch,
        my_decision=own.decision if own else None,
        my_feedback=own.feedback if own else None,
        my_requests=own.requests if own else None,
        score=round(details.score) if details else None,
        note=details.note if details else None,
        carer_decision=details.carer_decision if details else None,
        buddy_decision=details.buddy_decision if details else None,
        carer_decline_reason=details.carer_decline_reason if details else None,
        buddy_decline_reason=details.buddy_decline_reason if details else None,
        end_reason=details.end_reason if details else None,
        close_note=details.close_note if details else None,
        carer_feedback=details.carer_feedback if details else None,
        buddy_feedback=details.buddy_feedback if details else None,
        events=[
            MatchEventRead(
                at=e.at,
                event=e.event,
                from_status=e.from_status,
                to_status=e.to_status,
                actor_user_id=e.actor_user_id,
            )
            for e in details.events
        ]
        if details
        else None,
        unread_messages=view.unread_messages,
    )


async def _read(org_scope: Scope, match: Match) -> MatchRead:
    """The match a step left, as the person who took it now sees it."""
    return match_read(await service.view(org_scope, match_id=match.id))


def draft_read(view: service.DraftView) -> DraftRead:
    """A draft as coordinators review it."""
    d = view.draft
    return DraftRead(
        id=d.id,
        status=d.status,
        created_at=d.created_at,
        carers_considered=d.carers_considered,
        buddies_considered=d.buddies_considered,
        total_score=round(d.total_score, 1),
        greedy_total=round(d.greedy_total, 1),
        items=[
            DraftItemRead(
                id=pair.item.id,
                carer=_person(pair.carer),
                buddy=_person(pair.buddy),
                score=round(pair.item.score),
                note=pair.item.note,
                added_by_hand=pair.item.added_by_hand,
                explanation=explanation_read(pair.explanation)
                if pair.explanation
                else ExplanationRead(score=round(pair.item.score), summary="", reasons=[], compromises=[]),
            )
            for pair in view.items
        ],
        unplaced=[
            PersonRead(
                membership_id=w.membership.id, user_id=w.membership.user_id, display_name=w.display_name
            )
            for w in view.unplaced
        ],
    )


class WaitingListController(Controller):
    """The waiting list (coordinators), my place on it (carers), suggestions and matching weights."""

    path = "/api/v1/orgs/{org:str}"
    tags = ["Matching"]

    @get(
        "/waiting-list", operation_id="listWaitingCarers", summary="Carers waiting for a buddy (coordinators)"
    )
    async def waiting_list(self, org_scope: NamedDependency[Scope]) -> list[WaitingCarerRead]:
        """Longest waiting first; the read is audited."""
        return [
            WaitingCarerRead(
                carer=PersonRead(
                    membership_id=w.membership.id, user_id=w.membership.user_id, display_name=w.display_name
                ),
                waiting_since=w.waiting_since,
                waiting_days=w.waiting_days(org_scope.now),
                has_profile=w.profile is not None,
                under_18=bool(w.profile and w.profile.profile.under_18),
                interpreter_needed=bool(w.profile and w.profile.profile.interpreter_needed),
                earlier_proposals=w.earlier_proposals,
                joined=w.joined,
            )
            for w in await service.list_waiting(org_scope)
        ]

    @get("/me/waiting", operation_id="getMyWaitingStatus", summary="Am I on the waiting list, and what next")
    async def my_waiting(self, org_scope: NamedDependency[Scope]) -> MyWaitingRead:
        """For carers: waiting, being introduced, matched or paused, in plain words."""
        status = await service.my_waiting(org_scope)
        last = status.last_ending
        return MyWaitingRead(
            state=status.state,  # type: ignore[arg-type]
            on_waiting_list=status.on_waiting_list,
            waiting_since=status.waiting_since,
            waiting_days=status.waiting_days,
            next_steps=status.next_steps,
            match_id=status.match_id,
            last_ending=LastEndingRead(
                match_id=last.match_id,
                buddy_name=last.buddy_name,
                ended_at=last.ended_at,
                ending_words=last.words,
                wants_rematch=last.wants_rematch,
                feedback_given=last.feedback_given,
            )
            if last
            else None,
        )

    @get(
        "/carers/{membership_id:uuid}/suggestions",
        operation_id="suggestBuddies",
        summary="The best buddies for a carer, explained (coordinators)",
    )
    async def suggestions(
        self,
        org_scope: NamedDependency[Scope],
        membership_id: FromPath[uuid.UUID],
        limit: Annotated[int, QueryParameter(ge=1, le=service.MAX_SUGGESTIONS)] = 5,
    ) -> SuggestionsRead:
        """Only buddies who can be matched and whom no hard rule excludes; the read is audited."""
        found = await service.suggest_buddies(org_scope, carer_membership_id=membership_id, limit=limit)
        return SuggestionsRead(
            carer=PersonRead(
                membership_id=found.carer.id, user_id=found.carer.user_id, display_name=found.carer_name
            ),
            on_hold=found.on_hold,
            suggestions=[
                SuggestionRead(
                    buddy=PersonRead(
                        membership_id=b.membership.id,
                        user_id=b.membership.user_id,
                        display_name=b.display_name,
                    ),
                    score=round(explanation.score),
                    places_taken=b.profile.places_taken if b.profile else 0,
                    capacity=b.profile.capacity if b.profile else 0,
                    explanation=explanation_read(explanation),
                )
                for b, explanation in found.suggestions
            ],
            kept_apart=[
                KeptApartRead(
                    buddy=PersonRead(
                        membership_id=k.buddy_membership_id,
                        user_id=k.buddy_user_id,
                        display_name=k.buddy_name,
                    ),
                    reason=k.reason,
                )
                for k in found.kept_apart
            ],
        )

    @get("/matching/weights", operation_id="getMatchingWeights", summary="How much each factor counts")
    async def get_weights(self, org_scope: NamedDependency[Scope]) -> MatchingWeights:
        """0-10 per factor (coordinators)."""
        return await service.get_weights(org_scope)

    @put("/matching/weights", operation_id="setMatchingWeights", summary="Tune how much each factor counts")
    async def set_weights(
        self, org_scope: NamedDependency[Scope], data: JSONBody[MatchingWeights]
    ) -> MatchingWeights:
        """Every factor 0-10, at least one above 0 (coordinators)."""
        return await service.set_weights(org_scope, weights=data)


class MatchController(Controller):
    """Matches: proposed by a coordinator, accepted by both, paused, resumed and ended."""

    path = "/api/v1/orgs/{org:str}/matches"
    tags = ["Matching"]

    @post(
        "/", operation_id="proposeMatch", summary="Propose a carer and a buddy to each other (coordinators)"
    )
    async def propose(self, org_scope: NamedDependency[Scope], data: JSONBody[MatchCreate]) -> MatchRead:
        """Both are asked; nothing is live until both accept. 409 when a rule stands in the way."""
        match = await service.propose(
            org_scope,
            carer_membership_id=data.carer_membership_id,
            buddy_membership_id=data.buddy_membership_id,
            note=data.note,
        )
        return await _read(org_scope, match)

    @get("/", operation_id="listMatches", summary="Matches I may see")
    async def list_matches(
        self, org_scope: NamedDependency[Scope], status: FromQuery[MatchStatus | None] = None
    ) -> list[MatchSummaryRead]:
        """Coordinators: all of the organisation's; carers and buddies: their own. Newest first."""
        return [summary_read(m) for m in await service.list_matches(org_scope, status=status)]

    @get(
        "/{match_id:uuid}",
        operation_id="getMatch",
        summary="A match, with an introduction of the other person",
    )
    async def get_match(self, org_scope: NamedDependency[Scope], match_id: FromPath[uuid.UUID]) -> MatchRead:
        """The carer's or buddy's first look at a proposal records that they have been introduced."""
        return match_read(await service.view(org_scope, match_id=match_id))

    @post(
        "/{match_id:uuid}/accept",
        operation_id="acceptMatch",
        summary="Say yes to a proposed match",
        status_code=200,
    )
    async def accept(self, org_scope: NamedDependency[Scope], match_id: FromPath[uuid.UUID]) -> MatchRead:
        """The carer or the buddy, after reading the introduction; live once both have said yes."""
        return await _read(org_scope, await service.accept(org_scope, match_id=match_id))

    @post(
        "/{match_id:uuid}/decline",
        operation_id="declineMatch",
        summary="Say no to a proposed match",
        status_code=200,
    )
    async def decline(
        self, org_scope: NamedDependency[Scope], match_id: FromPath[uuid.UUID], data: JSONBody[DeclineRequest]
    ) -> MatchRead:
        """The pair is not proposed again; the reason is seen only by coordinators."""
        return await _read(org_scope, await service.decline(org_scope, match_id=match_id, reason=data.reason))

    @post(
        "/{match_id:uuid}/withdraw",
        operation_id="withdrawMatch",
        summary="Take back a proposal (coordinators)",
        status_code=200,
    )
    async def withdraw(
        self,
        org_scope: NamedDependency[Scope],
        match_id: FromPath[uuid.UUID],
        data: JSONBody[WithdrawRequest],
    ) -> MatchRead:
        """Only before it has gone live; the buddy's place is freed."""
        return await _read(
            org_scope, await service.withdraw(org_scope, match_id=match_id, reason=data.reason)
        )

    @post(
        "/{match_id:uuid}/pause", operation_id="pauseMatch", summary="Pause an active match", status_code=200
    )
    async def pause(self, org_scope: NamedDependency[Scope], match_id: FromPath[uuid.UUID]) -> MatchRead:
        """The carer, the buddy or a coordinator."""
        return await _read(org_scope, await service.pause(org_scope, match_id=match_id))

    @post(
        "/{match_id:uuid}/resume",
        operation_id="resumeMatch",
        summary="Restart a paused match",
        status_code=200,
    )
    async def resume(self, org_scope: NamedDependency[Scope], match_id: FromPath[uuid.UUID]) -> MatchRead:
        """The carer, the buddy or a coordinator."""
        return await _read(org_scope, await service.resume(org_scope, match_id=match_id))

    @post("/{match_id:uuid}/end", operation_id="endMatch", summary="End a match", status_code=200)
    async def end(
        self, org_scope: NamedDependency[Scope], match_id: FromPath[uuid.UUID], data: JSONBody[EndRequest]
    ) -> MatchRead:
        """With a reason; the carer or buddy ending it may add feedback. The buddy's place is freed."""
        match = await service.end(
            org_scope,
            match_id=match_id,
            reason=data.reason,
            note=data.note,
            feedback=data.feedback,
            wants_rematch=data.wants_rematch,
        )
        return await _read(org_scope, match)

    @put(
        "/{match_id:uuid}/phone-sharing",
        operation_id="setPhoneSharing",
        summary="Show my phone number to the other person of this match, or stop (the carer or the buddy)",
    )
    async def phone_sharing(
        self, org_scope: NamedDependency[Scope], match_id: FromPath[uuid.UUID], data: JSONBody[PhoneSharing]
    ) -> MatchRead:
        """My side only, while the match is active or paused (409 otherwise); coordinators see it anyway."""
        matched = await service.choose_phone_sharing(org_scope, match_id=match_id, share=data.share)
        return match_read(await service.view(org_scope, match_id=matched))

    @post(
        "/{match_id:uuid}/rematch",
        operation_id="answerRematch",
        summary="After an ending: would the carer like another buddy",
        status_code=200,
    )
    async def rematch(
        self, org_scope: NamedDependency[Scope], match_id: FromPath[uuid.UUID], data: JSONBody[RematchAnswer]
    ) -> MatchRead:
        """The carer of an ended match; yes puts them back on the waiting list from when they first joined."""
        match = await service.answer_rematch(org_scope, match_id=match_id, wants_rematch=data.wants_rematch)
        return await _read(org_scope, match)

    @post(
        "/{match_id:uuid}/requests",
        operation_id="askForMatchChange",
        summary="Ask the coordinators for a break or a different buddy",
        status_code=200,
    )
    async def ask_for_change(
        self,
        org_scope: NamedDependency[Scope],
        match_id: FromPath[uuid.UUID],
        data: JSONBody[ChangeRequestCreate],
    ) -> ChangeRequestRead:
        """The carer or the buddy; it goes on the coordinators' attention list (asking twice: no change)."""
        request = await service.ask_for_change(org_scope, match_id=match_id, kind=data.kind)
        return ChangeRequestRead(
            id=request.id, match_id=request.match_id, kind=request.kind, asked_at=request.asked_at
        )

    @post(
        "/{match_id:uuid}/feedback",
        operation_id="giveMatchFeedback",
        summary="Feedback on an ended match",
        status_code=200,
    )
    async def feedback(
        self,
        org_scope: NamedDependency[Scope],
        match_id: FromPath[uuid.UUID],
        data: JSONBody[FeedbackRequest],
    ) -> MatchRead:
        """Once each from the carer and the buddy."""
        match = await service.give_feedback(org_scope, match_id=match_id, feedback=data.feedback)
        return await _read(org_scope, match)


class DraftController(Controller):
    """Waiting-list drafts: the best proposals for everyone waiting, for coordinators to confirm."""

    path = "/api/v1/orgs/{org:str}/match-drafts"
    tags = ["Matching"]

    @post("/", operation_id="createMatchDraft", summary="Draft proposals for the whole waiting list")
    async def create(self, org_scope: NamedDependency[Scope]) -> DraftRead:
        """The exact best total score over every allowed pair; nobody is told until it is confirmed."""
        return draft_read(await service.create_draft(org_scope))

    @get("/{draft_id:uuid}", operation_id="getMatchDraft", summary="A draft, explained")
    async def get_draft(self, org_scope: NamedDependency[Scope], draft_id: FromPath[uuid.UUID]) -> DraftRead:
        """Its pairs with their explanations, and who it leaves waiting."""
        return draft_read(await service.get_draft(org_scope, draft_id=draft_id))

    @post(
        "/{draft_id:uuid}/items", operation_id="putMatchDraftItem", summary="Add or change a pair in a draft"
    )
    async def put_item(
        self,
        org_scope: NamedDependency[Scope],
        draft_id: FromPath[uuid.UUID],
        data: JSONBody[DraftItemCreate],
    ) -> DraftRead:
        """A carer already in the draft gets the new buddy instead; every rule is checked."""
        view = await service.put_draft_item(
            org_scope,
            draft_id=draft_id,
            carer_membership_id=data.carer_membership_id,
            buddy_membership_id=data.buddy_membership_id,
            note=data.note,
        )
        return draft_read(view)

    @patch(
        "/{draft_id:uuid}/items/{item_id:uuid}",
        operation_id="updateMatchDraftItem",
        summary="Change a pair's note",
    )
    async def update_item(
        self,
        org_scope: NamedDependency[Scope],
        draft_id: FromPath[uuid.UUID],
        item_id: FromPath[uuid.UUID],
        data: JSONBody[DraftItemUpdate],
    ) -> DraftRead:
        """The note goes with the proposal when the draft is confirmed."""
        return draft_read(
            await service.update_draft_item(org_scope, draft_id=draft_id, item_id=item_id, note=data.note)
        )

    @delete(
        "/{draft_id:uuid}/items/{item_id:uuid}",
        operation_id="removeMatchDraftItem",
        summary="Take a pair out of a draft",
        status_code=200,
    )
    async def remove_item(
        self, org_scope: NamedDependency[Scope], draft_id: FromPath[uuid.UUID], item_id: FromPath[uuid.UUID]
    ) -> DraftRead:
        """The carer stays on the waiting list."""
        return draft_read(await service.remove_draft_item(org_scope, draft_id=draft_id, item_id=item_id))

    @post(
        "/{draft_id:uuid}/confirm",
        operation_id="confirmMatchDraft",
        summary="Propose every pair of a draft",
        status_code=200,
    )
    async def confirm(
        self, org_scope: NamedDependency[Scope], draft_id: FromPath[uuid.UUID]
    ) -> DraftConfirmed:
        """All or none: if any pair no longer fits, nothing is proposed and the answer says which."""
        matches = await service.confirm_draft(org_scope, draft_id=draft_id)
        return DraftConfirmed(draft_id=draft_id, matches=[summary_read(m) for m in matches])

    @post(
        "/{draft_id:uuid}/discard",
        operation_id="discardMatchDraft",
        summary="Throw a draft away",
        status_code=200,
    )
    async def discard(self, org_scope: NamedDependency[Scope], draft_id: FromPath[uuid.UUID]) -> DraftRead:
        """Nobody was told about it."""
        return draft_read(await service.discard_draft(org_scope, draft_id=draft_id))


class MembershipController(Controller):
    """Suspending, reactivating or ending a membership, and closing what hangs on it (issue 10 §2).

    The route lives here, not in organisations, because it also closes the matches made on the membership.
    """

    path = "/api/v1/orgs/{org:str}/members"
    tags = ["Organisations"]

    @patch(
        "/{membership_id:uuid}",
        operation_id="updateMembership",
        summary="Suspend, reactivate or end a membership (coordinators)",
    )
    async def update_membership(
        self,
        org_scope: NamedDependency[Scope],
        membership_id: FromPath[uuid.UUID],
        data: JSONBody[MembershipStatusUpdate],
    ) -> MemberRead:
        """A suspended member loses the role at their next request, and what hangs on it closes.

        Their proposals are withdrawn, their active matches paused (a buddy's carers are told kindly) and
        nothing more is sent to that role. Ending also ends their matches and frees the places.
        Reactivating restarts nothing by itself: a coordinator restarts each paused match.
        """
        change = await memberships.change_membership_status(
            org_scope, membership_id=membership_id, status=MembershipStatus(data.status)
        )
        return member_read(change.membership, change.user)
