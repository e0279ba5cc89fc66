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


def test_a_language_without_a_list_yet_is_read_in_english() -> None:
    assert policy.reads_as_crisis("I want to die", "cy")
    assert set(policy.CRISIS_WORDS) == {"en"}


def test_messages_are_on_by_default_and_off_for_young_carers_unless_turned_on() -> None:
    default = OrganisationSettings()
    assert policy.messaging_on(default, under_18=False)
    assert not policy.messaging_on(default, under_18=True)
    young = OrganisationSettings(messaging=MessagingSettings(young_carers=True))
    assert policy.messaging_on(young, under_18=True)
    off = OrganisationSettings(messaging=MessagingSettings(enabled=False, young_carers=True))
    assert not policy.messaging_on(off, under_18=False) and not policy.messaging_on(off, under_18=True)
