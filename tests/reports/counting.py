"""Each report figure counted again in plain Python over the raw rows (not the reports' SQL)."""

from __future__ import annotations

import math
import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from carerlink.actor import Role
from carerlink.checkins.models import CheckinOccurrence
from carerlink.concerns.models import Concern
from carerlink.db import Database
from carerlink.hours.models import VolunteerTime
from carerlink.matching.models import Match
from carerlink.organisations.models import Membership, Organisation, Referral
from carerlink.safeguarding.models import CrisisAlert

Expected = dict[tuple[str, str], tuple[Any, int]]
Bars = dict[str, list[tuple[str, int, int]]]
LONDON = ZoneInfo("Europe/London")


def bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """The period's instants in the centre's zone (London)."""
    start = datetime.combine(first, time(0), tzinfo=LONDON).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=LONDON).astimezone(UTC)
    return start, end


def _middle(values: list[float]) -> float | None:
    if not values:
        return None
    values = sorted(values)
    n = len(values)
    mid = (values[(n - 1) // 2] + values[n // 2]) / 2
    return round(mid, 1)


def _ninety(values: list[float]) -> float | None:
    if not values:
        return None
    values = sorted(values)
    return round(values[math.ceil(len(values) * 9 / 10) - 1], 1)


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


async def rows(db: Database, org: uuid.UUID) -> dict[str, list[Any]]:
    """Every row the report reads, of one organisation."""
    out: dict[str, list[Any]] = {}
    async with db.session_scope() as session:
        for name, model in (
            ("memberships", Membership),
            ("referrals", Referral),
            ("matches", Match),
            ("checkins", CheckinOccurrence),
            ("alerts", CrisisAlert),
            ("concerns", Concern),
            ("volunteer_time", VolunteerTime),
        ):
            out[name] = list((await session.scalars(select(model).where(model.organisation_id == org))).all())
        organisation = await session.get(Organisation, org)
        assert organisation is not None
        out["minutes_per_reply"] = [organisation.settings.get("volunteer_minutes_per_reply", 0)]
    return out


def count(raw: dict[str, list[Any]], first: date, last: date, now: datetime) -> Expected:  # noqa: C901
    """(section, figure) → (value, people) for the period."""
    s, e = bounds(first, last)

    def within(at: datetime | None, end: datetime = e) -> bool:
        return at is not None and s <= at < end

    x: Expected = {}
    refs = raw["referrals"]
    received = sum(1 for r in refs if within(r.created_at))
    accepted = sum(1 for r in refs if r.status == "accepted" and within(r.decided_at))
    x["referrals", "received"] = (received, received)
    x["referrals", "accepted"] = (accepted, accepted)

    carers = [m for m in raw["memberships"] if m.role == Role.CARER]

    def came(m: Any) -> datetime:
        return m.waiting_since or m.created_at

    new = sum(1 for m in carers if within(came(m)))
    carried = sum(1 for m in carers if came(m) < s and not (m.status == "ended" and m.status_changed_at < s))
    closed = sum(1 for m in carers if m.status == "ended" and within(m.status_changed_at))
    x["carers", "new"] = (new, new)
    x["carers", "carried_over"] = (carried, carried)
    x["carers", "closed"] = (closed, closed)
    first_live: dict[uuid.UUID, datetime] = {}
    for match in raw["matches"]:
        if match.activated_at is not None:
            known = first_live.get(match.carer_membership_id)
            if known is None or match.activated_at < known:
                first_live[match.carer_membership_id] = match.activated_at
    by_id = {m.id: m for m in carers}
    waits = [
        max(0.0, (live - (by_id[m].waiting_since or by_id[m].created_at)).total_seconds() / 86400)
        for m, live in first_live.items()
        if within(live)
    ]
    x["carers", "first_matched"] = (len(waits), len(waits))
    x["carers", "waiting_median"] = (_middle(waits), len(waits))
    x["carers", "waiting_p90"] = (_ninety(waits), len(waits))

    matches = raw["matches"]
    made = [m for m in matches if within(m.activated_at)]
    x["matches", "made"] = (len(made), len({m.carer_user_id for m in made}))
    at = min(e - timedelta(microseconds=1), now)
    live = [
        m
        for m in matches
        if m.activated_at is not None and m.activated_at <= at and (m.closed_at is None or m.closed_at > at)
    ]
    x["matches", "active"] = (len(live), len({m.carer_user_id for m in live}))
    ended = [m for m in matches if m.status == "ended" and within(m.closed_at)]
    x["matches", "ended"] = (len(ended), len({m.carer_user_id for m in ended}))
    reasons: dict[str, list[Match]] = defaultdict(list)
    for m in ended:
        reasons[m.end_reason.value if m.end_reason else "unrecorded"].append(m)
    for reason, group in reasons.items():
        x["matches", f"ended_{reason}"] = (len(group), len({m.carer_user_id for m in group}))

    checkins = raw["checkins"]
    due = [c for c in checkins if c.kind == "scheduled" and within(c.due_at) and c.due_at <= now]
    answered = [c for c in due if c.answered_at is not None]
    missed = [c for c in due if c.answered_at is None and c.state == "missed"]
    waiting = [c for c in due if c.answered_at is None and c.state != "missed"]
    for key, group in (("due", due), ("answered", answered), ("missed", missed), ("not_yet", waiting)):
        x["checkins", key] = (len(group), len({c.carer_user_id for c in group}))
    started = [c for c in checkins if c.kind == "unscheduled" and within(c.due_at)]
    x["checkins", "started"] = (len(started), len({c.carer_user_id for c in started}))
    replied = [c for c in checkins if within(c.answered_at) and c.replied_at is not None]
    hours = [(c.replied_at - c.answered_at).total_seconds() / 3600 for c in replied]
    buddies = len({c.buddy_user_id for c in replied})
    x["checkins", "replied"] = (len(replied), buddies)
    x["checkins", "reply_median"] = (_middle(hours), buddies)
    x["checkins", "reply_p90"] = (_ninety(hours), buddies)

    per_carer: dict[uuid.UUID, list[CheckinOccurrence]] = defaultdict(list)
    for c in checkins:
        if c.answered_at is not None and c.wellbeing is not None and c.answered_at < e:
            per_carer[c.carer_user_id].append(c)
    pairs = []
    for answers in per_carer.values():
        answers.sort(key=lambda c: (c.answered_at, c.id.int))
        if len(answers) >= 2 and answers[-1].answered_at >= s:
            pairs.append((answers[0].wellbeing, answers[-1].wellbeing))
    better = sum(1 for a, b in pairs if b > a)
    same = sum(1 for a, b in pairs if b == a)
    worse = sum(1 for a, b in pairs if b < a)
    x["wellbeing", "compared"] = (len(pairs), len(pairs))
    x["wellbeing", "better"] = (better, better)
    x["wellbeing", "same"] = (same, same)
    x["wellbeing", "worse"] = (worse, worse)
    x["wellbeing", "mean_first"] = (_mean([a for a, _ in pairs]), len(pairs))
    x["wellbeing", "mean_latest"] = (_mean([b for _, b in pairs]), len(pairs))

    alerts = [a for a in raw["alerts"] if within(a.raised_at)]
    acked = [a for a in alerts if a.acknowledged_at is not None]
    x["safety", "alerts"] = (len(alerts), len({a.carer_user_id for a in alerts}))
    x["safety", "alerts_acknowledged"] = (len(acked), len({a.carer_user_id for a in acked}))
    minutes = [(a.acknowledged_at - a.raised_at).total_seconds() / 60 for a in acked]
    x["safety", "alert_response_median"] = (_middle(minutes), len({a.carer_user_id for a in acked}))
    x["safety", "alert_response_p90"] = (_ninety(minutes), len({a.carer_user_id for a in acked}))
    concerns = [c for c in raw["concerns"] if within(c.raised_at)]
    c_acked = [c for c in concerns if c.acknowledged_at is not None]
    in_time = [c for c in c_acked if c.acknowledged_at <= c.target_at]
    closed_c = [c for c in raw["concerns"] if within(c.closed_at)]
    x["safety", "concerns"] = (len(concerns), len({c.carer_user_id for c in concerns}))
    x["safety", "concerns_in_time"] = (len(in_time), len({c.carer_user_id for c in in_time}))
    c_hours = [(c.acknowledged_at - c.raised_at).total_seconds() / 3600 for c in c_acked]
    x["safety", "concern_response_median"] = (_middle(c_hours), len({c.carer_user_id for c in c_acked}))
    x["safety", "concern_response_p90"] = (_ninety(c_hours), len({c.carer_user_id for c in c_acked}))
    x["safety", "concerns_closed"] = (len(closed_c), len({c.carer_user_id for c in closed_c}))

    # Volunteer hours: a logged day counts when its midnight in London is in the period; each answered
    # check-in of a buddy's carers and each reply the buddy wrote counts the centre's minutes.
    per_reply = raw["minutes_per_reply"][0]
    given: dict[uuid.UUID, list[int]] = defaultdict(lambda: [0, 0])
    for entry in raw["volunteer_time"]:
        if within(datetime.combine(entry.given_on, time(0), tzinfo=LONDON)):
            given[entry.user_id][0] += entry.minutes
    for c in checkins:
        if within(c.answered_at):
            given[c.buddy_user_id][1] += per_reply
        if within(c.replied_at) and c.replied_by_user_id == c.buddy_user_id:
            given[c.buddy_user_id][1] += per_reply
    gave = sum(1 for logged, counted in given.values() if logged + counted > 0)
    logged_minutes = sum(logged for logged, _ in given.values())
    counted_minutes = sum(counted for _, counted in given.values())
    x["hours", "buddies"] = (gave, gave)
    x["hours", "logged"] = (round(logged_minutes / 60, 1), gave)
    x["hours", "counted"] = (round(counted_minutes / 60, 1), gave)
    x["hours", "total"] = (round((logged_minutes + counted_minutes) / 60, 1), gave)
    return x


def month_bounds(first: date, last: date) -> list[tuple[str, datetime, datetime]]:
    """Each calendar month the period touches, clipped to it, as ("2026-01", start, end) in London."""
    out = []
    year, month = first.year, first.month
    while date(year, month, 1) <= last:
        following = (year + 1, 1) if month == 12 else (year, month + 1)
        month_first = max(date(year, month, 1), first)
        month_last = min(date(*following, 1) - timedelta(days=1), last)
        out.append((f"{year:04d}-{month:02d}", *bounds(month_first, month_last)))
        year, month = following
    return out


def count_bars(raw: dict[str, list[Any]], first: date, last: date, now: datetime) -> Bars:
    """chart → [(month, value, people)]: each monthly chart's bars, counted from the raw rows."""
    carers = [m for m in raw["memberships"] if m.role == Role.CARER]
    answered = [
        c for c in raw["checkins"] if c.kind == "scheduled" and c.due_at <= now and c.answered_at is not None
    ]
    series: dict[str, list[tuple[datetime | None, Any]]] = {
        "referrals_by_month": [(r.created_at, r.id) for r in raw["referrals"]],
        "carers_by_month": [(m.waiting_since or m.created_at, m.id) for m in carers],
        "matches_by_month": [(m.activated_at, m.carer_user_id) for m in raw["matches"]],
        "answered_by_month": [(c.due_at, c.carer_user_id) for c in answered],
    }
    bars: Bars = {}
    for chart, events in series.items():
        bars[chart] = []
        for key, start, end in month_bounds(first, last):
            inside = [who for at, who in events if at is not None and start <= at < end]
            bars[chart].append((key, len(inside), len(set(inside))))
    return bars


# Which figure each monthly chart breaks down by month (its months add up to it).
CHART_FIGURE = {
    "referrals_by_month": ("referrals", "received"),
    "carers_by_month": ("carers", "new"),
    "matches_by_month": ("matches", "made"),
    "answered_by_month": ("checkins", "answered"),
}
