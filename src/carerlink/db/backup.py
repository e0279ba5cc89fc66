"""Backups: SQLite's online backup (consistent while the app runs) and a checked restore."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why in plain words."""


def sqlite_path(database_url: str) -> Path:
    """The file behind a SQLite URL."""
    database = make_url(database_url).database
    if not database or database == ":memory:":
        raise BackupError("this SQLite database lives in memory; there is no file to back up")
    return Path(database)


def default_backup_path(data_dir: Path, now: datetime | None = None) -> Path:
    """``<data dir>/backups/carerlink-<UTC time>.sqlite3``."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    return data_dir / "backups" / f"carerlink-{stamp}.sqlite3"


def _private_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=False)


def backup_sqlite(database_url: str, destination: Path) -> Path:
    """Copy the live SQLite database to ``destination`` (mode 0600) with SQLite's online backup API."""
    source_path = sqlite_path(database_url)
    if not source_path.is_file():
        raise BackupError(f"there is no database at {source_path}")
    if destination.exists():
        raise BackupError(f"{destination} already exists; choose another name")
    _private_file(destination)
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    target = sqlite3.connect(destination)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    check_sqlite_backup(destination)
    return destination


def check_sqlite_backup(path: Path) -> str:
    """Check a backup file is a whole carerlink database; return the migration it is at."""
    if not path.is_file():
        raise BackupError(f"there is no file at {path}")
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        (status,) = connection.execute("PRAGMA integrity_check").fetchone()
        if status != "ok":
            raise BackupError(f"{path} is damaged: {status}")
        revisions = [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
    except sqlite3.DatabaseError:
        raise BackupError(f"{path} is not a carerlink database") from None
    finally:
        connection.close()
    if not revisions:
        raise BackupError(f"{path} is not a carerlink database")
    return ",".join(sorted(revisions))


def restore_sqlite(database_url: str, backup: Path) -> str:
    """Replace the SQLite database with a checked backup (stop the app first); return its migration."""
    revision = check_sqlite_backup(backup)
    target = sqlite_path(database_url)
    target.parent.mkdir(parents=True, exist_ok=True)
    for leftover in (Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)
    temporary = target.with_suffix(".restoring")
    shutil.copyfile(backup, temporary)
    os.chmod(temporary, 0o600)
    os.replace(temporary, target)
    return revision


def postgres_dump(database_url: str, destination: Path) -> Path:
    """Run ``pg_dump --format=custom`` into ``destination``; raise with guidance when pg_dump is missing."""
    url = make_url(database_url).set(drivername="postgresql")
    if shutil.which("pg_dump") is None:
        raise BackupError(
            "pg_dump is not installed here. Back up PostgreSQL with: pg_dump --format=custom "
            f"--file=carerlink.dump '{url.render_as_string(hide_password=True)}' (restore with pg_restore "
            "--clean --no-owner --dbname=…), or use your database host's snapshots."
        )
    _private_file(destination)
    subprocess.run(  # noqa: S603 - fixed program, URL from our own settings
        ["pg_dump", "--format=custom", f"--file={destination}", url.render_as_string(hide_password=False)],  # noqa: S607
        check=True,
    )
    return destination
