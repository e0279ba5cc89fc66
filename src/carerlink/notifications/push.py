"""The push adapter, the one module that imports pywebpush: send one payload to one device, say what happened.

One shared aiohttp session per process (kept in ``runtime.resources``, closed with the runtime), a
semaphore bounding concurrent requests, an explicit timeout, the VAPID header cached per push-service
origin, and the RFC 8030 headers every request carries: ``TTL``, ``Urgency``, ``Topic``, plus
``Content-Encoding: aes128gcm`` (RFC 8291, set by pywebpush) and ``Content-Type: application/octet-stream``.
"""

from __future__ import annotations

import asyncio
import enum
import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from pywebpush import WebPusher, WebPushException

from carerlink.kit.clock import Clock
from carerlink.notifications.vapid import VapidSigner, key_for
from carerlink.runtime import Runtime

RESOURCE = "notifications.push_client"
# A 429 without Retry-After waits this long; a Retry-After is believed up to the ceiling.
DEFAULT_RETRY_AFTER = timedelta(seconds=60)
MAX_RETRY_AFTER = timedelta(hours=6)
# Where browsers' push services live (DESIGN.md §4.6: user-supplied URLs, so anything else is refused).
KNOWN_PUSH_HOSTS = ("fcm.googleapis.com",)
KNOWN_PUSH_DOMAINS = (".push.services.mozilla.com", ".push.apple.com", ".notify.windows.com")


class Outcome(enum.StrEnum):
    """What one push attempt came to."""

    SENT = "sent"  # 2xx: the push service has it
    GONE = "gone"  # 404/410: the subscription has ended; delete it
    RETRY = "retry"  # 5xx, 408, timeout or network error: try again later
    RATE_LIMITED = "rate_limited"  # 429: back off this push service per Retry-After
    REJECTED = "rejected"  # 413 and other 4xx: will not get better by retrying
    DEFERRED = "deferred"  # not attempted: the push service asked us to wait


@dataclass(frozen=True, slots=True)
class PushTarget:
    """One encrypted push to make: where, with which keys, what, and the RFC 8030 headers."""

    endpoint: str
    p256dh: str
    auth: str
    payload: bytes
    ttl: int
    urgency: str
    topic: str


@dataclass(frozen=True, slots=True)
class PushResult:
    """The outcome, the HTTP status (when there was an answer) and when to try again (if at all)."""

    outcome: Outcome
    status: int | None = None
    retry_after: timedelta | None = None
    error: str | None = None


def origin_of(endpoint: str) -> str:
    """``scheme://host[:port]`` of an endpoint: the VAPID ``aud`` and the unit of back-off."""
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}".lower()


def endpoint_problem(endpoint: str, *, allow_any: bool) -> str | None:
    """Why an endpoint is refused, or ``None`` when it is acceptable.

    By default only https on the browsers' push services, on the default port, with no credentials.
    ``allow_any`` (tests, private deployments) also accepts http and any host, loopback included.
    """
    try:
        parts = urlsplit(endpoint)
        port = parts.port
    except ValueError:
        return "The endpoint is not a valid URL."
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("https", "http") or not host:
        return "The endpoint must be an https URL."
    if parts.username is not None or parts.password is not None or parts.fragment:
        return "The endpoint must not contain credentials or a fragment."
    if allow_any:
        return None
    if parts.scheme != "https" or port not in (None, 443):
        return "The endpoint must be an https URL on the standard port."
    if _is_ip(host) or not (host in KNOWN_PUSH_HOSTS or host.endswith(KNOWN_PUSH_DOMAINS)):
        return "The endpoint is not on a push service we know (Google, Mozilla, Apple or Microsoft)."
    return None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def parse_retry_after(value: str | None, *, now: datetime) -> timedelta | None:
    """``Retry-After`` as seconds or an HTTP date (RFC 9110 §10.2.3), clamped to one second … six hours."""
    if not value:
        return None
    value = value.strip()
    delay: timedelta | None = None
    if value.isdigit():
        delay = timedelta(seconds=int(value))
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            return None
        delay = when - now
    return min(max(delay, timedelta(seconds=1)), MAX_RETRY_AFTER)


def classify(status: int, retry_after: str | None, *, now: datetime) -> PushResult:
    """Turn a push service's answer into an outcome (RFC 8030 §5, and what FCM, Mozilla and Apple send)."""
    if 200 <= status < 300:
        return PushResult(Outcome.SENT, status)
    if status in (404, 410):
        return PushResult(Outcome.GONE, status)
    if status == 429:
        delay = parse_retry_after(retry_after, now=now) or DEFAULT_RETRY_AFTER
        return PushResult(Outcome.RATE_LIMITED, status, retry_after=delay, error="rate-limited")
    if status >= 500 or status == 408:
        return PushResult(
            Outcome.RETRY, status, retry_after=parse_retry_after(retry_after, now=now), error=f"http-{status}"
        )
    # 413 (payload too large), 400, 401/403 (e.g. a VAPID key that does not match the subscription)
    # and anything else: retrying the same request gets the same answer.
    return PushResult(Outcome.REJECTED, status, error=f"http-{status}")


