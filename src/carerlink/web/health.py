"""Liveness and readiness probes."""

from __future__ import annotations

from litestar import Controller, Response, get
from litestar.datastructures import State

from carerlink.db import Database
from carerlink.db.migrate import applied_revisions
from carerlink.kit.schema import Schema


class Health(Schema):
    """A probe's answer."""

    status: str
    detail: str = ""


class HealthController(Controller):
    """``/healthz`` says the process is alive; ``/readyz`` that it can serve requests."""

    path = "/"
    tags = ["Health"]
    include_in_schema = True

    @get("/healthz", operation_id="healthz", summary="Is the process alive")
    async def healthz(self) -> Health:
        """Always 200 while the process answers."""
        return Health(status="ok")

    @get("/readyz", operation_id="readyz", summary="Is the database reachable and fully migrated")
    async def readyz(self, state: State) -> Response[Health]:
        """200 when the database answers and has every migration this code expects, else 503."""
        database: Database = state.database
        try:
            await database.ping()
            applied = await applied_revisions(database.engine)
        except Exception:
            return Response(Health(status="unavailable", detail="database unreachable"), status_code=503)
        if applied != state.expected_revisions:
            return Response(
                Health(status="unavailable", detail="database migrations pending"), status_code=503
            )
        return Response(Health(status="ok"))
