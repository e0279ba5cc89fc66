"""Typed settings, read once from ``CARERLINK_*`` environment variables and passed into ``create_app``."""

from __future__ import annotations

import dataclasses
import ipaddress
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from carerlink.kit.files import private_directory

Environment = Literal["development", "test", "production"]
SmsProvider = Literal["", "twilio", "file"]
# Where `npm run build` puts the PWA in a source checkout (src/carerlink/settings.py → frontend/dist).
DEFAULT_FRONTEND_DIR = Path(__file__).resolve().parents[2] / "frontend" / "dist"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class SettingsError(ValueError):
    """A ``CARERLINK_*`` variable holds a value that cannot be used."""


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Everything configurable about one carerlink process.

    The README's configuration table lists each field with its variable; keep them in step.
    """

    env: Environment = "development"
    data_dir: Path = Path("var")
    database_url: str = ""
    database_schema: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    base_url: str = ""
    secret_key: str = ""
    session_idle_minutes: int = 30
    session_absolute_days: int = 14
    smtp_url: str | None = None
    mail_from: str = "carerlink <no-reply@carerlink.invalid>"
    # Text messages (issue 14): off ("") by default; "twilio" sends through Twilio's API, "file" writes
    # each text to ``var/texts/`` for the demo. ``twilio_api_url`` points the SDK elsewhere (tests' fake).
    sms_provider: SmsProvider = ""
    twilio_account_sid: str = ""
    twilio_auth_token: str = ""
    sms_from: str = ""
    twilio_api_url: str | None = None
    log_level: str = "INFO"
    run_jobs: bool = True
    web_workers: int = 1
    trusted_proxies: tuple[str, ...] = ()
    vapid_private_key: str | None = None
    vapid_private_key_file: Path | None = None
    vapid_contact: str = "mailto:admin@carerlink.invalid"
    push_allow_any_endpoint: bool = False
    push_concurrency: int = 128
    push_timeout_seconds: int = 10
    allow_sqlite_in_production: bool = False
    metrics_token: str | None = None
    frontend_dir: Path = DEFAULT_FRONTEND_DIR
    test_clock_file: Path | None = None  # test only: seconds to move the clock by (kit/clock.ShiftedClock)

    @property
    def is_sqlite(self) -> bool:
        """Whether the database is the embedded SQLite default."""
        return self.database_url.startswith("sqlite")

    @property
    def is_https(self) -> bool:
        """Whether people reach the app over https (cookies then get ``Secure`` and ``__Host-``)."""
        return urlsplit(self.base_url).scheme == "https"

    @property
    def origin(self) -> str:
        """The scheme://host[:port] the browser sends in ``Origin``."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    def replace(self, **changes: object) -> Settings:
        """Return a copy with some fields changed (tests and the CLI use this)."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read settings from ``CARERLINK_*`` variables, filling in the embedded defaults."""
        env = os.environ if environ is None else environ

        def get(name: str, default: str = "") -> str:
            return env.get(f"CARERLINK_{name}", default).strip()

        environment = get("ENV", "development")
        if environment not in ("development", "test", "production"):
            raise SettingsError(f"CARERLINK_ENV must be development, test or production, not {environment!r}")
        data_dir = Path(get("DATA_DIR", "var"))
        host = get("HOST", "127.0.0.1")
        port = _int(get("PORT", "8000"), "PORT", low=1, high=65535)
        base_url = get("BASE_URL") or f"http://{host}:{port}"
        if urlsplit(base_url).scheme not in ("http", "https"):
            raise SettingsError("CARERLINK_BASE_URL must start with http:// or https://")
        database_url = (
            get("DATABASE_URL") or f"sqlite+aiosqlite:///{(data_dir / 'carerlink.sqlite3').as_posix()}"
        )
        database_url = _async_driver(database_url)
        vapid_file = get("VAPID_PRIVATE_KEY_FILE")
        frontend_dir = get("FRONTEND_DIR")
        test_clock_file = get("TEST_CLOCK_FILE")
        if test_clock_file and environment != "test":
            raise SettingsError(
                "CARERLINK_TEST_CLOCK_FILE moves the clock: it is for CARERLINK_ENV=test only"
            )
        sms_provider = get("SMS_PROVIDER").lower()
        if sms_provider not in ("", "twilio", "file"):
            raise SettingsError(
                f"CARERLINK_SMS_PROVIDER must be twilio, file or empty (off), not {sms_provider!r}"
            )
        return cls(
            env=environment,  # type: ignore[arg-type]
            data_dir=data_dir,
            database_url=database_url,
            database_schema=get("DATABASE_SCHEMA") or None,
            host=host,
            port=port,
            base_url=base_url.rstrip("/"),
            secret_key=get("SECRET_KEY"),
            session_idle_minutes=_int(get("SESSION_IDLE_MINUTES", "30"), "SESSION_IDLE_MINUTES", low=1),
            session_absolute_days=_int(get("SESSION_ABSOLUTE_DAYS", "14"), "SESSION_ABSOLUTE_DAYS", low=1),
            smtp_url=get("SMTP_URL") or None,
            mail_from=get("MAIL_FROM", "carerlink <no-reply@carerlink.invalid>"),
            sms_provider=sms_provider,  # type: ignore[arg-type]
            twilio_account_sid=get("TWILIO_ACCOUNT_SID"),
            twilio_auth_token=get("TWILIO_AUTH_TOKEN"),
            sms_from=get("SMS_FROM"),
            twilio_api_url=get("TWILIO_API_URL") or None,
            log_level=get("LOG_LEVEL", "INFO").upper(),
            run_jobs=_bool(get("RUN_JOBS"), "RUN_JOBS", default=database_url.startswith("sqlite")),
            web_workers=_int(get("WEB_WORKERS", "1"), "WEB_WORKERS", low=1, high=64),
            trusted_proxies=_networks(get("TRUSTED_PROXIES")),
            vapid_private_key=get("VAPID_PRIVATE_KEY") or None,
            vapid_private_key_file=Path(vapid_file) if vapid_file else None,
            vapid_contact=get("VAPID_CONTACT", "mailto:admin@carerlink.invalid"),
            push_allow_any_endpoint=_bool(get("PUSH_ALLOW_ANY_ENDPOINT"), "PUSH_ALLOW_ANY_ENDPOINT"),
            push_concurrency=_int(get("PUSH_CONCURRENCY", "128"), "PUSH_CONCURRENCY", low=1, high=1024),
            push_timeout_seconds=_int(
                get("PUSH_TIMEOUT_SECONDS", "10"), "PUSH_TIMEOUT_SECONDS", low=1, high=60
            ),
            allow_sqlite_in_production=_bool(get("ALLOW_SQLITE_IN_PRODUCTION"), "ALLOW_SQLITE_IN_PRODUCTION"),
            metrics_token=get("METRICS_TOKEN") or None,
            frontend_dir=Path(frontend_dir) if frontend_dir else DEFAULT_FRONTEND_DIR,
            test_clock_file=Path(test_clock_file) if test_clock_file else None,
        )

    def private_data_dir(self) -> Path:
        """The data directory, created for the service's user only (0700), or made so if it exists.

        It holds the SQLite database (health data), the generated keys and the demo's e-mail.
        """
        return private_directory(self.data_dir)

    def with_secret_key(self) -> Settings:
        """Fill in the secret key: the configured one, else (outside production) one kept in the data dir."""
        if self.secret_key:
            return self
        if self.env == "production":
            raise SettingsError("CARERLINK_SECRET_KEY must be set in production")
        path = self.data_dir / "secret_key"
        if not path.exists():
            self.private_data_dir()
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(48))
        return self.replace(secret_key=path.read_text().strip())


