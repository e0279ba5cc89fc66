"""Business rules of organisations: memberships, invitations, consents and self-referrals."""

from __future__ import annotations

import re
import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import msgspec
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import load_only

from carerlink.accounts import ratelimits
from carerlink.accounts import service as accounts
from carerlink.accounts.models import AuthSession, User
from carerlink.actor import Actor, Grant, Role
from carerlink.audit import service as audit
from carerlink.errors import (
    Conflict,
    DomainError,
    FailedAttempt,
    Invalid,
    NotAllowed,
    NotAuthenticated,
    NotFound,
)
from carerlink.kit.crypto import new_human_code, new_token, normalise_human_code, token_digest
from carerlink.kit.text import clean_display_name, is_one_line, normalise_email
from carerlink.mail import service as mail
from carerlink.notifications import kinds
from carerlink.notifications import service as notifications
from carerlink.organisations import policy
from carerlink.organisations.consents import CURRENT, DEFAULT_CRISIS_LINES
from carerlink.organisations.models import (
    Consent,
    ConsentKind,
    Invitation,
    Membership,
    MembershipStatus,
    Organisation,
    Referral,
    ReferralStatus,
)
from carerlink.organisations.schemas import OrganisationSettings

INVITATION_LIFETIME = timedelta(days=7)
INVITATION_MAIL = "invitation"  # the outbox category of invitation e-mails
_REF = re.compile(r"[a-z0-9-]{1,60}")
ROLE_WORDS = {Role.COORDINATOR: "a coordinator", Role.BUDDY: "a buddy", Role.CARER: "a carer"}


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
    """The result of accepting an invitation."""

    user: User
    membership: Membership
    new_account: bool


# --- organisations -------------------------------------------------------------------------------


async def create_organisation(
    session: AsyncSession, *, name: str, slug: str, time_zone: str, now: datetime
) -> Organisation:
    """Create an organisation with the UK default crisis lines."""
    accounts.check_time_zone(time_zone)
    if not name.strip() or not is_one_line(name):
        # The API's schema refuses these; the CLI and the demo come this way. (A CR/LF here broke e-mail.)
        raise Invalid(
            "The name must be one line of text, without line breaks or control characters.", field="name"
        )
    if await session.scalar(select(Organisation.id).where(Organisation.slug == slug)) is not None:
        raise Conflict(f"An organisation called {slug!r} already exists.", field="slug")
    organisation = Organisation(
        name=name.strip(),
        slug=slug,
        time_zone=time_zone,
        crisis_lines=list(DEFAULT_CRISIS_LINES),
        settings={},
    )
    organisation.created_at = now
    session.add(organisation)
    await session.flush()
    return organisation


async def get_organisation_or_raise(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID
) -> Organisation:
    """Return an organisation the actor belongs to; anyone else gets ``NotFound``."""
    if actor.is_anonymous:
        raise NotAuthenticated("Please sign in to continue.")
    organisation = await session.get(Organisation, organisation_id)
    if organisation is None or not policy.can_view_organisation(actor, organisation.id):
        raise NotFound("No such organisation.")
    return organisation


async def settings_for(session: AsyncSession, *, organisation_id: uuid.UUID) -> OrganisationSettings:
    """An organisation's settings with every default filled in (for jobs and other domains)."""
    organisation = await session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound("No such organisation.")
    return msgspec.convert(organisation.settings, OrganisationSettings)


async def crisis_lines_for(session: AsyncSession, *, organisation_id: uuid.UUID) -> list[dict[str, Any]]:
    """An organisation's crisis lines, as stored (name, contact, how, description)."""
    organisation = await session.get(Organisation, organisation_id)
    return list(organisation.crisis_lines) if organisation is not None else list(DEFAULT_CRISIS_LINES)


