"""Reports for funders and the council: the figures of a period, small numbers suppressed.

Coordinators only; every read and export is audited (row-level exports are in ``rows.py``).

Every figure is counted from the raw rows of each domain with aggregate queries (SQLite and PostgreSQL
alike). Medians and percentiles need the values themselves: those queries return one number per person or
per event (never a name or a text), and the arithmetic is done here.
"""

from __future__ import annotations

import math
import statistics
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, distinct, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.actor import Role
from carerlink.checkins.ladder import State
from carerlink.checkins.models import CheckinOccurrence, OccurrenceKind
from carerlink.concerns.models import Concern
from carerlink.hours import reporting as hours
from carerlink.i18n import N_, _
from carerlink.kit.spreadsheet import csv_text
from carerlink.matching.models import EndReason, Match, MatchStatus
from carerlink.organisations.models import Membership, MembershipStatus, Referral, ReferralStatus
from carerlink.organisations.scope import Scope
from carerlink.outcomes import reporting as outcomes
from carerlink.reports.period import Period, months, period_of
from carerlink.reports.policy import can_read_reports
from carerlink.reports.suppression import Figure, suppress, words
from carerlink.safeguarding.models import CrisisAlert

END_REASON_WORDS: dict[str, Any] = {
    EndReason.CARING_ENDED: N_("Caring role ended"),
    EndReason.GOALS_MET: N_("Goals met"),
    EndReason.CARER_REQUEST: N_("The carer asked to end it"),
    EndReason.BUDDY_REQUEST: N_("The buddy asked to end it"),
    EndReason.BUDDY_STEPPING_DOWN: N_("The buddy stepped down"),
    EndReason.CARER_LEFT: N_("The carer left the service"),
    EndReason.NOT_A_GOOD_FIT: N_("Not a good fit"),
    EndReason.LOST_CONTACT: N_("Lost contact"),
    EndReason.MOVED_AWAY: N_("Moved away"),
    EndReason.SAFEGUARDING: N_("Safeguarding"),
    EndReason.OTHER: N_("Another reason"),
    "": N_("No reason recorded"),
}
# "Answered at the start": one message a point, so each language words it whole.
ANSWERED_WORDS = {
    "start": N_("Answered at the start"),
    "3_months": N_("Answered after 3 months"),
    "6_months": N_("Answered after 6 months"),
}
REFUSAL = N_("Only coordinators can read the centre's reports.")


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and its figures."""

    key: str
    title: str
    figures: list[Figure]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Chart:
    """A bar chart: one bar a figure (``kind``: "months" or "reasons" or "compare")."""

    key: str
    title: str
    kind: str
    unit: str
    bars: list[Figure]


@dataclass(frozen=True, slots=True)
class Summary:
    """A period's report, suppressed and ready to show."""

    organisation_name: str
    period: Period
    generated_at: datetime
    sections: list[Section]
    charts: list[Chart]


@dataclass(frozen=True, slots=True)
class Download:
    """A CSV file to send as an attachment."""

    filename: str
    text: str


# --- arithmetic ------------------------------------------------------------------------------------------


def median(values: Sequence[float]) -> float | None:
    """The middle value (the mean of the two middle ones), or ``None`` for no values."""
    return float(statistics.median(values)) if values else None


def percentile_90(values: Sequence[float]) -> float | None:
    """The 90th percentile by nearest rank: the smallest value at least 90% of the values do not exceed."""
    if not values:
        return None
    ordered = sorted(values)
    return float(ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)])


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _between(column: Any, start: datetime, end: datetime) -> ColumnElement[bool]:
    return and_(column >= start, column < end)


def _spread(key: str, label: str, values: list[float], people: int, unit: str) -> list[Figure]:
    return [
        Figure(
            f"{key}_median", _("{label}: median").format(label=label), _round(median(values)), people, unit
        ),
        Figure(
            f"{key}_p90",
            _("{label}: 9 in 10 within").format(label=label),
            _round(percentile_90(values)),
            people,
            unit,
        ),
    ]


