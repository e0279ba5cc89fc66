"""Check-ins as each viewer may see them: one check-in, a pair's history, and my own."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts.phones import PhoneNumber
from carerlink.actor import Actor
from carerlink.checkins import policy
from carerlink.checkins.ladder import State
from carerlink.checkins.models import CheckinOccurrence, OccurrenceKind, ReplyKind
from carerlink.errors import NotAuthenticated, NotFound
from carerlink.i18n import N_, _
from carerlink.matching import service as matching
from carerlink.matching.models import Match, MatchStatus
from carerlink.organisations.models import Membership
from carerlink.organisations.scope import Scope
from carerlink.safeguarding import service as safeguarding
from carerlink.safeguarding.models import AlertStatus


@dataclass(frozen=True, slots=True)
class CheckinView:
    """A check-in as one viewer may see it: the carer's answers are ``None`` for one who may not read them.

    ``match_ended`` tells a former buddy why (issue 10 §2); their own reply stays theirs to see.
    """

    id: uuid.UUID
    match_id: uuid.UUID
    kind: OccurrenceKind
    due_at: datetime
    local_start: str | None
    time_zone: str
    state: State
    answered_at: datetime | None
    wellbeing: int | None
    note: str | None
    wants_call: bool | None
    needs_help: bool | None
    replied_at: datetime | None
    reply_kind: ReplyKind | None
    reply_message: str | None
    match_ended: bool
    answers_shown: bool
    help_acknowledged: bool | None = None  # filled by ``view_occurrence`` only
    # The carer's number, on a single check-in, for a reader who may see it (``matching`` decides:
    # coordinators; the buddy only while the match is open and the carer shares it). For "would like a call".
    carer_phone: PhoneNumber | None = None


def checkin_view(occurrence: CheckinOccurrence, *, match_ended: bool, answers_shown: bool) -> CheckinView:
    """The check-in with the carer's answers, or without them (``answers_shown``)."""
    shown = answers_shown
    return CheckinView(
        id=occurrence.id,
        match_id=occurrence.match_id,
        kind=occurrence.kind,
        due_at=occurrence.due_at,
        local_start=occurrence.local_start,
        time_zone=occurrence.time_zone,
        state=occurrence.state,
        answered_at=occurrence.answered_at,
        wellbeing=occurrence.wellbeing if shown else None,
        note=occurrence.note if shown else None,
        wants_call=occurrence.wants_call if shown else None,
        needs_help=occurrence.needs_help if shown else None,
        replied_at=occurrence.replied_at,
        reply_kind=occurrence.reply_kind,
        reply_message=occurrence.reply_message,
        match_ended=match_ended,
        answers_shown=shown,
    )


def view_for(actor: Actor, occurrence: CheckinOccurrence, match_status: MatchStatus) -> CheckinView:
    """The check-in as ``actor`` may see it (the policy decides whether the carer's answers are shown)."""
    return checkin_view(
        occurrence,
        match_ended=match_status == MatchStatus.ENDED,
        answers_shown=policy.sees_answers(actor, occurrence, match_status),
    )


async def get_occurrence_or_raise(
    scope: Scope, *, occurrence_id: uuid.UUID, lock: bool = False
) -> CheckinOccurrence:
    """A check-in the actor may see (its carer, buddy and coordinators); coordinator views are audited."""
    if scope.actor.is_anonymous:
        raise NotAuthenticated(_("Please sign in to continue."))
    query = select(CheckinOccurrence).where(CheckinOccurrence.id == occurrence_id)
    if lock:
        query = query.with_for_update()
    occurrence = await scope.session.scalar(query)
    if occurrence is None or not policy.can_view(scope.actor, occurrence):
        raise NotFound(_("No such check-in."))
    if policy.is_coordinator_view(scope.actor, occurrence):
        await (await scope.within(occurrence.organisation_id)).audit(
            "checkins.occurrence.viewed",
            subject_user_id=occurrence.carer_user_id,
            object_type="checkin",
            object_id=occurrence.id,
        )
    return occurrence


async def view_occurrence(scope: Scope, *, occurrence_id: uuid.UUID) -> CheckinView:
    """One check-in as the actor may see it: a former buddy sees that the match ended, not the answers."""
    occurrence = await get_occurrence_or_raise(scope, occurrence_id=occurrence_id)
    match = await scope.session.get(Match, occurrence.match_id)
    if match is None:
        view = view_for(scope.actor, occurrence, MatchStatus.ENDED)
    else:
        phones = (await matching.pair_phones(scope.session, actor=scope.actor, matches=[match]))[match.id]
        view = replace(view_for(scope.actor, occurrence, match.status), carer_phone=phones.carer)
    if view.needs_help:
        # Whether someone has the call for help (issue 13): the buddy's "the coordinators have been
        # alerted" becomes "a coordinator is dealing with it".
        alert = await safeguarding.alert_for_source(scope.session, source_id=occurrence.id)
        if alert is not None:
            view = replace(view, help_acknowledged=alert.status == AlertStatus.ACKNOWLEDGED)
    return view