async def organisation_id_for(session: AsyncSession, *, ref: str) -> uuid.UUID | None:
    """The id of the organisation ``ref`` names, by id or by slug; ``None`` when there is none."""
    if not _REF.fullmatch(ref):  # slugs and UUIDs only: nothing else reaches the database
        return None
    try:
        return await session.scalar(select(Organisation.id).where(Organisation.id == uuid.UUID(ref)))
    except ValueError:
        return await session.scalar(select(Organisation.id).where(Organisation.slug == ref))


async def get_public_organisation(session: AsyncSession, *, organisation_id: uuid.UUID) -> Organisation:
    """Return an organisation for the public pages (its name and crisis lines are not secret)."""
    organisation = await session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound("No such organisation.")
    return organisation


async def _managed_organisation(
    session: AsyncSession, actor: Actor, organisation_id: uuid.UUID
) -> Organisation:
    organisation = await get_organisation_or_raise(session, actor=actor, organisation_id=organisation_id)
    if not policy.can_manage_organisation(actor, organisation.id):
        raise NotAllowed("Only coordinators can do that.")
    return organisation


async def update_organisation(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    now: datetime,
    name: str | msgspec.UnsetType = msgspec.UNSET,
    time_zone: str | msgspec.UnsetType = msgspec.UNSET,
    crisis_lines: list[dict[str, Any]] | msgspec.UnsetType = msgspec.UNSET,
    settings: dict[str, Any] | msgspec.UnsetType = msgspec.UNSET,
) -> Organisation:
    """Change an organisation's name, time zone, crisis lines or settings (coordinators)."""
    organisation = await _managed_organisation(session, actor, organisation_id)
    if name is not msgspec.UNSET:
        organisation.name = name.strip()
    if time_zone is not msgspec.UNSET:
        organisation.time_zone = accounts.check_time_zone(time_zone)
    if crisis_lines is not msgspec.UNSET:
        organisation.crisis_lines = crisis_lines
    if settings is not msgspec.UNSET:
        lead = settings.get("safeguarding_lead_user_id")
        if lead is not None and not await _is_active_coordinator(
            session, organisation.id, uuid.UUID(str(lead))
        ):
            raise Invalid(
                "The safeguarding lead must be one of this organisation's coordinators.",
                field="settings.safeguarding_lead_user_id",
            )
        organisation.settings = {**organisation.settings, **settings}
    await audit.record(
        session, actor=actor, action="organisations.updated", now=now, organisation_id=organisation.id
    )
    return organisation


async def _is_active_coordinator(
    session: AsyncSession, organisation_id: uuid.UUID, user_id: uuid.UUID
) -> bool:
    found = await session.scalar(
        select(Membership.id).where(
            Membership.organisation_id == organisation_id,
            Membership.user_id == user_id,
            Membership.role == Role.COORDINATOR,
            Membership.status == MembershipStatus.ACTIVE,
        )
    )
    return found is not None


async def coordinators_to_alert(
    session: AsyncSession, *, organisation_id: uuid.UUID, on_duty_only: bool = True
) -> list[uuid.UUID]:
    """The coordinators a crisis alert goes to: those on duty, or every coordinator when nobody is."""
    rows = (
        await session.execute(
            select(Membership.user_id, Membership.on_duty)
            .join(User, User.id == Membership.user_id)
            .where(
                Membership.organisation_id == organisation_id,
                Membership.role == Role.COORDINATOR,
                Membership.status == MembershipStatus.ACTIVE,
                User.is_active.is_(True),
            )
            .order_by(Membership.created_at)
        )
    ).all()
    on_duty = [user_id for user_id, duty in rows if duty]
    return on_duty if on_duty and on_duty_only else [user_id for user_id, _ in rows]


