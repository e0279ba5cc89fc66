"""ASGI middleware: request ids, languages, access logs, CSRF, and the security headers on every answer."""

from __future__ import annotations

import hmac
import logging
import re
import secrets
import time
import uuid
from http.cookies import SimpleCookie
from typing import Any

from litestar.datastructures import Cookie, MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.exceptions import PermissionDeniedException
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from carerlink import i18n
from carerlink.http import metrics
from carerlink.http.errors import send_problem
from carerlink.i18n import _
from carerlink.kit.crypto import keyed_digest
from carerlink.kit.logs import request_id
from carerlink.settings import Settings

log = logging.getLogger("carerlink.http")

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSRF_COOKIE = "csrftoken"
CSRF_HEADER = "x-csrftoken"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
REQUEST_ID_KEY = "carerlink.request_id"
# Responses that shared caches may keep (the PWA's hashed assets and icons) never carry a cookie.
NO_COOKIE_PREFIXES = ("/assets/", "/icons/")
# Posts that prove themselves another way and come from outside any browser session (issue 14): the
# text provider's webhooks (its signature, checked by the route) and one-click unsubscribing from an
# e-mail (RFC 8058: the mail client posts with no cookie; the signed token in the path is checked).
CSRF_EXEMPT_PREFIXES = ("/api/v1/sms/", "/unsubscribe/")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def _cookies(scope: Scope) -> dict[str, str]:
    raw = _header(scope, b"cookie")
    if not raw:
        return {}
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except Exception:
        return {}
    return {key: morsel.value for key, morsel in jar.items()}


class RequestContextMiddleware:
    """Give each request an id (``X-Request-ID``), and log one line per request with no personal data.

    It is the outermost middleware of every route, so it is also where an exception raised by a
    middleware beneath it becomes its problem+json answer (Litestar's handlers only wrap the route
    handler itself); the status logged and counted in ``/metrics`` is then the one the client receives.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI call."""
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        incoming = _header(scope, b"x-request-id")
        rid = incoming if incoming and _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        scope[REQUEST_ID_KEY] = rid  # type: ignore[literal-required]
        token = request_id.set(rid)
        # The language of every word the answer holds (problem+json details, consent texts, the
        # vocabulary): the app sends the one it shows as Accept-Language (issue 17); English otherwise.
        language = i18n.set_current(i18n.negotiate(_header(scope, b"accept-language")))
        started = time.perf_counter()
        status = 500
        status_sent = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, status_sent
            if message["type"] == "http.response.start":
                status, status_sent = message["status"], True
            await send(message)

        try:
            try:
                await self.app(scope, receive, send_with_id)
            except Exception as exc:
                if status_sent:
                    raise
                # Raised by a middleware below (CSRF refusal), outside any handler: answer it here with
                # the app's own exception handlers, so what is logged and counted is what the client got.
                await send_problem(scope, receive, send_with_id, exc)
        finally:
            route = scope.get("path_template") or _route_template(scope)
            elapsed = time.perf_counter() - started
            metrics.observe(scope["method"], route, status, elapsed)
            log.info(
                "http.request",
                extra={
                    "fields": {
                        "method": scope["method"],
                        # The route template, not the raw path, so nothing a person typed is logged.
                        "route": route,
                        "status": status,
                        "duration_ms": round(elapsed * 1000, 2),
                    }
                },
            )
            request_id.reset(token)
            i18n.reset(language)


def _route_template(scope: Scope) -> str:
    handler = scope.get("route_handler")
    paths = getattr(handler, "paths", None)
    if paths:
        return str(sorted(paths)[0])
    return "unmatched"


