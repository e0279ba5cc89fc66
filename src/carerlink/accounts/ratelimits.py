"""Rate limits counted in the database, so every web process sees the same attempts."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, delete, literal
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts.models import RateLimitWindow
from carerlink.db import dialect_insert, execute_kept
from carerlink.db.types import UTCDateTime
from carerlink.errors import RateLimited
from carerlink.i18n import _


@dataclass(frozen=True, slots=True)
class Limit:
    """At most ``hits`` attempts per ``window`` for one subject (an IP address, an e-mail, …)."""

    name: str
    hits: int
    window: timedelta


LOGIN_PER_IP = Limit("login:ip", 50, timedelta(minutes=15))
LOGIN_PER_ACCOUNT = Limit("login:account", 10, timedelta(minutes=15))
RESET_PER_IP = Limit("reset:ip", 20, timedelta(hours=1))
RESET_PER_ACCOUNT = Limit("reset:account", 3, timedelta(hours=1))
INVITATION_PER_IP = Limit("invitation:ip", 20, timedelta(minutes=15))
# Codes typed at the centre, counted over every address at once: 8 characters from 31 cannot be
# guessed by one address at 20 tries a quarter-hour, and this keeps a crowd of addresses from trying.
# The link in the e-mail (a long token) still works while it holds.
INVITATION_CODES = Limit("invitation:codes", 300, timedelta(minutes=15))
# Acceptances of codes given in person, per inviting organisation and per invited address: whether an
# address already has an account shows in the answer (a code can create one), so probing addresses
# with invitations of one's own centre is slow, and every refusal is audited against its invitation.
INVITATION_PER_ORGANISATION = Limit("invitation:organisation", 30, timedelta(hours=1))
INVITATION_PER_ADDRESS = Limit("invitation:address", 10, timedelta(hours=1))
REFERRAL_PER_IP = Limit("referral:ip", 5, timedelta(hours=1))
# The same person referred again and again (from several addresses) fills the coordinators' queue.
REFERRAL_PER_EMAIL = Limit("referral:email", 3, timedelta(days=1))
PASSWORD_CHANGE_PER_ACCOUNT = Limit("password-change:account", 10, timedelta(minutes=15))
# Opening and answering check-ins from e-mailed links (issue 14), per address: a signed token cannot
# be guessed, and this keeps anyone from trying; a person answering their own link needs a handful.
ANSWER_LINK_PER_IP = Limit("answer-link:ip", 60, timedelta(minutes=15))
LONGEST_WINDOW = max(
    limit.window
    for limit in (
        LOGIN_PER_IP,
        LOGIN_PER_ACCOUNT,
        RESET_PER_IP,
        RESET_PER_ACCOUNT,
        INVITATION_PER_IP,
        INVITATION_CODES,
        REFERRAL_PER_IP,
        REFERRAL_PER_EMAIL,
        PASSWORD_CHANGE_PER_ACCOUNT,
        ANSWER_LINK_PER_IP,
        INVITATION_PER_ORGANISATION,
        INVITATION_PER_ADDRESS,
    )
)


async def consume(session: AsyncSession, limit: Limit, subject: str, *, now: datetime) -> None:
    """Count one attempt for ``subject``; raise ``RateLimited`` once the window's allowance is spent.

    The subject is stored only as a digest. The count survives whatever the request does next: a
    wrong password answered with ``Invalid`` rolls the request back, but the attempt is a kept write
    (``db.execute_kept``), written again after the rollback, so every failed attempt counts.
    """
    key = hashlib.sha256(f"{limit.name}:{subject}".encode()).hexdigest()
    table = RateLimitWindow.__table__
    expired = table.c.window_start <= now - limit.window
    statement = (
        dialect_insert(session, table)
        .values(key=key, window_start=now, hits=1)
        .on_conflict_do_update(
            index_elements=[table.c.key],
            set_={
                "hits": case((expired, 1), else_=table.c.hits + 1),
                "window_start": case((expired, literal(now, UTCDateTime())), else_=table.c.window_start),
            },
        )
        .returning(table.c.hits, table.c.window_start)
    )
    row = (await execute_kept(session, statement)).one()
    hits, window_start = row.hits, row.window_start
    if hits > limit.hits:
        retry_after = math.ceil((window_start + limit.window - now).total_seconds())
        raise RateLimited(
            _("Too many attempts. Please wait a little and try again."),
            retry_after=retry_after,
        )


async def purge_expired(session: AsyncSession, *, now: datetime) -> int:
    """Delete windows older than the longest limit (they no longer count)."""
    result = await session.execute(
        delete(RateLimitWindow).where(RateLimitWindow.window_start < now - LONGEST_WINDOW)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
