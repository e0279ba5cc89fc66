"""A loopback Web Push service for the tests: it checks what a real push service checks, and more.

Every request must carry a VAPID ``Authorization: vapid t=<JWT>, k=<key>`` (RFC 8292) whose ES256
signature verifies against the expected public key, with ``aud`` = this service's origin, ``exp`` in the
future and at most 24 hours ahead, and a ``sub``; and the headers of RFC 8030 and RFC 8291 (``TTL``,
``Urgency``, ``Topic``, ``Content-Encoding: aes128gcm``, ``Content-Type``). The body is decrypted with the
subscriber's private key by an implementation of RFC 8291/8188 written here from the RFCs (not the
library the app encrypts with), so a symmetric bug cannot hide.

Answers are 201 by default; per subscriber a script of answers (404, 410, 429 with ``Retry-After``,
500, slow…), a random share of 500s, or a delay for every answer can be set.

Run on its own (``python -m tests.notifications.push_service --port 0``) it serves a small JSON control
API under ``/_control/`` for the benchmarks and multi-process tests.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import hmac
import json
import random
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

URGENCIES = {"very-low", "low", "normal", "high"}
TOPIC_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
MAX_BODY = 4096  # RFC 8291 §4: push services must accept at least 4096 octets


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _hmac(key: bytes, message: bytes) -> bytes:
    return hmac.new(key, message, hashlib.sha256).digest()


def decrypt_aes128gcm(body: bytes, private_key: ec.EllipticCurvePrivateKey, auth_secret: bytes) -> bytes:
    """RFC 8291 §3.4 key derivation and an RFC 8188 single-record ``aes128gcm`` body, decrypted."""
    salt, record_size, id_length = body[:16], int.from_bytes(body[16:20], "big"), body[20]
    if id_length != 65:
        raise ValueError(f"keyid must be the 65-byte sender key, got {id_length} bytes")
    sender_key = body[21:86]
    ciphertext = body[86:]
    if len(ciphertext) > record_size or record_size < 18:
        raise ValueError("a push message is one record")
    receiver_key = private_key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    shared = private_key.exchange(
        ec.ECDH(), ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), sender_key)
    )
    # HKDF-SHA-256 written out: Extract is HMAC(salt, ikm); an Expand to <= 32 bytes is HMAC(prk, info||1).
    prk_key = _hmac(auth_secret, shared)
    ikm = _hmac(prk_key, b"WebPush: info\x00" + receiver_key + sender_key + b"\x01")
    prk = _hmac(salt, ikm)
    cek = _hmac(prk, b"Content-Encoding: aes128gcm\x00\x01")[:16]
    nonce = _hmac(prk, b"Content-Encoding: nonce\x00\x01")[:12]
    padded = AESGCM(cek).decrypt(nonce, ciphertext, None)
    content = padded.rstrip(b"\x00")
    if not content or content[-1] != 0x02:
        raise ValueError("the last record must end with the 0x02 delimiter")
    return content[:-1]


def verify_vapid(authorization: str, *, expected_key: str | None, audience: str) -> dict[str, Any]:
    """Check a ``vapid t=…, k=…`` header (RFC 8292 §3); return the JWT's claims or raise ``ValueError``."""
    scheme, _, params = authorization.partition(" ")
    if scheme.lower() != "vapid":
        raise ValueError("the Authorization scheme must be vapid")
    parts = dict(p.strip().split("=", 1) for p in params.split(",") if "=" in p)
    token, key = parts.get("t"), parts.get("k")
    if not token or not key:
        raise ValueError("vapid needs t= and k=")
    if expected_key is not None and key != expected_key:
        raise ValueError("the VAPID key is not the one the subscription was made with")
    header_b64, claims_b64, signature_b64 = token.split(".")
    header = json.loads(unb64(header_b64))
    if header.get("alg") != "ES256" or header.get("typ") != "JWT":
        raise ValueError(f"bad JWT header {header}")
    signature = unb64(signature_b64)
    if len(signature) != 64:
        raise ValueError("an ES256 signature is 64 bytes")
    public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64(key))
    der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
    try:
        public.verify(der, f"{header_b64}.{claims_b64}".encode(), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise ValueError("the JWT signature does not verify") from None
    claims: dict[str, Any] = json.loads(unb64(claims_b64))
    check_claims(claims, audience=audience)
    return claims


def check_claims(claims: dict[str, Any], *, audience: str) -> None:
    """``aud`` is this origin, ``exp`` is in the future and at most 24 hours ahead, ``sub`` is a contact."""
    if claims.get("aud") != audience:
        raise ValueError(f"aud {claims.get('aud')!r} is not {audience!r}")
    exp = claims.get("exp")
    now = time.time()
    if not isinstance(exp, int) or exp <= now or exp > now + 24 * 3600:
        raise ValueError(f"exp {exp!r} must be within the next 24 hours")
    sub = claims.get("sub", "")
    if not (isinstance(sub, str) and (sub.startswith("mailto:") or sub.startswith("https://"))):
        raise ValueError("sub must be a mailto: or https: contact")


@dataclass
class Subscriber:
    """A browser's side of a subscription: its private key and auth secret, and its endpoint."""

    token: str
    endpoint: str
    private_key: ec.EllipticCurvePrivateKey
    auth: bytes

    @property
    def p256dh(self) -> str:
        return b64(
            self.private_key.public_key().public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
            )
        )

    def to_json(self) -> dict[str, Any]:
        """What ``PushSubscription.toJSON()`` gives the app."""
        return {
            "endpoint": self.endpoint,
            "expirationTime": None,
            "keys": {"p256dh": self.p256dh, "auth": b64(self.auth)},
        }


