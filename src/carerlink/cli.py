"""The ``carerlink`` command: serve, worker, db upgrade, backup and restore, demo, set-up and checks."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any

from carerlink.actor import Actor, Role
from carerlink.config_check import production_problems
from carerlink.db import migrate
from carerlink.kit.logs import configure_logging
from carerlink.kit.schema import Email
from carerlink.mail.transport import transport_for
from carerlink.notifications import vapid
from carerlink.profiles import pool_revision
from carerlink.runtime import Runtime
from carerlink.settings import Settings, SettingsError

log = logging.getLogger("carerlink.cli")


def _runtime(settings: Settings) -> Runtime:
    return Runtime.create(
        settings,
        mail_transport=transport_for(
            settings.smtp_url, sender=settings.mail_from, data_dir=settings.data_dir
        ),
        session_hooks=[pool_revision.track],  # as the web app: a new buddy-pool stamp with every change
    )


def _all_problems(settings: Settings) -> list[str]:
    """The settings' problems, and a configured Web Push key that cannot be read (checked by reading it)."""
    problems = production_problems(settings)
    configured = settings.vapid_private_key or (
        settings.vapid_private_key_file is not None and settings.vapid_private_key_file.is_file()
    )
    if configured:
        try:
            vapid.load(settings)
        except SettingsError as error:
            problems.append(
                f"The Web Push key cannot be used: {error}. Make one with `carerlink vapid-keys` — but if "
                "phones already subscribed with the old key, find that key instead: a new one ends them."
            )
    return problems


def _refuse_unsafe_production(settings: Settings) -> bool:
    """In production, print what is missing or unsafe and say whether to refuse to start."""
    if settings.env != "production":
        return False
    problems = _all_problems(settings)
    for problem in problems:
        print(f"carerlink: {problem}", file=sys.stderr)
    return bool(problems)


def cmd_check_config(settings: Settings, _: argparse.Namespace) -> int:
    """Print what is missing or unsafe for production, in plain words; non-zero when anything is."""
    problems = _all_problems(settings)
    if not problems:
        print("configuration is ready for production")
        return 0
    print(f"{len(problems)} thing(s) to fix before running in production:")
    for number, problem in enumerate(problems, 1):
        print(f"  {number}. {problem}")
    return 1


def _share_metrics(settings: Settings) -> None:
    """Let several web processes count requests together (prometheus_client's multiprocess mode)."""
    directory = settings.private_data_dir() / "metrics"
    directory.mkdir(mode=0o700, exist_ok=True)
    for stale in directory.glob("*.db"):
        stale.unlink()
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(directory.resolve())


def _private_data_dir(settings: Settings) -> None:
    """Make an existing data directory private (0700): installs from before issue 10 made it 0755."""
    if settings.data_dir.exists():
        settings.private_data_dir()


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    """Serve the app with uvicorn; on SQLite, migrate first so one command runs everything."""
    import uvicorn

    if _refuse_unsafe_production(settings):
        return 2
    _private_data_dir(settings)
    if settings.is_sqlite:
        migrate.upgrade(settings.database_url, schema=settings.database_schema)
    settings.with_secret_key()  # create the key file once, before several workers race to
    vapid.load(settings)  # likewise the VAPID key (and refuse to start in production without one)
    workers = args.workers or settings.web_workers
    if workers > 1:
        _share_metrics(settings)
    log.info(
        "serve.starting",
        extra={
            "fields": {"url": settings.base_url, "workers": workers, "jobs_in_process": settings.run_jobs}
        },
    )
    uvicorn.run(
        "carerlink.app:create_app_from_env",
        factory=True,
        host=args.host or settings.host,
        port=args.port or settings.port,
        workers=workers,
        log_config=None,
        access_log=False,
        proxy_headers=False,
        server_header=False,
        timeout_graceful_shutdown=20,
    )
    return 0


async def _worker(settings: Settings) -> None:
    from carerlink import scheduler as ticks

    runtime = _runtime(settings)
    scheduler = ticks.build_scheduler(runtime)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopping.set)
    scheduler.start()
    log.info("worker.started")
    await stopping.wait()
    log.info("worker.stopping")
    await ticks.stop(scheduler, runtime)
    await runtime.close()


