"""The probes: /healthz says the process is up; /readyz that the database answers and is fully migrated."""

from __future__ import annotations

from pathlib import Path

from carerlink.app import create_app
from carerlink.settings import Settings
from tests.support import ApiClient, Mailbox


async def test_ready_when_migrated(client: ApiClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok", "detail": ""}
    assert (await client.get("/readyz")).status_code == 200


async def _probe(settings: Settings) -> tuple[int, str]:
    app = create_app(settings, mail_transport=Mailbox())
    try:
        response = await ApiClient(app).get("/readyz")
        return response.status_code, response.json()["detail"]
    finally:
        await app.state.runtime.close()


async def test_not_ready_before_migrations(tmp_path: Path) -> None:
    settings = Settings(
        env="test",
        data_dir=tmp_path,
        database_url=f"sqlite+aiosqlite:///{tmp_path}/empty.sqlite3",
        secret_key="k",
        run_jobs=False,
    )
    assert await _probe(settings) == (503, "database migrations pending")


async def test_not_ready_when_the_database_is_unreachable(tmp_path: Path) -> None:
    settings = Settings(
        env="test",
        data_dir=tmp_path,
        database_url="postgresql+asyncpg://nobody@127.0.0.1:1/none",
        secret_key="k",
        run_jobs=False,
    )
    assert await _probe(settings) == (503, "database unreachable")
