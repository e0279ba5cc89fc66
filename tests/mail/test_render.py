"""The e-mail written out directly (``render``, the fast path) reads exactly like the one the email package
builds (``build``): the same headers, plain and HTML parts, in any language; odd addresses fall back."""

from __future__ import annotations

import email.policy
import uuid
from email import message_from_bytes
from email.message import EmailMessage

import pytest

from carerlink.mail.transport import build, render
from carerlink.runtime import MailMessage, MailRefused

SENDER = "Riverside Carers <no-reply@riverside.example>"
CASES = [
    MailMessage(to="sam@example.org", subject="Hello", body="Hi Sam,\n\nSee https://x.example/a?b=1&c=2.\n"),
    MailMessage(
        to="ruth.o'neil+care@example.co.uk",
        subject="Ваш бадди — ready, Zoë 🙂",
        body="Grüße, Zoë 🙂\nLine two   \n\n" + "long " * 300 + "\n.\n..starts with dots\n",
        id=uuid.uuid4(),
        category="checkin_due",
        unsubscribe_url="https://carers.example/unsubscribe/abc.DEF_123-x",
    ),
    MailMessage(to="jo@example.org", subject="A" * 200, body="no newline at the end", id=uuid.uuid4()),
]


def _parse(raw: bytes) -> EmailMessage:
    message = message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def _summary(message: EmailMessage) -> dict[str, object]:
    plain, rich = message.get_body(("plain",)), message.get_body(("html",))
    assert plain is not None and rich is not None
    headers = ("From", "To", "Subject", "List-Unsubscribe", "List-Unsubscribe-Post", "MIME-Version")
    return {
        **{name: message[name] for name in headers},
        "type": message.get_content_type(),
        "plain": plain.get_content().replace("\r\n", "\n"),
        "html": rich.get_content().replace("\r\n", "\n"),
        "has date": message["Date"] is not None,
        "id domain": str(message["Message-ID"]).split("@")[1],
    }


@pytest.mark.parametrize("mail", CASES, ids=["ascii", "any language", "long subject"])
def test_the_fast_path_reads_like_the_email_package(mail: MailMessage) -> None:
    raw = render(SENDER, mail)
    assert raw is not None
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    assert raw.isascii()
    fast, full = _parse(raw), _parse(bytes(build(SENDER, mail)))
    assert _summary(fast) == _summary(full)
    if mail.id:
        assert fast["Message-ID"] == f"<{mail.id}@riverside.example>"


def test_an_address_needing_the_email_package_falls_back_and_a_line_break_is_refused() -> None:
    assert render(SENDER, MailMessage(to="zoë@example.org", subject="s", body="b")) is None
    assert render(SENDER, MailMessage(to='"odd name"@example.org', subject="s", body="b")) is None
    with pytest.raises(MailRefused):
        render(SENDER, MailMessage(to="sam@example.org\r\nBcc: x@y.example", subject="s", body="b"))
    with pytest.raises(MailRefused):
        render(SENDER, MailMessage(to="sam@example.org", subject="s\nBcc: x@y.example", body="b"))
