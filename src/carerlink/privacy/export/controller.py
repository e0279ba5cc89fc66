"""HTTP routes of copies of people's data: asking, listing, reviewing, downloading, and the schema."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from litestar import Controller, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.actor import Actor
from carerlink.organisations.scope import Scope
from carerlink.privacy.export import builder, service
from carerlink.privacy.export.schemas import (
    ExportRead,
    MemberExportCreate,
    OrgExportRead,
    ReviewDecide,
    ReviewRead,
    document_schema,
)
from carerlink.privacy.models import DataExport

NO_STORE = {"cache-control": "no-store"}


def export_read(export: DataExport, now: datetime) -> ExportRead:
    """The person's shape: state and times only."""
    state = service.state_of(export, now)
    return ExportRead(
        id=export.id,
        state=state,  # type: ignore[arg-type]
        requested_at=export.requested_at,
        ready_at=export.ready_at,
        expires_at=export.expires_at,
        downloads=export.downloads,
        download_url=service.download_path(export) if state == "ready" else None,
        asked_by_centre=export.organisation_id is not None,
    )


def org_export_read(view: service.OrgExportView, now: datetime) -> OrgExportRead:
    """The coordinators' shape, with the records of their centre held back for review."""
    export = view.export
    state = service.state_of(export, now)
    return OrgExportRead(
        id=export.id,
        member_name=view.member_name,
        member_user_id=export.user_id,
        state=state,  # type: ignore[arg-type]
        requested_at=export.requested_at,
        ready_at=export.ready_at,
        expires_at=export.expires_at,
        asked_by_centre=export.organisation_id is not None,
        asked_by_name=view.asked_by_name,
        identity_note=export.identity_note,
        includes_released=export.includes_released,
        downloads=export.downloads,
        download_url=service.download_path(export) if state == "ready" and view.may_download else None,
        reviews_pending=view.reviews_pending,
        message_words=int((export.summary or {}).get(builder.MESSAGE_WORDS, 0)),
        reviews=[
            ReviewRead(
                id=r.review.id,
                object_type=r.review.object_type,  # type: ignore[arg-type]
                object_id=r.review.object_id,
                what=r.what,
                at=r.at,
                link=r.link,
                decision=r.review.decision.value,
                decided_at=r.review.decided_at,
                decided_by_name=r.decided_by_name,
                reason=r.review.reason,
            )
            for r in view.reviews
        ],
    )


class MyExportController(Controller):
    """A copy of my data: ask for one, and see mine."""

    path = "/api/v1/me"
    tags = ["Data rights"]

    @post(
        "/export",
        operation_id="askForMyData",
        summary="Ask for a copy of everything held about me",
        status_code=202,
    )
    async def ask(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        now: NamedDependency[datetime],
    ) -> ExportRead:
        """202: made in the background, and I am told when it is ready.

        Asking again while one is being made returns that one.
        """
        return export_read(await service.ask_for_mine(db_session, actor=actor, now=now), now)

    @get("/exports", operation_id="listMyDataCopies", summary="My copies of my data")
    async def mine(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        now: NamedDependency[datetime],
    ) -> list[ExportRead]:
        """Newest first: where each stands, and the download link while it is ready."""
        return [export_read(e, now) for e in await service.list_mine(db_session, actor=actor)]


class OrgExportController(Controller):
    """Copies of members' data for a centre's coordinators, and the records they review before release."""

    path = "/api/v1/orgs/{org:str}"
    tags = ["Data rights"]

    @post(
        "/members/{membership_id:uuid}/export",
        operation_id="askForMemberData",
        summary="Ask for a copy of a member's data (coordinators, after checking who is asking)",
        status_code=202,
    )
    async def ask(
        self,
        org_scope: NamedDependency[Scope],
        membership_id: FromPath[uuid.UUID],
        data: JSONBody[MemberExportCreate],
    ) -> OrgExportRead:
        """Covers this centre's records only; the coordinator who asked is told when it is ready."""
        view = await service.ask_for_member(
            org_scope,
            membership_id=membership_id,
            identity_checked=data.identity_checked,
            identity_note=data.identity_note,
        )
        return org_export_read(view, org_scope.now)

    @get("/exports", operation_id="listDataCopies", summary="Copies of members' data (coordinators)")
    async def list_exports(self, org_scope: NamedDependency[Scope]) -> list[OrgExportRead]:
        """Those asked for here, and any with records of this centre to review (with how many)."""
        return [org_export_read(v, org_scope.now) for v in await service.list_for_org(org_scope)]

    @get(
        "/exports/{export_id:uuid}", operation_id="getDataCopy", summary="One copy with its records to review"
    )
    async def get_export(
        self, org_scope: NamedDependency[Scope], export_id: FromPath[uuid.UUID]
    ) -> OrgExportRead:
        """Audited."""
        return org_export_read(await service.get_for_org(org_scope, export_id=export_id), org_scope.now)

    @post(
        "/exports/{export_id:uuid}/reviews/{review_id:uuid}",
        operation_id="decideDataCopyReview",
        summary="Release or withhold a record held back from a copy (coordinators of its centre)",
        status_code=200,
    )
    async def decide(
        self,
        org_scope: NamedDependency[Scope],
        export_id: FromPath[uuid.UUID],
        review_id: FromPath[uuid.UUID],
        data: JSONBody[ReviewDecide],
    ) -> OrgExportRead:
        """Withholding needs a reason. Once all are decided and one was released, a further copy is made."""
        view = await service.decide(
            org_scope, export_id=export_id, review_id=review_id, decision=data.decision, reason=data.reason
        )
        return org_export_read(view, org_scope.now)


class ExportDownloadController(Controller):
    """Downloading a copy, and the published schema of its ``data.json``."""

    path = "/api/v1"
    tags = ["Data rights"]

    @get(
        "/exports/{export_id:uuid}/download",
        operation_id="downloadDataCopy",
        summary="Download a copy (a zip), for 7 days after it is ready; every download is audited",
        media_type="application/zip",
        responses={},
    )
    async def download(
        self,
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        now: NamedDependency[datetime],
        export_id: FromPath[uuid.UUID],
    ) -> Response[bytes]:
        """404 to anyone it is not for; 410 once its 7 days are over."""
        got = await service.download(db_session, actor=actor, now=now, export_id=export_id)
        return Response(
            got.content,
            media_type="application/zip",
            headers={**NO_STORE, "content-disposition": f'attachment; filename="{got.filename}"'},
        )

    @get(
        "/schemas/data-export.json",
        operation_id="dataCopySchema",
        summary="The JSON Schema of data.json in a copy of someone's data",
        sync_to_thread=False,
    )
    def schema(self) -> dict[str, Any]:
        """Public: anyone may read how a copy is laid out."""
        return document_schema()
