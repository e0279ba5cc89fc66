"""The SQLite database holds health data: its directory is 0700 and its files 0600, new or inherited."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.runtime import Runtime
from carerlink.settings import Settings
from tests.support import START, Mailbox


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """The usual umask (022), under which files were created 0644 before the fix."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _database_files(data_dir: Path) -> list[Path]:
    return [
        data_dir / name for name in ("carerlink.sqlite3", "carerlink.sqlite3-wal", "carerlink.sqlite3-shm")
    ]


async def test_a_new_database_and_its_wal_and_shm_are_for_this_user_only(
    tmp_path: Path, loose_umask: None
) -> None:
    data_dir = tmp_path / "var"
    url = f"sqlite+aiosqlite:///{data_dir}/carerlink.sqlite3"
    settings = Settings(env="test", data_dir=data_dir, database_url=url, secret_key="k" * 32)
    runtime = Runtime.create(settings, mail_transport=Mailbox(), session_hooks=[], clock=FrozenClock(START))
    try:
        async with runtime.database.session_scope() as session:
            await session.execute(text("CREATE TABLE notes (body TEXT)"))
            await session.execute(text("INSERT INTO notes VALUES ('health data')"))
        files = _database_files(data_dir)
        assert all(path.exists() for path in files)  # WAL mode, connection still open
        assert {path.name: _mode(path) for path in files} == {path.name: 0o600 for path in files}
        assert _mode(data_dir) == 0o700
    finally:
        await runtime.close()


async def test_files_left_readable_by_an_older_version_are_tightened_when_the_engine_opens(
    tmp_path: Path, loose_umask: None
) -> None:
    data_dir = tmp_path / "var"
    data_dir.mkdir(mode=0o755)
    url = f"sqlite+aiosqlite:///{data_dir}/carerlink.sqlite3"
    old = Database(url)  # an install from before: its files as the umask left them
    try:
        async with old.session_scope() as session:
            await session.execute(text("CREATE TABLE notes (body TEXT)"))
        for path in _database_files(data_dir):
            path.chmod(0o644)
        data_dir.chmod(0o755)

        settings = Settings(env="test", data_dir=data_dir, database_url=url, secret_key="k" * 32)
        runtime = Runtime.create(
            settings, mail_transport=Mailbox(), session_hooks=[], clock=FrozenClock(START)
        )
        try:
            async with runtime.database.session_scope() as session:
                await session.execute(text("INSERT INTO notes VALUES ('health data')"))
            assert _mode(data_dir) == 0o700
            assert {p.name: _mode(p) for p in _database_files(data_dir)} == {
                p.name: 0o600 for p in _database_files(data_dir)
            }
        finally:
            await runtime.close()
    finally:
        await old.dispose()


def test_db_upgrade_creates_a_private_database_and_tightens_an_existing_one(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARERLINK_")}
    env.update(
        {
            "CARERLINK_DATA_DIR": str(data_dir),
            "CARERLINK_DATABASE_URL": f"sqlite:///{data_dir}/carerlink.sqlite3",
        }
    )

    def db_upgrade() -> None:
        done = subprocess.run(
            [sys.executable, "-m", "carerlink.cli", "db", "upgrade"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=lambda: os.umask(0o022),
        )
        assert done.returncode == 0, done.stderr

    db_upgrade()
    database = data_dir / "carerlink.sqlite3"
    assert (_mode(data_dir), _mode(database)) == (0o700, 0o600)

    data_dir.chmod(0o755)
    database.chmod(0o644)
    (data_dir / "carerlink.sqlite3-wal").write_bytes(b"")
    (data_dir / "carerlink.sqlite3-wal").chmod(0o644)
    db_upgrade()
    assert (_mode(data_dir), _mode(database)) == (0o700, 0o600)
    wal = data_dir / "carerlink.sqlite3-wal"
    assert not wal.exists() or _mode(wal) == 0o600
