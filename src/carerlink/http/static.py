"""Serving the PWA (``frontend/dist``) from the app's own origin: files, the app shell, caching rules.

Hashed assets are cached for a year; ``index.html``, ``/sw.js`` and the manifest are revalidated on
every use (``no-cache`` with an ETag), so a new build reaches people at their next visit. Any other
path that is not the API's is an app route and gets ``index.html`` (the app routes it in the browser);
``/api/…``, ``/schema``, ``/healthz``, ``/readyz`` and ``/metrics`` keep their problem+json 404s.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from litestar import Controller, Request, Response, get
from litestar.datastructures import State
from litestar.exceptions import NotFoundException
from litestar.params import FromPath

from carerlink.http.errors import problem

NOT_APP_ROUTES = ("/api", "/schema", "/healthz", "/readyz", "/metrics")
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
ICONS = "public, max-age=86400"
MEDIA_TYPES = {
    ".html": "text/html",
    ".js": "text/javascript",
    ".css": "text/css",
    ".webmanifest": "application/manifest+json",
    ".json": "application/json",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
    ".txt": "text/plain",
}
NOT_FOUND_SUFFIXES = (*MEDIA_TYPES, ".map", ".gz", ".mjs")
# App routes whose path holds a signed token from an e-mail (issue 14): their page is never cached.
LINK_PAGES = ("answer/", "unsubscribe/")
_SAFE_PATH = re.compile(r"^[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*$")


@dataclass(frozen=True, slots=True)
class Asset:
    """One file as sent: its bytes (gzipped or not), type, ETag and caching rule."""

    body: bytes
    media_type: str
    etag: str
    cache_control: str
    gzipped: bool
    compressible: bool


class FrontendFiles:
    """The built PWA in ``directory``; files are read once and again only when they change."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory.resolve()
        self._cache: dict[Path, tuple[int, int, bytes, str]] = {}

    def _read(self, path: Path) -> tuple[bytes, str] | None:
        try:
            info = path.stat()
        except OSError:
            return None
        cached = self._cache.get(path)
        if cached is not None and cached[:2] == (info.st_mtime_ns, info.st_size):
            return cached[2], cached[3]
        body = path.read_bytes()
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        self._cache[path] = (info.st_mtime_ns, info.st_size, body, etag)
        return body, etag

    def _file(self, relative: str) -> Path | None:
        if not _SAFE_PATH.match(relative) or ".." in relative.split("/"):
            return None
        path = (self.directory / relative).resolve()
        if not path.is_relative_to(self.directory) or not path.is_file():
            return None
        return path

    def asset(self, relative: str, *, accepts_gzip: bool) -> Asset | None:
        """The file at ``relative`` (no leading slash), or None when there is none."""
        path = self._file(relative)
        suffix = Path(relative).suffix
        if path is None or suffix not in MEDIA_TYPES or suffix == ".gz":
            return None
        if relative.startswith("assets/"):
            cache_control = IMMUTABLE
        elif relative.startswith("icons/"):
            cache_control = ICONS
        else:
            cache_control = REVALIDATE
        compressible = suffix in (".html", ".js", ".css", ".webmanifest", ".json", ".svg", ".txt")
        gz = self._file(relative + ".gz") if compressible and accepts_gzip else None
        found = self._read(gz or path)
        if found is None:
            return None
        body, etag = found
        return Asset(body, MEDIA_TYPES[suffix], etag, cache_control, gz is not None, compressible)


def _accepts_gzip(request: Request[Any, Any, Any]) -> bool:
    for part in request.headers.get("accept-encoding", "").split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() == "gzip":
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def _send(request: Request[Any, Any, Any], asset: Asset) -> Response[bytes]:
    headers = {"cache-control": asset.cache_control, "etag": asset.etag}
    if asset.compressible:
        headers["vary"] = "Accept-Encoding"
    if asset.gzipped:
        headers["content-encoding"] = "gzip"
    if request.headers.get("if-none-match") == asset.etag:
        return Response(b"", status_code=304, headers=headers, media_type=asset.media_type)
    return Response(asset.body, headers=headers, media_type=asset.media_type)


def _is_app_route(path: str) -> bool:
    return not any(path == prefix or path.startswith(prefix + "/") for prefix in NOT_APP_ROUTES)


class FrontendController(Controller):
    """The PWA's files at the root of the origin, and ``index.html`` for every app route."""

    path = "/"
    include_in_schema = False

    @get("/", operation_id="frontendHome", summary="The carerlink app", sync_to_thread=False)
    def home(self, request: Request[Any, Any, Any], state: State) -> Response[Any]:
        """The app shell for the start page."""
        return _serve(request, state.frontend, "/")

    @get("/{path:path}", operation_id="frontend", summary="The carerlink app", sync_to_thread=False)
    def frontend(self, request: Request[Any, Any, Any], state: State, path: FromPath[str]) -> Response[Any]:
        """A built file when there is one, ``index.html`` for app routes, 404 for everything else."""
        return _serve(request, state.frontend, path)


def _serve(request: Request[Any, Any, Any], files: FrontendFiles, path: str) -> Response[Any]:
    if not _is_app_route(path):
        raise NotFoundException()
    accepts_gzip = _accepts_gzip(request)
    relative = path.lstrip("/")
    if relative and (asset := files.asset(relative, accepts_gzip=accepts_gzip)) is not None:
        return _send(request, asset)
    if Path(relative).suffix in NOT_FOUND_SUFFIXES or relative.startswith(("assets/", "icons/")):
        # A missing file is a 404, not the app: HTML in place of a script only confuses.
        raise NotFoundException()
    shell = files.asset("index.html", accepts_gzip=accepts_gzip)
    if shell is None:
        return problem(
            503,
            detail="The app has not been built on this server: run `make frontend`.",
            title="The app is not available",
        )
    if relative.startswith(LINK_PAGES):
        shell = replace(shell, cache_control="no-store")
    return _send(request, shell)


def app_page(request: Request[Any, Any, Any], files: FrontendFiles, path: str) -> Response[Any]:
    """The app shell for ``path`` (for a route that also answers other methods at the same path)."""
    return _serve(request, files, path)
