"""What the profiles services share: an organisation's date and settings, availability bits, input checks.

Also the two lookups every module needs: the caller's own membership in a role (``own_membership``)
and another member of the organisation by membership id (``member``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts.models import User
from carerlink.actor import Role, no_such
from carerlink.errors import Invalid, NotFound
from carerlink.i18n import _
from carerlink.organisations.models import ConsentKind, Membership, Organisation
from carerlink.organisations.schemas import OrganisationSettings
from carerlink.organisations.scope import Scope
from carerlink.profiles import policy
from carerlink.profiles.schemas import AvailabilitySlot
from carerlink.profiles.vocabulary import LANGUAGES, Day, DayPart, Need, slot_index

# Which consent lets a role's profile keep the cared-for person's needs: a kind each, as a person who
# is both a carer and a buddy agrees (or not) to two different uses (organisations/models.py).
HEALTH_CONSENT_OF = {Role.CARER: ConsentKind.HEALTH_DATA, Role.BUDDY: ConsentKind.BUDDY_HEALTH_DATA}


def organisation_today(organisation: Organisation, now: datetime) -> date:
    """The date it is at the organisation."""
    return now.astimezone(ZoneInfo(organisation.time_zone)).date()


def settings_of(organisation: Organisation) -> OrganisationSettings:
    """The organisation's settings, with defaults for anything not set."""
    return msgspec.convert(organisation.settings, OrganisationSettings)


def availability_mask(slots: Sequence[AvailabilitySlot]) -> int:
    """Weekly free slots as bits (``vocabulary.slot_index``)."""
    mask = 0
    for slot in slots:
        mask |= 1 << slot_index(slot.day, slot.part)
    return mask


def availability_slots(mask: int) -> list[AvailabilitySlot]:
    """Bits back to weekly free slots, Monday morning first."""
    return [
        AvailabilitySlot(day=day, part=part)
        for day in Day
        for part in DayPart
        if mask >> slot_index(day, part) & 1
    ]


def unique(values: Sequence[str]) -> list[str]:
    """The values in their first order, each once."""
    return list(dict.fromkeys(values))


def check_languages(languages: Sequence[str], preferred: str | None) -> list[str]:
    """Known language codes, each once; ``Invalid`` for an unknown one or a preferred one not spoken."""
    for index, code in enumerate(languages):
        if code not in LANGUAGES:
            raise Invalid(
                _("We don't know the language code {code!r}.").format(code=code), field=f"languages[{index}]"
            )
    if preferred is not None and preferred not in languages:
        raise Invalid(
            _("Your preferred language must be one of the languages you speak."), field="preferred_language"
        )
    return unique(languages)


def check_mental_health(needs: Sequence[Need], mental_health: Sequence[str]) -> None:
    """Mental-health sub-options only go with the 'mental health' need."""
    if mental_health and Need.MENTAL_HEALTH not in needs:
        raise Invalid(
            _("Choose 'mental health' among the needs to say which kind of condition."),
            field="mental_health_needs",
        )


def own_membership(scope: Scope, role: Role) -> tuple[Organisation, uuid.UUID]:
    """The organisation and my membership in ``role`` there (a carer's or a buddy's own profile)."""
    allowed = policy.can_keep_carer_profile if role == Role.CARER else policy.can_keep_buddy_profile
    message = f"Only {role.value}s have a {role.value} profile here."
    organisation = scope.require(allowed, message)
    membership_id = scope.actor.membership_id(organisation.id, role)
    if membership_id is None:
        raise scope.refusal(message)
    return organisation, membership_id


async def member(scope: Scope, membership_id: uuid.UUID, role: Role) -> tuple[Membership, User]:
    """A membership in ``role`` of the scope's organisation, with its person; ``NotFound`` otherwise."""
    row = (
        await scope.session.execute(
            select(Membership, User)
            .join(User, User.id == Membership.user_id)
            .where(
                Membership.id == membership_id,
                Membership.organisation_id == scope.organisation_id,
                Membership.role == role,
            )
        )
    ).one_or_none()
    if row is None:
        raise NotFound(no_such(role.value))
    return row[0], row[1]


async def display_name(session: AsyncSession, user_id: uuid.UUID) -> str:
    """A person's name as they gave it."""
    return await session.scalar(select(User.display_name).where(User.id == user_id)) or ""


async def entered_by_name(session: AsyncSession, user_id: uuid.UUID | None) -> str | None:
    """Who filled a profile in with the person (``None``: they did it themselves)."""
    if user_id is None:
        return None
    return await display_name(session, user_id) or "A coordinator"
