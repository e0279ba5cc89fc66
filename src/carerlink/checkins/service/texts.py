# ruff: noqa: RUF002, RUF003 - the keywords and digits of Welsh, Polish and Urdu, as people type them
"""Answers by text (issue 14): a reply from a verified number answers that carer's one open check-in.

The web layer checks the provider's signature and hands over the sender, the provider's message id
and the words. Here:

- a number that is unknown, or not verified, is refused: nothing is stored (``Reply.unknown``);
- each provider message id is stored once in ``inbound_texts`` (unique), so a replayed webhook has no
  second effect; it is also the check-in answer's ``Idempotency-Key``;
- STOP (STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT) stops every text to the number; START / UNSTOP
  starts them again (the provider sends its own confirmation);
- "1"–"5" answers with a score, "CALL" asks for a call, "HELP" asks for help now (the crisis alert is
  raised, and the organisation's crisis lines are texted back at once), anything else is the note,
  with a leading 1–5 taken as the score ("2 tired today"). Keywords are read in English and in the
  person's language (``KEYWORDS``), digits also in Eastern Arabic numerals;
- the answer goes through ``answer()`` as the carer, so every rule, the ladder and notifications apply;
- a reply that cannot answer a check-in (none open, or words with no score: ``answer()`` asks for one)
  is kept and waits on the coordinators' attention list until one of them deals with it: never lost.

Nothing of what was texted is logged.
"""

from __future__ import annotations

import logging
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.checkins import ladder, policy
from carerlink.checkins.models import CheckinOccurrence
from carerlink.checkins.service._common import delays_of
from carerlink.checkins.service.answers import answer
from carerlink.errors import Conflict, DomainError
from carerlink.i18n import _
from carerlink.matching.models import Match
from carerlink.notifications.texts import words
from carerlink.notifications.texts.models import InboundText
from carerlink.notifications.texts.outbox import queue_text
from carerlink.organisations.scope import Scope, open_scope
from carerlink.organisations.service.actors import actor_for, language_of
from carerlink.safeguarding import service as safeguarding

log = logging.getLogger("carerlink.texts")

STOP_WORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"})
START_WORDS = frozenset({"START", "UNSTOP"})
# The keywords of each language, beside English's (read in capitals, without accents where phones drop them).
KEYWORDS: dict[str, dict[str, frozenset[str]]] = {
    "en": {"help": frozenset({"HELP"}), "call": frozenset({"CALL"})},
    "cy": {"help": frozenset({"CYMORTH", "HELP"}), "call": frozenset({"FFONIO", "GALW"})},
    "pl": {"help": frozenset({"POMOC", "POMOCY"}), "call": frozenset({"ZADZWOŃ", "ZADZWON", "TELEFON"})},
    "ur": {"help": frozenset({"مدد"}), "call": frozenset({"کال", "فون"})},
}
# Eastern Arabic (Urdu, Persian) and Arabic-Indic digits read as 0–9.
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_LEADING_SCORE = re.compile(r"^([1-5])(?:\s*/\s*5)?(?:[\s.,:;!-]+(.*))?$", re.DOTALL)
CRISIS_LINES_VALID = timedelta(hours=1)
# The namespace of crisis alerts raised by a texted HELP with no check-in to answer (one per message).
TEXTED_HELP = uuid.UUID("5f0c2a43-8d0e-4a52-9d57-3c1f0e8b2a10")
NEEDS_A_PERSON = ("no_open_checkin", "call", "note")

Outcome = Literal[
    "answered", "help", "call", "note", "stop", "start", "no_open_checkin", "replayed", "unknown"
]


@dataclass(frozen=True, slots=True)
class Reading:
    """What a reply says."""

    command: Literal["stop", "start"] | None = None
    score: int | None = None
    call: bool = False
    help: bool = False
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Reply:
    """What became of a text, and what to text back at once (``None``: nothing)."""

    outcome: Outcome
    message: str | None = None
    inbound_id: uuid.UUID | None = None


