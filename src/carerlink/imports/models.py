"""Tables of imports (issue 16): an upload checked in a dry run, its rows and what was found in each."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Enum, ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from carerlink.db import Base, TimestampMixin, UuidPrimaryKey


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, values_callable=lambda e: [m.value for m in e], length=20)


class ImportKind(enum.StrEnum):
    """Whom a file brings in."""

    CARER = "carer"
    BUDDY = "buddy"


class ImportStatus(enum.StrEnum):
    """Where an import stands: checked (a dry run, nothing written), imported, or expired unconfirmed."""

    CHECKED = "checked"
    IMPORTED = "imported"
    EXPIRED = "expired"


class RowOutcome(enum.StrEnum):
    """What happened to one row."""

    READY = "ready"  # checked, no errors: will be imported on confirm
    ERROR = "error"  # checked, with errors: skipped on confirm
    IMPORTED = "imported"
    SKIPPED = "skipped"


class Import(UuidPrimaryKey, TimestampMixin, Base):
    """One uploaded file of carers or buddies: a dry run until a coordinator confirms it.

    ``content`` (the file as uploaded, health needs included) is kept only until the import is confirmed
    or expires; then it is cleared, and the rows keep who was brought in and how, never their needs.
    """

    __tablename__ = "imports"

    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    kind: Mapped[ImportKind] = mapped_column(_enum(ImportKind, "import_kind"))
    status: Mapped[ImportStatus] = mapped_column(_enum(ImportStatus, "import_status"))
    file_name: Mapped[str] = mapped_column(String(200))
    file_format: Mapped[str] = mapped_column(String(10))  # csv or xlsx
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    checked_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    confirmed_at: Mapped[datetime | None]
    confirmed_by_user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    rows_total: Mapped[int]
    rows_ready: Mapped[int]
    rows_with_errors: Mapped[int]
    duplicates: Mapped[int]
    rows_imported: Mapped[int] = mapped_column(default=0)

    __table_args__ = (Index("ix_imports_organisation_id_created_at", "organisation_id", "created_at"),)


class ImportRow(UuidPrimaryKey, Base):
    """One row of an import: whom it names, what was wrong with it, and whom it brought in.

    ``problems`` is a list of ``{"column", "message"}`` in plain words, never a cell's health value: the
    errors that keep the row out, then the warnings that don't (each with ``"warning": true``).
    """

    __tablename__ = "import_rows"

    import_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("imports.id", ondelete="CASCADE"), index=True)
    row_number: Mapped[int]  # as the spreadsheet numbers it (the header is row 1)
    name: Mapped[str] = mapped_column(String(80))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(16))
    invite_by: Mapped[str | None] = mapped_column(String(10))
    outcome: Mapped[RowOutcome] = mapped_column(_enum(RowOutcome, "import_row_outcome"))
    duplicate: Mapped[bool] = mapped_column(default=False)
    problems: Mapped[list[Any]]
    # Who took the carer's health-data consent before carerlink, as the file names them (the consent
    # itself, a ``consents`` row, keeps the name too, with the coordinator who confirmed the import).
    consent_taken_by: Mapped[str | None] = mapped_column(String(80))
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    membership_id: Mapped[uuid.UUID | None]
    invitation_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("invitations.id", ondelete="SET NULL"))
