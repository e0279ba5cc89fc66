"""Kinds of notification coordinators receive: crisis alerts, escalations, held matches, rechecks."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Annotated, ClassVar, Literal

import msgspec
from babel.support import LazyProxy

from carerlink.actor import Role
from carerlink.i18n import N_, Words, _, ngettext
from carerlink.notifications.channels import Channel
from carerlink.notifications.kinds._base import (
    URGENT_TEXT,
    Kind,
    PersonName,
    Urgency,
    open_link,
    short,
)


class CrisisAlert(Kind, frozen=True, omit_defaults=True):
    """A carer pressed "I need help now": the on-duty coordinators are alerted at once, also by e-mail.

    ``acknowledged_by`` is added to the stored entry when a coordinator acknowledges the alert (issue 13):
    the inbox then says who has it instead of "Please respond now".
    """

    name: ClassVar[str] = "coordinator_crisis_alert"
    label: ClassVar[LazyProxy] = N_("Urgent alerts when a carer needs help now")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.COORDINATOR})
    urgency: ClassVar[Urgency] = "high"
    ttl: ClassVar[timedelta] = timedelta(hours=12)
    quiet_hours_apply: ClassVar[bool] = False
    can_switch_off: ClassVar[bool] = False
    also_email: ClassVar[bool] = True
    channels: ClassVar[frozenset[Channel]] = frozenset({"push", "email", "sms"})
    renotify: ClassVar[bool] = True
    require_interaction: ClassVar[bool] = True

    alert_id: uuid.UUID
    carer_name: PersonName
    acknowledged_by: PersonName | None = None

    def title(self) -> str:
        """Title."""
        return _("Urgent: {carer_name} needs help now").format(carer_name=short(self.carer_name))

    def body(self) -> str:
        """Body."""
        return _("They pressed “I need help now”. Open carerlink to respond.")

    def inbox_title(self) -> str:
        """No longer "urgent" once someone has it."""
        if self.acknowledged_by:
            return _("{carer_name} asked for help").format(carer_name=short(self.carer_name))
        return self.title()

    def inbox_body(self) -> str:
        """Inside the app."""
        if self.acknowledged_by:
            return _("Acknowledged by {acknowledged_by}.").format(acknowledged_by=short(self.acknowledged_by))
        return _("They pressed “I need help now”. Please respond now.")

    def url(self) -> str:
        """Deep link."""
        return f"/coordinator/alerts/{self.alert_id}"

    def tag(self) -> str:
        """One per alert."""
        return f"alert-{self.alert_id}"

    def text(self) -> str:
        """No name, nothing about what happened."""
        return str(URGENT_TEXT)

    def email(self, *, local_time: str, link: str, answer_link: str = "") -> tuple[str, str]:
        """No name and no detail: e-mail is read in more places than the app; the link opens the alert."""
        return (
            _("Urgent: a carer has asked for help now"),
            _(
                "A carer in your organisation pressed “I need help now” in carerlink "
                "at {local_time}.\n\nPlease respond now. "
            ).format(local_time=local_time)
            + open_link(link, where=_("Alerts to see who it is and respond"))
            + _("This e-mail leaves out names and details on purpose.\n"),
        )


class CrisisUnacknowledged(Kind, frozen=True, omit_defaults=True):
    """A crisis alert nobody has acknowledged in time: to the safeguarding lead (or every coordinator).

    ``acknowledged_by`` is added when someone acknowledges it afterwards, as for ``CrisisAlert``.
    """

    name: ClassVar[str] = "coordinator_crisis_unacknowledged"
    label: ClassVar[LazyProxy] = N_("Urgent alerts nobody has responded to yet")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.COORDINATOR})
    urgency: ClassVar[Urgency] = "high"
    ttl: ClassVar[timedelta] = timedelta(hours=12)
    quiet_hours_apply: ClassVar[bool] = False
    can_switch_off: ClassVar[bool] = False
    also_email: ClassVar[bool] = True
    channels: ClassVar[frozenset[Channel]] = frozenset({"push", "email", "sms"})
    renotify: ClassVar[bool] = True
    require_interaction: ClassVar[bool] = True

    alert_id: uuid.UUID
    carer_name: PersonName
    minutes: Annotated[int, msgspec.Meta(ge=1, le=100_000)]
    acknowledged_by: PersonName | None = None

    def title(self) -> str:
        """Title."""
        return _("Urgent: nobody has responded to {carer_name} yet").format(carer_name=short(self.carer_name))

    def inbox_title(self) -> str:
        """No longer "nobody has responded" once someone has."""
        if self.acknowledged_by:
            return ngettext(
                "{carer_name}'s call for help waited {minutes} minute",
                "{carer_name}'s call for help waited {minutes} minutes",
                self.minutes,
            ).format(carer_name=short(self.carer_name), minutes=self.minutes)
        return self.title()

    def inbox_body(self) -> str:
        """Inside the app."""
        if self.acknowledged_by:
            return _("Acknowledged by {acknowledged_by}.").format(acknowledged_by=short(self.acknowledged_by))
        return self.body()

    def body(self) -> str:
        """Body."""
        return ngettext(
            "A call for help has waited {minutes} minute without a response. Please act now.",
            "A call for help has waited {minutes} minutes without a response. Please act now.",
            self.minutes,
        ).format(minutes=self.minutes)

    def url(self) -> str:
        """Deep link."""
        return f"/coordinator/alerts/{self.alert_id}"

    def tag(self) -> str:
        """Replaces the first alert on a lead's screen."""
        return f"alert-{self.alert_id}"

    def text(self) -> str:
        """No name, nothing about what happened."""
        return str(URGENT_TEXT)

    def email(self, *, local_time: str, link: str, answer_link: str = "") -> tuple[str, str]:
        """No name and no detail; the link opens the alert."""
        return (
            _("Urgent: a call for help has not been answered"),
            _(
                "A carer pressed “I need help now” and no coordinator has acknowledged "
                "it ({local_time}).\n\nPlease act now. "
            ).format(local_time=local_time)
            + open_link(link, where=_("Alerts"))
            + _("This e-mail leaves out names and details on purpose.\n"),
        )


