"""The crisis path: raise an alert, tell the coordinators and the buddy, escalate, record what was done.

The on-duty coordinators get push and e-mail at once; an alert nobody acknowledges in time goes to the
safeguarding lead (or every coordinator); everything is in the audit log.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import String, Uuid, column, func, select, table, update
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts import service as accounts
from carerlink.accounts.models import User
from carerlink.accounts.phones import PhoneNumber
from carerlink.actor import Actor, Role
from carerlink.db import dialect_insert
from carerlink.db.types import UTCDateTime
from carerlink.errors import Conflict, NotFound
from carerlink.i18n import N_, _
from carerlink.matching.models import Match, MatchStatus
from carerlink.notifications import kinds
from carerlink.notifications import service as notifications
from carerlink.organisations import service as organisations
from carerlink.organisations.consents import DEFAULT_CRISIS_LINES
from carerlink.organisations.models import MembershipStatus
from carerlink.organisations.policy import sees_phone_numbers
from carerlink.organisations.scope import Scope, open_scope
from carerlink.safeguarding import policy
from carerlink.safeguarding.models import AlertStatus, CrisisAlert


async def _first_name(session: AsyncSession, user_id: uuid.UUID) -> str:
    user = await accounts.get_user_or_raise(session, user_id=user_id)
    return user.display_name.split()[0] if user.display_name.split() else user.display_name


def crisis_lines(scope: Scope) -> list[dict[str, Any]]:
    """The crisis lines of the scope's organisation, as stored (name, contact, how, description)."""
    if scope.organisation is None:
        return list(DEFAULT_CRISIS_LINES)
    return list(scope.organisation.crisis_lines)


async def raise_crisis_alert(
    scope: Scope,
    *,
    carer_user_id: uuid.UUID,
    buddy_user_id: uuid.UUID | None,
    source: str,
    source_id: uuid.UUID,
) -> CrisisAlert:
    """Raise the alert for "I need help now" once per source, and tell everyone who must know at once.

    The on-duty coordinators (every coordinator when nobody is on duty) get an urgent push that ignores
    quiet hours, an e-mail with no names or details, and the alert on their dashboard; the buddy is told
    that the coordinators are dealing with it. A retried answer finds the alert already raised.
    """
    session, now = scope.session, scope.now
    table = CrisisAlert.__table__
    inserted = await session.execute(
        dialect_insert(session, table)
        .values(
            id=uuid.uuid4(),
            organisation_id=scope.organisation_id,
            carer_user_id=carer_user_id,
            buddy_user_id=buddy_user_id,
            source=source,
            source_id=source_id,
            status=AlertStatus.OPEN.value,
            raised_at=now,
            escalate_at=now + timedelta(minutes=scope.settings.checkins.crisis_ack_minutes),
        )
        .on_conflict_do_nothing(index_elements=[table.c.source_id])
        .returning(table.c.id)
    )
    new_id = inserted.scalar_one_or_none()
    alert = await session.scalar(select(CrisisAlert).where(CrisisAlert.source_id == source_id))
    assert alert is not None
    if new_id is None:
        return alert  # already raised (a retried answer): everyone was told the first time
    carer_name = await _first_name(session, carer_user_id)
    data = {"alert_id": alert.id, "carer_name": carer_name}
    for coordinator_id in await organisations.coordinators_to_alert(
        session, organisation_id=alert.organisation_id
    ):
        await scope.notify(coordinator_id, kinds.CrisisAlert, data, dedupe_key=f"crisis:{alert.id}")
    if buddy_user_id is not None:
        await scope.notify(
            buddy_user_id, kinds.CarerAskedForHelp, data, dedupe_key=f"crisis-buddy:{alert.id}"
        )
    # The alert is the system's doing, whoever's answer raised it (their answer is on the check-in).
    await replace(scope, actor=Actor.system()).audit(
        "safeguarding.alert.raised",
        subject_user_id=carer_user_id,
        object_type="crisis_alert",
        object_id=alert.id,
        details={"source": source},
    )
    return alert


