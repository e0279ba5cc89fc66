"""Handlers stay thin: each parses, makes one service call and returns a schema (issue 12).

Counting what each handler has injected keeps the organisation scope honest: a handler that needs more
than three injected values is doing work its service should do. Path, query, body and header
parameters are what the client sends and are not counted.
"""

from __future__ import annotations

import inspect
from pathlib import Path

from litestar.routes import HTTPRoute

from carerlink.app import create_app
from carerlink.settings import Settings

INJECTED_AT_MOST = 3
# What Litestar injects without a declared dependency; ``data``/``body`` are the client's own.
_FRAMEWORK = {"request", "state", "socket", "scope"}


def injected_counts(tmp_path: Path) -> dict[str, list[str]]:
    """Each route handler's injected parameters, by ``METHOD path``."""
    settings = Settings(
        env="test",
        data_dir=tmp_path / "var",
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'shape.db'}",
        secret_key="test-secret-key-for-csrf-signing",
        run_jobs=False,
    )
    app = create_app(settings)
    found: dict[str, list[str]] = {}
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for handler in route.route_handlers:
            dependencies = set(handler.resolve_dependencies())
            names = [
                name
                for name in inspect.signature(handler.fn).parameters
                if name != "self" and (name in dependencies or name in _FRAMEWORK)
            ]
            for method in sorted(handler.http_methods):
                found[f"{method} {route.path}"] = names
    return found


def test_no_handler_has_more_than_three_injected_values(tmp_path: Path) -> None:
    counts = injected_counts(tmp_path)
    assert len(counts) > 50  # every route of the API was walked
    heavy = {route: names for route, names in counts.items() if len(names) > INJECTED_AT_MOST}
    assert heavy == {}


def test_organisation_routes_take_the_scope_not_its_parts(tmp_path: Path) -> None:
    counts = injected_counts(tmp_path)
    by_parts = {
        route: names
        for route, names in counts.items()
        if "{org" in route and {"organisation_id", "db_session"} & set(names)
    }
    assert by_parts == {}
