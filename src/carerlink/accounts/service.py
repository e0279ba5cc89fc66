"""Business rules of accounts: creating people, signing in and out, sessions, passwords and resets.

``SessionLimits`` lives in ``caller.py`` beside the ``Caller`` it belongs to and is re-exported here.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

import msgspec
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink import i18n
from carerlink.accounts import passwords, phones, ratelimits
from carerlink.accounts.caller import Caller
from carerlink.accounts.caller import SessionLimits as SessionLimits  # re-exported: callers read it here
from carerlink.accounts.models import AuthSession, EmergencyContact, PasswordResetToken, User
from carerlink.accounts.policy import can_edit_user
from carerlink.actor import Actor
from carerlink.audit import service as audit
from carerlink.db import dialect_insert
from carerlink.errors import Conflict, Invalid, InvalidCredentials, NotAllowed, NotFound
from carerlink.i18n import N_, _
from carerlink.kit.crypto import new_token, token_digest
from carerlink.kit.text import clean_display_name, is_time_zone, normalise_email
from carerlink.mail import service as mail

RESET_TOKEN_LIFETIME = timedelta(minutes=30)
# A session's "last seen" is written at most this often, so reading pages does not mean writing rows.
LAST_SEEN_GRANULARITY = timedelta(seconds=60)
WRONG_CREDENTIALS = N_("That e-mail address and password don't match an account. Check them and try again.")


@dataclass(frozen=True, slots=True)
class NewSession:
    """A session just started; ``token`` goes into the cookie and is never stored."""

    session: AuthSession
    token: str


def check_time_zone(name: str, *, field: str = "time_zone") -> str:
    """Return ``name`` if it is an IANA time zone, else raise ``Invalid`` naming the field."""
    if not is_time_zone(name):
        raise Invalid(
            _("{name!r} is not a time zone we know. Use a name like Europe/London.").format(name=name),
            field=field,
        )
    return name


async def get_user_by_email(session: AsyncSession, *, email: str) -> User | None:
    """Find a user by e-mail, whatever its spelling."""
    return await session.scalar(select(User).where(User.email == normalise_email(email)))


async def get_user_or_raise(session: AsyncSession, *, user_id: uuid.UUID) -> User:
    """Return the user or raise ``NotFound``."""
    user = await session.get(User, user_id)
    if user is None:
        raise NotFound(_("No such person."))
    return user


def check_new_account(*, email: str, display_name: str, password: str, time_zone: str) -> str:
    """Check a sign-up's name, time zone and password (not whether the address is taken); the clean name."""
    name = clean_display_name(display_name)
    if not name:
        raise Invalid(_("Please tell us your name."), field="display_name")
    check_time_zone(time_zone)
    passwords.check_new_password(password, field="password", email=normalise_email(email))
    return name


async def create_user(
    session: AsyncSession,
    *,
    email: str,
    display_name: str,
    password: str,
    time_zone: str,
    locale: str = "en-GB",
    now: datetime,
) -> User:
    """Create a person who can sign in; the password is checked against the rules and hashed."""
    normalised = normalise_email(email)
    name = check_new_account(
        email=normalised, display_name=display_name, password=password, time_zone=time_zone
    )
    if await get_user_by_email(session, email=normalised) is not None:
        raise Conflict(
            _("There is already an account for this e-mail address. Sign in instead."), field="email"
        )
    user = User(
        email=normalised,
        display_name=name,
        time_zone=time_zone,
        locale=locale,
        password_hash=await passwords.hash_password(password),
        password_changed_at=now,
    )
    session.add(user)
    await session.flush()
    return user


async def authenticate(
    session: AsyncSession, *, email: str, password: str, client_ip: str, now: datetime
) -> User:
    """Check an e-mail and password; the same answer and timing for an unknown e-mail and a wrong password."""
    normalised = normalise_email(email)
    await ratelimits.consume(session, ratelimits.LOGIN_PER_IP, client_ip, now=now)
    await ratelimits.consume(session, ratelimits.LOGIN_PER_ACCOUNT, normalised, now=now)
    user = await get_user_by_email(session, email=normalised)
    usable = user is not None and user.is_active
    if not await passwords.verify_password(user.password_hash if usable and user else None, password):
        raise InvalidCredentials(str(WRONG_CREDENTIALS))
    assert user is not None
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = await passwords.hash_password(password)
    return user


