"""Request and response shapes of outcome measures and equality monitoring."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

import msgspec

from carerlink.kit.schema import Line, MultiLine, Schema, whole

PointName = Literal["start", "3_months", "6_months"]
AskStateName = Literal["open", "answered", "declined", "closed"]
AgeBand = Literal["under_18", "18_24", "25_34", "35_49", "50_64", "65_74", "75_over", "prefer_not_to_say"]
Gender = Literal["woman", "man", "non_binary", "another_way", "prefer_not_to_say"]
Ethnicity = Literal[
    "asian_bangladeshi",
    "asian_chinese",
    "asian_indian",
    "asian_pakistani",
    "asian_other",
    "black_african",
    "black_caribbean",
    "black_other",
    "mixed_white_asian",
    "mixed_white_black_african",
    "mixed_white_black_caribbean",
    "mixed_other",
    "white_british",
    "white_irish",
    "white_gypsy_traveller",
    "white_roma",
    "white_other",
    "other_arab",
    "other_any",
    "prefer_not_to_say",
]
Score = Annotated[int, msgspec.Meta(ge=0, le=100)]
Position = Annotated[str, msgspec.Meta(pattern=whole("[1-9][0-9]?"), description="A question's position")]


class AnswerOption(Schema):
    """One answer a question offers: its words and the score it counts for."""

    words: Annotated[Line, msgspec.Meta(min_length=1, max_length=80)]
    score: Score


class QuestionWrite(Schema):
    """One question of a centre's licensed instrument, as the centre enters it."""

    wording: Annotated[Line, msgspec.Meta(min_length=1, max_length=500)]
    options: Annotated[list[AnswerOption], msgspec.Meta(min_length=2, max_length=11)]


class MeasureWrite(Schema):
    """A licensed instrument a centre adds or edits: its name, licence note and questions."""

    name: Annotated[Line, msgspec.Meta(min_length=1, max_length=120)]
    licence_note: Annotated[MultiLine, msgspec.Meta(max_length=1000)]
    questions: Annotated[list[QuestionWrite], msgspec.Meta(min_length=1, max_length=40)]


class MeasureChoice(Schema):
    """The measure to ask carers from now on; ``null`` stops asking."""

    measure_id: uuid.UUID | None


class QuestionRead(Schema):
    """One question with its answer options, in order."""

    position: int
    wording: str
    options: list[AnswerOption]


class MeasureRead(Schema):
    """A measure the centre can ask: carerlink's own (``built_in``) or one of its licensed instruments."""

    id: uuid.UUID
    name: str
    built_in: bool
    licence_note: str
    in_use: bool
    in_use_since: datetime | None
    editable: bool  # a licensed one: its name and licence note always, its questions until answered
    questions_locked: bool  # carers have answered it, so its questions no longer change
    questions: list[QuestionRead]


class MeasureList(Schema):
    """Every measure of the centre, the one in use first, and the plain words about licences."""

    measures: list[MeasureRead]
    in_use_id: uuid.UUID | None
    licence_words: str
    intro: str


class AskRead(Schema):
    """An open ask of mine: the questions to answer (never anyone else's)."""

    id: uuid.UUID
    point: PointName
    state: AskStateName
    due_at: datetime
    closes_at: datetime
    not_now_until: datetime | None
    name: str
    intro: str
    questions: list[QuestionRead]


class AskAnswer(Schema):
    """My answers: for each question's position, the score of the option I chose."""

    answers: Annotated[dict[Position, Score], msgspec.Meta(min_length=1, max_length=40)]


class AskDone(Schema):
    """What became of my ask (my own total is mine to see)."""

    id: uuid.UUID
    state: AskStateName
    not_now_until: datetime | None
    total: int | None


class EqualityOption(Schema):
    """One answer of an equality question; ``group``: its Census 2021 high-level group (ethnicity)."""

    key: str
    words: str
    group: str | None = None


class EqualityQuestion(Schema):
    """One equality question with its answers, "Prefer not to say" last."""

    key: Literal["age_band", "gender", "ethnicity"]
    words: str
    options: list[EqualityOption]


class EqualityRead(Schema):
    """My equality answers (if I consented), the consent words and the questions."""

    consented: bool
    consent_version: str
    consent_text: str
    age_band: AgeBand | None
    gender: Gender | None
    ethnicity: Ethnicity | None
    answered_at: datetime | None
    questions: list[EqualityQuestion]


class EqualityWrite(Schema):
    """My answers, with my consent to keeping them (``agree`` must be true)."""

    agree: bool
    age_band: AgeBand
    gender: Gender
    ethnicity: Ethnicity
