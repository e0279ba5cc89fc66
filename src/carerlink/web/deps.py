"""Request dependencies: the transaction at the edge, the clock, the caller's IP, the caller, the scopes."""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from litestar import Request
from litestar.datastructures import State
from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts import service as accounts
from carerlink.accounts.caller import Caller
from carerlink.actor import Actor
from carerlink.db import Database, commit, rollback_keeping
from carerlink.errors import DomainError
from carerlink.http.cookies import session_cookie_name
from carerlink.kit.clock import Clock
from carerlink.organisations import service as organisations
from carerlink.organisations.scope import Scope, open_scope
from carerlink.runtime import Runtime
from carerlink.settings import Settings


async def provide_db_session(state: State) -> AsyncIterator[AsyncSession]:
    """One session per request: commit when the handler succeeds, roll back when it raises.

    The commit happens before the response is sent, so a client never sees success for a write that
    was lost. A domain error that asks to keep its changes (a counted failed sign-in) commits too; on
    any other error the kept writes (attempts against rate limits, audited refusals) are written again
    after the rollback (``db.execute_kept``), before the SQLite write turn is given back; those made
    before the request's first write were committed at once. The session waits for the write turn only
    at its first write (``db.WriteTurnSession``): reads and password checks run beside other requests'
    writes.
    """
    database: Database = state.database
    async with database.request_sessionmaker() as session:
        try:
            yield session
        except DomainError as exc:
            if exc.keep_changes:
                await commit(session)
            else:
                await rollback_keeping(session)
            raise
        except Exception:
            await rollback_keeping(session)
            raise
        except BaseException:
            await session.rollback()
            raise
        await commit(session)


def provide_settings(state: State) -> Settings:
    """The settings the app was created with."""
    settings: Settings = state.settings
    return settings


def provide_runtime(state: State) -> Runtime:
    """The process's long-lived parts (database, clock, mail transport, per-domain clients)."""
    runtime: Runtime = state.runtime
    return runtime


def provide_now(state: State) -> datetime:
    """The instant this request happens at (from the app's clock, so tests can move time)."""
    clock: Clock = state.clock
    return clock.now()


def provide_session_limits(state: State) -> accounts.SessionLimits:
    """How long sign-ins last, from the settings."""
    limits: accounts.SessionLimits = state.session_limits
    return limits


def provide_client_ip(request: Request[Any, Any, Any], settings: NamedDependency[Settings]) -> str:
    """The caller's address: the peer, or behind a trusted proxy the last untrusted forwarded hop."""
    peer = request.client.host if request.client else "unknown"
    trusted = _trusted_networks(settings.trusted_proxies)
    if not _is_trusted(peer, trusted):
        return peer
    hops = [hop.strip() for hop in request.headers.get("x-forwarded-for", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, trusted):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return peer
    return peer


@functools.cache
def _trusted_networks(proxies: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _is_trusted(address: str, trusted: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


async def provide_actor(
    request: Request[Any, Any, Any],
    db_session: NamedDependency[AsyncSession],
    settings: NamedDependency[Settings],
    session_limits: NamedDependency[accounts.SessionLimits],
    now: NamedDependency[datetime],
) -> Actor:
    """Whoever the session cookie says is calling, or the anonymous actor.

    This never raises: services decide (and answer 401 for the anonymous actor where sign-in is
    needed), and an error raised while Litestar resolves dependencies would skip the transaction's
    clean-up in ``provide_db_session``.
    """
    token = request.cookies.get(session_cookie_name(settings))
    if not token:
        return Actor.anonymous()
    actor = await organisations.resolve_actor(db_session, token=token, limits=session_limits, now=now)
    return actor or Actor.anonymous()


async def provide_caller(
    request: Request[Any, Any, Any],
    db_session: NamedDependency[AsyncSession],
    actor: NamedDependency[Actor],
    now: NamedDependency[datetime],
    client_ip: NamedDependency[str],
    session_limits: NamedDependency[accounts.SessionLimits],
) -> Caller:
    """The person-level call (``/me``, ``/auth``, devices, preferences): session, caller, now, address.

    Routes that name no organisation take this one value instead of five; like ``provide_actor`` it
    never raises.
    """
    return Caller(
        session=db_session,
        actor=actor,
        now=now,
        limits=session_limits,
        client_ip=client_ip,
        user_agent=request.headers.get("user-agent", ""),
    )


async def provide_scope(
    request: Request[Any, Any, Any],
    db_session: NamedDependency[AsyncSession],
    actor: NamedDependency[Actor],
    now: NamedDependency[datetime],
) -> Scope:
    """The organisation scope of this request (``org_scope``: Litestar reserves ``scope`` for ASGI's).

    Session, caller, now and the organisation the path names.

    The organisation (by id or slug, from the ``org`` path parameter) and its settings are loaded here
    once; routes whose path names none get a scope without one (``Scope.within`` opens the organisation
    a record belongs to). Never raises, like ``provide_actor``; it waits for ``actor`` because one
    database session cannot serve two queries at once.
    """
    ref = request.path_params.get("org")
    return await open_scope(db_session, actor=actor, now=now, ref=ref if isinstance(ref, str) else None)
