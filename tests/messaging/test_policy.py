"""The crisis word list and the settings rule (pure): what reads as a crisis, what does not."""

from __future__ import annotations

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
        ("میں مرنا چاہتی ہوں", "ur"),
        ("کبھی کبھی سوچتی ہوں کہ خودکشی کر لوں", "ur"),
        ("Chcę umrzeć", "pl"),
        ("nie moge dluzej, mam dosc zycia", "pl"),
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
