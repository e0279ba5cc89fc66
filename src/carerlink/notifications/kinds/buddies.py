"""Kinds of notification buddies receive: answers, a quiet carer, reply reminders, asks for help."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import ClassVar

from babel.support import LazyProxy

from carerlink.actor import Role
from carerlink.i18n import N_, _
from carerlink.notifications.channels import Channel
from carerlink.notifications.kinds._base import Kind, PersonName, Urgency, open_link, short


class NewAnswer(Kind, frozen=True):
    """A buddy's carer answered a check-in."""

    name: ClassVar[str] = "buddy_new_answer"
    label: ClassVar[LazyProxy] = N_("When a carer checks in")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.BUDDY})
    ttl: ClassVar[timedelta] = timedelta(hours=48)

    checkin_id: uuid.UUID
    carer_name: PersonName

    def title(self) -> str:
        """Title."""
        return _("{carer_name} has checked in").format(carer_name=short(self.carer_name))

    def body(self) -> str:
        """Body: never the answer itself."""
        return _("Open carerlink to read it and reply.")

    def inbox_body(self) -> str:
        """Inside the app."""
        return _("Read it and reply.")

    def url(self) -> str:
        """Deep link."""
        return f"/buddy/checkins/{self.checkin_id}"

    def tag(self) -> str:
        """One per check-in."""
        return f"answer-{self.checkin_id}"


class CarerQuiet(Kind, frozen=True):
    """The buddy's carer has not answered a check-in for a few days: "maybe give them a ring"."""

    name: ClassVar[str] = "buddy_carer_quiet"
    label: ClassVar[LazyProxy] = N_("When a carer hasn't answered for a few days")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.BUDDY})
    ttl: ClassVar[timedelta] = timedelta(days=2)

    checkin_id: uuid.UUID
    carer_name: PersonName

    def title(self) -> str:
        """Title."""
        return _("{carer_name} hasn't checked in").format(carer_name=short(self.carer_name))

    def body(self) -> str:
        """Body."""
        return _("It's been a few days. Maybe give {carer_name} a ring?").format(
            carer_name=short(self.carer_name)
        )

    def url(self) -> str:
        """Deep link."""
        return f"/buddy/checkins/{self.checkin_id}"

    def tag(self) -> str:
        """One per check-in."""
        return f"quiet-{self.checkin_id}"


class ReplyReminder(Kind, frozen=True):
    """The buddy has not replied to an answered check-in for two days."""

    name: ClassVar[str] = "buddy_reply_reminder"
    label: ClassVar[LazyProxy] = N_("A reminder when a check-in is waiting for your reply")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.BUDDY})
    ttl: ClassVar[timedelta] = timedelta(days=2)
    renotify: ClassVar[bool] = True

    checkin_id: uuid.UUID
    carer_name: PersonName

    def title(self) -> str:
        """Title."""
        return _("{carer_name} is waiting for your reply").format(carer_name=short(self.carer_name))

    def body(self) -> str:
        """Body."""
        return _("A short message is enough, or just say that you spoke.")

    def url(self) -> str:
        """Deep link."""
        return f"/buddy/checkins/{self.checkin_id}"

    def tag(self) -> str:
        """Shared with the answer notification, which this replaces on screen."""
        return f"answer-{self.checkin_id}"


class CarerAskedForHelp(Kind, frozen=True, omit_defaults=True):
    """The buddy's carer pressed "I need help now"; the coordinators are dealing with it.

    ``acknowledged_by`` is added when a coordinator acknowledges the alert: the buddy then reads that
    someone has it (issue 13), never what was done.
    """

    name: ClassVar[str] = "buddy_carer_asked_for_help"
    label: ClassVar[LazyProxy] = N_("When a carer asks for urgent help")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.BUDDY})
    urgency: ClassVar[Urgency] = "high"
    ttl: ClassVar[timedelta] = timedelta(hours=12)
    can_switch_off: ClassVar[bool] = False

    alert_id: uuid.UUID
    carer_name: PersonName
    acknowledged_by: PersonName | None = None

    def title(self) -> str:
        """Title."""
        return _("{carer_name} asked for help").format(carer_name=short(self.carer_name))

    def body(self) -> str:
        """Body: the buddy is informed, never made responsible (DOMAIN.md)."""
        return _("The coordinators have been alerted and will respond. You don't need to do anything now.")

    def inbox_body(self) -> str:
        """Inside the app: once acknowledged, that a coordinator has it."""
        if self.acknowledged_by:
            who = short(self.acknowledged_by)
            return _("A coordinator ({who}) is dealing with it. You don't need to do anything.").format(
                who=who
            )
        return self.body()

    def url(self) -> str:
        """Deep link."""
        return "/buddy"

    def tag(self) -> str:
        """One per alert."""
        return f"help-{self.alert_id}"

    def email(self, *, local_time: str, link: str, answer_link: str = "") -> tuple[str, str]:
        """No name and nothing about help in an e-mail (read in more places than the app)."""
        return (
            _("News about the carer you support"),
            _("There is news about the carer you support in carerlink. The coordinators know.\n\n")
            + open_link(link, where=_("your notifications"))
            + _("This e-mail leaves out names and details on purpose.\n"),
        )


class CarerHelpHandled(Kind, frozen=True):
    """A coordinator acknowledged the call for help of the buddy's carer: the buddy's notification says so.

    Its ``tag`` is that of ``CarerAskedForHelp``, which it quietly replaces on the buddy's phone; the
    inbox entry of that one says it instead, so this has none of its own (issue 13).
    """

    name: ClassVar[str] = "buddy_carer_help_handled"
    label: ClassVar[LazyProxy] = N_("When a coordinator is dealing with a carer's call for help")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.BUDDY})
    ttl: ClassVar[timedelta] = timedelta(hours=12)
    quiet_hours_apply: ClassVar[bool] = False  # silent: it replaces one shown at any hour
    can_switch_off: ClassVar[bool] = False
    silent: ClassVar[bool] = True
    in_inbox: ClassVar[bool] = False
    channels: ClassVar[frozenset[Channel]] = frozenset({"push"})  # it only updates a shown push

    alert_id: uuid.UUID
    carer_name: PersonName

    def title(self) -> str:
        """Title."""
        return _("{carer_name} asked for help").format(carer_name=short(self.carer_name))

    def body(self) -> str:
        """Body: someone has it; still nothing asked of the buddy."""
        return _("A coordinator is dealing with it. You don't need to do anything.")

    def url(self) -> str:
        """Deep link."""
        return "/buddy"

    def tag(self) -> str:
        """The call for help's own: replaces it on screen."""
        return f"help-{self.alert_id}"


class DebriefTakenUp(Kind, frozen=True):
    """A coordinator took up the buddy's request to talk something through (issue 13)."""

    name: ClassVar[str] = "buddy_debrief_taken_up"
    label: ClassVar[LazyProxy] = N_("When a coordinator takes up your request to talk")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.BUDDY})
    ttl: ClassVar[timedelta] = timedelta(days=2)

    request_id: uuid.UUID
    coordinator_name: PersonName

    def title(self) -> str:
        """Title."""
        return _("{coordinator_name} will be in touch").format(coordinator_name=short(self.coordinator_name))

    def body(self) -> str:
        """Body."""
        return _("{coordinator_name} has taken up your request to talk something through.").format(
            coordinator_name=short(self.coordinator_name)
        )

    def url(self) -> str:
        """Deep link."""
        return "/buddy/talk"

    def tag(self) -> str:
        """One per request."""
        return f"debrief-{self.request_id}"