def _int(raw: str, name: str, *, low: int | None = None, high: int | None = None) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"CARERLINK_{name} must be a whole number, not {raw!r}") from None
    if (low is not None and value < low) or (high is not None and value > high):
        raise SettingsError(f"CARERLINK_{name} must be between {low} and {high}, not {value}")
    return value


def _bool(raw: str, name: str, *, default: bool = False) -> bool:
    lowered = raw.lower()
    if not raw:
        return default
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise SettingsError(f"CARERLINK_{name} must be 1 or 0, not {raw!r}")


def _networks(raw: str) -> tuple[str, ...]:
    """Comma-separated addresses or networks (``10.0.0.0/8``), each checked."""
    items = tuple(item.strip() for item in raw.split(",") if item.strip())
    for item in items:
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            raise SettingsError(f"CARERLINK_TRUSTED_PROXIES: {item!r} is not an address or network") from None
    return items


def _async_driver(url: str) -> str:
    """Accept the usual URL spellings and pick the async driver carerlink runs on."""
    for plain, driver in (
        ("postgres://", "postgresql+asyncpg://"),
        ("postgresql://", "postgresql+asyncpg://"),
        ("sqlite://", "sqlite+aiosqlite://"),
    ):
        if url.startswith(plain):
            return driver + url[len(plain) :]
    return url
