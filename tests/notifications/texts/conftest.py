"""Fixtures of the text message tests: a fake of Twilio's API, and settings with texts on through it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from carerlink.settings import Settings
from tests.conftest import DatabaseTarget
from tests.notifications.texts.support import texts_settings
from tests.notifications.texts.twilio_fake import FakeTwilio


@pytest.fixture
async def twilio() -> AsyncIterator[FakeTwilio]:
    """Twilio's Messages API on 127.0.0.1."""
    fake = await FakeTwilio().start()
    yield fake
    await fake.stop()


@pytest.fixture
def settings(database_target: DatabaseTarget, tmp_path: Path, twilio: FakeTwilio) -> Settings:
    """Texts on, through the real TwilioProvider pointed at the fake."""
    return texts_settings(database_target, tmp_path, twilio)