def live_at(end: datetime, now: datetime) -> datetime:
    """The instant "at the end of the period" means: its last moment, or now while it is under way."""
    return min(end - timedelta(microseconds=1), now)


def _span(later: datetime, earlier: datetime, unit: str) -> float:
    seconds = (later - earlier).total_seconds()
    return seconds / {"days": 86400, "hours": 3600, "minutes": 60}[unit]


# --- the figures ---------------------------------------------------------------------------------------


async def _count(session: AsyncSession, *columns: Any, where: Sequence[Any]) -> tuple[int, ...]:
    row = (await session.execute(select(*columns).where(*where))).one()
    return tuple(int(v or 0) for v in row)


async def _referrals(session: AsyncSession, org: uuid.UUID, start: datetime, end: datetime) -> Section:
    base = Referral.organisation_id == org
    (received,) = await _count(session, func.count(), where=[base, _between(Referral.created_at, start, end)])
    (accepted,) = await _count(
        session,
        func.count(),
        where=[base, Referral.status == ReferralStatus.ACCEPTED, _between(Referral.decided_at, start, end)],
    )
    return Section(
        "referrals",
        _("Referrals"),
        [
            Figure("received", _("Referrals received"), received, received, "people"),
            Figure("accepted", _("Referrals accepted"), accepted, accepted, "people"),
        ],
        _("People who asked to join through the centre's form, and those the centre accepted."),
    )


def _carers(org: uuid.UUID) -> list[Any]:
    return [Membership.organisation_id == org, Membership.role == Role.CARER]


async def _carer_figures(session: AsyncSession, org: uuid.UUID, start: datetime, end: datetime) -> Section:
    # A carer is new when they first came to the centre: an imported carer's original referral date
    # (``waiting_since``), not the day the spreadsheet was brought in.
    came = func.coalesce(Membership.waiting_since, Membership.created_at)
    (new,) = await _count(session, func.count(), where=[*_carers(org), _between(came, start, end)])
    (carried,) = await _count(
        session,
        func.count(),
        where=[
            *_carers(org),
            came < start,
            or_(Membership.status != MembershipStatus.ENDED, Membership.status_changed_at >= start),
        ],
    )
    (closed,) = await _count(
        session,
        func.count(),
        where=[
            *_carers(org),
            Membership.status == MembershipStatus.ENDED,
            _between(Membership.status_changed_at, start, end),
        ],
    )
    # Waiting time to a first match: from when the carer first asked (waiting_since, or when they joined)
    # to when their first match went live, for carers whose first match went live in the period.
    first_live = (
        select(
            Match.carer_membership_id.label("membership_id"), func.min(Match.activated_at).label("live_at")
        )
        .where(Match.organisation_id == org, Match.activated_at.is_not(None))
        .group_by(Match.carer_membership_id)
        .subquery()
    )
    rows = (
        await session.execute(
            select(Membership.waiting_since, Membership.created_at, first_live.c.live_at)
            .join(first_live, first_live.c.membership_id == Membership.id)
            .where(_between(first_live.c.live_at, start, end))
        )
    ).all()
    waits = [max(0.0, _span(live, since or created, "days")) for since, created, live in rows]
    return Section(
        "carers",
        _("Carers"),
        [
            Figure("new", _("Carers new in the period"), new, new, "people"),
            Figure("carried_over", _("Carers carried over from before"), carried, carried, "people"),
            Figure("closed", _("Carers whose support closed"), closed, closed, "people"),
            Figure("first_matched", _("Carers matched for the first time"), len(waits), len(waits), "people"),
            *_spread("waiting", _("Waiting time to a first match"), waits, len(waits), "days"),
        ],
        _(
            "A carer is new from their original referral date (or when they joined): someone brought in from "
            "a spreadsheet was the centre's before. Waiting time runs from that date to their first match "
            "going live."
        ),
    )


