"""HTTP routes of organisations: me, members, invitations, referrals and the public pages."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec
from litestar import Controller, Response, delete, get, patch, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, JSONBody

from carerlink import i18n
from carerlink.accounts import phones
from carerlink.accounts.caller import Caller
from carerlink.accounts.models import User
from carerlink.accounts.schemas import (
    Accepted,
    EmergencyContactWrite,
    MembershipRead,
    MeRead,
    MeUpdate,
    SessionProbeRead,
    emergency_contact_read,
    phone_read,
)
from carerlink.accounts.service import ContactDetails, ContactWrite
from carerlink.actor import Role
from carerlink.http.cookies import session_cookie
from carerlink.i18n import N_, _
from carerlink.notifications.controller import reach_read
from carerlink.notifications.schemas import ChosenWith
from carerlink.organisations import service
from carerlink.organisations.models import (
    Invitation,
    Membership,
    Organisation,
    ReferralStatus,
)
from carerlink.organisations.schemas import (
    CarerChannelsUpdate,
    CarerReachRead,
    ConsentRead,
    ConsentText,
    CoordinatorDutyRead,
    CrisisLine,
    InvitationAccept,
    InvitationCreate,
    InvitationCreated,
    InvitationKey,
    InvitationPreview,
    InvitationRead,
    MailRefusalRead,
    MemberContactRead,
    MemberRead,
    OrganisationRead,
    OrganisationSettings,
    OrganisationUpdate,
    PublicOrganisationRead,
    ReferralCreate,
    ReferralDecline,
    ReferralRead,
    SettingChangeRead,
    SettingsChangeRead,
)
from carerlink.organisations.scope import Scope
from carerlink.settings import Settings


def _me(
    user: User, memberships: Any, contact: ContactDetails | None = None, offer: str | None = None
) -> MeRead:
    return MeRead(
        id=user.id,
        email=user.email,
        display_name=user.display_name,
        time_zone=user.time_zone,
        locale=user.locale,
        locale_chosen=user.locale_chosen,
        app_locale=i18n.for_person(user.locale, chosen=True) if user.locale_chosen else offer,
        language_offer=offer,
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
        phone=phone_read(contact.phone if contact else phones.describe(user.phone) if user.phone else None),
        emergency_contact=emergency_contact_read(contact.emergency_contact) if contact else None,
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
    """A member as coordinators see them (only coordinators list members: they always see numbers)."""
    return MemberRead(
        membership_id=membership.id,
        user_id=user.id,
        display_name=user.display_name,
        email=user.email,
        role=membership.role.value,
        status=membership.status.value,
        joined_at=membership.created_at,
        phone=phone_read(phones.describe(user.phone)) if user.phone else None,
        joined=user.password_hash != service.NO_PASSWORD_YET,
    )


EMAIL_PROBLEM = N_(
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
        email_problem=str(EMAIL_PROBLEM) if email_status == "failed" else None,
    )


def _carer_reach(found: service.CarerReach) -> CarerReachRead:
    preferences, reach = found.preferences, found.reach
    set_by = preferences.channels_set_by
    return CarerReachRead(
        membership_id=found.membership.id,
        display_name=found.user.display_name,
        channels=list(preferences.channels),
        channels_chosen=preferences.channels_chosen,
        channels_set_by=ChosenWith(name=set_by.name, at=set_by.at) if set_by else None,
        working=list(reach.working),
        problems=reach.problems(),
        unreachable=reach.unreachable,
        reach=reach_read(reach),
    )


class SessionController(Controller):
    """The app's first question on every load: is anyone signed in here (200 either way)."""

    path = "/api/v1/session"
    tags = ["Me"]

    @get("/", operation_id="getSession", summary="Whether anyone is signed in, and who")
    async def get_session(self, caller: NamedDependency[Caller]) -> SessionProbeRead:
        """``signed_in`` false for nobody (a browser logs every 401; ``GET /api/v1/me`` keeps its 401)."""
        found = await service.describe_session(caller.session, actor=caller.actor)
        if found is None:
            return SessionProbeRead(signed_in=False)
        return SessionProbeRead(signed_in=True, me=_me(*found))


