"""Fixtures for notifications: the loopback push service, checking the app's own VAPID key."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from litestar import Litestar

from carerlink.notifications import vapid
from carerlink.runtime import Runtime
from tests.notifications.push_service import LoopbackPushService


@pytest.fixture
def runtime(app: Litestar) -> Runtime:
    """The app's runtime (database, frozen clock, push client), as a worker's tick gets it."""
    value: Runtime = app.state.runtime
    return value


@pytest.fixture
async def push_service(runtime: Runtime) -> AsyncIterator[LoopbackPushService]:
    """A push service on 127.0.0.1 that accepts only the app's VAPID key."""
    service = LoopbackPushService(vapid_public_key=vapid.key_for(runtime).public_key)
    await service.start()
    yield service
    await service.stop()