async def _match_figures(
    session: AsyncSession, org: uuid.UUID, start: datetime, end: datetime, now: datetime
) -> Section:
    base = Match.organisation_id == org
    made, made_people = await _count(
        session,
        func.count(),
        func.count(distinct(Match.carer_user_id)),
        where=[base, _between(Match.activated_at, start, end)],
    )
    at = live_at(end, now)
    active, active_people = await _count(
        session,
        func.count(),
        func.count(distinct(Match.carer_user_id)),
        where=[base, Match.activated_at <= at, or_(Match.closed_at.is_(None), Match.closed_at > at)],
    )
    ended_rows = (
        await session.execute(
            select(Match.end_reason, func.count(), func.count(distinct(Match.carer_user_id)))
            .where(base, Match.status == MatchStatus.ENDED, _between(Match.closed_at, start, end))
            .group_by(Match.end_reason)
        )
    ).all()
    by_reason = {(r.value if r is not None else ""): (int(n), int(p)) for r, n, p in ended_rows}
    ended, ended_people = await _count(
        session,
        func.count(),
        func.count(distinct(Match.carer_user_id)),
        where=[base, Match.status == MatchStatus.ENDED, _between(Match.closed_at, start, end)],
    )
    reasons = [
        Figure(
            f"ended_{key or 'unrecorded'}",
            _("Ended: {reason}").format(reason=str(label)),
            n,
            p,
            "matches",
            group="ended",
        )
        for key, label in END_REASON_WORDS.items()
        for n, p in [by_reason.get(key, (0, 0))]
        if key or n
    ]
    return Section(
        "matches",
        _("Matches"),
        [
            Figure("made", _("Matches that went live"), made, made_people, "matches"),
            Figure("active", _("Matches live at the end of the period"), active, active_people, "matches"),
            Figure("ended", _("Matches that ended"), ended, ended_people, "matches", group="ended"),
            *reasons,
        ],
        _("A match is live once the carer and the buddy have both said yes (live includes paused)."),
    )


async def _checkin_figures(
    session: AsyncSession, org: uuid.UUID, start: datetime, end: datetime, now: datetime
) -> Section:
    due_where = [
        CheckinOccurrence.organisation_id == org,
        CheckinOccurrence.kind == OccurrenceKind.SCHEDULED,
        _between(CheckinOccurrence.due_at, start, end),
        CheckinOccurrence.due_at <= now,
    ]
    answered_col = CheckinOccurrence.answered_at.is_not(None)
    missed_col = and_(CheckinOccurrence.answered_at.is_(None), CheckinOccurrence.state == State.MISSED)
    carer = CheckinOccurrence.carer_user_id
    due, due_people, answered, answered_people, missed, missed_people = await _count(
        session,
        func.count(),
        func.count(distinct(carer)),
        func.sum(case((answered_col, 1), else_=0)),
        func.count(distinct(case((answered_col, carer)))),
        func.sum(case((missed_col, 1), else_=0)),
        func.count(distinct(case((missed_col, carer)))),
        where=due_where,
    )
    waiting_col = and_(CheckinOccurrence.answered_at.is_(None), CheckinOccurrence.state != State.MISSED)
    (waiting, waiting_people) = await _count(
        session, func.count(), func.count(distinct(carer)), where=[*due_where, waiting_col]
    )
    started, started_people = await _count(
        session,
        func.count(),
        func.count(distinct(carer)),
        where=[
            CheckinOccurrence.organisation_id == org,
            CheckinOccurrence.kind == OccurrenceKind.UNSCHEDULED,
            _between(CheckinOccurrence.due_at, start, end),
        ],
    )
    replies = (
        await session.execute(
            select(
                CheckinOccurrence.answered_at, CheckinOccurrence.replied_at, CheckinOccurrence.buddy_user_id
            ).where(
                CheckinOccurrence.organisation_id == org,
                _between(CheckinOccurrence.answered_at, start, end),
                CheckinOccurrence.replied_at.is_not(None),
            )
        )
    ).all()
    times = [
        max(0.0, _span(replied, answered, "hours"))
        for answered, replied, _ in replies
        if answered and replied
    ]
    buddies = len({b for _, _, b in replies})
    return Section(
        "checkins",
        _("Check-ins"),
        [
            Figure("due", _("Check-ins due"), due, due_people, "check-ins", group="due"),
            Figure("answered", _("Answered"), answered, answered_people, "check-ins", group="due"),
            Figure("missed", _("Missed"), missed, missed_people, "check-ins", group="due"),
            Figure("not_yet", _("Not answered yet"), waiting, waiting_people, "check-ins", group="due"),
            Figure("started", _("Check-ins carers started themselves"), started, started_people, "check-ins"),
            Figure("replied", _("Answers buddies replied to"), len(times), buddies, "check-ins"),
            *_spread("reply", _("Buddies' reply time"), times, buddies, "hours"),
        ],
        _(
            "Check-ins due from the plan in the period, up to now; reply time from the carer's "
            "answer to the buddy's reply."
        ),
    )