def read_reply(body: str, locale: str | None = None) -> Reading:
    """Read a reply's words: a command, a score, CALL, HELP, and the rest as the note."""
    text = " ".join(body.translate(_DIGITS).split())
    bare = text.upper().strip(" .!?")
    if bare in STOP_WORDS:
        return Reading(command="stop")
    if bare in START_WORDS:
        return Reading(command="start")
    language = words.language_of(locale)
    help_words = KEYWORDS["en"]["help"] | KEYWORDS[language]["help"]
    call_words = KEYWORDS["en"]["call"] | KEYWORDS[language]["call"]
    tokens = [word.strip(".,!?;:") for word in bare.split()]
    score: int | None = None
    call = helped = False
    structured = bool(tokens)
    for word in tokens:
        if word in help_words:
            helped = True
        elif word in call_words:
            call = True
        elif len(word) == 1 and word in "12345" and score is None:
            score = int(word)
        else:
            structured = False
            break
    if structured:
        return Reading(score=score, call=call, help=helped)
    leading = _LEADING_SCORE.match(text)
    if leading:
        rest = (leading.group(2) or "").strip()
        return Reading(score=int(leading.group(1)), note=rest or None)
    return Reading(note=text or None)


async def _people_of(session: AsyncSession, number: str) -> list[User]:
    """The active people who verified this number (a shared phone may be several), oldest first."""
    return list(
        (
            await session.scalars(
                select(User)
                .where(User.phone == number, User.phone_verified_at.is_not(None), User.is_active.is_(True))
                .order_by(User.created_at, User.id)
            )
        ).all()
    )


async def _open_checkin(session: AsyncSession, user: User, now: datetime) -> CheckinOccurrence | None:
    """The carer's check-in that can be answered now (the latest due, should there be several)."""
    actor = await actor_for(session, user_id=user.id, session_id=None)
    found = await session.scalars(
        select(CheckinOccurrence)
        .join(Match, Match.id == CheckinOccurrence.match_id)
        .where(
            CheckinOccurrence.carer_user_id == user.id,
            CheckinOccurrence.organisation_id.in_(policy.carer_organisations(actor)),
            CheckinOccurrence.state.in_([ladder.State.OPEN, ladder.State.MISSED, ladder.State.SCHEDULED]),
            CheckinOccurrence.due_at <= now,
            Match.status.in_(policy.TOGETHER),
        )
        .order_by(CheckinOccurrence.due_at.desc())
        .limit(5)
    )
    for occurrence in found:
        scope = await open_scope(session, actor=actor, now=now, organisation_id=occurrence.organisation_id)
        if ladder.accepts_answer(
            occurrence.state, occurrence.due_at, delays_of(scope.settings.checkins), now
        ):
            return occurrence
    return None


async def receive_text(
    session: AsyncSession, *, from_number: str, message_id: str, body: str, now: datetime
) -> Reply:
    """Act on one received text, once per ``message_id``."""
    if await session.scalar(select(InboundText.id).where(InboundText.provider_message_id == message_id)):
        log.info("texts.inbound.replayed", extra={"fields": {"message_id": message_id}})
        return Reply("replayed")
    people = await _people_of(session, from_number)
    if not people:
        log.info("texts.inbound.unknown_number", extra={"fields": {"message_id": message_id}})
        return Reply("unknown")
    reading = read_reply(body, await language_of(session, user=people[0]))
    user, occurrence = people[0], None
    if reading.command is None:
        for person in people:
            occurrence = await _open_checkin(session, person, now)
            if occurrence is not None:
                user = person
                break
    record = InboundText(
        provider_message_id=message_id,
        user_id=user.id,
        organisation_id=occurrence.organisation_id if occurrence else None,
        occurrence_id=occurrence.id if occurrence else None,
        outcome="no_open_checkin",
        body="",
        received_at=now,
    )
    try:
        async with session.begin_nested():
            session.add(record)
            await session.flush()
    except IntegrityError:  # the same message, received twice at once: the other one acts on it
        log.info("texts.inbound.replayed", extra={"fields": {"message_id": message_id}})
        return Reply("replayed")
    reply = await _act(session, record, user, occurrence, reading, body=body, now=now)
    log.info(
        "texts.inbound.received",
        extra={"fields": {"inbound_id": str(record.id), "user_id": str(user.id), "outcome": record.outcome}},
    )
    return reply


