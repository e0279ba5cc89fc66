"""Who may read and write a pair's messages, and when a message reads as a crisis (pure rules).

The rule is the phone-sharing one (``matching.policy.phone_shown_to_other``): only the carer and the
buddy of an active or paused pair write, and only while the other is a member (a suspended buddy's
carer is not left writing into a void). The pair of a proposed match reads an empty thread that says
messages open once they are matched. Once the match ends the former buddy reads nothing of the carer's
any more (as for check-ins); the carer keeps their own copy, read-only, and may still report a message in
it. Coordinators never browse a thread: they read a message and the few before it only through a
report, and never a report about a pair they are part of.
"""

from __future__ import annotations

import unicodedata
import uuid

from carerlink.actor import Actor, Role
from carerlink.matching.models import Match, MatchStatus
from carerlink.matching.policy import Party, party_of
from carerlink.organisations.schemas import OrganisationSettings

TOGETHER = frozenset({MatchStatus.ACTIVE, MatchStatus.PAUSED})
# The buddy reads the thread while the pair is together, and the (empty) thread of a proposal.
READ_BY_BUDDY = TOGETHER | {MatchStatus.PROPOSED}
MAX_TEXT = 2000  # Unicode code points, as Python's len() and the app's [...text].length count them
# How many messages before a reported one the coordinators read with it.
BEFORE_REPORTED = 4
# A buddy mutes a thread for at most this many days.
MAX_MUTE_DAYS = 14

# Words and phrases that make a carer's message read as a crisis, by language (issue 18). A match never
# escalates by itself: the carer is shown the crisis lines and a "Tell the centre" button. English is
# always checked; the carer's language as well. Each list is short and deliberately plain: what someone
# would write when they are at the end of their tether (wanting to die, to end their life or harm
# themselves, not coping, not safe, an overdose), in the forms people type. They are written naturally
# and compared after ``fold`` (so "can't", "cant" and "can\u2019t" are one, and "się"/"sie", "ł"/"l" too),
# each from the start of a word to wherever it ends: a stem such as "خود کو مار" also matches
# "خود کو مارنا", and "przedawkow" every form of "przedawkować". Where a language puts the words in either
# order, both orders are listed ("się zabić" and "zabić się").
# Written by carerlink's developers, not yet reviewed by native speakers: corrections welcome (README,
# "Messages within a pair", says how a centre adds words).
CRISIS_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "i need help now",
        "kill myself",
        "kill my self",
        "killing myself",
        "end my life",
        "end it all",
        "take my own life",
        "suicid",  # suicide, suicidal
        "want to die",
        "wanna die",
        "better off dead",
        "dont want to be here any",  # any more, anymore
        "hurt myself",
        "harm myself",
        "self harm",
        "cant go on",
        "cannot go on",
        "cant cope any",  # any more, anymore
        "cannot cope any",
        "overdose",
        "im not safe",
        "i am not safe",
        "i dont feel safe",
        "not safe at home",
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
        "angen help nawr",
    ),
    # Urdu (Urdu script and Roman Urdu): suicide, kill / end / harm myself (stems: مارنا، مار دوں), take my
    # own life, want to die (said by a man, by a woman), don't want to live, can't bear it any more, I'm
    # not safe, need help now.
    "ur": (
        "خودکشی",
        "خود کشی",
        "خود کو مار",
        "خود کو ختم",
        "خود کو نقصان",
        "اپنی جان لے",
        "مرنا چاہت",
        "جینا نہیں چاہت",
        "اب برداشت نہیں",
        "میں محفوظ نہیں",
        "ابھی مدد چاہیے",
        "khudkushi",
        "khud kushi",
        "khud ko maar",
        "marna chaht",
        "jeena nahi chaht",
    ),
    # Polish (diacritics folded, so "sie" and "się" are one): suicide, kill myself (both word orders),
    # take my own life, want to die, don't want to live, hurt myself, can't go on / can't take it any
    # more (both orders), overdose, I'm not safe (said by a woman, by a man), need help now, had enough
    # of life.
    "pl": (
        "samobójstw",
        "samobójcz",
        "zabić się",
        "się zabić",
        "zabiję się",
        "się zabiję",
        "odebrać sobie życie",
        "chcę umrzeć",
        "nie chcę żyć",
        "skrzywdzić się",
        "się skrzywdzić",
        "zrobić sobie krzywd",
        "zrobię sobie krzywd",
        "nie dam rady dłużej",
        "dłużej nie dam rady",
        "nie mogę dłużej",
        "dłużej nie mogę",
        "przedawkow",
        "nie jestem bezpieczn",
        "potrzebuję pomocy teraz",
        "mam dość życia",
    ),
}
# Apostrophes go (can't → cant); these letters are written alike (Polish ł → l; Arabic yeh, kaf and heh
# as Urdu's, as phones with an Arabic keyboard type them).
_APOSTROPHES = dict.fromkeys(map(ord, "'\u2018\u2019\u02bc`\u00b4"))
_LETTERS = str.maketrans(
    {"ł": "l", "\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9", "\u0647": "\u06c1"}
)


