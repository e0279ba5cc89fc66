"""Password hashing (argon2id, OWASP parameters) behind a small concurrency limit, and password rules."""

from __future__ import annotations

import asyncio
import weakref
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from carerlink.errors import Invalid
from carerlink.i18n import _

MIN_LENGTH = 8
MAX_LENGTH = 256
# OWASP Password Storage Cheat Sheet: argon2id, 19 MiB memory, 2 iterations, 1 lane.
OWASP_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# The hasher in use: OWASP_HASHER, unless a test suite swaps in cheap parameters with ``use_hasher``.
HASHER = OWASP_HASHER
# Hashing is deliberately slow and memory-hungry: at most this many at once per process, so a burst
# of sign-ins queues instead of exhausting memory or starving the event loop's thread pool.
CONCURRENT_HASHES = 2

_limits: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = weakref.WeakKeyDictionary()


def _limit() -> asyncio.Semaphore:
    loop = asyncio.get_running_loop()
    semaphore = _limits.get(loop)
    if semaphore is None:
        semaphore = _limits[loop] = asyncio.Semaphore(CONCURRENT_HASHES)
    return semaphore


async def hash_password(password: str) -> str:
    """Return the argon2id hash of a password."""
    async with _limit():
        return await asyncio.to_thread(HASHER.hash, password)


async def verify_password(stored_hash: str | None, password: str) -> bool:
    """Check a password against a stored hash; with no hash, spend the same time and say no."""
    target = stored_hash or _dummy_hash()
    ok: bool
    async with _limit():
        try:
            ok = await asyncio.to_thread(HASHER.verify, target, password)
        except (VerificationError, InvalidHashError):
            ok = False
    return ok and stored_hash is not None


def needs_rehash(stored_hash: str) -> bool:
    """Whether a hash was made with weaker parameters than today's."""
    return HASHER.check_needs_rehash(stored_hash)


def use_hasher(hasher: PasswordHasher) -> PasswordHasher:
    """Tests only: hash and verify with ``hasher`` from now on; returns the one it replaces.

    The test suite signs people in hundreds of times, a fifth of a second each with OWASP_HASHER, so
    it uses cheap parameters; a test checks that a process which never calls this hashes with OWASP's.
    """
    global HASHER
    previous, HASHER = HASHER, hasher
    _dummy_hash.cache_clear()  # the dummy must cost what a real verification costs
    return previous


@cache
def _dummy_hash() -> str:
    return HASHER.hash("carerlink: no such account, but take the same time")


@cache
def _common_passwords() -> frozenset[str]:
    # zxcvbn ships a 30,000-entry list of the passwords most often seen in breaches.
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(word for word in FREQUENCY_LISTS["passwords"] if len(word) >= MIN_LENGTH)


def check_new_password(password: str, *, field: str, email: str | None = None) -> None:
    """Refuse a new password that is too short, too long, or among the common ones."""
    if len(password) < MIN_LENGTH:
        raise Invalid(_("Use at least {min_length} characters.").format(min_length=MIN_LENGTH), field=field)
    if len(password) > MAX_LENGTH:
        raise Invalid(_("Use at most {max_length} characters.").format(max_length=MAX_LENGTH), field=field)
    lowered = password.casefold()
    if lowered in _common_passwords() or (email and lowered == email.casefold()):
        raise Invalid(
            _(
                "That password is too easy to guess: it is on a list of common passwords. Try a phrase "
                "of three or four words."
            ),
            field=field,
        )