class CrisisMistakeReported(Kind, frozen=True, omit_defaults=True):
    """The carer says they pressed "I need help now" by mistake: to the coordinators told about the alert.

    It never closes the alert; the coordinator still checks. Names only, like the alert itself.
    """

    name: ClassVar[str] = "coordinator_crisis_mistake"
    label: ClassVar[LazyProxy] = N_("When a carer says they asked for help by mistake")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.COORDINATOR})
    ttl: ClassVar[timedelta] = timedelta(hours=12)
    quiet_hours_apply: ClassVar[bool] = False  # it is about an alert that ignores quiet hours too
    can_switch_off: ClassVar[bool] = False

    alert_id: uuid.UUID
    carer_name: PersonName
    acknowledged_by: PersonName | None = None  # added on acknowledgement, as for ``CrisisAlert``

    def title(self) -> str:
        """Title."""
        return _("{carer_name} says they asked for help by mistake").format(carer_name=short(self.carer_name))

    def body(self) -> str:
        """Body: the alert stays open; someone still checks."""
        return _("Please still check they're okay. The alert stays open until a coordinator acknowledges it.")

    def inbox_body(self) -> str:
        """Inside the app: "still check" is no longer true once someone has it."""
        if self.acknowledged_by:
            return _("Acknowledged by {acknowledged_by}.").format(acknowledged_by=short(self.acknowledged_by))
        return self.body()

    def url(self) -> str:
        """Deep link."""
        return f"/coordinator/alerts/{self.alert_id}"

    def tag(self) -> str:
        """Beside the alert's own notification, not replacing it."""
        return f"alert-mistake-{self.alert_id}"

    def email(self, *, local_time: str, link: str, answer_link: str = "") -> tuple[str, str]:
        """No name and nothing about help in an e-mail (read in more places than the app)."""
        return (
            _("An alert in carerlink has an update"),
            _(
                "There is an update on an urgent alert in your organisation. Please "
                "still check the carer is okay.\n\n"
            )
            + open_link(link, where=_("Alerts"))
            + _("This e-mail leaves out names and details on purpose.\n"),
        )