class MeController(Controller):
    """The signed-in person's own details, roles and consents."""

    path = "/api/v1/me"
    tags = ["Me"]

    @get("/", operation_id="getMe", summary="Who I am and my roles")
    async def get_me(self, caller: NamedDependency[Caller]) -> MeRead:
        """My details and memberships; 401 when not signed in."""
        return _me(*await service.describe_me(caller.session, actor=caller.actor))

    @patch(
        "/",
        operation_id="updateMe",
        summary="Change my name, time zone, language, phone number or emergency contact",
    )
    async def update_me(self, caller: NamedDependency[Caller], data: JSONBody[MeUpdate]) -> MeRead:
        """Change my own details; fields left out stay as they are, null removes a number or contact.

        Everything is checked first: one wrong field (422 naming it) changes nothing.
        """
        contact = data.emergency_contact
        return _me(
            *await service.update_me(
                caller,
                display_name=data.display_name,
                time_zone=data.time_zone,
                locale=data.locale,
                phone=data.phone,
                emergency_contact=ContactWrite(contact.name, contact.relationship, contact.phone)
                if isinstance(contact, EmergencyContactWrite)
                else contact,
            )
        )

    @get("/consents", operation_id="listMyConsents", summary="The consents I have given")
    async def consents(self, caller: NamedDependency[Caller]) -> list[ConsentRead]:
        """Each consent with the version of the words agreed to, and how and by whom it was recorded."""
        return [
            ConsentRead(
                kind=c.kind.value,
                version=c.version,
                organisation_id=c.organisation_id,
                given_at=c.given_at,
                withdrawn_at=c.withdrawn_at,
                method=c.method.value,
                recorded_by_name=recorded_by,
                taken_by_name=c.taken_by_name,
                locale=c.locale,
            )
            for c, recorded_by in await service.list_consents(caller.session, actor=caller.actor)
        ]


