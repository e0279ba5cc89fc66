"""Retention that runs by itself: each organisation's schedule, what is due under it, and its runs.

Every ``remove_*`` function here does ONE batch (at most ``limit`` rows) in the caller's session and
returns how many rows it removed or cleared; the retention tick (``jobs.py``) calls it again in a new
short transaction until a batch comes back smaller than ``limit``, so no run ever holds a long lock.
Each only touches what is not already removed, so running it again removes nothing more.

The schedule itself is ``OrganisationSettings.retention`` (``RetentionSettings``), read and changed by
coordinators (``privacy.policy.handles_rights``); the classes and their words are
``privacy/catalogue.py`` ``RETENTION``.
"""

from __future__ import annotations

import calendar
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec
from sqlalchemy import delete, exists, func, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.audit.models import AuditEntry
from carerlink.checkins.models import CheckinOccurrence, CheckinStep
from carerlink.concerns.models import Concern, ConcernAction, ConcernStatus
from carerlink.i18n import N_
from carerlink.matching.models import Match
from carerlink.messaging.models import Message
from carerlink.notifications.texts.models import InboundText
from carerlink.organisations.models import Organisation, Referral, ReferralStatus
from carerlink.organisations.schemas import OrganisationSettings, RetentionSettings
from carerlink.organisations.scope import Scope
from carerlink.privacy import policy
from carerlink.privacy.catalogue import RETENTION, RULES
from carerlink.privacy.erasure.retention import anonymise_expired_memberships
from carerlink.privacy.models import (
    DataExport,
    ErasureRequest,
    ErasureState,
    ExportState,
    RetainedIdentity,
    RetentionRun,
)
from carerlink.safeguarding.models import AlertStatus, CrisisAlert

BATCH = 500  # ids per statement; each batch is its own short transaction
# A run is due when the last one for that organisation started longer ago than this: the tick may run
# more often (at every worker start, say) and finds nothing to do.
RUN_EVERY = timedelta(hours=20)
RECENT_RUNS = 5
# The classes the tick enforces, in the order it does them (the others are purged by their own ticks).
ENFORCED = ("checkin_notes", "declined_referrals", "ended_memberships", "safeguarding", "audit", "exports")
_REFUSED = N_("Only coordinators see and change the retention schedule.")


# --- the schedule ----------------------------------------------------------------------------------


def months_before(now: datetime, months: int) -> datetime:
    """The same instant ``months`` calendar months earlier (the 31st becomes the month's last day)."""
    year, month0 = divmod(now.year * 12 + now.month - 1 - months, 12)
    day = min(now.day, calendar.monthrange(year, month0 + 1)[1])
    return now.replace(year=year, month=month0 + 1, day=day)


def cut_offs(settings: RetentionSettings, now: datetime) -> dict[str, datetime]:
    """Per tunable class: rows older than this instant are due."""
    return {
        "checkin_notes": months_before(now, settings.checkin_notes_months),
        "declined_referrals": months_before(now, settings.declined_referrals_months),
        "ended_memberships": months_before(now, settings.ended_memberships_months),
        "safeguarding": months_before(now, 12 * settings.safeguarding_years),
        "audit": months_before(now, 12 * settings.audit_years),
    }


def tables_of(retention_class: str) -> list[str]:
    """The tables whose rows follow a class (from the catalogue)."""
    return sorted(rule.table for rule in RULES if rule.retention == retention_class)


@dataclass(frozen=True, slots=True)
class ClassView:
    """One class of the schedule: its words, its period (tuned or fixed) and its tables."""

    key: str
    words: str
    setting: str | None
    value: int | None
    unit: str
    default: int | None
    tables: list[str]
    enforced_here: bool


@dataclass(frozen=True, slots=True)
class ScheduleView:
    """The schedule of one organisation and its recent runs, newest first."""

    settings: RetentionSettings
    classes: list[ClassView]
    runs: list[RetentionRun] = field(default_factory=list)


def period_words(value: int | None, unit: str) -> str:
    """'12 months', '1 year' (empty for a fixed class: its words say it)."""
    if value is None:
        return ""
    singular = unit.removesuffix("s")
    return f"{value} {singular if value == 1 else unit}"


def classes(settings: RetentionSettings) -> list[ClassView]:
    """Every class of ``RETENTION`` with this organisation's period."""
    tuned = msgspec.structs.asdict(settings)
    return [
        ClassView(
            key=key,
            words=rc.words,
            setting=rc.setting,
            value=tuned[rc.setting] if rc.setting else None,
            unit=rc.unit,
            default=rc.default,
            tables=tables_of(key),
            enforced_here=key in ENFORCED,
        )
        for key, rc in RETENTION.items()
    ]


