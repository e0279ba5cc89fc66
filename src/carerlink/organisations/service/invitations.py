"""Invitations: a coordinator invites an address to a role; the person accepts by link or by code.

Accepting is also where the sign-in changes hands: a new person is signed in, and a signed-in person
who gains a role gets a new session token (a privilege change), so the controller only sets the
cookie it is given.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink import i18n
from carerlink.accounts import passwords, phones, ratelimits
from carerlink.accounts import service as accounts
from carerlink.accounts.caller import Caller
from carerlink.accounts.models import User
from carerlink.actor import Actor, Role
from carerlink.errors import Conflict, DomainError, FailedAttempt, Invalid, NotFound
from carerlink.i18n import _
from carerlink.kit.crypto import new_human_code, new_token, normalise_human_code, token_digest
from carerlink.kit.text import normalise_email
from carerlink.mail import service as mail
from carerlink.notifications import kinds
from carerlink.organisations.models import (
    Consent,
    ConsentKind,
    Invitation,
    Membership,
    MembershipStatus,
    Organisation,
    Referral,
)
from carerlink.organisations.scope import Scope, open_scope
from carerlink.organisations.service._common import managed
from carerlink.organisations.service.actors import memberships_of
from carerlink.organisations.service.consents import consents_for
from carerlink.organisations.service.memberships import add_membership, coordinators_to_alert

INVITATION_LIFETIME = timedelta(days=7)
INVITATION_MAIL = "invitation"  # the outbox category of invitation e-mails
# Issue 16: a person brought in from a spreadsheet has an account before they join; this stands for "no
# password chosen yet" (it is no Argon2 hash, so no password ever matches it). Accepting their invitation
# sets their password and their agreement to the terms.
NO_PASSWORD_YET = "!invited-not-yet-joined"  # noqa: S105 - a marker, not a password
IMPORT_INVITATION_LIFETIME = timedelta(days=30)  # a spreadsheet's people may take longer to answer


@dataclass(frozen=True, slots=True)
class NewInvitation:
    """An invitation just made, with its secrets (never stored in the clear)."""

    invitation: Invitation
    token: str
    code: str


@dataclass(frozen=True, slots=True)
class ListedInvitation:
    """An invitation as its coordinators see it: with whether its e-mail went."""

    invitation: Invitation
    email_status: mail.MailState | None  # None: no e-mail (made before issue 10, or its record expired)


@dataclass(frozen=True, slots=True)
class Acceptance:
    """The result of accepting an invitation: who, the new role, and the session that now signs them in."""

    user: User
    membership: Membership
    new_account: bool
    signed_in: accounts.NewSession
    memberships: Sequence[tuple[Membership, Organisation]]


def invitation_state(invitation: Invitation, now: datetime) -> str:
    """pending, accepted, revoked or expired."""
    if invitation.accepted_at is not None:
        return "accepted"
    if invitation.revoked_at is not None:
        return "revoked"
    if now >= invitation.expires_at:
        return "expired"
    return "pending"


def _invited_as(role: Role) -> str:
    """The role an invitation is for, as its e-mail says it ("as a buddy"), in the current language."""
    if role == Role.COORDINATOR:
        return _("a coordinator")
    if role == Role.BUDDY:
        return _("a buddy")
    return _("a carer")


async def send_invitation(scope: Scope, *, email: str, role: Role, base_url: str) -> NewInvitation:
    """Invite an e-mail address to take a role; the link goes by e-mail, the code is shown once."""
    organisation = managed(scope)
    normalised = normalise_email(email)
    token, code = new_token(), new_human_code()
    invitation = Invitation(
        organisation_id=organisation.id,
        email=normalised,
        role=role,
        token_digest=token_digest(token),
        code_digest=token_digest(normalise_human_code(code)),
        invited_by_user_id=scope.actor.user_id,
        expires_at=scope.now + INVITATION_LIFETIME,
    )
    invitation.created_at = scope.now
    scope.session.add(invitation)
    await scope.session.flush()
    # In the organisation's language offer, else English (issue 17): the invitee has no account to say.
    with i18n.using(i18n.supported((organisation.settings or {}).get("language_offer"))):
        queued = await mail.queue_mail(
            scope.session,
            to=normalised,
            subject=_("You're invited to join {organisation} on carerlink").format(
                organisation=organisation.name
            ),
            body=_(
                "Hello,\n\n{organisation} has invited you to join their carer buddy service on carerlink "
                "as {role}.\n\nTo accept, open this link within 7 days:\n\n{link}\n\n"
                "Or, at the centre, enter this code: {code}\n\n"
                "If you weren't expecting this, you can ignore this e-mail.\n"
            ).format(
                organisation=organisation.name,
                role=_invited_as(role),
                link=f"{base_url}/invitation#token={token}",
                code=code,
            ),
            category=INVITATION_MAIL,
            now=scope.now,
        )
    invitation.mail_id = queued.id
    await scope.audit(
        "organisations.invitation.created",
        object_type="invitation",
        object_id=invitation.id,
        details={"role": role.value},
    )
    return NewInvitation(invitation=invitation, token=token, code=code)


async def list_invitations(scope: Scope) -> list[ListedInvitation]:
    """An organisation's invitations, newest first, each with whether its e-mail went (coordinators)."""
    organisation = managed(scope)
    query = (
        select(Invitation)
        .where(Invitation.organisation_id == organisation.id)
        .order_by(Invitation.created_at.desc())
        .limit(500)
    )
    invitations = (await scope.session.scalars(query)).all()
    states = await mail.delivery_states(scope.session, mail_ids={i.mail_id for i in invitations if i.mail_id})
    return [ListedInvitation(i, states.get(i.mail_id) if i.mail_id else None) for i in invitations]