def cmd_worker(settings: Settings, _: argparse.Namespace) -> int:
    """Run the scheduler ticks until SIGTERM or SIGINT (on uvloop where it is installed)."""
    if _refuse_unsafe_production(settings):
        return 2
    vapid.load(settings)
    try:
        import uvloop
    except ImportError:  # pragma: no cover - uvloop is not built for every platform
        asyncio.run(_worker(settings))
    else:
        uvloop.run(_worker(settings))
    return 0


def cmd_vapid_keys(_: Settings, __: argparse.Namespace) -> int:
    """Print a new VAPID key pair for ``CARERLINK_VAPID_PRIVATE_KEY``."""
    key = vapid.generate()
    print("# Keep the private key secret and never change it: browsers' subscriptions are bound to it.")
    print(f"CARERLINK_VAPID_PRIVATE_KEY={key.private_key_text}")
    print(f"# public key (applicationServerKey): {key.public_key}")
    return 0


def cmd_backup(settings: Settings, args: argparse.Namespace) -> int:
    """Back up the database: SQLite's online backup, or pg_dump for PostgreSQL."""
    from carerlink.db import backup

    try:
        if settings.is_sqlite:
            path = backup.backup_sqlite(
                settings.database_url,
                Path(args.output) if args.output else backup.default_backup_path(settings.data_dir),
            )
        else:
            path = backup.postgres_dump(settings.database_url, Path(args.output or "carerlink.dump"))
    except backup.BackupError as exc:
        print(f"carerlink: {exc}", file=sys.stderr)
        return 1
    print(f"backup written to {path}")
    return 0


def cmd_restore(settings: Settings, args: argparse.Namespace) -> int:
    """Restore a SQLite backup over the database (stop carerlink first)."""
    from carerlink.db import backup

    if not settings.is_sqlite:
        print("carerlink: restore PostgreSQL with pg_restore --clean --no-owner --dbname=…", file=sys.stderr)
        return 1
    try:
        revision = backup.restore_sqlite(settings.database_url, Path(args.backup))
    except backup.BackupError as exc:
        print(f"carerlink: {exc}", file=sys.stderr)
        return 1
    print(f"restored {args.backup} (migration {revision}); run `carerlink db upgrade` if this code is newer")
    return 0


def cmd_db_upgrade(settings: Settings, _: argparse.Namespace) -> int:
    """Apply every migration the database does not have yet."""
    _private_data_dir(settings)
    migrate.upgrade(settings.database_url, schema=settings.database_schema)
    print("database is up to date")
    return 0


async def _demo(settings: Settings, if_empty: bool) -> int:
    from carerlink import demo

    runtime = _runtime(settings)
    try:
        async with runtime.database.session_scope() as session:
            if not await demo.is_empty(session):
                if not if_empty:
                    print(
                        "the database already has data; demo data is added only to an empty one",
                        file=sys.stderr,
                    )
                    return 1
            else:
                await demo.seed(session, now=runtime.clock.now())
    finally:
        await runtime.close()
    print(demo.credentials_text(settings.base_url))
    return 0


def cmd_demo(settings: Settings, args: argparse.Namespace) -> int:
    """Seed the demo organisation into an empty database and print the sign-in details."""
    if settings.env == "production":
        print("demo data is refused when CARERLINK_ENV=production", file=sys.stderr)
        return 2
    return asyncio.run(_demo(settings, args.if_empty))


async def _create_org(settings: Settings, args: argparse.Namespace) -> int:
    from carerlink.organisations import service as organisations

    runtime = _runtime(settings)
    try:
        async with runtime.database.session_scope() as session:
            organisation = await organisations.create_organisation(
                session, name=args.name, slug=args.slug, time_zone=args.time_zone, now=runtime.clock.now()
            )
    finally:
        await runtime.close()
    print(f"created organisation {organisation.name!r} ({organisation.slug}), id {organisation.id}")
    return 0


