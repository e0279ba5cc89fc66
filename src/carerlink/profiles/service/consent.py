"""Health-data consent for the cared-for person's needs: a carer's and a buddy's, each on its own."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from carerlink.actor import Role
from carerlink.organisations import service as organisations
from carerlink.organisations.models import Consent
from carerlink.organisations.scope import Scope
from carerlink.profiles.models import BuddyProfile, CarerProfile
from carerlink.profiles.service._common import HEALTH_CONSENT_OF, display_name, own_membership


async def set_health_consent(scope: Scope, *, agree: bool, role: Role = Role.CARER) -> bool:
    """Give or withdraw my health-data consent as a carer or buddy; withdrawing deletes the needs at once."""
    organisation, membership_id = own_membership(scope, role)
    session, now = scope.session, scope.now
    user_id = scope.actor.require_person()
    kind = HEALTH_CONSENT_OF[role]
    if agree:
        await organisations.give_consent(
            session, user_id=user_id, organisation_id=organisation.id, kind=kind, now=now
        )
    else:
        await organisations.withdraw_consent(
            session, user_id=user_id, organisation_id=organisation.id, kind=kind, now=now
        )
    if role == Role.CARER and not agree:
        await session.execute(
            update(CarerProfile)
            .where(CarerProfile.membership_id == membership_id)
            .values(needs=[], mental_health_needs=[], updated_at=now)
        )
    elif role == Role.BUDDY:
        # Withdrawing deletes the needs; either way the profile is touched, so the buddy pool's revision
        # changes in this commit and cached suggestions stop using what the buddy no longer allows.
        values: dict[str, Any] = {"updated_at": now}
        if not agree:
            values |= {"needs": [], "mental_health_needs": []}
        await session.execute(
            update(BuddyProfile).where(BuddyProfile.membership_id == membership_id).values(**values),
            execution_options={"buddy_pool_owner": ("organisation", organisation.id)},
        )
    prefix = "profiles.health_consent" if role == Role.CARER else "profiles.buddy_health_consent"
    await scope.audit(f"{prefix}.given" if agree else f"{prefix}.withdrawn", subject_user_id=user_id)
    return agree


async def health_consent_of(scope: Scope, *, role: Role = Role.CARER) -> tuple[Consent | None, str | None]:
    """My current health-data consent as a carer or buddy (``None``: not given), and who recorded it.

    The coordinator who recorded it for me (issue 16: read out to me, or brought in), if one did.
    """
    organisation, _ = own_membership(scope, role)
    consent = await organisations.current_consent(
        scope.session,
        user_id=scope.actor.require_person(),
        organisation_id=organisation.id,
        kind=HEALTH_CONSENT_OF[role],
    )
    recorded_by = (
        await display_name(scope.session, consent.recorded_by_user_id)
        if consent is not None and consent.recorded_by_user_id is not None
        else None
    )
    return consent, recorded_by