async def recent_runs(
    session: AsyncSession, *, organisation_id: uuid.UUID, limit: int = RECENT_RUNS
) -> list[RetentionRun]:
    """The organisation's last runs, newest first."""
    query = (
        select(RetentionRun)
        .where(RetentionRun.organisation_id == organisation_id)
        .order_by(RetentionRun.started_at.desc(), RetentionRun.id.desc())
        .limit(limit)
    )
    return list((await session.scalars(query)).all())


async def get_schedule(scope: Scope) -> ScheduleView:
    """The schedule and its last runs (coordinators)."""
    organisation = scope.require(policy.handles_rights, str(_REFUSED))
    settings = scope.settings.retention
    runs = await recent_runs(scope.session, organisation_id=organisation.id)
    return ScheduleView(settings=settings, classes=classes(settings), runs=runs)


async def change_schedule(scope: Scope, *, retention: RetentionSettings) -> ScheduleView:
    """Change the tunable periods (coordinators); audited with the old and new numbers."""
    organisation = scope.require(policy.handles_rights, str(_REFUSED))
    old = msgspec.structs.asdict(scope.settings.retention)
    new = msgspec.structs.asdict(retention)
    if old != new:
        organisation.settings = {**organisation.settings, "retention": new}
        await scope.audit("privacy.retention.changed", details={"old": old, "new": new})
    runs = await recent_runs(scope.session, organisation_id=organisation.id)
    return ScheduleView(settings=retention, classes=classes(retention), runs=runs)


# --- which organisations are due -------------------------------------------------------------------


async def due_organisations(session: AsyncSession, *, now: datetime) -> list[tuple[uuid.UUID | None, Any]]:
    """Organisations (and ``None``: records of no organisation) whose last run started ``RUN_EVERY`` ago.

    With each, its retention settings. One query for the runs, one for the organisations: cheap when
    nothing is due.
    """
    last = dict(
        (
            await session.execute(
                select(RetentionRun.organisation_id, func.max(RetentionRun.started_at)).group_by(
                    RetentionRun.organisation_id
                )
            )
        ).all()
    )
    since = now - RUN_EVERY

    def due(organisation_id: uuid.UUID | None) -> bool:
        started = last.get(organisation_id)
        return started is None or _aware(started) <= since

    due_list: list[tuple[uuid.UUID | None, Any]] = []
    if due(None):
        due_list.append((None, RetentionSettings()))
    rows = await session.execute(select(Organisation.id, Organisation.settings))
    for organisation_id, settings in rows.all():
        if due(organisation_id):
            due_list.append((organisation_id, msgspec.convert(settings, OrganisationSettings).retention))
    return due_list


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


async def start_run(
    session: AsyncSession, *, organisation_id: uuid.UUID | None, now: datetime, only_if_due: bool = False
) -> RetentionRun | None:
    """Record that a run started, so a second worker starting now finds it not due.

    ``only_if_due``: no run is started when another started within ``RUN_EVERY``, checked under a lock
    held to the end of this transaction (PostgreSQL: an advisory lock per organisation; SQLite has one
    writer at a time), so two workers starting at once run each organisation once.
    """
    if only_if_due:
        if session.get_bind().dialect.name == "postgresql":
            key = f"carerlink.retention:{organisation_id or 'none'}"
            await session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": key})
        last = await session.scalar(
            select(func.max(RetentionRun.started_at)).where(
                _org(RetentionRun.organisation_id, organisation_id)
            )
        )
        if last is not None and _aware(last) > now - RUN_EVERY:
            return None
    run = RetentionRun(organisation_id=organisation_id, started_at=now, finished_at=None, removed={})
    session.add(run)
    await session.flush()
    return run


async def finish_run(
    session: AsyncSession, *, run_id: uuid.UUID, removed: dict[str, int], now: datetime
) -> None:
    """Record what a run removed (counts per class, never content)."""
    run = await session.get(RetentionRun, run_id)
    if run is not None:
        run.finished_at = now
        run.removed = dict(removed)


# --- one batch of each class -----------------------------------------------------------------------


def _org(column: Any, organisation_id: uuid.UUID | None) -> Any:
    return column.is_(None) if organisation_id is None else column == organisation_id


async def _ids(session: AsyncSession, query: Any) -> list[Any]:
    return list((await session.scalars(query)).all())


def _ended_matches(organisation_id: uuid.UUID, cut_off: datetime) -> Any:
    return select(Match.id).where(
        Match.organisation_id == organisation_id, Match.closed_at.is_not(None), Match.closed_at < cut_off
    )


