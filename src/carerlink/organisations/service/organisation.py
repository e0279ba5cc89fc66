"""The organisation itself: creating and reading it (members, the public), its settings and crisis lines."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts import service as accounts
from carerlink.errors import Conflict, Invalid, NotFound
from carerlink.i18n import _
from carerlink.kit.text import is_one_line
from carerlink.organisations import policy
from carerlink.organisations.consents import DEFAULT_CRISIS_LINES
from carerlink.organisations.models import Organisation
from carerlink.organisations.schemas import OrganisationSettings
from carerlink.organisations.scope import Scope, load_organisation
from carerlink.organisations.service._common import is_active_coordinator, managed


async def create_organisation(
    session: AsyncSession, *, name: str, slug: str, time_zone: str, now: datetime
) -> Organisation:
    """Create an organisation with the UK default crisis lines."""
    accounts.check_time_zone(time_zone)
    if not name.strip() or not is_one_line(name):
        # The API's schema refuses these; the CLI and the demo come this way. (A CR/LF here broke e-mail.)
        raise Invalid(
            _("The name must be one line of text, without line breaks or control characters."), field="name"
        )
    if await session.scalar(select(Organisation.id).where(Organisation.slug == slug)) is not None:
        raise Conflict(_("An organisation called {slug!r} already exists.").format(slug=slug), field="slug")
    organisation = Organisation(
        name=name.strip(),
        slug=slug,
        time_zone=time_zone,
        crisis_lines=list(DEFAULT_CRISIS_LINES),
        settings={},
    )
    organisation.created_at = now
    session.add(organisation)
    await session.flush()
    return organisation


def get_organisation(scope: Scope) -> Organisation:
    """The scope's organisation, for its members; 401 for nobody, 404 for anyone else."""
    return scope.require(policy.can_view_organisation, _("No such organisation."))


async def settings_for(session: AsyncSession, *, organisation_id: uuid.UUID) -> OrganisationSettings:
    """An organisation's settings with every default filled in (for jobs and other domains)."""
    organisation = await load_organisation(session, organisation_id=organisation_id)
    if organisation is None:
        raise NotFound(_("No such organisation."))
    return msgspec.convert(organisation.settings, OrganisationSettings)


async def crisis_lines_for(session: AsyncSession, *, organisation_id: uuid.UUID) -> list[dict[str, Any]]:
    """An organisation's crisis lines, as stored (name, contact, how, description)."""
    organisation = await load_organisation(session, organisation_id=organisation_id)
    return list(organisation.crisis_lines) if organisation is not None else list(DEFAULT_CRISIS_LINES)


def public_organisation(scope: Scope) -> Organisation:
    """The scope's organisation for the public pages (its name and crisis lines are not secret)."""
    if scope.organisation is None:
        raise NotFound(_("No such organisation."))
    return scope.organisation


async def update_organisation(
    scope: Scope,
    *,
    name: str | msgspec.UnsetType = msgspec.UNSET,
    time_zone: str | msgspec.UnsetType = msgspec.UNSET,
    crisis_lines: list[dict[str, Any]] | msgspec.UnsetType = msgspec.UNSET,
    settings: dict[str, Any] | msgspec.UnsetType = msgspec.UNSET,
) -> Organisation:
    """Change an organisation's name, time zone, crisis lines or settings (coordinators).

    The audit entry names each field that changed with its old and new value (issue 16: the settings
    screen shows who changed what and when); nothing in them is about a person but the safeguarding
    lead, recorded by their user id.
    """
    organisation = managed(scope)
    before = _settings_as_sent(organisation)
    if name is not msgspec.UNSET:
        organisation.name = name.strip()
    if time_zone is not msgspec.UNSET:
        organisation.time_zone = accounts.check_time_zone(time_zone)
    if crisis_lines is not msgspec.UNSET:
        organisation.crisis_lines = crisis_lines
    if settings is not msgspec.UNSET:
        lead = settings.get("safeguarding_lead_user_id")
        if lead is not None and not await is_active_coordinator(
            scope.session, organisation_id=organisation.id, user_id=uuid.UUID(str(lead))
        ):
            raise Invalid(
                _("The safeguarding lead must be one of this organisation's coordinators."),
                field="settings.safeguarding_lead_user_id",
            )
        organisation.settings = {**organisation.settings, **settings}
    after = _settings_as_sent(organisation)
    changed = [
        {"field": field, "old": before[field], "new": after[field]}
        for field in after
        if before.get(field) != after[field]
    ]
    await scope.audit("organisations.updated", details={"changed": changed})
    return organisation


def _settings_as_sent(organisation: Organisation) -> dict[str, Any]:
    """Every changeable value, by the field name a client sends (``settings.checkins``), as JSON values."""
    settings = msgspec.to_builtins(msgspec.convert(organisation.settings, OrganisationSettings))
    return {
        "name": organisation.name,
        "time_zone": organisation.time_zone,
        "crisis_lines": msgspec.to_builtins(list(organisation.crisis_lines)),
        **{f"settings.{key}": value for key, value in settings.items()},
    }
