"""The person-level call: who is calling, from where, and when, for routes that name no organisation.

Signing in, my own details, my devices and my notification settings belong to a person, not to an
organisation, so they have no ``Scope``. What they need travels as one ``Caller``, built once per
request by a dependency (``web/deps.py``), so their handlers stay at one to three parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.actor import Actor


@dataclass(frozen=True, slots=True)
class SessionLimits:
    """How long a sign-in lasts: ``idle`` since last use, ``absolute`` since sign-in."""

    idle: timedelta
    absolute: timedelta


@dataclass(frozen=True, slots=True)
class Caller:
    """Session, actor and now of a person-level call, with the address, browser and sign-in limits."""

    session: AsyncSession
    actor: Actor
    now: datetime
    limits: SessionLimits
    client_ip: str = "unknown"
    user_agent: str = ""