async def _wellbeing_figures(
    session: AsyncSession, org: uuid.UUID, start: datetime, end: datetime
) -> Section:
    answers = [
        CheckinOccurrence.organisation_id == org,
        CheckinOccurrence.answered_at.is_not(None),
        CheckinOccurrence.wellbeing.is_not(None),
        CheckinOccurrence.answered_at < end,
    ]
    carer = CheckinOccurrence.carer_user_id
    ranked = (
        select(
            carer.label("carer"),
            CheckinOccurrence.wellbeing.label("score"),
            CheckinOccurrence.answered_at.label("at"),
            func.row_number()
            .over(partition_by=carer, order_by=(CheckinOccurrence.answered_at, CheckinOccurrence.id))
            .label("first_rank"),
            func.row_number()
            .over(
                partition_by=carer,
                order_by=(CheckinOccurrence.answered_at.desc(), CheckinOccurrence.id.desc()),
            )
            .label("last_rank"),
        )
        .where(*answers)
        .subquery()
    )
    per_carer = (
        select(
            func.max(case((ranked.c.first_rank == 1, ranked.c.score))).label("first"),
            func.max(case((ranked.c.last_rank == 1, ranked.c.score))).label("latest"),
        )
        .group_by(ranked.c.carer)
        .having(func.count() >= 2, func.max(ranked.c.at) >= start)
        .subquery()
    )
    first, latest = per_carer.c.first, per_carer.c.latest
    row = (
        await session.execute(
            select(
                func.count(),
                func.sum(case((latest > first, 1), else_=0)),
                func.sum(case((latest == first, 1), else_=0)),
                func.sum(case((latest < first, 1), else_=0)),
                func.avg(first),
                func.avg(latest),
            ).select_from(per_carer)
        )
    ).one()
    compared, better, same, worse = (int(v or 0) for v in row[:4])
    mean_first = _round(float(row[4])) if compared else None
    mean_latest = _round(float(row[5])) if compared else None
    return Section(
        "wellbeing",
        _("Wellbeing"),
        [
            Figure("compared", _("Carers compared"), compared, compared, "people", group="compared"),
            Figure(
                "better",
                _("Feeling better than at their first check-in"),
                better,
                better,
                "people",
                group="compared",
            ),
            Figure("same", _("Feeling the same"), same, same, "people", group="compared"),
            Figure("worse", _("Feeling worse"), worse, worse, "people", group="compared"),
            Figure("mean_first", _("Mean score at the first check-in"), mean_first, compared, "score"),
            Figure("mean_latest", _("Mean score at the latest check-in"), mean_latest, compared, "score"),
        ],
        _(
            "Carers who answered a check-in in the period and have answered at least two: their first answer "
            "against their latest, on the scale of 1 (struggling) to 5 (doing well)."
        ),
    )


