"""HTTP routes of concerns: raise one (buddies, coordinators), and the coordinators' queue and handling."""

from __future__ import annotations

import uuid
from typing import Literal

import msgspec
from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, JSONBody

from carerlink.accounts.schemas import emergency_contact_read, phone_read
from carerlink.concerns import service
from carerlink.concerns.schemas import (
    ConcernActionCreate,
    ConcernActionRead,
    ConcernClose,
    ConcernCreate,
    ConcernList,
    ConcernRaisedRead,
    ConcernRead,
    MyConcernRead,
)
from carerlink.http.params import IdempotencyHeader
from carerlink.organisations.schemas import CrisisLine
from carerlink.organisations.scope import Scope


def concern_read(view: service.ConcernView, scope: Scope) -> ConcernRead:
    """The coordinators' shape of a concern; what happened and the actions only on its own page."""
    concern = view.concern
    minutes = int((concern.target_at - scope.now).total_seconds() // 60)
    open_ = concern.status != "closed"
    return ConcernRead(
        id=concern.id,
        status=concern.status.value,
        category=concern.category.value,
        category_words=service.category_words(concern.category),
        at_risk_now=concern.at_risk_now,
        carer_user_id=concern.carer_user_id,
        carer_name=view.carer_name,
        raised_by_user_id=concern.raised_by_user_id,
        raised_by_name=view.raised_by_name,
        raised_by_role=concern.raised_by_role,  # type: ignore[arg-type]
        match_id=concern.match_id,
        checkin_id=concern.checkin_id,
        raised_at=concern.raised_at,
        target_at=concern.target_at,
        past_target=open_ and concern.acknowledged_at is None and minutes < 0,
        minutes_to_target=minutes,
        escalated_at=concern.escalated_at,
        acknowledged_at=concern.acknowledged_at,
        acknowledged_by_name=view.acknowledged_by_name,
        closed_at=concern.closed_at,
        outcome=concern.outcome.value if concern.outcome else None,
        outcome_words=service.outcome_words(concern.outcome),
        outcome_note=concern.outcome_note if view.detailed else None,
        what_happened=concern.what_happened if view.detailed else None,
        actions=[
            ConcernActionRead(id=a.id, text=a.text, recorded_at=a.recorded_at, recorded_by_name=name)
            for a, name in view.actions
        ],
        carer_phone=phone_read(view.carer_phone),
        emergency_contact=emergency_contact_read(view.emergency_contact),
        raised_by_phone=phone_read(view.raised_by_phone),
    )


def my_concern_read(view: service.MyConcernView) -> MyConcernRead:
    """The raiser's shape: where it stands, nothing decided."""
    concern = view.concern
    return MyConcernRead(
        id=concern.id,
        carer_name=view.carer_name,
        category_words=service.category_words(concern.category),
        at_risk_now=concern.at_risk_now,
        raised_at=concern.raised_at,
        status=concern.status.value,
        status_words=view.status_words,
    )


class ConcernController(Controller):
    """Concerns raised by buddies and coordinators about a carer; never shown to the carer."""

    path = "/api/v1/orgs/{org:str}/concerns"
    tags = ["Concerns"]

    @post("/", operation_id="raiseConcern", summary="Raise a concern about a carer (buddies, coordinators)")
    async def raise_concern(
        self,
        org_scope: NamedDependency[Scope],
        data: JSONBody[ConcernCreate],
        idempotency_key: IdempotencyHeader,
    ) -> ConcernRaisedRead:
        """At risk right now: the crisis lines come back and the on-duty coordinators are alerted at once."""
        raised = await service.raise_concern(
            org_scope,
            carer_user_id=data.carer_user_id,
            category=data.category,
            at_risk_now=data.at_risk_now,
            what_happened=data.what_happened,
            checkin_id=data.checkin_id,
            idempotency_key=idempotency_key,
        )
        concern = raised.concern
        return ConcernRaisedRead(
            concern_id=concern.id,
            status=concern.status.value,
            status_words=str(service.STATUS_WORDS[concern.status]),
            at_risk_now=concern.at_risk_now,
            crisis_lines=msgspec.convert(raised.crisis_lines, list[CrisisLine]),
            call_999=str(service.CALL_999),
        )

    @get(
        "/",
        operation_id="listConcerns",
        summary="The concerns queue (coordinators) and those I raised (buddies)",
    )
    async def list_concerns(
        self, org_scope: NamedDependency[Scope], status: FromQuery[Literal["open", "closed"] | None] = None
    ) -> ConcernList:
        """Open ones first with time to target (coordinators); a buddy's own, with where each stands."""
        queue, mine = await service.list_concerns(org_scope, status=status)
        return ConcernList(
            queue=[concern_read(view, org_scope) for view in queue],
            raised_by_me=[my_concern_read(view) for view in mine],
        )

    @get("/{concern_id:uuid}", operation_id="getConcern", summary="One concern (coordinators; audited)")
    async def get_concern(
        self, org_scope: NamedDependency[Scope], concern_id: FromPath[uuid.UUID]
    ) -> ConcernRead:
        """What happened, the actions recorded and the outcome."""
        return concern_read(await service.get_concern(org_scope, concern_id=concern_id), org_scope)

    @post(
        "/{concern_id:uuid}/acknowledge",
        operation_id="acknowledgeConcern",
        summary="Take a concern (coordinators)",
        status_code=200,
    )
    async def acknowledge(
        self, org_scope: NamedDependency[Scope], concern_id: FromPath[uuid.UUID]
    ) -> ConcernRead:
        """Stops the escalation; the buddy who raised it is told it is being handled."""
        return concern_read(await service.acknowledge(org_scope, concern_id=concern_id), org_scope)

    @post(
        "/{concern_id:uuid}/actions",
        operation_id="recordConcernAction",
        summary="Record something done about a concern (coordinators)",
        status_code=201,
    )
    async def record_action(
        self,
        org_scope: NamedDependency[Scope],
        concern_id: FromPath[uuid.UUID],
        data: JSONBody[ConcernActionCreate],
    ) -> ConcernRead:
        """Recording an action on an open concern acknowledges it."""
        view = await service.record_action(org_scope, concern_id=concern_id, text=data.text)
        return concern_read(view, org_scope)

    @post(
        "/{concern_id:uuid}/close",
        operation_id="closeConcern",
        summary="Close a concern with its outcome (coordinators)",
        status_code=200,
    )
    async def close(
        self, org_scope: NamedDependency[Scope], concern_id: FromPath[uuid.UUID], data: JSONBody[ConcernClose]
    ) -> ConcernRead:
        """The buddy who raised it is told it was handled, never what was decided."""
        view = await service.close(org_scope, concern_id=concern_id, outcome=data.outcome, note=data.note)
        return concern_read(view, org_scope)
