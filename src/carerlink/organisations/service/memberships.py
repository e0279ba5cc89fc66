"""Memberships and roles: who belongs to an organisation in which role, their status, and who is on duty."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts import service as accounts
from carerlink.accounts.models import User
from carerlink.accounts.phones import PhoneNumber
from carerlink.actor import Actor, Role
from carerlink.errors import Conflict, NotAllowed, NotFound
from carerlink.i18n import N_, _
from carerlink.organisations import policy
from carerlink.organisations.models import Membership, MembershipStatus
from carerlink.organisations.policy import sees_phone_numbers
from carerlink.organisations.scope import Scope
from carerlink.organisations.service._common import managed

_ALREADY = {
    Role.COORDINATOR: N_("You are already a coordinator here."),
    Role.BUDDY: N_("You are already a buddy here."),
    Role.CARER: N_("You are already a carer here."),
}
OFF_DUTY_REFUSAL = N_("Only coordinators go on and off duty.")


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


async def _coordinator_membership(
    session: AsyncSession, actor: Actor, organisation_id: uuid.UUID
) -> Membership:
    membership_id = actor.membership_id(organisation_id, Role.COORDINATOR)
    membership = await session.get(Membership, membership_id) if membership_id else None
    if membership is None:
        raise NotAllowed(str(OFF_DUTY_REFUSAL))
    return membership


async def _my_coordinator_membership(scope: Scope) -> Membership:
    organisation = scope.require(policy.can_view_organisation, str(OFF_DUTY_REFUSAL))
    return await _coordinator_membership(scope.session, scope.actor, organisation.id)


async def duty_of(scope: Scope) -> bool:
    """Whether crisis alerts reach this coordinator at once (the dashboard shows it beside the switch)."""
    return (await _my_coordinator_membership(scope)).on_duty


async def change_duty(scope: Scope, *, on_duty: bool) -> Membership:
    """A coordinator says whether crisis alerts should reach them now."""
    membership = await _my_coordinator_membership(scope)
    membership.on_duty = on_duty
    await scope.audit(
        "organisations.duty.changed", subject_user_id=membership.user_id, details={"on_duty": on_duty}
    )
    return membership


async def list_members(scope: Scope, *, role: Role | None = None) -> Sequence[tuple[Membership, User]]:
    """Everyone in an organisation, optionally of one role (coordinators)."""
    organisation = managed(scope)
    query = (
        select(Membership, User)
        .join(User, User.id == Membership.user_id)
        .where(Membership.organisation_id == organisation.id)
        .order_by(Membership.role, User.display_name)
    )
    if role is not None:
        query = query.where(Membership.role == role)
    return [(m, u) for m, u in (await scope.session.execute(query)).all()]


@dataclass(frozen=True, slots=True)
class MemberContact:
    """How coordinators reach a member: their number and (carers) their emergency contact."""

    membership: Membership
    user: User
    phone: PhoneNumber | None
    emergency_contact: tuple[str, str, PhoneNumber] | None


async def member_contact(scope: Scope, *, membership_id: uuid.UUID) -> MemberContact:
    """A member's number and emergency contact (the organisation's coordinators; each read is audited)."""
    organisation = scope.require(sees_phone_numbers, _("Only coordinators can see people's phone numbers."))
    membership = await scope.session.get(Membership, membership_id)
    if membership is None or membership.organisation_id != organisation.id:
        raise NotFound(_("No such member."))
    user = await accounts.get_user_or_raise(scope.session, user_id=membership.user_id)
    details = await accounts.contact_details(
        scope.session, user=user, with_emergency_contact=membership.role == Role.CARER
    )
    await scope.audit(
        "organisations.contact.viewed",
        subject_user_id=user.id,
        object_type="membership",
        object_id=membership.id,
    )
    return MemberContact(membership, user, details.phone, details.emergency_contact)


async def change_membership_status(
    scope: Scope, *, membership_id: uuid.UUID, status: MembershipStatus
) -> tuple[Membership, User]:
    """Suspend, reactivate or end someone's membership (coordinators; never their own)."""
    organisation = managed(scope)
    membership = await scope.session.get(Membership, membership_id)
    if membership is None or membership.organisation_id != organisation.id:
        raise NotFound(_("No such member."))
    if not policy.can_change_membership(scope.actor, organisation.id, membership.user_id):
        raise NotAllowed(_("You can't change your own membership. Ask another coordinator."))
    if membership.status == MembershipStatus.ENDED and status != MembershipStatus.ENDED:
        raise Conflict(_("This membership has ended. Send a new invitation instead."))
    membership.status = status
    membership.status_changed_at = scope.now
    await scope.audit(
        "organisations.membership.status_changed",
        subject_user_id=membership.user_id,
        object_type="membership",
        object_id=membership.id,
        details={"status": status.value, "role": membership.role.value},
    )
    user = await accounts.get_user_or_raise(scope.session, user_id=membership.user_id)
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
        raise Conflict(str(_ALREADY[role]))
    membership.status = MembershipStatus.ACTIVE
    membership.status_changed_at = now
    await session.flush()
    return membership
