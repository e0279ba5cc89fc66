"""Proving a number is the person's: a 6-digit code by text, typed back within 10 minutes (issue 14).

No reminder is texted to a number that is not verified. The code is stored as a keyed digest (HMAC with
the secret key, bound to the person and the number), never as sent; five wrong tries end it; sending
is rate-limited per account and per number. Changing the number (``PATCH /api/v1/me``) clears the
verification. Texts are available to a person when the deployment has a provider and one of their
organisations has texts switched on.
"""

from __future__ import annotations

import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import JSON, Uuid, column, select, table, update
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts import phones, ratelimits
from carerlink.accounts import service as accounts
from carerlink.actor import Actor
from carerlink.audit import service as audit
from carerlink.errors import Conflict, FailedAttempt, Invalid
from carerlink.i18n import _
from carerlink.kit.crypto import keyed_digest
from carerlink.notifications.service import routing
from carerlink.notifications.service._common import MEMBERSHIPS
from carerlink.notifications.texts import words
from carerlink.notifications.texts.models import PhoneVerification
from carerlink.notifications.texts.outbox import queue_text

CODE_VALID = timedelta(minutes=10)
MAX_TRIES = 5
SEND_PER_ACCOUNT = ratelimits.Limit("texts-code:account", 3, timedelta(hours=1))
SEND_PER_NUMBER = ratelimits.Limit("texts-code:number", 3, timedelta(hours=1))

# Read-only: which organisations switched texts on (organisations sit above notifications).
_ORGANISATIONS = table("organisations", column("id", Uuid()), column("settings", JSON()))


@dataclass(frozen=True, slots=True)
class PhoneStatus:
    """What the My details screen shows beside the number.

    ``texts``: ``available``; ``off`` (this deployment sends no texts); ``not_enabled`` (none of the
    person's organisations has switched texts on).
    """

    phone: str | None
    verified_at: datetime | None
    stopped_at: datetime | None
    texts: str
    organisation_id: uuid.UUID | None


async def texting_organisation(session: AsyncSession, *, user_id: uuid.UUID) -> uuid.UUID | None:
    """One of the person's organisations (active membership) that has texts switched on, or ``None``."""
    rows = await session.execute(
        select(_ORGANISATIONS.c.id, _ORGANISATIONS.c.settings)
        .join(MEMBERSHIPS, MEMBERSHIPS.c.organisation_id == _ORGANISATIONS.c.id)
        .where(MEMBERSHIPS.c.user_id == user_id, MEMBERSHIPS.c.status == "active")
        .order_by(_ORGANISATIONS.c.id)
    )
    for organisation_id, settings in rows:
        if ((settings or {}).get("texts") or {}).get("enabled") is True:
            return organisation_id  # type: ignore[no-any-return]
    return None


async def phone_status(session: AsyncSession, *, actor: Actor) -> PhoneStatus:
    """My number, whether it is verified, and whether texts can be sent to me at all."""
    user = await accounts.get_user_or_raise(session, user_id=actor.require_person())
    organisation_id = None
    if not session.info.get("texts_on"):
        texts = "off"
    else:
        organisation_id = await texting_organisation(session, user_id=user.id)
        texts = "available" if organisation_id is not None else "not_enabled"
    return PhoneStatus(
        phone=user.phone,
        verified_at=user.phone_verified_at if user.phone else None,
        stopped_at=user.texts_stopped_at,
        texts=texts,
        organisation_id=organisation_id,
    )


def _digest(secret: str, *, user_id: uuid.UUID, phone: str, code: str) -> str:
    return keyed_digest(secret, f"phone-code:{user_id}:{phone}:{code}")


