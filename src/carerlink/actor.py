"""Who is acting: a signed-in person with their roles per organisation, or the system (jobs, CLI)."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, field

from carerlink.errors import DomainError, NotAllowed, NotAuthenticated, NotFound
from carerlink.i18n import N_, _

# "No such …" for each kind of record a refusal hides (a whole sentence each, for translation).
_NO_SUCH = {
    "organisation": N_("No such organisation."),
    "request": N_("No such request."),
    "alert": N_("No such alert."),
    "concern": N_("No such concern."),
    "match": N_("No such match."),
    "carer": N_("No such carer."),
    "buddy": N_("No such buddy."),
    "coordinator": N_("No such coordinator."),
}


def no_such(what: str) -> str:
    """The 404 words for a ``what`` that does not exist (or that this person may not know of)."""
    found = _NO_SUCH.get(what)
    return str(found) if found is not None else _("No such {what}.").format(what=what)


class Role(enum.StrEnum):
    """What a person does in an organisation; one person may hold several."""

    COORDINATOR = "coordinator"
    BUDDY = "buddy"
    CARER = "carer"


@dataclass(frozen=True, slots=True)
class Grant:
    """One active membership: a role in an organisation."""

    organisation_id: uuid.UUID
    role: Role
    membership_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class Actor:
    """The person (or the system) on whose behalf a service call runs.

    Policies decide from this alone; it holds only active memberships.
    """

    user_id: uuid.UUID | None
    session_id: uuid.UUID | None = None
    grants: tuple[Grant, ...] = field(default=())
    is_system: bool = False

    @classmethod
    def system(cls) -> Actor:
        """The actor jobs and the CLI use."""
        return cls(user_id=None, is_system=True)

    @classmethod
    def anonymous(cls) -> Actor:
        """Nobody signed in."""
        return cls(user_id=None)

    @property
    def is_anonymous(self) -> bool:
        """Whether nobody is signed in (and this is not the system)."""
        return self.user_id is None and not self.is_system

    def refusal(self, organisation_id: uuid.UUID, message: str, *, what: str = "organisation") -> DomainError:
        """The error for an action a policy refused on an organisation's record.

        Nobody signed in: 401. A member of the organisation: 403 with ``message``. Anyone else: 404, so
        a stranger cannot even learn the record exists.
        """
        if self.is_anonymous:
            return NotAuthenticated(_("Please sign in to continue."))
        if self.is_member(organisation_id):
            return NotAllowed(message)
        return NotFound(no_such(what))

    def require_person(self) -> uuid.UUID:
        """The signed-in person's id; ``NotAuthenticated`` (401) when nobody is signed in."""
        if self.user_id is None:
            raise NotAuthenticated(_("Please sign in to continue."))
        return self.user_id

    def has_role(self, organisation_id: uuid.UUID, role: Role) -> bool:
        """Whether this person holds ``role`` in ``organisation_id``."""
        return any(g.organisation_id == organisation_id and g.role == role for g in self.grants)

    def is_member(self, organisation_id: uuid.UUID) -> bool:
        """Whether this person holds any role in ``organisation_id``."""
        return any(g.organisation_id == organisation_id for g in self.grants)

    def organisations(self, role: Role | None = None) -> frozenset[uuid.UUID]:
        """The organisations where this person holds ``role`` (any role when ``None``)."""
        return frozenset(g.organisation_id for g in self.grants if role is None or g.role == role)

    def membership_id(self, organisation_id: uuid.UUID, role: Role) -> uuid.UUID | None:
        """The membership that gives this person ``role`` in ``organisation_id``, if any."""
        for grant in self.grants:
            if grant.organisation_id == organisation_id and grant.role == role:
                return grant.membership_id
        return None
