"""Kinds of notification of outcome measures: a carer's few questions about how they are."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import ClassVar

from babel.support import LazyProxy

from carerlink.actor import Role
from carerlink.i18n import N_, _
from carerlink.notifications.channels import Channel
from carerlink.notifications.kinds._base import Kind, Urgency


class OutcomeAskOpen(Kind, frozen=True):
    """A carer is asked the centre's outcome questions (at the start, after 3 and after 6 months).

    Nothing of the answers or the questions is in it: only the ask's id.
    """

    name: ClassVar[str] = "outcome_ask_open"
    label: ClassVar[LazyProxy] = N_("When the centre asks a few questions about how you are")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.CARER})
    urgency: ClassVar[Urgency] = "low"
    ttl: ClassVar[timedelta] = timedelta(days=7)
    channels: ClassVar[frozenset[Channel]] = frozenset({"push", "email", "sms"})

    ask_id: uuid.UUID

    def title(self) -> str:
        """Title."""
        return _("A few questions about how you are")

    def body(self) -> str:
        """Body."""
        return _("The centre would like to know how things are going. It takes a couple of minutes.")

    def url(self) -> str:
        """Deep link."""
        return f"/outcomes/{self.ask_id}"

    def tag(self) -> str:
        """One per ask."""
        return f"outcome-ask-{self.ask_id}"

    def text(self) -> str:
        """Neutral: nothing about health or the answers."""
        return _("carerlink: a few questions about how you are. Open carerlink to answer.")