async def get_on_duty(session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Whether crisis alerts reach this coordinator at once (the dashboard shows it beside the switch)."""
    await get_organisation_or_raise(session, actor=actor, organisation_id=organisation_id)
    membership_id = actor.membership_id(organisation_id, Role.COORDINATOR)
    membership = await session.get(Membership, membership_id) if membership_id else None
    if membership is None:
        raise NotAllowed("Only coordinators go on and off duty.")
    return membership.on_duty


async def set_on_duty(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, on_duty: bool, now: datetime
) -> Membership:
    """A coordinator says whether crisis alerts should reach them now."""
    await get_organisation_or_raise(session, actor=actor, organisation_id=organisation_id)
    membership_id = actor.membership_id(organisation_id, Role.COORDINATOR)
    membership = await session.get(Membership, membership_id) if membership_id else None
    if membership is None:
        raise NotAllowed("Only coordinators go on and off duty.")
    membership.on_duty = on_duty
    await audit.record(
        session,
        actor=actor,
        action="organisations.duty.changed",
        now=now,
        organisation_id=organisation_id,
        subject_user_id=membership.user_id,
        details={"on_duty": on_duty},
    )
    return membership


# --- who is acting -------------------------------------------------------------------------------


async def resolve_actor(
    session: AsyncSession, *, token: str, limits: accounts.SessionLimits, now: datetime
) -> Actor | None:
    """Who a session cookie belongs to, with their active roles, in one query (every request asks this).

    The session ends or slides exactly as ``accounts.resolve_session`` says.
    """
    if not token or len(token) > 128:
        return None
    rows = (
        await session.execute(
            select(
                AuthSession.id,
                AuthSession.user_id,
                AuthSession.last_seen_at,
                AuthSession.expires_at,
                User.is_active,
                Membership.organisation_id,
                Membership.role,
                Membership.id,
            )
            .join(User, User.id == AuthSession.user_id)
            .outerjoin(
                Membership,
                (Membership.user_id == AuthSession.user_id) & (Membership.status == MembershipStatus.ACTIVE),
            )
            .where(AuthSession.token_digest == token_digest(token))
        )
    ).all()
    if not rows:
        return None
    session_id, user_id, last_seen_at, expires_at, is_active = rows[0][:5]
    verdict = accounts.session_verdict(last_seen_at, expires_at, is_active, limits, now)
    await accounts.slide_or_end(session, session_id=session_id, verdict=verdict, now=now)
    if verdict == "ended":
        return None
    grants = tuple(
        Grant(organisation_id=o, role=Role(r), membership_id=m) for *_, o, r, m in rows if o is not None
    )
    return Actor(user_id=user_id, session_id=session_id, grants=grants)


async def actor_for(session: AsyncSession, *, user_id: uuid.UUID, session_id: uuid.UUID | None) -> Actor:
    """Build the actor for a signed-in person from their active memberships."""
    rows = await session.execute(
        select(Membership.organisation_id, Membership.role, Membership.id).where(
            Membership.user_id == user_id, Membership.status == MembershipStatus.ACTIVE
        )
    )
    grants = tuple(Grant(organisation_id=o, role=Role(r), membership_id=m) for o, r, m in rows)
    return Actor(user_id=user_id, session_id=session_id, grants=grants)


async def memberships_of(
    session: AsyncSession, *, user_id: uuid.UUID
) -> Sequence[tuple[Membership, Organisation]]:
    """A person's memberships (any status) with their organisations."""
    rows = await session.execute(
        select(Membership, Organisation)
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .options(load_only(Organisation.id, Organisation.name, Organisation.slug))  # not the JSON settings
        .where(Membership.user_id == user_id)
        .order_by(Organisation.name, Membership.role)
    )
    return [(m, o) for m, o in rows.all()]


async def describe_me(
    session: AsyncSession, *, actor: Actor
) -> tuple[User, Sequence[tuple[Membership, Organisation]]]:
    """The signed-in person and their memberships."""
    user = await accounts.get_user_or_raise(session, user_id=actor.require_person())
    return user, await memberships_of(session, user_id=user.id)


async def describe_session(
    session: AsyncSession, *, actor: Actor
) -> tuple[User, Sequence[tuple[Membership, Organisation]]] | None:
    """The signed-in person and their memberships, or None when nobody is signed in."""
    if actor.user_id is None:
        return None
    return await describe_me(session, actor=actor)


# --- members -------------------------------------------------------------------------------------


async def list_members(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, role: Role | None = None
) -> Sequence[tuple[Membership, User]]:
    """Everyone in an organisation, optionally of one role (coordinators)."""
    await _managed_organisation(session, actor, organisation_id)
    query = (
        select(Membership, User)
        .join(User, User.id == Membership.user_id)
        .where(Membership.organisation_id == organisation_id)
        .order_by(Membership.role, User.display_name)
    )
    if role is not None:
        query = query.where(Membership.role == role)
    return [(m, u) for m, u in (await session.execute(query)).all()]


async def set_membership_status(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    membership_id: uuid.UUID,
    status: MembershipStatus,
    now: datetime,
) -> tuple[Membership, User]:
    """Suspend, reactivate or end someone's membership (coordinators; never their own)."""
    await _managed_organisation(session, actor, organisation_id)
    membership = await session.get(Membership, membership_id)
    if membership is None or membership.organisation_id != organisation_id:
        raise NotFound("No such member.")
    if not policy.can_change_membership(actor, organisation_id, membership.user_id):
        raise NotAllowed("You can't change your own membership. Ask another coordinator.")
    if membership.status == MembershipStatus.ENDED and status != MembershipStatus.ENDED:
        raise Conflict("This membership has ended. Send a new invitation instead.")
    membership.status = status
    membership.status_changed_at = now
    await audit.record(
        session,
        actor=actor,
        action="organisations.membership.status_changed",
        now=now,
        organisation_id=organisation_id,
        subject_user_id=membership.user_id,
        object_type="membership",
        object_id=membership.id,
        details={"status": status.value, "role": membership.role.value},
    )
    user = await accounts.get_user_or_raise(session, user_id=membership.user_id)
    return membership, user


async def add_membership(
    session: AsyncSession, *, user_id: uuid.UUID, organisation_id: uuid.UUID, role: Role, now: datetime
) -> Membership:
    """Give a person a role (reactivating an earlier membership with that role, if any)."""
    membership = await session.scalar(
        select(Membership).where(
            Membership.user_id == user_id,
            Membership.organisation_id == organisation_id,
            Membership.role == role,
        )
    )
    if membership is None:
        membership = Membership(
            user_id=user_id, organisation_id=organisation_id, role=role, status_changed_at=now
        )
        membership.created_at = now
        session.add(membership)
    elif membership.status == MembershipStatus.ACTIVE:
        raise Conflict(f"You are already {ROLE_WORDS[role]} here.")
    membership.status = MembershipStatus.ACTIVE
    membership.status_changed_at = now
    await session.flush()
    return membership


# --- invitations ---------------------------------------------------------------------------------


def invitation_state(invitation: Invitation, now: datetime) -> str:
    """pending, accepted, revoked or expired."""
    if invitation.accepted_at is not None:
        return "accepted"
    if invitation.revoked_at is not None:
        return "revoked"
    if now >= invitation.expires_at:
        return "expired"
    return "pending"


async def invite(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    email: str,
    role: Role,
    base_url: str,
    now: datetime,
) -> NewInvitation:
    """Invite an e-mail address to take a role; the link goes by e-mail, the code is shown once."""
    organisation = await _managed_organisation(session, actor, organisation_id)
    normalised = normalise_email(email)
    token, code = new_token(), new_human_code()
    invitation = Invitation(
        organisation_id=organisation.id,
        email=normalised,
        role=role,
        token_digest=token_digest(token),
        code_digest=token_digest(normalise_human_code(code)),
        invited_by_user_id=actor.user_id,
        expires_at=now + INVITATION_LIFETIME,
    )
    invitation.created_at = now
    session.add(invitation)
    await session.flush()
    queued = await mail.queue_mail(
        session,
        to=normalised,
        subject=f"You're invited to join {organisation.name} on carerlink",
        body=(
            f"Hello,\n\n{organisation.name} has invited you to join their carer buddy service on carerlink "
            f"as {ROLE_WORDS[role]}.\n\nTo accept, open this link within 7 days:\n\n"
            f"{base_url}/invitation#token={token}\n\n"
            f"Or, at the centre, enter this code: {code}\n\n"
            "If you weren't expecting this, you can ignore this e-mail.\n"
        ),
        category=INVITATION_MAIL,
        now=now,
    )
    invitation.mail_id = queued.id
    await audit.record(
        session,
        actor=actor,
        action="organisations.invitation.created",
        now=now,
        organisation_id=organisation.id,
        object_type="invitation",
        object_id=invitation.id,
        details={"role": role.value},
    )
    return NewInvitation(invitation=invitation, token=token, code=code)


async def list_invitations(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID
) -> list[ListedInvitation]:
    """An organisation's invitations, newest first, each with whether its e-mail went (coordinators)."""
    await _managed_organisation(session, actor, organisation_id)
    query = (
        select(Invitation)
        .where(Invitation.organisation_id == organisation_id)
        .order_by(Invitation.created_at.desc())
        .limit(500)
    )
    invitations = (await session.scalars(query)).all()
    states = await mail.delivery_states(session, mail_ids={i.mail_id for i in invitations if i.mail_id})
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
        for coordinator_id in await coordinators_to_alert(
            session, organisation_id=invitation.organisation_id, on_duty_only=False
        ):
            await notifications.notify(
                session,
                user_id=coordinator_id,
                organisation_id=invitation.organisation_id,
                kind=kinds.InvitationMailFailed,
                data={"invitation_id": invitation.id},
                dedupe_key=f"invitation-mail-failed:{invitation.id}",
                now=now,
            )
        await audit.record(
            session,
            actor=Actor.system(),
            action="organisations.invitation.mail_failed",
            now=now,
            organisation_id=invitation.organisation_id,
            object_type="invitation",
            object_id=invitation.id,
        )
    return len(invitations)


async def revoke_invitation(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    invitation_id: uuid.UUID,
    now: datetime,
) -> Invitation:
    """Withdraw an invitation that has not been accepted (coordinators)."""
    await _managed_organisation(session, actor, organisation_id)
    invitation = await session.get(Invitation, invitation_id)
    if invitation is None or invitation.organisation_id != organisation_id:
        raise NotFound("No such invitation.")
    if invitation.accepted_at is not None:
        raise Conflict("This invitation has already been accepted.")
    if invitation.revoked_at is None:
        invitation.revoked_at = now
        await audit.record(
            session,
            actor=actor,
            action="organisations.invitation.revoked",
            now=now,
            organisation_id=organisation_id,
            object_type="invitation",
            object_id=invitation.id,
        )
    return invitation


async def _find_invitation(
    session: AsyncSession, *, token: str | None, code: str | None, client_ip: str, now: datetime
) -> tuple[Invitation, Organisation]:
    await ratelimits.consume(session, ratelimits.INVITATION_PER_IP, client_ip, now=now)
    if bool(token) == bool(code):
        raise Invalid("Give either the link from your e-mail or the code from the centre.", field="token")
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
            "This invitation can't be used: it may have expired, been used already or been withdrawn. "
            "Please ask the centre for a new one.",
            field=field,
        )
    return row[0], row[1]