async def start_session(
    session: AsyncSession, *, user_id: uuid.UUID, limits: SessionLimits, now: datetime, user_agent: str = ""
) -> NewSession:
    """Start a new session with a fresh random token (never one the client chose)."""
    token = new_token()
    auth_session = AuthSession(
        token_digest=token_digest(token),
        user_id=user_id,
        last_seen_at=now,
        expires_at=now + limits.absolute,
        user_agent=user_agent[:120],
    )
    session.add(auth_session)
    await session.flush()
    return NewSession(session=auth_session, token=token)


async def sign_in(caller: Caller, *, email: str, password: str, locale: str | None = None) -> NewSession:
    """Check an e-mail and password and start a new session for this browser (a fresh token every time).

    ``locale``: a language chosen on the sign-in page (issue 17) becomes the person's choice.
    """
    user = await authenticate(
        caller.session, email=email, password=password, client_ip=caller.client_ip, now=caller.now
    )
    if locale:
        user.locale, user.locale_chosen = locale, True
    return await start_session(
        caller.session, user_id=user.id, limits=caller.limits, now=caller.now, user_agent=caller.user_agent
    )


def session_verdict(
    last_seen_at: datetime, expires_at: datetime, is_active: bool, limits: SessionLimits, now: datetime
) -> str:
    """Whether a session has "ended" (timed out, or the account is disabled), should "slide", or is "live"."""
    if not is_active or now >= expires_at or now - last_seen_at >= limits.idle:
        return "ended"
    if now - last_seen_at >= LAST_SEEN_GRANULARITY:
        return "slide"
    return "live"


async def slide_or_end(session: AsyncSession, *, session_id: uuid.UUID, verdict: str, now: datetime) -> None:
    """Apply ``session_verdict`` to a session row read without the ORM (``organisations.resolve_actor``)."""
    if verdict == "ended":
        await session.execute(delete(AuthSession).where(AuthSession.id == session_id))
    elif verdict == "slide":
        await session.execute(
            update(AuthSession).where(AuthSession.id == session_id).values(last_seen_at=now)
        )


async def rotate_session(
    session: AsyncSession, *, actor: Actor, limits: SessionLimits, now: datetime
) -> NewSession:
    """Replace the actor's session with a new token (after a privilege or password change)."""
    user_id = actor.require_person()
    if actor.session_id is not None:
        await session.execute(delete(AuthSession).where(AuthSession.id == actor.session_id))
    return await start_session(session, user_id=user_id, limits=limits, now=now)


async def end_session(session: AsyncSession, *, actor: Actor) -> None:
    """Sign out this browser."""
    if actor.session_id is not None:
        await session.execute(delete(AuthSession).where(AuthSession.id == actor.session_id))


async def sign_out_everywhere(session: AsyncSession, *, actor: Actor) -> int:
    """End every session of the signed-in person, the current one included."""
    return await end_all_sessions(session, user_id=actor.require_person())


async def end_all_sessions(
    session: AsyncSession, *, user_id: uuid.UUID, keep: uuid.UUID | None = None
) -> int:
    """Sign a person out everywhere (except the session ``keep``); returns how many ended."""
    statement = delete(AuthSession).where(AuthSession.user_id == user_id)
    if keep is not None:
        statement = statement.where(AuthSession.id != keep)
    result = await session.execute(statement)
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class ContactWrite:
    """A carer's emergency contact as sent (checked by ``update_me``)."""

    name: str
    relationship: str
    phone: str


@dataclass(frozen=True, slots=True)
class ContactDetails:
    """A person's own number and emergency contact, checked and ready to read."""

    phone: phones.PhoneNumber | None
    emergency_contact: tuple[str, str, phones.PhoneNumber] | None  # name, relationship, number


