"""How a carer is reached (issue 14): a coordinator sets their channels during an assessment, and sees them.

The order is the carer's own (``notification_preferences.channels``), recorded as chosen by the
coordinator (``channels_set_by_user_id``/``channels_set_at``) until the carer changes it themselves;
the carer's settings screen says "Chosen with Morgan on 3 December". Only the organisation's
coordinators may, for a carer of that organisation; each change is audited.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from carerlink.accounts import service as accounts
from carerlink.accounts.models import User
from carerlink.actor import Actor, Role
from carerlink.errors import NotFound
from carerlink.i18n import _
from carerlink.notifications import service as notifications
from carerlink.organisations import policy
from carerlink.organisations.models import Membership
from carerlink.organisations.scope import Scope


@dataclass(frozen=True, slots=True)
class CarerReach:
    """A carer, their channels in order and who chose them, and what works."""

    membership: Membership
    user: User
    preferences: notifications.Preferences
    reach: notifications.Reach


async def _carer(scope: Scope, membership_id: uuid.UUID) -> tuple[Membership, User]:
    organisation = scope.require(policy.can_set_carer_channels, _("Only coordinators can do that."))
    membership = await scope.session.get(Membership, membership_id)
    if membership is None or membership.organisation_id != organisation.id or membership.role != Role.CARER:
        raise NotFound(_("No such carer."))
    user = await accounts.get_user_or_raise(scope.session, user_id=membership.user_id)
    return membership, user


async def _read(scope: Scope, membership: Membership, user: User) -> CarerReach:
    preferences = await notifications.get_preferences(
        scope.session, actor=Actor(user_id=user.id), now=scope.now
    )
    found = await notifications.reach(
        scope.session, [user.id], now=scope.now, organisation_id=scope.organisation_id
    )
    return CarerReach(membership, user, preferences, found[user.id])


async def carer_reach(scope: Scope, *, membership_id: uuid.UUID) -> CarerReach:
    """How we reach a carer: their order, who chose it, and what doesn't work (coordinators)."""
    membership, user = await _carer(scope, membership_id)
    return await _read(scope, membership, user)


async def set_carer_channels(scope: Scope, *, membership_id: uuid.UUID, channels: list[str]) -> CarerReach:
    """Set a carer's channels in order, as chosen with them (coordinators of their organisation; audited)."""
    membership, user = await _carer(scope, membership_id)
    order = await notifications.set_channels(
        scope.session,
        user_id=user.id,
        order=channels,
        now=scope.now,
        set_by=scope.actor.require_person(),
        organisation_id=scope.organisation_id,
    )
    await scope.audit(
        "organisations.carer.channels_set",
        subject_user_id=user.id,
        object_type="membership",
        object_id=membership.id,
        details={"channels": list(order)},
    )
    return await _read(scope, membership, user)
