"""HTTP routes of erasure: a person asks to be deleted; coordinators confirm, pause or cancel (issue 15)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter

from carerlink.organisations.scope import Scope
from carerlink.privacy.erasure import service
from carerlink.privacy.erasure.schemas import (
    ErasureAsk,
    ErasureList,
    ErasureRead,
    KeptRecordRead,
    MyErasureRead,
    PausedReasonRead,
    SectionCount,
)
from carerlink.privacy.models import ErasureState

_LINKS = {
    "crisis_alert": "/coordinator/alerts/{}",
    "crisis_alerts": "/coordinator/alerts/{}",
    "concern": "/coordinator/concerns/{}",
    "concerns": "/coordinator/concerns/{}",
    "checkin": "/coordinator/attention",
    "debrief_request": "/coordinator/attention",
}


def _link(object_type: str, object_id: Any) -> str | None:
    pattern = _LINKS.get(object_type)
    return pattern.format(object_id) if pattern else None


def erasure_read(view: service.ErasureView) -> ErasureRead:
    """The coordinators' shape: who, where it stands, what it will do (or did)."""
    request = view.request
    if view.planned is not None:
        counts = view.planned.sections
        kept = [
            KeptRecordRead(
                table=k["table"],
                id=k["id"],
                raised_at=k["raised_at"],
                kept_until=service.kept_until(k["since"], view.safeguarding_years),
                link=_link(k["table"], k["id"]),
            )
            for k in view.planned.kept
        ]
        account: bool | None = view.planned.account_anonymised
    else:
        counts = dict(request.result.get("sections", {}))
        kept = [
            KeptRecordRead(table=k["table"], id=k["id"], link=_link(k["table"], k["id"]))
            for k in request.result.get("kept", [])
        ]
        account = request.result.get("account_anonymised")
    return ErasureRead(
        id=request.id,
        organisation_id=request.organisation_id,
        user_id=request.user_id,
        person_name=view.person_name,
        role=view.role,
        state=request.state.value,
        requested_at=request.requested_at,
        requested_by_self=request.requested_by_user_id == request.user_id,
        requested_by_name=view.requested_by_name,
        paused_reasons=[
            PausedReasonRead(
                code=r["code"],
                words=str(service.REASON_WORDS.get(r["code"], "")),
                object_type=r["object_type"],
                object_id=r["object_id"],
                link=_link(r["object_type"], r["object_id"]),
            )
            for r in request.paused_reasons
        ],
        paused_at=request.paused_at,
        decided_at=request.decided_at,
        decided_by_name=view.decided_by_name,
        completed_at=request.completed_at,
        sections=[
            SectionCount(section=section, title=service.SECTION_TITLES.get(section, section), **values)
            for section, values in counts.items()
        ],
        kept=kept,
        account_anonymised=account,
        safeguarding_years=view.safeguarding_years,
    )


def my_erasure_read(view: service.ErasureView) -> MyErasureRead:
    """The person's shape: no reasons, no counts of safeguarding records."""
    request = view.request
    return MyErasureRead(
        id=request.id,
        organisation_id=request.organisation_id,
        organisation_name=view.organisation_name,
        state=request.state.value,
        words=str(service.MY_WORDS[request.state]),
        requested_at=request.requested_at,
        completed_at=request.completed_at,
        can_cancel=request.state in service.OPEN_STATES,
    )


class MyErasureController(Controller):
    """The signed-in person's requests to be deleted."""

    path = "/api/v1/me"
    tags = ["Data rights"]

    @post("/erasure", operation_id="askErasure", summary="Ask to be deleted from an organisation's records")
    async def ask(self, org_scope: NamedDependency[Scope], data: JSONBody[ErasureAsk]) -> MyErasureRead:
        """A coordinator confirms; asking again while one is waiting returns that one."""
        return my_erasure_read(await service.ask(org_scope, organisation_id=data.organisation_id))

    @get("/erasure-requests", operation_id="listMyErasures", summary="My requests to be deleted")
    async def mine(self, org_scope: NamedDependency[Scope]) -> list[MyErasureRead]:
        """Newest first."""
        return [my_erasure_read(v) for v in await service.list_mine(org_scope)]

    @post(
        "/erasure-requests/{erasure_id:uuid}/cancel",
        operation_id="cancelMyErasure",
        summary="Withdraw my request to be deleted",
        status_code=200,
    )
    async def cancel(
        self, org_scope: NamedDependency[Scope], erasure_id: FromPath[uuid.UUID]
    ) -> MyErasureRead:
        """While it is not done."""
        return my_erasure_read(await service.cancel_mine(org_scope, erasure_id=erasure_id))


class ErasureController(Controller):
    """Coordinators: requests to be deleted from the organisation's records."""

    path = "/api/v1/orgs/{org:str}"
    tags = ["Data rights"]

    @post(
        "/members/{membership_id:uuid}/erasure",
        operation_id="askErasureForMember",
        summary="Record that a member asked to be deleted (coordinators)",
    )
    async def ask_for_member(
        self, org_scope: NamedDependency[Scope], membership_id: FromPath[uuid.UUID]
    ) -> ErasureRead:
        """When they asked by phone or in person; the coordinator is recorded as having asked."""
        return erasure_read(await service.ask_for_member(org_scope, membership_id=membership_id))

    @get("/erasure-requests", operation_id="listErasures", summary="Requests to be deleted (coordinators)")
    async def list_requests(
        self,
        org_scope: NamedDependency[Scope],
        in_state: Annotated[ErasureState | None, QueryParameter(name="state")] = None,
    ) -> ErasureList:
        """Open ones (waiting or paused) first; ``state`` shows only those."""
        views = await service.list_for_organisation(org_scope, state=in_state)
        return ErasureList(
            requests=[erasure_read(v) for v in views],
            open=sum(1 for v in views if v.request.state in service.OPEN_STATES),
        )

    @get(
        "/erasure-requests/{erasure_id:uuid}", operation_id="getErasure", summary="One request (coordinators)"
    )
    async def get_request(
        self, org_scope: NamedDependency[Scope], erasure_id: FromPath[uuid.UUID]
    ) -> ErasureRead:
        """Who, when, where it stands, and what erasing will remove and keep."""
        return erasure_read(await service.get_for_organisation(org_scope, erasure_id=erasure_id))

    @post(
        "/erasure-requests/{erasure_id:uuid}/confirm",
        operation_id="confirmErasure",
        summary="Confirm a request to be deleted (coordinators)",
        status_code=200,
    )
    async def confirm(
        self, org_scope: NamedDependency[Scope], erasure_id: FromPath[uuid.UUID]
    ) -> ErasureRead:
        """Erases now, or pauses (state ``paused`` with ``paused_reasons``) while something is open."""
        return erasure_read(await service.confirm(org_scope, erasure_id=erasure_id))

    @post(
        "/erasure-requests/{erasure_id:uuid}/cancel",
        operation_id="cancelErasure",
        summary="Cancel a request to be deleted (coordinators)",
        status_code=200,
    )
    async def cancel(self, org_scope: NamedDependency[Scope], erasure_id: FromPath[uuid.UUID]) -> ErasureRead:
        """Nothing is deleted."""
        return erasure_read(await service.cancel_for_organisation(org_scope, erasure_id=erasure_id))