async def _act(
    session: AsyncSession,
    record: InboundText,
    user: User,
    occurrence: CheckinOccurrence | None,
    reading: Reading,
    *,
    body: str,
    now: datetime,
) -> Reply:
    if reading.command is not None:
        await session.execute(
            update(User)
            .where(User.phone == user.phone, User.phone_verified_at.is_not(None))
            .values(texts_stopped_at=now if reading.command == "stop" else None)
        )
        record.outcome = reading.command
        record.handled_at = now
        return Reply(reading.command, inbound_id=record.id)
    actor = await actor_for(session, user_id=user.id, session_id=None)
    if occurrence is not None and (reading.score is not None or reading.help):
        scope = await open_scope(session, actor=actor, now=now, organisation_id=occurrence.organisation_id)
        try:
            async with session.begin_nested():
                await answer(
                    scope,
                    occurrence_id=occurrence.id,
                    wellbeing=reading.score,
                    note=reading.note,
                    wants_call=reading.call,
                    needs_help=reading.help,
                    idempotency_key=f"sms:{record.provider_message_id}",
                )
        except DomainError:
            occurrence = None  # it closed just now: kept for a coordinator below
        else:
            record.outcome = "help" if reading.help else "answered"
            record.handled_at = now
            if reading.help:
                await _text_crisis_lines(scope, user)
                return Reply("help", await _said(session, words.HELP_SENT, user), record.id)
            return Reply("answered", await _said(session, words.THANKS, user), record.id)
    # Kept for a coordinator: no check-in to answer, or words without a score.
    record.body = " ".join(body.split())[:1600]
    if occurrence is not None:
        record.outcome = "call" if reading.call and reading.note is None else "note"
    if record.organisation_id is None:
        carer_of = sorted(actor.organisations(Role.CARER)) or sorted(g.organisation_id for g in actor.grants)
        record.organisation_id = carer_of[0] if carer_of else None
    if reading.help and record.organisation_id is not None:
        scope = await open_scope(session, actor=actor, now=now, organisation_id=record.organisation_id)
        await safeguarding.raise_crisis_alert(
            scope,
            carer_user_id=user.id,
            buddy_user_id=None,
            source="help_button",  # help asked for without a check-in, as the help button does
            source_id=uuid.uuid5(TEXTED_HELP, record.provider_message_id),
        )
        record.outcome = "help"
        await _text_crisis_lines(scope, user)
        return Reply("help", await _said(session, words.HELP_SENT, user), record.id)
    return Reply(record.outcome, await _said(session, words.PASSED_ON, user), record.id)  # type: ignore[arg-type]


async def _said(session: AsyncSession, text: words.Text, user: User) -> str:
    """A text carerlink answers with, in the person's language (issue 17)."""
    return words.words(text, await language_of(session, user=user))


async def _text_crisis_lines(scope: Scope, user: User) -> None:
    """Text the organisation's crisis lines back at once, one line per text (exempt from the budget)."""
    if user.phone is None:
        return
    for line in safeguarding.crisis_lines(scope):
        body = words.crisis_line_text(line)
        await queue_text(
            scope.session,
            user_id=user.id,
            organisation_id=scope.organisation.id if scope.organisation else None,
            to=user.phone,
            body=body,
            category="crisis_lines",
            now=scope.now,
            expires_at=scope.now + CRISIS_LINES_VALID,
            segments=words.segments(body),
        )


@dataclass(frozen=True, slots=True)
class TextReplyItem:
    """A reply by text waiting for a coordinator (no check-in to answer, or words without a score)."""

    inbound: InboundText
    carer_name: str


async def waiting_replies(scope: Scope) -> list[TextReplyItem]:
    """Texts in the scope's organisation that a coordinator has not dealt with yet (coordinators only)."""
    organisation = scope.require(policy.is_coordinator, "Only coordinators see this.")
    rows = await scope.session.execute(
        select(InboundText, User.display_name)
        .join(User, User.id == InboundText.user_id)
        .where(
            InboundText.organisation_id == organisation.id,
            InboundText.outcome.in_(NEEDS_A_PERSON),
            InboundText.handled_at.is_(None),
        )
        .order_by(InboundText.received_at)
        .limit(200)
    )
    return [TextReplyItem(inbound, name) for inbound, name in rows.all()]


async def deal_with_reply(scope: Scope, *, inbound_id: uuid.UUID) -> InboundText | None:
    """A coordinator dealt with a texted reply: it leaves the list. ``None`` when no such reply is here."""
    organisation = scope.require(policy.is_coordinator, "Only coordinators see this.")
    inbound = await scope.session.get(InboundText, inbound_id, with_for_update=True)
    if inbound is None or inbound.organisation_id != organisation.id or inbound.outcome not in NEEDS_A_PERSON:
        return None
    if inbound.handled_at is not None:
        raise Conflict(_("Another coordinator has already dealt with this."))
    inbound.handled_at = scope.now
    inbound.handled_by_user_id = scope.actor.user_id
    await scope.audit("checkins.attention.text_dealt_with", object_type="inbound_text", object_id=inbound.id)
    return inbound
