"""Answering one check-in from the link in its e-mail, without signing in (issue 14).

The link (``notifications.links.answer_link``) holds a signed token naming one check-in and its carer.
It acts for that carer on that check-in only, whoever else may be signed in on the browser that opens it:
the answer goes through ``answers.answer`` with an actor built for the carer from their active
memberships, so every rule, the ladder, the buddy's notification and the crisis path apply exactly as in
the app. It answers once: an answered check-in refuses a second answer (a retry with the same
``Idempotency-Key`` returns the first). A bad, forged, expired or other-purpose token, and a carer who
is no longer that check-in's carer (membership suspended or ended, account disabled), get the same
refusal, with no word on why. "I need help now" is never blocked: through a link that is refused it
still reaches the centre whenever the link names a person, and it always shows the crisis lines.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts import ratelimits
from carerlink.accounts.models import User
from carerlink.checkins import ladder, policy
from carerlink.checkins.ladder import State
from carerlink.checkins.models import CheckinOccurrence
from carerlink.checkins.service._common import delays_of, first_name, match_status
from carerlink.checkins.service.answers import AnswerResult, answer
from carerlink.checkins.service.help import refusal
from carerlink.errors import NotFound
from carerlink.i18n import N_
from carerlink.kit.signing import BadToken, Signer
from carerlink.notifications import links
from carerlink.organisations.consents import DEFAULT_CRISIS_LINES
from carerlink.organisations.scope import Scope, open_scope
from carerlink.organisations.service import actor_for
from carerlink.safeguarding import service as safeguarding

LINK_GONE = N_("This link isn't valid any more. Sign in to carerlink to see your check-ins.")

LinkState = Literal["open", "answered", "closed"]


class LinkGone(NotFound):
    """The link does not (or no longer) open a check-in; nothing says why.

    ``crisis_lines``: with "I need help now" on a link that names nobody we can trust, the numbers to
    call (the national ones), shown at once.
    """

    def __init__(self, *, crisis_lines: list[dict[str, Any]] | None = None) -> None:
        super().__init__(str(LINK_GONE))
        self.crisis_lines = crisis_lines or []


@dataclass(frozen=True, slots=True)
class AnswerLinkView:
    """Only what the answer form needs: first names, when it was due, its state, the crisis lines."""

    carer_first_name: str
    buddy_first_name: str
    due_at: datetime
    due_local: str  # "2026-03-30T09:00" in the carer's time zone
    time_zone: str
    state: LinkState
    crisis_lines: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class _Target:
    scope: Scope  # in the check-in's organisation, acting as its carer
    occurrence: CheckinOccurrence
    usable: bool  # the person is still that check-in's carer, with an account in use


def _payload(session: AsyncSession, token: str, now: datetime) -> tuple[uuid.UUID, uuid.UUID]:
    """The check-in and carer ids a token made for answering holds; ``LinkGone`` for anything else."""
    signer: Signer | None = session.info.get("signer")
    if signer is None:
        raise LinkGone()
    try:
        payload = signer.unsign(links.ANSWER, token, now=now)
        return uuid.UUID(str(payload["c"])), uuid.UUID(str(payload["u"]))
    except (BadToken, KeyError, ValueError):
        raise LinkGone() from None


async def _target(session: AsyncSession, *, token: str, now: datetime, lock: bool = False) -> _Target:
    """The check-in and its carer's scope; ``LinkGone`` when the token names no such pair.

    ``lock``: to answer it, the check-in is read ``FOR UPDATE`` first (on SQLite that takes the write
    turn), so two answers sent at once from one e-mail see each other: one is stored, one refused.
    """
    checkin_id, user_id = _payload(session, token, now)
    query = select(CheckinOccurrence).where(CheckinOccurrence.id == checkin_id)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    occurrence = await session.scalar(query)
    user = await session.get(User, user_id)
    if occurrence is None or user is None or occurrence.carer_user_id != user_id:
        raise LinkGone()
    actor = await actor_for(session, user_id=user_id, session_id=None)
    scope = await open_scope(session, actor=actor, now=now, organisation_id=occurrence.organisation_id)
    usable = user.is_active and policy.is_carer(actor, occurrence)
    return _Target(scope, occurrence, usable)


async def _state(scope: Scope, occurrence: CheckinOccurrence) -> LinkState:
    if occurrence.state in (State.ANSWERED, State.REPLIED):
        return "answered"
    together = await match_status(scope.session, occurrence.match_id) in policy.TOGETHER
    delays = delays_of(scope.settings.checkins)
    if together and ladder.accepts_answer(occurrence.state, occurrence.due_at, delays, scope.now):
        return "open"
    return "closed"


async def open_answer_link(
    session: AsyncSession, *, token: str, now: datetime, client_ip: str
) -> AnswerLinkView:
    """What the answer form shows for this link (counted against the address's allowance of tries)."""
    await ratelimits.consume(session, ratelimits.ANSWER_LINK_PER_IP, client_ip, now=now)
    target = await _target(session, token=token, now=now)
    if not target.usable:
        raise LinkGone()
    scope, occurrence = target.scope, target.occurrence
    local = occurrence.due_at.astimezone(ZoneInfo(occurrence.time_zone))
    return AnswerLinkView(
        carer_first_name=await first_name(session, occurrence.carer_user_id),
        buddy_first_name=await first_name(session, occurrence.buddy_user_id),
        due_at=occurrence.due_at,
        due_local=local.strftime("%Y-%m-%dT%H:%M"),
        time_zone=occurrence.time_zone,
        state=await _state(scope, occurrence),
        crisis_lines=safeguarding.crisis_lines(scope),
    )


@dataclass(frozen=True, slots=True)
class LinkAnswer:
    """The answer given through a link, and the buddy's first name for "Helen will see it"."""

    result: AnswerResult
    buddy_first_name: str


async def answer_by_link(
    session: AsyncSession,
    *,
    token: str,
    now: datetime,
    client_ip: str,
    wellbeing: int | None,
    note: str | None,
    wants_call: bool,
    needs_help: bool,
    idempotency_key: str | None,
) -> LinkAnswer:
    """Answer the link's check-in as its carer (``answers.answer``), audited as given by e-mail link.

    Refusals: ``LinkGone`` (404) for a link that does not open it; the answer's own ``Conflict`` (409)
    once answered or closed. With "I need help now" every refusal of a link naming a person raises the
    crisis alert all the same (``help.refusal``: 409 with the crisis lines); a link naming nobody shows
    the national crisis lines.

    A call for help is never blocked, not even by the address's allowance of tries: it is not counted
    (the allowance slows down guessing, and a forged link gains nothing from "help now" but the lines).
    """
    if not needs_help:
        await ratelimits.consume(session, ratelimits.ANSWER_LINK_PER_IP, client_ip, now=now)
    try:
        target = await _target(session, token=token, now=now, lock=True)
    except LinkGone:
        raise LinkGone(crisis_lines=list(DEFAULT_CRISIS_LINES) if needs_help else None) from None
    scope, occurrence = target.scope, target.occurrence
    if not target.usable:
        if needs_help:
            # Whoever the link was sent to asks for help: their centre is told, as for any refused answer.
            raise await refusal(
                scope, str(LINK_GONE), needs_help=True, buddy_user_id=None, idempotency_key=idempotency_key
            )
        raise LinkGone()
    result = await answer(
        scope,
        occurrence_id=occurrence.id,
        wellbeing=wellbeing,
        note=note,
        wants_call=wants_call,
        needs_help=needs_help,
        idempotency_key=idempotency_key,
    )
    if not result.replayed:
        await scope.audit(
            "checkins.checkin.answered",
            subject_user_id=occurrence.carer_user_id,
            object_type="checkin",
            object_id=occurrence.id,
            details={"via": "email_link", "needs_help": needs_help},
        )
    return LinkAnswer(result, await first_name(session, occurrence.buddy_user_id))
