"""Kinds about text messages themselves (issue 14): the organisation's monthly text budget."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import ClassVar

from babel.support import LazyProxy

from carerlink.actor import Role
from carerlink.i18n import N_, _
from carerlink.notifications.kinds._base import Kind


class TextBudgetLow(Kind, frozen=True):
    """Most of this month's text budget is used: past it, only crisis texts still go.

    Sent once per organisation and month (the dedupe key names both).
    """

    name: ClassVar[str] = "coordinator_text_budget_low"
    label: ClassVar[LazyProxy] = N_("When this month's text message budget is nearly used up")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.COORDINATOR})
    ttl: ClassVar[timedelta] = timedelta(days=3)

    organisation_id: uuid.UUID

    def title(self) -> str:
        """Title."""
        return _("Text messages are running out this month")

    def body(self) -> str:
        """Body."""
        return _(
            "Most of this month's text budget is used. When it runs out, reminders "
            "go by push or e-mail instead; crisis texts still go."
        )

    def url(self) -> str:
        """Deep link: the coordinator's home."""
        return "/"

    def tag(self) -> str:
        """One at a time (the dedupe key makes it once a month)."""
        return f"text-budget-{self.organisation_id}"
