"""A real SMTP server (aiosmtpd) in a process of its own that notes when each message arrived and for whom.

``python -m tests.benchmarks.smtp_sink --out FILE`` prints ``{"port": N}`` once listening, then appends
``<unix time> <recipient>`` to FILE for every recipient of every message it accepts (the time is when
the message was handed to it: the end of DATA). Used by the e-mail burst benchmark (issue 14).
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import threading
import time
from typing import Any

from aiosmtpd.controller import Controller


class _Sink:
    def __init__(self, path: str) -> None:
        self.handle = open(path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 - kept open for the process
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        at = time.time()
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.handle.write(f"{at:.3f} {recipient}\n")
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    port = _free_port()
    controller = Controller(_Sink(args.out), hostname="127.0.0.1", port=port)
    controller.start()
    print(json.dumps({"port": port}), flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()
        sys.exit(0)


if __name__ == "__main__":
    main()