async def tell_of_undelivered_invitations(session: AsyncSession, *, now: datetime) -> int:
    """Tell the coordinators, once, of each open invitation whose e-mail can never be sent.

    The mail outbox marks such an e-mail failed (refused at once, or abandoned after its retries); until
    the coordinators know, the person waits for an e-mail that will never come. Each is audited and
    notified to every active coordinator of the organisation; returns how many invitations were told.
    """
    failed = await mail.failed_since(session, since=now - INVITATION_LIFETIME, category=INVITATION_MAIL)
    if not failed:
        return 0
    invitations = (
        await session.scalars(
            select(Invitation)
            .where(Invitation.mail_id.in_(failed), Invitation.mail_failure_told_at.is_(None))
            .with_for_update(skip_locked=True)
        )
    ).all()
    for invitation in invitations:
        invitation.mail_failure_told_at = now
        if invitation_state(invitation, now) != "pending":
            continue  # accepted by code, withdrawn or expired: nobody is waiting for it
        scope = await open_scope(
            session, actor=Actor.system(), now=now, organisation_id=invitation.organisation_id
        )
        for coordinator_id in await coordinators_to_alert(
            session, organisation_id=invitation.organisation_id, on_duty_only=False
        ):
            await scope.notify(
                coordinator_id,
                kinds.InvitationMailFailed,
                {"invitation_id": invitation.id},
                dedupe_key=f"invitation-mail-failed:{invitation.id}",
            )
        await scope.audit(
            "organisations.invitation.mail_failed", object_type="invitation", object_id=invitation.id
        )
    return len(invitations)


async def revoke_invitation(scope: Scope, *, invitation_id: uuid.UUID) -> Invitation:
    """Withdraw an invitation that has not been accepted (coordinators)."""
    organisation = managed(scope)
    invitation = await scope.session.get(Invitation, invitation_id)
    if invitation is None or invitation.organisation_id != organisation.id:
        raise NotFound(_("No such invitation."))
    if invitation.accepted_at is not None:
        raise Conflict(_("This invitation has already been accepted."))
    if invitation.revoked_at is None:
        invitation.revoked_at = scope.now
        await scope.audit(
            "organisations.invitation.revoked", object_type="invitation", object_id=invitation.id
        )
    return invitation


async def _find_invitation(
    caller: Caller, *, token: str | None, code: str | None
) -> tuple[Invitation, Organisation]:
    session, now = caller.session, caller.now
    await ratelimits.consume(session, ratelimits.INVITATION_PER_IP, caller.client_ip, now=now)
    if bool(token) == bool(code):
        raise Invalid(_("Give either the link from your e-mail or the code from the centre."), field="token")
    if token:
        digest, field = token_digest(token), "token"
        condition = Invitation.token_digest == digest
    else:
        await ratelimits.consume(session, ratelimits.INVITATION_CODES, "every-address", now=now)
        digest, field = token_digest(normalise_human_code(code or "")), "code"
        condition = Invitation.code_digest == digest
    row = (
        await session.execute(
            select(Invitation, Organisation)
            .join(Organisation, Organisation.id == Invitation.organisation_id)
            .where(condition)
        )
    ).one_or_none()
    if row is None or invitation_state(row[0], now) != "pending":
        raise FailedAttempt(
            _(
                "This invitation can't be used: it may have expired, been used already or been withdrawn. "
                "Please ask the centre for a new one."
            ),
            field=field,
        )
    return row[0], row[1]