class CsrfMiddleware:
    """Double-submit CSRF protection plus an ``Origin``/``Sec-Fetch-Site`` check on unsafe methods.

    Every response that arrives without a ``csrftoken`` cookie sets one (random, HMAC-signed with the
    secret key, readable by the app's script); unsafe requests must echo it in ``X-CSRFToken``. A browser
    request from another site is refused by its ``Origin`` or ``Sec-Fetch-Site`` whatever the token says.
    """

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI call."""
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        cookie = _cookies(scope).get(CSRF_COOKIE)
        valid_cookie = cookie if cookie and self._valid(cookie) else None
        if scope["method"] in UNSAFE_METHODS and not scope["path"].startswith(CSRF_EXEMPT_PREFIXES):
            self._check(scope, valid_cookie)
        if valid_cookie is not None or scope["path"].startswith(NO_COOKIE_PREFIXES):
            await self.app(scope, receive, send)
            return
        fresh = self._new_token()

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableScopeHeaders.from_message(message)
                headers.add("set-cookie", self._cookie(fresh).to_header(header=""))
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    def _check(self, scope: Scope, cookie: str | None) -> None:
        origin = _header(scope, b"origin")
        if origin is not None and origin != self.settings.origin:
            raise PermissionDeniedException(_("This request came from another site, so it was refused."))
        if origin is None and _header(scope, b"sec-fetch-site") not in (None, "same-origin", "none"):
            raise PermissionDeniedException(_("This request came from another site, so it was refused."))
        sent = _header(scope, CSRF_HEADER.encode())
        if cookie is None or sent is None or not hmac.compare_digest(sent, cookie):
            raise PermissionDeniedException(
                _("The security token is missing or out of date. Reload the page and try again.")
            )

    def _new_token(self) -> str:
        nonce = secrets.token_hex(16)
        return f"{nonce}.{keyed_digest(self.settings.secret_key, 'csrf:' + nonce)}"

    def _valid(self, token: str) -> bool:
        nonce, _sep, signature = token.partition(".")
        if not nonce or len(token) > 200:
            return False
        return hmac.compare_digest(signature, keyed_digest(self.settings.secret_key, "csrf:" + nonce))

    def _cookie(self, token: str) -> Cookie:
        return Cookie(
            key=CSRF_COOKIE,
            value=token,
            path="/",
            secure=self.settings.is_https,
            httponly=False,  # the app's script reads it to echo it back
            samesite="lax",
        )


CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)


def options_allow_header(allow_by_path: dict[str, str]) -> Any:
    """A ``before_send`` hook giving ``OPTIONS`` answers the right ``Allow`` header.

    Litestar 2.25 builds a path's automatic OPTIONS handler from the first handler registered for it
    and does not update it when more methods join the same path (``/api/v1/me`` said ``GET`` only).
    """

    async def fix_allow(message: Message, scope: Scope) -> None:
        if message["type"] == "http.response.start" and scope.get("method") == "OPTIONS":
            allow = allow_by_path.get(str(scope.get("path_template", "")))
            if allow:
                MutableScopeHeaders.from_message(message)["allow"] = allow

    return fix_allow


def security_headers(settings: Settings) -> Any:
    """A ``before_send`` hook adding the security headers to every response, errors included."""
    fixed = [
        ("content-security-policy", CONTENT_SECURITY_POLICY),
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "no-referrer"),
        ("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
        ("cross-origin-opener-policy", "same-origin"),
        ("cross-origin-resource-policy", "same-origin"),
    ]
    if settings.is_https:
        fixed.append(("strict-transport-security", "max-age=31536000; includeSubDomains"))

    async def add_headers(message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start":
            return
        headers = MutableScopeHeaders.from_message(message)
        for name, value in fixed:
            headers[name] = value
        # Set by RequestContextMiddleware; a request that matched no route never reached it.
        headers["x-request-id"] = str(scope.get(REQUEST_ID_KEY) or uuid.uuid4().hex)
        path = scope.get("path", "")
        if path.startswith(("/api/", "/healthz", "/readyz")):
            # Personal data must not sit in a shared or browser cache.
            headers["cache-control"] = "no-store"

    return add_headers
