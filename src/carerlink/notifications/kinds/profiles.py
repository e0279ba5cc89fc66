"""Kinds about profiles (issue 16): a carer or buddy hears that a coordinator filled in their profile.

Only the coordinator's first name: nothing of what was said (no needs, no health words); the profile,
behind sign-in, shows it all, and the person can change any of it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from carerlink.actor import Role
from carerlink.notifications.kinds._base import Kind, PersonName, Urgency, short


class CarerProfileFilledIn(Kind, frozen=True):
    """A coordinator filled in a carer's profile with them (during an assessment)."""

    name: ClassVar[str] = "carer_profile_filled_in"
    label: ClassVar[str] = "When the centre fills in your profile with you"
    audience: ClassVar[frozenset[Role]] = frozenset({Role.CARER})
    ttl: ClassVar[timedelta] = timedelta(days=7)
    urgency: ClassVar[Urgency] = "low"

    coordinator_name: PersonName

    def title(self) -> str:
        """Title."""
        return "Your profile is filled in"

    def body(self) -> str:
        """Body."""
        return (
            f"{short(self.coordinator_name)} filled it in with you. Have a look and change anything you like."
        )

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