class OrganisationController(Controller):
    """An organisation, its members and invitations and referrals (coordinators manage; members read)."""

    path = "/api/v1/orgs/{org:str}"
    tags = ["Organisations"]

    @get("/", operation_id="getOrganisation", summary="An organisation I belong to")
    async def get_organisation(self, org_scope: NamedDependency[Scope]) -> OrganisationRead:
        """Name, time zone, crisis lines and settings."""
        return _organisation(service.get_organisation(org_scope))

    @patch("/", operation_id="updateOrganisation", summary="Change the organisation's details (coordinators)")
    async def update_organisation(
        self, org_scope: NamedDependency[Scope], data: JSONBody[OrganisationUpdate]
    ) -> OrganisationRead:
        """Change name, time zone, crisis lines or settings."""
        organisation = await service.update_organisation(
            org_scope,
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

    @get(
        "/settings/changes",
        operation_id="listSettingsChanges",
        summary="Who changed the centre's settings, what and when, newest first (coordinators)",
    )
    async def list_settings_changes(self, org_scope: NamedDependency[Scope]) -> list[SettingsChangeRead]:
        """Each change with the fields it changed and their old and new values."""
        return [
            SettingsChangeRead(
                id=c.id,
                at=c.at,
                by_user_id=c.by_user_id,
                by_name=c.by_name,
                changes=[SettingChangeRead(field=f.field, old=f.old, new=f.new) for f in c.changes],
            )
            for c in await service.list_settings_changes(org_scope)
        ]

    @get(
        "/settings/coordinators",
        operation_id="listCoordinatorsOnDuty",
        summary="The coordinators and who is on duty for crisis alerts (coordinators)",
    )
    async def coordinators_on_duty(self, org_scope: NamedDependency[Scope]) -> list[CoordinatorDutyRead]:
        """Active coordinators by name (the safeguarding lead is one of them)."""
        return [
            CoordinatorDutyRead(user_id=c.user_id, display_name=c.display_name, on_duty=c.on_duty)
            for c in await service.coordinators_on_duty(org_scope)
        ]

    @get("/members", operation_id="listMembers", summary="Everyone in the organisation (coordinators)")
    async def list_members(
        self, org_scope: NamedDependency[Scope], role: FromQuery[Role | None] = None
    ) -> list[MemberRead]:
        """Members with their roles and status, optionally of one role."""
        return [member_read(m, u) for m, u in await service.list_members(org_scope, role=role)]

    @get(
        "/members/{membership_id:uuid}/contact",
        operation_id="getMemberContact",
        summary="A member's phone number and emergency contact (coordinators)",
    )
    async def member_contact(
        self, org_scope: NamedDependency[Scope], membership_id: FromPath[uuid.UUID]
    ) -> MemberContactRead:
        """Coordinators always see them (they are the safety net); each read is audited."""
        found = await service.member_contact(org_scope, membership_id=membership_id)
        return MemberContactRead(
            membership_id=found.membership.id,
            display_name=found.user.display_name,
            role=found.membership.role.value,
            phone=phone_read(found.phone),
            emergency_contact=emergency_contact_read(found.emergency_contact),
        )

    @get(
        "/mail-refusals",
        operation_id="listMailRefusals",
        summary="E-mails to our people that could not be delivered (coordinators)",
    )
    async def mail_refusals(self, org_scope: NamedDependency[Scope]) -> list[MailRefusalRead]:
        """The last 30 days' refused or abandoned e-mails, newest first: for whom, what kind, why, when."""
        return [
            MailRefusalRead(
                mail_id=found.refusal.mail_id,
                user_id=found.refusal.user_id,
                display_name=found.user.display_name if found.user else None,
                membership_id=found.membership.id if found.membership else None,
                role=found.membership.role.value if found.membership else None,
                category=found.refusal.category,
                reason=found.refusal.reason,
                reason_words=found.refusal.words,
                failed_at=found.refusal.failed_at,
            )
            for found in await service.mail_refusals(org_scope)
        ]

    @get(
        "/carers/{membership_id:uuid}/channels",
        operation_id="getCarerChannels",
        summary="How we reach a carer: their channels and what doesn't work (coordinators)",
    )
    async def carer_channels(
        self, org_scope: NamedDependency[Scope], membership_id: FromPath[uuid.UUID]
    ) -> CarerReachRead:
        """Their order of channels, who chose it, and what doesn't work, in plain words."""
        return _carer_reach(await service.carer_reach(org_scope, membership_id=membership_id))

    @put(
        "/carers/{membership_id:uuid}/channels",
        operation_id="setCarerChannels",
        summary="Set how a carer is reached, chosen with them (coordinators)",
    )
    async def set_carer_channels(
        self,
        org_scope: NamedDependency[Scope],
        membership_id: FromPath[uuid.UUID],
        data: JSONBody[CarerChannelsUpdate],
    ) -> CarerReachRead:
        """Recorded as chosen by this coordinator (audited) until the carer changes it."""
        found = await service.set_carer_channels(
            org_scope, membership_id=membership_id, channels=list(data.channels)
        )
        return _carer_reach(found)

    @post("/invitations", operation_id="createInvitation", summary="Invite someone to a role (coordinators)")
    async def create_invitation(
        self,
        org_scope: NamedDependency[Scope],
        data: JSONBody[InvitationCreate],
        settings: NamedDependency[Settings],
    ) -> InvitationCreated:
        """E-mail a single-use link; the short code in the answer is for signing up in person."""
        created = await service.send_invitation(
            org_scope, email=data.email, role=Role(data.role), base_url=settings.base_url
        )
        return InvitationCreated(invitation=_invitation(created.invitation, org_scope.now), code=created.code)

    @get("/invitations", operation_id="listInvitations", summary="Invitations sent (coordinators)")
    async def list_invitations(self, org_scope: NamedDependency[Scope]) -> list[InvitationRead]:
        """Every invitation with its state, newest first."""
        invitations = await service.list_invitations(org_scope)
        return [_invitation(i.invitation, org_scope.now, i.email_status) for i in invitations]

    @delete(
        "/invitations/{invitation_id:uuid}",
        operation_id="revokeInvitation",
        summary="Withdraw an invitation (coordinators)",
        status_code=204,
    )
    async def revoke_invitation(
        self, org_scope: NamedDependency[Scope], invitation_id: FromPath[uuid.UUID]
    ) -> None:
        """The link and code stop working at once."""
        await service.revoke_invitation(org_scope, invitation_id=invitation_id)

    @get(
        "/referrals",
        operation_id="listReferrals",
        summary="Self-referrals waiting for a decision (coordinators)",
    )
    async def list_referrals(
        self, org_scope: NamedDependency[Scope], status: FromQuery[ReferralStatus | None] = None
    ) -> list[ReferralRead]:
        """Referrals, oldest first, marking those from people who are already members."""
        return [_referral(r, member) for r, member in await service.list_referrals(org_scope, status=status)]

    @post(
        "/referrals/{referral_id:uuid}/accept",
        operation_id="acceptReferral",
        summary="Accept a referral and invite the carer (coordinators)",
        status_code=200,
    )
    async def accept_referral(
        self,
        org_scope: NamedDependency[Scope],
        referral_id: FromPath[uuid.UUID],
        settings: NamedDependency[Settings],
    ) -> ReferralRead:
        """The carer receives an invitation by e-mail."""
        referral, _ = await service.accept_referral(
            org_scope, referral_id=referral_id, base_url=settings.base_url
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
        org_scope: NamedDependency[Scope],
        referral_id: FromPath[uuid.UUID],
        data: JSONBody[ReferralDecline],
    ) -> ReferralRead:
        """Record the decision and the reason."""
        referral = await service.decline_referral(org_scope, referral_id=referral_id, reason=data.reason)
        return _referral(referral, False)

    @get(
        "/public",
        operation_id="getPublicOrganisation",
        summary="An organisation's name and crisis lines",
        tags=["Public"],
    )
    async def public(self, org_scope: NamedDependency[Scope]) -> PublicOrganisationRead:
        """For the crisis-help page, which also works offline once loaded."""
        organisation = service.public_organisation(org_scope)
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
        org_scope: NamedDependency[Scope],
        data: JSONBody[ReferralCreate],
        client_ip: NamedDependency[str],
    ) -> Accepted:
        """Record the request; the answer never says whether the e-mail is already known."""
        await service.create_referral(
            org_scope,
            name=data.name,
            email=data.email,
            phone=data.phone,
            message=data.message,
            client_ip=client_ip,
        )
        return Accepted(
            message=_("Thank you. Someone from the centre will be in touch within a few working days.")
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
        phone_number=phone_read(phones.try_parse(referral.phone)),
    )


