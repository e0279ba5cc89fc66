"""The OpenAPI document, and schemathesis over every operation: examples, fuzzing, positive, negative."""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from litestar import Litestar
from schemathesis.config import SchemathesisConfig

from carerlink.app import create_app
from carerlink.kit.crypto import keyed_digest
from carerlink.settings import Settings
from tests.support import Mailbox

SECRET = "schemathesis-secret"
# Examples per operation: 10 on every run; `make fuzz` runs many more (CARERLINK_TEST_FUZZ_EXAMPLES).
EXAMPLES = int(os.environ.get("CARERLINK_TEST_FUZZ_EXAMPLES", "10"))


def test_every_operation_has_an_operation_id_and_a_summary(app: Litestar) -> None:
    document = app.openapi_schema.to_schema()
    seen: set[str] = set()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            assert operation.get("operationId"), f"{method} {path} has no operationId"
            assert operation.get("summary"), f"{method} {path} has no summary"
            assert operation["operationId"] not in seen
            seen.add(operation["operationId"])
            assert "application/problem+json" in operation["responses"]["4XX"]["content"]


def _seed(settings: Settings) -> dict[str, str]:
    """Demo data plus a signed-in coordinator; returns the cookies a browser would hold."""
    from carerlink import demo
    from carerlink.accounts import service as accounts
    from carerlink.db import Database
    from carerlink.kit.clock import SystemClock

    async def run() -> str:
        database = Database(settings.database_url)
        try:
            async with database.session_scope() as session:
                await demo.seed(session, now=SystemClock().now())
                user = await accounts.get_user_by_email(session, email="coordinator@example.org")
                assert user is not None
                limits = accounts.SessionLimits(
                    idle=timedelta(days=1),
                    absolute=timedelta(days=1),
                )
                new = await accounts.start_session(
                    session, user_id=user.id, limits=limits, now=SystemClock().now()
                )
                return new.token
        finally:
            await database.dispose()

    with ThreadPoolExecutor(1) as pool:
        token = pool.submit(asyncio.run, run()).result()
    nonce = secrets.token_hex(16)
    return {"carerlink_session": token, "csrftoken": f"{nonce}.{keyed_digest(SECRET, 'csrf:' + nonce)}"}


@pytest.fixture(scope="module")
def api_app(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
) -> tuple[Litestar, dict[str, str]]:
    """The app on a demo database with a coordinator signed in (SQLite: schemathesis runs it on a thread)."""
    directory = tmp_path_factory.mktemp("schemathesis")
    shutil.copy(sqlite_template, directory / "api.sqlite3")
    settings = Settings(
        env="test",
        data_dir=directory / "var",
        database_url=f"sqlite+aiosqlite:///{directory / 'api.sqlite3'}",
        base_url="http://testserver",
        secret_key=SECRET,
        run_jobs=False,
        push_allow_any_endpoint=True,
    )
    cookies = _seed(settings)
    # schemathesis keeps the app (and its lifespan) for the rest of the process: no teardown here.
    return create_app(settings, mail_transport=Mailbox()), cookies


@pytest.fixture(scope="module")
def api_schema(api_app: tuple[Litestar, dict[str, str]]) -> Any:
    """The app's own OpenAPI document, loaded by schemathesis in-process."""
    config = SchemathesisConfig.from_dict(
        {
            "checks": {
                # Business rules may refuse schema-valid input (an expired token, a common password, an
                # unknown time zone) with a 422 naming the field; that is correct, not a contract failure.
                "positive_data_acceptance": {
                    "expected-statuses": ["2xx", "401", "403", "404", "409", "422", "429"]
                }
            }
        }
    )
    return schemathesis.openapi.from_asgi("/schema/openapi.json", api_app[0], config=config)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_operation_fails_its_contract(case: Any, api_app: tuple[Litestar, dict[str, str]]) -> None:
    _, cookies = api_app
    case.call_and_validate(
        headers={"X-CSRFToken": cookies["csrftoken"]},
        cookies=cookies,
    )
