"""What the organisation service's modules share: the words for each role and who coordinates."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.actor import Role
from carerlink.i18n import _
from carerlink.organisations import policy
from carerlink.organisations.models import Membership, MembershipStatus, Organisation
from carerlink.organisations.scope import Scope

ROLE_WORDS = {Role.COORDINATOR: "a coordinator", Role.BUDDY: "a buddy", Role.CARER: "a carer"}


def managed(scope: Scope) -> Organisation:
    """The scope's organisation, when the actor may run it (coordinators); 401/403/404 otherwise."""
    return scope.require(policy.can_manage_organisation, _("Only coordinators can do that."))


async def is_active_coordinator(
    session: AsyncSession, *, organisation_id: uuid.UUID, user_id: uuid.UUID
) -> bool:
    """Whether a person is an active coordinator of an organisation."""
    found = await session.scalar(
        select(Membership.id).where(
            Membership.organisation_id == organisation_id,
            Membership.user_id == user_id,
            Membership.role == Role.COORDINATOR,
            Membership.status == MembershipStatus.ACTIVE,
        )
    )
    return found is not None