class InvitationController(Controller):
    """Opening and accepting an invitation (no sign-in needed for a new person)."""

    path = "/api/v1/invitations"
    tags = ["Invitations"]

    @post("/preview", operation_id="previewInvitation", summary="What an invitation is for", status_code=200)
    async def preview(
        self, caller: NamedDependency[Caller], data: JSONBody[InvitationKey]
    ) -> InvitationPreview:
        """The organisation, role, e-mail and the consents to give."""
        invitation, organisation = await service.preview_invitation(caller, token=data.token, code=data.code)
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
        caller: NamedDependency[Caller],
        data: JSONBody[InvitationAccept],
        settings: NamedDependency[Settings],
    ) -> Response[MeRead]:
        """Create the account (or add the role to mine), record the consents, and start a new session."""
        acceptance = await service.accept_invitation(
            caller,
            token=data.token,
            code=data.code,
            agree_terms=data.consents.terms,
            agree_health_data=data.consents.health_data,
            display_name=data.display_name,
            password=data.password,
            time_zone=data.time_zone,
            locale=data.locale,
        )
        max_age = int(caller.limits.absolute.total_seconds())
        cookie = session_cookie(settings, acceptance.signed_in.token, max_age=max_age)
        return Response(_me(acceptance.user, acceptance.memberships), cookies=[cookie])
