"""Serving the PWA from the app: files, the app shell for app routes, caching, gzip, and the API's 404s."""

from __future__ import annotations

import gzip
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from litestar import Litestar

from carerlink.app import create_app
from carerlink.kit.clock import FrozenClock
from carerlink.settings import Settings
from tests.support import ApiClient, Mailbox, problem

SCRIPT = b"console.log('carerlink');" * 40


@pytest.fixture
def frontend_dir(tmp_path: Path) -> Path:
    """A small built app, shaped like ``npm run build``'s output."""
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "icons").mkdir()
    (dist / "index.html").write_text("<!doctype html><title>carerlink</title>")
    (dist / "index.html.gz").write_bytes(gzip.compress(b"<!doctype html><title>carerlink</title>"))
    (dist / "sw.js").write_text("self.addEventListener('fetch', () => {});")
    (dist / "manifest.webmanifest").write_text('{"name": "carerlink"}')
    (dist / "assets" / "app-ABC123.js").write_bytes(SCRIPT)
    (dist / "assets" / "app-ABC123.js.gz").write_bytes(gzip.compress(SCRIPT))
    (dist / "icons" / "icon-192.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "secret.txt").write_text("not for the web")
    return dist


@pytest.fixture
async def app(
    settings: Settings, clock: FrozenClock, mailbox: Mailbox, frontend_dir: Path
) -> AsyncIterator[Litestar]:
    """The app serving the small built app (a fixture of its own: pytest 8 loses the database
    parametrisation when a fixture overrides ``settings`` by requesting itself)."""
    application = create_app(settings.replace(frontend_dir=frontend_dir), clock=clock, mail_transport=mailbox)
    yield application
    await application.state.runtime.close()


@pytest.mark.parametrize("path", ["/", "/sign-in", "/join/riverside", "/invitation", "/help/riverside"])
async def test_app_routes_get_the_shell_revalidated_every_time_under_the_strict_csp(
    client: ApiClient, path: str
) -> None:
    response = await client.get(path)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.text == "<!doctype html><title>carerlink</title>"
    assert response.headers["cache-control"] == "no-cache"
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]


@pytest.mark.parametrize(
    "path",
    ["/api", "/api/v1/nothing-here", "/api/v1/orgs", "/healthz/x", "/readyz/x", "/metrics/x"],
)
async def test_api_and_probe_paths_never_fall_back_to_the_app(client: ApiClient, path: str) -> None:
    body = problem(await client.get(path), 404)
    assert body["status"] == 404


async def test_unsafe_methods_on_unknown_api_paths_stay_404(client: ApiClient) -> None:
    problem(await client.post("/api/v1/nothing-here", json={}), 404)


async def test_the_service_worker_is_served_from_the_root_and_never_cached_stale(client: ApiClient) -> None:
    response = await client.get("/sw.js")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["cache-control"] == "no-cache"
    assert "addEventListener" in response.text


async def test_the_manifest_has_its_media_type(client: ApiClient) -> None:
    response = await client.get("/manifest.webmanifest")

    assert response.headers["content-type"] == "application/manifest+json"
    assert response.json() == {"name": "carerlink"}


async def test_hashed_assets_are_cached_for_a_year_and_gzipped_when_accepted(client: ApiClient) -> None:
    zipped = await client.get("/assets/app-ABC123.js", headers={"Accept-Encoding": "gzip, br"})
    plain = await client.get("/assets/app-ABC123.js", headers={"Accept-Encoding": "identity"})

    assert zipped.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.headers["vary"] == "Accept-Encoding"
    assert zipped.content == SCRIPT  # httpx decodes it
    assert int(zipped.headers["content-length"]) < len(SCRIPT)
    assert "content-encoding" not in plain.headers
    assert plain.content == SCRIPT
    assert zipped.headers["etag"] != plain.headers["etag"]


async def test_assets_never_set_a_cookie_that_a_shared_cache_could_keep(client: ApiClient) -> None:
    asset = await client.get("/assets/app-ABC123.js")
    icon = await client.get("/icons/icon-192.png")
    page = await client.get("/sign-in")

    assert "set-cookie" not in asset.headers
    assert "set-cookie" not in icon.headers
    assert icon.headers["cache-control"] == "public, max-age=86400"
    assert "csrftoken=" in page.headers["set-cookie"]


async def test_an_unchanged_file_answers_304_to_its_etag(client: ApiClient) -> None:
    first = await client.get("/sw.js")
    again = await client.get("/sw.js", headers={"If-None-Match": first.headers["etag"]})

    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize(
    "path",
    [
        "/assets/app-OLD.js",
        "/icons/missing.png",
        "/nothing.js",
        "/%2e%2e/secret.txt",
        "/assets/..%2f..%2fsecret.txt",
    ],
)
async def test_missing_files_and_paths_outside_the_build_are_404_not_the_shell(
    client: ApiClient, path: str
) -> None:
    response = await client.get(path)

    assert response.status_code == 404
    assert "not for the web" not in response.text
    assert "<title>carerlink" not in response.text


async def test_a_server_without_a_built_app_says_so_and_the_api_still_works(
    client: ApiClient, frontend_dir: Path
) -> None:
    (frontend_dir / "index.html").unlink()
    (frontend_dir / "index.html.gz").unlink()

    body = problem(await client.get("/sign-in"), 503)
    assert "make frontend" in body["detail"]
    assert (await client.get("/healthz")).status_code == 200
