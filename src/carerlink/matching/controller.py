"""HTTP routes of matching: the waiting list, suggestions, weights, matches and waiting-list drafts."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import msgspec
from litestar import Controller, delete, get, patch, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.actor import Actor
from carerlink.matching import memberships, service
from carerlink.matching.models import Decision, Match, MatchStatus
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


def _mine(summary: MatchSummaryRead, match: Match, actor: Actor) -> MatchSummaryRead:
    """Add the asking person's own answer (a carer or buddy of the match sees whether they said yes)."""
    if actor.user_id == match.carer_user_id:
        return msgspec.structs.replace(
            summary, my_decision=match.carer_decision, my_feedback_given=bool(match.carer_feedback)
        )
    if actor.user_id == match.buddy_user_id:
        return msgspec.structs.replace(
            summary, my_decision=match.buddy_decision, my_feedback_given=bool(match.buddy_feedback)
        )
    return summary


def _summary(match: Match, carer_name: str, buddy_name: str) -> MatchSummaryRead:
    return MatchSummaryRead(
        id=match.id,
        status=match.status,
        carer=PersonRead(
            membership_id=match.carer_membership_id, user_id=match.carer_user_id, display_name=carer_name
        ),
        buddy=PersonRead(
            membership_id=match.buddy_membership_id, user_id=match.buddy_user_id, display_name=buddy_name
        ),
        proposed_at=match.proposed_at,
        activated_at=match.activated_at,
        closed_at=match.closed_at,
    )


def match_read(view: service.MatchView) -> MatchRead:
    """A match as the person asking may see it."""
    m = view.match
    intro = view.introduction
    read = MatchRead(
        id=m.id,
        organisation_id=m.organisation_id,
        status=m.status,
        viewer=view.viewer,  # type: ignore[arg-type]
        carer=_person(m.carer_membership_id, m.carer_user_id, view.carer_name),
        buddy=_person(m.buddy_membership_id, m.buddy_user_id, view.buddy_name),
        proposed_at=m.proposed_at,
        activated_at=m.activated_at,
        paused_at=m.paused_at,
        closed_at=m.closed_at,
        on_hold=m.status == MatchStatus.PROPOSED
        and m.carer_decision == Decision.ACCEPTED
        and m.buddy_decision == Decision.ACCEPTED,
        introduction=IntroductionRead(
            display_name=intro.display_name, lines=intro.lines, in_their_words=intro.in_their_words
        )
        if intro
        else None,
        explanation=explanation_read(view.explanation) if view.explanation else None,
        ending_words=view.ending_words,
    )
    if view.viewer in ("carer", "buddy"):
        return msgspec.structs.replace(
            read,
            my_decision=getattr(m, f"{view.viewer}_decision"),
            my_feedback=getattr(m, f"{view.viewer}_feedback"),
            my_requests=view.my_requests,
            wants_rematch=view.wants_rematch,
        )
    return msgspec.structs.replace(
        read,
        wants_rematch=view.wants_rematch,
        score=round(m.score),
        note=m.note,
        carer_decision=m.carer_decision,
        buddy_decision=m.buddy_decision,
        carer_decline_reason=m.carer_decline_reason,
        buddy_decline_reason=m.buddy_decline_reason,
        end_reason=m.end_reason,
        close_note=m.close_note,
        carer_feedback=m.carer_feedback,
        buddy_feedback=m.buddy_feedback,
        events=[
            MatchEventRead(
                at=e.at,
                event=e.event,
                from_status=e.from_status,
                to_status=e.to_status,
                actor_user_id=e.actor_user_id,
            )
            for e in view.events or []
        ],
    )


def _person(membership_id: uuid.UUID, user_id: uuid.UUID, name: str) -> PersonRead:
    return PersonRead(membership_id=membership_id, user_id=user_id, display_name=name)


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
                id=item.id,
                carer=_person(item.carer_membership_id, carer_user, carer_name),
                buddy=_person(item.buddy_membership_id, buddy_user, buddy_name),
                score=round(item.score),
                note=item.note,
                added_by_hand=item.added_by_hand,
                explanation=explanation_read(explanation)
                if explanation
                else ExplanationRead(score=round(item.score), summary="", reasons=[], compromises=[]),
            )
            for item, carer_name, carer_user, buddy_name, buddy_user, explanation in view.items
        ],
        unplaced=[_person(w.membership.id, w.membership.user_id, w.display_name) for w in view.unplaced],
    )


