"""CSV written for spreadsheets (issue 16), safe to open.

UTF-8 with a byte-order mark (so Excel reads accents), and every text cell that a spreadsheet would run as
a formula neutralised (CSV injection, OWASP).

Numbers stay numbers; a text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
gets a leading apostrophe, which spreadsheets show as text and never evaluate.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def safe_cell(value: object) -> str | int | float:
    """One cell as a spreadsheet should read it: numbers as they are, text never a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A whole CSV file (CRLF line ends, a byte-order mark first) with every cell made safe."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(name) for name in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()
