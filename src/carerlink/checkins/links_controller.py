"""HTTP routes of the answer link an e-mailed check-in prompt carries (issue 14): no sign-in needed.

``GET`` says what the form needs, ``POST`` answers (the normal answer's body and ``Idempotency-Key``).
The token in the path is the only credential: whoever is signed in on the browser plays no part.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import msgspec
from litestar import Controller, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.checkins.schemas import AnswerCreate
from carerlink.checkins.service.links import LinkGone, answer_by_link, open_answer_link
from carerlink.checkins.wellbeing import WELLBEING_WORDS
from carerlink.http.errors import problem
from carerlink.http.params import IdempotencyHeader
from carerlink.kit.schema import Schema
from carerlink.organisations.schemas import CrisisLine

# Nothing of these answers is kept by a cache, and the link (the token) is never sent on as a referrer.
LINK_HEADERS = {"cache-control": "no-store", "referrer-policy": "no-referrer"}


class WellbeingChoice(Schema):
    """One step of the wellbeing scale and its words."""

    value: int
    words: str


class AnswerLinkRead(Schema):
    """Only what the answer form needs: first names, when the check-in was due, its state, the lines.

    ``state``: "open" (the form), "answered" (already answered: thank you), "closed" (too late).
    """

    carer_first_name: str
    buddy_first_name: str
    due_at: datetime
    due_local: str
    time_zone: str
    state: Literal["open", "answered", "closed"]
    wellbeing: list[WellbeingChoice]
    crisis_lines: list[CrisisLine]


class AnswerLinkDone(Schema):
    """What the carer sees next: thanks (the buddy will see it), and with help now the crisis lines.

    ``state`` is "answered", or "open" after "I need help now" with no score (a score may follow).
    """

    state: str
    buddy_first_name: str
    wants_call: bool
    needs_help: bool
    help_is_coming: bool
    crisis_lines: list[CrisisLine]


SCALE = [WellbeingChoice(value=value, words=words) for value, words in sorted(WELLBEING_WORDS.items())]


class AnswerLinkController(Controller):
    """One check-in's answer form, opened from its e-mail without signing in."""

    path = "/api/v1/answer-links/{token:str}"
    tags = ["Check-ins"]

    @get("/", operation_id="openAnswerLink", summary="What a check-in's e-mailed answer link opens")
    async def open_link(
        self,
        db_session: NamedDependency[AsyncSession],
        now: NamedDependency[datetime],
        client_ip: NamedDependency[str],
        token: FromPath[str],
    ) -> Response[AnswerLinkRead]:
        """First names, when it was due, its state and the crisis lines (404: the link opens nothing)."""
        view = await open_answer_link(db_session, token=token, now=now, client_ip=client_ip)
        body = AnswerLinkRead(
            carer_first_name=view.carer_first_name,
            buddy_first_name=view.buddy_first_name,
            due_at=view.due_at,
            due_local=view.due_local,
            time_zone=view.time_zone,
            state=view.state,
            wellbeing=SCALE,
            crisis_lines=msgspec.convert(view.crisis_lines, list[CrisisLine]),
        )
        return Response(body, headers=LINK_HEADERS)

    @post("/", operation_id="answerByLink", summary="Answer a check-in from its e-mailed link")
    async def answer(
        self,
        db_session: NamedDependency[AsyncSession],
        now: NamedDependency[datetime],
        client_ip: NamedDependency[str],
        token: FromPath[str],
        data: JSONBody[AnswerCreate],
        idempotency_key: IdempotencyHeader,
    ) -> Response[AnswerLinkDone]:
        """201 once; 200 for a retry with the same Idempotency-Key; 409 once answered or closed.

        "I need help now" is never blocked: refused, it still reaches the centre (409 with
        ``centre_told`` and the crisis lines); a link naming nobody shows the crisis lines (404).
        """
        try:
            done = await answer_by_link(
                db_session,
                token=token,
                now=now,
                client_ip=client_ip,
                wellbeing=data.wellbeing,
                note=data.note,
                wants_call=data.wants_call,
                needs_help=data.needs_help,
                idempotency_key=idempotency_key,
            )
        except LinkGone as gone:
            if not gone.crisis_lines:
                raise
            return problem(  # type: ignore[return-value]  # a problem+json answer, documented as such
                404,
                detail=gone.detail,
                title=str(gone.title),
                code=gone.code,
                headers=LINK_HEADERS,
                extensions={"crisis_lines": gone.crisis_lines},
            )
        result = done.result
        body = AnswerLinkDone(
            state=result.occurrence.state.value,
            buddy_first_name=done.buddy_first_name,
            wants_call=bool(result.occurrence.wants_call),
            needs_help=bool(result.occurrence.needs_help),
            help_is_coming=result.help_is_coming,
            crisis_lines=msgspec.convert(result.crisis_lines, list[CrisisLine]),
        )
        return Response(body, status_code=200 if result.replayed else 201, headers=LINK_HEADERS)
