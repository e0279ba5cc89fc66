"""The waiting list: who is waiting for a buddy, since when, and where a carer stands (in words)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.errors import NotAllowed, NotFound
from carerlink.i18n import _
from carerlink.matching.models import OPEN_STATUSES, Match, MatchStatus
from carerlink.matching.service._common import (
    coordinator,
    ending_words,
    first_names,
    last_endings,
    member,
    membership_active,
    wants_another_buddy,
)
from carerlink.organisations import service as organisations
from carerlink.organisations.models import ConsentKind, Membership, MembershipStatus
from carerlink.organisations.scope import Scope
from carerlink.profiles import service as profiles


@dataclass(frozen=True, slots=True)
class WaitingCarer:
    """A carer with no proposed, active or paused match."""

    membership: Membership
    display_name: str
    waiting_since: datetime
    profile: profiles.CarerProfileView | None
    earlier_proposals: int
    # Issue 16: brought in from a spreadsheet and not yet joined (no agreement to the terms): waits from
    # the original date, shown as "invited, not yet joined", and never proposed until they join.
    joined: bool = True

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
    last_ended = await last_endings(session, ids)
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
    joined = await organisations.consenting_users(
        session,
        organisation_id=organisation_id,
        user_ids={m.user_id for m, _ in wanted},
        kind=ConsentKind.TERMS,
    )
    waiting = [
        WaitingCarer(
            membership=m,
            display_name=name,
            waiting_since=m.waiting_since or m.created_at,
            profile=views.get(m.id),
            earlier_proposals=int(earlier.get(m.id, 0)),
            joined=m.user_id in joined,
        )
        for m, name in wanted
    ]
    return sorted(waiting, key=lambda w: (w.waiting_since, w.display_name, w.membership.id))


async def list_waiting(scope: Scope) -> list[WaitingCarer]:
    """The waiting list, longest waiting first (coordinators; the read is audited)."""
    coordinator(scope)
    await scope.audit("matching.waiting_list.viewed")
    return await waiting_carers(scope.session, organisation_id=scope.organisation_id)


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


@dataclass(frozen=True, slots=True)
class MyWaiting:
    """Where a carer stands, and what happens next, in words."""

    state: str
    waiting_since: datetime | None
    waiting_days: int | None
    next_steps: str
    match_id: uuid.UUID | None
    last_ending: LastEnding | None = None

    @property
    def on_waiting_list(self) -> bool:
        """Whether the carer is on the waiting list (with or without a profile yet)."""
        return self.state in ("needs_profile", "waiting")


async def _last_ending(session: AsyncSession, membership_id: uuid.UUID) -> LastEnding | None:
    match = (await last_endings(session, [membership_id])).get(membership_id)
    if match is None:
        return None
    names = await first_names(session, match.buddy_user_id)
    return LastEnding(
        match_id=match.id,
        buddy_name=names.get(match.buddy_user_id, ""),
        ended_at=match.closed_at,
        words=ending_words(match),
        wants_rematch=match.wants_rematch,
        on_waiting_list=wants_another_buddy(match),
        feedback_given=bool(match.carer_feedback),
    )


async def _with_open_match(session: AsyncSession, match: Match) -> MyWaiting:
    if match.status == MatchStatus.PROPOSED:
        return MyWaiting(
            "introduction",
            None,
            None,
            _(
                "We think we've found a buddy for you. Read their introduction, then say whether you'd like "
                "to go ahead. Nothing starts until you and your buddy have both said yes."
            ),
            match.id,
        )
    if match.status == MatchStatus.PAUSED and not await membership_active(session, match.buddy_membership_id):
        return MyWaiting(
            "paused",
            None,
            None,
            _(
                "Your buddy is taking a break for now, so your check-ins are on hold. If you'd like a new "
                "buddy, you can ask your coordinator at any time."
            ),
            match.id,
        )
    if match.status == MatchStatus.PAUSED:
        return MyWaiting(
            "paused",
            None,
            None,
            _("Your buddy match is paused. You can restart it whenever you're ready."),
            match.id,
        )
    return MyWaiting(
        "matched", None, None, _("You have a buddy. Your check-ins keep you in touch."), match.id
    )


async def my_waiting(scope: Scope) -> MyWaiting:
    """As a carer: am I on the waiting list, and what happens next."""
    member(scope)
    session = scope.session
    membership_id = scope.actor.membership_id(scope.organisation_id, Role.CARER)
    if membership_id is None:
        raise NotAllowed(_("Only carers are on the waiting list."))
    match = await session.scalar(
        select(Match).where(Match.carer_membership_id == membership_id, Match.status.in_(OPEN_STATUSES))
    )
    if match is not None:
        return await _with_open_match(session, match)
    waiting = [
        w
        for w in await waiting_carers(session, organisation_id=scope.organisation_id)
        if w.membership.id == membership_id
    ]
    last = await _last_ending(session, membership_id)
    if not waiting:
        if last is None:
            raise NotFound(_("You're not on the waiting list."))
        return MyWaiting(
            "ended",
            None,
            None,
            _(
                "You're not on the waiting list for a buddy. If you'd like another buddy, tell us here and "
                "you'll go back on the list in the place you had when you first joined."
            ),
            None,
            last,
        )
    entry = waiting[0]
    if entry.profile is None:
        return MyWaiting(
            "needs_profile",
            entry.waiting_since,
            entry.waiting_days(scope.now),
            _(
                "You're on the waiting list. Tell us a little about your caring situation, so we can look "
                "for a "
                "buddy who has been through something similar."
            ),
            None,
            last,
        )
    return MyWaiting(
        "waiting",
        entry.waiting_since,
        entry.waiting_days(scope.now),
        _(
            "You're on the waiting list. A coordinator will look for a buddy who has been through something "
            "similar. When they find one you'll see a short introduction and can say yes or no; nobody is "
            "told "
            "about you before then."
        ),
        None,
        last,
    )
