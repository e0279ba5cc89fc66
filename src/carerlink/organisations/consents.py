"""The words people consent to, with a version so a record says exactly what was agreed.

Each wording is translated (issue 17) and read in the current language (``CURRENT``); the default crisis
lines below are copied into an organisation's settings as its own words and stay as written.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from babel.support import LazyProxy

from carerlink.i18n import N_
from carerlink.organisations.models import ConsentKind

TERMS_VERSION = "terms-2026-11"
HEALTH_DATA_VERSION = "health-data-2026-11"

TERMS_TEXT = N_(
    "I agree to the buddy service's terms: support is one-to-one and confidential, except where someone "
    "may be at risk of harm, when the organisation may need to share information to keep people safe. "
    "Buddies are volunteers, not emergency services. No money or gifts change hands, and contact details "
    "are shared only with my agreement."
)
HEALTH_DATA_TEXT = N_(
    "I agree that the organisation may keep broad information about the health needs of the person I care "
    "for (for example 'dementia' or 'mental health'), to match me with a buddy who has been there. This is "
    "separate from the terms: I can say no and still use the service, and I can withdraw this consent at "
    "any time, when the information is deleted."
)
BUDDY_HEALTH_DATA_VERSION = "buddy-health-data-2026-11"
BUDDY_HEALTH_DATA_TEXT = N_(
    "I agree that the organisation may keep broad information about the health needs of the person I care "
    "or cared for (for example 'dementia' or 'psychosis'), to introduce me to carers in a similar "
    "situation. Carers I am introduced to will see it in my introduction. This is separate from the "
    "terms: I can say no and still be a buddy, and I can withdraw this consent at any time, when the "
    "information is deleted."
)

EQUALITY_MONITORING_VERSION = "equality-2026-12"
EQUALITY_MONITORING_TEXT = N_(
    "I agree that the centre may keep my answers to the equality questions (my age band, gender and "
    "ethnic group), to check that its service reaches everyone who cares. They are asked separately from "
    "everything else, every question can be answered 'Prefer not to say', they are only ever reported as "
    "totals of at least five people, never with my name, and I can withdraw this consent at any time, "
    "when my answers are deleted."
)


class _Wordings(Mapping[ConsentKind, tuple[str, str]]):
    """Each kind's (version, words): the words in the current language, read when asked for."""

    def __init__(self, table: dict[ConsentKind, tuple[str, LazyProxy]]) -> None:
        self._table = table

    def __getitem__(self, kind: ConsentKind) -> tuple[str, str]:
        version, text = self._table[kind]
        return version, str(text)

    def __iter__(self) -> Iterator[ConsentKind]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)


# Issue 17: one version is the same wording in every language (each translation says what the English
# says); ``consents.locale`` records which language was read.
CURRENT: Mapping[ConsentKind, tuple[str, str]] = _Wordings(
    {
        ConsentKind.TERMS: (TERMS_VERSION, TERMS_TEXT),
        ConsentKind.HEALTH_DATA: (HEALTH_DATA_VERSION, HEALTH_DATA_TEXT),
        ConsentKind.BUDDY_HEALTH_DATA: (BUDDY_HEALTH_DATA_VERSION, BUDDY_HEALTH_DATA_TEXT),
        ConsentKind.EQUALITY_MONITORING: (EQUALITY_MONITORING_VERSION, EQUALITY_MONITORING_TEXT),
    }
)

DEFAULT_CRISIS_LINES: list[dict[str, str]] = [
    {
        "name": "Emergency services",
        "contact": "999",
        "how": "call",
        "description": "If a life is at risk now.",
    },
    {
        "name": "NHS 111, option 2",
        "contact": "111",
        "how": "call",
        "description": "Mental health crisis line, 24 hours a day (England). Choose option 2.",
    },
    {
        "name": "Samaritans",
        "contact": "116 123",
        "how": "call",
        "description": "Free, 24 hours a day, every day.",
    },
    {
        "name": "Shout",
        "contact": "85258",
        "how": "text",
        "description": "Text SHOUT to 85258, 24 hours a day.",
        "message": "SHOUT",
    },
    {
        "name": "Carers UK helpline",
        "contact": "0808 808 7777",
        "how": "call",
        "description": "Advice for carers.",
    },
]
