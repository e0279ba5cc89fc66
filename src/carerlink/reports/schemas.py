"""What the reports' routes send: figures with their words, small numbers withheld."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import msgspec

from carerlink.kit.schema import Schema


class FigureRead(Schema):
    """One figure, with its words.

    Withheld (fewer than 5 people): ``value`` null, ``suppressed`` true, ``words`` "fewer than 5".
    Nothing to work out (a median of nobody): ``value`` null, ``suppressed`` false, ``words`` "none".
    """

    key: str
    label: str
    value: int | float | None
    suppressed: bool
    words: str
    unit: Annotated[
        str,
        msgspec.Meta(
            description="people, matches, check-ins, alerts, concerns, days, hours, minutes or score"
        ),
    ]


class SectionRead(Schema):
    """A heading, its figures and a sentence on what they count."""

    key: str
    title: str
    figures: list[FigureRead]
    note: str | None = None


class ChartRead(Schema):
    """A bar chart's bars (figures, withheld like the rest). ``kind``: months, reasons or compare."""

    key: str
    title: str
    kind: str
    unit: str
    bars: list[FigureRead]


class SuppressionRead(Schema):
    """The small-number rule the report follows, in words."""

    threshold: int
    words: str
    rule: str


class SummaryRead(Schema):
    """A period's report: whole days in the centre's time zone, ``from`` and ``to`` included."""

    organisation_name: str
    from_date: date = msgspec.field(name="from")
    to_date: date = msgspec.field(name="to")
    time_zone: str = ""
    generated_at: datetime | None = None
    suppression: SuppressionRead | None = None
    sections: list[SectionRead] = msgspec.field(default_factory=list)
    charts: list[ChartRead] = msgspec.field(default_factory=list)
