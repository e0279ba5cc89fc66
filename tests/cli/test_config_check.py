"""What production needs, checked in plain words: the single-server SQLite choice made on purpose."""

from __future__ import annotations

from pathlib import Path

from carerlink.config_check import production_problems
from carerlink.settings import Settings


def _ready(tmp_path: Path, **changes: object) -> Settings:
    settings = Settings(
        env="production",
        secret_key="k" * 48,
        base_url="https://carers.example.org",
        database_url="postgresql://carerlink@db/carerlink",
        smtp_url="smtp://mail.example.org:587?starttls=1",
        vapid_private_key="x",  # read for real by check-config (tests/cli/test_commands.py)
        vapid_contact="mailto:it@carers.example.org",
        data_dir=tmp_path,
    )
    return settings.replace(**changes)


def test_sqlite_in_production_only_when_chosen_and_with_one_web_process(tmp_path: Path) -> None:
    assert production_problems(_ready(tmp_path)) == []
    sqlite = f"sqlite+aiosqlite:///{tmp_path}/carerlink.sqlite3"

    refused = production_problems(_ready(tmp_path, database_url=sqlite))
    assert len(refused) == 1 and "CARERLINK_ALLOW_SQLITE_IN_PRODUCTION=1" in refused[0]

    chosen = _ready(tmp_path, database_url=sqlite, allow_sqlite_in_production=True, web_workers=1)
    assert production_problems(chosen) == []  # a single-server install, on purpose

    two = production_problems(chosen.replace(web_workers=2))
    assert len(two) == 1 and "CARERLINK_WEB_WORKERS=1" in two[0]