async def preview_invitation(
    caller: Caller, *, token: str | None, code: str | None
) -> tuple[Invitation, Organisation]:
    """What an invitation is for, so the accept screen can show it (rate-limited per IP)."""
    return await _find_invitation(caller, token=token, code=code)


async def accept_invitation(
    caller: Caller,
    *,
    token: str | None,
    code: str | None,
    agree_terms: bool,
    agree_health_data: bool,
    display_name: str | None,
    password: str | None,
    time_zone: str,
    locale: str | None,
) -> Acceptance:
    """Accept an invitation: a new person gets an account; a signed-in person gets the extra role.

    A code can create an account, so whether the address already has one cannot be hidden from whoever
    holds the code (a coordinator can invite any address and read the code). Probing is made costly and
    visible instead: by code, acceptances are limited per inviting organisation and per invited address
    as well as per IP; a signed-out person must first give a complete, valid sign-up (an address with no
    account is then simply signed up, which its coordinators see); and every refusal is audited against
    the invitation that caused it, kept even though the request is rolled back.

    Either way the caller leaves signed in with a new session token: a new role is a privilege change,
    so a signed-in person's old token is replaced, and a new person's first session starts here.
    """
    invitation, organisation = await _find_invitation(caller, token=token, code=code)
    # The organisation is already in the session's identity map: this opens the scope without a query.
    scope = await open_scope(
        caller.session, actor=caller.actor, now=caller.now, organisation_id=organisation.id
    )
    try:
        if code:
            # The address first: one code hammered on uses up its own allowance, not its centre's (so
            # it cannot block everyone else's in-person sign-ups there).
            await ratelimits.consume(
                caller.session, ratelimits.INVITATION_PER_ADDRESS, invitation.email, now=caller.now
            )
            await ratelimits.consume(
                caller.session, ratelimits.INVITATION_PER_ORGANISATION, str(organisation.id), now=caller.now
            )
        if not agree_terms:
            raise Invalid(_("Please read and agree to the terms to join."), field="consents.terms")
        user, new_account = await _invited_person(
            caller,
            invitation=invitation,
            display_name=display_name,
            password=password,
            time_zone=time_zone,
            locale=locale,
        )
    except DomainError as refusal:
        await scope.audit(
            "organisations.invitation.refused",
            object_type="invitation",
            object_id=invitation.id,
            details={"reason": refusal.code, "field": refusal.field, "by": "code" if code else "link"},
            keep=True,
        )
        raise
    membership = await _imported_membership(caller.session, invitation=invitation, user_id=user.id)
    if membership is None:
        membership = await add_membership(
            caller.session,
            user_id=user.id,
            organisation_id=organisation.id,
            role=invitation.role,
            now=caller.now,
        )
    invitation.accepted_at = caller.now
    invitation.accepted_user_id = user.id
    await carry_referral_phone(caller.session, invitation_id=invitation.id, user=user)
    # An import may have brought in a health-data consent given before carerlink (issue 16): it stands.
    already = await consenting_kinds(caller.session, user_id=user.id, organisation_id=organisation.id)
    for kind, version, _text, _required in consents_for(invitation.role):
        if kind in already:
            continue
        if kind == ConsentKind.TERMS or (kind == ConsentKind.HEALTH_DATA and agree_health_data):
            caller.session.add(
                Consent(
                    user_id=user.id,
                    organisation_id=organisation.id,
                    kind=kind,
                    version=version,
                    given_at=caller.now,
                    locale=i18n.current(),  # the words were shown in the page's language (issue 17)
                )
            )
    await dataclasses.replace(scope, actor=Actor(user_id=user.id)).audit(
        "organisations.invitation.accepted",
        subject_user_id=user.id,
        object_type="invitation",
        object_id=invitation.id,
        details={"role": invitation.role.value, "health_data_consent": agree_health_data},
    )
    return Acceptance(
        user=user,
        membership=membership,
        new_account=new_account,
        signed_in=await _signed_in_after_acceptance(caller, user_id=user.id),
        memberships=await memberships_of(caller.session, user_id=user.id),
    )


