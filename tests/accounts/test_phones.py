"""Phone numbers as people type them: UK by default, other countries with +, stored as E.164."""

from __future__ import annotations

import pytest

from carerlink.accounts import phones
from carerlink.errors import Invalid


@pytest.mark.parametrize(
    ("typed", "e164", "display", "kind"),
    [
        ("07911 123456", "+447911123456", "07911 123456", "mobile"),
        ("+44 7911 123456", "+447911123456", "07911 123456", "mobile"),
        ("+44 (0)7911 123456", "+447911123456", "07911 123456", "mobile"),
        ("020 7946 0000", "+442079460000", "020 7946 0000", "landline"),
        ("0161 496 0000", "+441614960000", "0161 496 0000", "landline"),
        ("+33 6 12 34 56 78", "+33612345678", "+33 6 12 34 56 78", "mobile"),
        ("  +48 512 345 678 ", "+48512345678", "+48 512 345 678", "mobile"),
        # Ofcom's drama ranges: never anyone's number, accepted for demo and test data.
        ("07700 900123", "+447700900123", "07700 900123", "mobile"),
        ("01632 960123", "+441632960123", "01632 960123", "landline"),
    ],
)
def test_numbers_people_type_are_stored_as_e164_and_read_back_nicely(
    typed: str, e164: str, display: str, kind: str
) -> None:
    number = phones.parse(typed)
    assert (number.e164, number.display, number.kind) == (e164, display, kind)
    assert phones.describe(number.e164) == number


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "Enter a phone number"),
        ("call me", "digits only"),
        ("0800 FLOWERS", "digits only"),
        ("12", "complete phone number"),
        ("0791112345", "complete phone number"),
        ("07911 123456 789 012 34", "too long"),
        ("+999 1234 5678", "phone number"),
    ],
)
def test_what_is_not_a_phone_number_is_refused_naming_the_field(typed: str, words: str) -> None:
    with pytest.raises(Invalid) as refused:
        phones.parse(typed, field="emergency_contact.phone")
    assert refused.value.field == "emergency_contact.phone"
    assert words in refused.value.detail


def test_an_older_unchecked_number_is_read_only_when_it_is_one() -> None:
    assert phones.try_parse("not a number") is None
    assert phones.try_parse(None) is None
    found = phones.try_parse("07911 123456")
    assert found is not None and found.e164 == "+447911123456"
