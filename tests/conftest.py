"""Fixtures: every database test runs on SQLite, and on PostgreSQL when CARERLINK_TEST_POSTGRES_URL is set."""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from litestar import Litestar
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from carerlink.app import create_app
from carerlink.db import Database
from carerlink.db.migrate import upgrade
from carerlink.kit.clock import FrozenClock
from carerlink.settings import Settings, _async_driver
from carerlink.tables import metadata
from tests.support import START, ApiClient, Mailbox

POSTGRES_URL = os.environ.get("CARERLINK_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]


@dataclass(frozen=True)
class DatabaseTarget:
    """Where one test's database lives."""

    backend: str
    url: str
    schema: str | None = None


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once per run; each test gets a copy."""
    path = tmp_path_factory.mktemp("sqlite-template") / "template.sqlite3"
    upgrade(f"sqlite+aiosqlite:///{path}")
    return path


async def _execute(url: str, *statements: str) -> None:
    engine = create_async_engine(url)
    try:
        async with engine.begin() as connection:
            for statement in statements:
                await connection.execute(text(statement))
    finally:
        await engine.dispose()


def _in_thread(function: Callable[[], object]) -> None:
    """Run blocking set-up that starts its own event loop, from inside a running one."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(function).result()


@pytest.fixture(scope="session")
def postgres_schema() -> Iterator[DatabaseTarget]:
    """A schema of its own for this test run, migrated once (parallel runs on one database never collide)."""
    assert POSTGRES_URL
    url = _async_driver(POSTGRES_URL)
    schema = f"carerlink_test_{uuid.uuid4().hex[:12]}"
    _in_thread(lambda: asyncio.run(_execute(url, f'CREATE SCHEMA "{schema}"')))
    _in_thread(lambda: upgrade(url, schema=schema))
    try:
        yield DatabaseTarget("postgresql", url, schema)
    finally:
        _in_thread(lambda: asyncio.run(_execute(url, f'DROP SCHEMA "{schema}" CASCADE')))


@pytest.fixture(params=BACKENDS)
async def database_target(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path
) -> AsyncIterator[DatabaseTarget]:
    """An empty, fully migrated database for one test."""
    if request.param == "sqlite":
        path = tmp_path / "carerlink.sqlite3"
        shutil.copy(sqlite_template, path)
        yield DatabaseTarget("sqlite", f"sqlite+aiosqlite:///{path}")
        return
    target: DatabaseTarget = request.getfixturevalue("postgres_schema")
    yield target
    tables = ", ".join(f'"{target.schema}"."{t.name}"' for t in metadata.sorted_tables)
    await _execute(target.url, f"TRUNCATE {tables} CASCADE")


@pytest.fixture
def settings(database_target: DatabaseTarget, tmp_path: Path) -> Settings:
    """Test settings: the per-test database, no ticks in the web app, any push endpoint allowed."""
    return Settings(
        env="test",
        data_dir=tmp_path / "var",
        database_url=database_target.url,
        database_schema=database_target.schema,
        base_url="http://testserver.local",
        secret_key="test-secret-key-for-csrf-signing",
        run_jobs=False,
        push_allow_any_endpoint=True,
    )


@pytest.fixture
def clock() -> FrozenClock:
    """A clock that moves only when a test moves it."""
    return FrozenClock(START)


@pytest.fixture
def mailbox() -> Mailbox:
    """Where the app's e-mail goes in tests."""
    return Mailbox()


@pytest.fixture
async def app(settings: Settings, clock: FrozenClock, mailbox: Mailbox) -> AsyncIterator[Litestar]:
    """The app, on the test database, with the frozen clock and the recording mailbox."""
    application = create_app(settings, clock=clock, mail_transport=mailbox)
    yield application
    await application.state.runtime.close()


@pytest.fixture
def db(app: Litestar) -> Database:
    """The app's database, for arranging data and checking what was stored."""
    database: Database = app.state.database
    return database


@pytest.fixture
def client(app: Litestar) -> ApiClient:
    """A browser talking to the app."""
    return ApiClient(app)


@pytest.fixture
def new_client(app: Litestar):  # type: ignore[no-untyped-def]
    """Make more browsers (each with its own cookies)."""
    return lambda: ApiClient(app)
