"""Helpers for the channel tests (issue 14): texts on, a verified number, what each outbox holds."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from carerlink.accounts.models import User
from carerlink.db import Database
from carerlink.mail.models import OutgoingMail
from carerlink.notifications.models import NotificationPreference
from carerlink.notifications.texts.models import OutgoingText
from carerlink.organisations.models import Organisation
from tests.support import START


def texts_on(database: Database) -> None:
    """As if ``CARERLINK_SMS_PROVIDER`` were set: every new session says texts can be sent."""
    for sessionmaker in database.sessionmakers:
        info = dict(sessionmaker.kw.get("info") or {})
        info["texts_on"] = True
        sessionmaker.configure(info=info)


async def org_texts(database: Database, organisation: Organisation, *, enabled: bool = True) -> None:
    """Turn the organisation's texts on (its settings JSON, as the settings screen stores it)."""
    async with database.session_scope() as session:
        org = await session.get(Organisation, organisation.id)
        assert org is not None
        org.settings = {**(org.settings or {}), "texts": {"enabled": enabled, "monthly_budget": 1000}}


async def verify_phone(
    database: Database, user: User, phone: str = "+447700900123", *, stopped: bool = False
) -> None:
    """The person's number, proved theirs (and, with ``stopped``, STOP texted)."""
    async with database.session_scope() as session:
        await session.execute(
            update(User)
            .where(User.id == user.id)
            .values(phone=phone, phone_verified_at=START, texts_stopped_at=START if stopped else None)
        )


async def choose(database: Database, user: User, channels: Sequence[str] | None) -> None:
    """Store the person's channel order directly."""
    async with database.session_scope() as session:
        preference = await session.get(NotificationPreference, user.id)
        if preference is None:
            session.add(NotificationPreference(user_id=user.id, channels=channels, updated_at=START))
        else:
            preference.channels = list(channels) if channels is not None else None


async def mails(database: Database, **where: Any) -> Sequence[OutgoingMail]:
    """The e-mail outbox (optionally filtered by column values)."""
    async with database.session_scope() as session:
        query = select(OutgoingMail).order_by(OutgoingMail.created_at)
        for name, value in where.items():
            query = query.where(getattr(OutgoingMail, name) == value)
        return (await session.scalars(query)).all()


async def texts(database: Database) -> Sequence[OutgoingText]:
    """The text outbox."""
    async with database.session_scope() as session:
        return (await session.scalars(select(OutgoingText).order_by(OutgoingText.created_at))).all()


async def fail_mail(database: Database, notification_id: Any, *, now: datetime, error: str) -> None:
    """The SMTP server refused this reminder's e-mail for good."""
    async with database.session_scope() as session:
        await session.execute(
            update(OutgoingMail)
            .where(OutgoingMail.notification_id == notification_id)
            .values(failed_at=now, last_error=error)
        )
