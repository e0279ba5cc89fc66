"""The SQLite database's files: readable by the service's own user only (they hold health data)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from sqlalchemy.engine import make_url

from carerlink.kit.files import PRIVATE_DIRECTORY, PRIVATE_FILE, make_private

# SQLite writes beside the database: the write-ahead log, its shared-memory index, a rollback journal.
SIDE_FILES = ("-wal", "-shm", "-journal")


def sqlite_path(database_url: str) -> Path | None:
    """The file a SQLite URL names, or ``None`` for an in-memory database or another engine."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def protect_sqlite_database(database_url: str) -> None:
    """Make a SQLite database and its side files 0600, creating the file (0600) if it does not exist.

    SQLite gives a new ``-wal``/``-shm`` file the permissions of the database file, so creating the file
    first with 0600 protects those too, whatever the process's umask; files left by an older version
    are tightened here. A directory created for the database is 0700; an existing one is left as it is
    (it may be shared), except the data directory, which ``Settings.private_data_dir`` tightens.
    """
    path = sqlite_path(database_url)
    if path is None:
        return
    if not path.parent.exists():
        path.parent.mkdir(mode=PRIVATE_DIRECTORY, parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    for candidate in (path, *(path.with_name(path.name + suffix) for suffix in SIDE_FILES)):
        if candidate.exists():
            make_private(candidate, PRIVATE_FILE)