async def update_me(
    session: AsyncSession,
    *,
    actor: Actor,
    display_name: str | msgspec.UnsetType = msgspec.UNSET,
    time_zone: str | msgspec.UnsetType = msgspec.UNSET,
    locale: str | msgspec.UnsetType = msgspec.UNSET,
    phone: str | msgspec.UnsetType | None = msgspec.UNSET,
    emergency_contact: ContactWrite | msgspec.UnsetType | None = msgspec.UNSET,
    now: datetime,
) -> User:
    """Change my own details; everything is checked before anything changes (no partial write).

    ``phone`` or ``emergency_contact`` None (or an empty number) removes it. Whether this person may
    have an emergency contact (carers) is decided by the caller, which knows their roles.
    """
    user = await get_user_or_raise(session, user_id=actor.require_person())
    if not can_edit_user(actor, user):
        raise NotAllowed(_("You can only change your own details."))
    name = clean_display_name(display_name) if display_name is not msgspec.UNSET else None
    if display_name is not msgspec.UNSET and not name:
        raise Invalid(_("Please tell us your name."), field="display_name")
    if time_zone is not msgspec.UNSET:
        check_time_zone(time_zone)
    number = phones.parse(phone) if isinstance(phone, str) and phone.strip() else None
    contact = None
    if isinstance(emergency_contact, ContactWrite):
        contact_name = clean_display_name(emergency_contact.name)
        if not contact_name:
            raise Invalid(_("Enter your emergency contact's name."), field="emergency_contact.name")
        relationship = " ".join(emergency_contact.relationship.split())
        if not relationship:
            raise Invalid(
                _("Say who they are to you, for example my sister."), field="emergency_contact.relationship"
            )
        contact = (
            contact_name,
            relationship,
            phones.parse(emergency_contact.phone, field="emergency_contact.phone"),
        )
    # Every check has passed: now change.
    if name:
        user.display_name = name
    if time_zone is not msgspec.UNSET:
        user.time_zone = time_zone
    if locale is not msgspec.UNSET:
        # Choosing a language (issue 17): from now on it beats any first guess or organisation offer.
        user.locale, user.locale_chosen = locale, True
    if phone is not msgspec.UNSET and (number.e164 if number else None) != user.phone:
        user.phone = number.e164 if number else None
        user.phone_verified_at = None  # a new number is proved again before anything is texted to it
        await audit.record(
            session,
            actor=actor,
            action="accounts.phone.changed",
            now=now,
            subject_user_id=user.id,
            details={"removed": number is None},
        )
    if emergency_contact is not msgspec.UNSET:
        await _set_emergency_contact(session, actor=actor, user=user, contact=contact, now=now)
    return user


async def _set_emergency_contact(
    session: AsyncSession,
    *,
    actor: Actor,
    user: User,
    contact: tuple[str, str, phones.PhoneNumber] | None,
    now: datetime,
) -> None:
    """Replace or remove the one emergency contact (an upsert: two saves at once can't make two)."""
    if contact is None:
        removed = await session.execute(delete(EmergencyContact).where(EmergencyContact.user_id == user.id))
        if removed.rowcount:  # type: ignore[attr-defined]
            await audit.record(
                session,
                actor=actor,
                action="accounts.emergency_contact.removed",
                now=now,
                subject_user_id=user.id,
            )
        return
    name, relationship, number = contact
    stored = (await emergency_contacts(session, user_ids=[user.id])).get(user.id)
    if stored is not None and (stored[0], stored[1], stored[2].e164) == (name, relationship, number.e164):
        return  # saved again as it was (My details sends it with every save): nothing to record
    values = {"name": name, "relationship": relationship, "phone": number.e164, "updated_at": now}
    await session.execute(
        dialect_insert(session, EmergencyContact.__table__)
        .values(id=uuid.uuid4(), user_id=user.id, created_at=now, **values)
        .on_conflict_do_update(index_elements=["user_id"], set_=values)
    )
    await audit.record(
        session, actor=actor, action="accounts.emergency_contact.changed", now=now, subject_user_id=user.id
    )


async def contact_details(
    session: AsyncSession, *, user: User, with_emergency_contact: bool
) -> ContactDetails:
    """A person's own number, and their emergency contact when asked (carers)."""
    found = (
        (await emergency_contacts(session, user_ids=[user.id])).get(user.id)
        if with_emergency_contact
        else None
    )
    return ContactDetails(phone=phones.describe(user.phone) if user.phone else None, emergency_contact=found)


async def phone_numbers(
    session: AsyncSession, *, user_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, phones.PhoneNumber]:
    """The numbers of these people who gave one, by person; callers decide who may read them."""
    ids = {i for i in user_ids if i is not None}
    if not ids:
        return {}
    rows = await session.execute(select(User.id, User.phone).where(User.id.in_(ids), User.phone.is_not(None)))
    return {user_id: phones.describe(phone) for user_id, phone in rows if phone}


async def emergency_contacts(
    session: AsyncSession, *, user_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, tuple[str, str, phones.PhoneNumber]]:
    """These people's emergency contacts (name, relationship, number), by person; callers decide who reads."""
    ids = {i for i in user_ids if i is not None}
    if not ids:
        return {}
    rows = await session.scalars(
        select(EmergencyContact)
        .where(EmergencyContact.user_id.in_(ids))
        .execution_options(populate_existing=True)  # written by an upsert (Core) earlier in the request
    )
    return {c.user_id: (c.name, c.relationship, phones.describe(c.phone)) for c in rows}


