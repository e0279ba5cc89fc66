"""Links that work without signing in, put in e-mails (issue 14): answer one check-in; stop reminder e-mails.

Both are built from what every session carries (``Runtime.create``): the deployment's base URL and a
``Signer``. A session without them (a bare test session) gets ``""``: the e-mail then says where to look.
The token holds ids only. What each link may do is checked where it is used (``checkins`` for the answer
form: that carer, that check-in, only while it can be answered; ``notifications`` for unsubscribing).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.kit.signing import Signer

ANSWER = "checkin-answer"
UNSUBSCRIBE = "unsubscribe"
# An answer link outlives any check-in's answer window; the check-in's own state decides before that.
ANSWER_LINK_DAYS = 14
UNSUBSCRIBE_LINK_DAYS = 365


def _parts(session: AsyncSession) -> tuple[str, Signer | None]:
    return str(session.info.get("base_url", "")), session.info.get("signer")


def answer_link(session: AsyncSession, *, checkin_id: uuid.UUID, user_id: uuid.UUID, now: datetime) -> str:
    """``<base>/answer/<token>``: opens that check-in's answer form for its carer, or ``""``."""
    base_url, signer = _parts(session)
    if not base_url or signer is None:
        return ""
    token = signer.sign(
        ANSWER,
        {"c": str(checkin_id), "u": str(user_id)},
        expires_at=now + timedelta(days=ANSWER_LINK_DAYS),
    )
    return f"{base_url}/answer/{token}"


def unsubscribe_link(session: AsyncSession, *, user_id: uuid.UUID, now: datetime) -> str:
    """``<base>/unsubscribe/<token>``: turns this person's reminder e-mails off (RFC 8058), or ``""``."""
    base_url, signer = _parts(session)
    if not base_url or signer is None:
        return ""
    token = signer.sign(
        UNSUBSCRIBE,
        {"u": str(user_id), "ch": "email"},
        expires_at=now + timedelta(days=UNSUBSCRIBE_LINK_DAYS),
    )
    return f"{base_url}/unsubscribe/{token}"