class _NoRedirects:
    """The session as pywebpush sees it: ``post`` never follows a redirect (endpoints are user-supplied)."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    def post(self, url: str, **kwargs: Any) -> Any:
        return self._session.post(url, allow_redirects=False, **kwargs)


class PushClient:
    """Sends pushes over one aiohttp session with bounded concurrency; remembers push services' back-offs."""

    def __init__(
        self,
        *,
        session: aiohttp.ClientSession,
        signer: VapidSigner,
        clock: Clock,
        concurrency: int,
        timeout: float,
        allow_any_endpoint: bool,
    ) -> None:
        self.session = session
        self.signer = signer
        self.clock = clock
        self.allow_any_endpoint = allow_any_endpoint
        self.concurrency = concurrency
        self._poster = _NoRedirects(session)
        self._semaphore = asyncio.Semaphore(concurrency)
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._backoff: dict[str, datetime] = {}
        self._origins: dict[str, bool] = {}

    def back_off(self, origin: str, until: datetime) -> None:
        """Send nothing more to ``origin`` before ``until`` (a 429 here or in another worker)."""
        if until > self._backoff.get(origin, until - timedelta(seconds=1)):
            self._backoff[origin] = until

    def backed_off_until(self, origin: str) -> datetime | None:
        """When ``origin`` may be tried again, if it asked us to wait."""
        until = self._backoff.get(origin)
        if until is not None and until <= self.clock.now():
            del self._backoff[origin]
            return None
        return until

    def _allowed(self, origin: str) -> bool:
        """Endpoints were checked when subscribed; checked again per push service in case settings changed."""
        allowed = self._origins.get(origin)
        if allowed is None:
            allowed = self._origins[origin] = (
                endpoint_problem(origin + "/", allow_any=self.allow_any_endpoint) is None
            )
        return allowed

    async def send(self, target: PushTarget) -> PushResult:
        """Encrypt and send one push (``WebPusher.send_async``) and classify the answer."""
        origin = origin_of(target.endpoint)
        if not self._allowed(origin):
            return PushResult(Outcome.REJECTED, error="endpoint-not-allowed")
        async with self._semaphore:
            # Checked after waiting for a slot: a 429 may have arrived while this push waited.
            if (until := self.backed_off_until(origin)) is not None:
                return PushResult(Outcome.DEFERRED, retry_after=until - self.clock.now(), error="backed-off")
            headers = {
                "Urgency": target.urgency,
                "Topic": target.topic,
                "Content-Type": "application/octet-stream",
                **self.signer.headers(origin),
            }
            keys = {"p256dh": target.p256dh, "auth": target.auth}
            try:
                pusher = WebPusher({"endpoint": target.endpoint, "keys": keys}, aiohttp_session=self._poster)
                response = await pusher.send_async(
                    data=target.payload,
                    headers=headers,
                    ttl=target.ttl,
                    content_encoding="aes128gcm",
                    timeout=self._timeout,
                )
            except TimeoutError:
                return PushResult(Outcome.RETRY, error="timeout")
            except (aiohttp.ClientError, OSError) as exc:
                return PushResult(Outcome.RETRY, error=_error_code(exc))
            except (WebPushException, ValueError, TypeError):
                # Keys that cannot be used for encryption: this subscription can never work.
                return PushResult(Outcome.GONE, error="invalid-keys")
        result = classify(response.status, response.headers.get("Retry-After"), now=self.clock.now())
        if result.outcome is Outcome.RATE_LIMITED and result.retry_after is not None:
            self.back_off(origin, self.clock.now() + result.retry_after)
        return result

    async def close(self) -> None:
        """Close the session and its connections."""
        await self.session.close()


def _error_code(exc: BaseException) -> str:
    name = type(exc).__name__
    return "network-" + "".join("-" + c.lower() if c.isupper() else c for c in name).strip("-")[:28]


def client_for(runtime: Runtime) -> PushClient:
    """The process's push client, made on first use (inside the running event loop) and closed with it."""
    client = runtime.resources.get(RESOURCE)
    if client is None:
        settings = runtime.settings
        connector = aiohttp.TCPConnector(
            limit=settings.push_concurrency, limit_per_host=settings.push_concurrency, ttl_dns_cache=300
        )
        session = aiohttp.ClientSession(
            connector=connector,
            cookie_jar=aiohttp.DummyCookieJar(),
            auto_decompress=False,
            headers={"User-Agent": "carerlink"},
        )
        client = PushClient(
            session=session,
            signer=VapidSigner(key_for(runtime), settings.vapid_contact),
            clock=runtime.clock,
            concurrency=settings.push_concurrency,
            timeout=float(settings.push_timeout_seconds),
            allow_any_endpoint=settings.push_allow_any_endpoint,
        )
        runtime.resources[RESOURCE] = client
        runtime.closers.append(client.close)
    assert isinstance(client, PushClient)
    return client


def ttl_seconds(expires_at: datetime, now: datetime) -> int:
    """The ``TTL`` header: how long the push service should keep trying (until the reminder is stale)."""
    return max(0, math.floor((expires_at - now).total_seconds()))
