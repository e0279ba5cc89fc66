"""The VAPID key: generated once on the embedded default, read in production, printed by the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from carerlink.notifications import vapid
from carerlink.settings import Settings, SettingsError
from tests.notifications.push_service import unb64, verify_vapid


def _settings(tmp_path: Path, **changes: object) -> Settings:
    return Settings(env="development", data_dir=tmp_path / "var").replace(**changes)


def test_the_embedded_default_generates_one_key_into_the_data_dir_with_mode_0600(tmp_path: Path) -> None:
    settings = _settings(tmp_path)

    with ThreadPoolExecutor(max_workers=8) as pool:  # several processes starting at once agree on one key
        keys = list(pool.map(lambda _: vapid.load(settings).public_key, range(8)))

    path = tmp_path / "var" / vapid.KEY_FILE_NAME
    assert len(set(keys)) == 1
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.read_text().startswith("-----BEGIN PRIVATE KEY-----")
    assert vapid.load(settings).public_key == keys[0]  # and keep it across restarts
    assert [p.name for p in (tmp_path / "var").iterdir()] == [vapid.KEY_FILE_NAME]


def test_production_reads_the_key_from_the_environment_or_a_file(tmp_path: Path) -> None:
    key = vapid.generate()
    key_file = tmp_path / "vapid.pem"
    key_file.write_bytes(key.pem())

    from_env = vapid.load(_settings(tmp_path, env="production", vapid_private_key=key.private_key_text))
    from_file = vapid.load(_settings(tmp_path, env="production", vapid_private_key_file=key_file))

    assert from_env.public_key == from_file.public_key == key.public_key
    assert not (tmp_path / "var").exists()  # nothing generated in production


@pytest.mark.parametrize(
    "changes",
    [
        {"env": "production"},
        {"env": "production", "vapid_private_key": "not-a-key"},
        {"vapid_private_key": vapid.b64url(b"\x01" * 31)},
        {"vapid_private_key_file": Path("/nonexistent/vapid.pem")},
    ],
)
def test_a_missing_or_unreadable_key_stops_the_process_with_a_clear_message(
    tmp_path: Path, changes: dict[str, object]
) -> None:
    with pytest.raises(SettingsError, match="VAPID"):
        vapid.load(_settings(tmp_path, **changes))


def test_the_cli_prints_a_pair_that_the_settings_accept(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "carerlink.cli", "vapid-keys"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "CARERLINK_DATA_DIR": str(tmp_path)},
        timeout=60,
    )

    lines = dict(
        line.removeprefix("# ").split(": " if line.startswith("#") else "=", 1)
        for line in result.stdout.splitlines()
        if "=" in line or ": " in line
    )
    private, public = lines["CARERLINK_VAPID_PRIVATE_KEY"], lines["public key (applicationServerKey)"]
    loaded = vapid.load(
        Settings.from_env({"CARERLINK_ENV": "production", "CARERLINK_VAPID_PRIVATE_KEY": private})
    )
    assert loaded.public_key == public
    assert len(unb64(public)) == 65


def test_the_header_is_signed_once_per_origin_and_renewed_before_twelve_hours() -> None:
    wall = [1_800_000_000.0]
    key = vapid.generate()
    signer = vapid.VapidSigner(key, "mailto:admin@carerlink.invalid", wall=lambda: wall[0])

    first = signer.headers("https://fcm.googleapis.com")
    assert signer.headers("https://fcm.googleapis.com") is first
    other = signer.headers("https://web.push.apple.com")
    token = first["Authorization"].split("t=", 1)[1].split(",", 1)[0]
    claims = json.loads(unb64(token.split(".")[1]))
    assert claims == {
        "aud": "https://fcm.googleapis.com",
        "exp": 1_800_000_000 + 12 * 3600,
        "sub": "mailto:admin@carerlink.invalid",
    }
    assert other != first
    assert signer.signed == 2

    wall[0] += 10.9 * 3600
    assert signer.headers("https://fcm.googleapis.com") is first
    wall[0] += 0.2 * 3600  # within an hour of expiry: a fresh token
    renewed = signer.headers("https://fcm.googleapis.com")
    assert renewed is not first
    assert signer.signed == 3


def test_the_header_verifies_as_a_push_service_checks_it() -> None:
    key = vapid.generate()
    signer = vapid.VapidSigner(key, "mailto:admin@carerlink.invalid")

    header = signer.headers("https://fcm.googleapis.com")["Authorization"]

    claims = verify_vapid(header, expected_key=key.public_key, audience="https://fcm.googleapis.com")
    assert claims["sub"] == "mailto:admin@carerlink.invalid"
    with pytest.raises(ValueError, match="aud"):
        verify_vapid(header, expected_key=key.public_key, audience="https://web.push.apple.com")
    with pytest.raises(ValueError, match="VAPID key"):
        verify_vapid(header, expected_key=vapid.generate().public_key, audience="https://fcm.googleapis.com")


def test_a_contact_push_services_cannot_use_is_refused() -> None:
    with pytest.raises(SettingsError, match="CONTACT"):
        vapid.VapidSigner(vapid.generate(), "admin@carerlink")
