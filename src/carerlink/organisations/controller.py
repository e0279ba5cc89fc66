"""HTTP routes of organisations: me, members, invitations, referrals and the public pages."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec
from litestar import Controller, Request, Response, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, JSONBody
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts import service as accounts
from carerlink.accounts.models import User
from carerlink.accounts.schemas import Accepted, MembershipRead, MeRead, MeUpdate, SessionProbeRead
from carerlink.actor import Actor, Role
from carerlink.http.cookies import session_cookie
from carerlink.organisations import service
from carerlink.organisations.models import (
    Invitation,
    Membership,
    Organisation,
    ReferralStatus,
)
from carerlink.organisations.schemas import (
    ConsentRead,
    ConsentText,
    CrisisLine,
    InvitationAccept,
    InvitationCreate,
    InvitationCreated,
    InvitationKey,
    InvitationPreview,
    InvitationRead,
    MemberRead,
    OrganisationRead,
    OrganisationSettings,
    OrganisationUpdate,
    PublicOrganisationRead,
    ReferralCreate,
    ReferralDecline,
    ReferralRead,
)
from carerlink.settings import Settings


def _me(user: User, memberships: Any) -> MeRead:
    return MeRead(
        id=user.id,
        email=user.email,
        display_name=user.display_name,
        time_zone=user.time_zone,
        locale=user.locale,
        memberships=[
            MembershipRead(
                membership_id=m.id,
                organisation_id=o.id,
                organisation_name=o.name,
                organisation_slug=o.slug,
                role=m.role.value,
                status=m.status.value,
            )
            for m, o in memberships
        ],
    )


def _organisation(organisation: Organisation) -> OrganisationRead:
    return OrganisationRead(
        id=organisation.id,
        name=organisation.name,
        slug=organisation.slug,
        time_zone=organisation.time_zone,
        crisis_lines=msgspec.convert(organisation.crisis_lines, list[CrisisLine]),
        settings=msgspec.convert(organisation.settings, OrganisationSettings),
    )


def member_read(membership: Membership, user: User) -> MemberRead:
    """A member as coordinators see them."""
    return MemberRead(
        membership_id=membership.id,
        user_id=user.id,
        display_name=user.display_name,
        email=user.email,
        role=membership.role.value,
        status=membership.status.value,
        joined_at=membership.created_at,
    )


EMAIL_PROBLEM = (
    "The e-mail could not be sent. Check the address: withdraw this invitation and send a new one, "
    "or give the person the code in person."
)


def _invitation(
    invitation: Invitation, now: datetime, email_status: str | None = "waiting"
) -> InvitationRead:
    return InvitationRead(
        id=invitation.id,
        email=invitation.email,
        role=invitation.role.value,
        created_at=invitation.created_at,
        expires_at=invitation.expires_at,
        state=service.invitation_state(invitation, now),  # type: ignore[arg-type]
        email_status=email_status,  # type: ignore[arg-type]
        email_problem=EMAIL_PROBLEM if email_status == "failed" else None,
    )


class SessionController(Controller):
    """The app's first question on every load: is anyone signed in here (200 either way)."""

    path = "/api/v1/session"
    tags = ["Me"]

    @get("/", operation_id="getSession", summary="Whether anyone is signed in, and who")
    async def get_session(
        self, db_session: NamedDependency[AsyncSession], actor: NamedDependency[Actor]
    ) -> SessionProbeRead:
        """``signed_in`` false for nobody (a browser logs every 401; ``GET /api/v1/me`` keeps its 401)."""
        found = await service.describe_session(db_session, actor=actor)
        if found is None:
            return SessionProbeRead(signed_in=False)
        return SessionProbeRead(signed_in=True, me=_me(*found))


class MeController(Controller):
    """The signed-in person's own details, roles and consents."""

    path = "/api/v1/me"
    tags = ["Me"]

    @get("/", operation_id="getMe", summary="Who I am and my roles")
    async def get_me(
        self, db_session: NamedDependency[AsyncSession], actor: NamedDependency[Actor]
    ) -> MeRead:
        """My details and memberships; 401 when not signed in."""
        user, memberships = await service.describe_me(db_session, actor=actor)
        return _me(user, memberships)

    @patch("/", operation_id="updateMe", summary="Change my name, time zone or language")
    async def update_me(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        data: JSONBody[MeUpdate],
    ) -> MeRead:
        """Change my own details; fields left out stay as they are."""
        await accounts.update_me(
            db_session,
            actor=actor,
            display_name=data.display_name,
            time_zone=data.time_zone,
            locale=data.locale,
        )
        user, memberships = await service.describe_me(db_session, actor=actor)
        return _me(user, memberships)

    @get("/consents", operation_id="listMyConsents", summary="The consents I have given")
    async def consents(
        self, db_session: NamedDependency[AsyncSession], actor: NamedDependency[Actor]
    ) -> list[ConsentRead]:
        """Each consent with the version of the words agreed to."""
        return [
            ConsentRead(
                kind=c.kind.value,
                version=c.version,
                organisation_id=c.organisation_id,
                given_at=c.given_at,
                withdrawn_at=c.withdrawn_at,
            )
            for c in await service.list_consents(db_session, actor=actor)
        ]


