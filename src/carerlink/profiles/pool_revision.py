"""Each organisation's buddy-pool revision: a new stamp in the same commit as any change to its pool.

Suggestions keep an organisation's screened and encoded buddies in memory (matching/pool_cache.py)
and trust them only while ``organisations.buddy_pool_revision`` is what it was when they were read.
So the stamp must change with everything screening and matching read about buddies: their
memberships, names and accounts, profiles (places, pause, capacity), training courses and records,
safeguarding checks, decisions, and the organisation's own settings.

No service has to remember to do this. ``track`` puts listeners on the sessions of one session
factory, the runtime's (``Runtime.create``: the web app, the worker and the CLI, and the tests through
them); importing this module does nothing. They note which organisations a transaction touched
(objects flushed, and ``insert``/``update``/``delete`` statements on those tables), and just before
it commits one ``UPDATE`` gives each of them a new random stamp. It is the transaction's last
statement, so it never holds the organisation's row while waiting for another lock.

Every write is traced to its organisations, never guessed: an object by its own columns, an
``insert`` by its rows' ``organisation_id`` or ``membership_id``. An ``update`` or ``delete`` statement
names its owner with the execution option ``buddy_pool_owner=("organisation" | "membership", id)``
(what ``take_place`` does); one that does not is refused with ``UntracedWrite`` before it runs, so a
new bulk write fails its first test instead of leaving a cached pool stale.

A random stamp rather than a counter: an organisation deleted and created again with the same id (the
demo data, tests) can never come back to a stamp a cache has seen.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from typing import Any

from sqlalchemy import event, inspect, select, update
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlalchemy.orm import ORMExecuteState, Session

from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.organisations.models import Membership, Organisation, new_pool_stamp
from carerlink.profiles.models import (
    BuddyDecision,
    BuddyProfile,
    SafeguardingCheck,
    TrainingCourse,
    TrainingRecord,
)

Owner = tuple[str, Any]  # ("organisation" | "membership" | "user", id)

_OWNERS = "carerlink.buddy_pool_owners"
_BY_ORGANISATION = (BuddyProfile, TrainingCourse)
_BY_MEMBERSHIP = (TrainingRecord, SafeguardingCheck, BuddyDecision)
_STATEMENT_TABLES = {m.__tablename__ for m in (*_BY_ORGANISATION, *_BY_MEMBERSHIP, Membership)}
_USER_FIELDS = ("display_name", "is_active")
_ORGANISATION_FIELDS = ("settings", "time_zone")
_CHUNK = 500


class UntracedWrite(RuntimeError):
    """A bulk write to a table the buddy pool is read from names no organisation (a programming error)."""


def track(sessionmaker: async_sessionmaker[Any]) -> None:
    """Stamp the buddy pools a transaction changed, for every session this factory makes (and no other)."""
    base: type[Session] = sessionmaker.kw.get("sync_session_class", Session)
    tracked = type("BuddyPoolTrackingSession", (base,), {})
    event.listen(tracked, "before_flush", _note_flushed)
    event.listen(tracked, "do_orm_execute", _note_statement)
    event.listen(tracked, "before_commit", _stamp)
    event.listen(tracked, "after_rollback", _forget)
    sessionmaker.configure(sync_session_class=tracked)


def _changed(obj: object, fields: Iterable[str]) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in fields)


def _owner_of(obj: object, *, new: bool) -> Owner | None:
    if isinstance(obj, _BY_ORGANISATION):
        return ("organisation", obj.organisation_id)
    if isinstance(obj, _BY_MEMBERSHIP):
        return ("membership", obj.membership_id)
    if isinstance(obj, Membership):
        return ("organisation", obj.organisation_id) if obj.role == Role.BUDDY else None
    if isinstance(obj, User) and not new and _changed(obj, _USER_FIELDS):
        return ("user", obj.id)
    if isinstance(obj, Organisation) and not new and _changed(obj, _ORGANISATION_FIELDS):
        return ("organisation", obj.id)
    return None


def _note(session: Session, owners: Iterable[Owner]) -> None:
    session.info.setdefault(_OWNERS, set()).update(owners)


def _note_flushed(session: Session, _context: Any, _instances: Any) -> None:
    found = []
    for obj in chain(session.new, session.dirty, session.deleted):
        owner = _owner_of(obj, new=obj in session.new)
        if owner is not None:
            found.append(owner)
    if found:
        _note(session, found)


def _owners_of_rows(rows: list[dict[str, Any]]) -> list[Owner] | None:
    owners: list[Owner] = []
    for row in rows:
        if row.get("organisation_id") is not None:
            owners.append(("organisation", row["organisation_id"]))
        elif row.get("membership_id") is not None:
            owners.append(("membership", row["membership_id"]))
        else:
            return None
    return owners


def _note_statement(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if table is None or table.name not in _STATEMENT_TABLES:
        return
    named = state.execution_options.get("buddy_pool_owner")
    if named is not None:
        _note(state.session, [named])
        return
    owners = None
    if state.is_insert:
        parameters = state.parameters
        rows: list[Any] = [parameters] if isinstance(parameters, dict) else list(parameters or [])
        owners = _owners_of_rows([dict(r) for r in rows]) if rows else None
    if owners is None:
        raise UntracedWrite(
            f"A bulk write to {table.name} names no organisation: pass the execution option "
            'buddy_pool_owner=("organisation" | "membership", id) so cached buddy pools are renewed.'
        )
    _note(state.session, owners)


def _chunks(values: list[Any]) -> Iterator[list[Any]]:
    iterator = iter(values)
    while chunk := list(islice(iterator, _CHUNK)):
        yield chunk


def _stamp(session: Session) -> None:
    session.flush()  # what is still pending (autoflush is off) notes its owners now
    owners: set[Owner] = session.info.pop(_OWNERS, set())
    if not owners:
        return
    organisations = {i for kind, i in owners if kind == "organisation"}
    memberships = sorted({i for kind, i in owners if kind == "membership"})
    users = sorted({i for kind, i in owners if kind == "user"})
    for chunk in _chunks(memberships):
        organisations.update(
            session.scalars(select(Membership.organisation_id).where(Membership.id.in_(chunk)))
        )
    for chunk in _chunks(users):
        organisations.update(
            session.scalars(
                select(Membership.organisation_id).where(
                    Membership.user_id.in_(chunk), Membership.role == Role.BUDDY
                )
            )
        )
    if not organisations:
        return
    # One order everywhere, so two transactions stamping the same organisations cannot deadlock.
    session.execute(
        update(Organisation)
        .where(Organisation.id.in_(sorted(organisations, key=uuid.UUID.__str__)))
        .values(buddy_pool_revision=new_pool_stamp()),
        execution_options={"synchronize_session": False},
    )


def _forget(session: Session) -> None:
    session.info.pop(_OWNERS, None)
