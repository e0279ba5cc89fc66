"""The text provider adapter: how carerlink sends a text and reads the provider's webhooks (issue 14).

Domains never see a provider: they queue a text (``outbox.queue_text``), and the web layer hands the
webhook's form fields to ``parse_inbound`` / ``parse_status`` after ``verify_webhook``. A provider is
anything with the four methods of ``TextProvider``, so another one fits without touching any domain:

- Vonage (Messages API): ``send`` posts JSON with a JWT, webhooks are signed JWTs (``verify_webhook``
  checks the ``Authorization`` header's token instead of ``X-Twilio-Signature``), and the fields of
  ``parse_inbound`` are ``msisdn``/``text``/``messageId``.
- GOV.UK Notify: ``send`` posts to ``/v2/notifications/sms`` with a template id and personalisation,
  status comes back to a callback with a bearer token, replies arrive as "received text messages".

Twilio is first, through its official SDK (``twilio``): its async HTTP client, its ``messages``
resource and its ``RequestValidator`` for webhook signatures. ``FileProvider`` is the demo: each text
becomes a private file in ``var/texts/`` and is reported delivered at once.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from carerlink.kit.files import private_directory
from carerlink.settings import Settings

log = logging.getLogger("carerlink.texts")

# The SDK logs every request it makes (with the form fields, so the text's words) at INFO level: its
# own logger is kept to warnings, so no message body ever reaches the logs.
_SDK_LOG = logging.getLogger("carerlink.texts.twilio_sdk")
_SDK_LOG.setLevel(logging.WARNING)

SEND_TIMEOUT_SECONDS = 15
# Twilio's error codes that mean "never, whatever you do": an invalid or unreachable number, a
# recipient who replied STOP, a landline, a blocked destination.
PERMANENT_CODES = frozenset({21211, 21212, 21214, 21217, 21408, 21610, 21612, 21614, 21635, 30003, 30005})


@dataclass(frozen=True, slots=True)
class SendResult:
    """The provider took the text: its id for it, and the state it reports (``sent`` or ``delivered``)."""

    message_id: str
    status: str


@dataclass(frozen=True, slots=True)
class Inbound:
    """A text a person sent us."""

    message_id: str
    from_number: str
    body: str


@dataclass(frozen=True, slots=True)
class StatusUpdate:
    """What became of a text we sent: ``delivered``, ``undelivered``, ``failed`` (or a step before)."""

    message_id: str
    status: str
    error_code: str | None


class TextRefused(Exception):
    """The provider will never send this text as it is (an invalid number, a recipient who stopped texts).

    Any other exception from ``send`` is passing (a timeout, a 5xx, a 429) and is retried with back-off.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TextProvider(Protocol):
    """Something that sends texts and reads its own webhooks."""

    name: str

    async def send(self, to: str, body: str, status_callback_url: str | None) -> SendResult:
        """Send one text to ``to`` (E.164); raise ``TextRefused`` for a permanent refusal."""
        ...

    def verify_webhook(self, url: str, params: Mapping[str, str], signature: str) -> bool:
        """Whether a webhook request really comes from the provider (``url`` as the provider saw it)."""
        ...

    def parse_inbound(self, params: Mapping[str, str]) -> Inbound:
        """A received text from the webhook's fields (``ValueError`` when they are not one)."""
        ...

    def parse_status(self, params: Mapping[str, str]) -> StatusUpdate:
        """A delivery status from the webhook's fields (``ValueError`` when they are not one)."""
        ...

    async def close(self) -> None:
        """Release connections."""
        ...


def _required(params: Mapping[str, str], name: str) -> str:
    value = params.get(name, "")
    if not value:
        raise ValueError(f"missing {name}")
    return value


