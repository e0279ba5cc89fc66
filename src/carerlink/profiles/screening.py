"""Whether a buddy can be matched, derived (never stored) from their screening, with the reasons why not.

DOMAIN.md "Buddies": matchable only when approved by the organisation, required training complete and
in date, the safeguarding check the role needs recorded and not past its recheck date, not paused (a
pause with an end date ends by itself on it), and with a free place. And a buddy is an adult: they
have confirmed they are 18 or over. Young-carers clearance does not lift that: it clears an adult to
support under-18 carers (a check covering work with children), it is not a pathway for children to be
buddies (DOMAIN.md names none). Pure: the service gathers the records, this decides.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from dateutil.relativedelta import relativedelta

from carerlink.i18n import N_
from carerlink.profiles.vocabulary import CHILDREN_CHECKS, CheckType

# Coordinators are warned this many days before a check's recheck date, unless the organisation
# chooses its own window (``settings.recheck_warning_days``, issue 11).
DEFAULT_RECHECK_WARNING_DAYS = 30


def pause_holds(paused: bool, paused_until: date | None, today: date) -> bool:
    """Whether a buddy's pause holds on ``today`` (the organisation's date).

    A pause with an end date ends by itself on that date, with no job and no change to the database:
    ``paused_until`` is the day the buddy is available again (issue 11). Everything that shows or uses a
    pause (screening, the buddy's own reads, their home) asks this, never ``paused`` alone.
    """
    return paused and (paused_until is None or today < paused_until)


def recheck_warning_days(settings: Mapping[str, Any]) -> int:
    """How many days before a check's recheck date the organisation wants to be warned."""
    value = settings.get("recheck_warning_days")
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return DEFAULT_RECHECK_WARNING_DAYS


def recheck_soon(recheck_due: date | None, today: date, window_days: int) -> bool:
    """Whether a check runs out within the warning window (or already has)."""
    return recheck_due is not None and recheck_due <= today + timedelta(days=window_days)


@dataclass(frozen=True, slots=True)
class Course:
    """A training course as screening sees it."""

    id: uuid.UUID
    name: str
    required: bool
    valid_months: int | None


@dataclass(frozen=True, slots=True)
class Check:
    """The latest safeguarding check recorded for a buddy."""

    check_type: CheckType
    reference: str
    issued_on: date
    recheck_due: date


@dataclass(frozen=True, slots=True)
class CourseState:
    """Where a buddy stands on one course."""

    course: Course
    completed_on: date | None
    expires_on: date | None
    state: str  # "complete", "expired" or "missing"


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a buddy cannot be matched yet, in a code and in words.

    The words are kept as their message and values and put in the reader's language when read
    (``message``): an assessment is cached, and read in whichever language the request is in.
    """

    code: str
    words: Any  # an N_ message
    values: tuple[tuple[str, Any], ...] = ()

    @property
    def message(self) -> str:
        """The words in the current language."""
        return str(self.words).format(**dict(self.values)) if self.values else str(self.words)


@dataclass(frozen=True, slots=True)
class Assessment:
    """A buddy's screening: each part, whether they can be matched, and why not."""

    courses: tuple[CourseState, ...]
    check: Check | None
    check_state: str  # "ok", "missing", "not_accepted" or "overdue"
    approved: bool
    young_carers_cleared: bool
    reasons: tuple[Reason, ...]
    paused: bool = False  # the pause holds today (``pause_holds``)
    paused_until: date | None = None  # when it ends by itself, while it holds

    @property
    def matchable(self) -> bool:
        """No reason stands in the way."""
        return not self.reasons

    @property
    def screened(self) -> bool:
        """Approved, trained and checked (whatever their pause and places)."""
        return not any(r.code in SCREENING_CODES for r in self.reasons)


SCREENING_CODES = frozenset(
    {
        "not_adult",
        "not_approved",
        "training_missing",
        "training_expired",
        "check_missing",
        "check_not_accepted",
        "check_overdue",
    }
)


# Why a check that is not "ok" stands in the way.
CHECK_REASONS = {
    "missing": Reason("check_missing", N_("No safeguarding check has been recorded.")),
    "not_accepted": Reason("check_not_accepted", N_("The recorded check is not the kind this role needs.")),
    "overdue": Reason("check_overdue", N_("The safeguarding check is past its recheck date.")),
}


@lru_cache(maxsize=4096)
def _expires_on(completed_on: date, valid_months: int) -> date:
    # relativedelta keeps month ends sensible (31 January + 1 month = 28 February); cached, as a
    # whole pool of buddies shares a few dozen completion dates.
    expires: date = completed_on + relativedelta(months=valid_months)
    return expires


def course_state(course: Course, completed_on: date | None, today: date) -> CourseState:
    """Complete, expired or missing, with the day the completion runs out."""
    if completed_on is None:
        return CourseState(course=course, completed_on=None, expires_on=None, state="missing")
    expires_on = _expires_on(completed_on, course.valid_months) if course.valid_months else None
    state = "expired" if expires_on is not None and today >= expires_on else "complete"
    return CourseState(course=course, completed_on=completed_on, expires_on=expires_on, state=state)


def check_state(check: Check | None, accepted: Collection[CheckType], today: date) -> str:
    """Whether the recorded check is the kind the role needs and not past its recheck date."""
    if check is None:
        return "missing"
    if check.check_type not in accepted:
        return "not_accepted"
    if today > check.recheck_due:
        return "overdue"
    return "ok"


def assess(
    *,
    has_profile: bool,
    confirmed_adult: bool,
    paused: bool,
    capacity: int,
    places_taken: int,
    approved: bool,
    young_carers_granted: bool,
    courses: Sequence[Course],
    completions: Mapping[uuid.UUID, date],
    check: Check | None,
    accepted_checks: Collection[CheckType],
    today: date,
    paused_until: date | None = None,
) -> Assessment:
    """Decide whether a buddy can be matched today, listing every reason they cannot."""
    states = tuple(course_state(c, completions.get(c.id), today) for c in courses)
    current_check = check_state(check, accepted_checks, today)
    reasons: list[Reason] = []
    if not has_profile:
        reasons.append(Reason("no_profile", N_("The buddy hasn't filled in their profile yet.")))
    elif not confirmed_adult:
        reasons.append(Reason("not_adult", N_("The buddy hasn't confirmed they are 18 or over.")))
    if not approved:
        reasons.append(Reason("not_approved", N_("A coordinator hasn't approved this buddy yet.")))
    for state in states:
        if not state.course.required:
            continue
        if state.state == "missing":
            reasons.append(
                Reason(
                    "training_missing",
                    N_("Required training not done: {course}."),
                    (("course", state.course.name),),
                )
            )
        elif state.state == "expired":
            reasons.append(
                Reason(
                    "training_expired",
                    N_("Required training out of date: {course}."),
                    (("course", state.course.name),),
                )
            )
    if current_check in CHECK_REASONS:
        reasons.append(CHECK_REASONS[current_check])
    paused_now = pause_holds(paused, paused_until, today)
    if paused_now:
        reasons.append(_pause_reason(paused_until))
    if has_profile and places_taken >= capacity:
        reasons.append(Reason("full", N_("The buddy has no free places.")))
    cleared = (
        young_carers_granted
        and confirmed_adult
        and current_check == "ok"
        and check is not None
        and check.check_type in CHILDREN_CHECKS
    )
    return Assessment(
        courses=states,
        check=check,
        check_state=current_check,
        approved=approved,
        young_carers_cleared=cleared,
        reasons=tuple(reasons),
        paused=paused_now,
        paused_until=paused_until if paused_now else None,
    )


def _pause_reason(paused_until: date | None) -> Reason:
    """``pause_words`` as a reason, put in the reader's language when read."""
    if paused_until is None:
        return Reason("paused", N_("The buddy has paused new matches."))
    day, month = _DAYS[paused_until.weekday()], _MONTHS[paused_until.month - 1]
    return Reason(
        "paused",
        N_("The buddy has paused new matches until {day} {date} {month} {year}."),
        (("day", day), ("date", str(paused_until.day)), ("month", month), ("year", str(paused_until.year))),
    )


def pause_words(paused_until: date | None) -> str:
    """Why a paused buddy cannot be matched, with the day they are back when they gave one."""
    if paused_until is None:
        return "The buddy has paused new matches."
    # English month and day names whatever the process locale (C by default; never set here).
    day, month = _DAYS[paused_until.weekday()], _MONTHS[paused_until.month - 1]
    return f"The buddy has paused new matches until {day} {paused_until.day} {month} {paused_until.year}."


_DAYS = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)
_MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)