async def list_for_match(scope: Scope, *, match_id: uuid.UUID, limit: int = 50) -> list[CheckinView]:
    """A pair's check-ins that are due or done, newest first (the carer's history with the replies).

    A former buddy sees the check-ins of their ended match and their own replies, not the answers.
    """
    actor = scope.actor
    match = await matching.get_match_or_raise(
        scope.session, actor=actor, match_id=match_id, organisation_id=scope.organisation_id
    )
    if policy.coordinator_only(actor, match.organisation_id, match.carer_user_id, match.buddy_user_id):
        await scope.audit(
            "checkins.history.viewed",
            subject_user_id=match.carer_user_id,
            object_type="match",
            object_id=match.id,
        )
    found = (
        await scope.session.scalars(
            select(CheckinOccurrence)
            .where(CheckinOccurrence.match_id == match.id, CheckinOccurrence.due_at <= scope.now)
            .order_by(CheckinOccurrence.due_at.desc())
            .limit(limit)
        )
    ).all()
    return [view_for(actor, occurrence, match.status) for occurrence in found]


async def list_mine(
    session: AsyncSession, *, actor: Actor, as_buddy: bool, awaiting: bool, now: datetime, limit: int = 50
) -> list[CheckinView]:
    """My check-ins: as a carer, those open or recent; as a buddy, those waiting for my reply (or recent).

    Only where I hold that role now (a suspended buddy who is also a carer there reads nothing as a
    buddy), and a former buddy sees the check-ins of an ended match without the answers (issue 10 §2).
    """
    user_id = actor.require_person()
    query = (
        select(CheckinOccurrence, Match.status)
        .join(Match, Match.id == CheckinOccurrence.match_id)
        .where(CheckinOccurrence.due_at <= now)
    )
    if as_buddy:
        query = query.where(
            CheckinOccurrence.buddy_user_id == user_id,
            CheckinOccurrence.organisation_id.in_(policy.buddy_organisations(actor)),
        )
        if awaiting:  # nothing waits for a reply from a former buddy
            query = query.where(CheckinOccurrence.state == State.ANSWERED, Match.status.in_(policy.TOGETHER))
    else:
        query = query.where(
            CheckinOccurrence.carer_user_id == user_id,
            CheckinOccurrence.organisation_id.in_(policy.carer_organisations(actor)),
        )
        if awaiting:  # a check-in of an ended match can no longer be answered: it waits for nothing
            query = query.where(
                CheckinOccurrence.state.in_([State.OPEN, State.MISSED]), Match.status.in_(policy.TOGETHER)
            )
    rows = await session.execute(query.order_by(CheckinOccurrence.due_at.desc()).limit(limit))
    return [view_for(actor, occurrence, MatchStatus(status)) for occurrence, status in rows.all()]


COORDINATORS_SEE_WELLBEING = N_("Only coordinators can see how a carer has been over time.")


@dataclass(frozen=True, slots=True)
class WellbeingAnswer:
    """One answer's score and when it was given."""

    checkin_id: uuid.UUID
    answered_at: datetime
    wellbeing: int


@dataclass(frozen=True, slots=True)
class CarerWellbeing:
    """How a carer has been: their first answer with a score against their latest (``None``: none yet)."""

    membership: Membership
    display_name: str
    answers: int
    first: WellbeingAnswer | None
    latest: WellbeingAnswer | None


async def carer_wellbeing(scope: Scope, *, carer_membership_id: uuid.UUID) -> CarerWellbeing:
    """A carer's first check-in with a score against their latest, in this centre (coordinators; audited).

    Every answered check-in of theirs counts, whichever buddy it was with, as coordinators read each one
    (``policy.sees_answers``). The per-carer side of the reports' "wellbeing first against latest", which
    only ever counts carers.
    """
    organisation = scope.require(policy.sees_wellbeing_over_time, str(COORDINATORS_SEE_WELLBEING))
    membership, name = await matching.carer_member(scope, carer_membership_id)
    scored = [
        CheckinOccurrence.organisation_id == organisation.id,
        CheckinOccurrence.carer_user_id == membership.user_id,
        CheckinOccurrence.answered_at.is_not(None),
        CheckinOccurrence.wellbeing.is_not(None),
    ]
    answers = int(await scope.session.scalar(select(func.count()).where(*scored)) or 0)

    async def one(*order: Any) -> WellbeingAnswer | None:
        row = (
            await scope.session.execute(
                select(CheckinOccurrence, Match.status)
                .join(Match, Match.id == CheckinOccurrence.match_id)
                .where(*scored)
                .order_by(*order)
                .limit(1)
            )
        ).one_or_none()
        if row is None or not policy.sees_answers(scope.actor, row[0], MatchStatus(row[1])):
            return None
        occurrence: CheckinOccurrence = row[0]
        assert occurrence.answered_at is not None
        assert occurrence.wellbeing is not None
        return WellbeingAnswer(occurrence.id, occurrence.answered_at, occurrence.wellbeing)

    first = await one(CheckinOccurrence.answered_at, CheckinOccurrence.id)
    latest = await one(CheckinOccurrence.answered_at.desc(), CheckinOccurrence.id.desc())
    await scope.audit(
        "checkins.wellbeing.viewed",
        subject_user_id=membership.user_id,
        object_type="membership",
        object_id=membership.id,
    )
    return CarerWellbeing(membership, name, answers, first, latest)
