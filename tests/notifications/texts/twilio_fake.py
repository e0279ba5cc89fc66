"""A loopback fake of Twilio's Messages REST API: it checks each request as Twilio documents it.

``POST /2010-04-01/Accounts/{AccountSid}/Messages.json`` with HTTP Basic auth (the account SID and the
auth token), form-encoded ``To``, ``From`` (or ``MessagingServiceSid``), ``Body`` and an optional
``StatusCallback``. It answers 201 with the JSON Message resource (``sid`` "SM" + 32 hex digits,
``status`` "queued"), 401 with code 20003 for bad credentials, and 400 with Twilio's codes for a bad
request: 21211 (the ``To`` number is not a valid phone number), 21604 (no ``To``), 21603 (no ``From``),
21602 (no ``Body``), 21617 (``Body`` over 1600 characters), 21610 (the recipient replied STOP). A
scripted failure (500) can be queued to test retries.
"""

from __future__ import annotations

import base64
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

E164 = re.compile(r"^\+[1-9]\d{6,14}$")


@dataclass
class Sent:
    """One message Twilio accepted."""

    sid: str
    to: str
    sender: str
    body: str
    status_callback: str | None


@dataclass
class FakeTwilio:
    """Twilio's Messages API on 127.0.0.1, for one account."""

    account_sid: str = "AC" + "0" * 32
    auth_token: str = "test-twilio-auth-token"
    sent: list[Sent] = field(default_factory=list)
    unsubscribed: set[str] = field(default_factory=set)  # numbers that replied STOP (21610)
    failures: list[int] = field(default_factory=list)  # statuses to answer next (500 …)
    requests: int = 0
    _runner: web.AppRunner | None = None
    port: int = 0

    @property
    def url(self) -> str:
        """The API's base, as ``CARERLINK_TWILIO_API_URL``."""
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> FakeTwilio:
        app = web.Application()
        app.router.add_post("/2010-04-01/Accounts/{account}/Messages.json", self._create)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = int(self._runner.addresses[0][1])
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def _error(self, status: int, code: int, message: str) -> web.Response:
        return web.json_response(
            {
                "code": code,
                "message": message,
                "more_info": f"https://www.twilio.com/docs/errors/{code}",
                "status": status,
            },
            status=status,
        )

    async def _create(self, request: web.Request) -> web.Response:
        self.requests += 1
        expected = "Basic " + base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        if (
            request.headers.get("Authorization") != expected
            or request.match_info["account"] != self.account_sid
        ):
            return self._error(401, 20003, "Authenticate")
        if request.content_type != "application/x-www-form-urlencoded":
            return self._error(400, 20001, "Expected a form-encoded body")
        if self.failures:
            return self._error(self.failures.pop(0), 20500, "An internal server error has occurred")
        form = await request.post()
        to, body = str(form.get("To", "")), str(form.get("Body", ""))
        sender = str(form.get("From") or form.get("MessagingServiceSid") or "")
        if not to:
            return self._error(400, 21604, "A 'To' phone number is required.")
        if not sender:
            return self._error(400, 21603, "A 'From' phone number is required.")
        if not body:
            return self._error(400, 21602, "Message body is required.")
        if len(body) > 1600:
            return self._error(400, 21617, "The concatenated message body exceeds the 1600 character limit.")
        if not E164.match(to):
            return self._error(400, 21211, f"The 'To' number {to} is not a valid phone number.")
        if to in self.unsubscribed:
            return self._error(400, 21610, "Attempt to send to unsubscribed recipient")
        sid = "SM" + secrets.token_hex(16)
        callback = str(form["StatusCallback"]) if "StatusCallback" in form else None
        self.sent.append(Sent(sid, to, sender, body, callback))
        resource: dict[str, Any] = {
            "account_sid": self.account_sid,
            "api_version": "2010-04-01",
            "body": body,
            "date_created": "Mon, 02 Mar 2026 09:00:00 +0000",
            "date_sent": None,
            "date_updated": "Mon, 02 Mar 2026 09:00:00 +0000",
            "direction": "outbound-api",
            "error_code": None,
            "error_message": None,
            "from": sender if sender.startswith("+") else None,
            "messaging_service_sid": sender if sender.startswith("MG") else None,
            "num_media": "0",
            "num_segments": "1",
            "price": None,
            "price_unit": "USD",
            "sid": sid,
            "status": "queued",
            "subresource_uris": {},
            "to": to,
            "uri": f"/2010-04-01/Accounts/{self.account_sid}/Messages/{sid}.json",
        }
        return web.json_response(resource, status=201)