class OrganisationController(Controller):
    """An organisation, its members and invitations and referrals (coordinators manage; members read)."""

    path = "/api/v1/orgs/{org:str}"
    tags = ["Organisations"]

    @get("/", operation_id="getOrganisation", summary="An organisation I belong to")
    async def get_organisation(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
    ) -> OrganisationRead:
        """Name, time zone, crisis lines and settings."""
        return _organisation(
            await service.get_organisation_or_raise(db_session, actor=actor, organisation_id=organisation_id)
        )

    @patch("/", operation_id="updateOrganisation", summary="Change the organisation's details (coordinators)")
    async def update_organisation(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        data: JSONBody[OrganisationUpdate],
        now: NamedDependency[datetime],
    ) -> OrganisationRead:
        """Change name, time zone, crisis lines or settings."""
        organisation = await service.update_organisation(
            db_session,
            actor=actor,
            organisation_id=organisation_id,
            now=now,
            name=data.name,
            time_zone=data.time_zone,
            crisis_lines=msgspec.to_builtins(data.crisis_lines)
            if data.crisis_lines is not msgspec.UNSET
            else msgspec.UNSET,
            settings=msgspec.to_builtins(data.settings)
            if data.settings is not msgspec.UNSET
            else msgspec.UNSET,
        )
        return _organisation(organisation)

    @get("/members", operation_id="listMembers", summary="Everyone in the organisation (coordinators)")
    async def list_members(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        role: FromQuery[Role | None] = None,
    ) -> list[MemberRead]:
        """Members with their roles and status, optionally of one role."""
        rows = await service.list_members(db_session, actor=actor, organisation_id=organisation_id, role=role)
        return [member_read(m, u) for m, u in rows]

    @post("/invitations", operation_id="createInvitation", summary="Invite someone to a role (coordinators)")
    async def create_invitation(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        data: JSONBody[InvitationCreate],
        settings: NamedDependency[Settings],
        now: NamedDependency[datetime],
    ) -> InvitationCreated:
        """E-mail a single-use link; the short code in the answer is for signing up in person."""
        created = await service.invite(
            db_session,
            actor=actor,
            organisation_id=organisation_id,
            email=data.email,
            role=Role(data.role),
            base_url=settings.base_url,
            now=now,
        )
        return InvitationCreated(invitation=_invitation(created.invitation, now), code=created.code)

    @get("/invitations", operation_id="listInvitations", summary="Invitations sent (coordinators)")
    async def list_invitations(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        now: NamedDependency[datetime],
    ) -> list[InvitationRead]:
        """Every invitation with its state, newest first."""
        invitations = await service.list_invitations(db_session, actor=actor, organisation_id=organisation_id)
        return [_invitation(i.invitation, now, i.email_status) for i in invitations]

    @delete(
        "/invitations/{invitation_id:uuid}",
        operation_id="revokeInvitation",
        summary="Withdraw an invitation (coordinators)",
        status_code=204,
    )
    async def revoke_invitation(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        invitation_id: FromPath[uuid.UUID],
        now: NamedDependency[datetime],
    ) -> None:
        """The link and code stop working at once."""
        await service.revoke_invitation(
            db_session, actor=actor, organisation_id=organisation_id, invitation_id=invitation_id, now=now
        )

    @get(
        "/referrals",
        operation_id="listReferrals",
        summary="Self-referrals waiting for a decision (coordinators)",
    )
    async def list_referrals(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        status: FromQuery[ReferralStatus | None] = None,
    ) -> list[ReferralRead]:
        """Referrals, oldest first, marking those from people who are already members."""
        rows = await service.list_referrals(
            db_session, actor=actor, organisation_id=organisation_id, status=status
        )
        return [_referral(r, member) for r, member in rows]

    @post(
        "/referrals/{referral_id:uuid}/accept",
        operation_id="acceptReferral",
        summary="Accept a referral and invite the carer (coordinators)",
        status_code=200,
    )
    async def accept_referral(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        referral_id: FromPath[uuid.UUID],
        settings: NamedDependency[Settings],
        now: NamedDependency[datetime],
    ) -> ReferralRead:
        """The carer receives an invitation by e-mail."""
        referral, _ = await service.accept_referral(
            db_session,
            actor=actor,
            organisation_id=organisation_id,
            referral_id=referral_id,
            base_url=settings.base_url,
            now=now,
        )
        return _referral(referral, False)

    @post(
        "/referrals/{referral_id:uuid}/decline",
        operation_id="declineReferral",
        summary="Decline a referral (coordinators)",
        status_code=200,
    )
    async def decline_referral(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        referral_id: FromPath[uuid.UUID],
        data: JSONBody[ReferralDecline],
        now: NamedDependency[datetime],
    ) -> ReferralRead:
        """Record the decision and the reason."""
        referral = await service.decline_referral(
            db_session,
            actor=actor,
            organisation_id=organisation_id,
            referral_id=referral_id,
            reason=data.reason,
            now=now,
        )
        return _referral(referral, False)

    @get(
        "/public",
        operation_id="getPublicOrganisation",
        summary="An organisation's name and crisis lines",
        tags=["Public"],
    )
    async def public(
        self, db_session: NamedDependency[AsyncSession], organisation_id: NamedDependency[uuid.UUID]
    ) -> PublicOrganisationRead:
        """For the crisis-help page, which also works offline once loaded."""
        organisation = await service.get_public_organisation(db_session, organisation_id=organisation_id)
        return PublicOrganisationRead(
            name=organisation.name,
            slug=organisation.slug,
            crisis_lines=msgspec.convert(organisation.crisis_lines, list[CrisisLine]),
        )

    @post(
        "/referrals",
        operation_id="createReferral",
        summary="Ask to join the waiting list",
        status_code=202,
        tags=["Public"],
    )
    async def refer(
        self,
        db_session: NamedDependency[AsyncSession],
        data: JSONBody[ReferralCreate],
        client_ip: NamedDependency[str],
        now: NamedDependency[datetime],
        organisation_id: NamedDependency[uuid.UUID],
    ) -> Accepted:
        """Record the request; the answer never says whether the e-mail is already known."""
        await service.create_referral(
            db_session,
            organisation_id=organisation_id,
            name=data.name,
            email=data.email,
            phone=data.phone,
            message=data.message,
            client_ip=client_ip,
            now=now,
        )
        return Accepted(
            message="Thank you. Someone from the centre will be in touch within a few working days."
        )