@dataclass(frozen=True)
class Answer:
    """One scripted answer."""

    status: int = 201
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Received:
    """A push the service accepted (2xx)."""

    token: str
    at: float
    headers: dict[str, str]
    claims: dict[str, Any]
    payload: dict[str, Any] | None

    @property
    def topic(self) -> str | None:
        return self.headers.get("topic")


@dataclass
class Attempt:
    """Every request, whatever was answered."""

    token: str
    status: int
    problem: str | None = None


class LoopbackPushService:
    """An aiohttp push service on 127.0.0.1 with checks, scripted answers and a record of what came."""

    def __init__(
        self,
        *,
        vapid_public_key: str | None = None,
        decrypt_every: int = 1,
        failure_ratio: float = 0.0,
        max_failures_in_a_row: int = 3,
        seed: int = 8030,
    ) -> None:
        self.vapid_public_key = vapid_public_key
        self.decrypt_every = decrypt_every
        self.failure_ratio = failure_ratio
        self.max_failures_in_a_row = max_failures_in_a_row
        self.delay = 0.0
        self.subscribers: dict[str, Subscriber] = {}
        self.scripts: dict[str, list[Answer]] = {}
        self.received: list[Received] = []
        self.attempts: list[Attempt] = []
        self.tokens_verified: set[str] = set()
        self.arrived = asyncio.Event()  # set when a request reaches the service, answered or not yet
        self.arrivals = 0
        self._verified: dict[str, dict[str, Any]] = {}
        self._failures: dict[str, int] = {}
        self._random = random.Random(seed)
        self._runner: web.AppRunner | None = None
        self.port = 0

    # --- lifecycle ---------------------------------------------------------------------------------

    def app(self) -> web.Application:
        application = web.Application(client_max_size=64 * 1024)
        application.router.add_post("/push/{token}", self._push)
        application.router.add_get("/_control/stats", self._stats)
        application.router.add_get("/_control/received", self._received)
        application.router.add_post("/_control/subscribers", self._new_subscribers)
        application.router.add_post("/_control/settings", self._settings)
        return application

    async def start(self, port: int = 0) -> LoopbackPushService:
        self._runner = web.AppRunner(self.app(), access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", port).start()
        self.port = int(self._runner.addresses[0][1])
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # --- arranging ---------------------------------------------------------------------------------

    def subscriber(self) -> Subscriber:
        """A new browser subscription on this service."""
        token = secrets.token_urlsafe(24)
        subscriber = Subscriber(
            token=token,
            endpoint=f"{self.origin}/push/{token}",
            private_key=ec.generate_private_key(ec.SECP256R1()),
            auth=secrets.token_bytes(16),
        )
        self.subscribers[token] = subscriber
        return subscriber

    def script(self, subscriber: Subscriber, *answers: Answer | int) -> None:
        """The next answers to pushes for ``subscriber``, in order; after them, 201."""
        self.scripts.setdefault(subscriber.token, []).extend(
            a if isinstance(a, Answer) else Answer(a) for a in answers
        )

    def received_by(self, subscriber: Subscriber) -> list[Received]:
        return [r for r in self.received if r.token == subscriber.token]

    def problems(self) -> list[str]:
        return [a.problem for a in self.attempts if a.problem]

    # --- the push endpoint -------------------------------------------------------------------------

    async def _push(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        self.arrived.set()
        self.arrivals += 1
        subscriber = self.subscribers.get(token)
        if subscriber is None:
            self.attempts.append(Attempt(token, 404))
            return web.Response(status=404)
        body = await request.read()
        headers = {k.lower(): v for k, v in request.headers.items()}
        try:
            claims = self._check(headers, body)
        except ValueError as exc:
            status = 413 if "too large" in str(exc) else 400 if "header" in str(exc) else 403
            self.attempts.append(Attempt(token, status, str(exc)))
            return web.Response(status=status, text=str(exc))
        answer = self._answer(token, headers.get("topic") or token)
        if answer.delay:
            await asyncio.sleep(answer.delay)
        if 200 <= answer.status < 300:
            payload = None
            if self.decrypt_every and len(self.received) % self.decrypt_every == 0:
                try:
                    payload = json.loads(decrypt_aes128gcm(body, subscriber.private_key, subscriber.auth))
                except Exception as exc:
                    self.attempts.append(Attempt(token, 400, f"decryption failed: {exc!r}"))
                    return web.Response(status=400, text="cannot decrypt")
            self.received.append(Received(token, time.time(), headers, claims, payload))
        self.attempts.append(Attempt(token, answer.status))
        return web.Response(status=answer.status, headers=answer.headers)

    def _check(self, headers: dict[str, str], body: bytes) -> dict[str, Any]:
        authorization = headers.get("authorization", "")
        claims = self._verified.get(authorization)
        if claims is None:
            claims = verify_vapid(authorization, expected_key=self.vapid_public_key, audience=self.origin)
            self._verified[authorization] = claims
            self.tokens_verified.add(authorization)
        else:
            check_claims(claims, audience=self.origin)
        if not headers.get("ttl", "").isdigit():
            raise ValueError("header TTL must be a whole number of seconds")
        if headers.get("content-encoding") != "aes128gcm":
            raise ValueError("header Content-Encoding must be aes128gcm")
        if headers.get("content-type") != "application/octet-stream":
            raise ValueError("header Content-Type must be application/octet-stream")
        if headers.get("urgency", "normal") not in URGENCIES:
            raise ValueError("header Urgency is not an RFC 8030 urgency")
        topic = headers.get("topic")
        if topic is not None and (len(topic) > 32 or not set(topic) <= TOPIC_CHARS):
            raise ValueError("header Topic must be at most 32 URL-safe base64 characters")
        if len(body) > MAX_BODY:
            raise ValueError("payload too large")
        return claims

    def _answer(self, token: str, message: str) -> Answer:
        script = self.scripts.get(token)
        if script:
            return script.pop(0)
        # Random failures, but never more than ``max_failures_in_a_row`` for one message (by its Topic).
        failing = self._failures.get(message, 0)
        if failing < self.max_failures_in_a_row and self._random.random() < self.failure_ratio:
            self._failures[message] = failing + 1
            return Answer(500)
        self._failures.pop(message, None)
        return Answer(201, delay=self.delay)

    # --- control API (for a push service in another process) ---------------------------------------

    async def _stats(self, _: web.Request) -> web.Response:
        statuses: dict[str, int] = {}
        for attempt in self.attempts:
            statuses[str(attempt.status)] = statuses.get(str(attempt.status), 0) + 1
        return web.json_response(
            {
                "received": len(self.received),
                "attempts": len(self.attempts),
                "statuses": statuses,
                "problems": self.problems()[:20],
                "tokens_verified": len(self.tokens_verified),
                "decrypted": sum(1 for r in self.received if r.payload is not None),
            }
        )

    async def _received(self, _: web.Request) -> web.Response:
        return web.json_response(
            [{"token": r.token, "topic": r.topic, "at": r.at, "payload": r.payload} for r in self.received]
        )

    async def _new_subscribers(self, request: web.Request) -> web.Response:
        count = int(request.query.get("count", "1"))
        return web.json_response([self.subscriber().to_json() for _ in range(count)])

    async def _settings(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.failure_ratio = float(body.get("failure_ratio", self.failure_ratio))
        self.delay = float(body.get("delay", self.delay))
        return web.json_response({"failure_ratio": self.failure_ratio, "delay": self.delay})


def main() -> None:
    parser = argparse.ArgumentParser(description="carerlink's loopback push service")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--vapid-public-key")
    parser.add_argument("--decrypt-every", type=int, default=1)
    parser.add_argument("--failure-ratio", type=float, default=0.0)
    args = parser.parse_args()

    async def serve() -> None:
        service = LoopbackPushService(
            vapid_public_key=args.vapid_public_key,
            decrypt_every=args.decrypt_every,
            failure_ratio=args.failure_ratio,
        )
        await service.start(args.port)
        print(json.dumps({"port": service.port}), flush=True)
        await asyncio.Event().wait()

    try:
        import uvloop

        uvloop.run(serve())
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
