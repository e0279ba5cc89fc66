"""A real SMTP server on loopback (aiosmtpd) counting connections and concurrent sends (tests, benchmark)."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Recorder:
    """Keeps every message; refuses ``refused`` addresses with a 550; drops the connection on MAIL for
    the addresses in ``drop_on`` (once each); ``pause`` seconds spent in DATA make overlap visible."""

    def __init__(self, *, pause: float = 0.0) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.refused: set[str] = set()
        self.drop_on: set[str] = set()
        self.pause = pause
        self.peers: set[Any] = set()
        self.in_data = 0
        self.most_in_data = 0
        self._lock = threading.Lock()

    @property
    def connections(self) -> int:
        """How many SMTP connections have carried at least one MAIL command."""
        return len(self.peers)

    def to(self, address: str) -> list[bytes]:
        return [raw for _, recipients, raw in self.messages if address in recipients]

    async def handle_MAIL(self, server, session, envelope, address, mail_options):  # type: ignore[no-untyped-def]
        self.peers.add(session.peer)
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # type: ignore[no-untyped-def]
        if address in self.drop_on:
            self.drop_on.discard(address)
            server.transport.close()  # the line goes dead mid-batch
            return "421 Gone"
        if address in self.refused:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        with self._lock:
            self.in_data += 1
            self.most_in_data = max(self.most_in_data, self.in_data)
        try:
            if self.pause:
                await asyncio.sleep(self.pause)
            self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        finally:
            with self._lock:
                self.in_data -= 1
        return "250 OK"


@contextmanager
def smtp_server(recorder: Recorder) -> Iterator[int]:
    """Run ``recorder`` as an SMTP server on 127.0.0.1 (in its own thread); yields the port."""
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()