class WaitingListController(Controller):
    """The waiting list (coordinators), my place on it (carers), suggestions and matching weights."""

    path = "/api/v1/orgs/{org:str}"
    tags = ["Matching"]

    @get(
        "/waiting-list", operation_id="listWaitingCarers", summary="Carers waiting for a buddy (coordinators)"
    )
    async def waiting_list(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        now: NamedDependency[datetime],
    ) -> list[WaitingCarerRead]:
        """Longest waiting first; the read is audited."""
        return [
            WaitingCarerRead(
                carer=_person(w.membership.id, w.membership.user_id, w.display_name),
                waiting_since=w.waiting_since,
                waiting_days=w.waiting_days(now),
                has_profile=w.profile is not None,
                under_18=bool(w.profile and w.profile.profile.under_18),
                interpreter_needed=bool(w.profile and w.profile.profile.interpreter_needed),
                earlier_proposals=w.earlier_proposals,
            )
            for w in await service.list_waiting(
                db_session, actor=actor, organisation_id=organisation_id, now=now
            )
        ]

    @get("/me/waiting", operation_id="getMyWaitingStatus", summary="Am I on the waiting list, and what next")
    async def my_waiting(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        now: NamedDependency[datetime],
    ) -> MyWaitingRead:
        """For carers: waiting, being introduced, matched or paused, in plain words."""
        status = await service.my_waiting(db_session, actor=actor, organisation_id=organisation_id, now=now)
        last = status.last_ending
        return MyWaitingRead(
            state=status.state,  # type: ignore[arg-type]
            on_waiting_list=status.state in ("needs_profile", "waiting"),
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
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        membership_id: FromPath[uuid.UUID],
        now: NamedDependency[datetime],
        limit: Annotated[int, QueryParameter(ge=1, le=service.MAX_SUGGESTIONS)] = 5,
    ) -> SuggestionsRead:
        """Only buddies who can be matched and whom no hard rule excludes; the read is audited."""
        found = await service.suggest_buddies(
            db_session,
            actor=actor,
            organisation_id=organisation_id,
            carer_membership_id=membership_id,
            limit=limit,
            now=now,
        )
        return SuggestionsRead(
            carer=_person(found.carer.id, found.carer.user_id, found.carer_name),
            on_hold=found.on_hold,
            suggestions=[
                SuggestionRead(
                    buddy=_person(b.membership.id, b.membership.user_id, b.display_name),
                    score=round(explanation.score),
                    places_taken=b.profile.places_taken if b.profile else 0,
                    capacity=b.profile.capacity if b.profile else 0,
                    explanation=explanation_read(explanation),
                )
                for b, explanation in found.suggestions
            ],
            kept_apart=[
                KeptApartRead(
                    buddy=_person(k.buddy_membership_id, k.buddy_user_id, k.buddy_name), reason=k.reason
                )
                for k in found.kept_apart
            ],
        )

    @get("/matching/weights", operation_id="getMatchingWeights", summary="How much each factor counts")
    async def get_weights(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
    ) -> MatchingWeights:
        """0-10 per factor (coordinators)."""
        return await service.get_weights(db_session, actor=actor, organisation_id=organisation_id)

    @put("/matching/weights", operation_id="setMatchingWeights", summary="Tune how much each factor counts")
    async def set_weights(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        data: JSONBody[MatchingWeights],
        now: NamedDependency[datetime],
    ) -> MatchingWeights:
        """Every factor 0-10, at least one above 0 (coordinators)."""
        return await service.set_weights(
            db_session, actor=actor, organisation_id=organisation_id, weights=data, now=now
        )