async def send_code(session: AsyncSession, *, actor: Actor, secret: str, now: datetime) -> PhoneVerification:
    """Text a new code to my number (an earlier unused code stops working)."""
    status = await phone_status(session, actor=actor)
    if status.phone is None:
        raise Invalid(_("Add your mobile number first, then we can send it a code."), field="phone")
    if phones.describe(status.phone).kind == "landline":
        raise Invalid(
            _("This looks like a landline, and texts go to mobiles. Enter your mobile number to get texts."),
            field="phone",
        )
    if status.texts != "available" or status.organisation_id is None:
        raise Conflict(_("Text messages are not available here, so there is nothing to verify."))
    if status.verified_at is not None:
        raise Conflict(_("Your number is already verified."))
    user_id, phone = actor.require_person(), status.phone
    await ratelimits.consume(session, SEND_PER_ACCOUNT, str(user_id), now=now)
    await ratelimits.consume(session, SEND_PER_NUMBER, phone, now=now)
    user = await accounts.get_user_or_raise(session, user_id=user_id)
    await session.execute(
        update(PhoneVerification)
        .where(
            PhoneVerification.user_id == user_id,
            PhoneVerification.confirmed_at.is_(None),
            PhoneVerification.expires_at > now,
        )
        .values(expires_at=now)
    )
    code = f"{secrets.randbelow(1_000_000):06d}"
    verification = PhoneVerification(
        user_id=user_id,
        phone=phone,
        code_digest=_digest(secret, user_id=user_id, phone=phone, code=code),
        created_at=now,
        expires_at=now + CODE_VALID,
        attempts=0,
    )
    session.add(verification)
    language = await routing.language_for(
        session,
        user_id=user_id,
        locale=user.locale,
        chosen=user.locale_chosen,
        organisation_id=status.organisation_id,
    )
    body = words.words(words.CODE, language, code=code)
    await queue_text(
        session,
        user_id=user_id,
        organisation_id=status.organisation_id,
        to=phone,
        body=body,
        category="verification",
        now=now,
        expires_at=now + CODE_VALID,
        segments=words.segments(body),
    )
    await audit.record(
        session,
        actor=actor,
        action="accounts.phone.code_sent",
        now=now,
        subject_user_id=user_id,
        object_type="phone_verification",
        object_id=verification.id,
    )
    return verification


async def confirm_code(
    session: AsyncSession, *, actor: Actor, secret: str, code: str, now: datetime
) -> datetime:
    """Check the code typed back; on success the number is verified (returns when)."""
    user = await accounts.get_user_or_raise(session, user_id=actor.require_person())
    if user.phone is None:
        raise Invalid(_("Add your mobile number first, then we can send it a code."), field="phone")
    if user.phone_verified_at is not None:
        return user.phone_verified_at
    code = "".join(code.split())
    if not (len(code) == 6 and code.isascii() and code.isdigit()):
        raise Invalid(_("Enter the 6 numbers from the text."), field="code")
    verification = await session.scalar(
        select(PhoneVerification)
        .where(
            PhoneVerification.user_id == user.id,
            PhoneVerification.phone == user.phone,
            PhoneVerification.confirmed_at.is_(None),
            PhoneVerification.expires_at > now,
            PhoneVerification.attempts < MAX_TRIES,
        )
        .order_by(PhoneVerification.created_at.desc())
        .limit(1)
    )
    if verification is None:
        raise Invalid(_("This code has expired or has been tried too often. Send a new code."), field="code")
    expected = _digest(secret, user_id=user.id, phone=user.phone, code=code)
    if not hmac.compare_digest(expected, verification.code_digest):
        # A wrong try counts (``FailedAttempt`` keeps the request's changes).
        verification.attempts += 1
        await audit.record(
            session,
            actor=actor,
            action="accounts.phone.code_wrong",
            now=now,
            subject_user_id=user.id,
            object_type="phone_verification",
            object_id=verification.id,
        )
        if verification.attempts >= MAX_TRIES:
            raise FailedAttempt(
                _("That code is not right, and it has now stopped working. Send a new code."), field="code"
            )
        raise FailedAttempt(_("That code is not right. Check the text and try again."), field="code")
    verification.confirmed_at = now
    user.phone_verified_at = now
    await audit.record(
        session,
        actor=actor,
        action="accounts.phone.verified",
        now=now,
        subject_user_id=user.id,
        object_type="phone_verification",
        object_id=verification.id,
    )
    return now
