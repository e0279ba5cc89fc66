"""How e-mail leaves: SMTP (aiosmtplib) when configured, otherwise files in ``var/mail/`` for the demo.

Every e-mail is plain text and HTML (``multipart/alternative``; the HTML is made from the plain text);
a reminder with an unsubscribe address also carries RFC 8058's one-click ``List-Unsubscribe`` headers.
SMTP keeps a small pool of open connections across sends and ticks (``?pool=``, default 4): opening one
costs several round trips (greeting, EHLO, STARTTLS, AUTH), which is most of the time a mail takes.
"""

from __future__ import annotations

import asyncio
import binascii
import contextlib
import email.policy
import html
import logging
import os
import re
import uuid
from email.header import Header
from email.message import EmailMessage
from email.utils import formatdate, parseaddr
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import aiosmtplib

from carerlink.kit.files import private_directory
from carerlink.kit.text import is_one_line
from carerlink.runtime import MailMessage, MailRefused, MailTransport

log = logging.getLogger("carerlink.mail")

STOP_LINE = "Stop these reminder e-mails: {url}"
_LINK = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")


def sender_domain(sender: str) -> str:
    """The domain of the sender's address (``no-reply@riverside.example`` → ``riverside.example``)."""
    _, address = parseaddr(sender)
    domain = address.rpartition("@")[2].strip().lower()
    return domain or "localhost"


def plain_text(message: MailMessage) -> str:
    """The plain-text body, with the visible way to stop reminder e-mails when there is one.

    ``queue_mail`` writes it in the recipient's language; one queued before that did gets it in English.
    """
    body = message.body
    if message.unsubscribe_url and message.unsubscribe_url not in body:
        body = f"{body.rstrip()}\n\n{STOP_LINE.format(url=message.unsubscribe_url)}\n"
    return body


def _linked(text: str) -> str:
    """``text`` escaped for HTML, with each http(s) address a link."""
    out, last = [], 0
    for match in _LINK.finditer(text):
        out.append(html.escape(text[last : match.start()]))
        url = html.escape(match.group(0))
        out.append(f'<a href="{url}" style="color:#1d70b8">{url}</a>')
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def html_body(text: str, *, subject: str) -> str:
    """A simple, readable HTML version of ``text``: paragraphs at blank lines, line breaks kept, links."""
    paragraphs = [p.strip("\n") for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    body = "\n".join(
        f'<p style="margin:0 0 16px">{_linked(p).replace(chr(10), "<br>" + chr(10))}</p>' for p in paragraphs
    )
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(subject)}</title>\n</head>\n"
        '<body style="margin:0;padding:0;background:#ffffff;color:#0b0c0c">\n'
        '<div style="max-width:560px;margin:0 auto;padding:24px 16px;'
        'font-family:Arial,Helvetica,sans-serif;font-size:19px;line-height:1.5">\n'
        f"{body}\n</div>\n</body>\n</html>\n"
    )


@lru_cache(maxsize=8)
def _from_header(sender: str) -> Any:
    """The parsed ``From`` header, made once (parsing headers is most of the CPU a mail costs)."""
    return email.policy.default.header_factory("From", sender)


