"""Ticks of the accounts domain."""

from __future__ import annotations

from datetime import timedelta

from carerlink.accounts import service
from carerlink.runtime import Runtime, Tick


async def purge_expired_sign_ins(runtime: Runtime) -> int:
    """Delete sessions, reset links and rate-limit windows that can no longer be used."""
    idle = timedelta(minutes=runtime.settings.session_idle_minutes)
    async with runtime.database.session_scope() as session:
        return await service.purge_expired(session, now=runtime.clock.now(), idle=idle)


TICKS = [Tick("accounts.purge_expired", timedelta(minutes=15), purge_expired_sign_ins)]
