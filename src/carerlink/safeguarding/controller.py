"""HTTP routes of safeguarding: crisis alerts for coordinators, and going on and off duty."""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec
from litestar import Controller, get, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, JSONBody
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.actor import Actor
from carerlink.http.params import IdempotencyHeader
from carerlink.organisations import service as organisations
from carerlink.organisations.schemas import CrisisLine
from carerlink.safeguarding import service
from carerlink.safeguarding.models import AlertStatus, CrisisAlert
from carerlink.safeguarding.schemas import Acknowledge, AlertRead, DutyUpdate, HelpRead, MistakeRead


def _alert(alert: CrisisAlert) -> AlertRead:
    return AlertRead(
        id=alert.id,
        status=alert.status.value,
        carer_user_id=alert.carer_user_id,
        buddy_user_id=alert.buddy_user_id,
        source=alert.source,  # type: ignore[arg-type]
        checkin_id=alert.source_id if alert.source == "checkin" else None,
        raised_at=alert.raised_at,
        escalate_at=alert.escalate_at,
        escalated_at=alert.escalated_at,
        acknowledged_at=alert.acknowledged_at,
        acknowledged_by_user_id=alert.acknowledged_by_user_id,
        action_taken=alert.action_taken,
        mistake_reported_at=alert.mistake_reported_at,
    )


class AlertController(Controller):
    """Crisis alerts: "I need help now" pressed by a carer."""

    path = "/api/v1/orgs/{org:str}"
    tags = ["Safeguarding"]

    @get("/alerts", operation_id="listAlerts", summary="Crisis alerts, open ones first (coordinators)")
    async def list_alerts(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        status: FromQuery[AlertStatus | None] = None,
    ) -> list[AlertRead]:
        """Every alert of the organisation."""
        alerts = await service.list_alerts(
            db_session, actor=actor, organisation_id=organisation_id, status=status
        )
        return [_alert(a) for a in alerts]

    @get("/alerts/{alert_id:uuid}", operation_id="getAlert", summary="One crisis alert (coordinators)")
    async def get_alert(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        alert_id: FromPath[uuid.UUID],
        now: NamedDependency[datetime],
    ) -> AlertRead:
        """The alert (the view is audited)."""
        return _alert(
            await service.get_alert_or_raise(
                db_session, actor=actor, organisation_id=organisation_id, alert_id=alert_id, now=now
            )
        )

    @post(
        "/alerts/{alert_id:uuid}/acknowledge",
        operation_id="acknowledgeAlert",
        summary="Take an alert and record what was done (coordinators)",
        status_code=200,
    )
    async def acknowledge(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        alert_id: FromPath[uuid.UUID],
        data: JSONBody[Acknowledge],
        now: NamedDependency[datetime],
    ) -> AlertRead:
        """Stops the escalation to the safeguarding lead; the record stays in the audit log."""
        alert = await service.acknowledge(
            db_session,
            actor=actor,
            organisation_id=organisation_id,
            alert_id=alert_id,
            action_taken=data.action_taken,
            now=now,
        )
        return _alert(alert)

    @post("/help", operation_id="askForHelp", summary="I need help now (carers)", status_code=201)
    async def help_now(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        idempotency_key: IdempotencyHeader,
        now: NamedDependency[datetime],
    ) -> HelpRead:
        """On-duty coordinators are alerted at once (push, e-mail, dashboard); crisis lines come back."""
        asked = await service.ask_for_help(
            db_session, actor=actor, organisation_id=organisation_id, idempotency_key=idempotency_key, now=now
        )
        return HelpRead(
            help_is_coming=True,
            crisis_lines=msgspec.convert(asked.crisis_lines, list[CrisisLine]),
            alert_id=asked.alert.id,
        )

    @post(
        "/alerts/{alert_id:uuid}/mistake",
        operation_id="reportAlertMistake",
        summary="I asked for help by mistake (the carer who raised the alert)",
        status_code=200,
    )
    async def report_mistake(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        alert_id: FromPath[uuid.UUID],
        now: NamedDependency[datetime],
    ) -> MistakeRead:
        """The coordinators told are told this too; the alert is never closed by it and still escalates."""
        alert = await service.report_mistake(
            db_session, actor=actor, organisation_id=organisation_id, alert_id=alert_id, now=now
        )
        return MistakeRead(
            alert_id=alert.id,
            mistake_reported_at=alert.mistake_reported_at or now,
            alert_still_open=alert.status == AlertStatus.OPEN,
        )

    @get("/duty", operation_id="getMyDuty", summary="Whether I am on duty for crisis alerts (coordinators)")
    async def get_duty(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
    ) -> DutyUpdate:
        """On duty, crisis alerts reach me at once by push and e-mail."""
        return DutyUpdate(
            on_duty=await organisations.get_on_duty(db_session, actor=actor, organisation_id=organisation_id)
        )

    @put("/duty", operation_id="setMyDuty", summary="Go on or off duty for crisis alerts (coordinators)")
    async def duty(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        organisation_id: NamedDependency[uuid.UUID],
        data: JSONBody[DutyUpdate],
        now: NamedDependency[datetime],
    ) -> DutyUpdate:
        """When nobody is on duty, alerts go to every coordinator."""
        membership = await organisations.set_on_duty(
            db_session, actor=actor, organisation_id=organisation_id, on_duty=data.on_duty, now=now
        )
        return DutyUpdate(on_duty=membership.on_duty)
