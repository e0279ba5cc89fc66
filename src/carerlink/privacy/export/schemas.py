"""Shapes of a copy of someone's data: the document in ``data.json`` and the API's requests and answers.

The document's JSON Schema is generated from these Structs (``document_schema``), published at
``GET /api/v1/schemas/data-export.json`` and put in every archive as ``schema.json``; nobody writes it
by hand, so the schema and the copy cannot drift apart.
"""

from __future__ import annotations

import functools
import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec

from carerlink.kit.schema import Line, Lines, Schema

FORMAT = "carerlink.data-export"
VERSION = 1

# --- the document (data.json) ----------------------------------------------------------------------


class Column(msgspec.Struct, forbid_unknown_fields=True):
    """One column of a section: its key in each row and what it is called in plain words."""

    key: str
    label: str


class Section(msgspec.Struct, forbid_unknown_fields=True):
    """One kind of record held about the person (one table of carerlink, or part of one)."""

    title: Annotated[str, msgspec.Meta(description="The section's heading")]
    explain: Annotated[str, msgspec.Meta(description="What these records are, in one plain sentence")]
    columns: list[Column]
    rows: Annotated[
        list[dict[str, Any]],
        msgspec.Meta(
            description="One object per record; keys are the columns' keys (``id`` is the record's own id)."
            " Times are ISO 8601 in UTC; another person appears by first name only."
        ),
    ]


class Subject(msgspec.Struct, forbid_unknown_fields=True):
    """Whom the copy is about, as their account stood when it was made."""

    name: str
    email: str
    time_zone: str


class ReleasedRecord(msgspec.Struct, forbid_unknown_fields=True):
    """A safeguarding record a coordinator reviewed and released to the person."""

    kind: Literal["concern", "crisis_alert", "supervision_session"]
    title: str
    centre: str
    at: datetime
    details: Annotated[
        list[Column],
        msgspec.Meta(description="What the record says, as label and text pairs (``key`` holds the label)"),
    ]


class DataDocument(msgspec.Struct, forbid_unknown_fields=True):
    """Everything carerlink holds about one person (``data.json``)."""

    format: Literal["carerlink.data-export"]
    version: Literal[1]
    generated_at: datetime
    covers: Annotated[str, msgspec.Meta(description="Every centre the person belongs to, or one centre")]
    subject: Subject
    centres: list[str]
    sections: Annotated[
        dict[str, Section], msgspec.Meta(description="Keyed by section (the catalogue's ``section``)")
    ]
    released: list[ReleasedRecord]


@functools.cache
def document_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of ``data.json``, generated from ``DataDocument``."""
    schema = msgspec.json.schema(DataDocument)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "/api/v1/schemas/data-export.json"
    schema["title"] = "A copy of someone's data held by carerlink"
    return schema


# --- the API ---------------------------------------------------------------------------------------

StateName = Literal["pending", "ready", "failed", "expired"]


class ExportRead(Schema):
    """A copy of someone's data, as the person sees it (nothing about records held back)."""

    id: uuid.UUID
    state: StateName
    requested_at: datetime
    ready_at: datetime | None
    expires_at: datetime | None
    downloads: int
    download_url: str | None
    asked_by_centre: bool


class MemberExportCreate(Schema):
    """A coordinator asking for a copy for a member, after checking who is asking outside the app."""

    identity_checked: Annotated[
        bool, msgspec.Meta(description="True once you have checked it is really them asking")
    ]
    identity_note: Annotated[
        Line,
        msgspec.Meta(
            min_length=1,
            max_length=300,
            description="How you checked",
            examples=["Rang back on the number we hold"],
        ),
    ]


class ReviewDecide(Schema):
    """A coordinator's decision about one record held back from a copy."""

    decision: Literal["released", "withheld"]
    reason: Annotated[Lines, msgspec.Meta(max_length=500)] | None = None


class ReviewRead(Schema):
    """One safeguarding record held back from a copy, for a coordinator of its centre."""

    id: uuid.UUID
    object_type: Literal["concern", "crisis_alert", "supervision_session"]
    object_id: uuid.UUID
    what: str
    at: datetime | None
    link: str | None
    decision: Literal["pending", "released", "withheld"]
    decided_at: datetime | None
    decided_by_name: str | None
    reason: str | None


class OrgExportRead(Schema):
    """A copy of a member's data as the centre's coordinators see it."""

    id: uuid.UUID
    member_name: str
    member_user_id: uuid.UUID
    state: StateName
    requested_at: datetime
    ready_at: datetime | None
    expires_at: datetime | None
    asked_by_centre: bool
    asked_by_name: str | None
    identity_note: str | None
    includes_released: bool
    downloads: int
    download_url: str | None
    reviews_pending: int
    reviews: list[ReviewRead]
    # How many of the member's messages the copy gives with their words (issue 18): coordinators read a
    # pair's messages only through a report, and downloading this copy is the one exception (audited as
    # ``privacy.export.downloaded_with_messages``), so the screen says so before they download it.
    message_words: int = 0