async def open_alert_sources(session: AsyncSession, *, source_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these sources (check-ins) have a crisis alert that nobody has acknowledged yet."""
    if not source_ids:
        return set()
    return set(
        await session.scalars(
            select(CrisisAlert.source_id).where(
                CrisisAlert.source_id.in_(source_ids), CrisisAlert.status == AlertStatus.OPEN
            )
        )
    )


async def alert_for_source(session: AsyncSession, *, source_id: uuid.UUID) -> CrisisAlert | None:
    """The crisis alert raised from this source (a check-in), if any."""
    return await session.scalar(select(CrisisAlert).where(CrisisAlert.source_id == source_id))


_HANDLERS_ONLY = N_("Only coordinators handle alerts.")
TO_LEAD, TO_ALL = "safeguarding_lead", "all_coordinators"
# The notifications about one alert, by dedupe key: to coordinators (at once, on escalation, a mistake
# reported) and to the buddy. Acknowledging the alert marks them read with who has it (issue 13).
_COORDINATOR_KEYS = ("crisis:{}", "crisis-escalated:{}", "crisis-mistake:{}")
_BUDDY_KEY = "crisis-buddy:{}"


def _keys(alert_id: uuid.UUID, *, buddy: bool = False) -> list[str]:
    keys = [key.format(alert_id) for key in _COORDINATOR_KEYS]
    return [*keys, _BUDDY_KEY.format(alert_id)] if buddy else keys


HELP_BUTTON = uuid.UUID("6f1c2a52-7d1e-4c57-9a61-2f0b8c4e9d31")  # namespace for help-button alert ids


@dataclass(frozen=True, slots=True)
class HelpAsked:
    """The alert a call for help raised (or found already raised by a retry), and the crisis lines."""

    alert: CrisisAlert
    crisis_lines: list[dict[str, Any]]


async def _suspended_carer(session: AsyncSession, user_id: uuid.UUID, organisation_id: uuid.UUID) -> bool:
    return any(
        membership.organisation_id == organisation_id
        and membership.role == Role.CARER
        and membership.status == MembershipStatus.SUSPENDED
        for membership, _ in await organisations.memberships_of(session, user_id=user_id)
    )


async def ask_for_help(scope: Scope, *, idempotency_key: str | None) -> HelpAsked:
    """A carer presses "I need help now" outside a check-in (on the waiting list too): raise the alert.

    A retry with the same ``Idempotency-Key`` finds the alert already raised. The buddy of the carer's
    active match, if any, is told the coordinators are dealing with it. Returns the alert (its id lets
    the carer say later that they pressed it by mistake) and the crisis lines.
    """
    session, actor, organisation_id = scope.session, scope.actor, scope.organisation_id
    user_id = actor.require_person()
    allowed = policy.can_ask_for_help(actor, organisation_id)
    if not allowed:  # only then is it worth a look at memberships that are not active
        suspended = await _suspended_carer(session, user_id, organisation_id)
        allowed = policy.can_ask_for_help(actor, organisation_id, suspended_carer=suspended)
    if not allowed:
        # Not ``scope.require``: a suspended carer holds no active role there, and is still heard.
        raise scope.refusal(_("The help button is for carers."))
    key = idempotency_key or uuid.uuid4().hex
    source_id = uuid.uuid5(HELP_BUTTON, f"{user_id}:{key}")
    buddy_user_id = await session.scalar(
        select(Match.buddy_user_id).where(
            Match.organisation_id == organisation_id,
            Match.carer_user_id == user_id,
            Match.status == MatchStatus.ACTIVE,
        )
    )
    alert = await raise_crisis_alert(
        scope, carer_user_id=user_id, buddy_user_id=buddy_user_id, source="help_button", source_id=source_id
    )
    return HelpAsked(alert, crisis_lines(scope))


async def report_mistake(scope: Scope, *, alert_id: uuid.UUID) -> CrisisAlert:
    """The carer says they pressed "I need help now" by mistake: recorded on the alert, coordinators told.

    It never cancels, acknowledges or delays the alert: a coordinator still checks (someone in crisis may
    say it was a mistake), and an alert nobody acknowledges still goes to the safeguarding lead. Only the
    carer who raised it may say so; saying it again changes nothing and tells nobody twice.
    """
    scope.actor.require_person()
    session = scope.session
    alert = await session.scalar(select(CrisisAlert).where(CrisisAlert.id == alert_id).with_for_update())
    if alert is None or alert.organisation_id != scope.organisation_id:
        raise NotFound(_("No such alert."))
    if not policy.can_report_mistake(scope.actor, alert):
        raise scope.refusal(_("Only the carer who asked for help can say it was a mistake."), what="alert")
    if alert.mistake_reported_at is not None:
        return alert  # said already (a double tap, a retry, another device): nobody is told twice
    alert.mistake_reported_at = scope.now
    data = {"alert_id": alert.id, "carer_name": await _first_name(session, alert.carer_user_id)}
    for user_id in await _told_about(session, alert):
        await scope.notify(
            user_id, kinds.CrisisMistakeReported, data, dedupe_key=f"crisis-mistake:{alert.id}"
        )
    await scope.audit(
        "safeguarding.alert.mistake_reported",
        subject_user_id=alert.carer_user_id,
        object_type="crisis_alert",
        object_id=alert.id,
    )
    return alert


async def _told_about(session: AsyncSession, alert: CrisisAlert) -> list[uuid.UUID]:
    """The coordinators told about this alert so far (at once, and on escalation), else those to alert now."""
    told = await notifications.recipients_of(
        session,
        organisation_id=alert.organisation_id,
        since=alert.raised_at,
        dedupe_keys=[f"crisis:{alert.id}", f"crisis-escalated:{alert.id}"],
    )
    if told:
        return told
    # The first notifications have been purged (an old alert): tell whoever an alert would reach today.
    return await organisations.coordinators_to_alert(session, organisation_id=alert.organisation_id)


async def escalate_unacknowledged(session: AsyncSession, *, now: datetime, limit: int = 100) -> int:
    """Tell the safeguarding lead (or every coordinator) about alerts nobody acknowledged in time, once."""
    due = select(CrisisAlert).where(
        CrisisAlert.status == AlertStatus.OPEN,
        CrisisAlert.escalated_at.is_(None),
        CrisisAlert.escalate_at <= now,
    )
    if session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    alerts = (await session.scalars(due.order_by(CrisisAlert.escalate_at).limit(limit))).all()
    scopes: dict[uuid.UUID, Scope] = {}  # one scope per organisation for the whole run, as a request has
    for alert in alerts:
        claimed = await session.execute(
            update(CrisisAlert)
            .where(CrisisAlert.id == alert.id, CrisisAlert.escalated_at.is_(None))
            .values(escalated_at=now)
        )
        if not claimed.rowcount:  # type: ignore[attr-defined]
            continue
        if alert.organisation_id not in scopes:
            scopes[alert.organisation_id] = await open_scope(
                session,
                actor=Actor.system(),
                now=now,
                organisation_id=alert.organisation_id,
            )
        await _escalate(scopes[alert.organisation_id], alert)
    return len(alerts)


async def _escalation_target(scope: Scope) -> tuple[str, list[uuid.UUID]]:
    """Where an escalation goes now: ``("safeguarding_lead", [lead])`` or ``("all_coordinators", [...])``.

    A lead whose coordinator membership was suspended or ended gets nothing (notify() sends nothing to
    it), so the escalation goes to every coordinator instead of to nobody (issue 10 §2).
    """
    lead = scope.settings.safeguarding_lead_user_id
    coordinators = await organisations.coordinators_to_alert(
        scope.session, organisation_id=scope.organisation_id, on_duty_only=False
    )
    if lead is not None and lead in coordinators:
        return TO_LEAD, [lead]
    return TO_ALL, coordinators


async def _escalate(scope: Scope, alert: CrisisAlert) -> None:
    """Tell the safeguarding lead about one alert, or every coordinator when the lead can't be told."""
    target, recipients = await _escalation_target(scope)
    to_lead = target == TO_LEAD
    alert.escalated_to = target
    minutes = max(1, int((scope.now - alert.raised_at).total_seconds() // 60))
    data = {
        "alert_id": alert.id,
        "carer_name": await _first_name(scope.session, alert.carer_user_id),
        "minutes": minutes,
    }
    for user_id in recipients:
        await scope.notify(
            user_id, kinds.CrisisUnacknowledged, data, dedupe_key=f"crisis-escalated:{alert.id}"
        )
    await scope.audit(
        "safeguarding.alert.escalated",
        subject_user_id=alert.carer_user_id,
        object_type="crisis_alert",
        object_id=alert.id,
        details={"to": "safeguarding_lead" if to_lead else "all_coordinators"},
    )


@dataclass(frozen=True, slots=True)
class AlertContacts:
    """Whom a coordinator can ring about an alert: the carer, their emergency contact, their buddy."""

    carer_phone: PhoneNumber | None
    emergency_contact: tuple[str, str, PhoneNumber] | None  # name, relationship, number
    buddy_phone: PhoneNumber | None


NO_CONTACTS = AlertContacts(carer_phone=None, emergency_contact=None, buddy_phone=None)


async def alert_contacts(scope: Scope, alerts: Sequence[CrisisAlert]) -> dict[uuid.UUID, AlertContacts]:
    """The numbers to ring for each alert, by alert id: for the organisation's coordinators, else none.

    Coordinators are the safety net and always see them (``sees_phone_numbers``); the buddy's number is
    shown whatever the pair chose between themselves, because the centre may need to reach them too.
    """
    if not alerts or not sees_phone_numbers(scope.actor, scope.organisation_id):
        return {}
    people = {a.carer_user_id for a in alerts} | {a.buddy_user_id for a in alerts if a.buddy_user_id}
    numbers = await accounts.phone_numbers(scope.session, user_ids=people)
    contacts = await accounts.emergency_contacts(scope.session, user_ids={a.carer_user_id for a in alerts})
    return {
        a.id: AlertContacts(
            carer_phone=numbers.get(a.carer_user_id),
            emergency_contact=contacts.get(a.carer_user_id),
            buddy_phone=numbers.get(a.buddy_user_id) if a.buddy_user_id else None,
        )
        for a in alerts
        if a.organisation_id == scope.organisation_id
    }


@dataclass(frozen=True, slots=True)
class AlertView:
    """An alert as coordinators see it, with where its escalation goes or went (issue 13).

    ``escalates_to``: "safeguarding_lead" or "all_coordinators" — where it went, once escalated; where it
    would go now, while open; ``None`` for one acknowledged before it escalated (nothing to say).
    ``lead_name`` names the lead when it goes (or went) to them. Times are read in ``time_zone``, the
    organisation's.
    """

    alert: CrisisAlert
    escalates_to: str | None
    lead_name: str | None
    acknowledged_by_name: str | None
    time_zone: str
    contacts: AlertContacts  # whom to ring (issue 13)
    # Issue 15: the carer's kept name when they were erased (the record is kept for safeguarding).
    carer_kept_name: str | None = None


# Who an erased person was, kept beside the safeguarding records about them (issue 15). The table belongs
# to the privacy layer, which sits above this one: it is read here by name (a plain table clause, no
# import), so a kept alert or concern still says whom it is about.
_RETAINED = table(
    "retained_identities",
    column("organisation_id", Uuid()),
    column("user_id", Uuid()),
    column("display_name", String()),
    column("kept_at", UTCDateTime()),
)


async def retained_names(
    session: AsyncSession, *, organisation_id: uuid.UUID, user_ids: Iterable[uuid.UUID | None]
) -> dict[uuid.UUID, str]:
    """The kept names of erased people among ``user_ids``, for coordinators' safeguarding pages.

    "Name (erased on 6 December 2026; kept for safeguarding)", instead of "Former carer".
    """
    wanted = {i for i in user_ids if i is not None}
    if not wanted:
        return {}
    rows = await session.execute(
        select(_RETAINED.c.user_id, _RETAINED.c.display_name, _RETAINED.c.kept_at).where(
            _RETAINED.c.organisation_id == organisation_id, _RETAINED.c.user_id.in_(wanted)
        )
    )
    found: dict[uuid.UUID, str] = {}
    for user_id, name, kept_at in rows.all():
        erased_on = f"{kept_at.day} {kept_at:%B %Y}"
        found[user_id] = f"{name} (erased on {erased_on}; kept for safeguarding)"
    return found


async def _display_names(session: AsyncSession, user_ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not user_ids:
        return {}
    rows = await session.execute(select(User.id, User.display_name).where(User.id.in_(user_ids)))
    return {user_id: name for user_id, name in rows}


async def _views(scope: Scope, alerts: Sequence[CrisisAlert]) -> list[AlertView]:
    """The alerts with their escalation target, the lead's name and who acknowledged them."""

    def told(alert: CrisisAlert) -> bool:  # open, or escalated before it was acknowledged
        return alert.status == AlertStatus.OPEN or alert.escalated_at is not None

    target: str | None = None
    if any(a.escalated_to is None and told(a) for a in alerts):
        # Once for the list, the same for every alert: where an escalation would go now (and, for one
        # escalated before the target was kept, the best answer there is).
        target, _ = await _escalation_target(scope)
    lead = scope.settings.safeguarding_lead_user_id
    wanted = {a.acknowledged_by_user_id for a in alerts if a.acknowledged_by_user_id is not None}
    names = await _display_names(scope.session, wanted | ({lead} if lead is not None else set()))
    time_zone = scope.organisation.time_zone if scope.organisation is not None else "Europe/London"
    contacts = await alert_contacts(scope, alerts)
    kept = await retained_names(
        scope.session, organisation_id=scope.organisation_id, user_ids=[a.carer_user_id for a in alerts]
    )
    views = []
    for alert in alerts:
        goes = alert.escalated_to or (target if told(alert) else None)
        views.append(
            AlertView(
                alert=alert,
                escalates_to=goes,
                lead_name=names.get(lead) if goes == TO_LEAD and lead is not None else None,
                acknowledged_by_name=names.get(alert.acknowledged_by_user_id)
                if alert.acknowledged_by_user_id is not None
                else None,
                time_zone=time_zone,
                contacts=contacts.get(alert.id, NO_CONTACTS),
                carer_kept_name=kept.get(alert.carer_user_id),
            )
        )
    return views


async def list_alerts(scope: Scope, *, status: AlertStatus | None = None) -> list[AlertView]:
    """An organisation's alerts, open ones first, newest first (coordinators)."""
    organisation = scope.require(policy.can_handle_alerts, str(_HANDLERS_ONLY))
    query = select(CrisisAlert).where(CrisisAlert.organisation_id == organisation.id)
    if status is not None:
        query = query.where(CrisisAlert.status == status)
    query = query.order_by((CrisisAlert.status == AlertStatus.OPEN).desc(), CrisisAlert.raised_at.desc())
    return await _views(scope, (await scope.session.scalars(query.limit(200))).all())


async def _alert_or_raise(scope: Scope, *, alert_id: uuid.UUID, lock: bool = False) -> CrisisAlert:
    """One alert (coordinators); the view is audited, as it names a carer in crisis.

    The coordinator's own unread notifications about it are read now: they have it in front of them
    (issue 13), however they got here.
    """
    organisation = scope.require(policy.can_handle_alerts, str(_HANDLERS_ONLY))
    query = select(CrisisAlert).where(CrisisAlert.id == alert_id)
    alert = await scope.session.scalar(query.with_for_update() if lock else query)
    if alert is None or alert.organisation_id != organisation.id:
        raise NotFound(_("No such alert."))
    await scope.audit(
        "safeguarding.alert.viewed",
        subject_user_id=alert.carer_user_id,
        object_type="crisis_alert",
        object_id=alert.id,
    )
    if scope.actor.user_id is not None:
        await notifications.mark_read_for(
            scope.session,
            dedupe_keys=_keys(alert.id),
            user_ids=[scope.actor.user_id],
            organisation_id=organisation.id,
            now=scope.now,
        )
    return alert


async def get_alert_or_raise(scope: Scope, *, alert_id: uuid.UUID) -> AlertView:
    """One alert as coordinators see it (audited; the viewer's own notifications about it are read)."""
    [view] = await _views(scope, [await _alert_or_raise(scope, alert_id=alert_id)])
    return view


async def acknowledge(scope: Scope, *, alert_id: uuid.UUID, action_taken: str) -> AlertView:
    """A coordinator takes the alert and records what they did (it stops the escalation).

    What was true until now stops being shown (issue 13): every notification about the alert — the other
    coordinators' "Urgent: … needs help now", the lead's escalation, the buddy's "… asked for help" — is
    marked read and says who acknowledged it; their pushes still waiting are withdrawn.
    """
    alert = await _alert_or_raise(scope, alert_id=alert_id, lock=True)
    if alert.status == AlertStatus.ACKNOWLEDGED:
        raise Conflict(_("Another coordinator has already acknowledged this alert."))
    alert.status = AlertStatus.ACKNOWLEDGED
    alert.acknowledged_at = scope.now
    alert.acknowledged_by_user_id = scope.actor.user_id
    alert.action_taken = action_taken.strip()
    acknowledger = scope.actor.require_person()
    by = await _first_name(scope.session, acknowledger)
    await notifications.mark_read_for(
        scope.session,
        dedupe_keys=_keys(alert.id, buddy=True),
        organisation_id=alert.organisation_id,
        now=scope.now,
        data_update={"acknowledged_by": by},
    )
    await _tell_it_is_handled(scope, alert, acknowledged_by=by)
    await scope.audit(
        "safeguarding.alert.acknowledged",
        subject_user_id=alert.carer_user_id,
        object_type="crisis_alert",
        object_id=alert.id,
    )
    [view] = await _views(scope, [alert])
    return view


async def _tell_it_is_handled(scope: Scope, alert: CrisisAlert, *, acknowledged_by: str) -> None:
    """Bring the phones of everyone told about the alert up to date: a silent push with the same ``tag``.

    It replaces the urgent notification still shown on the other coordinators' phones (and the buddy's
    "… asked for help"); it has no inbox entry of its own, as their entries already say who has it.
    """
    session, carer_name = scope.session, await _first_name(scope.session, alert.carer_user_id)
    told = await notifications.recipients_of(
        session, organisation_id=alert.organisation_id, since=alert.raised_at, dedupe_keys=_keys(alert.id)
    )
    data = {"alert_id": alert.id, "carer_name": carer_name, "acknowledged_by": acknowledged_by}
    for user_id in told:
        if user_id != scope.actor.user_id:
            await scope.notify(
                user_id, kinds.CrisisAcknowledged, data, dedupe_key=f"crisis-acknowledged:{alert.id}"
            )
    buddy_told = await notifications.recipients_of(
        session,
        organisation_id=alert.organisation_id,
        since=alert.raised_at,
        dedupe_keys=[_BUDDY_KEY.format(alert.id)],
    )
    for user_id in buddy_told:
        await scope.notify(
            user_id,
            kinds.CarerHelpHandled,
            {"alert_id": alert.id, "carer_name": carer_name},
            dedupe_key=f"crisis-buddy-handled:{alert.id}",
        )


async def get_duty(scope: Scope) -> bool:
    """Whether crisis alerts reach this coordinator at once (the membership's switch)."""
    return await organisations.duty_of(scope)


async def set_duty(scope: Scope, *, on_duty: bool) -> bool:
    """A coordinator goes on or off duty for crisis alerts; returns the switch as it now stands."""
    membership = await organisations.change_duty(scope, on_duty=on_duty)
    return membership.on_duty


async def open_alert_count(session: AsyncSession, *, organisation_id: uuid.UUID | None = None) -> int:
    """How many alerts nobody has acknowledged yet (for dashboards and metrics)."""
    query = select(func.count()).select_from(CrisisAlert).where(CrisisAlert.status == AlertStatus.OPEN)
    if organisation_id is not None:
        query = query.where(CrisisAlert.organisation_id == organisation_id)
    return int(await session.scalar(query) or 0)
