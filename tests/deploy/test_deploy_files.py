"""deploy/ holds working set-ups: the compose file's structure, and commands that exist in the project."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from carerlink.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def _is_carerlink_command(argv: list[str]) -> bool:
    """Whether ``argv`` (``carerlink …`` or a path ending in it) parses as a real sub-command."""
    if not argv or not argv[0].endswith("carerlink"):
        return False
    try:
        build_parser().parse_args(argv[1:])
    except SystemExit:
        return False
    return True


def test_compose_runs_postgres_a_migration_two_web_two_workers_and_caddy() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"postgres", "migrate", "web", "worker", "caddy"}
    assert services["web"]["deploy"]["replicas"] == 2
    assert services["worker"]["deploy"]["replicas"] == 2
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in ("web", "worker"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    for name in ("migrate", "web", "worker"):
        assert _is_carerlink_command(services[name]["command"]), services[name]["command"]
        assert services[name]["environment"]["CARERLINK_DATABASE_URL"].startswith("postgresql://")
    assert "postgres-data:/var/lib/postgresql/data" in services["postgres"]["volumes"]
    assert {"80:80", "443:443"} <= set(services["caddy"]["ports"])
    assert "./Caddyfile:/etc/caddy/Caddyfile:ro" in services["caddy"]["volumes"]
    assert (DEPLOY / "Caddyfile").is_file()


def test_only_the_web_processes_are_health_checked_by_the_images_readiness_probe() -> None:
    # The image's HEALTHCHECK asks /readyz on port 8000, which only `carerlink serve` listens on: a
    # worker or the migration inheriting it would be "unhealthy" for ever.
    services = yaml.safe_load((DEPLOY / "compose.yaml").read_text())["services"]
    assert "HEALTHCHECK" in (DEPLOY / "Dockerfile").read_text()
    assert "healthcheck" not in services["web"]  # the image's check applies
    for name in ("worker", "migrate"):
        assert services[name]["healthcheck"] == {"disable": True}, name
    assert services["caddy"]["depends_on"]["web"]["condition"] == "service_healthy"


def test_neither_reverse_proxy_publishes_the_metrics() -> None:
    for caddyfile in (DEPLOY / "Caddyfile", DEPLOY / "systemd" / "carerlink.caddy"):
        assert "respond /metrics* 404" in caddyfile.read_text(), caddyfile


@pytest.mark.skipif(shutil.which("docker") is None, reason="no docker client")
def test_docker_compose_accepts_the_file_where_the_plugin_is_installed(tmp_path: Path) -> None:
    probe = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip("the docker client has no compose plugin here")
    env_file = DEPLOY / ".env"
    created = not env_file.exists()
    if created:
        shutil.copy(DEPLOY / ".env.example", env_file)
    try:
        checked = subprocess.run(
            ["docker", "compose", "-f", str(DEPLOY / "compose.yaml"), "config", "--quiet"],
            capture_output=True,
            text=True,
        )
    finally:
        if created:
            env_file.unlink()
    assert checked.returncode == 0, checked.stderr


def test_the_dockerfile_builds_from_files_that_exist_and_runs_as_non_root_with_a_readiness_check() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    stages = re.findall(r"^FROM (\S+)(?: AS (\w+))?", dockerfile, re.MULTILINE)
    assert len(stages) == 3  # frontend build, Python build, small runtime
    for source in re.findall(r"^COPY (?!--from)(.+) \S+$", dockerfile, re.MULTILINE):
        for path in source.split():
            assert (ROOT / path.rstrip("/")).exists(), (
                f"Dockerfile copies {path}, which is not in the project"
            )
    assert re.search(r"^USER carerlink$", dockerfile, re.MULTILINE)
    assert "/readyz" in dockerfile.split("HEALTHCHECK", 1)[1]
    cmd = re.search(r"^CMD (\[.*\])$", dockerfile, re.MULTILINE)
    assert cmd is not None and _is_carerlink_command(yaml.safe_load(cmd.group(1)))
    assert "npm ci" in dockerfile and "npm run build" in dockerfile


def test_systemd_units_run_real_commands_without_privileges_and_create_private_files() -> None:
    for unit in (DEPLOY / "systemd").glob("*.service"):
        text = unit.read_text()
        starts = re.findall(r"^ExecStart(?:Pre)?=(.+)$", text, re.MULTILINE)
        assert starts, unit
        for command in starts:
            assert _is_carerlink_command(shlex.split(command)), f"{unit.name}: {command}"
        assert "User=carerlink" in text and "NoNewPrivileges=yes" in text
        # Whatever the service creates (the SQLite database and its -wal/-shm, keys) is its user's only.
        assert re.search(r"^UMask=0077$", text, re.MULTILINE), f"{unit.name} has no UMask=0077"


def test_every_setting_in_the_env_example_is_a_real_setting() -> None:
    readme = (ROOT / "README.md").read_text()
    for line in (DEPLOY / ".env.example").read_text().splitlines():
        name = line.split("=", 1)[0].strip()
        if name.startswith("CARERLINK_") and name != "CARERLINK_DOMAIN":
            assert f"`{name}`" in readme, f"{name} is not in the README's configuration table"
