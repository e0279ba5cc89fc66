"""Business rules of organisations: the organisation, memberships, invitations, consents, referrals.

Modules by concern: ``organisation`` (creating and reading it, its settings and crisis lines),
``memberships`` (roles, status, who is on duty), ``actors`` (who a session cookie belongs to, and my own
memberships), ``invitations`` (inviting, and accepting with the sign-in that follows), ``consents``,
``referrals`` and ``settings_changes`` (the settings' history). Organisation-level functions take the
request's ``Scope`` first; the names other domains call are re-exported here with the signatures they had, so
``service.settings_for(...)`` reads as before.
"""

from __future__ import annotations

from carerlink.organisations.service._common import ROLE_WORDS
from carerlink.organisations.service.actors import (
    Me,
    actor_for,
    describe_me,
    describe_session,
    memberships_of,
    resolve_actor,
    update_me,
)
from carerlink.organisations.service.channels import CarerReach, carer_reach, set_carer_channels
from carerlink.organisations.service.consents import (
    consenting_users,
    consents_for,
    current_consent,
    give_consent,
    has_consent,
    list_consents,
    withdraw_consent,
)
from carerlink.organisations.service.invitations import (
    IMPORT_INVITATION_LIFETIME,
    INVITATION_LIFETIME,
    INVITATION_MAIL,
    NO_PASSWORD_YET,
    Acceptance,
    ListedInvitation,
    NewInvitation,
    accept_invitation,
    invitation_state,
    list_invitations,
    preview_invitation,
    revoke_invitation,
    send_invitation,
    tell_of_undelivered_invitations,
)
from carerlink.organisations.service.mail_refusals import RefusedMail, mail_refusals
from carerlink.organisations.service.memberships import (
    OFF_DUTY_REFUSAL,
    MemberContact,
    add_membership,
    change_duty,
    change_membership_status,
    coordinators_to_alert,
    duty_of,
    list_members,
    member_contact,
)
from carerlink.organisations.service.organisation import (
    create_organisation,
    crisis_lines_for,
    get_organisation,
    public_organisation,
    settings_for,
    update_organisation,
)
from carerlink.organisations.service.referrals import (
    accept_referral,
    create_referral,
    decline_referral,
    list_referrals,
)
from carerlink.organisations.service.settings_changes import (
    CoordinatorOnDuty,
    SettingChange,
    SettingsChange,
    coordinators_on_duty,
    list_settings_changes,
)

__all__ = [
    "IMPORT_INVITATION_LIFETIME",
    "INVITATION_LIFETIME",
    "INVITATION_MAIL",
    "NO_PASSWORD_YET",
    "OFF_DUTY_REFUSAL",
    "ROLE_WORDS",
    "Acceptance",
    "CarerReach",
    "CoordinatorOnDuty",
    "ListedInvitation",
    "Me",
    "MemberContact",
    "NewInvitation",
    "RefusedMail",
    "SettingChange",
    "SettingsChange",
    "accept_invitation",
    "accept_referral",
    "actor_for",
    "add_membership",
    "carer_reach",
    "change_duty",
    "change_membership_status",
    "consenting_users",
    "consents_for",
    "coordinators_on_duty",
    "coordinators_to_alert",
    "create_organisation",
    "create_referral",
    "crisis_lines_for",
    "current_consent",
    "decline_referral",
    "describe_me",
    "describe_session",
    "duty_of",
    "get_organisation",
    "give_consent",
    "has_consent",
    "invitation_state",
    "list_consents",
    "list_invitations",
    "list_members",
    "list_referrals",
    "list_settings_changes",
    "mail_refusals",
    "member_contact",
    "memberships_of",
    "preview_invitation",
    "public_organisation",
    "resolve_actor",
    "revoke_invitation",
    "send_invitation",
    "set_carer_channels",
    "settings_for",
    "tell_of_undelivered_invitations",
    "update_me",
    "update_organisation",
    "withdraw_consent",
]
