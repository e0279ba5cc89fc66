"""Who may read and write a pair's messages, and when a message reads as a crisis (pure rules).

The rule is the phone-sharing one (``matching.policy.phone_shown_to_other``): only the carer and the
buddy of an active or paused pair read and write. Once the match ends the former buddy reads nothing of
the carer's any more (as for check-ins); the carer keeps their own copy, read-only. Coordinators never
browse a thread: they read a message and the few before it only through a report.
"""

from __future__ import annotations

import re
import uuid

from carerlink.actor import Actor, Role
from carerlink.matching.models import Match, MatchStatus
from carerlink.matching.policy import Party, party_of
from carerlink.organisations.schemas import OrganisationSettings

TOGETHER = frozenset({MatchStatus.ACTIVE, MatchStatus.PAUSED})
MAX_TEXT = 2000
# How many messages before a reported one the coordinators read with it.
BEFORE_REPORTED = 4
# A buddy mutes a thread for at most this many days.
MAX_MUTE_DAYS = 14

# Words and phrases that make a carer's message read as a crisis, by language (issue 17). A match never
# escalates by itself: the carer is shown the crisis lines and a "Tell the centre" button. English is
# always checked; the carer's language as well. Each list is short and deliberately plain: what someone
# would write when they are at the end of their tether (wanting to die, to end their life or harm
# themselves, not coping, not safe, an overdose), in the forms people type, with the accent-less
# spellings phones leave (Polish) and Roman-script Urdu. Whole words only, so everyday words don't match.
# Written by carerlink's developers, not yet reviewed by native speakers: corrections welcome.
CRISIS_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "i need help now",
        "kill myself",
        "killing myself",
        "end my life",
        "end it all",
        "suicide",
        "suicidal",
        "want to die",
        "better off dead",
        "hurt myself",
        "harm myself",
        "self harm",
        "self-harm",
        "can't go on",
        "cannot go on",
        "can't cope any more",
        "can't cope anymore",
        "overdose",
        "not safe",
        "hit me",
        "hurt them",
    ),
    # Welsh: suicide, kill myself (and its mutated form), end my life, want to die (south and north),
    # hurt / harm myself, can't go on, can't cope, overdose, not safe, need help now.
    "cy": (
        "hunanladdiad",
        "lladd fy hun",
        "ladd fy hun",
        "diwedd ar fy mywyd",
        "eisiau marw",
        "isio marw",
        "moyn marw",
        "brifo fy hun",
        "niweidio fy hun",
        "hunan-niweidio",
        "methu mynd ymlaen",
        "methu cario mlaen",
        "methu ymdopi",
        "gorddos",
        "ddim yn ddiogel",
        "dim yn ddiogel",
        "angen help nawr",
    ),
    # Urdu (Urdu script and Roman Urdu): suicide, kill / end myself, want to die (said by a man, by a
    # woman), don't want to live, harm myself, can't bear it any more, not safe, need help now.
    "ur": (
        "خودکشی",
        "خود کشی",
        "خود کو مار",
        "خود کو ختم",
        "اپنی جان لے",
        "مرنا چاہتا",
        "مرنا چاہتی",
        "جینا نہیں چاہتا",
        "جینا نہیں چاہتی",
        "خود کو نقصان",
        "اب برداشت نہیں",
        "محفوظ نہیں",
        "ابھی مدد چاہیے",
        "khudkushi",
        "khud kushi",
        "marna chahta",
        "marna chahti",
    ),
    # Polish (with and without diacritics): suicide, kill myself, take my own life, want to die, hurt
    # myself, can't go on / can't take it any more, overdose, not safe (said by a woman, by a man), need
    # help now, had enough of life.
    "pl": (
        "samobójstwo",
        "samobojstwo",
        "samobójstwa",
        "samobojstwa",
        "zabić się",
        "zabic sie",
        "zabiję się",
        "zabije sie",
        "odebrać sobie życie",
        "odebrac sobie zycie",
        "chcę umrzeć",
        "chce umrzec",
        "skrzywdzić się",
        "skrzywdzic sie",
        "zrobić sobie krzywdę",
        "zrobic sobie krzywde",
        "nie dam rady dłużej",
        "nie dam rady dluzej",
        "nie mogę dłużej",
        "nie moge dluzej",
        "przedawkować",
        "przedawkowac",
        "przedawkowanie",
        "nie jestem bezpieczna",
        "nie jestem bezpieczny",
        "potrzebuję pomocy teraz",
        "potrzebuje pomocy teraz",
        "mam dość życia",
        "mam dosc zycia",
    ),
}
_PATTERNS = {
    language: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")
    for language, words in CRISIS_WORDS.items()
}


def _language(tag: str | None) -> str:
    """``cy-GB`` → ``cy``, ``en-GB`` → ``en``."""
    return (tag or "en").replace("_", "-").split("-")[0].lower()


def reads_as_crisis(text: str, *languages: str | None) -> bool:
    """Whether a message reads as a crisis: in English always, and in each of ``languages`` (the carer's).

    A language without a list of its own is read in English only.
    """
    folded = " ".join(text.replace("\u2019", "'").lower().split())
    wanted = dict.fromkeys(["en", *(_language(tag) for tag in languages)])
    return any(pattern.search(folded) for language in wanted if (pattern := _PATTERNS.get(language)))


def party(actor: Actor, match: Match) -> Party | None:
    """The carer or the buddy of this match (through the membership it was made on); else ``None``."""
    return party_of(actor, match)


def can_write(actor: Actor, match: Match) -> bool:
    """The carer and the buddy of an active or paused pair."""
    return match.status in TOGETHER and party_of(actor, match) is not None


def can_read(actor: Actor, match: Match) -> bool:
    """The carer always (their own copy once it ended); the buddy only while the pair is together."""
    side = party_of(actor, match)
    return side == "carer" or (side == "buddy" and match.status in TOGETHER)


def messaging_on(settings: OrganisationSettings, *, under_18: bool) -> bool:
    """Whether this pair has messages: on in the organisation, and for young carers only if chosen."""
    return settings.messaging.enabled and (not under_18 or settings.messaging.young_carers)


def reads_reports(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Coordinators read reported messages (audited); nobody browses a thread."""
    return actor.is_system or actor.has_role(organisation_id, Role.COORDINATOR)


def is_pair_member(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Someone who may have a pair here at all (a carer or a buddy)."""
    return actor.has_role(organisation_id, Role.CARER) or actor.has_role(organisation_id, Role.BUDDY)
