"""Kinds about erasure (issue 15): coordinators hear that someone asked to be deleted.

No name and no reason in it: the request's page, behind sign-in, says who.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import ClassVar

from carerlink.actor import Role
from carerlink.notifications.kinds._base import Kind, open_link


class ErasureRequested(Kind, frozen=True):
    """Someone asked to be deleted from the organisation's records: a coordinator confirms."""

    name: ClassVar[str] = "coordinator_erasure_requested"
    label: ClassVar[str] = "When someone asks to be deleted"
    audience: ClassVar[frozenset[Role]] = frozenset({Role.COORDINATOR})
    ttl: ClassVar[timedelta] = timedelta(days=7)
    also_email: ClassVar[bool] = True

    erasure_id: uuid.UUID

    def title(self) -> str:
        """Title."""
        return "Someone asked to be deleted"

    def body(self) -> str:
        """Body."""
        return "Open carerlink to check their request and confirm it."

    def url(self) -> str:
        """Deep link."""
        return f"/coordinator/erasures/{self.erasure_id}"

    def tag(self) -> str:
        """One per request."""
        return f"erasure-{self.erasure_id}"

    def email(self, *, local_time: str, link: str, answer_link: str = "") -> tuple[str, str]:
        """No name."""
        return (
            "Someone asked to be deleted",
            f"A person in your organisation asked carerlink at {local_time} to delete their records.\n\n"
            + open_link(link, where="People's data to see who and confirm it")
            + "This e-mail leaves out names on purpose.\n",
        )
