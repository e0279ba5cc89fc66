"""Turning reminder e-mails off from the link every reminder e-mail carries (issue 14, RFC 8058).

The link (``notifications.links.unsubscribe_link``) holds a signed token naming one person. Posting to
it takes e-mail out of their channels (``channels.without``), as if they had done it in their
Reminders settings; posting twice changes nothing more. Crisis alerts to coordinators ignore the
channel choice, so they keep coming by e-mail.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts.models import User
from carerlink.actor import Actor
from carerlink.audit import service as audit
from carerlink.db import dialect_insert
from carerlink.errors import NotFound
from carerlink.i18n import N_
from carerlink.kit.signing import BadToken, Signer
from carerlink.notifications import channels, links
from carerlink.notifications.models import NotificationPreference

LINK_GONE = N_(
    "This link isn't valid any more. You can turn reminder e-mails off in your Reminders settings."
)


async def stop_email(session: AsyncSession, *, user_id: uuid.UUID, now: datetime) -> bool:
    """Take e-mail out of this person's channels (creating their preferences); whether anything changed.

    Audited as the person's own doing (``notifications.email.unsubscribed``).
    """
    # The row first (a mail client may post twice at once), then read it locked.
    table = NotificationPreference.__table__
    await session.execute(
        dialect_insert(session, table)
        .values(user_id=user_id, muted_kinds=[], updated_at=now)
        .on_conflict_do_nothing(index_elements=[table.c.user_id])
    )
    preference = await session.get(
        NotificationPreference, user_id, with_for_update=True, populate_existing=True
    )
    assert preference is not None
    remaining = channels.without(preference.channels, "email")
    if preference.channels is not None and list(preference.channels) == remaining:
        return False
    preference.channels = list(remaining)
    preference.channels_set_by_user_id = None  # the person's own choice
    preference.channels_set_at = now
    preference.updated_at = now
    await session.flush()
    await audit.record(
        session,
        actor=Actor(user_id=user_id),
        action="notifications.email.unsubscribed",
        now=now,
        subject_user_id=user_id,
        details={"channels": list(remaining), "via": "email_link"},
    )
    return True


def person_of(session: AsyncSession, token: str, *, now: datetime) -> uuid.UUID:
    """The person an unsubscribe token names; ``NotFound`` for a bad, expired or other-purpose token."""
    signer: Signer | None = session.info.get("signer")
    if signer is None:
        raise NotFound(str(LINK_GONE))
    try:
        payload = signer.unsign(links.UNSUBSCRIBE, token, now=now)
        if payload.get("ch") != "email":
            raise NotFound(str(LINK_GONE))
        return uuid.UUID(str(payload["u"]))
    except (BadToken, KeyError, ValueError):
        raise NotFound(str(LINK_GONE)) from None


async def stop_email_by_link(session: AsyncSession, *, token: str, now: datetime) -> bool:
    """One-click unsubscribe: e-mail off for the token's person; ``NotFound`` when the link is no good."""
    user_id = person_of(session, token, now=now)
    if await session.get(User, user_id) is None:
        raise NotFound(str(LINK_GONE))
    return await stop_email(session, user_id=user_id, now=now)
