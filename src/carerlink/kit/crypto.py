"""Tokens and digests: random secrets people hold, and the hashes the database keeps instead."""

from __future__ import annotations

import hashlib
import hmac
import secrets

# Crockford-style alphabet without look-alikes (no I, L, O, U, 0, 1) for codes read aloud or typed.
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_token() -> str:
    """Return an opaque 256-bit random token, URL-safe."""
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> bytes:
    """Return the SHA-256 digest stored in place of a token (tokens are high-entropy, so no salt)."""
    return hashlib.sha256(token.encode("utf-8")).digest()


def new_human_code(length: int = 8) -> str:
    """Return a short code for typing in person, grouped as ``XXXX-XXXX``."""
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(length))
    return f"{raw[: length // 2]}-{raw[length // 2 :]}"


def normalise_human_code(code: str) -> str:
    """Return a code in its canonical form: upper case, no separators or spaces."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def keyed_digest(secret: str, message: str) -> str:
    """Return a hex HMAC-SHA256 of a message (signing CSRF tokens, hashing rate-limit keys)."""
    return hmac.new(secret.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()
