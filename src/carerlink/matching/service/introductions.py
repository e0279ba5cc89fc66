"""Introductions: the short, plain-words picture of one person that the other reads before saying yes.

Only what each has agreed to share: needs appear only with the person's health-data consent (the
screening and the carer's profile view leave them empty without it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from carerlink.i18n import _, ngettext
from carerlink.matching.scoring import describe_slots, join_words, language_words
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
)


@dataclass(frozen=True, slots=True)
class Introduction:
    """A short introduction of one person to the other."""

    display_name: str
    lines: list[str]
    in_their_words: str


def _years(years: int) -> str:
    return ngettext("{count} year", "{count} years", years).format(count=years)


def _needs(needs: Sequence[str], mental_health: Sequence[str]) -> list[str]:
    """The needs someone has cared for, in words (mental health by its kind when they said which)."""
    words = [str(NEED_PHRASE[Need(n)]) for n in needs if n not in (Need.MENTAL_HEALTH, Need.OTHER)]
    words += [
        str(MENTAL_HEALTH_PHRASE[MentalHealthNeed(m)]) for m in mental_health if m != MentalHealthNeed.OTHER
    ]
    if Need.MENTAL_HEALTH in needs and not mental_health:
        words.append(str(NEED_PHRASE[Need.MENTAL_HEALTH]))
    return words


def _keeping_in_touch(contact_modes: Sequence[str], availability: int) -> list[str]:
    lines = [
        _("Happy to keep in touch by {ways}").format(
            ways=join_words([CONTACT_PHRASE[ContactMode(m)] for m in contact_modes])
        )
    ]
    if availability:
        lines.append(_("Usually free on {times}").format(times=describe_slots(availability)))
    return lines


def _speaks(languages: Sequence[str]) -> str:
    return _("Speaks {languages}").format(languages=join_words([language_words(c) for c in languages]))


def introduce_buddy(screened: profiles.BuddyScreening) -> Introduction:
    """The buddy, as the carer reads them."""
    p = screened.profile
    assert p is not None
    cared_for = join_words([CARED_FOR_PHRASE[Relationship(r)] for r in p.relationships])
    if p.caring_status == CaringStatus.FORMER:
        lines = [_("Has cared for {who}, and is now a former carer").format(who=cared_for)]
    else:
        lines = [_("Cares for {who}").format(who=cared_for)]
    # Only with the buddy's health-data consent (empty without it).
    needs = _needs(screened.needs, screened.mental_health_needs)
    if needs:
        lines.append(_("Has experience of caring for someone with {needs}").format(needs=join_words(needs)))
    lines.append(_("Has been caring for {years}").format(years=_years(p.years_caring)))
    lines.append(_speaks(p.languages))
    lines += _keeping_in_touch(p.contact_modes, p.availability)
    return Introduction(display_name=screened.display_name, lines=lines, in_their_words=p.about_me)


def introduce_carer(view: profiles.CarerProfileView) -> Introduction:
    """The carer, as the buddy reads them."""
    p = view.profile
    who = join_words([CARED_FOR_PHRASE[Relationship(r)] for r in p.relationships])
    lines = [_("Cares for {who}").format(who=who)]
    needs = _needs(view.needs, view.mental_health_needs)
    if needs:
        lines.append(_("The person they care for has {needs}").format(needs=join_words(needs)))
    if p.under_18:
        lines.append(_("A young carer (under 18)"))
    lines.append(
        _("Caring: {stage}, for {years}").format(
            stage=JOURNEY_PHRASE[p.journey_stage], years=_years(p.years_caring)
        )
    )
    hours = HOURS_PHRASE[p.hours_band]
    if p.co_resident:
        lines.append(_("Cares {hours}, living with them").format(hours=hours))
    else:
        lines.append(_("Cares {hours}, not living with them").format(hours=hours))
    if p.help_with:
        lines.append(
            _("Would like help with {help}").format(
                help=join_words([HELP_PHRASE[HelpWith(h)] for h in p.help_with])
            )
        )
    lines.append(_speaks(p.languages))
    if p.interpreter_needed:
        lines.append(_("Would like an interpreter"))
    lines += _keeping_in_touch(p.contact_modes, p.availability)
    return Introduction(display_name=view.display_name, lines=lines, in_their_words=p.help_note)
