"""An organisation's screened and encoded buddies, kept between requests while they are still true.

Loading and screening every buddy of an organisation and encoding them for the engine costs seconds
at 20,000 buddies; scoring one carer against them costs milliseconds. So each process keeps the
result per organisation, with the organisation's buddy-pool revision and the date it was read on
(screening depends on the date: checks and training run out, pauses end). A request reads the revision first
(one small query) and reuses the pool only when both still match; any committed change to the pool
gives the organisation a new revision (profiles/pool_revision.py), so a cached pool is never older
than the last commit the request can see. The revision is read *before* the pool is loaded, so a
change committed in between costs a rebuild on the next request rather than a stale answer.

Writes never use this: proposing a match re-reads and re-checks the buddy, and taking a place is a
guarded update.
"""

from __future__ import annotations

import asyncio
import uuid
import weakref
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.matching.vectors import BuddyArrays
from carerlink.organisations.models import Organisation
from carerlink.profiles import service as profiles

SIZE = 8  # organisations kept per process (least recently used goes first)


@dataclass(frozen=True, slots=True)
class CachedPool:
    """One organisation's matchable-or-not buddies, screened on ``today``, and their encoding."""

    revision: int
    today: date
    screened: dict[uuid.UUID, profiles.BuddyScreening]
    arrays: BuddyArrays


Loader = Callable[[], Awaitable[tuple[list[profiles.BuddyScreening], BuddyArrays]]]


class PoolCache:
    """Pools by organisation for one database, least recently used evicted beyond ``size``."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self.builds = 0  # how many times a pool was loaded (the tests read it)
        self._entries: OrderedDict[uuid.UUID, CachedPool] = OrderedDict()
        self._locks: weakref.WeakValueDictionary[uuid.UUID, asyncio.Lock] = weakref.WeakValueDictionary()

    def _fresh(self, organisation_id: uuid.UUID, revision: int, today: date) -> CachedPool | None:
        entry = self._entries.get(organisation_id)
        if entry is None or entry.revision != revision or entry.today != today:
            return None
        self._entries.move_to_end(organisation_id)
        return entry

    async def get(
        self, session: AsyncSession, organisation: Organisation, now: datetime, load: Loader
    ) -> CachedPool:
        """The organisation's pool as of this request: the kept one if still true, else ``load()``."""
        revision = await session.scalar(
            select(Organisation.buddy_pool_revision).where(Organisation.id == organisation.id)
        )
        today = profiles.organisation_today(organisation, now)
        entry = self._fresh(organisation.id, int(revision or 0), today)
        if entry is not None:
            return entry
        lock = self._locks.get(organisation.id)
        if lock is None:
            lock = self._locks[organisation.id] = asyncio.Lock()
        async with lock:  # one load per organisation at a time; the others wait and reuse it
            entry = self._fresh(organisation.id, int(revision or 0), today)
            if entry is not None:
                return entry
            screened, arrays = await load()
            self.builds += 1
            entry = CachedPool(
                revision=int(revision or 0),
                today=today,
                screened={s.membership.id: s for s in screened},
                arrays=arrays,
            )
            self._entries[organisation.id] = entry
            self._entries.move_to_end(organisation.id)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
            return entry


_caches: weakref.WeakKeyDictionary[Engine, PoolCache] = weakref.WeakKeyDictionary()


def cache_for(session: AsyncSession) -> PoolCache:
    """This database's cache (one per engine: tests run many databases in one process)."""
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    cache = _caches.get(engine)
    if cache is None:
        cache = _caches[engine] = PoolCache()
    return cache