async def _create_coordinator(settings: Settings, args: argparse.Namespace) -> int:
    import msgspec

    from carerlink.organisations import service as organisations
    from carerlink.organisations.scope import open_scope

    msgspec.convert(args.email, Email)
    runtime = _runtime(settings)
    try:
        async with runtime.database.session_scope() as session:
            scope = await open_scope(session, actor=Actor.system(), now=runtime.clock.now(), ref=args.org)
            organisation = scope.organisation
            if organisation is None:
                print(f"carerlink: no organisation {args.org!r}", file=sys.stderr)
                return 1
            created = await organisations.send_invitation(
                scope, email=args.email, role=Role.COORDINATOR, base_url=settings.base_url
            )
    finally:
        await runtime.close()
    print(f"invited {args.email} as coordinator of {organisation.name}")
    print(f"  link (valid 7 days): {settings.base_url}/invitation#token={created.token}")
    print(f"  or the code, in person: {created.code}")
    return 0


def _async_command(
    run: Callable[[Settings, argparse.Namespace], Coroutine[Any, Any, int]],
) -> Callable[[Settings, argparse.Namespace], int]:
    def command(settings: Settings, args: argparse.Namespace) -> int:
        return asyncio.run(run(settings, args))

    return command


def build_parser() -> argparse.ArgumentParser:
    """The command line, one sub-command per task."""
    parser = argparse.ArgumentParser(prog="carerlink", description="The carer buddy service.")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the app (and, on SQLite, run the ticks in-process)")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int, help="web worker processes (default CARERLINK_WEB_WORKERS)")
    serve.set_defaults(run=cmd_serve)

    check = commands.add_parser("check-config", help="say what is missing or unsafe for production")
    check.set_defaults(run=cmd_check_config)

    worker = commands.add_parser("worker", help="run the scheduler ticks (outbox, reminders, escalations)")
    worker.set_defaults(run=cmd_worker)

    keys = commands.add_parser("vapid-keys", help="print a new Web Push (VAPID) key pair")
    keys.set_defaults(run=cmd_vapid_keys)

    database = commands.add_parser("db", help="database tasks")
    db_commands = database.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("upgrade", help="apply pending migrations").set_defaults(run=cmd_db_upgrade)

    backup_command = commands.add_parser("backup", help="back up the database (online for SQLite)")
    backup_command.add_argument(
        "--output", help="file to write (default var/backups/carerlink-<time>.sqlite3)"
    )
    backup_command.set_defaults(run=cmd_backup)

    restore = commands.add_parser("restore", help="restore a SQLite backup (stop carerlink first)")
    restore.add_argument("backup", help="the backup file")
    restore.set_defaults(run=cmd_restore)

    demo = commands.add_parser("demo", help="seed demo data into an empty database")
    demo.add_argument(
        "--if-empty", action="store_true", help="do nothing (but print the logins) if data exists"
    )
    demo.set_defaults(run=cmd_demo)

    org = commands.add_parser("create-org", help="create an organisation")
    org.add_argument("--name", required=True)
    org.add_argument("--slug", required=True, help="short name for URLs, e.g. riverside")
    org.add_argument("--time-zone", default="Europe/London")
    org.set_defaults(run=_async_command(_create_org))

    coordinator = commands.add_parser(
        "create-coordinator", help="invite the first coordinator of an organisation"
    )
    coordinator.add_argument("--org", required=True, help="the organisation's slug")
    coordinator.add_argument("--email", required=True)
    coordinator.set_defaults(run=_async_command(_create_coordinator))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``carerlink`` console script."""
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(f"carerlink: {exc}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level)
    from carerlink.errors import DomainError

    try:
        return int(args.run(settings, args))
    except DomainError as exc:
        print(f"carerlink: {exc.detail}", file=sys.stderr)
        return 1
    except SettingsError as exc:
        print(f"carerlink: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    finally:
        with contextlib.suppress(Exception):
            logging.shutdown()


if __name__ == "__main__":
    sys.exit(main())
