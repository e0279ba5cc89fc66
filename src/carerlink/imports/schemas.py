"""Requests and answers of imports (issue 16)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from litestar.datastructures import UploadFile

from carerlink.kit.schema import Schema

ImportKindName = Literal["carer", "buddy"]


@dataclass
class ImportUpload:
    """A file to check: of carers or of buddies (multipart form; a dataclass, as Litestar reads forms)."""

    kind: ImportKindName
    file: UploadFile


@dataclass
class ImportReupload:
    """A corrected file for the same import."""

    file: UploadFile


class ProblemRead(Schema):
    """What is wrong with one cell, in plain words; ``column`` as the file names it (``None``: the row)."""

    column: str | None
    message: str


class ImportRowRead(Schema):
    """One row: whom it names, what was found, and what became of it."""

    id: uuid.UUID
    row_number: int
    name: str
    email: str | None
    phone: str | None
    invite_by: str | None
    invited_how: str | None
    outcome: Literal["ready", "error", "imported", "skipped"]
    duplicate: bool  # the same e-mail or phone as another row or someone in the centre
    problems: list[ProblemRead]  # errors: the row is not brought in
    warnings: list[ProblemRead]  # worth a look, but the row is still brought in (a shared phone number)
    membership_id: uuid.UUID | None
    joined: bool | None  # None: nobody brought in; False: "invited, not yet joined"
    # Their invitation text was refused (e.g. the month's texts ran out), undelivered or given up: they
    # are waiting for nothing, so invite them another way.
    text_not_sent: bool = False
    code: str | None = None  # the printed in-person code, only in the answer to confirming


class ImportRead(Schema):
    """An import: a dry run (``checked``), ``imported`` or ``expired``, with its counts."""

    id: uuid.UUID
    kind: ImportKindName
    status: Literal["checked", "imported", "expired"]
    file_name: str
    file_format: str
    created_at: datetime
    checked_at: datetime
    expires_at: datetime
    confirmed_at: datetime | None
    rows_total: int
    rows_ready: int
    rows_with_errors: int
    duplicates: int
    rows_imported: int


class ImportDetailRead(Schema):
    """An import with every row."""

    summary: ImportRead
    rows: list[ImportRowRead]
