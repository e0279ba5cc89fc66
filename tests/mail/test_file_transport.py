"""With no SMTP server, e-mail lands in ``var/mail/`` as files one can open and only this user can read."""

from __future__ import annotations

import email
import email.policy
import stat
from collections.abc import AsyncIterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from litestar import Litestar

from carerlink.app import create_app
from carerlink.kit.clock import FrozenClock
from carerlink.mail.jobs import deliver_mail
from carerlink.mail.transport import FileTransport
from carerlink.runtime import MailMessage
from carerlink.settings import Settings
from tests.support import ApiClient, make_user

SENDER = "Riverside Carers <no-reply@riverside.example>"


def _read(path: Path) -> EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
async def app_writing_files(settings: Settings, clock: FrozenClock) -> AsyncIterator[Litestar]:
    """The app as ``make run`` configures it: no SMTP URL, so the file transport is the one chosen."""
    application = create_app(settings.replace(smtp_url=None, mail_from=SENDER), clock=clock)
    yield application
    await application.state.runtime.close()


async def test_a_reset_link_sent_with_no_smtp_server_is_a_readable_private_file(
    app_writing_files: Litestar, settings: Settings
) -> None:
    database = app_writing_files.state.database
    person = await make_user(database, email="ruth.evans@example.org", name="Ruth Evans")
    client = ApiClient(app_writing_files)

    answer = await client.post("/api/v1/auth/password-reset", json={"email": person.email})
    assert answer.status_code in (200, 202), answer.text
    assert await deliver_mail(app_writing_files.state.runtime) == 1

    mail_dir = settings.data_dir / "mail"
    [path] = list(mail_dir.glob("*.eml"))
    message = _read(path)
    assert message["From"] == SENDER
    assert message["To"] == "ruth.evans@example.org"
    assert message["Subject"] == "Reset your carerlink password"
    assert message["Message-ID"]
    body = _body(message)
    assert body.startswith("Hello Ruth Evans,")
    assert "http://testserver.local/reset-password#token=" in body
    # The file holds a sign-in link: only the service's own user may read it, or list the folder.
    assert _mode(path) == 0o600
    assert _mode(mail_dir) == 0o700


async def test_each_mail_is_its_own_file_with_words_in_any_language_intact(tmp_path: Path) -> None:
    # A data directory made by an older install with a mail folder anyone could read is made private.
    mail_dir = tmp_path / "var" / "mail"
    mail_dir.mkdir(parents=True, mode=0o755)
    mail_dir.chmod(0o755)
    transport = FileTransport(mail_dir, SENDER)

    await transport.send(
        MailMessage(to="zoë@example.org", subject="Ваш бадди — ready", body="Grüße, Zoë 🙂\nLine two\n")
    )
    await transport.send(MailMessage(to="sam@example.org", subject="Second", body="Another\n"))

    paths = list(mail_dir.glob("*.eml"))
    assert len(paths) == 2
    messages = {_read(path)["To"]: _read(path) for path in paths}
    first = messages["zoë@example.org"]
    assert first["Subject"] == "Ваш бадди — ready"
    assert _body(first) == "Grüße, Zoë 🙂\nLine two\n"
    assert _body(messages["sam@example.org"]) == "Another\n"
    assert {_mode(p) for p in paths} == {0o600}
    assert _mode(mail_dir) == 0o700
