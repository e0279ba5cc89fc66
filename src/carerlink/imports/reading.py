"""Reading an uploaded file (issue 16): CSV (UTF-8, with or without a byte-order mark) or .xlsx.

Every cell comes back as text, as the coordinator typed it. An .xlsx file is read with openpyxl in
read-only mode (it streams the sheet and reads its XML through defusedxml, which openpyxl uses when it is
installed, so a hostile file cannot expand entities); a formula is kept as its text (``=HYPERLINK(…)``),
never evaluated, so the checks refuse it. Anything that is not a file we can read is ``Invalid`` naming
the field ``file``, in words a coordinator understands.
"""

from __future__ import annotations

import csv
import io
import logging
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from carerlink.errors import Invalid
from carerlink.i18n import _

MAX_BYTES = 4 * 1024 * 1024
MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # an .xlsx of 5,000 rows of 60 columns is far less
MAX_ROWS = 5000
MAX_COLUMNS = 60
XLSX_MAGIC = b"PK\x03\x04"

log = logging.getLogger("carerlink.imports")


@dataclass(frozen=True, slots=True)
class Sheet:
    """The file's headings (lower-cased, trimmed) and its rows, each with its number in the spreadsheet."""

    headings: list[str]
    rows: list[tuple[int, list[str]]]


def file_format(file_name: str, content: bytes) -> str:
    """``xlsx`` or ``csv``, from the file's first bytes (an .xlsx is a zip) and its name."""
    if content.startswith(XLSX_MAGIC):
        return "xlsx"
    if file_name.lower().endswith((".xlsx", ".xls", ".ods", ".numbers")):
        raise Invalid(
            _(
                "We can read a CSV file or an Excel .xlsx file. Save the spreadsheet as one of those and "
                "try again."
            ),
            field="file",
        )
    return "csv"


def read_sheet(file_name: str, content: bytes) -> tuple[str, Sheet]:
    """The format and the rows of an uploaded file, or ``Invalid`` saying what is wrong with it."""
    if not content.strip():
        raise Invalid(
            _("The file is empty. Use the template and fill in one row for each person."), field="file"
        )
    if len(content) > MAX_BYTES:
        raise Invalid(
            _("The file is too big (the most is {megabytes} MB). Split it into smaller files.").format(
                megabytes=MAX_BYTES // (1024 * 1024)
            ),
            field="file",
        )
    kind = file_format(file_name, content)
    table = _read_xlsx(content) if kind == "xlsx" else _read_csv(content)
    if not table or not any(cell.strip() for cell in table[0]):
        raise Invalid(
            _("The file is empty. Use the template and fill in one row for each person."), field="file"
        )
    header = table[0]
    while header and not header[-1].strip():
        header = header[:-1]
    if len(header) > MAX_COLUMNS:
        raise Invalid(_("The file has too many columns. Use the template's columns."), field="file")
    return kind, Sheet(headings=[h.strip().lower() for h in header], rows=_numbered(table))


def _numbered(table: list[list[str]]) -> list[tuple[int, list[str]]]:
    rows = [
        (number, cells) for number, cells in enumerate(table[1:], start=2) if any(c.strip() for c in cells)
    ]
    if not rows:
        raise Invalid(_("The file has headings but no people. Add one row for each person."), field="file")
    if len(rows) > MAX_ROWS:
        raise Invalid(
            _("The file has more than {max_rows} rows. Split it into smaller files.").format(
                max_rows=MAX_ROWS
            ),
            field="file",
        )
    return rows


def _read_csv(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a byte-order mark
    except UnicodeDecodeError:
        raise Invalid(
            _(
                "We can't read this file as text. In your spreadsheet choose Save as, then 'CSV UTF-8', and "
                "upload that file."
            ),
            field="file",
        ) from None
    if "\x00" in text:
        raise Invalid(_("This doesn't look like a CSV file. Upload a CSV or an .xlsx file."), field="file")
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))]
    except csv.Error:
        raise Invalid(_("We can't read this CSV file: check it was saved as CSV."), field="file") from None


def _delimiter(text: str) -> str:
    """What separates the cells: a comma, or what the heading line uses instead.

    Excel saves "CSV" with semicolons where the decimal mark is a comma (Polish, most of Europe), and
    some tools save tabs. The headings are the template's plain words, so whichever of the three the
    first line holds most of is the one.
    """
    first = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=first.count) if first.count(",") == 0 else ","


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _read_xlsx(content: bytes) -> list[list[str]]:
    """The first sheet's cells as text, or ``Invalid`` (naming ``file``) for a workbook we can't read."""
    try:
        unpacked = _unpacked_size(content)
        values = _first_sheet(content) if unpacked <= MAX_UNPACKED_BYTES else None
    except Exception as failure:
        # Everything in this block is the reader's own work on the uploaded bytes (zipfile, zlib, the XML
        # parser, openpyxl): a half-written sheet, a broken workbook.xml, styles or [Content_Types].xml,
        # an encrypted or unsupported zip all fail here, each with its own exception (ParseError, a
        # SyntaxError; BadZipFile, zlib.error, EOFError, KeyError, openpyxl's InvalidFileException,
        # RuntimeError for a password...). Whatever it is, it is the file's fault, so the coordinator
        # gets words naming the file. Our own code runs outside this block, so a bug of ours is no 422.
        log.info("imports.xlsx.unreadable", extra={"fields": {"error": type(failure).__name__}})
        raise Invalid(
            _(
                "This file could not be read as an Excel workbook: it may be damaged or not really an "
                ".xlsx file. Open it in your spreadsheet, save it again as .xlsx or as CSV UTF-8, and "
                "upload that."
            ),
            field="file",
        ) from None
    if values is None:
        raise Invalid(
            _("The file is too big once unpacked. Split it into smaller files, or save it as CSV UTF-8."),
            field="file",
        )
    table = [[_cell_text(v) for v in row] for row in values]
    while table and table[0] and not any(table[0]):
        table.pop(0)
    return table


def _unpacked_size(content: bytes) -> int:
    """What the zip's members add up to once unpacked (as its directory says; zipfile reads no more).

    openpyxl reads the shared strings whole, so a small zip of a huge sheet could fill the memory.
    """
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return sum(member.file_size for member in archive.infolist())


def _first_sheet(content: bytes) -> list[tuple[object, ...]]:
    """The first sheet's rows as openpyxl reads them (at most one row and one column too many)."""
    # Imported here: only an .xlsx upload pays for loading openpyxl.
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    try:
        if not workbook.worksheets:
            return []
        rows: list[tuple[object, ...]] = []
        for values in workbook.worksheets[0].iter_rows(values_only=True, max_col=MAX_COLUMNS + 1):
            rows.append(tuple(values))
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        workbook.close()
