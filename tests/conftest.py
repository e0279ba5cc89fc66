"""Fixtures: every database test runs on SQLite, and on PostgreSQL when CARERLINK_TEST_POSTGRES_URL is set.

What makes the suite fast (README, Tests): one app per process, whose state is pointed at each test's
own database, runtime, clock and mail box; and cheap argon2 parameters (a test checks production's).
"""

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
from argon2 import PasswordHasher
from litestar import Litestar
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from carerlink.accounts import passwords
from carerlink.app import create_app
from carerlink.db import Database
from carerlink.db.migrate import upgrade
from carerlink.kit.clock import FrozenClock
from carerlink.notifications import vapid
from carerlink.profiles import pool_revision
from carerlink.runtime import Runtime
from carerlink.settings import Settings, _async_driver
from carerlink.tables import metadata
from tests.notifications.workers import Worker, start_worker, worker_environment
from tests.support import START, ApiClient, Mailbox

POSTGRES_URL = os.environ.get("CARERLINK_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]


BROWSER_TESTS = Path(__file__).parent / "browser"


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups (it names each test by its group)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser and multi-process tests run one at a time, in order, in one pytest process.

    ``make test`` runs pytest in two processes (``-n 2 --dist loadgroup``): these tests, each starting
    real processes of its own (the live server and Chromium, workers racing for leases), go together
    to one of them, so they never compete with each other for the cores and a browser module's tests
    share one live server (a module's later tests build on its earlier ones); the other process takes
    the rest. Browser tests are known by their folder: their ``browser`` marker is added by their own
    conftest, which may run after this hook.
    """
    for item in items:
        in_browser_folder = Path(str(item.fspath)).is_relative_to(BROWSER_TESTS)
        if in_browser_folder or item.get_closest_marker("browser") or item.get_closest_marker("slow"):
            item.add_marker(pytest.mark.xdist_group("own-processes"))


# Argon2id at its cheapest: tests sign people in hundreds of times; OWASP's parameters cost ~0.2 s each.
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
# What differs between two tests' settings: where their database and files live. An app built for one
# test serves another when nothing else differs (``app`` points its state at the test's own).
PER_TEST_SETTINGS = ("data_dir", "database_url", "database_schema")


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing() -> Iterator[None]:
    """Hash with cheap parameters (tests/accounts/test_passwords.py checks production uses OWASP's)."""
    previous = passwords.use_hasher(CHEAP_HASHER)
    yield
    passwords.use_hasher(previous)


@pytest.fixture
def owasp_password_hashing() -> Iterator[None]:
    """Hash with production's parameters in this test (for a test that measures what hashing costs)."""
    previous = passwords.use_hasher(passwords.OWASP_HASHER)
    yield
    passwords.use_hasher(previous)


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
    # DELETE, dependants first: a test leaves a few rows, and TRUNCATE's fixed cost per table (new
    # files for each of ~30 tables) made emptying them take ten times as long.
    tables = [f'"{target.schema}"."{table.name}"' for table in reversed(metadata.sorted_tables)]
    await _execute(target.url, *(f"DELETE FROM {table}" for table in tables))  # noqa: S608 - our tables


def _test_settings(*, data_dir: Path, database_url: str, database_schema: str | None) -> Settings:
    return Settings(
        env="test",
        data_dir=data_dir,
        database_url=database_url,
        database_schema=database_schema,
        base_url="http://testserver.local",
        secret_key="test-secret-key-for-csrf-signing",
        run_jobs=False,
        push_allow_any_endpoint=True,
    )


@pytest.fixture
def settings(database_target: DatabaseTarget, tmp_path: Path) -> Settings:
    """Test settings: the per-test database, no ticks in the web app, any push endpoint allowed."""
    return _test_settings(
        data_dir=tmp_path / "var", database_url=database_target.url, database_schema=database_target.schema
    )


@pytest.fixture
def clock() -> FrozenClock:
    """A clock that moves only when a test moves it."""
    return FrozenClock(START)


@pytest.fixture
def mailbox() -> Mailbox:
    """Where the app's e-mail goes in tests."""
    return Mailbox()


@pytest.fixture(scope="session")
def process_app(tmp_path_factory: pytest.TempPathFactory) -> Litestar:
    """One app for the whole process: building one (routes, OpenAPI, middleware) costs ~0.3 s.

    It is made with the settings every test shares; ``app`` points its state at each test's own
    database, runtime, clock and mail box. Its own runtime never opens a connection.
    """
    directory = tmp_path_factory.mktemp("process-app")
    settings = _test_settings(
        data_dir=directory / "var",
        database_url=f"sqlite+aiosqlite:///{directory / 'never-opened.sqlite3'}",
        database_schema=None,
    )
    return create_app(settings, clock=FrozenClock(START), mail_transport=Mailbox())


def _shares_the_process_app(settings: Settings, app: Litestar) -> bool:
    """Whether ``settings`` differ from the process app's only in where the database and files are."""
    shared: Settings = app.state.settings
    return settings.replace(**{name: getattr(shared, name) for name in PER_TEST_SETTINGS}) == shared


@pytest.fixture
async def app(
    settings: Settings, clock: FrozenClock, mailbox: Mailbox, process_app: Litestar
) -> AsyncIterator[Litestar]:
    """The app, on the test database, with the frozen clock and the recording mailbox.

    The process's one app, with its state pointed at a runtime of this test's own (what
    ``create_app`` would have made); settings that differ in more than the database get an app of
    their own, as every test once did.
    """
    if not _shares_the_process_app(settings, process_app):
        application = create_app(settings, clock=clock, mail_transport=mailbox)
        yield application
        await application.state.runtime.close()
        return
    runtime = Runtime.create(
        settings, clock=clock, mail_transport=mailbox, session_hooks=[pool_revision.track]
    )
    vapid.key_for(runtime)  # as create_app does: the data directory holds the key from the start
    state = process_app.state
    before = {name: state[name] for name in ("settings", "runtime", "database", "clock")}
    state.update({"settings": settings, "runtime": runtime, "database": runtime.database, "clock": clock})
    try:
        yield process_app
    finally:
        state.update(before)
        await runtime.close()


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


# --- real worker processes on PostgreSQL (the multi-process tests) ---------------------------------------


@pytest.fixture
async def worker_database(postgres_schema: DatabaseTarget) -> AsyncIterator[Database]:
    """This test's PostgreSQL schema, emptied afterwards, for tests that start ``carerlink worker``s."""
    db = Database(postgres_schema.url, schema=postgres_schema.schema)
    yield db
    await db.dispose()
    tables = ", ".join(f'"{postgres_schema.schema}"."{t.name}"' for t in metadata.sorted_tables)
    await _execute(postgres_schema.url, f"TRUNCATE {tables} CASCADE")


@pytest.fixture
def worker_processes(postgres_schema: DatabaseTarget, tmp_path: Path) -> Iterator[Callable[[], Worker]]:
    """Starts a real ``carerlink worker`` on that schema per call; each is stopped at the end."""
    environ = worker_environment(
        database_url=postgres_schema.url,
        schema=postgres_schema.schema,
        data_dir=tmp_path / "var",
        vapid_private_key=vapid.generate().private_key_text,
    )
    started: list[Worker] = []

    def start() -> Worker:
        worker = start_worker(environ, tmp_path / f"worker-{len(started)}.log")
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()
