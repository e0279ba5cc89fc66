"""Browser tests: a live ``carerlink serve`` with demo data, driven by the system Chromium through Playwright.

Skipped with a clear message when ``/usr/bin/chromium`` is missing (CI installs it). They need the
built app (``make frontend``, which ``make test`` runs first).
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

import pytest

from carerlink.notifications import vapid
from tests.notifications.workers import PushServiceProcess

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "frontend" / "dist"
AXE = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts" / "screens"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DEMO_PASSWORD = "riverside-buddies"
EXPECTED_CONSOLE = re.compile(r"the server responded with a status of 4\d\d|net::ERR_INTERNET_DISCONNECTED")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def pytest_configure(config: pytest.Config) -> None:
    """Give every ``expect`` as long as an action (Playwright's own default is 5 s).

    An assertion waits for the screen to show what it should; on a machine whose cores are both busy a
    correct screen can take longer than 5 s to appear, and a wrong one still fails after the wait.
    """
    from playwright.sync_api import expect

    expect.set_options(timeout=10_000)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder as a browser test, and skip them all when there is no Chromium."""
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(
                    pytest.mark.skip(reason="no Chromium at /usr/bin/chromium (apt-get install chromium)")
                )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    """A running ``carerlink serve`` with demo data, on its own port and data directory."""

    url: str
    data_dir: Path
    process: subprocess.Popen[bytes]
    log: Path
    seen_mail: set[str] = field(default_factory=set)

    @property
    def clock_file(self) -> Path:
        """Seconds the server's clock is ahead of the real one (``CARERLINK_TEST_CLOCK_FILE``)."""
        return self.data_dir / "clock-shift"

    def now(self) -> datetime:
        """What time it is on the live server: plan check-ins from this, not from the real clock."""
        shift = float(self.clock_file.read_text()) if self.clock_file.exists() else 0.0
        return datetime.now(UTC) + timedelta(seconds=shift)

    def move_to(self, instant: datetime) -> None:
        """Move the server's clock forward to ``instant`` (never back): a check-in falls due at once.

        Every process of the server reads the file on each look at the clock; the browsers keep the
        real time, so only the server decides what is due (as it does in the app).
        """
        shift = (instant - self.now()).total_seconds()
        if shift <= 0:
            return
        scratch = self.clock_file.with_suffix(".tmp")
        current = float(self.clock_file.read_text()) if self.clock_file.exists() else 0.0
        scratch.write_text(str(current + shift))
        scratch.replace(self.clock_file)  # atomic: the server never reads half a number

    def mail_to(self, address: str, *, timeout: float = 20.0) -> str:
        """The newest unread e-mail body to ``address``, as the real SMTP server received it (_MailDrop)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for path in sorted((self.data_dir / "mail").glob("*.eml"), key=lambda p: p.stat().st_mtime):
                if path.name in self.seen_mail:
                    continue
                message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
                if message["To"] == address:
                    self.seen_mail.add(path.name)
                    body = message.get_body(preferencelist=("plain",))
                    assert body is not None
                    return str(body.get_content())
            time.sleep(0.2)
        raise AssertionError(f"no e-mail to {address} within {timeout} s; server log: {self.log}")

    def link_in_mail(self, address: str) -> str:
        """The carerlink link in the newest e-mail to ``address``, as a path with its #fragment."""
        match = re.search(re.escape(self.url) + r"(/[^\s]+)", self.mail_to(address))
        assert match, f"no link in the e-mail to {address}"
        return match.group(1)


class _MailDrop:
    """What the live server's real SMTP server does with each message: keep it as ``<data>/mail/*.eml``.

    The server sends through SMTP like production (``CARERLINK_SMTP_URL``, issue 14: pooled connections,
    HTML and List-Unsubscribe headers on the wire); tests read what arrived with ``LiveServer.mail_to``.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        path = self.directory / f"{time.time_ns()}-{os.getpid()}-{id(envelope)}.eml"
        scratch = path.with_suffix(".part")
        scratch.write_bytes(envelope.original_content or envelope.content)
        scratch.replace(path)  # whole: a test never reads half a message
        return "250 OK"


def _run(args: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"


@contextlib.contextmanager
def serving(data_dir: Path, **extra_env: str) -> Iterator[LiveServer]:
    """``carerlink db upgrade``, ``carerlink demo``, then ``carerlink serve`` on a free port (SQLite).

    Its e-mail goes to a real SMTP server (``_MailDrop``); ``extra_env`` adds settings (a module that
    needs texts on starts one with ``CARERLINK_SMS_PROVIDER=file``, as ``make run`` does).
    """
    from aiosmtpd.controller import Controller

    if not (DIST / "index.html").exists():
        pytest.fail("the app is not built: run `make frontend` (make test does) before the browser tests")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    smtp = Controller(_MailDrop(data_dir / "mail"), hostname="127.0.0.1", port=_free_port())
    smtp.start()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARERLINK_")}
    env |= {
        "CARERLINK_ENV": "test",
        "CARERLINK_DATA_DIR": str(data_dir),
        "CARERLINK_PORT": str(port),
        "CARERLINK_BASE_URL": url,
        "CARERLINK_FRONTEND_DIR": str(DIST),
        "CARERLINK_LOG_LEVEL": "WARNING",
        # Browser tests stand in a loopback endpoint for the browser's push service (see test_reminders).
        "CARERLINK_PUSH_ALLOW_ANY_ENDPOINT": "1",
        # Tests move the server's time forward (LiveServer.move_to) instead of sleeping until it is due.
        "CARERLINK_TEST_CLOCK_FILE": str(data_dir / "clock-shift"),
        # A real SMTP server receives the e-mail (``_MailDrop``).
        "CARERLINK_SMTP_URL": f"smtp://127.0.0.1:{smtp.port}",
        **extra_env,
    }
    carerlink = str(Path(sys.executable).with_name("carerlink"))
    process: subprocess.Popen[bytes] | None = None
    try:
        _run([carerlink, "db", "upgrade"], env)
        _run([carerlink, "demo"], env)
        log = data_dir / "serve.log"
        with log.open("wb") as output:
            process = subprocess.Popen([carerlink, "serve"], env=env, stdout=output, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/readyz", timeout=2) as response:  # noqa: S310 - loopback
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"carerlink serve did not become ready:\n{log.read_text()}")
            time.sleep(0.2)
        yield LiveServer(url=url, data_dir=data_dir, process=process, log=log)
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        smtp.stop()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The suite's server: the demo on SQLite, texts off (the default)."""
    with serving(tmp_path_factory.mktemp("live-server")) as server:
        yield server


@pytest.fixture(scope="module", autouse=True)
def sign_in_allowance(live_server: LiveServer) -> None:
    """Each module starts with a fresh quarter-hour of sign-in attempts, as if the last were long ago.

    Sign-ins are rate-limited per address and per account (10 a quarter-hour for one account), and
    the whole browser run signs the demo coordinator in more often than that within minutes; the
    limits themselves are tested in tests/accounts and tests/deploy.
    """
    with sqlite3.connect(live_server.data_dir / "carerlink.sqlite3", timeout=10) as db:
        db.execute("DELETE FROM rate_limit_windows")


# Module scope, not session: the sync API keeps an event loop running while it is open, which
# pytest-asyncio's tests in later modules cannot share; it is closed at the end of each module.
@pytest.fixture(scope="module")
def playwright() -> Iterator[Any]:
    """Playwright, driving the system Chromium (it downloads no browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright: Any) -> Iterator[Any]:
    """The system Chromium, headless."""
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


def _file_name(state: str) -> str:
    """A screen state as a screenshot's file name: "Reports, dark" → "reports-dark"."""
    return re.sub(r"[^a-z0-9]+", "-", state.lower()).strip("-")


@dataclass
class Phone:
    """One browser context at phone size, with what went wrong in the page collected."""

    context: Any
    page: Any
    base_url: str
    problems: list[str] = field(default_factory=list)

    def go(self, path: str) -> None:
        """Open ``path`` on the live server and wait until the app has rendered."""
        self.page.goto(self.base_url + path)
        self.page.wait_for_selector("h1")

    def check_accessibility(self, state: str) -> None:
        """axe-core over the current screen: 0 violations of WCAG 2.0, 2.1 and 2.2 A and AA."""
        assert_no_axe_violations(self.page, state)

    def screenshot(self, name: str) -> None:
        """Save the whole screen under test-artifacts/screens/."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def fits_320_in_dark_mode(self, state: str) -> None:
        """The current screen at 320 px in dark mode: no sideways scrolling, and axe passes."""
        page = self.page
        page.set_viewport_size({"width": 320, "height": 640})
        page.emulate_media(color_scheme="dark")
        try:
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, state
            self.check_accessibility(f"{state}, dark, 320 px")
            self.screenshot(f"{_file_name(state)}-dark-320")
        finally:
            page.set_viewport_size(PHONE)
            page.emulate_media(color_scheme="light")

    def check_every_way(self, state: str) -> None:
        """axe at phone size in light mode (with a screenshot), then at 320 px in dark mode."""
        self.check_accessibility(state)
        self.screenshot(_file_name(state))
        self.fits_320_in_dark_mode(state)

    def sign_in(self, address: str, password: str = DEMO_PASSWORD) -> None:
        """Sign in through the form, in English, and wait for the home page.

        English is chosen with the sign-in page's language switch (issue 17): the demo's Janet, Aisha and
        Daniel chose Welsh, Urdu and Polish, and the tests that sign them in read English words.
        """
        self.go("/sign-in")
        self.page.get_by_role("button", name="English", exact=True).click()
        self.page.wait_for_function("document.documentElement.lang === 'en-GB'")
        self.page.get_by_label("Email address").fill(address)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_selector("h1:has-text('Hello')")

    def wait_for_service_worker(self) -> None:
        """Wait until the service worker controls the page (the shell is then precached)."""
        self.page.wait_for_function(
            "() => navigator.serviceWorker && navigator.serviceWorker.controller !== null"
        )


def assert_no_axe_violations(page: Any, state: str) -> None:
    """Run axe-core in the page (through DevTools, so the page's CSP stays on) and fail on any violation."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text())
    violations = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
            return result.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ': ' + n.failureSummary),
            }));
        }""",
        AXE_TAGS,
    )
    assert violations == [], f"axe-core found problems on {state}:\n" + json.dumps(violations, indent=2)


def new_phone(browser: Any, base_url: str, **options: Any) -> Phone:
    """A fresh browser context at phone size (its own cookies, storage and service worker)."""
    context = browser.new_context(
        viewport=options.pop("viewport", PHONE),
        device_scale_factor=options.pop("device_scale_factor", 2),
        is_mobile=True,
        has_touch=True,
        locale="en-GB",
        timezone_id="Europe/London",
        service_workers=options.pop("service_workers", "allow"),
        **options,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    phone = Phone(context=context, page=page, base_url=base_url)
    page.on("pageerror", lambda error: phone.problems.append(f"page error: {error}"))

    def on_console(message: Any) -> None:
        # Chromium logs every 4xx answer (401 from /api/v1/me when signed out, 422 for a form the
        # server refused, which the app shows on the form) and every request made offline on purpose;
        # CSP refusals, 5xx and script errors count.
        if message.type == "error" and not EXPECTED_CONSOLE.search(message.text):
            phone.problems.append(f"console: {message.text}")

    page.on("console", on_console)
    return phone


@pytest.fixture
def phone_factory(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    """Make phones; page errors and console errors of any of them fail the test."""
    made: list[Phone] = []

    def make(**options: Any) -> Phone:
        phone = new_phone(browser, live_server.url, **options)
        made.append(phone)
        return phone

    yield make
    for phone in made:
        with contextlib.suppress(Exception):
            phone.context.close()
    problems = [problem for phone in made for problem in phone.problems]
    assert problems == [], "the page reported errors (CSP violations show up here too):\n" + "\n".join(
        problems
    )


@pytest.fixture
def phone(phone_factory: Any) -> Phone:
    """A phone-sized browser (390 by 844) on the live server."""
    phone: Phone = phone_factory()
    return phone


# People of the demo, for modules that need them signed in (sign-ins are rate-limited per IP and
# account, so each module signs each person in once).
HELEN = "buddy3@example.org"
SAM = "carer3@example.org"


class Api:
    """A signed-in API session (cookies and CSRF token) to arrange and check server state.

    ``request`` is a Playwright APIRequestContext: its own (``api_session``), or a browser context's
    ``request``, which shares that phone's sign-in (one sign-in fewer: they are rate-limited).
    """

    def __init__(self, request: Any, base_url: str) -> None:
        self.request = request
        self.base_url = base_url

    def call(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None) -> Any:
        """Send one request; fail the test on any error status; the decoded JSON (None for 204)."""
        cookies = self.request.storage_state()["cookies"]
        token = next((c["value"] for c in cookies if c["name"] == "csrftoken"), "")
        response = self.request.fetch(
            self.base_url + path,
            method=method,
            data=None if body is None else json.dumps(body),
            headers={"Content-Type": "application/json", "X-CSRFToken": token, **(headers or {})},
        )
        assert response.ok, f"{method} {path}: {response.status} {response.text()}"
        return None if response.status == 204 else response.json()

    def get(self, path: str) -> Any:
        """GET ``path``."""
        return self.call("GET", path)


def api_session(playwright: Any, live_server: LiveServer, email: str) -> Iterator[Api]:
    """Sign ``email`` in through the API (once), and dispose of the session afterwards."""
    context = playwright.request.new_context()
    context.get(live_server.url + "/healthz")  # sets the csrftoken cookie
    api = Api(context, live_server.url)
    api.call("POST", "/api/v1/auth/login", {"email": email, "password": DEMO_PASSWORD})
    try:
        yield api
    finally:
        context.dispose()


def signed_in_phone(browser: Any, live_server: LiveServer, email: str) -> Iterator[Phone]:
    """One phone for a whole module, signed in once; page errors fail the module at the end."""
    phone = new_phone(browser, live_server.url)
    phone.sign_in(email)
    try:
        yield phone
    finally:
        with contextlib.suppress(Exception):
            phone.context.close()
    assert phone.problems == [], "the page reported errors:\n" + "\n".join(phone.problems)


@pytest.fixture(scope="module")
def helen(browser: Any, live_server: LiveServer) -> Iterator[Phone]:
    """Helen Wright, the demo buddy matched with Sam, on her phone (signed in once per module)."""
    yield from signed_in_phone(browser, live_server, HELEN)


@pytest.fixture(scope="module")
def helen_api(helen: Phone) -> Api:
    """Helen through the API (her phone's sign-in): to arrange state, and to put it back."""
    return Api(helen.context.request, helen.base_url)


@pytest.fixture(scope="module")
def sam(playwright: Any, live_server: LiveServer) -> Iterator[Api]:
    """Sam Clarke, the demo carer matched with Helen, through the API."""
    yield from api_session(playwright, live_server, SAM)


class CallsTheApi(Protocol):
    """Anything that calls the API as a signed-in person (``Api`` here, a module's own client)."""

    def call(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> Any: ...

    def get(self, path: str) -> Any: ...


def screen_and_approve(coordinator: CallsTheApi, org: str, membership_id: str, *, reference: str) -> None:
    """Record a buddy's required training and a DBS check, and approve them: they can now be matched."""
    screening = f"{org}/buddies/{membership_id}"
    today = date.today()
    for course in coordinator.get(f"{org}/training-courses"):
        if course["required"]:
            coordinator.call(
                "POST",
                f"{screening}/training",
                {"course_id": course["id"], "completed_on": today.isoformat()},
            )
    coordinator.call(
        "POST",
        f"{screening}/checks",
        {
            "check_type": "dbs_enhanced_adults_barred",
            "reference": reference,
            "issued_on": (today - timedelta(days=30)).isoformat(),
            "recheck_due": (today + timedelta(days=3 * 365)).isoformat(),
        },
    )
    coordinator.call("PUT", f"{screening}/approval", {"granted": True})
    assert coordinator.get(f"{screening}/screening")["matchable"]


# --- Web Push against the loopback push service (its own process) ------------------------------------------


@pytest.fixture
def push_service(live_server: LiveServer) -> Iterator[PushServiceProcess]:
    """The loopback push service, accepting only the live server's own VAPID key; decrypts every push."""
    from tests.notifications.workers import PushServiceProcess

    key = vapid.parse((live_server.data_dir / vapid.KEY_FILE_NAME).read_text())
    service = PushServiceProcess(vapid_public_key=key.public_key, decrypt_every=1)
    yield service
    service.stop()


def already_subscribed(subscription: dict[str, Any]) -> str:
    """An init script: this browser holds ``subscription`` on the loopback push service already.

    Headless Chromium has no push service of its own, so the page's PushManager hands out this one.
    """
    return f"""
        (() => {{
          const subscription = {{
            endpoint: {json.dumps(subscription["endpoint"])},
            expirationTime: null,
            toJSON() {{ return {json.dumps(subscription)}; }},
            unsubscribe: async () => true,
          }};
          PushManager.prototype.getSubscription = async function () {{ return subscription; }};
          PushManager.prototype.subscribe = async function () {{ return subscription; }};
        }})();
    """


def until(condition: Any, what: str, *, timeout: float = 20.0) -> Any:
    """Look until ``condition()`` gives something truthy (the app and the server work in the background)."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting until {what}")
        time.sleep(0.2)
    return value


def service_worker_registration(devtools: Any, phone: Phone) -> str:
    """The id of the phone's service worker registration, through DevTools (to deliver a push to it)."""
    found: list[dict[str, Any]] = []
    devtools.on("ServiceWorker.workerRegistrationUpdated", lambda event: found.extend(event["registrations"]))
    devtools.send("ServiceWorker.enable")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for registration in found:
            if registration["scopeURL"] == phone.base_url + "/" and not registration["isDeleted"]:
                return str(registration["registrationId"])
        phone.page.wait_for_timeout(100)
    raise AssertionError(f"no service worker registration for {phone.base_url}: {found}")
