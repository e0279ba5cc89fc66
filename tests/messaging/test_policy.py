"""The crisis word list and the settings rule (pure): what reads as a crisis, what does not."""

from __future__ import annotations

import re
import unicodedata

import pytest

from carerlink.messaging import policy
from carerlink.organisations.schemas import MessagingSettings, OrganisationSettings


@pytest.mark.parametrize(
    "text",
    [
        "I need help now",
        "i NEED help now please",
        "Some days I want to die",
        "I can\u2019t go on like this",
        "thinking about self-harm again",
        "He hit me last night",
        "I'm not safe at home",
        # Issue 18 audit: as phones type them.
        "I cant go on",
        "i cant cope anymore",
        "I wanna die",
        "sometimes I want to kill my self",
        "Thinking about suicide again",
        "feeling SUICIDAL tonight",
        "I don\u2019t want to be here anymore",
        "I'm thinking of ending it. I want to end it all.",
    ],
)
def test_these_read_as_a_crisis(text: str) -> None:
    assert policy.reads_as_crisis(text)


@pytest.mark.parametrize(
    "text",
    [
        "We went to the park and Mum smiled.",
        "The new physio helps a lot.",
        "I'm killing time before the appointment",
        "Safety pins and a diary, please",
        "the car park is not safe at night",
        "Dad is in the hospital, the staff are very kind",
        "",
    ],
)
def test_everyday_words_do_not(text: str) -> None:
    assert not policy.reads_as_crisis(text)


def test_english_is_always_read_and_a_language_without_a_list_is_read_in_english() -> None:
    assert policy.reads_as_crisis("I want to die", "cy")
    assert policy.reads_as_crisis("I want to die", "fr")
    assert set(policy.CRISIS_WORDS) == {"en", "cy", "ur", "pl"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Dw i eisiau marw", "cy"),
        ("Rwy'n methu mynd ymlaen fel hyn", "cy-GB"),
        ("Rwy\u2019n methu ymdopi heddiw", "cy"),
        ("Mae'n gas gen i fy hun, dw i isio marw", "cy"),
        ("میں مرنا چاہتی ہوں", "ur"),
        ("کبھی کبھی سوچتی ہوں کہ خودکشی کر لوں", "ur"),
        # Issue 18 audit: an Urdu stem with its ending, Arabic-keyboard letters, Roman Urdu.
        ("میں خود کو مارنا چاہتا ہوں", "ur"),
        ("دل کرتا ہے خود کو ختم کر دوں", "ur"),
        ("میں مرنا چاهتا هوں", "ur"),
        ("kabhi kabhi marna chahti hoon", "ur"),
        ("Chcę umrzeć", "pl"),
        ("nie moge dluzej, mam dosc zycia", "pl"),
        # Issue 18 audit: Polish word orders and mixed diacritics.
        ("Chce się zabić", "pl"),
        ("chcę się zabic", "pl"),
        ("Dłużej nie dam rady.", "pl"),
        ("myślę o samobójstwie", "pl"),
        ("Boję się, że zrobię sobie krzywdę", "pl"),
        ("przedawkowałam leki", "pl"),
    ],
)
def test_the_carers_language_is_read_too(text: str, language: str) -> None:
    assert policy.reads_as_crisis(text, language)
    assert policy.reads_as_crisis(text, None, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mae Mam yn hapus heddiw", "cy"),
        ("آج امی بہت خوش تھیں", "ur"),
        ("Dzisiaj mama się uśmiechnęła", "pl"),
        ("Nie mogę się doczekać weekendu", "pl"),
        ("Aeth Mam i'r siop heddiw", "cy"),
    ],
)
def test_everyday_words_in_other_languages_do_not(text: str, language: str) -> None:
    assert not policy.reads_as_crisis(text, language)


def test_messages_are_on_by_default_and_off_for_young_carers_unless_turned_on() -> None:
    default = OrganisationSettings()
    assert policy.messaging_on(default, under_18=False)
    assert not policy.messaging_on(default, under_18=True)
    young = OrganisationSettings(messaging=MessagingSettings(young_carers=True))
    assert policy.messaging_on(young, under_18=True)
    off = OrganisationSettings(messaging=MessagingSettings(enabled=False, young_carers=True))
    assert not policy.messaging_on(off, under_18=False) and not policy.messaging_on(off, under_18=True)


def test_the_lists_stay_short_and_every_phrase_is_written_as_folding_would_leave_it_matchable() -> None:
    for language, words in policy.CRISIS_WORDS.items():
        assert len(words) <= 30, language
        for phrase in words:
            assert policy.fold(phrase), (language, phrase)
            assert policy.reads_as_crisis(phrase, language), (language, phrase)  # each matches itself


def _app_rule(text: str, phrases: list[str]) -> bool:
    """The rule as ThreadRead's docstring gives it to the app, written independently (regexes, as the app's
    JavaScript does it), to check the server and the documentation agree."""
    text = text.lower()
    text = re.sub("['\u2018\u2019\u02bc`\u00b4]", "", text)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if unicodedata.category(c)[0] != "M")
    text = (
        text.replace("ł", "l")
        .replace("\u064a", "\u06cc")
        .replace("\u0649", "\u06cc")
        .replace("\u0643", "\u06a9")
        .replace("\u0647", "\u06c1")
    )
    text = "".join(c if unicodedata.category(c)[0] in "LN" else " " for c in text)
    folded = re.sub(" +", " ", text).strip()
    return any(f" {phrase}" in f" {folded}" for phrase in phrases)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I can\u2019t go on", "en"),
        ("self-harm", "en"),
        ("Chce się zabić!!", "pl"),
        ("Dzisiaj mama się uśmiechnęła", "pl"),
        ("میں خود کو مارنا چاہتا ہوں", "ur"),
        ("\u200bdw i\u200b isio marw", "cy"),
        ("killing time", "en"),
    ],
)
def test_the_rule_the_app_is_given_agrees_with_the_server(text: str, language: str) -> None:
    phrases = policy.crisis_phrases(language)
    assert _app_rule(text, phrases) == policy.reads_as_crisis(text, language)