async def preview_invitation(
    session: AsyncSession, *, token: str | None, code: str | None, client_ip: str, now: datetime
) -> tuple[Invitation, Organisation]:
    """What an invitation is for, so the accept screen can show it (rate-limited per IP)."""
    return await _find_invitation(session, token=token, code=code, client_ip=client_ip, now=now)


def consents_for(role: Role) -> list[tuple[ConsentKind, str, str, bool]]:
    """The consents an invitation asks for: (kind, version, text, required)."""
    wanted = [(ConsentKind.TERMS, True)]
    if role == Role.CARER:
        wanted.append((ConsentKind.HEALTH_DATA, False))
    return [(kind, *CURRENT[kind], required) for kind, required in wanted]


async def accept_invitation(
    session: AsyncSession,
    *,
    actor: Actor,
    token: str | None,
    code: str | None,
    agree_terms: bool,
    agree_health_data: bool,
    display_name: str | None,
    password: str | None,
    time_zone: str,
    locale: str,
    client_ip: str,
    now: datetime,
) -> Acceptance:
    """Accept an invitation: a new person gets an account; a signed-in person gets the extra role.

    A code can create an account, so whether the address already has one cannot be hidden from whoever
    holds the code (a coordinator can invite any address and read the code). Probing is made costly and
    visible instead: by code, acceptances are limited per inviting organisation and per invited address
    as well as per IP; a signed-out person must first give a complete, valid sign-up (an address with no
    account is then simply signed up, which its coordinators see); and every refusal is audited against
    the invitation that caused it, kept even though the request is rolled back.
    """
    invitation, organisation = await _find_invitation(
        session, token=token, code=code, client_ip=client_ip, now=now
    )
    try:
        if code:
            # The address first: one code hammered on uses up its own allowance, not its centre's (so
            # it cannot block everyone else's in-person sign-ups there).
            await ratelimits.consume(session, ratelimits.INVITATION_PER_ADDRESS, invitation.email, now=now)
            await ratelimits.consume(
                session, ratelimits.INVITATION_PER_ORGANISATION, str(organisation.id), now=now
            )
        if not agree_terms:
            raise Invalid("Please read and agree to the terms to join.", field="consents.terms")
        user, new_account = await _invited_person(
            session,
            actor=actor,
            invitation=invitation,
            display_name=display_name,
            password=password,
            time_zone=time_zone,
            locale=locale,
            now=now,
        )
    except DomainError as refusal:
        await audit.record(
            session,
            actor=actor,
            action="organisations.invitation.refused",
            now=now,
            organisation_id=organisation.id,
            object_type="invitation",
            object_id=invitation.id,
            details={"reason": refusal.code, "field": refusal.field, "by": "code" if code else "link"},
            keep=True,
        )
        raise
    membership = await add_membership(
        session, user_id=user.id, organisation_id=organisation.id, role=invitation.role, now=now
    )
    invitation.accepted_at = now
    invitation.accepted_user_id = user.id
    for kind, version, _text, _required in consents_for(invitation.role):
        if kind == ConsentKind.TERMS or (kind == ConsentKind.HEALTH_DATA and agree_health_data):
            session.add(
                Consent(
                    user_id=user.id, organisation_id=organisation.id, kind=kind, version=version, given_at=now
                )
            )
    await audit.record(
        session,
        actor=Actor(user_id=user.id),
        action="organisations.invitation.accepted",
        now=now,
        organisation_id=organisation.id,
        subject_user_id=user.id,
        object_type="invitation",
        object_id=invitation.id,
        details={"role": invitation.role.value, "health_data_consent": agree_health_data},
    )
    return Acceptance(user=user, membership=membership, new_account=new_account)


