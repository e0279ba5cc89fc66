"""Kept writes: what must outlive a rollback (a counted attempt, an audited refusal) is written once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from carerlink.accounts import ratelimits
from carerlink.accounts.models import RateLimitWindow
from carerlink.db import Database
from carerlink.errors import Invalid, RateLimited
from tests.support import START

LIMIT = ratelimits.Limit("test:kept", 3, timedelta(minutes=15))


async def _wrong_guess(db: Database, *, minutes: int = 0) -> None:
    """One attempt, counted, in a transaction that then fails (a wrong password answered 422)."""
    async with db.session_scope() as session:
        await ratelimits.consume(session, LIMIT, "someone", now=START + timedelta(minutes=minutes))
        raise Invalid("wrong guess")


async def _fail_plainly(db: Database) -> None:
    async with db.session_scope():
        raise Invalid("unrelated")


async def _hits(db: Database) -> int:
    async with db.session_scope() as session:
        return int(await session.scalar(select(func.coalesce(func.sum(RateLimitWindow.hits), 0))) or 0)


async def test_an_attempt_counted_in_a_transaction_that_is_rolled_back_still_counts(db: Database) -> None:
    for _ in range(2):
        with pytest.raises(Invalid):
            await _wrong_guess(db)
    assert await _hits(db) == 2


async def test_a_committed_attempt_is_counted_once_not_again(db: Database) -> None:
    async with db.session_scope() as session:
        await ratelimits.consume(session, LIMIT, "someone", now=START)
    with pytest.raises(Invalid):  # a later failure in a new session replays nothing of the old one
        await _fail_plainly(db)
    assert await _hits(db) == 1


async def test_the_limit_holds_across_rolled_back_attempts(db: Database) -> None:
    for _ in range(3):
        with pytest.raises(Invalid):
            await _wrong_guess(db)
    with pytest.raises(RateLimited):
        await _wrong_guess(db, minutes=1)
