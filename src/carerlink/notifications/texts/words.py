"""The words of every text carerlink writes itself, and how many segments a text costs.

Each text is a gettext message (English in the code, the other languages in the catalogues; issue 17).

A text is billed per segment. GSM-7 (the basic alphabet of GSM 03.38) fits 160 characters in one
segment and 153 per part of a longer one; an extension character (``[``, ``€`` …) takes two. Anything
outside it makes the whole text UCS-2: 70 characters in one segment, 67 per part. ``gsm0338`` is the
codec that says which alphabet a text fits. English texts must be one segment, other languages at
most two (``tests/notifications/texts/test_words.py`` checks every text below).

Texts are neutral: a shared phone must reveal nothing (no names, no scores, no health words).
"""

from __future__ import annotations

import math

import gsm0338  # noqa: F401 - registers the "gsm03.38" codec
from babel.support import LazyProxy

from carerlink import i18n
from carerlink.i18n import N_

GSM_SINGLE, GSM_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67

ENGLISH = "en"
LANGUAGES = ("en", "cy", "pl", "ur")


def language_of(locale: str | None) -> str:
    """``cy-GB`` → ``cy``; a language carerlink has no texts in → English."""
    language = (locale or ENGLISH).split("-")[0].split("_")[0].lower()
    return language if language in LANGUAGES else ENGLISH


def segments(body: str) -> int:
    """How many segments ``body`` is sent as."""
    try:
        septets = len(body.encode("gsm03.38"))
    except UnicodeEncodeError:
        units = len(body.encode("utf-16-le")) // 2
        return 1 if units <= UCS2_SINGLE else math.ceil(units / UCS2_PART)
    return 1 if septets <= GSM_SINGLE else math.ceil(septets / GSM_PART)


class Text:
    """One text carerlink writes itself: its English words, read in any language with ``[language]``."""

    def __init__(self, message: LazyProxy) -> None:
        self.message = message

    def __getitem__(self, language: str) -> str:
        with i18n.using(language):
            return str(self.message)


# The verification code ({code}: six digits).
CODE = Text(N_("Your carerlink code is {code}. It expires in 10 minutes."))

# A check-in is waiting (the reminder the channels send by text).
CHECKIN_READY = Text(N_("Your check-in is ready: reply 1-5 (5 is good), CALL or HELP."))

# The answer to a reply that was saved.
THANKS = Text(N_("Thank you, your check-in is saved."))

# The answer to a reply with no check-in waiting: a person will read it.
PASSED_ON = Text(N_("Thank you. There is no check-in waiting, so we have passed your message on."))

# "HELP": the coordinators are told, and the crisis lines follow in texts of their own.
HELP_SENT = Text(N_("We have told your coordinators. If you are in danger call 999."))


def words(table: Text, locale: str | None, **values: str) -> str:
    """The text ``table`` in the person's language (``locale``: the language to use with them), filled in."""
    return table[language_of(locale)].format(**values)


def crisis_line_text(line: dict[str, str]) -> str:
    """One crisis line as the organisation entered it ("Samaritans: call 116 123"), kept to one segment."""
    how = "text" if line.get("how") == "text" else "call"
    message = f" ({line['message']})" if line.get("message") else ""
    text = " ".join(f"{line.get('name', '')}: {how} {line.get('contact', '')}{message}".split())
    while segments(text) > 1:
        text = text[:-1]
    return text
