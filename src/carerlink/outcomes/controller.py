"""HTTP routes of outcome measures (coordinators choose; carers answer their own) and equality monitoring."""

from __future__ import annotations

import uuid

import msgspec
from litestar import Controller, delete, get, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from carerlink.organisations.scope import Scope
from carerlink.outcomes import service, words
from carerlink.outcomes.models import OutcomeAsk, OutcomeQuestion
from carerlink.outcomes.schemas import (
    AnswerOption,
    AskAnswer,
    AskDone,
    AskRead,
    EqualityOption,
    EqualityQuestion,
    EqualityRead,
    EqualityWrite,
    MeasureChoice,
    MeasureList,
    MeasureRead,
    MeasureWrite,
    QuestionRead,
)


def question_read(question: OutcomeQuestion, *, built_in: bool = False) -> QuestionRead:
    """A question with its options (carerlink's own in the reader's language, issue 17)."""
    options = msgspec.convert(question.options, list[AnswerOption])
    if not built_in:
        return QuestionRead(position=question.position, wording=question.wording, options=options)
    return QuestionRead(
        position=question.position,
        wording=words.shown(question.wording),
        options=[msgspec.structs.replace(option, words=words.shown(option.words)) for option in options],
    )


def measure_read(view: service.MeasureView) -> MeasureRead:
    """A measure as coordinators read it (no answers: those are only in the reports' totals)."""
    measure = view.measure
    return MeasureRead(
        id=measure.id,
        name=words.shown(measure.name) if view.built_in else measure.name,
        built_in=view.built_in,
        licence_note=words.shown(measure.licence_note) if view.built_in else measure.licence_note,
        in_use=measure.in_use_since is not None,
        in_use_since=measure.in_use_since,
        editable=not view.built_in,
        questions_locked=view.built_in or view.answered,
        questions=[question_read(q) for q in view.questions],
    )


def measure_list(views: list[service.MeasureView]) -> MeasureList:
    """Every measure, the one in use first."""
    in_use = next((v.measure.id for v in views if v.measure.in_use_since is not None), None)
    return MeasureList(
        measures=[measure_read(v) for v in views],
        in_use_id=in_use,
        licence_words=words.LICENSED_NOTE,
        intro=words.BUILT_IN_INTRO,
    )


def ask_read(view: service.AskView) -> AskRead:
    """My ask with its questions."""
    ask = view.ask
    built_in = view.measure.key == words.BUILT_IN_KEY
    return AskRead(
        id=ask.id,
        point=ask.point.value,
        state=ask.state.value,
        due_at=ask.due_at,
        closes_at=ask.due_at + service.ANSWER_WINDOW,
        not_now_until=ask.not_now_until,
        name=words.shown(view.measure.name) if built_in else view.measure.name,
        intro=view.intro,
        questions=[question_read(q, built_in=built_in) for q in view.questions],
    )


def ask_done(ask: OutcomeAsk) -> AskDone:
    """What became of my ask."""
    return AskDone(id=ask.id, state=ask.state.value, not_now_until=ask.not_now_until, total=ask.total)


def equality_read(view: service.EqualityView) -> EqualityRead:
    """My answers (when I consent) with the words and the questions."""
    version, text = service.equality_consent_words()
    groups = {key: group for group, options in words.ETHNIC_GROUPS for key, _ in options}
    short_words = {key: w for _, options in words.ETHNIC_GROUPS for key, w in options}
    answers = view.answers
    return EqualityRead(
        consented=view.consented,
        consent_version=version,
        consent_text=text,
        age_band=answers.age_band if answers else None,  # type: ignore[arg-type]
        gender=answers.gender if answers else None,  # type: ignore[arg-type]
        ethnicity=answers.ethnicity if answers else None,  # type: ignore[arg-type]
        answered_at=answers.answered_at if answers else None,
        questions=[
            EqualityQuestion(
                key=key,  # type: ignore[arg-type]
                words=words.QUESTION_WORDS[key],
                options=[
                    EqualityOption(
                        key=k,
                        words=short_words.get(k, w) if key == "ethnicity" else w,
                        group=groups.get(k),
                    )
                    for k, w in options
                ],
            )
            for key, options in words.OPTIONS.items()
        ],
    )