async def consenting_kinds(
    session: AsyncSession, *, user_id: uuid.UUID, organisation_id: uuid.UUID
) -> set[ConsentKind]:
    """The kinds of consent a person currently gives in an organisation."""
    kinds = await session.scalars(
        select(Consent.kind).where(
            Consent.user_id == user_id,
            Consent.organisation_id == organisation_id,
            Consent.withdrawn_at.is_(None),
        )
    )
    return set(kinds.all())


async def _imported_membership(
    session: AsyncSession, *, invitation: Invitation, user_id: uuid.UUID
) -> Membership | None:
    """The membership an import made for this person (issue 16), waiting for them to join, if any.

    An import makes the membership with the person's original waiting date and no agreement to the
    terms; accepting keeps it (and so the date) rather than refusing it as a role already held.
    """
    membership = await session.scalar(
        select(Membership).where(
            Membership.user_id == user_id,
            Membership.organisation_id == invitation.organisation_id,
            Membership.role == invitation.role,
            Membership.status == MembershipStatus.ACTIVE,
        )
    )
    if membership is None:
        return None
    terms = await session.scalar(
        select(Consent.id).where(
            Consent.user_id == user_id,
            Consent.organisation_id == invitation.organisation_id,
            Consent.kind == ConsentKind.TERMS,
            Consent.withdrawn_at.is_(None),
        )
    )
    return membership if terms is None else None


async def _signed_in_after_acceptance(caller: Caller, *, user_id: uuid.UUID) -> accounts.NewSession:
    """A new role is a privilege change: the old session token is replaced either way."""
    if not caller.actor.is_anonymous:
        return await accounts.rotate_session(
            caller.session, actor=caller.actor, limits=caller.limits, now=caller.now
        )
    return await accounts.start_session(
        caller.session, user_id=user_id, limits=caller.limits, now=caller.now, user_agent=caller.user_agent
    )


async def _invited_person(
    caller: Caller,
    *,
    invitation: Invitation,
    display_name: str | None,
    password: str | None,
    time_zone: str,
    locale: str | None,
) -> tuple[User, bool]:
    """Who accepts: the signed-in invitee, or a new account; whether the account is new.

    ``locale`` is the language chosen on the invitation page (issue 17); without one, the language of
    this request (the browser's) is stored as a first guess, not as a choice.
    """
    guess = locale or i18n.current()
    session = caller.session
    if not caller.actor.is_anonymous:
        signed_in = await accounts.get_user_or_raise(session, user_id=caller.actor.require_person())
        if signed_in.email != invitation.email:
            raise Conflict(
                _("This invitation is for a different e-mail address. Sign out first."), field="email"
            )
        if locale:
            signed_in.locale, signed_in.locale_chosen = locale, True
        return signed_in, False
    if not display_name:
        raise Invalid(_("Please tell us your name."), field="display_name")
    if not password:
        raise Invalid(_("Please choose a password."), field="password")
    # Every check of the sign-up before the address is looked up (see accept_invitation).
    accounts.check_new_account(
        email=invitation.email, display_name=display_name, password=password, time_zone=time_zone
    )
    existing = await accounts.get_user_by_email(session, email=invitation.email)
    if existing is not None and existing.password_hash == NO_PASSWORD_YET and existing.is_active:
        # Brought in by an import (issue 16): the account waits for its person, who joins here.
        existing.display_name = accounts.check_new_account(
            email=invitation.email, display_name=display_name, password=password, time_zone=time_zone
        )
        existing.password_hash = await passwords.hash_password(password)
        existing.password_changed_at = caller.now
        existing.time_zone, existing.locale, existing.locale_chosen = time_zone, guess, locale is not None
        return existing, True
    if existing is not None:
        raise Conflict(_("Sign in to accept this invitation."), field="email")
    try:
        async with session.begin_nested():
            user = await accounts.create_user(
                session,
                email=invitation.email,
                display_name=display_name,
                password=password,
                time_zone=time_zone,
                locale=guess,
                now=caller.now,
            )
            user.locale_chosen = locale is not None
    except IntegrityError:
        raise Conflict(_("This invitation has just been used. Please sign in.")) from None
    return user, True


async def carry_referral_phone(session: AsyncSession, *, invitation_id: uuid.UUID, user: User) -> None:
    """The number given on the join form becomes the carer's own when they accept its invitation.

    Only when they have none yet (a number they chose themselves wins); a number from before numbers were
    checked that isn't one is left on the referral.
    """
    if user.phone is not None:
        return
    given = await session.scalar(
        select(Referral.phone).where(Referral.invitation_id == invitation_id, Referral.phone.is_not(None))
    )
    number = phones.try_parse(given)
    if number is not None:
        user.phone = number.e164