async def remove_checkin_notes(
    session: AsyncSession, *, organisation_id: uuid.UUID, cut_off: datetime, limit: int
) -> int:
    """Clear up to ``limit`` rows of notes and replies of matches that ended before ``cut_off``.

    Check-in notes and buddies' replies, coordinators' resolution notes, the match's own free text, and
    the texted replies (deleted); a batch works through the occurrences first, then the steps, the
    matches and the texts, so whatever it returns, the next batch carries on where it stopped.
    """
    ended = _ended_matches(organisation_id, cut_off)
    occurrences = _ids(
        session,
        select(CheckinOccurrence.id)
        .where(
            CheckinOccurrence.match_id.in_(ended),
            or_(CheckinOccurrence.note.is_not(None), CheckinOccurrence.reply_message.is_not(None)),
        )
        .limit(limit),
    )
    ids = await occurrences
    if ids:
        await session.execute(
            update(CheckinOccurrence)
            .where(CheckinOccurrence.id.in_(ids))
            .values(note=None, reply_message=None)
            .execution_options(synchronize_session=False)
        )
        return len(ids)
    ids = await _ids(
        session,
        select(CheckinStep.id)
        .join(CheckinOccurrence, CheckinOccurrence.id == CheckinStep.occurrence_id)
        .where(CheckinOccurrence.match_id.in_(ended), CheckinStep.resolution_note.is_not(None))
        .limit(limit),
    )
    if ids:
        await session.execute(
            update(CheckinStep)
            .where(CheckinStep.id.in_(ids))
            .values(resolution_note=None)
            .execution_options(synchronize_session=False)
        )
        return len(ids)
    ids = await _ids(
        session,
        select(Match.id)
        .where(
            Match.id.in_(ended),
            or_(
                Match.note != "",
                Match.close_note.is_not(None),
                Match.carer_decline_reason.is_not(None),
                Match.buddy_decline_reason.is_not(None),
                Match.carer_feedback.is_not(None),
                Match.buddy_feedback.is_not(None),
            ),
        )
        .limit(limit),
    )
    if ids:
        await session.execute(
            update(Match)
            .where(Match.id.in_(ids))
            .values(
                note="",
                close_note=None,
                carer_decline_reason=None,
                buddy_decline_reason=None,
                carer_feedback=None,
                buddy_feedback=None,
            )
            .execution_options(synchronize_session=False)
        )
        return len(ids)
    # Messages within the pair (issue 18): their words go with the check-in notes.
    ids = await _ids(
        session,
        select(Message.id).where(Message.match_id.in_(ended), Message.text.is_not(None)).limit(limit),
    )
    if ids:
        await session.execute(
            update(Message)
            .where(Message.id.in_(ids))
            .values(text=None, idempotency_key=None)
            .execution_options(synchronize_session=False)
        )
        return len(ids)
    # Texted replies: those of the ended matches' check-ins, and the ones that reached no check-in (once
    # a coordinator dealt with them: a reply waiting on the attention list is never lost).
    ended_occurrences = select(CheckinOccurrence.id).where(CheckinOccurrence.match_id.in_(ended))
    ids = await _ids(
        session,
        select(InboundText.id)
        .where(
            InboundText.organisation_id == organisation_id,
            InboundText.received_at < cut_off,
            or_(
                InboundText.occurrence_id.in_(ended_occurrences),
                (InboundText.occurrence_id.is_(None) & InboundText.handled_at.is_not(None)),
            ),
        )
        .limit(limit),
    )
    if ids:
        await session.execute(
            delete(InboundText).where(InboundText.id.in_(ids)).execution_options(synchronize_session=False)
        )
    return len(ids)


async def remove_declined_referrals(
    session: AsyncSession, *, organisation_id: uuid.UUID, cut_off: datetime, limit: int
) -> int:
    """Delete up to ``limit`` referrals declined before ``cut_off``."""
    return await _delete_batch(
        session,
        Referral,
        Referral.organisation_id == organisation_id,
        Referral.status == ReferralStatus.DECLINED,
        Referral.decided_at.is_not(None),
        Referral.decided_at < cut_off,
        limit=limit,
    )


async def remove_ended_memberships(
    session: AsyncSession, *, organisation_id: uuid.UUID, cut_off: datetime, now: datetime, limit: int
) -> int:
    """Anonymise up to ``limit`` people whose memberships ended before ``cut_off`` (erasure's rules)."""
    return await anonymise_expired_memberships(
        session, organisation_id=organisation_id, ended_before=cut_off, now=now, limit=limit
    )


def _names_user(organisation_id: uuid.UUID) -> Any:
    """Whether a safeguarding record of the organisation still names the retained identity's person."""
    alert = exists().where(
        CrisisAlert.organisation_id == organisation_id,
        or_(
            CrisisAlert.carer_user_id == RetainedIdentity.user_id,
            CrisisAlert.buddy_user_id == RetainedIdentity.user_id,
        ),
    )
    concern = exists().where(
        Concern.organisation_id == organisation_id,
        or_(
            Concern.carer_user_id == RetainedIdentity.user_id,
            Concern.raised_by_user_id == RetainedIdentity.user_id,
        ),
    )
    return alert | concern


