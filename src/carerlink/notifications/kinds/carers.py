"""Kinds of notification carers receive: check-ins due, nudges, their buddy's replies and breaks."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import ClassVar

from babel.support import LazyProxy

from carerlink.actor import Role
from carerlink.i18n import N_, _
from carerlink.notifications.channels import Channel
from carerlink.notifications.kinds._base import Kind, PersonName, Urgency, open_link, short


def checkin_email(opening: str, *, link: str, answer_link: str) -> str:
    """A check-in prompt's e-mail body: what it is, the answer form's link, then the app's."""
    if not answer_link:
        return f"{opening}\n\n" + open_link(link, where=_("your check-in"))
    second = _("Or open it in carerlink:\n{link}\n\n").format(link=link) if link else ""
    return _(
        "{opening}\n\nAnswer it here (no need to sign in; the link works once, "
        "for this check-in):\n{answer_link}\n\n{second}If someone else reads your "
        "e-mail, you can delete this message: it says nothing about you.\n"
    ).format(opening=opening, answer_link=answer_link, second=second)


class CheckinDue(Kind, frozen=True):
    """A carer's check-in is open: "how are you doing this week?"."""

    name: ClassVar[str] = "checkin_due"
    label: ClassVar[LazyProxy] = N_("When it's time for a check-in")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.CARER})
    ttl: ClassVar[timedelta] = timedelta(hours=24)
    channels: ClassVar[frozenset[Channel]] = frozenset({"push", "email", "sms"})

    checkin_id: uuid.UUID
    buddy_name: PersonName

    def title(self) -> str:
        """Title."""
        return _("Time for your check-in")

    def body(self) -> str:
        """Body."""
        return _("How are things this week? {buddy_name} will see your answer.").format(
            buddy_name=short(self.buddy_name)
        )

    def url(self) -> str:
        """Deep link."""
        return f"/checkins/{self.checkin_id}"

    def tag(self) -> str:
        """Shared with the nudge, which replaces this one on screen."""
        return f"checkin-{self.checkin_id}"

    def text(self) -> str:
        """Neutral, one GSM-7 segment: the reply keywords (``checkins``' text replies)."""
        return _("Your check-in is ready: reply 1-5, CALL or HELP")

    def email(self, *, local_time: str, link: str, answer_link: str = "") -> tuple[str, str]:
        """The one-time answer form first (it opens without signing in), the app as a second way in."""
        return self.title(), checkin_email(
            _("It's time for your check-in. How are things this week?"), link=link, answer_link=answer_link
        )


class CheckinNudge(Kind, frozen=True):
    """A gentle reminder that a check-in is still unanswered."""

    name: ClassVar[str] = "checkin_nudge"
    label: ClassVar[LazyProxy] = N_("A reminder when a check-in is still waiting")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.CARER})
    ttl: ClassVar[timedelta] = timedelta(hours=24)
    renotify: ClassVar[bool] = True
    channels: ClassVar[frozenset[Channel]] = frozenset({"push", "email", "sms"})

    checkin_id: uuid.UUID
    buddy_name: PersonName

    def title(self) -> str:
        """Title."""
        return _("A gentle reminder")

    def body(self) -> str:
        """Body."""
        return _(
            "Your check-in is still here whenever you're ready. {buddy_name} would love to hear how you are."
        ).format(buddy_name=short(self.buddy_name))

    def url(self) -> str:
        """Deep link."""
        return f"/checkins/{self.checkin_id}"

    def tag(self) -> str:
        """Replaces the check-in notification if it is still showing."""
        return f"checkin-{self.checkin_id}"

    def text(self) -> str:
        """Neutral, one GSM-7 segment: the reply keywords (``checkins``' text replies)."""
        return _("Your check-in is still open: reply 1-5, CALL or HELP")

    def email(self, *, local_time: str, link: str, answer_link: str = "") -> tuple[str, str]:
        """The one-time answer form first (it opens without signing in), the app as a second way in."""
        return self.title(), checkin_email(
            _("Your check-in is still here whenever you're ready."), link=link, answer_link=answer_link
        )


class BuddyReplied(Kind, frozen=True):
    """The carer's buddy replied to their check-in."""

    name: ClassVar[str] = "carer_buddy_replied"
    label: ClassVar[LazyProxy] = N_("When your buddy replies")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.CARER})
    ttl: ClassVar[timedelta] = timedelta(hours=48)

    checkin_id: uuid.UUID
    buddy_name: PersonName

    def title(self) -> str:
        """Title."""
        return _("{buddy_name} replied").format(buddy_name=short(self.buddy_name))

    def body(self) -> str:
        """Body."""
        return _("Open carerlink to read your buddy's reply.")

    def inbox_body(self) -> str:
        """Inside the app."""
        return _("Read your buddy's reply.")

    def url(self) -> str:
        """Deep link."""
        return f"/checkins/{self.checkin_id}"

    def tag(self) -> str:
        """One per check-in."""
        return f"reply-{self.checkin_id}"


class BuddyTakingBreak(Kind, frozen=True):
    """The carer's buddy is taking a break (their membership was suspended): the match waits, kindly said.

    No reason is given: why a buddy steps away is theirs and the coordinators' (issue 10 §2).
    """

    name: ClassVar[str] = "carer_buddy_on_break"
    label: ClassVar[LazyProxy] = N_("When your buddy takes a break")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.CARER})
    urgency: ClassVar[Urgency] = "low"
    ttl: ClassVar[timedelta] = timedelta(days=7)

    match_id: uuid.UUID
    buddy_name: PersonName

    def title(self) -> str:
        """Title."""
        return _("{buddy_name} is taking a break").format(buddy_name=short(self.buddy_name))

    def body(self) -> str:
        """Body: gentle, no reason, and what the carer can do."""
        return _(
            "{buddy_name} is taking a break from being a buddy for now, so your "
            "check-ins are on hold. If you'd like a new buddy, you can ask us at "
            "any time."
        ).format(buddy_name=short(self.buddy_name))

    def url(self) -> str:
        """Deep link: home, which says what happens next."""
        return "/"

    def tag(self) -> str:
        """Replaces earlier news of this match on screen."""
        return f"match-{self.match_id}"
