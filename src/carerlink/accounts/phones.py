"""Phone numbers: what people type, checked and stored as E.164, and shown in a readable form.

Parsing, validation and formatting are Google's libphonenumber metadata (the ``phonenumbers`` package):
every country's numbering plan, kept up to date by its maintainers, never a hand-written pattern. A
number without a country code is read as a UK number (the default region); any other country is
accepted with ``+`` and its code. One allowance is ours: Ofcom keeps a few ranges for drama and
examples that are never given to anyone, which libphonenumber calls invalid because they are not
allocated; they are accepted, so demo and test data never ring a real person.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

from carerlink.errors import Invalid
from carerlink.i18n import N_, _

DEFAULT_REGION = "GB"
Kind = Literal["mobile", "landline", "other"]

_HINT = N_("like 07700 900123, or +33 6 12 34 56 78 for a number outside the UK")
# Ofcom's numbers for drama (ofcom.org.uk "Telephone numbers for drama purposes"): E.164 prefix, the
# length of a whole number in it, and what kind of line it stands for.
_FICTIONAL: tuple[tuple[str, int, Kind], ...] = (
    ("+447700900", 13, "mobile"),
    ("+441632960", 13, "landline"),
)
_KINDS: dict[int, Kind] = {
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE: "landline",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "other",
}


@dataclass(frozen=True, slots=True)
class PhoneNumber:
    """A checked number: ``e164`` is what is stored and dialled, ``display`` what people read."""

    e164: str
    display: str  # national form for a UK number ("07700 900123"), else international ("+33 6 12 …")
    international: str
    kind: Kind


def _fictional(e164: str) -> Kind | None:
    for prefix, length, kind in _FICTIONAL:
        if e164.startswith(prefix) and len(e164) == length:
            return kind
    return None


def parse(text: str, *, field: str = "phone") -> PhoneNumber:
    """The number someone typed, or ``Invalid`` naming ``field`` with words saying what to fix."""
    typed = text.strip()
    if not typed:
        raise Invalid(_("Enter a phone number, {hint}.").format(hint=str(_HINT)), field=field)
    if any(c.isalpha() for c in typed):
        # libphonenumber would read letters as a keypad's (0800 FLOWERS); a person never means that here.
        raise Invalid(
            _("Enter a phone number using digits only, {hint}.").format(hint=str(_HINT)), field=field
        )
    digits = sum(c.isdigit() for c in typed)
    if digits > 15:  # ITU-T E.164: at most 15 digits, country code included
        raise Invalid(
            _("That phone number is too long. Enter a number {hint}.").format(hint=str(_HINT)), field=field
        )
    try:
        number = phonenumbers.parse(typed, DEFAULT_REGION)
    except NumberParseException:
        raise Invalid(_("Enter a phone number {hint}.").format(hint=str(_HINT)), field=field) from None
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    if not phonenumbers.is_valid_number(number) and _fictional(e164) is None:
        raise Invalid(
            _("That doesn't look like a complete phone number. Enter a number {hint}.").format(
                hint=str(_HINT)
            ),
            field=field,
        )
    return describe(e164)


def describe(e164: str) -> PhoneNumber:
    """A stored E.164 number in the forms people read, and whether it is a mobile or a landline."""
    number = phonenumbers.parse(e164, None)
    international = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    uk = number.country_code == phonenumbers.country_code_for_region(DEFAULT_REGION)
    display = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL) if uk else international
    kind = _fictional(e164) or _KINDS.get(phonenumbers.number_type(number), "other")
    return PhoneNumber(e164=e164, display=display, international=international, kind=kind)


def try_parse(text: str | None) -> PhoneNumber | None:
    """A number from somewhere it was not checked (an older referral), or None when it isn't one."""
    if not text:
        return None
    try:
        return parse(text)
    except Invalid:
        return None
