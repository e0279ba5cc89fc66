"""Kinds about copies of people's data (issue 15): ready (the person, or the coordinator who asked), failed.

None carries anything of the copy: no section, no count, no health data; the link opens the page where
the person (or the coordinator) downloads it after signing in.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import ClassVar

from babel.support import LazyProxy

from carerlink.actor import Role
from carerlink.i18n import N_, _
from carerlink.notifications.kinds._base import Kind, PersonName, open_link, short


class DataExportReady(Kind, frozen=True):
    """The copy of their data a person asked for (or a further one with released records) is ready."""

    name: ClassVar[str] = "data_export_ready"
    label: ClassVar[LazyProxy] = N_("When a copy of your data is ready")
    # To the person, whatever their roles (not listed among the reminders one can switch off): they asked.
    audience: ClassVar[frozenset[Role]] = frozenset()
    ttl: ClassVar[timedelta] = timedelta(days=7)
    can_switch_off: ClassVar[bool] = False

    export_id: uuid.UUID

    def title(self) -> str:
        """Title."""
        return _("Your copy of your data is ready")

    def body(self) -> str:
        """Body."""
        return _("Open carerlink to download it. The link works for 7 days.")

    def inbox_body(self) -> str:
        """Inside the app."""
        return _("You can download it from Your data for 7 days.")

    def url(self) -> str:
        """Deep link."""
        return "/my-data"

    def tag(self) -> str:
        """One per copy."""
        return f"data-export-{self.export_id}"

    def email(self, *, local_time: str, link: str, answer_link: str = "") -> tuple[str, str]:
        """No content: only that it is ready and where."""
        return (
            _("Your copy of your data is ready"),
            _("The copy of your data you asked for is ready. You can download it for 7 days.\n\n")
            + open_link(link, where=_("My details, then Your data")),
        )


class MemberExportReady(Kind, frozen=True):
    """The copy a coordinator asked for on a member's behalf is ready for them to hand over."""

    name: ClassVar[str] = "coordinator_data_export_ready"
    label: ClassVar[LazyProxy] = N_("When a copy of a member's data you asked for is ready")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.COORDINATOR})
    ttl: ClassVar[timedelta] = timedelta(days=7)
    can_switch_off: ClassVar[bool] = False

    export_id: uuid.UUID
    member_name: PersonName

    def title(self) -> str:
        """Title."""
        return _("The copy of {member_name}'s data is ready").format(member_name=short(self.member_name))

    def body(self) -> str:
        """Body."""
        return _("Open carerlink to download it. The link works for 7 days.")

    def url(self) -> str:
        """Deep link."""
        return f"/coordinator/exports/{self.export_id}"

    def tag(self) -> str:
        """One per copy."""
        return f"data-export-{self.export_id}"

    def email(self, *, local_time: str, link: str, answer_link: str = "") -> tuple[str, str]:
        """No name in the e-mail."""
        return (
            _("A copy of a member's data is ready"),
            _("The copy of a member's data you asked for is ready. You can download it for 7 days.\n\n")
            + open_link(link, where=_("People's data")),
        )


class DataExportFailed(Kind, frozen=True):
    """A copy could not be built after several tries: coordinators look into it (and can ask again)."""

    name: ClassVar[str] = "coordinator_data_export_failed"
    label: ClassVar[LazyProxy] = N_("When a copy of someone's data could not be made")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.COORDINATOR})
    ttl: ClassVar[timedelta] = timedelta(days=7)
    can_switch_off: ClassVar[bool] = False

    export_id: uuid.UUID

    def title(self) -> str:
        """Title."""
        return _("A copy of someone's data could not be made")

    def body(self) -> str:
        """Body."""
        return _("Open carerlink to see it and ask for it again.")

    def url(self) -> str:
        """Deep link."""
        return f"/coordinator/exports/{self.export_id}"

    def tag(self) -> str:
        """One per copy."""
        return f"data-export-failed-{self.export_id}"