async def _invited_person(
    session: AsyncSession,
    *,
    actor: Actor,
    invitation: Invitation,
    display_name: str | None,
    password: str | None,
    time_zone: str,
    locale: str,
    now: datetime,
) -> tuple[User, bool]:
    """Who accepts: the signed-in invitee, or a new account; whether the account is new."""
    if not actor.is_anonymous:
        signed_in = await accounts.get_user_or_raise(session, user_id=actor.require_person())
        if signed_in.email != invitation.email:
            raise Conflict(
                "This invitation is for a different e-mail address. Sign out first.", field="email"
            )
        return signed_in, False
    if not display_name:
        raise Invalid("Please tell us your name.", field="display_name")
    if not password:
        raise Invalid("Please choose a password.", field="password")
    # Every check of the sign-up before the address is looked up (see accept_invitation).
    accounts.check_new_account(
        email=invitation.email, display_name=display_name, password=password, time_zone=time_zone
    )
    if await accounts.get_user_by_email(session, email=invitation.email) is not None:
        raise Conflict("Sign in to accept this invitation.", field="email")
    try:
        async with session.begin_nested():
            user = await accounts.create_user(
                session,
                email=invitation.email,
                display_name=display_name,
                password=password,
                time_zone=time_zone,
                locale=locale,
                now=now,
            )
    except IntegrityError:
        raise Conflict("This invitation has just been used. Please sign in.") from None
    return user, True