async def change_password(caller: Caller, *, current_password: str, new_password: str) -> NewSession:
    """Set a new password (the current one proves it is you); other sessions end, this one is renewed."""
    user = await get_user_or_raise(caller.session, user_id=caller.actor.require_person())
    await ratelimits.consume(
        caller.session, ratelimits.PASSWORD_CHANGE_PER_ACCOUNT, str(user.id), now=caller.now
    )
    if not await passwords.verify_password(user.password_hash, current_password):
        # Kept: the Invalid below rolls the request back, and a run of wrong guesses must be visible.
        await audit.record(
            caller.session,
            actor=caller.actor,
            action="accounts.password.change_refused",
            now=caller.now,
            subject_user_id=user.id,
            details={"reason": "wrong-current-password"},
            keep=True,
        )
        raise Invalid(_("Your current password is not right."), field="current_password")
    passwords.check_new_password(new_password, field="new_password", email=user.email)
    user.password_hash = await passwords.hash_password(new_password)
    user.password_changed_at = caller.now
    await end_all_sessions(caller.session, user_id=user.id)
    await audit.record(
        caller.session,
        actor=caller.actor,
        action="accounts.password.changed",
        now=caller.now,
        subject_user_id=user.id,
    )
    return await start_session(caller.session, user_id=user.id, limits=caller.limits, now=caller.now)


async def request_password_reset(
    session: AsyncSession, *, email: str, client_ip: str, base_url: str, now: datetime
) -> None:
    """E-mail a single-use reset link if the address has an account; say nothing either way."""
    normalised = normalise_email(email)
    await ratelimits.consume(session, ratelimits.RESET_PER_IP, client_ip, now=now)
    await ratelimits.consume(session, ratelimits.RESET_PER_ACCOUNT, normalised, now=now)
    user = await get_user_by_email(session, email=normalised)
    if user is None or not user.is_active:
        return
    token = new_token()
    session.add(
        PasswordResetToken(
            token_digest=token_digest(token), user_id=user.id, expires_at=now + RESET_TOKEN_LIFETIME
        )
    )
    # In their language (issue 17): the one they chose, else the one they asked in.
    with i18n.using(user.locale if user.locale_chosen else i18n.current()):
        await mail.queue_mail(
            session,
            to=user.email,
            subject=_("Reset your carerlink password"),
            body=_(
                "Hello {name},\n\n"
                "Someone (we hope you) asked to reset the password for your carerlink account.\n"
                "Choose a new password here within the next 30 minutes:\n\n{link}\n\n"
                "If you did not ask, you can ignore this e-mail: your password stays as it is.\n"
            ).format(name=user.display_name, link=f"{base_url}/reset-password#token={token}"),
            category="password-reset",
            now=now,
        )


async def reset_password(session: AsyncSession, *, token: str, new_password: str, now: datetime) -> User:
    """Use a reset token once to set a new password; every session of the account ends."""
    reset = await session.scalar(
        select(PasswordResetToken).where(PasswordResetToken.token_digest == token_digest(token))
    )
    if reset is None or reset.used_at is not None or now >= reset.expires_at:
        raise Invalid(
            _("This reset link has expired or has already been used. Please ask for a new one."),
            field="token",
        )
    user = await get_user_or_raise(session, user_id=reset.user_id)
    passwords.check_new_password(new_password, field="new_password", email=user.email)
    user.password_hash = await passwords.hash_password(new_password)
    user.password_changed_at = now
    await session.execute(
        update(PasswordResetToken)
        .where(PasswordResetToken.user_id == user.id, PasswordResetToken.used_at.is_(None))
        .values(used_at=now)
    )
    await end_all_sessions(session, user_id=user.id)
    return user


async def set_active(session: AsyncSession, *, user_id: uuid.UUID, active: bool) -> User:
    """Enable or disable sign-in for a person; disabling ends every session at once."""
    user = await get_user_or_raise(session, user_id=user_id)
    user.is_active = active
    if not active:
        await end_all_sessions(session, user_id=user.id)
    return user


async def purge_expired(session: AsyncSession, *, now: datetime, idle: timedelta) -> int:
    """Delete sessions and reset tokens that can no longer be used, and spent rate-limit windows."""
    ended = await session.execute(
        delete(AuthSession).where((AuthSession.expires_at <= now) | (AuthSession.last_seen_at <= now - idle))
    )
    resets = await session.execute(delete(PasswordResetToken).where(PasswordResetToken.expires_at <= now))
    windows = await ratelimits.purge_expired(session, now=now)
    return int(ended.rowcount or 0) + int(resets.rowcount or 0) + windows  # type: ignore[attr-defined]
