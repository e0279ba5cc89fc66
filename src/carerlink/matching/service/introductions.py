"""Introductions: the short, plain-words picture of one person that the other reads before saying yes.

Only what each has agreed to share: needs appear only with the person's health-data consent (the
screening and the carer's profile view leave them empty without it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from carerlink.matching.scoring import describe_slots
from carerlink.profiles import service as profiles
from carerlink.profiles.vocabulary import (
    CARED_FOR_PHRASE,
    CONTACT_PHRASE,
    HELP_PHRASE,
    HOURS_PHRASE,
    JOURNEY_PHRASE,
    MENTAL_HEALTH_PHRASE,
    NEED_PHRASE,
    CaringStatus,
    ContactMode,
    HelpWith,
    MentalHealthNeed,
    Need,
    Relationship,
    language_name,
)


@dataclass(frozen=True, slots=True)
class Introduction:
    """A short introduction of one person to the other."""

    display_name: str
    lines: list[str]
    in_their_words: str


def _join(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _years(years: int) -> str:
    return f"{years} year{'s' if years != 1 else ''}"


def _needs(needs: Sequence[str], mental_health: Sequence[str]) -> list[str]:
    """The needs someone has cared for, in words (mental health by its kind when they said which)."""
    words = [NEED_PHRASE[Need(n)] for n in needs if n not in (Need.MENTAL_HEALTH, Need.OTHER)]
    words += [MENTAL_HEALTH_PHRASE[MentalHealthNeed(m)] for m in mental_health if m != MentalHealthNeed.OTHER]
    if Need.MENTAL_HEALTH in needs and not mental_health:
        words.append(NEED_PHRASE[Need.MENTAL_HEALTH])
    return words


def _keeping_in_touch(contact_modes: Sequence[str], availability: int) -> list[str]:
    lines = [f"Happy to keep in touch by {_join([CONTACT_PHRASE[ContactMode(m)] for m in contact_modes])}"]
    if availability:
        lines.append(f"Usually free on {describe_slots(availability)}")
    return lines


def introduce_buddy(screened: profiles.BuddyScreening) -> Introduction:
    """The buddy, as the carer reads them."""
    p = screened.profile
    assert p is not None
    cared_for = _join([CARED_FOR_PHRASE[Relationship(r)] for r in p.relationships])
    if p.caring_status == CaringStatus.FORMER:
        lines = [f"Has cared for {cared_for}, and is now a former carer"]
    else:
        lines = [f"Cares for {cared_for}"]
    # Only with the buddy's health-data consent (empty without it).
    needs = _needs(screened.needs, screened.mental_health_needs)
    if needs:
        lines.append(f"Has experience of caring for someone with {_join(needs)}")
    lines.append(f"Has been caring for {_years(p.years_caring)}")
    lines.append(f"Speaks {_join([language_name(c) for c in p.languages])}")
    lines += _keeping_in_touch(p.contact_modes, p.availability)
    return Introduction(display_name=screened.display_name, lines=lines, in_their_words=p.about_me)


def introduce_carer(view: profiles.CarerProfileView) -> Introduction:
    """The carer, as the buddy reads them."""
    p = view.profile
    lines = [f"Cares for {_join([CARED_FOR_PHRASE[Relationship(r)] for r in p.relationships])}"]
    needs = _needs(view.needs, view.mental_health_needs)
    if needs:
        lines.append(f"The person they care for has {_join(needs)}")
    if p.under_18:
        lines.append("A young carer (under 18)")
    lines.append(f"Caring: {JOURNEY_PHRASE[p.journey_stage]}, for {_years(p.years_caring)}")
    lines.append(
        f"Cares {HOURS_PHRASE[p.hours_band]}, {'living with' if p.co_resident else 'not living with'} them"
    )
    if p.help_with:
        lines.append(f"Would like help with {_join([HELP_PHRASE[HelpWith(h)] for h in p.help_with])}")
    lines.append(f"Speaks {_join([language_name(c) for c in p.languages])}")
    if p.interpreter_needed:
        lines.append("Would like an interpreter")
    lines += _keeping_in_touch(p.contact_modes, p.availability)
    return Introduction(display_name=view.display_name, lines=lines, in_their_words=p.help_note)