async def list_consents(session: AsyncSession, *, actor: Actor) -> Sequence[Consent]:
    """The consents I have given."""
    return (
        await session.scalars(
            select(Consent).where(Consent.user_id == actor.require_person()).order_by(Consent.given_at)
        )
    ).all()


async def has_consent(
    session: AsyncSession, *, user_id: uuid.UUID, organisation_id: uuid.UUID, kind: ConsentKind
) -> bool:
    """Whether a person currently consents to ``kind`` in an organisation."""
    found = await session.scalar(
        select(Consent.id).where(
            Consent.user_id == user_id,
            Consent.organisation_id == organisation_id,
            Consent.kind == kind,
            Consent.withdrawn_at.is_(None),
        )
    )
    return found is not None


async def consenting_users(
    session: AsyncSession,
    *,
    organisation_id: uuid.UUID,
    user_ids: Collection[uuid.UUID] | None,
    kind: ConsentKind,
) -> set[uuid.UUID]:
    """Which of ``user_ids`` (``None``: anyone) currently consent to ``kind`` in an organisation."""
    if user_ids is not None and not user_ids:
        return set()
    query = select(Consent.user_id).where(
        Consent.organisation_id == organisation_id,
        Consent.kind == kind,
        Consent.withdrawn_at.is_(None),
    )
    if user_ids is not None:
        query = query.where(Consent.user_id.in_(list(user_ids)))
    return set((await session.scalars(query)).all())


