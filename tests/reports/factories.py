"""A generated organisation of a few hundred people, written straight into the tables a report counts.

Random but seeded: carers and buddies joining over a year (some imported with an earlier referral date,
some gone), referrals, matches that went live, paused and ended for every reason, check-ins due, answered,
missed and replied to with wellbeing scores (a few replies written by the coordinator), crisis alerts and
concerns with their response times, and volunteer time buddies logged (each answered check-in and each
buddy's reply counting ``MINUTES_PER_REPLY``).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.checkins.ladder import State
from carerlink.checkins.models import CheckinOccurrence, OccurrenceKind, ReplyKind
from carerlink.concerns.models import Concern, ConcernCategory, ConcernStatus
from carerlink.db import Database
from carerlink.hours.models import TimeKind, VolunteerTime
from carerlink.matching.models import EndReason, Match, MatchStatus
from carerlink.organisations.models import (
    Membership,
    MembershipStatus,
    Organisation,
    Referral,
    ReferralStatus,
)
from carerlink.safeguarding.models import AlertStatus, CrisisAlert
from tests.profiles.factories import Person, make_coordinator
from tests.support import START, make_org, password_hash

MINUTES_PER_REPLY = 9


@dataclass
class Generated:
    """The organisation and its coordinator (who signs in to read the reports)."""

    org: Organisation
    coordinator: Person
    carers: list[uuid.UUID] = field(default_factory=list)


def _at(rng: random.Random, earliest: datetime, latest: datetime) -> datetime:
    span = (latest - earliest).total_seconds()
    return earliest + timedelta(seconds=rng.uniform(0, max(span, 1)))


async def generate_org(  # noqa: C901
    db: Database, *, carers: int = 160, buddies: int = 60, seed: int = 16
) -> Generated:
    """An organisation of ``carers`` carers and ``buddies`` buddies with a year of history up to START."""
    rng = random.Random(seed)
    org = await make_org(db, name="Generated Carers Centre")
    coordinator = await make_coordinator(db, org)
    year_ago = START - timedelta(days=365)
    digest = password_hash()
    got = Generated(org, coordinator)
    staged: dict[str, list[object]] = {k: [] for k in ("users", "memberships", "rest", "checkins")}

    class Stage:
        """Rows added in the order of their foreign keys (the models have no relationships to sort by)."""

        def __init__(self, key: str) -> None:
            self.key = key

        def add(self, row: object) -> None:
            staged[self.key].append(row)

    async with db.session_scope() as db_session:
        found = await db_session.get(Organisation, org.id)
        assert found is not None
        found.settings = {**found.settings, "volunteer_minutes_per_reply": MINUTES_PER_REPLY}

        def person(role: Role, index: int) -> Membership:
            joined = _at(rng, year_ago, START - timedelta(hours=1))
            user_id = uuid.uuid4()
            user = User(
                id=user_id,
                email=f"{role.value}-{index}-{uuid.uuid4().hex[:6]}@example.org",
                display_name=f"{role.value.title()} {index}",
                time_zone="Europe/London",
                password_hash=digest,
                password_changed_at=joined,
                created_at=joined,
            )
            Stage("users").add(user)
            ended = rng.random() < 0.15
            membership = Membership(
                id=uuid.uuid4(),
                user_id=user_id,
                organisation_id=org.id,
                role=role,
                status=MembershipStatus.ENDED if ended else MembershipStatus.ACTIVE,
                status_changed_at=_at(rng, joined, START) if ended else joined,
                waiting_since=joined - timedelta(days=rng.randint(5, 200)) if rng.random() < 0.2 else None,
                created_at=joined,
            )
            Stage("memberships").add(membership)
            return membership

        carer_rows = [person(Role.CARER, i) for i in range(carers)]
        buddy_rows = [person(Role.BUDDY, i) for i in range(buddies)]
        got.carers = [m.user_id for m in carer_rows]

        session = Stage("rest")
        for i in range(int(carers * 0.8)):
            sent = _at(rng, year_ago, START)
            status = rng.choice(list(ReferralStatus))
            session.add(
                Referral(
                    organisation_id=org.id,
                    name=f"Referral {i}",
                    email=f"referral-{i}@example.org",
                    status=status,
                    decided_at=None if status == ReferralStatus.NEW else _at(rng, sent, START),
                    created_at=sent,
                )
            )

        reasons = list(EndReason)
        for carer in carer_rows:
            if rng.random() < 0.15:
                continue  # still waiting
            cursor = carer.created_at + timedelta(days=rng.randint(1, 60))
            for _ in range(rng.choice((1, 1, 1, 2))):
                if cursor >= START:
                    break
                buddy = rng.choice(buddy_rows)
                kind = rng.random()
                live = cursor + timedelta(days=rng.randint(1, 10)) if kind > 0.15 else None
                if live is not None and live >= START:
                    live = None
                match = Match(
                    id=uuid.uuid4(),
                    organisation_id=org.id,
                    carer_membership_id=carer.id,
                    carer_user_id=carer.user_id,
                    buddy_membership_id=buddy.id,
                    buddy_user_id=buddy.user_id,
                    score=0.5,
                    proposed_at=cursor,
                    activated_at=live,
                    created_at=cursor,
                )
                if live is None:
                    match.status = rng.choice((MatchStatus.DECLINED, MatchStatus.WITHDRAWN))
                    match.closed_at = cursor + timedelta(days=2)
                    cursor = cursor + timedelta(days=3)
                    session.add(match)
                    continue
                end = live + timedelta(days=rng.randint(10, 200))
                if end < START and rng.random() < 0.6:
                    match.status = MatchStatus.ENDED
                    match.closed_at = end
                    match.end_reason = rng.choice(reasons) if rng.random() < 0.95 else None
                else:
                    end = START
                    match.status = MatchStatus.PAUSED if rng.random() < 0.1 else MatchStatus.ACTIVE
                session.add(match)
                _checkins(Stage("checkins"), rng, org.id, match, live, end, coordinator.user.id)
                cursor = end + timedelta(days=rng.randint(1, 30))
                if match.status != MatchStatus.ENDED:
                    break

        for _ in range(45):
            carer = rng.choice(carer_rows)
            raised = _at(rng, year_ago, START)
            acked = raised + timedelta(minutes=rng.randint(1, 240)) if rng.random() < 0.9 else None
            session.add(
                CrisisAlert(
                    organisation_id=org.id,
                    carer_user_id=carer.user_id,
                    source="help_button",
                    source_id=uuid.uuid4(),
                    status=AlertStatus.ACKNOWLEDGED if acked else AlertStatus.OPEN,
                    raised_at=raised,
                    escalate_at=raised + timedelta(minutes=30),
                    acknowledged_at=acked,
                )
            )
        for i in range(60):
            carer = rng.choice(carer_rows)
            raised = _at(rng, year_ago, START)
            acked = raised + timedelta(hours=rng.randint(1, 72)) if rng.random() < 0.85 else None
            closed = acked + timedelta(days=rng.randint(1, 20)) if acked and rng.random() < 0.7 else None
            session.add(
                Concern(
                    organisation_id=org.id,
                    carer_user_id=carer.user_id,
                    raised_by_role="buddy",
                    request_id=uuid.uuid4(),
                    category=rng.choice(list(ConcernCategory)),
                    at_risk_now=False,
                    what_happened=f"Something worrying {i}",
                    status=ConcernStatus.CLOSED
                    if closed
                    else ConcernStatus.ACKNOWLEDGED
                    if acked
                    else ConcernStatus.OPEN,
                    raised_at=raised,
                    target_at=raised + timedelta(hours=24),
                    acknowledged_at=acked,
                    closed_at=closed if closed and closed < START else None,
                )
            )
        # Time buddies logged, over the year (a day is the centre's: London).
        last_day = START.date()
        for _ in range(400):
            buddy = rng.choice(buddy_rows)
            session.add(
                VolunteerTime(
                    organisation_id=org.id,
                    user_id=buddy.user_id,
                    given_on=last_day - timedelta(days=rng.randrange(0, 365)),
                    minutes=rng.randrange(1, 721),
                    kind=rng.choice(list(TimeKind)),
                    note="a private note" if rng.random() < 0.3 else None,
                    logged_at=START,
                )
            )
        for key in ("users", "memberships", "rest", "checkins"):
            db_session.add_all(staged[key])  # type: ignore[arg-type]
            await db_session.flush()
    return got


def _checkins(
    session: object,
    rng: random.Random,
    org: uuid.UUID,
    match: Match,
    live: datetime,
    end: datetime,
    coordinator_id: uuid.UUID,
) -> None:
    due = live + timedelta(days=7)
    while due < end + timedelta(days=14):
        state: State
        answered = replied = None
        wellbeing = None
        if due >= START:
            state = State.SCHEDULED
        elif due > START - timedelta(days=2):
            state = State.OPEN
        else:
            roll = rng.random()
            if roll < 0.2:
                state = State.MISSED
            else:
                answered = due + timedelta(hours=rng.randint(1, 60))
                wellbeing = rng.randint(1, 5)
                if rng.random() < 0.7:
                    replied = answered + timedelta(hours=rng.randint(1, 96))
                    state = State.REPLIED
                else:
                    state = State.ANSWERED
        if answered is not None and answered > START:
            answered = replied = None
            wellbeing = None
            state = State.OPEN
        if replied is not None and replied > START:
            replied = None
            state = State.ANSWERED
        session.add(  # type: ignore[attr-defined]
            CheckinOccurrence(
                match_id=match.id,
                organisation_id=org,
                carer_user_id=match.carer_user_id,
                buddy_user_id=match.buddy_user_id,
                kind=OccurrenceKind.SCHEDULED,
                time_zone="Europe/London",
                due_at=due,
                state=state,
                answered_at=answered,
                wellbeing=wellbeing,
                note="private words" if answered else None,
                replied_at=replied,
                # One reply in ten is the coordinator's: it counts no buddy's time.
                replied_by_user_id=(
                    None if replied is None else coordinator_id if rng.random() < 0.1 else match.buddy_user_id
                ),
                reply_kind=ReplyKind.MESSAGE if replied else None,
                created_at=due,
            )
        )
        if rng.random() < 0.05 and due < START - timedelta(days=1):
            session.add(  # type: ignore[attr-defined]
                CheckinOccurrence(
                    match_id=match.id,
                    organisation_id=org,
                    carer_user_id=match.carer_user_id,
                    buddy_user_id=match.buddy_user_id,
                    kind=OccurrenceKind.UNSCHEDULED,
                    time_zone="Europe/London",
                    due_at=due + timedelta(hours=3),
                    state=State.ANSWERED,
                    answered_at=due + timedelta(hours=3),
                    wellbeing=rng.randint(1, 5),
                    created_at=due,
                )
            )
        due += timedelta(days=rng.choice((7, 7, 14)))