class OutcomeMeasureController(Controller):
    """Coordinators: the measure carers are asked, and the centre's own licensed instruments."""

    path = "/api/v1/orgs/{org:str}/outcome-measures"
    tags = ["Outcomes"]

    @get("/", operation_id="listOutcomeMeasures", summary="The centre's outcome measures (coordinators)")
    async def list_measures(self, org_scope: NamedDependency[Scope]) -> MeasureList:
        """The built-in questions and the centre's licensed instruments, the one in use first."""
        return measure_list(await service.list_measures(org_scope))

    @post(
        "/", operation_id="addOutcomeMeasure", summary="Add the centre's licensed instrument (coordinators)"
    )
    async def add_measure(
        self, org_scope: NamedDependency[Scope], data: JSONBody[MeasureWrite]
    ) -> MeasureRead:
        """The centre enters the wording it holds a licence for; carerlink ships none."""
        view = await service.create_measure(
            org_scope, name=data.name, licence_note=data.licence_note, questions=data.questions
        )
        return measure_read(view)

    @put(
        "/{measure_id:uuid}",
        operation_id="changeOutcomeMeasure",
        summary="Change the centre's licensed instrument (coordinators)",
    )
    async def change_measure(
        self, org_scope: NamedDependency[Scope], measure_id: FromPath[uuid.UUID], data: JSONBody[MeasureWrite]
    ) -> MeasureRead:
        """Its questions only until a carer has answered them (answers must stay comparable)."""
        view = await service.update_measure(
            org_scope,
            measure_id=measure_id,
            name=data.name,
            licence_note=data.licence_note,
            questions=data.questions,
        )
        return measure_read(view)

    @put("/in-use", operation_id="chooseOutcomeMeasure", summary="Choose the measure carers are asked")
    async def choose(self, org_scope: NamedDependency[Scope], data: JSONBody[MeasureChoice]) -> MeasureList:
        """From now on; ``null`` stops asking. Asks already made keep their measure."""
        return measure_list(await service.choose_measure(org_scope, measure_id=data.measure_id))


class MyOutcomeAsksController(Controller):
    """A carer's own outcome questions: answer, "Not now", or "No thanks"."""

    path = "/api/v1/orgs/{org:str}/me/outcome-asks"
    tags = ["Outcomes"]

    @get("/", operation_id="listMyOutcomeAsks", summary="My open outcome questions (carers)")
    async def mine(self, org_scope: NamedDependency[Scope]) -> list[AskRead]:
        """Open ones, oldest first; those I said "Not now" to say until when."""
        return [ask_read(view) for view in await service.list_my_asks(org_scope)]

    @get("/{ask_id:uuid}", operation_id="getMyOutcomeAsk", summary="One open set of my outcome questions")
    async def get_ask(self, org_scope: NamedDependency[Scope], ask_id: FromPath[uuid.UUID]) -> AskRead:
        """Only mine: anyone else's is "no such set of questions"."""
        return ask_read(await service.get_my_ask(org_scope, ask_id=ask_id))

    @post(
        "/{ask_id:uuid}",
        operation_id="answerMyOutcomeAsk",
        summary="Answer my outcome questions",
        status_code=200,
    )
    async def answer(
        self, org_scope: NamedDependency[Scope], ask_id: FromPath[uuid.UUID], data: JSONBody[AskAnswer]
    ) -> AskDone:
        """Every question, each with one of its answers."""
        return ask_done(await service.answer_ask(org_scope, ask_id=ask_id, answers=data.answers))

    @post(
        "/{ask_id:uuid}/not-now",
        operation_id="notNowMyOutcomeAsk",
        summary="Not now: ask me again in a few days",
        status_code=200,
    )
    async def not_now(self, org_scope: NamedDependency[Scope], ask_id: FromPath[uuid.UUID]) -> AskDone:
        """It stays open until it closes, hidden for three days."""
        return ask_done(await service.not_now(org_scope, ask_id=ask_id))

    @post(
        "/{ask_id:uuid}/decline",
        operation_id="declineMyOutcomeAsk",
        summary="No thanks: I'd rather not answer these",
        status_code=200,
    )
    async def decline(self, org_scope: NamedDependency[Scope], ask_id: FromPath[uuid.UUID]) -> AskDone:
        """Closed without answers; nobody is told."""
        return ask_done(await service.decline(org_scope, ask_id=ask_id))


class MyEqualityController(Controller):
    """My equality-monitoring answers (carers and buddies), kept only with their own consent."""

    path = "/api/v1/orgs/{org:str}/me/equality"
    tags = ["Outcomes"]

    @get("/", operation_id="getMyEquality", summary="My equality answers and the consent words")
    async def get_mine(self, org_scope: NamedDependency[Scope]) -> EqualityRead:
        """The three questions, each with "Prefer not to say"; my answers if I consent."""
        return equality_read(await service.get_my_equality(org_scope))

    @put("/", operation_id="saveMyEquality", summary="Give my equality answers, with my consent")
    async def save(self, org_scope: NamedDependency[Scope], data: JSONBody[EqualityWrite]) -> EqualityRead:
        """``agree`` must be true: the consent is recorded with the version of its words."""
        view = await service.save_my_equality(
            org_scope, agree=data.agree, age_band=data.age_band, gender=data.gender, ethnicity=data.ethnicity
        )
        return equality_read(view)

    @delete(
        "/",
        operation_id="withdrawMyEquality",
        summary="Withdraw my consent: my answers are deleted",
        status_code=200,
    )
    async def withdraw(self, org_scope: NamedDependency[Scope]) -> EqualityRead:
        """Deleted at once; I can answer again later."""
        return equality_read(await service.withdraw_my_equality(org_scope))