async def current_consent(
    session: AsyncSession, *, user_id: uuid.UUID, organisation_id: uuid.UUID, kind: ConsentKind
) -> Consent | None:
    """The consent of ``kind`` a person currently gives in an organisation, if any."""
    return await session.scalar(
        select(Consent)
        .where(
            Consent.user_id == user_id,
            Consent.organisation_id == organisation_id,
            Consent.kind == kind,
            Consent.withdrawn_at.is_(None),
        )
        .order_by(Consent.given_at.desc())
        .limit(1)
    )


async def give_consent(
    session: AsyncSession, *, user_id: uuid.UUID, organisation_id: uuid.UUID, kind: ConsentKind, now: datetime
) -> Consent:
    """Record that a person agrees to the current words of ``kind`` (kept as it is if already given)."""
    existing = await current_consent(session, user_id=user_id, organisation_id=organisation_id, kind=kind)
    if existing is not None and existing.version == CURRENT[kind][0]:
        return existing
    if existing is not None:
        existing.withdrawn_at = now  # replaced by agreement to the current words
    consent = Consent(
        user_id=user_id, organisation_id=organisation_id, kind=kind, version=CURRENT[kind][0], given_at=now
    )
    session.add(consent)
    await session.flush()
    return consent


async def withdraw_consent(
    session: AsyncSession, *, user_id: uuid.UUID, organisation_id: uuid.UUID, kind: ConsentKind, now: datetime
) -> bool:
    """Withdraw every current consent of ``kind``; whether there was one to withdraw."""
    consents = (
        await session.scalars(
            select(Consent).where(
                Consent.user_id == user_id,
                Consent.organisation_id == organisation_id,
                Consent.kind == kind,
                Consent.withdrawn_at.is_(None),
            )
        )
    ).all()
    for consent in consents:
        consent.withdrawn_at = now
    return bool(consents)


