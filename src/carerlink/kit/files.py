"""Files and directories only the service's own user may read: the data directory, keys, the database."""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger("carerlink.files")

PRIVATE_DIRECTORY = 0o700
PRIVATE_FILE = 0o600


def private_directory(path: Path) -> Path:
    """Create ``path`` (and missing parents) for this user only, or make an existing one so (0700)."""
    path.mkdir(mode=PRIVATE_DIRECTORY, parents=True, exist_ok=True)
    make_private(path, PRIVATE_DIRECTORY)
    return path


def make_private(path: Path, mode: int = PRIVATE_FILE) -> None:
    """Set ``mode`` on an existing file or directory; one we do not own is logged, not fatal."""
    try:
        if path.stat().st_mode & 0o777 != mode:
            path.chmod(mode)
    except OSError as exc:
        log.warning(
            "files.permissions.unchanged", extra={"fields": {"path": str(path), "error": type(exc).__name__}}
        )
