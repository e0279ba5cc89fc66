"""Request and response shapes of the accounts API."""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec

from carerlink.kit.schema import (
    AnyPassword,
    DisplayName,
    Email,
    Locale,
    NewPassword,
    Schema,
    TimeZoneName,
    Token,
)


class LoginRequest(Schema):
    """E-mail and password."""

    email: Email
    password: AnyPassword


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


class SessionProbeRead(Schema):
    """Whether anyone is signed in on this browser, and who (the app's first question, never a 401)."""

    signed_in: bool
    me: MeRead | None = None


class MeUpdate(Schema):
    """Changes to my own details; fields left out stay as they are."""

    display_name: DisplayName | msgspec.UnsetType = msgspec.UNSET
    time_zone: TimeZoneName | msgspec.UnsetType = msgspec.UNSET
    locale: Locale | msgspec.UnsetType = msgspec.UNSET


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