class CrisisAcknowledged(Kind, frozen=True):
    """A coordinator acknowledged a crisis alert: the others told about it are brought up to date (issue 13).

    Its ``tag`` is the alert's, so on their phones it quietly replaces the urgent "needs help now" still
    shown; their inbox entries were marked read and say who has it, so it has no entry of its own.
    """

    name: ClassVar[str] = "coordinator_crisis_acknowledged"
    label: ClassVar[LazyProxy] = N_("When a coordinator has acknowledged a crisis alert")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.COORDINATOR})
    ttl: ClassVar[timedelta] = timedelta(hours=12)
    quiet_hours_apply: ClassVar[bool] = False  # silent, and it replaces an alert shown at any hour
    can_switch_off: ClassVar[bool] = False
    silent: ClassVar[bool] = True
    in_inbox: ClassVar[bool] = False
    channels: ClassVar[frozenset[Channel]] = frozenset({"push"})  # it only updates a shown push

    alert_id: uuid.UUID
    carer_name: PersonName
    acknowledged_by: PersonName

    def title(self) -> str:
        """Title."""
        return _("{acknowledged_by} has acknowledged {carer_name}'s call for help").format(
            acknowledged_by=short(self.acknowledged_by), carer_name=short(self.carer_name)
        )

    def body(self) -> str:
        """Body."""
        return _("You don't need to act on the alert now.")

    def url(self) -> str:
        """Deep link."""
        return f"/coordinator/alerts/{self.alert_id}"

    def tag(self) -> str:
        """The alert's own: replaces "Urgent: … needs help now" on screen."""
        return f"alert-{self.alert_id}"


EscalationReason = Literal["carer_no_answer", "buddy_no_reply", "needs_review"]


class Escalation(Kind, frozen=True):
    """A check-in needs a coordinator: the carer or the buddy has gone quiet, or it was flagged for review."""

    name: ClassVar[str] = "coordinator_escalation"
    label: ClassVar[LazyProxy] = N_("When a check-in needs a coordinator")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.COORDINATOR})
    ttl: ClassVar[timedelta] = timedelta(days=3)
    also_email: ClassVar[bool] = True

    checkin_id: uuid.UUID
    reason: EscalationReason
    carer_name: PersonName
    buddy_name: PersonName

    def title(self) -> str:
        """Title."""
        return _("A check-in needs your attention")

    def body(self) -> str:
        """Body: who, and the plain reason, with no answer or score in it."""
        carer, buddy = short(self.carer_name), short(self.buddy_name)
        if self.reason == "carer_no_answer":
            return _("{carer} hasn't answered a check-in for a few days.").format(carer=carer)
        if self.reason == "buddy_no_reply":
            return _("{buddy} hasn't replied to {carer}'s check-in.").format(buddy=buddy, carer=carer)
        return _("A check-in between {carer} and {buddy} needs your review.").format(carer=carer, buddy=buddy)

    def url(self) -> str:
        """Deep link."""
        return f"/coordinator/checkins/{self.checkin_id}"

    def tag(self) -> str:
        """One per check-in and reason."""
        return f"escalation-{self.reason}-{self.checkin_id}"

    def email(self, *, local_time: str, link: str, answer_link: str = "") -> tuple[str, str]:
        """No names and no detail in e-mail; the link opens the check-in."""
        return (
            _("A check-in needs your attention"),
            _(
                "A check-in in your organisation needs a coordinator's attention "
                "(raised at {local_time}).\n\n"
            ).format(local_time=local_time)
            + open_link(link, where=_("Needs attention to see which one"))
            + _("This e-mail leaves out names and details on purpose.\n"),
        )


class MatchHeld(Kind, frozen=True):
    """Both said yes, but the buddy can't be matched today (screening lapsed): the match waits."""

    name: ClassVar[str] = "coordinator_match_held"
    label: ClassVar[LazyProxy] = N_("When a match can't start because a buddy's screening needs attention")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.COORDINATOR})
    ttl: ClassVar[timedelta] = timedelta(days=3)

    match_id: uuid.UUID
    buddy_id: uuid.UUID  # the buddy's membership: the link opens their screening, which says why
    carer_name: PersonName
    buddy_name: PersonName

    def title(self) -> str:
        """Title."""
        return _("A match can't start yet")

    def body(self) -> str:
        """Body."""
        buddy, carer = short(self.buddy_name), short(self.carer_name)
        return _("{buddy} and {carer} both said yes, but {buddy}'s screening needs attention first.").format(
            buddy=buddy, carer=carer
        )

    def url(self) -> str:
        """Deep link: the buddy's checks and training, with the reasons they can't be matched."""
        return f"/buddies/{self.buddy_id}/checks"

    def tag(self) -> str:
        """One per match."""
        return f"match-held-{self.match_id}"


