"""E-mails the mail server refused (or we gave up on), shown to the organisation's coordinators (issue 14)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from carerlink.accounts.models import User
from carerlink.i18n import _
from carerlink.mail import service as mail
from carerlink.organisations import policy
from carerlink.organisations.models import Membership
from carerlink.organisations.scope import Scope

REFUSALS_WINDOW = timedelta(days=30)  # mail is kept that long (``mail.service.KEEP_SENT``)
REFUSALS_LIMIT = 50


@dataclass(frozen=True, slots=True)
class RefusedMail:
    """One e-mail that will not arrive, with the person it was for (when they are still known)."""

    refusal: mail.Refusal
    user: User | None
    membership: Membership | None


async def mail_refusals(
    scope: Scope, *, since: datetime | None = None, limit: int = REFUSALS_LIMIT
) -> list[RefusedMail]:
    """This organisation's undelivered e-mails, newest first (its coordinators; never the content)."""
    organisation = scope.require(
        policy.sees_mail_refusals, _("Only coordinators can see which e-mails could not be delivered.")
    )
    found = await mail.refusals(
        scope.session,
        organisation_id=organisation.id,
        since=since if since is not None else scope.now - REFUSALS_WINDOW,
        limit=limit,
    )
    user_ids = {r.user_id for r in found if r.user_id is not None}
    people: dict[uuid.UUID, tuple[User, Membership | None]] = {}
    if user_ids:
        rows = await scope.session.execute(
            select(User, Membership)
            .outerjoin(
                Membership,
                (Membership.user_id == User.id) & (Membership.organisation_id == organisation.id),
            )
            .where(User.id.in_(user_ids))
        )
        for person, member in rows.all():
            if person.id not in people or people[person.id][1] is None:
                people[person.id] = (person, member)
    listed = []
    for refusal in found:
        user, membership = people.get(refusal.user_id, (None, None)) if refusal.user_id else (None, None)
        listed.append(RefusedMail(refusal, user, membership))
    return listed
