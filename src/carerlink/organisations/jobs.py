"""Ticks of the organisations domain."""

from __future__ import annotations

from datetime import timedelta

from carerlink.organisations import service
from carerlink.runtime import Runtime, Tick


async def tell_of_undelivered_invitations(runtime: Runtime) -> int:
    """Tell coordinators of invitations whose e-mail can never be sent."""
    async with runtime.database.session_scope() as session:
        return await service.tell_of_undelivered_invitations(session, now=runtime.clock.now())


TICKS = [Tick("organisations.invitation_mail", timedelta(seconds=30), tell_of_undelivered_invitations)]
