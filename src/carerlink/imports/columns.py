"""The columns of an import file (issue 16): their names, what each holds, and the template's example row.

One table per kind of person; the README's "Bringing records in from a spreadsheet" lists the same
columns. Words in a column of choices are the API's own vocabulary (``profiles.vocabulary``), so a file
and the app never disagree; lists are separated by ``;``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from carerlink.imports.models import ImportKind
from carerlink.kit.spreadsheet import csv_text
from carerlink.profiles.vocabulary import (
    CarerCategory,
    ContactMode,
    HoursBand,
    JourneyStage,
    Need,
    Region,
    Relationship,
)


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its heading in the file, what it holds, and its words when it is a choice."""

    name: str
    help: str
    example: str
    required: bool = False
    choices: type[enum.Enum] | None = None
    many: bool = False  # a list separated by ";"


INVITE_CHOICES = ("email", "text", "in person")

PERSON_COLUMNS = (
    Column("name", "Their name as they like to be called (up to 80 characters).", "Pat Example", True),
    Column("email", "Their e-mail address: it is how they sign in.", "pat@example.org", True),
    Column("phone", "A UK mobile or landline, or +country code (needed to invite by text).", "07700 900456"),
    Column(
        "invite_by",
        "How to invite them: email, text (where the centre has texts on) or in person (a printed code). "
        "Empty: email.",
        "email",
    ),
)

CARER_COLUMNS = (
    *PERSON_COLUMNS,
    Column("referral_date", "When they first asked for support (YYYY-MM-DD or DD/MM/YYYY).", "2025-11-03"),
    Column(
        "relationships",
        "Whom they care for. Fill this and the next columns in to bring their profile in too.",
        "son_or_daughter",
        choices=Relationship,
        many=True,
    ),
    Column("co_resident", "Do they live with the person they care for? yes or no.", "yes"),
    Column("hours_band", "About how many hours a week they care.", "20_to_49", choices=HoursBand),
    Column("journey_stage", "Where they are in their caring journey.", "established", choices=JourneyStage),
    Column("years_caring", "For how many years they have cared (0 to 80).", "4"),
    Column("carer_category", "What kind of carer they are.", "adult", choices=CarerCategory),
    Column("languages", "Language codes they speak, e.g. en; cy; ur. Empty: en.", "en"),
    Column(
        "contact_modes", "How they like to be in touch.", "phone; messages", choices=ContactMode, many=True
    ),
    Column("postcode_district", "The first half of their postcode.", "SE5"),
    Column("region", "Their region.", "london", choices=Region),
    Column(
        "needs",
        "The needs of the person they care for: only with the three health_consent columns filled in.",
        "dementia",
        choices=Need,
        many=True,
    ),
    Column("health_consent_recorded_by", "Who took their health-data consent.", "Morgan Lee"),
    Column("health_consent_date", "When they gave it (YYYY-MM-DD or DD/MM/YYYY).", "2025-11-03"),
    Column("health_consent_version", "The version of the wording read to them.", "health-data-2026-11"),
)

BUDDY_COLUMNS = PERSON_COLUMNS

PROFILE_COLUMNS = (
    "relationships",
    "co_resident",
    "hours_band",
    "journey_stage",
    "years_caring",
    "carer_category",
    "languages",
    "contact_modes",
    "postcode_district",
    "region",
    "needs",
)
CONSENT_COLUMNS = ("health_consent_recorded_by", "health_consent_date", "health_consent_version")


def columns_of(kind: ImportKind) -> tuple[Column, ...]:
    """The columns of a file of ``kind``."""
    return CARER_COLUMNS if kind == ImportKind.CARER else BUDDY_COLUMNS


def choice_words(column: Column) -> list[str]:
    """The words a column of choices accepts."""
    assert column.choices is not None
    return [str(member.value) for member in column.choices]


def template_csv(kind: ImportKind) -> str:
    """The template: the headings and one example row (safe to open in a spreadsheet)."""
    columns = columns_of(kind)
    return csv_text([c.name for c in columns], [[c.example for c in columns]])
