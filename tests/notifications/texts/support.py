"""Shared by the text message tests: the fake Twilio, settings that use it, and signed webhooks.

``texts_settings`` are the suite's test settings with texts on, through the real ``TwilioProvider``
pointed at the fake (a ``settings`` fixture of a conftest or module returns them).
"""

from __future__ import annotations

import secrets
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
from twilio.request_validator import RequestValidator

from carerlink.accounts.models import User
from carerlink.db import Database
from carerlink.organisations.models import Organisation
from carerlink.settings import Settings
from tests.conftest import DatabaseTarget, _test_settings
from tests.notifications.texts.twilio_fake import FakeTwilio
from tests.support import START

SENDER = "+447700900001"
INBOUND = "/api/v1/sms/inbound"
STATUS = "/api/v1/sms/status"


def texts_settings(database_target: DatabaseTarget, tmp_path: Path, twilio: FakeTwilio) -> Settings:
    """The suite's test settings with texts on, through Twilio's SDK pointed at the fake."""
    return _test_settings(
        data_dir=tmp_path / "var", database_url=database_target.url, database_schema=database_target.schema
    ).replace(
        sms_provider="twilio",
        twilio_account_sid=twilio.account_sid,
        twilio_auth_token=twilio.auth_token,
        sms_from=SENDER,
        twilio_api_url=twilio.url,
    )


async def enable_texts(
    db: Database, org: Organisation, *, budget: int = 1000, warn_at_percent: int = 80
) -> None:
    """Switch texts on for ``org``."""
    async with db.session_scope() as session:
        stored = await session.get(Organisation, org.id)
        assert stored is not None
        stored.settings = {
            **(stored.settings or {}),
            "texts": {"enabled": True, "monthly_budget": budget, "warn_at_percent": warn_at_percent},
        }


async def set_phone(
    db: Database, user: User, phone: str, *, verified_at: datetime | None = START, locale: str | None = None
) -> None:
    """Give ``user`` a number, verified (by default) or not."""
    async with db.session_scope() as session:
        stored = await session.get(User, user.id)
        assert stored is not None
        stored.phone = phone
        stored.phone_verified_at = verified_at
        if locale:
            stored.locale = locale


def signature(settings: Settings, path: str, params: dict[str, str]) -> str:
    """``X-Twilio-Signature`` as Twilio computes it, for the URL it posts to."""
    return str(
        RequestValidator(settings.twilio_auth_token).compute_signature(settings.base_url + path, params)
    )


def inbound_params(from_number: str, body: str, *, sid: str | None = None) -> dict[str, str]:
    """The fields Twilio posts for an incoming SMS."""
    return {
        "ToCountry": "GB",
        "SmsMessageSid": sid or "SM" + secrets.token_hex(16),
        "NumMedia": "0",
        "From": from_number,
        "To": SENDER,
        "Body": body,
        "NumSegments": "1",
        "AccountSid": "AC" + "0" * 32,
        "ApiVersion": "2010-04-01",
        **({"MessageSid": sid} if sid else {}),
    }


async def post_webhook(
    http: httpx.AsyncClient,
    settings: Settings,
    path: str,
    params: dict[str, str],
    *,
    signed: bool = True,
    **extra: Any,
) -> httpx.Response:
    """Post as Twilio does: form-encoded, no cookie, signed (or not)."""
    params = dict(params)
    params.setdefault("MessageSid", params.get("SmsMessageSid", "SM" + secrets.token_hex(16)))
    headers = {"X-Twilio-Signature": signature(settings, path, params)} if signed else {}
    return await http.post(path, data=params, headers=headers, **extra)
