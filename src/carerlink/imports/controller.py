"""HTTP routes of imports (coordinators): the template, a dry run, a corrected file, confirm, the list."""

from __future__ import annotations

import uuid
from typing import Annotated

from litestar import Controller, Response, get, post
from litestar.di import NamedDependency
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, FromQuery

from carerlink.imports import service
from carerlink.imports.models import Import, ImportKind
from carerlink.imports.reading import MAX_BYTES
from carerlink.imports.schemas import (
    ImportDetailRead,
    ImportKindName,
    ImportRead,
    ImportReupload,
    ImportRowRead,
    ImportUpload,
    ProblemRead,
)
from carerlink.organisations.scope import Scope
from carerlink.settings import Settings

# Twice the most a file may be: a file a little too big reaches the reader, which says so in plain words
# (422 naming the file); only far bigger bodies get the server's bare 413.
UPLOAD_LIMIT = 2 * MAX_BYTES + 64 * 1024


def _invited_how(invite_by: str | None) -> str | None:
    """How someone was invited, in the request's language."""
    words = service.INVITED_HOW.get(invite_by or "")
    return None if words is None else str(words)


def import_read(record: Import) -> ImportRead:
    """An import's summary."""
    return ImportRead(
        id=record.id,
        kind=record.kind.value,
        status=record.status.value,
        file_name=record.file_name,
        file_format=record.file_format,
        created_at=record.created_at,
        checked_at=record.checked_at,
        expires_at=record.expires_at,
        confirmed_at=record.confirmed_at,
        rows_total=record.rows_total,
        rows_ready=record.rows_ready,
        rows_with_errors=record.rows_with_errors,
        duplicates=record.duplicates,
        rows_imported=record.rows_imported,
    )


def _problems(stored: list[dict[str, object]], *, warnings: bool) -> list[ProblemRead]:
    """A row's errors, or its warnings (stored in one list, each warning marked)."""
    return [
        ProblemRead(column=str(p["column"]) if p.get("column") else None, message=str(p.get("message", "")))
        for p in stored
        if bool(p.get("warning")) == warnings
    ]


def detail_read(view: service.ImportView) -> ImportDetailRead:
    """An import with its rows (and the codes, right after confirming)."""
    return ImportDetailRead(
        summary=import_read(view.record),
        rows=[
            ImportRowRead(
                id=r.row.id,
                row_number=r.row.row_number,
                name=r.row.name,
                email=r.row.email,
                phone=r.row.phone,
                invite_by=r.row.invite_by,
                invited_how=_invited_how(r.row.invite_by) if r.joined is not None else None,
                outcome=r.row.outcome.value,
                duplicate=r.row.duplicate,
                problems=_problems(r.row.problems, warnings=False),
                warnings=_problems(r.row.problems, warnings=True),
                membership_id=r.row.membership_id,
                joined=r.joined,
                text_not_sent=r.text_not_sent,
                code=view.codes.get(r.row.id),
            )
            for r in view.rows
        ],
    )


class ImportController(Controller):
    """Bringing a centre's carers and buddies in from a spreadsheet: check first, then confirm."""

    path = "/api/v1/orgs/{org:str}/imports"
    tags = ["Imports"]

    @get(
        "/template.csv",
        operation_id="getImportTemplateCsv",
        summary="The template to fill in, with an example row (coordinators)",
        media_type="text/csv",
    )
    async def template_csv(
        self, org_scope: NamedDependency[Scope], kind: FromQuery[ImportKindName]
    ) -> Response[bytes]:
        """The columns of a file of carers or of buddies, and one example row."""
        text = service.template(org_scope, kind=ImportKind(kind))
        return Response(
            text.encode("utf-8"),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="carerlink-{kind}s.csv"'},
        )

    @get(
        "/template.xlsx",
        operation_id="getImportTemplateXlsx",
        summary="The template as an Excel file (coordinators)",
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    async def template_xlsx(
        self, org_scope: NamedDependency[Scope], kind: FromQuery[ImportKindName]
    ) -> Response[bytes]:
        """The same columns and example row as the CSV template."""
        content = service.template_xlsx(org_scope, kind=ImportKind(kind))
        return Response(
            content,
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"Content-Disposition": f'attachment; filename="carerlink-{kind}s.xlsx"'},
        )

    @post(
        "/",
        operation_id="checkImport",
        summary="Upload a file of carers or buddies: a dry run, nothing written (coordinators)",
        request_max_body_size=UPLOAD_LIMIT,
    )
    async def check_upload(
        self,
        org_scope: NamedDependency[Scope],
        data: Annotated[ImportUpload, Body(media_type=RequestEncodingType.MULTI_PART)],
        settings: NamedDependency[Settings],
    ) -> ImportDetailRead:
        """Every row checked with the API's rules; the problems per row and column, and the duplicates."""
        content = await data.file.read()
        view = await service.check_upload(
            org_scope,
            kind=ImportKind(data.kind),
            file_name=data.file.filename or "upload",
            content=content,
            base_url=settings.base_url,
        )
        return detail_read(view)

    @get("/", operation_id="listImports", summary="The centre's imports, newest first (coordinators)")
    async def list_imports(self, org_scope: NamedDependency[Scope]) -> list[ImportRead]:
        """Dry runs, imports and expired checks."""
        return [import_read(r) for r in await service.list_imports(org_scope)]

    @get("/{import_id:uuid}", operation_id="getImport", summary="An import and its rows (coordinators)")
    async def get_import(
        self, org_scope: NamedDependency[Scope], import_id: FromPath[uuid.UUID]
    ) -> ImportDetailRead:
        """With whether each person brought in has joined yet; the read is audited."""
        return detail_read(await service.get_import(org_scope, import_id=import_id))

    @post(
        "/{import_id:uuid}/file",
        operation_id="recheckImport",
        summary="Upload a corrected file for the same import: a new dry run (coordinators)",
        request_max_body_size=UPLOAD_LIMIT,
        status_code=200,
    )
    async def recheck_upload(
        self,
        org_scope: NamedDependency[Scope],
        import_id: FromPath[uuid.UUID],
        data: Annotated[ImportReupload, Body(media_type=RequestEncodingType.MULTI_PART)],
        settings: NamedDependency[Settings],
    ) -> ImportDetailRead:
        """The first file is replaced; nothing else is written."""
        content = await data.file.read()
        view = await service.recheck_upload(
            org_scope,
            import_id=import_id,
            file_name=data.file.filename or "upload",
            content=content,
            base_url=settings.base_url,
        )
        return detail_read(view)

    @post(
        "/{import_id:uuid}/confirm",
        operation_id="confirmImport",
        summary="Bring in every row without errors, in one go, then invite them (coordinators)",
        status_code=200,
    )
    async def confirm(
        self,
        org_scope: NamedDependency[Scope],
        import_id: FromPath[uuid.UUID],
        settings: NamedDependency[Settings],
    ) -> ImportDetailRead:
        """Rows with errors are skipped; the in-person codes are in this answer only."""
        view = await service.confirm_import(org_scope, import_id=import_id, base_url=settings.base_url)
        return detail_read(view)
