"""HTTP routes of who looked: the centre's audit log (coordinators) and a person's own access log."""

from __future__ import annotations

import uuid
from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter

from carerlink.accounts.caller import Caller
from carerlink.i18n import _
from carerlink.organisations.scope import Scope
from carerlink.privacy.audit_log import service
from carerlink.privacy.audit_log.schemas import (
    AccessEntryRead,
    AccessLogRead,
    ActionGroupRead,
    AuditEntryRead,
    AuditLogRead,
)
from carerlink.privacy.audit_log.words import role_words

Cursor = Annotated[str | None, QueryParameter(max_length=200, pattern=r"^[A-Za-z0-9_-]{1,200}$")]
PERIOD = r"^[0-9T:.+Z-]{10,40}$"


def entry_read(view: service.EntryView) -> AuditEntryRead:
    """An entry as coordinators read it."""
    e = view.entry
    return AuditEntryRead(
        id=e.id,
        at=e.at,
        action=e.action,
        action_words=view.words,
        actor_user_id=e.actor_user_id,
        actor_name=view.actor_name,
        actor_role=view.actor_role,
        subject_user_id=e.subject_user_id,
        subject_name=view.subject_name,
        object_type=e.object_type,
        object_id=e.object_id,
    )


def access_read(view: service.EntryView) -> AccessEntryRead:
    """An entry as the person it is about reads it."""
    who = view.actor_first_name
    if view.actor_role:
        who = _("{name}, {role}").format(name=who, role=role_words(view.actor_role))
    return AccessEntryRead(id=view.entry.id, at=view.entry.at, who=who, what=view.words)


class AuditLogController(Controller):
    """The centre's audit log: who looked at or changed whose record, and when (coordinators)."""

    path = "/api/v1/orgs/{org:str}/audit"
    tags = ["People's data"]

    @get("/", operation_id="listAuditEntries", summary="The audit log, newest first (coordinators; audited)")
    async def list_entries(
        self,
        org_scope: NamedDependency[Scope],
        person: Annotated[uuid.UUID | None, QueryParameter(description="Entries about this person")] = None,
        actor_id: Annotated[
            uuid.UUID | None, QueryParameter(name="actor", description="Entries made by this person")
        ] = None,
        action: Annotated[
            str | None,
            QueryParameter(
                max_length=60,
                pattern=r"^[a-z_]+(\.[a-z_]+)*\.?$",
                description="An action, or a prefix ending in a dot (profiles.)",
            ),
        ] = None,
        from_: Annotated[
            str | None,
            QueryParameter(name="from", max_length=40, pattern=PERIOD, description="A date or an instant"),
        ] = None,
        to: Annotated[
            str | None,
            QueryParameter(
                max_length=40, pattern=PERIOD, description="A date (that whole day) or an instant"
            ),
        ] = None,
        before: Cursor = None,
        limit: Annotated[int, QueryParameter(ge=1, le=service.MAX_LIMIT)] = 50,
    ) -> AuditLogRead:
        """Only this centre's entries; reading it is itself recorded."""
        page = await service.organisation_log(
            org_scope,
            person=person,
            actor=actor_id,
            action=action,
            from_=from_,
            to=to,
            before=before,
            limit=limit,
        )
        return AuditLogRead(
            entries=[entry_read(view) for view in page.entries],
            next_before=page.next_before,
            action_groups=[ActionGroupRead(prefix=p, words=w) for p, w in service.action_groups()],
        )


class AccessLogController(Controller):
    """Who at the centre looked at or changed my record."""

    path = "/api/v1/me/access-log"
    tags = ["People's data"]

    @get("/", operation_id="getMyAccessLog", summary="Who at the centre looked at my record, newest first")
    async def my_access_log(
        self,
        caller: NamedDependency[Caller],
        before: Cursor = None,
        limit: Annotated[int, QueryParameter(ge=1, le=service.MAX_LIMIT)] = 20,
    ) -> AccessLogRead:
        """Entries about me made by other people; 401 when not signed in."""
        page = await service.my_access_log(caller, before=before, limit=limit)
        return AccessLogRead(
            entries=[access_read(view) for view in page.entries], next_before=page.next_before
        )