class RecheckDue(Kind, frozen=True):
    """A buddy's safeguarding check or training is due for renewal."""

    name: ClassVar[str] = "recheck_due"
    label: ClassVar[LazyProxy] = N_("When a safeguarding check or training is due for renewal")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.COORDINATOR, Role.BUDDY})
    urgency: ClassVar[Urgency] = "low"
    ttl: ClassVar[timedelta] = timedelta(days=3)

    buddy_id: uuid.UUID
    buddy_name: PersonName
    check: Literal["safeguarding", "training"]

    def title(self) -> str:
        """Title."""
        return _("A renewal is due")

    def body(self) -> str:
        """Body."""
        if self.check == "safeguarding":
            return _("{buddy_name}'s safeguarding check is due for renewal.").format(
                buddy_name=short(self.buddy_name)
            )
        return _("{buddy_name}'s training is due for renewal.").format(buddy_name=short(self.buddy_name))

    def url(self) -> str:
        """Deep link."""
        return f"/buddies/{self.buddy_id}/checks"

    def tag(self) -> str:
        """One per buddy and check."""
        return f"recheck-{self.check}-{self.buddy_id}"


class InvitationMailFailed(Kind, frozen=True):
    """An invitation's e-mail could not be sent (refused, or abandoned after its retries)."""

    name: ClassVar[str] = "coordinator_invitation_mail_failed"
    label: ClassVar[LazyProxy] = N_("When an invitation e-mail could not be sent")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.COORDINATOR})
    ttl: ClassVar[timedelta] = timedelta(days=3)

    invitation_id: uuid.UUID  # no address in the push (a third party carries it): the list shows which

    def title(self) -> str:
        """Title."""
        return _("An invitation e-mail could not be sent")

    def body(self) -> str:
        """Body."""
        return _("The person has not been sent their invitation. Check the address, or give them the code.")

    def url(self) -> str:
        """Deep link: the invitations list, where it reads "The e-mail could not be sent"."""
        return "/invitations"

    def tag(self) -> str:
        """One per invitation."""
        return f"invitation-mail-{self.invitation_id}"


class InvitationTextFailed(Kind, frozen=True):
    """Invitation texts of an import could not be sent (refused, undelivered, or given up) (issue 16)."""

    name: ClassVar[str] = "coordinator_invitation_text_failed"
    label: ClassVar[LazyProxy] = N_("When invitation texts from a spreadsheet could not be sent")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.COORDINATOR})
    ttl: ClassVar[timedelta] = timedelta(days=3)

    import_id: uuid.UUID  # no name or number in the push: the import's page shows whose

    def title(self) -> str:
        """Title."""
        return _("Invitation texts could not be sent")

    def body(self) -> str:
        """Body."""
        return _(
            "Some people brought in from a spreadsheet have not been sent their invitation. "
            "Open the import to see who, and invite them another way."
        )

    def url(self) -> str:
        """Deep link: the import, where each of them reads "The invitation text could not be sent"."""
        return f"/coordinator/imports/{self.import_id}"

    def tag(self) -> str:
        """One per import."""
        return f"invitation-texts-{self.import_id}"


DEBRIEF_URGENCY_WORDS = Words(
    {
        "today": N_("today if possible"),
        "this_week": N_("this week"),
        "whenever": N_("whenever suits"),
    }
)


class DebriefRequested(Kind, frozen=True):
    """A buddy would like to talk something through (issue 13); never their words, only how soon."""

    name: ClassVar[str] = "coordinator_debrief_requested"
    label: ClassVar[LazyProxy] = N_("When a buddy would like to talk something through")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.COORDINATOR})
    ttl: ClassVar[timedelta] = timedelta(days=2)
    also_email: ClassVar[bool] = True  # buddies must reach a person, push or not (DOMAIN.md)

    request_id: uuid.UUID
    buddy_name: PersonName
    how_soon: Literal["today", "this_week", "whenever"]  # not ``urgency``: that is the push's

    def title(self) -> str:
        """Title."""
        return _("{buddy_name} would like to talk").format(buddy_name=short(self.buddy_name))

    def body(self) -> str:
        """Body: how soon, never what about."""
        return _("They'd like to talk something through, {how_soon}.").format(
            how_soon=DEBRIEF_URGENCY_WORDS[self.how_soon]
        )

    def url(self) -> str:
        """Deep link."""
        return "/coordinator/attention"

    def tag(self) -> str:
        """One per request."""
        return f"debrief-{self.request_id}"

    def email(self, *, local_time: str, link: str, answer_link: str = "") -> tuple[str, str]:
        """No name and no words of theirs: e-mail is read in more places than the app."""
        return (
            _("A buddy would like to talk something through"),
            _(
                "A buddy in your organisation asked to talk something through in "
                "carerlink at {local_time} ({how_soon}).\n\n"
            ).format(local_time=local_time, how_soon=DEBRIEF_URGENCY_WORDS[self.how_soon])
            + open_link(link, where=_("Needs attention to see who it is and take it up"))
            + _("This e-mail leaves out names and details on purpose.\n"),
        )