def fold(text: str) -> str:
    """A text as the crisis words are compared with it (the app applies the same steps before queueing).

    1. lower case; 2. apostrophes removed (U+0027, U+2018, U+2019, U+02BC, U+0060, U+00B4); 3. Unicode
    NFKD, then every combining mark (category M) removed, so "się" is "sie" and "ż" is "z"; 4. "ł" → "l",
    and the Arabic letters U+064A and U+0649 → U+06CC, U+0643 → U+06A9, U+0647 → U+06C1 (Urdu's yeh, keheh
    and heh goal); 5. every run of characters that are not letters or digits (categories L and N: spaces,
    punctuation, hyphens, zero-width and control characters) becomes one space, trimmed at both ends.
    ``ThreadRead``'s docstring gives the app the same steps.
    """
    lowered = text.lower().translate(_APOSTROPHES)
    bare = "".join(
        c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.category(c).startswith("M")
    )
    spaced = "".join(c if unicodedata.category(c)[0] in "LN" else " " for c in bare.translate(_LETTERS))
    return " ".join(spaced.split())


def _language(tag: str | None) -> str:
    """``cy-GB`` → ``cy``, ``en-GB`` → ``en``."""
    return (tag or "en").replace("_", "-").split("-")[0].lower()


_FOLDED = {language: tuple(dict.fromkeys(fold(w) for w in words)) for language, words in CRISIS_WORDS.items()}


def crisis_phrases(*languages: str | None) -> list[str]:
    """The folded phrases a carer's message is read against: English and each of ``languages``.

    These go to the carer's app (``ThreadRead.crisis_words``), which checks a message written offline
    with the same rule as ``reads_as_crisis``. A language without a list of its own adds nothing.
    """
    wanted = dict.fromkeys(["en", *(_language(tag) for tag in languages)])
    return list(dict.fromkeys(p for language in wanted for p in _FOLDED.get(language, ())))


def reads_as_crisis(text: str, *languages: str | None) -> bool:
    """Whether a message reads as a crisis: in English always, and in each of ``languages`` (the carer's).

    The text is folded (``fold``); a phrase matches where it starts a word, whatever follows it: in
    ``" " + fold(text)``, some ``" " + phrase`` occurs.
    """
    folded = " " + fold(text)
    return any(" " + phrase in folded for phrase in crisis_phrases(*languages))


def party(actor: Actor, match: Match) -> Party | None:
    """The carer or the buddy of this match (through the membership it was made on); else ``None``."""
    return party_of(actor, match)


def can_write(actor: Actor, match: Match, *, other_is_member: bool = True) -> bool:
    """The carer and the buddy of an active or paused pair, while the other's membership is active."""
    return match.status in TOGETHER and other_is_member and party_of(actor, match) is not None


def can_read(actor: Actor, match: Match) -> bool:
    """The carer always (their own copy once it ended); the buddy while the pair is proposed or together."""
    side = party_of(actor, match)
    return side == "carer" or (side == "buddy" and match.status in READ_BY_BUDDY)


def can_report(actor: Actor, match: Match, message_sender: Party) -> bool:
    """Whoever reads the thread reports the other person's messages, never their own.

    The carer in an ended match's copy too, and when messages are switched off.
    """
    side = party_of(actor, match)
    return side is not None and can_read(actor, match) and side != message_sender


def messaging_on(settings: OrganisationSettings, *, under_18: bool) -> bool:
    """Whether this pair has messages: on in the organisation, and for young carers only if chosen."""
    return settings.messaging.on_for(under_18=under_18)


def reads_reports(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Coordinators read reported messages (audited); nobody browses a thread."""
    return actor.is_system or actor.has_role(organisation_id, Role.COORDINATOR)


def reads_report_about(actor: Actor, match: Match) -> bool:
    """Coordinators, but never one who is the carer or the buddy of the pair (a report may be about them)."""
    return reads_reports(actor, match.organisation_id) and actor.user_id not in (
        match.carer_user_id,
        match.buddy_user_id,
    )


def is_pair_member(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Someone who may have a pair here at all (a carer or a buddy)."""
    return actor.has_role(organisation_id, Role.CARER) or actor.has_role(organisation_id, Role.BUDDY)
