"""Every text carerlink writes itself fits: one segment in English, at most two in other languages."""

from __future__ import annotations

from typing import Any, cast

import pytest

from carerlink.notifications import kinds
from carerlink.notifications.texts import words
from carerlink.organisations.consents import DEFAULT_CRISIS_LINES

TABLES = {
    "code": words.CODE,
    "checkin_ready": words.CHECKIN_READY,
    "thanks": words.THANKS,
    "passed_on": words.PASSED_ON,
    "help_sent": words.HELP_SENT,
}


@pytest.mark.parametrize("name", sorted(TABLES))
@pytest.mark.parametrize("language", words.LANGUAGES)
def test_every_text_fits_its_segments(name: str, language: str) -> None:
    body = TABLES[name][language].format(code="123456")
    assert words.segments(body) <= (1 if language == "en" else 2), body


def test_segments_count_gsm7_and_ucs2() -> None:
    assert words.segments("a" * 160) == 1
    assert words.segments("a" * 161) == 2
    assert words.segments("a" * 306) == 2
    assert words.segments("[" * 80) == 1  # an extension character takes two septets
    assert words.segments("[" * 81) == 2
    assert words.segments("é" * 160) == 1  # in the GSM alphabet
    assert words.segments("ł" * 70) == 1  # outside it: UCS-2
    assert words.segments("ł" * 71) == 2
    assert words.segments("ł" * 134) == 2


def test_the_crisis_lines_texted_back_are_one_segment_each() -> None:
    for line in DEFAULT_CRISIS_LINES:
        assert words.segments(words.crisis_line_text(dict(line))) == 1
    long = {"name": "A" * 80, "contact": "0" * 40, "how": "text", "message": "SHOUT " * 6}
    assert words.segments(words.crisis_line_text(long)) == 1


def test_a_language_without_texts_of_its_own_gets_english() -> None:
    assert words.language_of("fr-FR") == "en"
    assert words.language_of("cy-GB") == "cy"
    assert words.words(words.THANKS, None) == "Thank you, your check-in is saved."


@pytest.mark.parametrize("kind", [k for k in kinds.ALL_KINDS if "sms" in k.channels], ids=lambda k: k.name)
def test_every_reminder_that_may_go_by_text_is_one_neutral_segment(kind: type[kinds.Kind]) -> None:
    # The texts are the same whatever the notification's data (a shared phone must reveal nothing).
    body = kind.text(cast(Any, None))
    assert words.segments(body) == 1, body
    assert "help now" not in body.lower()  # nothing says what happened, or to whom
