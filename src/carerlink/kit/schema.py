r"""The base msgspec ``Struct`` every request and response schema uses, and shared field types.

Every string a client sends says what kind of text it is, so control characters are refused at the
schema (422 naming the field) once, here, rather than field by field:

- ``OneLine`` / ``Line``: names, titles, labels, an organisation's name, crisis line labels: no line
  break and no control character (a CR/LF in a name ends up in an e-mail header);
- ``MultiLine`` / ``Lines``: notes, messages, reasons: line breaks and tabs kept, other controls refused;
- ``whole(...)``: a strict pattern of allowed characters (codes, slugs, phone numbers); a class of
  refused characters (``[^@\s…]`` in an e-mail address) refuses the control characters too.

Fields narrow these with their own ``Meta`` (lengths, a description): ``Annotated[Line, Meta(...)]``.
``tests/web/test_text_fields.py`` walks every request body of the API and fails on a string that does
not say which kind it is.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from carerlink.kit.text import NOT_IN_MULTI_LINE, NOT_IN_ONE_LINE


class Schema(msgspec.Struct, forbid_unknown_fields=True):
    """Base of every API schema: unknown fields are refused, so a typo is an error, not ignored."""


def whole(pattern: str) -> str:
    r"""``pattern`` matching the whole text.

    msgspec searches with Python's ``re``, whose ``$`` also matches before a final newline, so
    ``^[a-z]+$`` lets ``"abc\n"`` through; ``(?!\n)`` closes that (and is valid JSON Schema, ECMA-262).
    """
    return f"^(?:{pattern})$(?!\\n)"


ONE_LINE_PATTERN = whole(f"[^{NOT_IN_ONE_LINE}]*")
LINE_PATTERN = whole(f"[^{NOT_IN_ONE_LINE}]*[^\\s{NOT_IN_ONE_LINE}][^{NOT_IN_ONE_LINE}]*")
MULTI_LINE_PATTERN = whole(f"[^{NOT_IN_MULTI_LINE}]*")
LINES_PATTERN = whole(f"[^{NOT_IN_MULTI_LINE}]*[^\\s{NOT_IN_MULTI_LINE}][^{NOT_IN_MULTI_LINE}]*")
TEXT_PATTERNS = frozenset({ONE_LINE_PATTERN, LINE_PATTERN, MULTI_LINE_PATTERN, LINES_PATTERN})

OneLine = Annotated[str, msgspec.Meta(pattern=ONE_LINE_PATTERN)]
"""One line of text, possibly empty: no line break, no control character."""
Line = Annotated[str, msgspec.Meta(pattern=LINE_PATTERN)]
"""One line of text with something in it (not only spaces)."""
MultiLine = Annotated[str, msgspec.Meta(pattern=MULTI_LINE_PATTERN)]
"""Text that may run over several lines, possibly empty: no control character but TAB, LF and CR."""
Lines = Annotated[str, msgspec.Meta(pattern=LINES_PATTERN)]
"""Text over one or more lines with something in it."""
Secret = Annotated[str, msgspec.Meta(extra_json_schema={"format": "password", "writeOnly": True})]
"""A password: any character may be part of it (it is only ever hashed), so none is refused."""

Email = Annotated[
    str,
    msgspec.Meta(
        min_length=3,
        max_length=254,
        pattern=whole(f"[^@\\s{NOT_IN_ONE_LINE}]+@[^@\\s{NOT_IN_ONE_LINE}]+\\.[^@\\s{NOT_IN_ONE_LINE}]+"),
        description="An e-mail address",
        examples=["alex@example.org"],
    ),
]
DisplayName = Annotated[
    Line, msgspec.Meta(min_length=1, max_length=80, description="The name other people see")
]
TimeZoneName = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=64,
        pattern=whole(r"[A-Za-z0-9_+/-]+"),
        description="An IANA time zone id",
        examples=["Europe/London"],
    ),
]
Locale = Annotated[
    str,
    msgspec.Meta(
        pattern=whole(r"[a-z]{2,3}(-[A-Z]{2})?"), max_length=16, description="A BCP 47 language tag"
    ),
]
# Issue 17: the languages carerlink is written in (carerlink.i18n.LOCALES), as a client names them.
AppLocale = Literal["en-GB", "cy", "ur", "pl"]
NewPassword = Annotated[
    Secret,
    msgspec.Meta(
        min_length=8, max_length=256, description="8 to 256 characters; common passwords are refused"
    ),
]
AnyPassword = Annotated[Secret, msgspec.Meta(min_length=1, max_length=256)]
LocalTime = Annotated[
    str,
    msgspec.Meta(
        pattern=whole(r"([01][0-9]|2[0-3]):[0-5][0-9]"), description="A local wall-clock time, HH:MM"
    ),
]
Token = Annotated[str, msgspec.Meta(min_length=16, max_length=128, pattern=whole(r"[A-Za-z0-9_-]+"))]
