"""The VAPID key (RFC 8292) that identifies carerlink to push services, and the signed headers it makes.

Production reads the key from ``CARERLINK_VAPID_PRIVATE_KEY`` or ``CARERLINK_VAPID_PRIVATE_KEY_FILE``;
the embedded default generates one into the data directory (mode 0600) on first run. Browsers bind a
subscription to the public key, so changing the key silently ends every subscription: keep it safe.
"""

from __future__ import annotations

import base64
import os
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid02

from carerlink.kit.files import private_directory
from carerlink.runtime import Runtime
from carerlink.settings import Settings, SettingsError

KEY_FILE_NAME = "vapid_private_key.pem"
# RFC 8292 §2: a token may live up to 24 hours; carerlink signs for 12 and renews an hour before the end.
TOKEN_LIFETIME = 12 * 3600
RENEW_BEFORE = 3600
RESOURCE = "notifications.vapid"
_CONTACT = re.compile(r"^(mailto:[^@\s]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}|https://[A-Za-z0-9.-]+\.[A-Za-z]{2,})$")


def b64url(raw: bytes) -> str:
    """URL-safe base64 without padding (how browsers and push services spell keys)."""
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def b64url_decode(text: str) -> bytes:
    """Decode URL-safe base64 with or without padding; raises ``ValueError`` on anything else."""
    cleaned = text.strip().rstrip("=")
    if not cleaned or any(not (ch.isalnum() or ch in "-_") for ch in cleaned) or len(cleaned) % 4 == 1:
        raise ValueError("not URL-safe base64")
    return base64.urlsafe_b64decode(cleaned + "=" * (-len(cleaned) % 4))


@dataclass(frozen=True)
class VapidKey:
    """A P-256 key pair."""

    private_key: ec.EllipticCurvePrivateKey

    @property
    def public_key(self) -> str:
        """The browser's ``applicationServerKey``: the uncompressed public point, URL-safe base64."""
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return b64url(point)

    @property
    def private_key_text(self) -> str:
        """The private scalar (32 bytes), URL-safe base64: the form ``CARERLINK_VAPID_PRIVATE_KEY`` takes."""
        scalar = self.private_key.private_numbers().private_value
        return b64url(scalar.to_bytes(32, "big"))

    def pem(self) -> bytes:
        """The private key as PKCS#8 PEM."""
        return self.private_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )


def generate() -> VapidKey:
    """A new random key pair."""
    return VapidKey(ec.generate_private_key(ec.SECP256R1()))


def parse(text: str) -> VapidKey:
    """Read a private key given as PEM, as the raw 32-byte scalar or as DER, both URL-safe base64."""
    text = text.strip()
    try:
        if text.startswith("-----BEGIN"):
            loaded = serialization.load_pem_private_key(text.encode(), password=None)
        else:
            raw = b64url_decode(text.replace("\n", ""))
            if len(raw) == 32:
                loaded = ec.derive_private_key(int.from_bytes(raw, "big"), ec.SECP256R1())
            else:
                loaded = serialization.load_der_private_key(raw, password=None)
    except (ValueError, TypeError) as exc:
        raise SettingsError(f"the VAPID private key could not be read ({type(exc).__name__})") from None
    if not isinstance(loaded, ec.EllipticCurvePrivateKey) or not isinstance(loaded.curve, ec.SECP256R1):
        raise SettingsError("the VAPID private key must be a P-256 (prime256v1) elliptic-curve key")
    return VapidKey(loaded)


def load(settings: Settings) -> VapidKey:
    """The configured key; outside production, one generated into the data directory on first use."""
    if settings.vapid_private_key:
        return parse(settings.vapid_private_key)
    if settings.vapid_private_key_file is not None:
        try:
            return parse(settings.vapid_private_key_file.read_text())
        except OSError as exc:
            raise SettingsError(
                f"CARERLINK_VAPID_PRIVATE_KEY_FILE cannot be read ({type(exc).__name__})"
            ) from None
    if settings.env == "production":
        raise SettingsError(
            "CARERLINK_VAPID_PRIVATE_KEY or CARERLINK_VAPID_PRIVATE_KEY_FILE must be set in production "
            "(run `carerlink vapid-keys` once and keep the key: changing it ends every push subscription)"
        )
    return parse(_generated_key_file(settings.data_dir).read_text())


def _generated_key_file(data_dir: Path) -> Path:
    """Create the key file once, atomically: several processes may start at the same moment."""
    path = data_dir / KEY_FILE_NAME
    if path.exists():
        return path
    private_directory(data_dir)
    scratch = data_dir / f".{KEY_FILE_NAME}.{secrets.token_hex(8)}.tmp"
    fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(generate().pem())
    try:
        os.link(scratch, path)  # fails if another process got there first: then theirs is the key
    except FileExistsError:
        pass
    finally:
        scratch.unlink(missing_ok=True)
    return path


@dataclass
class VapidSigner:
    """Signs the ``Authorization: vapid t=…, k=…`` header once per push-service origin and reuses it.

    Push services verify one ES256 signature per token, so a reused token is cheaper for both sides.
    ``wall`` is real Unix time: push services check ``exp`` against their own clocks.
    """

    key: VapidKey
    contact: str
    wall: Callable[[], float] = time.time
    _cache: dict[str, tuple[float, dict[str, str]]] = field(default_factory=dict)
    signed: int = 0

    def __post_init__(self) -> None:
        if not _CONTACT.match(self.contact):
            raise SettingsError("CARERLINK_VAPID_CONTACT must be a mailto: address or an https:// URL")
        self._vapid = Vapid02(self.key.private_key)

    def headers(self, origin: str) -> dict[str, str]:
        """The VAPID header for ``origin`` (scheme://host[:port] of the endpoint)."""
        now = self.wall()
        cached = self._cache.get(origin)
        if cached is not None and cached[0] - now > RENEW_BEFORE:
            return cached[1]
        expires = int(now) + TOKEN_LIFETIME
        claims: dict[str, Any] = {"aud": origin, "exp": expires, "sub": self.contact}
        headers: dict[str, str] = dict(self._vapid.sign(claims))
        self._cache[origin] = (float(expires), headers)
        self.signed += 1
        return headers


def key_for(runtime: Runtime) -> VapidKey:
    """The process's VAPID key, loaded once."""
    key = runtime.resources.get(RESOURCE)
    if key is None:
        key = load(runtime.settings)
        runtime.resources[RESOURCE] = key
    assert isinstance(key, VapidKey)
    return key
