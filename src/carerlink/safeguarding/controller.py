"""HTTP routes of safeguarding: crisis alerts for coordinators, and going on and off duty."""

from __future__ import annotations

import uuid

import msgspec
from litestar import Controller, get, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, JSONBody

from carerlink.accounts.schemas import emergency_contact_read, phone_read
from carerlink.http.params import IdempotencyHeader
from carerlink.organisations.schemas import CrisisLine
from carerlink.organisations.scope import Scope
from carerlink.safeguarding import service
from carerlink.safeguarding.models import AlertStatus
from carerlink.safeguarding.schemas import Acknowledge, AlertRead, DutyUpdate, HelpRead, MistakeRead


def _alert(view: service.AlertView) -> AlertRead:
    alert, contacts = view.alert, view.contacts
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
        escalates_to=view.escalates_to,  # type: ignore[arg-type]
        safeguarding_lead_name=view.lead_name,
        acknowledged_by_name=view.acknowledged_by_name,
        time_zone=view.time_zone,
        carer_phone=phone_read(contacts.carer_phone),
        emergency_contact=emergency_contact_read(contacts.emergency_contact),
        buddy_phone=phone_read(contacts.buddy_phone),
        carer_kept_name=view.carer_kept_name,
    )


class AlertController(Controller):
    """Crisis alerts: "I need help now" pressed by a carer."""

    path = "/api/v1/orgs/{org:str}"
    tags = ["Safeguarding"]

    @get("/alerts", operation_id="listAlerts", summary="Crisis alerts, open ones first (coordinators)")
    async def list_alerts(
        self, org_scope: NamedDependency[Scope], status: FromQuery[AlertStatus | None] = None
    ) -> list[AlertRead]:
        """Every alert of the organisation."""
        return [_alert(a) for a in await service.list_alerts(org_scope, status=status)]

    @get("/alerts/{alert_id:uuid}", operation_id="getAlert", summary="One crisis alert (coordinators)")
    async def get_alert(self, org_scope: NamedDependency[Scope], alert_id: FromPath[uuid.UUID]) -> AlertRead:
        """The alert (the view is audited)."""
        return _alert(await service.get_alert_or_raise(org_scope, alert_id=alert_id))

    @post(
        "/alerts/{alert_id:uuid}/acknowledge",
        operation_id="acknowledgeAlert",
        summary="Take an alert and record what was done (coordinators)",
        status_code=200,
    )
    async def acknowledge(
        self, org_scope: NamedDependency[Scope], alert_id: FromPath[uuid.UUID], data: JSONBody[Acknowledge]
    ) -> AlertRead:
        """Stops the escalation to the safeguarding lead; the record stays in the audit log."""
        return _alert(await service.acknowledge(org_scope, alert_id=alert_id, action_taken=data.action_taken))

    @post("/help", operation_id="askForHelp", summary="I need help now (carers)", status_code=201)
    async def help_now(
        self, org_scope: NamedDependency[Scope], idempotency_key: IdempotencyHeader
    ) -> HelpRead:
        """On-duty coordinators are alerted at once (push, e-mail, dashboard); crisis lines come back."""
        asked = await service.ask_for_help(org_scope, idempotency_key=idempotency_key)
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
        self, org_scope: NamedDependency[Scope], alert_id: FromPath[uuid.UUID]
    ) -> MistakeRead:
        """The coordinators told are told this too; the alert is never closed by it and still escalates."""
        alert = await service.report_mistake(org_scope, alert_id=alert_id)
        return MistakeRead(
            alert_id=alert.id,
            mistake_reported_at=alert.mistake_reported_at or org_scope.now,
            alert_still_open=alert.status == AlertStatus.OPEN,
        )

    @get("/duty", operation_id="getMyDuty", summary="Whether I am on duty for crisis alerts (coordinators)")
    async def get_duty(self, org_scope: NamedDependency[Scope]) -> DutyUpdate:
        """On duty, crisis alerts reach me at once by push and e-mail."""
        return DutyUpdate(on_duty=await service.get_duty(org_scope))

    @put("/duty", operation_id="setMyDuty", summary="Go on or off duty for crisis alerts (coordinators)")
    async def duty(self, org_scope: NamedDependency[Scope], data: JSONBody[DutyUpdate]) -> DutyUpdate:
        """When nobody is on duty, alerts go to every coordinator."""
        return DutyUpdate(on_duty=await service.set_duty(org_scope, on_duty=data.on_duty))
