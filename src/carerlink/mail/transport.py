"""How e-mail leaves: SMTP (aiosmtplib) when configured, otherwise files in ``var/mail/`` for the demo."""

from __future__ import annotations

import logging
import os
import uuid
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import aiosmtplib

from carerlink.kit.files import private_directory
from carerlink.runtime import MailRefused, MailTransport

log = logging.getLogger("carerlink.mail")


def _message(sender: str, to: str, subject: str, body: str) -> EmailMessage:
    """The e-mail; ``MailRefused`` if it cannot be built (a header with a line break in it)."""
    try:
        message = EmailMessage()
        message["From"] = sender
        message["To"] = to
        message["Subject"] = subject
        message["Message-ID"] = f"<{uuid.uuid4()}@carerlink>"
        message.set_content(body)
    except ValueError:
        raise MailRefused("message:invalid-header") from None  # the same next time: never retried
    return message


def _permanent(exc: aiosmtplib.SMTPException) -> str | None:
    """Why an SMTP error means this message will never go (a 5xx for its recipient or its content).

    A 5xx for the sender, the sign-in or the greeting is the server's set-up, not this message: it is
    retried (and every message fails alike, which the logs and ``/metrics`` show).
    """
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        codes = [refused.code for refused in exc.recipients]
        if codes and all(code >= 500 for code in codes):
            return f"smtp:recipient:{codes[0]}"
    elif isinstance(exc, (aiosmtplib.SMTPRecipientRefused, aiosmtplib.SMTPDataError)) and exc.code >= 500:
        kind = "recipient" if isinstance(exc, aiosmtplib.SMTPRecipientRefused) else "content"
        return f"smtp:{kind}:{exc.code}"
    return None


class SmtpTransport:
    """Send through an SMTP server given as ``smtp://user:pass@host:port`` (``smtps://`` for TLS).

    ``?starttls=1`` upgrades a plain connection; ``?timeout=`` sets seconds (default 20).
    """

    def __init__(self, url: str, sender: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps"):
            raise ValueError("CARERLINK_SMTP_URL must start with smtp:// or smtps://")
        query = parse_qs(parts.query)
        self.sender = sender
        self.hostname = parts.hostname or "localhost"
        self.use_tls = parts.scheme == "smtps"
        self.port = parts.port or (465 if self.use_tls else 25)
        self.username = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        self.start_tls = query.get("starttls", ["0"])[0] in ("1", "true")
        self.timeout = float(query.get("timeout", ["20"])[0])

    async def send(self, *, to: str, subject: str, body: str) -> None:
        """Send one e-mail over a fresh SMTP connection; ``MailRefused`` when it can never go."""
        message = _message(self.sender, to, subject, body)
        try:
            await aiosmtplib.send(
                message,
                hostname=self.hostname,
                port=self.port,
                username=self.username,
                password=self.password,
                use_tls=self.use_tls,
                start_tls=self.start_tls,
                timeout=self.timeout,
            )
        except aiosmtplib.SMTPException as exc:
            if (reason := _permanent(exc)) is not None:
                raise MailRefused(reason) from exc
            raise


class FileTransport:
    """Write each e-mail to ``<dir>/<time>-<id>.eml`` (mode 0600) so the demo works with no mail server."""

    def __init__(self, directory: Path, sender: str) -> None:
        self.directory = directory
        self.sender = sender

    async def send(self, *, to: str, subject: str, body: str) -> None:
        """Write the e-mail to a file and log where it went (never its body: it may hold a link)."""
        private_directory(self.directory)
        message = _message(self.sender, to, subject, body)
        path = self.directory / f"{uuid.uuid1().hex}.eml"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(bytes(message))
        log.info("mail.written", extra={"fields": {"path": str(path), "subject": subject}})


def transport_for(smtp_url: str | None, *, sender: str, data_dir: Path) -> MailTransport:
    """Pick SMTP when a URL is configured, else files under the data directory."""
    if smtp_url:
        return SmtpTransport(smtp_url, sender)
    return FileTransport(data_dir / "mail", sender)