class _TwilioWebhooks:
    """Reading Twilio's webhooks (shared by the demo provider, which takes Twilio-shaped posts too)."""

    auth_token: str

    def verify_webhook(self, url: str, params: Mapping[str, str], signature: str) -> bool:
        """Twilio's ``X-Twilio-Signature``: HMAC-SHA1 of the URL and the sorted form fields."""
        from twilio.request_validator import RequestValidator

        if not signature or not self.auth_token:
            return False
        return bool(RequestValidator(self.auth_token).validate(url, dict(params), signature))

    def parse_inbound(self, params: Mapping[str, str]) -> Inbound:
        """``MessageSid``, ``From`` and ``Body`` of an incoming message."""
        return Inbound(
            message_id=_required(params, "MessageSid")[:64],
            from_number=_required(params, "From"),
            body=params.get("Body", ""),
        )

    def parse_status(self, params: Mapping[str, str]) -> StatusUpdate:
        """``MessageSid``, ``MessageStatus`` and ``ErrorCode`` of a status callback."""
        return StatusUpdate(
            message_id=_required(params, "MessageSid")[:64],
            status=_required(params, "MessageStatus")[:20],
            error_code=(params.get("ErrorCode") or None),
        )


class TwilioProvider(_TwilioWebhooks):
    """Twilio's Messages API through the official SDK, with its async (aiohttp) HTTP client."""

    name = "twilio"

    def __init__(self, *, account_sid: str, auth_token: str, sender: str, api_url: str | None = None) -> None:
        from twilio.http.async_http_client import AsyncTwilioHttpClient
        from twilio.rest import Client

        self.auth_token = auth_token
        self.sender = sender
        self._http = AsyncTwilioHttpClient(logger=_SDK_LOG)
        self._client = Client(account_sid, auth_token, http_client=self._http)
        if api_url:
            # The SDK builds each address from its domain's ``base_url`` (https://api.twilio.com).
            self._client.api.base_url = api_url.rstrip("/")

    async def send(self, to: str, body: str, status_callback_url: str | None) -> SendResult:
        """POST …/Messages.json; Twilio's permanent error codes become ``TextRefused``."""
        from twilio.base import values
        from twilio.base.exceptions import TwilioRestException

        sender = (
            {"messaging_service_sid": self.sender} if self.sender.startswith("MG") else {"from_": self.sender}
        )
        try:
            async with asyncio.timeout(SEND_TIMEOUT_SECONDS):
                message = await self._client.messages.create_async(
                    to=to,
                    body=body,
                    status_callback=status_callback_url or values.unset,
                    **sender,
                )
        except TwilioRestException as exc:
            if exc.code in PERMANENT_CODES or (exc.status == 400 and exc.code is not None):
                raise TextRefused(f"twilio-{exc.code}") from None
            raise
        return SendResult(message_id=str(message.sid), status=str(message.status or "queued"))

    async def close(self) -> None:
        """Close the SDK's aiohttp session."""
        await self._http.close()


class FileProvider(_TwilioWebhooks):
    """The demo: each text is written to ``<data dir>/texts/<id>.txt`` (0600) and counts as delivered.

    Webhooks are checked like Twilio's, with the secret key as the token, so the demo's replies can be
    posted by hand with a signature computed the same way.
    """

    name = "file"

    def __init__(self, directory: Path, *, auth_token: str) -> None:
        self.directory = directory
        self.auth_token = auth_token

    async def send(self, to: str, body: str, status_callback_url: str | None) -> SendResult:
        """Write the text; the file's name is its message id."""
        message_id = "FILE" + secrets.token_hex(14)
        private_directory(self.directory)
        path = self.directory / f"{message_id}.txt"
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(f"To: {to}\n\n{body}\n")
        return SendResult(message_id=message_id, status="delivered")

    async def close(self) -> None:
        """Nothing to close."""


def provider_for(settings: Settings) -> TextProvider | None:
    """The provider the settings name; ``None`` when texts are off."""
    if settings.sms_provider == "twilio":
        return TwilioProvider(
            account_sid=settings.twilio_account_sid,
            auth_token=settings.twilio_auth_token,
            sender=settings.sms_from,
            api_url=settings.twilio_api_url,
        )
    if settings.sms_provider == "file":
        return FileProvider(
            settings.data_dir / "texts", auth_token=settings.twilio_auth_token or settings.secret_key
        )
    return None
