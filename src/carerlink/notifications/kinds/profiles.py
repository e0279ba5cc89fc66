"""Kinds about profiles (issue 16): a carer or buddy hears that a coordinator filled in their profile.

Only the coordinator's first name: nothing of what was said (no needs, no health words); the profile,
behind sign-in, shows it all, and the person can change any of it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from babel.support import LazyProxy

from carerlink.actor import Role
from carerlink.i18n import N_, _
from carerlink.notifications.kinds._base import Kind, PersonName, Urgency, short


class CarerProfileFilledIn(Kind, frozen=True):
    """A coordinator filled in a carer's profile with them (during an assessment)."""

    name: ClassVar[str] = "carer_profile_filled_in"
    label: ClassVar[LazyProxy] = N_("When the centre fills in your profile with you")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.CARER})
    ttl: ClassVar[timedelta] = timedelta(days=7)
    urgency: ClassVar[Urgency] = "low"

    coordinator_name: PersonName

    def title(self) -> str:
        """Title."""
        return _("Your profile is filled in")

    def body(self) -> str:
        """Body."""
        return _(
            "{coordinator_name} filled it in with you. Have a look and change anything you like."
        ).format(coordinator_name=short(self.coordinator_name))

    def url(self) -> str:
        """Deep link."""
        return "/my-profile"

    def tag(self) -> str:
        """One at a time."""
        return "profile-filled-in"


class BuddyProfileFilledIn(CarerProfileFilledIn, frozen=True):
    """A coordinator filled in a buddy's profile with them (during their assessment)."""

    name: ClassVar[str] = "buddy_profile_filled_in"
    audience: ClassVar[frozenset[Role]] = frozenset({Role.BUDDY})

    def url(self) -> str:
        """Deep link."""
        return "/buddy/profile"