class MatchController(Controller):
    """Matches: proposed by a coordinator, accepted by both, paused, resumed and ended."""

    path = "/api/v1/orgs/{org:str}/matches"
    tags = ["Matching"]

    @post(
        "/", operation_id="proposeMatch", summary="Propose a carer and a buddy to each other (coordinators)"
    )
    async def propose(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        data: JSONBody[MatchCreate],
        now: NamedDependency[datetime],
    ) -> MatchRead:
        """Both are asked; nothing is live until both accept. 409 when a rule stands in the way."""
        match = await service.propose_match(
            db_session,
            actor=actor,
            organisation_id=organisation_id,
            carer_membership_id=data.carer_membership_id,
            buddy_membership_id=data.buddy_membership_id,
            note=data.note,
            now=now,
        )
        return match_read(
            await service.view_match(
                db_session, actor=actor, organisation_id=organisation_id, match_id=match.id, now=now
            )
        )

    @get("/", operation_id="listMatches", summary="Matches I may see")
    async def list_matches(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        status: FromQuery[MatchStatus | None] = None,
    ) -> list[MatchSummaryRead]:
        """Coordinators: all of the organisation's; carers and buddies: their own. Newest first."""
        rows = await service.list_matches(
            db_session, actor=actor, organisation_id=organisation_id, status=status
        )
        return [_mine(_summary(m, carer, buddy), m, actor) for m, carer, buddy in rows]

    @get(
        "/{match_id:uuid}",
        operation_id="getMatch",
        summary="A match, with an introduction of the other person",
    )
    async def get_match(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        match_id: FromPath[uuid.UUID],
        now: NamedDependency[datetime],
    ) -> MatchRead:
        """The carer's or buddy's first look at a proposal records that they have been introduced."""
        return match_read(
            await service.view_match(
                db_session, actor=actor, organisation_id=organisation_id, match_id=match_id, now=now
            )
        )

    async def _after(
        self, db_session: AsyncSession, actor: Actor, organisation_id: uuid.UUID, match: Match, now: datetime
    ) -> MatchRead:
        return match_read(
            await service.view_match(
                db_session, actor=actor, organisation_id=organisation_id, match_id=match.id, now=now
            )
        )

    @post(
        "/{match_id:uuid}/accept",
        operation_id="acceptMatch",
        summary="Say yes to a proposed match",
        status_code=200,
    )
    async def accept(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        match_id: FromPath[uuid.UUID],
        now: NamedDependency[datetime],
    ) -> MatchRead:
        """The carer or the buddy, after reading the introduction; live once both have said yes."""
        match = await service.accept_match(
            db_session, actor=actor, organisation_id=organisation_id, match_id=match_id, now=now
        )
        return await self._after(db_session, actor, organisation_id, match, now)

    @post(
        "/{match_id:uuid}/decline",
        operation_id="declineMatch",
        summary="Say no to a proposed match",
        status_code=200,
    )
    async def decline(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        match_id: FromPath[uuid.UUID],
        data: JSONBody[DeclineRequest],
        now: NamedDependency[datetime],
    ) -> MatchRead:
        """The pair is not proposed again; the reason is seen only by coordinators."""
        match = await service.decline_match(
            db_session,
            actor=actor,
            organisation_id=organisation_id,
            match_id=match_id,
            reason=data.reason,
            now=now,
        )
        return await self._after(db_session, actor, organisation_id, match, now)

    @post(
        "/{match_id:uuid}/withdraw",
        operation_id="withdrawMatch",
        summary="Take back a proposal (coordinators)",
        status_code=200,
    )
    async def withdraw(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        match_id: FromPath[uuid.UUID],
        data: JSONBody[WithdrawRequest],
        now: NamedDependency[datetime],
    ) -> MatchRead:
        """Only before it has gone live; the buddy's place is freed."""
        match = await service.withdraw_match(
            db_session,
            actor=actor,
            organisation_id=organisation_id,
            match_id=match_id,
            reason=data.reason,
            now=now,
        )
        return await self._after(db_session, actor, organisation_id, match, now)

    @post(
        "/{match_id:uuid}/pause", operation_id="pauseMatch", summary="Pause an active match", status_code=200
    )
    async def pause(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        match_id: FromPath[uuid.UUID],
        now: NamedDependency[datetime],
    ) -> MatchRead:
        """The carer, the buddy or a coordinator."""
        match = await service.pause_match(
            db_session, actor=actor, organisation_id=organisation_id, match_id=match_id, now=now
        )
        return await self._after(db_session, actor, organisation_id, match, now)

    @post(
        "/{match_id:uuid}/resume",
        operation_id="resumeMatch",
        summary="Restart a paused match",
        status_code=200,
    )
    async def resume(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        match_id: FromPath[uuid.UUID],
        now: NamedDependency[datetime],
    ) -> MatchRead:
        """The carer, the buddy or a coordinator."""
        match = await service.resume_match(
            db_session, actor=actor, organisation_id=organisation_id, match_id=match_id, now=now
        )
        return await self._after(db_session, actor, organisation_id, match, now)

    @post("/{match_id:uuid}/end", operation_id="endMatch", summary="End a match", status_code=200)
    async def end(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        match_id: FromPath[uuid.UUID],
        data: JSONBody[EndRequest],
        now: NamedDependency[datetime],
    ) -> MatchRead:
        """With a reason; the carer or buddy ending it may add feedback. The buddy's place is freed."""
        match = await service.end_match(
            db_session,
            actor=actor,
            organisation_id=organisation_id,
            match_id=match_id,
            reason=data.reason,
            note=data.note,
            feedback=data.feedback,
            wants_rematch=data.wants_rematch,
            now=now,
        )
        return await self._after(db_session, actor, organisation_id, match, now)

    @post(
        "/{match_id:uuid}/rematch",
        operation_id="answerRematch",
        summary="After an ending: would the carer like another buddy",
        status_code=200,
    )
    async def rematch(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        match_id: FromPath[uuid.UUID],
        data: JSONBody[RematchAnswer],
        now: NamedDependency[datetime],
    ) -> MatchRead:
        """The carer of an ended match; yes puts them back on the waiting list from when they first joined."""
        match = await service.answer_rematch(
            db_session,
            actor=actor,
            organisation_id=organisation_id,
            match_id=match_id,
            wants_rematch=data.wants_rematch,
            now=now,
        )
        return await self._after(db_session, actor, organisation_id, match, now)

    @post(
        "/{match_id:uuid}/requests",
        operation_id="askForMatchChange",
        summary="Ask the coordinators for a break or a different buddy",
        status_code=200,
    )
    async def ask_for_change(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        match_id: FromPath[uuid.UUID],
        data: JSONBody[ChangeRequestCreate],
        now: NamedDependency[datetime],
    ) -> ChangeRequestRead:
        """The carer or the buddy; it goes on the coordinators' attention list (asking twice: no change)."""
        request = await service.ask_for_change(
            db_session,
            actor=actor,
            organisation_id=organisation_id,
            match_id=match_id,
            kind=data.kind,
            now=now,
        )
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
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        match_id: FromPath[uuid.UUID],
        data: JSONBody[FeedbackRequest],
        now: NamedDependency[datetime],
    ) -> MatchRead:
        """Once each from the carer and the buddy."""
        match = await service.give_feedback(
            db_session,
            actor=actor,
            organisation_id=organisation_id,
            match_id=match_id,
            feedback=data.feedback,
            now=now,
        )
        return await self._after(db_session, actor, organisation_id, match, now)


