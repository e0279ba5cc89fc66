"""Request parameters several controllers share."""

from __future__ import annotations

from typing import Annotated

from litestar.params import HeaderParameter

IdempotencyHeader = Annotated[
    str | None,
    HeaderParameter(
        name="Idempotency-Key",
        required=False,
        max_length=80,
        pattern=r"^[A-Za-z0-9_.:-]{8,80}$",
        description="The same key on a retried request returns the first result instead of doing it twice.",
    ),
]
