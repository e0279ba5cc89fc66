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

# Words and phrases that make a carer's message read as a crisis, by language (issue 17 adds more). A
# match never escalates by itself: the carer is shown the crisis lines and a "Tell the centre" button.
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
}
_PATTERNS = {
    language: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")
    for language, words in CRISIS_WORDS.items()
}


def reads_as_crisis(text: str, language: str = "en") -> bool:
    """Whether a message reads as a crisis in ``language`` (English when there is no list for it yet)."""
    folded = " ".join(text.replace("\u2019", "'").lower().split())
    pattern = _PATTERNS.get(language, _PATTERNS["en"])
    return pattern.search(folded) is not None


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
