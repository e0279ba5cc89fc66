"""A crash's log line says what failed and where, never the data its message quoted."""

from __future__ import annotations

import json
import logging
import sys

from carerlink.kit.logs import JsonFormatter


def _save_carer(email: str) -> None:
    raise ValueError(f"duplicate key value: (email)=({email}) already exists")


def _handle_sign_up(email: str) -> None:
    try:
        _save_carer(email)
    except ValueError as error:
        raise RuntimeError(f"could not register {email} for Riverside Carers") from error


def test_an_error_log_names_the_error_and_its_frames_but_not_the_email_address_in_its_message() -> None:
    try:
        _handle_sign_up("sam.clarke@example.org")
    except RuntimeError:
        record = logging.LogRecord(
            "carerlink.web", logging.ERROR, __file__, 1, "request.failed", None, sys.exc_info()
        )

    line = JsonFormatter().format(record)

    assert "sam.clarke@example.org" not in line
    assert "Riverside" not in line
    entry = json.loads(line)
    assert entry["event"] == "request.failed"
    assert entry["error"] == "RuntimeError"
    trace = "\n".join(entry["traceback"])
    assert "builtins.RuntimeError" in trace and "builtins.ValueError" in trace  # the cause is kept
    assert "in _handle_sign_up" in trace and "in _save_carer" in trace  # and where each happened