class DraftController(Controller):
    """Waiting-list drafts: the best proposals for everyone waiting, for coordinators to confirm."""

    path = "/api/v1/orgs/{org:str}/match-drafts"
    tags = ["Matching"]

    @post("/", operation_id="createMatchDraft", summary="Draft proposals for the whole waiting list")
    async def create(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        now: NamedDependency[datetime],
    ) -> DraftRead:
        """The exact best total score over every allowed pair; nobody is told until it is confirmed."""
        return draft_read(
            await service.create_draft(db_session, actor=actor, organisation_id=organisation_id, now=now)
        )

    @get("/{draft_id:uuid}", operation_id="getMatchDraft", summary="A draft, explained")
    async def get_draft(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        draft_id: FromPath[uuid.UUID],
        now: NamedDependency[datetime],
    ) -> DraftRead:
        """Its pairs with their explanations, and who it leaves waiting."""
        return draft_read(
            await service.get_draft(
                db_session, actor=actor, organisation_id=organisation_id, draft_id=draft_id, now=now
            )
        )

    @post(
        "/{draft_id:uuid}/items", operation_id="putMatchDraftItem", summary="Add or change a pair in a draft"
    )
    async def put_item(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        draft_id: FromPath[uuid.UUID],
        data: JSONBody[DraftItemCreate],
        now: NamedDependency[datetime],
    ) -> DraftRead:
        """A carer already in the draft gets the new buddy instead; every rule is checked."""
        return draft_read(
            await service.put_draft_item(
                db_session,
                actor=actor,
                organisation_id=organisation_id,
                draft_id=draft_id,
                carer_membership_id=data.carer_membership_id,
                buddy_membership_id=data.buddy_membership_id,
                note=data.note,
                now=now,
            )
        )

    @patch(
        "/{draft_id:uuid}/items/{item_id:uuid}",
        operation_id="updateMatchDraftItem",
        summary="Change a pair's note",
    )
    async def update_item(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        draft_id: FromPath[uuid.UUID],
        item_id: FromPath[uuid.UUID],
        data: JSONBody[DraftItemUpdate],
        now: NamedDependency[datetime],
    ) -> DraftRead:
        """The note goes with the proposal when the draft is confirmed."""
        return draft_read(
            await service.update_draft_item(
                db_session,
                actor=actor,
                organisation_id=organisation_id,
                draft_id=draft_id,
                item_id=item_id,
                note=data.note,
                now=now,
            )
        )

    @delete(
        "/{draft_id:uuid}/items/{item_id:uuid}",
        operation_id="removeMatchDraftItem",
        summary="Take a pair out of a draft",
        status_code=200,
    )
    async def remove_item(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        draft_id: FromPath[uuid.UUID],
        item_id: FromPath[uuid.UUID],
        now: NamedDependency[datetime],
    ) -> DraftRead:
        """The carer stays on the waiting list."""
        return draft_read(
            await service.remove_draft_item(
                db_session,
                actor=actor,
                organisation_id=organisation_id,
                draft_id=draft_id,
                item_id=item_id,
                now=now,
            )
        )

    @post(
        "/{draft_id:uuid}/confirm",
        operation_id="confirmMatchDraft",
        summary="Propose every pair of a draft",
        status_code=200,
    )
    async def confirm(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        draft_id: FromPath[uuid.UUID],
        now: NamedDependency[datetime],
    ) -> DraftConfirmed:
        """All or none: if any pair no longer fits, nothing is proposed and the answer says which."""
        matches = await service.confirm_draft(
            db_session, actor=actor, organisation_id=organisation_id, draft_id=draft_id, now=now
        )
        rows = await service.list_matches(db_session, actor=actor, organisation_id=organisation_id)
        names = {m.id: (carer, buddy) for m, carer, buddy in rows}
        return DraftConfirmed(
            draft_id=draft_id,
            matches=[_summary(m, *names.get(m.id, ("", ""))) for m in matches],
        )

    @post(
        "/{draft_id:uuid}/discard",
        operation_id="discardMatchDraft",
        summary="Throw a draft away",
        status_code=200,
    )
    async def discard(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        draft_id: FromPath[uuid.UUID],
        now: NamedDependency[datetime],
    ) -> DraftRead:
        """Nobody was told about it."""
        return draft_read(
            await service.discard_draft(
                db_session, actor=actor, organisation_id=organisation_id, draft_id=draft_id, now=now
            )
        )


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
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        membership_id: FromPath[uuid.UUID],
        data: JSONBody[MembershipStatusUpdate],
        now: NamedDependency[datetime],
    ) -> MemberRead:
        """A suspended member loses the role at their next request, and what hangs on it closes.

        Their proposals are withdrawn, their active matches paused (a buddy's carers are told kindly) and
        nothing more is sent to that role. Ending also ends their matches and frees the places.
        Reactivating restarts nothing by itself: a coordinator restarts each paused match.
        """
        change = await memberships.change_membership_status(
            db_session,
            actor=actor,
            organisation_id=organisation_id,
            membership_id=membership_id,
            status=MembershipStatus(data.status),
            now=now,
        )
        return member_read(change.membership, change.user)
