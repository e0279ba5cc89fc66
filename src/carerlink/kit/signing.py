"""Signed, expiring tokens for links that work without signing in (issue 14).

A check-in prompt by e-mail carries a link that answers that one check-in; a reminder e-mail's
``List-Unsubscribe`` link turns reminder e-mails off. Each token names its purpose (a token made for one
purpose never passes as another), carries its own expiry read against the app's clock (the injectable
``Clock``, so tests drive time) and is signed with the deployment's secret key by ``itsdangerous``.
The token is not encrypted: put ids in it, never a name or anything about health.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from itsdangerous import BadSignature, URLSafeSerializer


class BadToken(ValueError):
    """The token is malformed, forged, for another purpose, or has expired."""


class Signer:
    """Makes and reads tokens for one deployment (its ``secret_key``)."""

    def __init__(self, secret_key: str) -> None:
        if not secret_key:
            raise ValueError("a secret key is needed to sign links")
        self._secret = secret_key

    def _serializer(self, purpose: str) -> URLSafeSerializer:
        return URLSafeSerializer(self._secret, salt=f"carerlink:{purpose}")

    def sign(self, purpose: str, payload: dict[str, Any], *, expires_at: datetime) -> str:
        """A URL-safe token holding ``payload`` (plain JSON values) for ``purpose`` until ``expires_at``."""
        return str(self._serializer(purpose).dumps({**payload, "exp": int(expires_at.timestamp())}))

    def unsign(self, purpose: str, token: str, *, now: datetime) -> dict[str, Any]:
        """The payload of a token made for ``purpose``; ``BadToken`` when it is not one, or has expired."""
        if not token or len(token) > 1000:
            raise BadToken("malformed")
        try:
            payload = self._serializer(purpose).loads(token)
        except BadSignature:
            raise BadToken("bad-signature") from None
        if not isinstance(payload, dict) or not isinstance(payload.get("exp"), int):
            raise BadToken("malformed")
        if payload["exp"] <= int(now.timestamp()):
            raise BadToken("expired")
        return {key: value for key, value in payload.items() if key != "exp"}