async def _safety_figures(session: AsyncSession, org: uuid.UUID, start: datetime, end: datetime) -> Section:
    alerts = (
        await session.execute(
            select(CrisisAlert.carer_user_id, CrisisAlert.raised_at, CrisisAlert.acknowledged_at).where(
                CrisisAlert.organisation_id == org, _between(CrisisAlert.raised_at, start, end)
            )
        )
    ).all()
    alert_people = len({c for c, _, _ in alerts})
    acked = [(c, max(0.0, _span(a, r, "minutes"))) for c, r, a in alerts if a is not None]
    concerns = (
        await session.execute(
            select(
                Concern.carer_user_id, Concern.raised_at, Concern.acknowledged_at, Concern.target_at
            ).where(Concern.organisation_id == org, _between(Concern.raised_at, start, end))
        )
    ).all()
    concern_people = len({c for c, _, _, _ in concerns})
    c_acked = [(c, max(0.0, _span(a, r, "hours")), a <= t) for c, r, a, t in concerns if a is not None]
    in_time = [c for c, _, ok in c_acked if ok]
    closed, closed_people = await _count(
        session,
        func.count(),
        func.count(distinct(Concern.carer_user_id)),
        where=[Concern.organisation_id == org, _between(Concern.closed_at, start, end)],
    )
    return Section(
        "safety",
        _("Crisis alerts and concerns"),
        [
            Figure("alerts", _("Requests for help now (crisis alerts)"), len(alerts), alert_people, "alerts"),
            Figure(
                "alerts_acknowledged",
                _("Crisis alerts acknowledged"),
                len(acked),
                len({c for c, _ in acked}),
                "alerts",
            ),
            *_spread(
                "alert_response",
                _("Time to acknowledge a crisis alert"),
                [m for _, m in acked],
                len({c for c, _ in acked}),
                "minutes",
            ),
            Figure("concerns", _("Concerns raised"), len(concerns), concern_people, "concerns"),
            Figure(
                "concerns_in_time",
                _("Concerns acknowledged within the centre's target"),
                len(in_time),
                len(set(in_time)),
                "concerns",
            ),
            *_spread(
                "concern_response",
                _("Time to acknowledge a concern"),
                [h for _, h, _ in c_acked],
                len({c for c, _, _ in c_acked}),
                "hours",
            ),
            Figure("concerns_closed", _("Concerns closed"), closed, closed_people, "concerns"),
        ],
        _("Counts and response times only: no details of any alert or concern."),
    )


async def _hours_figures(session: AsyncSession, org: uuid.UUID, start: datetime, end: datetime) -> Section:
    got = await hours.figures(session, organisation_id=org, start=start, end=end)
    people = got.buddies
    return Section(
        "hours",
        _("Volunteer hours"),
        [
            Figure("buddies", _("Buddies who gave time"), people, people, "people"),
            Figure("logged", _("Hours buddies logged"), _round(got.minutes_logged / 60), people, "hours"),
            Figure(
                "counted",
                _("Hours counted from check-ins and replies"),
                _round(got.minutes_counted / 60),
                people,
                "hours",
            ),
            Figure("total", _("Volunteer hours in all"), _round(got.total_minutes / 60), people, "hours"),
        ],
    )


async def _outcome_sections(
    session: AsyncSession, org: uuid.UUID, start: datetime, end: datetime
) -> list[Section]:
    sections = []
    for i, measure in enumerate(
        await outcomes.outcome_figures(session, organisation_id=org, start=start, end=end)
    ):
        group = f"outcome_{i}"
        figures = [
            Figure(
                f"answered_{point}",
                str(ANSWERED_WORDS[point])
                if point in ANSWERED_WORDS
                else _("Answered {point}").format(point=point),
                n,
                n,
                "people",
            )
            for point, n in measure.answered.items()
        ]
        c = measure.compared
        figures += [
            Figure("compared", _("People compared"), c, c, "people", group=group),
            Figure(
                "better", _("Better than at first"), measure.better, measure.better, "people", group=group
            ),
            Figure("same", _("The same"), measure.same, measure.same, "people", group=group),
            Figure("worse", _("Worse"), measure.worse, measure.worse, "people", group=group),
            Figure("mean_first", _("Mean first score"), _round(measure.mean_first), c, "score"),
            Figure("mean_latest", _("Mean latest score"), _round(measure.mean_latest), c, "score"),
        ]
        sections.append(
            Section(
                f"outcome_{measure.measure_id}",
                _("Outcome measure: {name}").format(name=measure.name),
                figures,
            )
        )
    return sections


