"""The base msgspec ``Struct`` every request and response schema uses, and shared field types."""

from __future__ import annotations

from typing import Annotated

import msgspec


class Schema(msgspec.Struct, forbid_unknown_fields=True):
    """Base of every API schema: unknown fields are refused, so a typo is an error, not ignored."""


Email = Annotated[
    str,
    msgspec.Meta(
        min_length=3,
        max_length=254,
        pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
        description="An e-mail address",
        examples=["alex@example.org"],
    ),
]
DisplayName = Annotated[
    str,
    msgspec.Meta(min_length=1, max_length=80, pattern=r"\S", description="The name other people see"),
]
TimeZoneName = Annotated[
    str,
    msgspec.Meta(min_length=1, max_length=64, description="An IANA time zone id", examples=["Europe/London"]),
]
Locale = Annotated[
    str,
    msgspec.Meta(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$", max_length=16, description="A BCP 47 language tag"),
]
NewPassword = Annotated[
    str,
    msgspec.Meta(
        min_length=8, max_length=256, description="8 to 256 characters; common passwords are refused"
    ),
]
AnyPassword = Annotated[str, msgspec.Meta(min_length=1, max_length=256)]
Token = Annotated[str, msgspec.Meta(min_length=16, max_length=128, pattern=r"^[A-Za-z0-9_-]+$")]
