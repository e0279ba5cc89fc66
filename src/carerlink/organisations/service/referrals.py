"""Self-referrals: a carer asks to join, and coordinators accept (sending an invitation) or decline."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select

from carerlink.accounts import phones, ratelimits
from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.errors import Conflict, NotFound
from carerlink.i18n import _
from carerlink.kit.text import clean_display_name, normalise_email
from carerlink.organisations.models import Membership, Referral, ReferralStatus
from carerlink.organisations.scope import Scope
from carerlink.organisations.service._common import managed
from carerlink.organisations.service.invitations import NewInvitation, send_invitation


async def create_referral(
    scope: Scope, *, name: str, email: str, phone: str | None, message: str, client_ip: str
) -> None:
    """Record a carer's request to join; the answer is the same whether or not the e-mail is known."""
    await ratelimits.consume(scope.session, ratelimits.REFERRAL_PER_IP, client_ip, now=scope.now)
    organisation = scope.organisation
    if organisation is None:
        raise NotFound(_("No such organisation."))
    await ratelimits.consume(
        scope.session,
        ratelimits.REFERRAL_PER_EMAIL,
        f"{organisation.id}:{normalise_email(email)}",
        now=scope.now,
    )
    referral = Referral(
        organisation_id=organisation.id,
        name=clean_display_name(name),
        email=normalise_email(email),
        # Checked and kept in E.164, so it can become the carer's own number when they join.
        phone=phones.parse(phone).e164 if phone and phone.strip() else None,
        message=message.strip(),
    )
    referral.created_at = scope.now
    scope.session.add(referral)


async def list_referrals(
    scope: Scope, *, status: ReferralStatus | None = None
) -> Sequence[tuple[Referral, bool]]:
    """Referrals, oldest first, each with whether the e-mail already belongs to a member (coordinators)."""
    organisation = managed(scope)
    query = select(Referral).where(Referral.organisation_id == organisation.id).order_by(Referral.created_at)
    if status is not None:
        query = query.where(Referral.status == status)
    referrals = (await scope.session.scalars(query.limit(500))).all()
    emails = {r.email for r in referrals}
    members = (
        set(
            (
                await scope.session.scalars(
                    select(User.email)
                    .join(Membership, Membership.user_id == User.id)
                    .where(Membership.organisation_id == organisation.id, User.email.in_(emails))
                )
            ).all()
        )
        if emails
        else set()
    )
    return [(r, r.email in members) for r in referrals]


async def _open_referral(scope: Scope, referral_id: uuid.UUID) -> Referral:
    organisation = managed(scope)
    referral = await scope.session.get(Referral, referral_id)
    if referral is None or referral.organisation_id != organisation.id:
        raise NotFound(_("No such referral."))
    if referral.status != ReferralStatus.NEW:
        if referral.status == ReferralStatus.ACCEPTED:
            raise Conflict(_("This referral was already accepted."))
        if referral.status == ReferralStatus.DECLINED:
            raise Conflict(_("This referral was already declined."))
        raise Conflict(_("This referral was already {value}.").format(value=referral.status.value))
    return referral


async def accept_referral(
    scope: Scope, *, referral_id: uuid.UUID, base_url: str
) -> tuple[Referral, NewInvitation]:
    """Accept a referral: the carer is sent an invitation (coordinators)."""
    referral = await _open_referral(scope, referral_id)
    invitation = await send_invitation(scope, email=referral.email, role=Role.CARER, base_url=base_url)
    referral.status = ReferralStatus.ACCEPTED
    referral.decided_at = scope.now
    referral.decided_by_user_id = scope.actor.user_id
    referral.invitation_id = invitation.invitation.id
    return referral, invitation


async def decline_referral(scope: Scope, *, referral_id: uuid.UUID, reason: str) -> Referral:
    """Decline a referral with a reason kept for the coordinators (coordinators)."""
    referral = await _open_referral(scope, referral_id)
    referral.status = ReferralStatus.DECLINED
    referral.decided_at = scope.now
    referral.decided_by_user_id = scope.actor.user_id
    referral.decline_reason = reason.strip() or None
    await scope.audit("organisations.referral.declined", object_type="referral", object_id=referral.id)
    return referral