async def _equality_section(
    session: AsyncSession, org: uuid.UUID, start: datetime, end: datetime
) -> Section | None:
    got = await outcomes.equality_figures(session, organisation_id=org, start=start, end=end)
    if not got.consented and not got.questions:
        return None
    figures = [Figure("consented", _("People who agreed to answer"), got.consented, got.consented, "people")]
    for question, answers in got.questions.items():
        q_words = got.words.get(question, question.replace("_", " ").capitalize())
        for answer, n in answers.items():
            a_words = got.words.get(answer, got.words.get(f"{question}.{answer}", answer.replace("_", " ")))
            figures.append(
                Figure(
                    f"{question}.{answer}",
                    _("{question}: {answer}").format(question=q_words, answer=a_words),
                    n,
                    n,
                    "people",
                    group=question,
                )
            )
    return Section(
        "equality", _("Equality monitoring"), figures, _("Only in aggregate, of people who agreed to answer.")
    )


async def _by_month(session: AsyncSession, org: uuid.UUID, period: Period, now: datetime) -> list[Chart]:
    series: list[tuple[str, str, str, Any, Any, Any, list[Any]]] = [
        (
            "referrals_by_month",
            _("Referrals received by month"),
            "people",
            Referral.created_at,
            func.count(),
            None,
            [Referral.organisation_id == org],
        ),
        (
            # By the same date as "Carers new in the period": an imported carer's original referral date.
            "carers_by_month",
            _("New carers by month"),
            "people",
            func.coalesce(Membership.waiting_since, Membership.created_at),
            func.count(),
            None,
            _carers(org),
        ),
        (
            "matches_by_month",
            _("Matches that went live by month"),
            "matches",
            Match.activated_at,
            func.count(),
            func.count(distinct(Match.carer_user_id)),
            [Match.organisation_id == org],
        ),
        (
            # Exactly what "Answered" counts (check-ins due from the plan, up to now, that were answered),
            # each in the month it was due, so the months add up to the figure.
            "answered_by_month",
            _("Check-ins answered, by the month they were due"),
            "check-ins",
            CheckinOccurrence.due_at,
            func.count(),
            func.count(distinct(CheckinOccurrence.carer_user_id)),
            [
                CheckinOccurrence.organisation_id == org,
                CheckinOccurrence.kind == OccurrenceKind.SCHEDULED,
                CheckinOccurrence.due_at <= now,
                CheckinOccurrence.answered_at.is_not(None),
            ],
        ),
    ]
    charts = []
    for key, title, unit, column, counted, people, where in series:
        bars = []
        for month_key, label, start, end in months(period):
            columns = [counted] if people is None else [counted, people]
            got = await _count(session, *columns, where=[*where, _between(column, start, end)])
            bars.append(Figure(month_key, label, got[0], got[-1], unit))
        charts.append(Chart(key, title, "months", unit, bars))
    return charts


