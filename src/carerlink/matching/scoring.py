"""Matching explained in words: each factor's value, as the rules in ``vectors.py`` give it, in plain words.

Pure (no database, no Litestar). The hard rules and the factors are computed once, vectorised
(``vectors.py``); one pair is a one-row call there, and ``explain`` words the values it returns, so an
explanation can never disagree with the score a batch gave the same pair. ``exclusion``,
``factor_values``, ``contributions`` and ``score`` are re-exported from there for callers of one pair.

Coordinators read the whole explanation; the carer and the buddy read only ``shared_explanation``, the
reasons safe to say to both of them.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel.lists import format_list

from carerlink import i18n
from carerlink.i18n import N_, _, ngettext
from carerlink.matching.facts import (
    AVAILABILITY_FULL,
    YEARS_AHEAD,
    BuddyFacts,
    CarerFacts,
    Context,
    Exclusion,
    Factor,
    Preferences,
    Weights,
)
from carerlink.matching.vectors import PairRules, contributions, exclusion, factor_values, pair_rules, score
from carerlink.profiles.vocabulary import (
    CARED_FOR_PHRASE,
    CONTACT_PHRASE,
    DAY_NAME,
    GENDER_PHRASE,
    JOURNEY_PHRASE,
    MENTAL_HEALTH_PHRASE,
    NEED_PHRASE,
    WEEKDAYS,
    ContactMode,
    Day,
    DayPart,
    JourneyStage,
    MentalHealthNeed,
    Need,
    Relationship,
    language_name,
)

__all__ = [
    "AVAILABILITY_FULL",
    "NEUTRAL_SUMMARY",
    "REASON_THRESHOLD",
    "SHARED_FACTORS",
    "YEARS_AHEAD",
    "BuddyFacts",
    "CarerFacts",
    "Context",
    "Exclusion",
    "Explanation",
    "Factor",
    "Point",
    "Preferences",
    "Reader",
    "SharedExplanation",
    "Weights",
    "contributions",
    "describe_slots",
    "exclusion",
    "explain",
    "factor_values",
    "score",
    "shared_explanation",
]

# A factor counts as a reason from this value up; below it, as a compromise.
REASON_THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class Point:
    """One reason for (or compromise in) a match, tied to the factor it explains."""

    factor: Factor
    text: str
    value: float
    contribution: float  # points of the 0-100 score this factor gave


@dataclass(frozen=True, slots=True)
class Explanation:
    """A score with its plain-language reasons (best first) and compromises."""

    score: float
    reasons: tuple[Point, ...]
    compromises: tuple[Point, ...]
    summary: str


def _first_name(name: str) -> str:
    return name.split()[0] if name.strip() else name


# --- explanations ---------------------------------------------------------------------------------


# Who reads an explanation (issue 11): a coordinator reads about two other people ("Sam and Priya
# both…", "Priya is further along"); the carer reads "You both…" and the buddy's name; the buddy reads
# "You both…" and "You're further along".
Reader = Literal["coordinator", "carer", "buddy"]


@dataclass(frozen=True, slots=True)
class _Voice:
    """Who the reader is, and the first names of the pair (issue 17: each sentence is whole, per reader).

    ``pair_you``: the reader is one of the pair ("You both…"), else a coordinator ("Sam and Priya
    both…"); ``buddy_you``: the reader is the buddy ("You're further along").
    """

    carer: str
    buddy: str
    pair_you: bool
    buddy_you: bool

    def pair(self, you: str, names: str, **values: object) -> str:
        """The sentence about the pair, as the reader says it (both already translated)."""
        return (you if self.pair_you else names).format(carer=self.carer, buddy=self.buddy, **values)

    def of_buddy(self, you: str, named: str, **values: object) -> str:
        """The sentence about the buddy, as the reader says it (both already translated)."""
        return (you if self.buddy_you else named).format(buddy=self.buddy, carer=self.carer, **values)


def _voice(carer: CarerFacts, buddy: BuddyFacts, reader: Reader) -> _Voice:
    return _Voice(
        carer=_first_name(carer.name),
        buddy=_first_name(buddy.name),
        pair_you=reader != "coordinator",
        buddy_you=reader == "buddy",
    )


def _english() -> bool:
    return i18n.current() in (i18n.DEFAULT, i18n.PSEUDO)


def _babel_locale() -> str:
    return i18n.current().replace("-", "_")


def join_words(words: Sequence[object]) -> str:
    """Words joined as a list in the reader's language: "a, b and c" (each word made a string)."""
    texts = [str(w) for w in words]
    if len(texts) <= 1:
        return "".join(texts)
    if _english():
        return ", ".join(texts[:-1]) + " and " + texts[-1]
    joined = format_list(texts, locale=_babel_locale())
    # Welsh's list pattern leaves "a(c)" to the writer: "ac" before a vowel, "a" otherwise.
    return re.sub(
        r"a\(c\) (\w)", lambda m: ("ac " if m[1].lower() in "aeiouwyâêîôûŵŷ" else "a ") + m[1], joined
    )


def language_words(code: str) -> str:
    """A language's name in the reader's language (the English name when not known there)."""
    if not _english():
        with contextlib.suppress(ValueError, UnknownLocaleError):
            name = Locale.parse(_babel_locale()).languages.get(code)
            if name:
                return str(name)
    return language_name(code)


def _day_name(day: Day) -> str:
    if not _english():
        with contextlib.suppress(ValueError, UnknownLocaleError):
            return str(Locale.parse(_babel_locale()).days["format"]["wide"][list(Day).index(day)])
    return DAY_NAME[day]


def _slot_phrases(part: DayPart) -> tuple[str, str, str, str, str]:
    """Every, weekdays, weekdays and some weekend days, weekends, some days: for one part of the day."""
    if part == DayPart.MORNING:
        return (
            _("every morning"),
            _("weekday mornings"),
            _("weekday mornings and {days} mornings"),
            _("weekend mornings"),
            _("{days} mornings"),
        )
    if part == DayPart.AFTERNOON:
        return (
            _("every afternoon"),
            _("weekday afternoons"),
            _("weekday afternoons and {days} afternoons"),
            _("weekend afternoons"),
            _("{days} afternoons"),
        )
    return (
        _("every evening"),
        _("weekday evenings"),
        _("weekday evenings and {days} evenings"),
        _("weekend evenings"),
        _("{days} evenings"),
    )


def describe_slots(mask: int) -> str:
    """Free times in words: "weekday evenings and Saturday mornings"."""
    phrases: list[str] = []
    for part_index, part in enumerate(DayPart):
        days = [day for day_index, day in enumerate(Day) if mask >> (day_index * 3 + part_index) & 1]
        if not days:
            continue
        every, weekday, weekday_and, weekend_only, some = _slot_phrases(part)
        weekdays = [d for d in days if d in WEEKDAYS]
        weekend = [d for d in days if d not in WEEKDAYS]
        if len(days) == len(Day):
            phrases.append(every)
        elif len(weekdays) == len(WEEKDAYS):
            if weekend:
                phrases.append(weekday_and.format(days=join_words([_day_name(d) for d in weekend])))
            else:
                phrases.append(weekday)
        elif weekend == [Day.SAT, Day.SUN] and not weekdays:
            phrases.append(weekend_only)
        else:
            phrases.append(some.format(days=join_words([_day_name(d) for d in days])))
    return join_words(phrases)


def _shared_cared_for(carer: CarerFacts, buddy: BuddyFacts) -> str:
    shared = sorted((carer.relationships & buddy.relationships) - {Relationship.OTHER})
    return join_words([CARED_FOR_PHRASE[r] for r in shared])


def _shared_needs(carer: CarerFacts, buddy: BuddyFacts) -> str:
    shared = ((carer.needs or frozenset()) & buddy.needs) - {Need.OTHER}
    phrases: list[object] = [NEED_PHRASE[n] for n in sorted(shared - {Need.MENTAL_HEALTH})]
    mental = sorted((carer.mental_health & buddy.mental_health) - {MentalHealthNeed.OTHER})
    if Need.MENTAL_HEALTH in shared:
        phrases += [MENTAL_HEALTH_PHRASE[m] for m in mental]
    return join_words(phrases[:3])


def _relationship_text(carer: CarerFacts, buddy: BuddyFacts, value: float, voice: _Voice) -> str:
    if value >= 1.0:
        return voice.pair(
            _("You both care for {who}"),
            _("{carer} and {buddy} both care for {who}"),
            who=_shared_cared_for(carer, buddy),
        )
    if value > 0:
        return voice.pair(
            _("You are both parents caring for a son or daughter"),
            _("{carer} and {buddy} are both parents caring for a son or daughter"),
        )
    return voice.pair(
        _("You don't care for the same kind of relative or friend"),
        _("{carer} and {buddy} don't care for the same kind of relative or friend"),
    )


def _needs_text(carer: CarerFacts, buddy: BuddyFacts, value: float, voice: _Voice) -> str:
    if value >= 1.0:
        return voice.pair(
            _("You both care for someone with {needs}"),
            _("{carer} and {buddy} both care for someone with {needs}"),
            needs=_shared_needs(carer, buddy),
        )
    if value >= 0.8:
        return voice.pair(
            _("You both care for someone with a mental health condition"),
            _("{carer} and {buddy} both care for someone with a mental health condition"),
        )
    if value > 0:
        return voice.pair(
            _("You both care for someone with a mental health condition, though not the same one"),
            _(
                "{carer} and {buddy} both care for someone with a mental health condition, though not the same one"  # noqa: E501
            ),
        )
    return voice.of_buddy(
        _("You haven't cared for someone with the same needs"),
        _("{buddy} hasn't cared for someone with the same needs"),
    )


def _journey_text(carer: CarerFacts, buddy: BuddyFacts, value: float, voice: _Voice) -> str:
    longer = buddy.years_caring - carer.years_caring
    if value >= 1.0:
        stage = str(JOURNEY_PHRASE[buddy.stage])
        if longer >= YEARS_AHEAD:
            return voice.of_buddy(
                ngettext(
                    "You're further along: {stage}, and have been caring {count} year longer",
                    "You're further along: {stage}, and have been caring {count} years longer",
                    longer,
                ),
                ngettext(
                    "{buddy} is further along: {stage}, and has been caring {count} year longer",
                    "{buddy} is further along: {stage}, and has been caring {count} years longer",
                    longer,
                ),
                stage=stage,
                count=longer,
            )
        return voice.of_buddy(
            _("You're further along: {stage}"), _("{buddy} is further along: {stage}"), stage=stage
        )
    if value > 0:
        return voice.of_buddy(
            ngettext(
                "You have been caring {count} year longer",
                "You have been caring {count} years longer",
                longer,
            ),
            ngettext(
                "{buddy} has been caring {count} year longer",
                "{buddy} has been caring {count} years longer",
                longer,
            ),
            count=longer,
        )
    if buddy.stage == JourneyStage.CRISIS:
        return voice.of_buddy(
            _("You're not further along just now"), _("{buddy} is not further along just now")
        )
    return voice.of_buddy(
        _("You're at a similar or earlier stage of caring"),
        _("{buddy} is at a similar or earlier stage of caring"),
    )


def _language_text(carer: CarerFacts, buddy: BuddyFacts, value: float, voice: _Voice) -> str:
    if value >= 1.0:
        return voice.pair(
            _("You both speak {language}"),
            _("{carer} and {buddy} both speak {language}"),
            language=language_words(carer.preferred_language),
        )
    shared = sorted(carer.languages & buddy.languages)
    if shared:
        return _("No shared language other than {languages}").format(
            languages=join_words([language_words(c) for c in shared])
        )
    return _("No shared language: an interpreter will be needed")


def _area_text(carer: CarerFacts, buddy: BuddyFacts, value: float, voice: _Voice) -> str:
    if value >= 1.0:
        return voice.pair(
            _("You live close to each other"), _("{carer} and {buddy} live close to each other")
        )
    if value >= 0.6:
        return voice.pair(
            _("You live in the same part of the country, near enough to meet"),
            _("{carer} and {buddy} live in the same part of the country, near enough to meet"),
        )
    if value > 0:
        return voice.pair(
            _("You live in the same region, but not close by for meeting in person"),
            _("{carer} and {buddy} live in the same region, but not close by for meeting in person"),
        )
    if ContactMode.IN_PERSON not in buddy.contact_modes:
        return voice.of_buddy(_("You don't meet in person"), _("{buddy} doesn't meet in person"))
    return voice.pair(
        _("You live too far apart to meet in person easily"),
        _("{carer} and {buddy} live too far apart to meet in person easily"),
    )


def _availability_text(carer: CarerFacts, buddy: BuddyFacts, value: float, voice: _Voice) -> str:
    shared = carer.availability & buddy.availability
    if value >= REASON_THRESHOLD:
        return voice.pair(
            _("You're both free on {times}"),
            _("{carer} and {buddy} are both free on {times}"),
            times=describe_slots(shared),
        )
    if shared:
        return _("Only one free time in common: {times}").format(times=describe_slots(shared))
    return _("No free times in common")


def _contact_text(carer: CarerFacts, buddy: BuddyFacts, value: float, voice: _Voice) -> str:
    shared = [m for m in ContactMode if m in carer.contact_modes & buddy.contact_modes]
    if shared:
        return voice.pair(
            _("You're both happy with {ways}"),
            _("{carer} and {buddy} are both happy with {ways}"),
            ways=join_words([CONTACT_PHRASE[m] for m in shared]),
        )
    return _("No way of keeping in touch in common")


def _nice_text(
    carer: CarerFacts, buddy: BuddyFacts, met: dict[str, bool], value: float, voice: _Voice
) -> str:
    names = {"buddy": voice.buddy, "carer": voice.carer}
    genders = join_words([GENDER_PHRASE[g] for g in sorted(carer.preferences.genders)]) or _(
        "a particular gender"
    )
    language = language_words(carer.preferred_language)
    words = {
        ("gender", True): lambda: _("{buddy} is {genders}, as {carer} would like").format(
            genders=genders, **names
        ),
        ("gender", False): lambda: _("{buddy} is not {genders}, as {carer} would have liked").format(
            genders=genders, **names
        ),
        ("background", True): lambda: voice.pair(
            _("You share a cultural or faith background"),
            _("{carer} and {buddy} share a cultural or faith background"),
        ),
        ("background", False): lambda: voice.pair(
            _("You don't share a cultural or faith background"),
            _("{carer} and {buddy} don't share a cultural or faith background"),
        ),
        ("language", True): lambda: _("{buddy} speaks {language}").format(language=language, **names),
        ("language", False): lambda: _("{buddy} doesn't speak {language}").format(language=language, **names),
    }
    good = "; ".join(words[(w, True)]() for w, ok in met.items() if ok)
    bad = "; ".join(words[(w, False)]() for w, ok in met.items() if not ok)
    if good and bad:
        if value >= REASON_THRESHOLD:
            return _("{good}; but {bad}").format(good=good, bad=bad)
        return _("{bad}; but {good}").format(good=good, bad=bad)
    return good or bad


def _load_text(buddy: BuddyFacts, slot: int, value: float) -> str:
    name = _first_name(buddy.name)
    taken = buddy.load + slot
    if value >= REASON_THRESHOLD:
        return _("{buddy} has room ({taken} of {capacity} places taken)").format(
            buddy=name, taken=taken, capacity=buddy.capacity
        )
    return ngettext(
        "{buddy} already supports {count} carer ({capacity} places)",
        "{buddy} already supports {count} carers ({capacity} places)",
        taken,
    ).format(buddy=name, count=taken, capacity=buddy.capacity)


def explain(
    carer: CarerFacts,
    buddy: BuddyFacts,
    weights: Weights,
    *,
    slot: int = 0,
    reader: Reader = "coordinator",
    rules: PairRules | None = None,
) -> Explanation:
    """The score of a pair with every weighted factor that applies, as a reason or a compromise.

    Worded for ``reader`` (issue 11): a coordinator reads the two people's names. ``rules`` are the
    pair's values when the caller already has them from a batch (else a one-row call gives them).
    """
    rules = rules if rules is not None else pair_rules(carer, buddy, slot=slot)
    values = rules.values
    points = contributions(values, weights)
    voice = _voice(carer, buddy, reader)
    texts = {
        Factor.RELATIONSHIP: lambda v: _relationship_text(carer, buddy, v, voice),
        Factor.NEEDS: lambda v: _needs_text(carer, buddy, v, voice),
        Factor.JOURNEY: lambda v: _journey_text(carer, buddy, v, voice),
        Factor.LANGUAGE: lambda v: _language_text(carer, buddy, v, voice),
        Factor.AREA: lambda v: _area_text(carer, buddy, v, voice),
        Factor.AVAILABILITY: lambda v: _availability_text(carer, buddy, v, voice),
        Factor.CONTACT_MODES: lambda v: _contact_text(carer, buddy, v, voice),
        Factor.NICE_TO_HAVE: lambda v: _nice_text(carer, buddy, rules.wishes_met, v, voice),
        Factor.LOAD: lambda v: _load_text(buddy, slot, v),
    }
    reasons: list[Point] = []
    compromises: list[Point] = []
    for factor, value in values.items():
        if weights.of(factor) == 0:
            continue
        point = Point(factor=factor, text=texts[factor](value), value=value, contribution=points[factor])
        (reasons if value >= REASON_THRESHOLD else compromises).append(point)
    reasons.sort(key=lambda p: -p.contribution)
    compromises.sort(key=lambda p: p.value)
    return Explanation(
        score=sum(points.values()),
        reasons=tuple(reasons),
        compromises=tuple(compromises),
        summary=_summary(carer, buddy, reasons, compromises, voice),
    )


# --- what the carer and the buddy may see ---------------------------------------------------------

# The reasons safe to say to both people of a pair: what they have in common, in words either may read.
# An allow-list, so a factor added later stays with coordinators until someone decides otherwise. Left
# out on purpose: the buddy's load (their capacity is their own business), the carer's wishes met or
# not (gender, culture, faith, language are the carer's to tell), the area (where someone lives), and
# every compromise.
SHARED_FACTORS = frozenset(
    {
        Factor.RELATIONSHIP,
        Factor.NEEDS,
        Factor.JOURNEY,
        Factor.LANGUAGE,
        Factor.AVAILABILITY,
        Factor.CONTACT_MODES,
    }
)
NEUTRAL_SUMMARY = N_("Your coordinator thinks you'll get on.")


@dataclass(frozen=True, slots=True)
class SharedExplanation:
    """The part of an explanation the carer and the buddy may both read: no score, no compromises."""

    reasons: tuple[Point, ...]
    summary: str


def shared_explanation(explanation: Explanation, *, needs_shared: bool) -> SharedExplanation:
    """The reasons of ``explanation`` safe to show to both people of the pair, with a summary of them.

    ``needs_shared`` is whether the carer has consented to share the cared-for person's needs; without
    it, a needs reason is dropped even if one was computed.
    """
    allowed = SHARED_FACTORS if needs_shared else SHARED_FACTORS - {Factor.NEEDS}
    reasons = tuple(p for p in explanation.reasons if p.factor in allowed and p.value >= REASON_THRESHOLD)
    summary = (
        _("{reasons}.").format(reasons="; ".join(p.text for p in reasons[:4]))
        if reasons
        else str(NEUTRAL_SUMMARY)
    )
    return SharedExplanation(reasons=reasons, summary=summary)


def _summary(
    carer: CarerFacts, buddy: BuddyFacts, reasons: list[Point], compromises: list[Point], voice: _Voice
) -> str:
    texts = [p.text for p in reasons]
    by_factor = {p.factor: p for p in reasons}
    relationship, needs = by_factor.get(Factor.RELATIONSHIP), by_factor.get(Factor.NEEDS)
    # "You both care for an adult son or daughter with psychosis" is only true when each of them
    # cares for one person: otherwise the need may belong to someone else they care for.
    if (
        relationship is not None
        and needs is not None
        and relationship.value >= 1.0
        and needs.value >= 1.0
        and len(carer.relationships) == 1
        and len(buddy.relationships) == 1
    ):
        texts = [t for t in texts if t not in (relationship.text, needs.text)]
        combined = voice.pair(
            _("You both care for {who} with {needs}"),
            _("{carer} and {buddy} both care for {who} with {needs}"),
            who=_shared_cared_for(carer, buddy),
            needs=_shared_needs(carer, buddy),
        )
        texts.insert(0, combined)
    sentence = "; ".join(texts[:4]) if texts else _("Few things in common")
    if compromises:
        return _("{reasons}. To bear in mind: {compromises}.").format(
            reasons=sentence, compromises="; ".join(_mid_sentence(p.text) for p in compromises[:2])
        )
    return _("{reasons}.").format(reasons=sentence)


def _mid_sentence(text: str) -> str:
    """A point as it reads after a colon: "No shared language…" → "no shared language…" (names stay)."""
    if not _english():
        return text
    first, _space, rest = text.partition(" ")
    return f"{first.lower()} {rest}" if first in ("You", "No", "Only") else text