def _referral(referral: Any, already_member: bool) -> ReferralRead:
    return ReferralRead(
        id=referral.id,
        name=referral.name,
        email=referral.email,
        phone=referral.phone,
        message=referral.message,
        status=referral.status.value,
        created_at=referral.created_at,
        decided_at=referral.decided_at,
        decline_reason=referral.decline_reason,
        already_member=already_member,
    )


class InvitationController(Controller):
    """Opening and accepting an invitation (no sign-in needed for a new person)."""

    path = "/api/v1/invitations"
    tags = ["Invitations"]

    @post("/preview", operation_id="previewInvitation", summary="What an invitation is for", status_code=200)
    async def preview(
        self,
        db_session: NamedDependency[AsyncSession],
        data: JSONBody[InvitationKey],
        client_ip: NamedDependency[str],
        now: NamedDependency[datetime],
    ) -> InvitationPreview:
        """The organisation, role, e-mail and the consents to give."""
        invitation, organisation = await service.preview_invitation(
            db_session, token=data.token, code=data.code, client_ip=client_ip, now=now
        )
        return InvitationPreview(
            organisation_name=organisation.name,
            role=invitation.role.value,
            email=invitation.email,
            consents=[
                ConsentText(kind=kind.value, version=version, text=text, required=required)
                for kind, version, text, required in service.consents_for(invitation.role)
            ],
        )

    @post(
        "/accept",
        operation_id="acceptInvitation",
        summary="Accept an invitation and sign in",
        status_code=200,
    )
    async def accept(
        self,
        request: Request,  # type: ignore[type-arg]
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        data: JSONBody[InvitationAccept],
        settings: NamedDependency[Settings],
        session_limits: NamedDependency[accounts.SessionLimits],
        client_ip: NamedDependency[str],
        now: NamedDependency[datetime],
    ) -> Response[MeRead]:
        """Create the account (or add the role to mine), record the consents, and start a new session."""
        acceptance = await service.accept_invitation(
            db_session,
            actor=actor,
            token=data.token,
            code=data.code,
            agree_terms=data.consents.terms,
            agree_health_data=data.consents.health_data,
            display_name=data.display_name,
            password=data.password,
            time_zone=data.time_zone,
            locale=data.locale,
            client_ip=client_ip,
            now=now,
        )
        # A new role is a privilege change: the old session token is replaced either way.
        if not actor.is_anonymous:
            new = await accounts.rotate_session(db_session, actor=actor, limits=session_limits, now=now)
        else:
            new = await accounts.start_session(
                db_session,
                user_id=acceptance.user.id,
                limits=session_limits,
                now=now,
                user_agent=request.headers.get("user-agent", ""),
            )
        memberships = await service.memberships_of(db_session, user_id=acceptance.user.id)
        cookie = session_cookie(settings, new.token, max_age=int(session_limits.absolute.total_seconds()))
        return Response(_me(acceptance.user, memberships), cookies=[cookie])
