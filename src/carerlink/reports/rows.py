"""Row-level CSV exports of the centre's own case records: carers, buddies, matches, check-in counts.

Coordinators only, every export audited. Names and contact details are included (they are the centre's
own records); never a free-text note, a reason typed by someone, a wellbeing score or a health detail.
Phone numbers are written as the centre writes them (a UK number "07700 900123"), so a spreadsheet shows
them as they are; and someone brought in who has not accepted their invitation is "invited, not yet
joined", never "active".
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from phonenumbers import NumberParseException
from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import aliased

from carerlink.accounts import phones
from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.checkins.ladder import State
from carerlink.checkins.models import CheckinOccurrence, OccurrenceKind
from carerlink.i18n import N_, _
from carerlink.kit.spreadsheet import csv_text
from carerlink.matching.models import OPEN_STATUSES, Match
from carerlink.organisations.models import Consent, ConsentKind, Membership, MembershipStatus
from carerlink.organisations.scope import Scope
from carerlink.reports.period import period_of
from carerlink.reports.policy import can_read_reports
from carerlink.reports.service import END_REASON_WORDS, REFUSAL, Download

KINDS = ("carers", "buddies", "matches", "checkins")
NOT_YET_JOINED = N_("invited, not yet joined")


def _day(value: datetime | None, zone: str) -> str:
    return value.astimezone(ZoneInfo(zone)).date().isoformat() if value is not None else ""


def _words(value: Any) -> str:
    return str(value.value if hasattr(value, "value") else value or "").replace("_", " ")


def _phone(e164: str | None) -> str:
    """A stored number as the centre writes it: national for the UK ("07700 900123"), else international.

    A UK number then begins with 0 and opens in a spreadsheet as written; "+33 6 12 …" still gets the
    apostrophe every cell beginning "+" gets (``kit.spreadsheet``), so it is never read as a formula.
    """
    if not e164:
        return ""
    try:
        return phones.describe(e164).display
    except NumberParseException:
        return e164


def _first_agreed(org: Any) -> Any:
    """When each person first agreed to the centre's terms: when they joined it.

    Someone brought in from a spreadsheet has a membership from the day of the import, before that;
    accepting their invitation (and the terms) is joining.
    """
    return (
        select(Consent.user_id.label("user_id"), func.min(Consent.given_at).label("agreed_at"))
        .where(Consent.organisation_id == org, Consent.kind == ConsentKind.TERMS)
        .group_by(Consent.user_id)
        .subquery()
    )


def _joining(membership: Membership, agreed_at: datetime | None, zone: str) -> tuple[str, str, str]:
    """(joined carerlink, status, joined on) of a person.

    Someone who never agreed to the terms here has not joined: "no", their status "invited, not yet
    joined" while the membership stands, and no date.
    """
    if agreed_at is None:
        active = membership.status == MembershipStatus.ACTIVE
        status = str(NOT_YET_JOINED) if active else _words(membership.status)
        return _("no"), status, ""
    # A person who agreed earlier in another role joined this role when the membership was made.
    return _("yes"), _words(membership.status), _day(max(agreed_at, membership.created_at), zone)


async def _people(scope: Scope, role: Role, zone: str) -> tuple[list[str], list[list[object]]]:
    org = scope.organisation_id
    other = aliased(User)
    mine = Match.carer_membership_id if role == Role.CARER else Match.buddy_membership_id
    other_id = Match.buddy_user_id if role == Role.CARER else Match.carer_user_id
    totals = (
        select(mine.label("membership_id"), func.count().label("all_matches"))
        .where(Match.organisation_id == org, Match.activated_at.is_not(None))
        .group_by(mine)
        .subquery()
    )
    agreed = _first_agreed(org)
    if role == Role.CARER:
        rows = (
            await scope.session.execute(
                select(
                    User,
                    Membership,
                    agreed.c.agreed_at,
                    Match.status,
                    other.display_name,
                    totals.c.all_matches,
                )
                .join(Membership, Membership.user_id == User.id)
                .outerjoin(agreed, agreed.c.user_id == User.id)
                .outerjoin(Match, and_(mine == Membership.id, Match.status.in_(OPEN_STATUSES)))
                .outerjoin(other, other.id == other_id)
                .outerjoin(totals, totals.c.membership_id == Membership.id)
                .where(Membership.organisation_id == org, Membership.role == role)
                .order_by(User.display_name, Membership.id)
            )
        ).all()
        header = [
            "name",
            "email",
            "phone",
            "joined carerlink",
            "status",
            "joined",
            "waiting since",
            "match",
            "buddy",
            "matches so far",
        ]
        return header, [
            [
                user.display_name,
                user.email,
                _phone(user.phone),
                *_joining(m, agreed_at, zone),
                _day(m.waiting_since or m.created_at, zone),
                _words(status) if status is not None else "none",
                buddy or "",
                int(n or 0),
            ]
            for user, m, agreed_at, status, buddy, n in rows
        ]
    open_count = (
        select(mine.label("membership_id"), func.count().label("open_matches"))
        .where(Match.organisation_id == org, Match.status.in_(OPEN_STATUSES))
        .group_by(mine)
        .subquery()
    )
    rows = (
        await scope.session.execute(
            select(User, Membership, agreed.c.agreed_at, open_count.c.open_matches, totals.c.all_matches)
            .join(Membership, Membership.user_id == User.id)
            .outerjoin(agreed, agreed.c.user_id == User.id)
            .outerjoin(open_count, open_count.c.membership_id == Membership.id)
            .outerjoin(totals, totals.c.membership_id == Membership.id)
            .where(Membership.organisation_id == org, Membership.role == role)
            .order_by(User.display_name, Membership.id)
        )
    ).all()
    header = [
        "name",
        "email",
        "phone",
        "joined carerlink",
        "status",
        "joined",
        "open matches",
        "matches so far",
    ]
    return header, [
        [
            user.display_name,
            user.email,
            _phone(user.phone),
            *_joining(m, agreed_at, zone),
            int(o or 0),
            int(n or 0),
        ]
        for user, m, agreed_at, o, n in rows
    ]


async def _matches(scope: Scope, zone: str) -> tuple[list[str], list[list[object]]]:
    carer, buddy = aliased(User), aliased(User)
    rows = (
        await scope.session.execute(
            select(Match, carer.display_name, buddy.display_name)
            .join(carer, carer.id == Match.carer_user_id)
            .join(buddy, buddy.id == Match.buddy_user_id)
            .where(Match.organisation_id == scope.organisation_id)
            .order_by(Match.proposed_at, Match.id)
        )
    ).all()
    header = ["carer", "buddy", "status", "proposed", "live from", "closed", "ending reason"]
    return header, [
        [
            c,
            b,
            _words(m.status),
            _day(m.proposed_at, zone),
            _day(m.activated_at, zone),
            _day(m.closed_at, zone),
            str(END_REASON_WORDS.get(m.end_reason.value, "")) if m.end_reason is not None else "",
        ]
        for m, c, b in rows
    ]


async def _checkins(
    scope: Scope, zone: str, first: str | None, last: str | None
) -> tuple[str, list[str], list[list[object]]]:
    period = period_of(first, last, now=scope.now, zone=zone)
    o = CheckinOccurrence
    in_period = and_(o.due_at >= period.start, o.due_at < period.end)
    scheduled = and_(in_period, o.kind == OccurrenceKind.SCHEDULED, o.due_at <= scope.now)

    def counted(condition: Any) -> Any:
        return func.sum(case((condition, 1), else_=0))

    carer, buddy = aliased(User), aliased(User)
    counts = (
        select(
            o.match_id.label("match_id"),
            counted(scheduled).label("due"),
            counted(and_(scheduled, o.answered_at.is_not(None))).label("answered"),
            counted(and_(scheduled, o.answered_at.is_(None), o.state == State.MISSED)).label("missed"),
            counted(and_(in_period, o.kind == OccurrenceKind.UNSCHEDULED)).label("started"),
            counted(and_(in_period, o.replied_at.is_not(None))).label("replied"),
        )
        .where(o.organisation_id == scope.organisation_id)
        .group_by(o.match_id)
        .subquery()
    )
    rows = (
        await scope.session.execute(
            select(Match.status, carer.display_name, buddy.display_name, counts)
            .join(counts, counts.c.match_id == Match.id)
            .join(carer, carer.id == Match.carer_user_id)
            .join(buddy, buddy.id == Match.buddy_user_id)
            .where(Match.organisation_id == scope.organisation_id)
            .order_by(carer.display_name, Match.proposed_at, Match.id)
        )
    ).all()
    header = ["carer", "buddy", "match", "due", "answered", "missed", "carer started", "buddy replied"]
    out = [
        [c, b, _words(status), int(due or 0), int(a or 0), int(mi or 0), int(s or 0), int(r or 0)]
        for status, c, b, _, due, a, mi, s, r in rows
    ]
    suffix = f"{period.first.isoformat()}-to-{period.last.isoformat()}"
    return suffix, header, out


async def export(scope: Scope, *, kind: str, first: str | None = None, last: str | None = None) -> Download:
    """One row-level CSV (``kind``: carers, buddies, matches or checkins) of the organisation (audited)."""
    organisation = scope.require(can_read_reports, str(REFUSAL))
    zone = organisation.time_zone
    suffix = scope.now.astimezone(ZoneInfo(zone)).date().isoformat()
    details: dict[str, Any] = {}
    if kind == "carers":
        header, rows = await _people(scope, Role.CARER, zone)
    elif kind == "buddies":
        header, rows = await _people(scope, Role.BUDDY, zone)
    elif kind == "matches":
        header, rows = await _matches(scope, zone)
    else:
        suffix, header, rows = await _checkins(scope, zone, first, last)
        details = {"period": suffix}
    await scope.audit(f"reports.{kind}.exported", details={**details, "rows": len(rows)})
    return Download(f"{organisation.slug}-{kind}-{suffix}.csv", csv_text(header, rows))