async def remove_safeguarding(
    session: AsyncSession, *, organisation_id: uuid.UUID, cut_off: datetime, limit: int
) -> int:
    """Delete up to ``limit`` closed safeguarding records closed before ``cut_off``; never an open one.

    Crisis alerts acknowledged, concerns closed (with their actions), then the identities kept beside
    them once no record about that person is left.
    """
    alerts = await _delete_batch(
        session,
        CrisisAlert,
        CrisisAlert.organisation_id == organisation_id,
        CrisisAlert.status == AlertStatus.ACKNOWLEDGED,
        CrisisAlert.acknowledged_at.is_not(None),
        CrisisAlert.acknowledged_at < cut_off,
        limit=limit,
    )
    if alerts:
        return alerts
    ids = await _ids(
        session,
        select(Concern.id)
        .where(
            Concern.organisation_id == organisation_id,
            Concern.status == ConcernStatus.CLOSED,
            Concern.closed_at.is_not(None),
            Concern.closed_at < cut_off,
        )
        .limit(limit),
    )
    if ids:
        actions = await session.execute(
            delete(ConcernAction)
            .where(ConcernAction.concern_id.in_(ids))
            .execution_options(synchronize_session=False)
        )
        await session.execute(
            delete(Concern).where(Concern.id.in_(ids)).execution_options(synchronize_session=False)
        )
        return len(ids) + _rowcount(actions)
    return await _delete_batch(
        session,
        RetainedIdentity,
        RetainedIdentity.organisation_id == organisation_id,
        ~_names_user(organisation_id),
        limit=limit,
    )


def _rowcount(result: Any) -> int:
    count = getattr(result, "rowcount", 0)
    return count if isinstance(count, int) and count > 0 else 0


async def _delete_batch(session: AsyncSession, model: Any, *conditions: Any, limit: int) -> int:
    """Delete up to ``limit`` rows of ``model`` that meet ``conditions`` (by id); how many went."""
    ids = await _ids(session, select(model.id).where(*conditions).limit(limit))
    if ids:
        await session.execute(
            delete(model).where(model.id.in_(ids)).execution_options(synchronize_session=False)
        )
    return len(ids)


async def remove_audit(
    session: AsyncSession, *, organisation_id: uuid.UUID | None, cut_off: datetime, limit: int
) -> int:
    """Delete up to ``limit`` whole audit entries (never edited), erasure proofs and runs past ``cut_off``.

    ``organisation_id`` None: the entries of no organisation (sign-ins, a person's own settings).
    """
    entries = await _delete_batch(
        session,
        AuditEntry,
        _org(AuditEntry.organisation_id, organisation_id),
        AuditEntry.at < cut_off,
        limit=limit,
    )
    if entries:
        return entries
    if organisation_id is not None:
        proofs = await _delete_batch(
            session,
            ErasureRequest,
            ErasureRequest.organisation_id == organisation_id,
            ErasureRequest.state.in_((ErasureState.DONE, ErasureState.CANCELLED)),
            func.coalesce(ErasureRequest.completed_at, ErasureRequest.decided_at, ErasureRequest.requested_at)
            < cut_off,
            limit=limit,
        )
        if proofs:
            return proofs
    return await _delete_batch(
        session,
        RetentionRun,
        _org(RetentionRun.organisation_id, organisation_id),
        RetentionRun.started_at < cut_off,
        limit=limit,
    )


async def remove_exports(
    session: AsyncSession, *, organisation_id: uuid.UUID | None, now: datetime, limit: int
) -> int:
    """Wipe up to ``limit`` archives of copies whose link ran out (the copy is marked expired)."""
    ids = await _ids(
        session,
        select(DataExport.id)
        .where(
            _org(DataExport.organisation_id, organisation_id),
            DataExport.state == ExportState.READY,
            DataExport.expires_at.is_not(None),
            DataExport.expires_at <= now,
        )
        .limit(limit),
    )
    if ids:
        await session.execute(
            update(DataExport)
            .where(DataExport.id.in_(ids))
            .values(state=ExportState.EXPIRED, archive=None)
            .execution_options(synchronize_session=False)
        )
    return len(ids)


def removed_words(removed: dict[str, Any]) -> Sequence[tuple[str, int]]:
    """What a run removed, class by class in the schedule's order (only the enforced classes)."""
    return [(key, int(removed.get(key, 0))) for key in ENFORCED]
