"""Kinds about concerns: to coordinators (raised, at risk now, past target) and to the buddy who raised one.

None of them carries the concern's category or what happened: coordinators read a carer's first name
(as crisis alerts do), the buddy not even that; e-mails name nobody and link to the concern.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import ClassVar, Literal

from babel.support import LazyProxy

from carerlink.actor import Role
from carerlink.i18n import N_, _
from carerlink.notifications.channels import Channel
from carerlink.notifications.kinds._base import URGENT_TEXT, Kind, PersonName, Urgency, open_link, short

_NO_NAMES = N_("This e-mail leaves out names and details on purpose.\n")


class ConcernRaised(Kind, frozen=True):
    """A buddy (or a coordinator) raised a concern about a carer: every coordinator is told."""

    name: ClassVar[str] = "coordinator_concern_raised"
    label: ClassVar[LazyProxy] = N_("When a concern is raised about a carer")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.COORDINATOR})
    ttl: ClassVar[timedelta] = timedelta(days=2)
    can_switch_off: ClassVar[bool] = False  # concerns never rely on someone having left this on
    also_email: ClassVar[bool] = True

    concern_id: uuid.UUID
    carer_name: PersonName

    def title(self) -> str:
        """Title."""
        return _("A concern has been raised about {carer_name}").format(carer_name=short(self.carer_name))

    def body(self) -> str:
        """Body."""
        return _("Open carerlink to read it and acknowledge it.")

    def inbox_body(self) -> str:
        """Inside the app."""
        return _("Please read it and acknowledge it.")

    def url(self) -> str:
        """Deep link."""
        return f"/coordinator/concerns/{self.concern_id}"

    def tag(self) -> str:
        """One per concern."""
        return f"concern-{self.concern_id}"

    def email(self, *, local_time: str, link: str, answer_link: str = "") -> tuple[str, str]:
        """No name and no detail."""
        return (
            _("A concern has been raised"),
            _(
                "A concern about a carer in your organisation was raised in carerlink at {local_time}.\n\n"
            ).format(local_time=local_time)
            + open_link(link, where=_("Concerns to see it"))
            + str(_NO_NAMES),
        )


class ConcernAtRiskNow(Kind, frozen=True):
    """A concern saying someone is at risk right now: the crisis path (urgent, unquiet, can't be muted)."""

    name: ClassVar[str] = "coordinator_concern_at_risk"
    label: ClassVar[LazyProxy] = N_("Urgent alerts when a buddy says someone is at risk right now")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.COORDINATOR})
    urgency: ClassVar[Urgency] = "high"
    ttl: ClassVar[timedelta] = timedelta(hours=12)
    quiet_hours_apply: ClassVar[bool] = False
    can_switch_off: ClassVar[bool] = False
    also_email: ClassVar[bool] = True
    channels: ClassVar[frozenset[Channel]] = frozenset({"push", "email", "sms"})
    renotify: ClassVar[bool] = True
    require_interaction: ClassVar[bool] = True

    concern_id: uuid.UUID
    carer_name: PersonName

    def title(self) -> str:
        """Title."""
        return _("Urgent: someone may be at risk ({carer_name})").format(carer_name=short(self.carer_name))

    def body(self) -> str:
        """Body."""
        return _("A concern says someone is at risk right now. Open carerlink to respond.")

    def inbox_body(self) -> str:
        """Inside the app."""
        return _("A concern says someone is at risk right now. Please respond now.")

    def url(self) -> str:
        """Deep link."""
        return f"/coordinator/concerns/{self.concern_id}"

    def tag(self) -> str:
        """One per concern."""
        return f"concern-{self.concern_id}"

    def text(self) -> str:
        """No name, nothing about what happened."""
        return str(URGENT_TEXT)

    def email(self, *, local_time: str, link: str, answer_link: str = "") -> tuple[str, str]:
        """No name and no detail: e-mail is read in more places than the app."""
        return (
            _("Urgent: someone may be at risk right now"),
            _("A concern raised in carerlink at {local_time} says someone is at risk right now.\n\n").format(
                local_time=local_time
            )
            + _("Please open it and respond now.\n\n")
            + open_link(link, where=_("Concerns to see it"))
            + str(_NO_NAMES),
        )


class ConcernPastTarget(Kind, frozen=True):
    """A concern nobody acknowledged by its target: to the safeguarding lead (or every coordinator)."""

    name: ClassVar[str] = "coordinator_concern_past_target"
    label: ClassVar[LazyProxy] = N_("Concerns nobody has acknowledged in time")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.COORDINATOR})
    urgency: ClassVar[Urgency] = "high"
    ttl: ClassVar[timedelta] = timedelta(days=1)
    quiet_hours_apply: ClassVar[bool] = False
    can_switch_off: ClassVar[bool] = False
    also_email: ClassVar[bool] = True
    renotify: ClassVar[bool] = True

    concern_id: uuid.UUID
    carer_name: PersonName

    def title(self) -> str:
        """Title."""
        return _("Nobody has acknowledged a concern about {carer_name}").format(
            carer_name=short(self.carer_name)
        )

    def body(self) -> str:
        """Body."""
        return _("It is past its response target. Please make sure someone deals with it now.")

    def url(self) -> str:
        """Deep link."""
        return f"/coordinator/concerns/{self.concern_id}"

    def tag(self) -> str:
        """Replaces the first notification about it."""
        return f"concern-{self.concern_id}"

    def email(self, *, local_time: str, link: str, answer_link: str = "") -> tuple[str, str]:
        """No name and no detail."""
        return (
            _("A concern has not been acknowledged in time"),
            _(
                "A concern about a carer is past its response target and nobody has "
                "acknowledged it ({local_time}).\n\n"
            ).format(local_time=local_time)
            + _("As safeguarding lead, please open it now.\n\n")
            + open_link(link, where=_("Concerns to see it"))
            + str(_NO_NAMES),
        )


class ConcernUpdate(Kind, frozen=True):
    """To the buddy who raised a concern: it is being handled, or has been. Never what was decided."""

    name: ClassVar[str] = "buddy_concern_update"
    label: ClassVar[LazyProxy] = N_("When a concern you raised is being handled")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.BUDDY})
    ttl: ClassVar[timedelta] = timedelta(days=3)

    concern_id: uuid.UUID
    state: Literal["acknowledged", "closed"]

    def title(self) -> str:
        """Title: no name, no category."""
        return _("The concern you raised")

    def body(self) -> str:
        """Body."""
        if self.state == "closed":
            return _("A coordinator has handled it. Thank you for raising it.")
        return _("A coordinator is looking at it. Thank you for raising it.")

    def url(self) -> str:
        """Deep link: the buddy's list of concerns they raised."""
        return "/buddy/concerns"

    def tag(self) -> str:
        """One per concern."""
        return f"concern-{self.concern_id}"
