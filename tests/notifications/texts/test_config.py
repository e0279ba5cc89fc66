"""Texts are off by default; Twilio in production needs its account SID, auth token and sender."""

from __future__ import annotations

from pathlib import Path

from carerlink.config_check import production_problems
from carerlink.settings import Settings
from tests.cli.test_config_check import _ready


def test_texts_are_off_by_default() -> None:
    assert Settings.from_env({}).sms_provider == ""


def test_twilio_needs_its_account_token_and_sender(tmp_path: Path) -> None:
    assert production_problems(_ready(tmp_path)) == []
    [problem] = production_problems(_ready(tmp_path, sms_provider="twilio", twilio_account_sid="AC1"))
    assert "CARERLINK_TWILIO_AUTH_TOKEN" in problem and "CARERLINK_SMS_FROM" in problem
    assert "CARERLINK_TWILIO_ACCOUNT_SID" not in problem
    ready = _ready(
        tmp_path,
        sms_provider="twilio",
        twilio_account_sid="AC1",
        twilio_auth_token="t",
        sms_from="+447700900001",
    )
    assert production_problems(ready) == []


def test_the_demo_provider_is_not_for_production(tmp_path: Path) -> None:
    [problem] = production_problems(_ready(tmp_path, sms_provider="file"))
    assert "nobody receives them" in problem