def build(sender: str, message: MailMessage) -> EmailMessage:
    """The e-mail; ``MailRefused`` if it cannot be built (a header with a line break in it)."""
    try:
        built = EmailMessage()
        built["From"] = _from_header(sender)
        built["To"] = message.to
        built["Subject"] = message.subject
        built["Date"] = formatdate(usegmt=True)
        built["Message-ID"] = f"<{message.id or uuid.uuid4()}@{sender_domain(sender)}>"
        if message.unsubscribe_url:
            built["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
            built["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        text = plain_text(message)
        built.set_content(text)
        built.add_alternative(html_body(text, subject=message.subject), subtype="html")
    except ValueError:
        raise MailRefused("message:invalid-header") from None  # the same next time: never retried
    return built


# An address the fast path writes as it is: ASCII, one local part and one domain, nothing to quote.
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+")
_PLAIN_URL = re.compile(r"https?://[\x21-\x7e]+")


@lru_cache(maxsize=8)
def _from_line(sender: str) -> bytes:
    return str(email.policy.SMTP.fold("From", _from_header(sender))).encode("ascii")


def _text_part(content_type: str, text: str) -> bytes:
    """One ``text/*`` part in UTF-8: as it is when ASCII with short lines, else quoted-printable."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.endswith("\n"):
        text += "\n"  # as the email package does
    if text.isascii() and all(len(line) <= 900 for line in text.split("\n")):
        encoding, payload = "7bit", text.encode("ascii")
    else:
        encoding, payload = "quoted-printable", binascii.b2a_qp(text.encode("utf-8"), istext=True)
    head = f'Content-Type: {content_type}; charset="utf-8"\r\nContent-Transfer-Encoding: {encoding}\r\n\r\n'
    return head.encode("ascii") + payload.replace(b"\n", b"\r\n")


def render(sender: str, message: MailMessage, *, date: str | None = None) -> bytes | None:
    """The same e-mail as ``build`` written out directly (a few times less CPU than the email package).

    ``None`` when it needs the email package after all (an address or link that is not plain ASCII);
    ``MailRefused`` for a header with a line break or control character in it, as ``build``.
    """
    subject, to, stop = message.subject, message.to, message.unsubscribe_url
    if not is_one_line(subject) or not is_one_line(to) or (stop is not None and not is_one_line(stop)):
        raise MailRefused("message:invalid-header")
    if not _PLAIN_ADDRESS.fullmatch(to) or (stop is not None and not _PLAIN_URL.fullmatch(stop)):
        return None
    if not subject.isascii() or len(subject) > 900:
        subject = Header(subject, "utf-8").encode(linesep="\r\n")
    boundary = f"=_carerlink_{uuid.uuid4().hex}"
    lines = [
        f"To: {to}",
        f"Subject: {subject}",
        f"Date: {date or formatdate(usegmt=True)}",
        f"Message-ID: <{message.id or uuid.uuid4()}@{sender_domain(sender)}>",
    ]
    if stop:
        lines += [f"List-Unsubscribe: <{stop}>", "List-Unsubscribe-Post: List-Unsubscribe=One-Click"]
    lines += ["MIME-Version: 1.0", f'Content-Type: multipart/alternative; boundary="{boundary}"', "", ""]
    text = plain_text(message)
    separator = f"--{boundary}\r\n".encode("ascii")
    return b"".join(
        [
            _from_line(sender),
            "\r\n".join(lines).encode("ascii"),
            separator,
            _text_part("text/plain", text),
            b"\r\n",
            separator,
            _text_part("text/html", html_body(text, subject=message.subject)),
            f"\r\n--{boundary}--\r\n".encode("ascii"),
        ]
    )


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


class SmtpUnavailable(ConnectionError):
    """The SMTP server could not be reached a moment ago; this send was not tried (it is retried later)."""


class SmtpTransport:
    """Send through an SMTP server given as ``smtp://user:pass@host:port`` (``smtps://`` for TLS).

    Query options: ``?starttls=1`` upgrades a plain connection; ``?timeout=`` seconds per command
    (default 20); ``?pool=`` connections kept open and used at once (default 4: also how many mails
    are sent at a time); ``?idle=`` seconds a connection may sit unused before it is closed (default 30,
    under the usual server time-outs). A connection that errors is closed, and a fresh one opened for
    the next mail. After a failed connect, sends fail at once for ``DOWN_SECONDS`` (retried later)
    rather than each waiting for its own time-out.
    """

    DOWN_SECONDS = 5.0

    def __init__(self, url: str, sender: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps"):
            raise ValueError("CARERLINK_SMTP_URL must start with smtp:// or smtps://")
        query = parse_qs(parts.query)
        self.sender = sender
        self.envelope_sender = parseaddr(sender)[1]
        self.hostname = parts.hostname or "localhost"
        self.use_tls = parts.scheme == "smtps"
        self.port = parts.port or (465 if self.use_tls else 25)
        self.username = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        self.start_tls = query.get("starttls", ["0"])[0] in ("1", "true")
        self.timeout = float(query.get("timeout", ["20"])[0])
        self.concurrency = max(1, min(50, int(query.get("pool", ["4"])[0])))
        self.idle_seconds = float(query.get("idle", ["30"])[0])
        self.connections_opened = 0
        self._idle: list[tuple[aiosmtplib.SMTP, float]] = []  # most recently used last
        self._slots: asyncio.Semaphore | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._down_until = 0.0

    async def send(self, message: MailMessage) -> None:
        """Send one e-mail over a pooled connection; ``MailRefused`` when it can never go."""
        raw = render(self.sender, message) if self.envelope_sender.isascii() else None
        built = build(self.sender, message) if raw is None else None
        slots = self._slots_for(asyncio.get_running_loop())
        async with slots:
            smtp = await self._take()
            keep = False
            try:
                if raw is not None:
                    await smtp.sendmail(self.envelope_sender, [message.to], raw)
                else:  # the envelope given, so aiosmtplib need not parse it back out of the headers
                    assert built is not None
                    await smtp.send_message(built, sender=self.envelope_sender, recipients=[message.to])
                keep = True
            except (aiosmtplib.SMTPResponseException, aiosmtplib.SMTPRecipientsRefused) as exc:
                # A reply, not a broken line: aiosmtplib has reset the envelope (RSET), so the
                # connection serves the next mail unless the server is closing it (421).
                keep = smtp.is_connected and getattr(exc, "code", 0) != 421
                if (reason := _permanent(exc)) is not None:
                    raise MailRefused(reason) from exc
                raise
            finally:
                if keep:
                    self._idle.append((smtp, asyncio.get_running_loop().time()))
                else:
                    smtp.close()

    def _slots_for(self, loop: asyncio.AbstractEventLoop) -> asyncio.Semaphore:
        """The pool's semaphore for this event loop (connections of another loop cannot be used in it)."""
        if self._slots is None or self._loop is not loop:
            for smtp, _ in self._idle:
                with contextlib.suppress(RuntimeError, OSError):  # its loop may be closed already
                    smtp.close()
            self._idle = []
            self._slots, self._loop = asyncio.Semaphore(self.concurrency), loop
        return self._slots

    async def _take(self) -> aiosmtplib.SMTP:
        """An open connection: the most recently used idle one that is still fresh, or a new one."""
        loop = asyncio.get_running_loop()
        while self._idle:
            smtp, since = self._idle.pop()
            if smtp.is_connected and loop.time() - since < self.idle_seconds:
                return smtp
            smtp.close()
        if loop.time() < self._down_until:
            raise SmtpUnavailable("smtp-down")
        smtp = aiosmtplib.SMTP(
            hostname=self.hostname,
            port=self.port,
            username=self.username,
            password=self.password,
            use_tls=self.use_tls,
            start_tls=self.start_tls,
            timeout=self.timeout,
        )
        try:
            await smtp.connect()
        except (TimeoutError, OSError, aiosmtplib.SMTPException):
            self._down_until = loop.time() + self.DOWN_SECONDS
            smtp.close()
            raise
        self.connections_opened += 1
        return smtp

    async def close_idle(self) -> None:
        """Close connections unused for longer than ``idle_seconds`` (before the server times them out)."""
        now = asyncio.get_running_loop().time()
        stale = [smtp for smtp, since in self._idle if now - since >= self.idle_seconds]
        self._idle = [(smtp, since) for smtp, since in self._idle if now - since < self.idle_seconds]
        await asyncio.gather(*(_quit(smtp) for smtp in stale))

    async def close(self) -> None:
        """Say goodbye on every idle connection (the process is stopping)."""
        idle, self._idle = self._idle, []
        await asyncio.gather(*(_quit(smtp) for smtp, _ in idle))


async def _quit(smtp: aiosmtplib.SMTP) -> None:
    try:
        await asyncio.wait_for(smtp.quit(), timeout=2)
    except (TimeoutError, OSError, aiosmtplib.SMTPException):
        pass
    finally:
        smtp.close()


class FileTransport:
    """Write each e-mail to ``<dir>/<time>-<id>.eml`` (mode 0600) so the demo works with no mail server."""

    def __init__(self, directory: Path, sender: str) -> None:
        self.directory = directory
        self.sender = sender

    async def send(self, message: MailMessage) -> None:
        """Write the e-mail to a file and log where it went (never its body: it may hold a link)."""
        private_directory(self.directory)
        raw = render(self.sender, message)
        # A file has the system's line endings, as ``bytes(EmailMessage)`` writes them.
        data = raw.replace(b"\r\n", b"\n") if raw is not None else bytes(build(self.sender, message))
        path = self.directory / f"{uuid.uuid1().hex}.eml"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        log.info("mail.written", extra={"fields": {"path": str(path), "category": message.category}})


def transport_for(smtp_url: str | None, *, sender: str, data_dir: Path) -> MailTransport:
    """Pick SMTP when a URL is configured, else files under the data directory."""
    if smtp_url:
        return SmtpTransport(smtp_url, sender)
    return FileTransport(data_dir / "mail", sender)
