"""Request and response shapes of the accounts API."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

import msgspec

from carerlink.accounts.phones import PhoneNumber
from carerlink.kit.schema import (
    AnyPassword,
    AppLocale,
    DisplayName,
    Email,
    Line,
    NewPassword,
    OneLine,
    Schema,
    TimeZoneName,
    Token,
)

PhoneText = Annotated[
    OneLine,
    msgspec.Meta(
        max_length=40,
        description="A phone number as typed: a UK number, or + and the country code for another country "
        "(checked with libphonenumber, stored in E.164)",
        examples=["07700 900123", "+33 6 12 34 56 78"],
    ),
]
Relationship = Annotated[
    Line, msgspec.Meta(min_length=1, max_length=60, description="Who they are to you", examples=["My sister"])
]


class PhoneRead(Schema):
    """A phone number: ``number`` in E.164 (for ``tel:`` links), ``display`` as people read it."""

    number: str
    display: str
    kind: Literal["mobile", "landline", "other"]


class EmergencyContactRead(Schema):
    """Whom the centre may ring if a carer can't be reached in a crisis."""

    name: str
    relationship: str
    phone: PhoneRead


class EmergencyContactWrite(Schema):
    """A carer's emergency contact: all three are needed."""

    name: DisplayName
    relationship: Relationship
    phone: PhoneText


class LoginRequest(Schema):
    """E-mail and password, and the language chosen on the sign-in page, if one was (issue 17)."""

    email: Email
    password: AnyPassword
    locale: AppLocale | None = None


class MembershipRead(Schema):
    """One of my roles in an organisation."""

    membership_id: uuid.UUID
    organisation_id: uuid.UUID
    organisation_name: str
    organisation_slug: str
    role: str
    status: str


class MeRead(Schema):
    """The signed-in person."""

    id: uuid.UUID
    email: str
    display_name: str
    time_zone: str
    locale: str
    memberships: list[MembershipRead]
    # Issue 17: whether I chose ``locale``; the language the app shows me (null: this device's guess),
    # and my organisation's language offer while I have not chosen (the app offers it first).
    locale_chosen: bool = False
    app_locale: str | None = None
    language_offer: str | None = None
    # Coordinators of my organisations always see these; the other person of a pair only if I share it.
    phone: PhoneRead | None = None
    emergency_contact: EmergencyContactRead | None = None  # carers only


class SessionProbeRead(Schema):
    """Whether anyone is signed in on this browser, and who (the app's first question, never a 401)."""

    signed_in: bool
    me: MeRead | None = None


class MeUpdate(Schema):
    """Changes to my own details; fields left out stay as they are."""

    display_name: DisplayName | msgspec.UnsetType = msgspec.UNSET
    time_zone: TimeZoneName | msgspec.UnsetType = msgspec.UNSET
    # Choosing a language (issue 17): everything carerlink shows or sends me is then in it.
    locale: AppLocale | msgspec.UnsetType = msgspec.UNSET
    # null (or an empty text) removes my number or my emergency contact.
    phone: PhoneText | msgspec.UnsetType | None = msgspec.UNSET
    emergency_contact: EmergencyContactWrite | msgspec.UnsetType | None = msgspec.UNSET


class PasswordChange(Schema):
    """A new password, proven by the current one."""

    current_password: AnyPassword
    new_password: NewPassword


class PasswordResetRequest(Schema):
    """Ask for a reset link by e-mail."""

    email: Email


class PasswordResetConfirm(Schema):
    """Choose a new password with the token from the e-mail."""

    token: Token
    new_password: NewPassword


class Accepted(Schema):
    """A request taken in; the message says what happens next."""

    message: str


class SessionRead(Schema):
    """When the current sign-in ends unless used."""

    idle_expires_at: datetime
    expires_at: datetime


def phone_read(number: PhoneNumber | None) -> PhoneRead | None:
    """A checked number as the API gives it (None stays None)."""
    if number is None:
        return None
    return PhoneRead(number=number.e164, display=number.display, kind=number.kind)


def emergency_contact_read(found: tuple[str, str, PhoneNumber] | None) -> EmergencyContactRead | None:
    """An emergency contact as the API gives it (None stays None)."""
    if found is None:
        return None
    name, relationship, number = found
    return EmergencyContactRead(name=name, relationship=relationship, phone=phone_read(number))  # type: ignore[arg-type]