# --- self-referrals ------------------------------------------------------------------------------


async def create_referral(
    session: AsyncSession,
    *,
    organisation_id: uuid.UUID,
    name: str,
    email: str,
    phone: str | None,
    message: str,
    client_ip: str,
    now: datetime,
) -> None:
    """Record a carer's request to join; the answer is the same whether or not the e-mail is known."""
    await ratelimits.consume(session, ratelimits.REFERRAL_PER_IP, client_ip, now=now)
    organisation = await session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound("No such organisation.")
    await ratelimits.consume(
        session, ratelimits.REFERRAL_PER_EMAIL, f"{organisation.id}:{normalise_email(email)}", now=now
    )
    referral = Referral(
        organisation_id=organisation.id,
        name=clean_display_name(name),
        email=normalise_email(email),
        phone=phone,
        message=message.strip(),
    )
    referral.created_at = now
    session.add(referral)


async def list_referrals(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, status: ReferralStatus | None = None
) -> Sequence[tuple[Referral, bool]]:
    """Referrals, oldest first, each with whether the e-mail already belongs to a member (coordinators)."""
    await _managed_organisation(session, actor, organisation_id)
    query = select(Referral).where(Referral.organisation_id == organisation_id).order_by(Referral.created_at)
    if status is not None:
        query = query.where(Referral.status == status)
    referrals = (await session.scalars(query.limit(500))).all()
    emails = {r.email for r in referrals}
    members = (
        set(
            (
                await session.scalars(
                    select(User.email)
                    .join(Membership, Membership.user_id == User.id)
                    .where(Membership.organisation_id == organisation_id, User.email.in_(emails))
                )
            ).all()
        )
        if emails
        else set()
    )
    return [(r, r.email in members) for r in referrals]


async def _open_referral(
    session: AsyncSession, actor: Actor, organisation_id: uuid.UUID, referral_id: uuid.UUID
) -> Referral:
    await _managed_organisation(session, actor, organisation_id)
    referral = await session.get(Referral, referral_id)
    if referral is None or referral.organisation_id != organisation_id:
        raise NotFound("No such referral.")
    if referral.status != ReferralStatus.NEW:
        raise Conflict(f"This referral was already {referral.status.value}.")
    return referral


async def accept_referral(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    referral_id: uuid.UUID,
    base_url: str,
    now: datetime,
) -> tuple[Referral, NewInvitation]:
    """Accept a referral: the carer is sent an invitation (coordinators)."""
    referral = await _open_referral(session, actor, organisation_id, referral_id)
    invitation = await invite(
        session,
        actor=actor,
        organisation_id=organisation_id,
        email=referral.email,
        role=Role.CARER,
        base_url=base_url,
        now=now,
    )
    referral.status = ReferralStatus.ACCEPTED
    referral.decided_at = now
    referral.decided_by_user_id = actor.user_id
    referral.invitation_id = invitation.invitation.id
    return referral, invitation


async def decline_referral(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    referral_id: uuid.UUID,
    reason: str,
    now: datetime,
) -> Referral:
    """Decline a referral with a reason kept for the coordinators (coordinators)."""
    referral = await _open_referral(session, actor, organisation_id, referral_id)
    referral.status = ReferralStatus.DECLINED
    referral.decided_at = now
    referral.decided_by_user_id = actor.user_id
    referral.decline_reason = reason.strip() or None
    await audit.record(
        session,
        actor=actor,
        action="organisations.referral.declined",
        now=now,
        organisation_id=organisation_id,
        object_type="referral",
        object_id=referral.id,
    )
    return referral
