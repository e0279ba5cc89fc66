"""Kinds of notification carers and buddies both receive about a match: proposed, accepted, ended."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import ClassVar, Literal

from babel.support import LazyProxy

from carerlink.actor import Role
from carerlink.i18n import N_, Words, _
from carerlink.notifications.kinds._base import Kind, PersonName, Urgency, short


class MatchProposed(Kind, frozen=True):
    """A coordinator proposed a match; the carer and the buddy each say yes or no."""

    name: ClassVar[str] = "match_proposed"
    label: ClassVar[LazyProxy] = N_("When we suggest a match")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.CARER, Role.BUDDY})
    urgency: ClassVar[Urgency] = "low"
    ttl: ClassVar[timedelta] = timedelta(days=7)

    match_id: uuid.UUID

    def title(self) -> str:
        """Title: no name until the person opens it."""
        return _("We've suggested a match for you")

    def body(self) -> str:
        """Body."""
        return _("Open carerlink to see who it is and say whether it suits you.")

    def inbox_body(self) -> str:
        """Inside the app."""
        return _("See who it is and say whether it suits you.")

    def url(self) -> str:
        """Deep link."""
        return f"/matches/{self.match_id}"

    def tag(self) -> str:
        """One per match."""
        return f"match-{self.match_id}"


class MatchAccepted(Kind, frozen=True):
    """Both sides said yes: the match is live."""

    name: ClassVar[str] = "match_accepted"
    label: ClassVar[LazyProxy] = N_("When a match is confirmed")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.CARER, Role.BUDDY})
    ttl: ClassVar[timedelta] = timedelta(days=7)

    match_id: uuid.UUID
    other_name: PersonName

    def title(self) -> str:
        """Title."""
        return _("You're matched with {other_name}").format(other_name=short(self.other_name))

    def body(self) -> str:
        """Body."""
        return _("You can now check in with each other in carerlink.")

    def url(self) -> str:
        """Deep link."""
        return f"/matches/{self.match_id}"

    def tag(self) -> str:
        """Replaces the proposal if it is still showing."""
        return f"match-{self.match_id}"


EndingShown = Literal["caring_ended", "goals_met", "moved_away"]


class MatchEnded(Kind, frozen=True):
    """A match has ended: each of the two is told, kindly, and asked how it went (issue 10 §3).

    ``why`` is set only for an end reason that is neutral to say to both (matching decides which);
    any other reason reads "the match has ended". No note, feedback or other detail is ever here.
    """

    name: ClassVar[str] = "match_ended"
    label: ClassVar[LazyProxy] = N_("When a match ends")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.CARER, Role.BUDDY})
    ttl: ClassVar[timedelta] = timedelta(days=7)
    can_switch_off: ClassVar[bool] = False  # nobody should find out from silence that a match has ended

    # One source for these words: the app shows the same sentence on the ended match.
    WORDS: ClassVar[dict[str | None, str]] = Words(
        {
            "caring_ended": N_("The caring has come to an end."),
            "goals_met": N_("It has done what it set out to do."),
            "moved_away": N_("It ended because of a move."),
            None: N_("The match has ended."),
        }
    )

    match_id: uuid.UUID
    other_name: PersonName
    why: EndingShown | None = None

    def title(self) -> str:
        """Title."""
        return _("Your match with {other_name} has ended").format(other_name=short(self.other_name))

    def body(self) -> str:
        """Body: the neutral reason or none, then thanks and the way to the feedback screen."""
        return _("{why} Thank you for your time together. Tell us how it went when you're ready.").format(
            why=self.WORDS[self.why]
        )

    def url(self) -> str:
        """Deep link: the ended match, with its feedback form (and, for the carer, "another buddy?")."""
        return f"/matches/{self.match_id}/ended"

    def tag(self) -> str:
        """Replaces anything else still showing about this match."""
        return f"match-{self.match_id}"
