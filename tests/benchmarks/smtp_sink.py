"""An SMTP server in a process of its own for the mail benchmark (aiosmtpd): takes every message.

``python smtp_sink.py PORT OUT [DELAY_MS]``: prints ``ready`` once listening; every reply (the greeting
too) waits DELAY_MS first, like a server that far away; on SIGTERM writes to OUT, as JSON, each accepted
recipient (in order) and how many connections were opened, then exits.
"""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from pathlib import Path
from typing import Any

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self) -> None:
        self.recipients: list[str] = []
        self.connections = 0

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.recipients.extend(envelope.rcpt_tos)
        return "250 OK"


class FarSMTP(SMTP):  # type: ignore[misc]
    delay = 0.0

    async def push(self, status: Any) -> None:
        if self.delay:
            await asyncio.sleep(self.delay)
        await super().push(status)


def _write(out: Path, sink: Sink) -> None:
    out.write_text(json.dumps({"recipients": sink.recipients, "connections": sink.connections}))


async def main(port: int, out: Path, delay_ms: float) -> None:
    sink = Sink()
    FarSMTP.delay = delay_ms / 1000

    def connection() -> SMTP:
        sink.connections += 1
        return FarSMTP(sink, hostname="localhost")

    loop = asyncio.get_running_loop()
    server = await loop.create_server(connection, "127.0.0.1", port)
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    print("ready", flush=True)
    await stop.wait()
    server.close()
    _write(out, sink)


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), Path(sys.argv[2]), float(sys.argv[3]) if len(sys.argv) > 3 else 0.0))
