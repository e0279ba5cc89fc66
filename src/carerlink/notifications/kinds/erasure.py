"""Kinds about erasure (issue 15): coordinators hear that someone asked to be deleted.

No name and no reason in it: the request's page, behind sign-in, says who.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import ClassVar

from babel.support import LazyProxy

from carerlink.actor import Role
from carerlink.i18n import N_, _
from carerlink.notifications.kinds._base import Kind, open_link


class ErasureRequested(Kind, frozen=True):
    """Someone asked to be deleted from the organisation's records: a coordinator confirms."""

    name: ClassVar[str] = "coordinator_erasure_requested"
    label: ClassVar[LazyProxy] = N_("When someone asks to be deleted")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.COORDINATOR})
    ttl: ClassVar[timedelta] = timedelta(days=7)
    also_email: ClassVar[bool] = True

    erasure_id: uuid.UUID

    def title(self) -> str:
        """Title."""
        return _("Someone asked to be deleted")

    def body(self) -> str:
        """Body."""
        return _("Open carerlink to check their request and confirm it.")

    def url(self) -> str:
        """Deep link."""
        return f"/coordinator/erasures/{self.erasure_id}"

    def tag(self) -> str:
        """One per request."""
        return f"erasure-{self.erasure_id}"

    def email(self, *, local_time: str, link: str, answer_link: str = "") -> tuple[str, str]:
        """No name."""
        return (
            _("Someone asked to be deleted"),
            _(
                "A person in your organisation asked carerlink at {local_time} to delete their records.\n\n"
            ).format(local_time=local_time)
            + open_link(link, where=_("People's data to see who and confirm it"))
            + _("This e-mail leaves out names on purpose.\n"),
        )