async def figures(
    session: AsyncSession, *, organisation_id: uuid.UUID, period: Period, now: datetime
) -> tuple[list[Section], list[Chart]]:
    """Every section and chart of the period, before suppression (no permission check: the caller's)."""
    org, start, end = organisation_id, period.start, period.end
    sections = [
        await _referrals(session, org, start, end),
        await _carer_figures(session, org, start, end),
        await _match_figures(session, org, start, end, now),
        await _checkin_figures(session, org, start, end, now),
        await _wellbeing_figures(session, org, start, end),
        await _safety_figures(session, org, start, end),
        await _hours_figures(session, org, start, end),
        *await _outcome_sections(session, org, start, end),
    ]
    equality = await _equality_section(session, org, start, end)
    if equality is not None:
        sections.append(equality)
    charts = await _by_month(session, org, period, now)
    matches = next(s for s in sections if s.key == "matches")
    charts.append(
        Chart(
            "ended_by_reason",
            _("Matches that ended, by reason"),
            "reasons",
            "matches",
            [f for f in matches.figures if f.group == "ended" and f.key != "ended"],
        )
    )
    wellbeing = {f.key: f for f in next(s for s in sections if s.key == "wellbeing").figures}
    charts.append(
        Chart(
            "wellbeing_compare",
            _("Mean wellbeing: first check-in against latest"),
            "compare",
            "score",
            [wellbeing["mean_first"], wellbeing["mean_latest"]],
        )
    )
    return sections, charts


def suppressed(sections: list[Section], charts: list[Chart]) -> tuple[list[Section], list[Chart]]:
    """The sections and charts with small numbers withheld (a chart bar follows its figure)."""
    shown = [replace(s, figures=suppress(s.figures)) for s in sections]
    by_key = {(s.key, f.key): f for s in shown for f in s.figures}
    section_of = {"ended_by_reason": "matches", "wellbeing_compare": "wellbeing"}
    out = []
    for chart in charts:
        if chart.key in section_of:
            bars = [by_key[(section_of[chart.key], f.key)] for f in chart.bars]
        else:
            bars = suppress([replace(f, group=chart.key) for f in chart.bars])
            bars = [replace(f, group=None) for f in bars]
        out.append(replace(chart, bars=bars))
    return shown, out


# --- the routes' services ----------------------------------------------------------------------------------


async def _summary(scope: Scope, first: str | None, last: str | None) -> Summary:
    organisation = scope.require(can_read_reports, str(REFUSAL))
    period = period_of(first, last, now=scope.now, zone=organisation.time_zone)
    sections, charts = await figures(
        scope.session, organisation_id=organisation.id, period=period, now=scope.now
    )
    sections, charts = suppressed(sections, charts)
    return Summary(organisation.name, period, scope.now, sections, charts)


def _details(period: Period) -> dict[str, Any]:
    return {"from": period.first.isoformat(), "to": period.last.isoformat()}


async def summary(scope: Scope, *, first: str | None, last: str | None) -> Summary:
    """The period's figures, small numbers withheld (coordinators; audited)."""
    got = await _summary(scope, first, last)
    await scope.audit("reports.summary.viewed", details=_details(got.period))
    return got


def summary_rows(got: Summary) -> list[list[object]]:
    """One row a figure: section, figure, value (empty when withheld), words."""
    rows: list[list[object]] = []
    for section in got.sections:
        for f in section.figures:
            rows.append(
                [section.title, f.label, "" if f.suppressed or f.value is None else f.value, words(f)]
            )
    for chart in got.charts:
        if chart.kind != "months":
            continue
        for f in chart.bars:
            rows.append([chart.title, f.label, "" if f.suppressed or f.value is None else f.value, words(f)])
    return rows


def _slug(scope: Scope) -> str:
    return scope.organisation.slug if scope.organisation is not None else "centre"


async def summary_csv(scope: Scope, *, first: str | None, last: str | None) -> Download:
    """The same figures as a CSV (coordinators; audited as an export)."""
    got = await _summary(scope, first, last)
    await scope.audit("reports.summary.exported", details=_details(got.period))
    name = f"{_slug(scope)}-report-{got.period.first.isoformat()}-to-{got.period.last.isoformat()}.csv"
    return Download(name, csv_text(["section", "figure", "value", "words"], summary_rows(got)))
