"""Kinds of notification about messages within a pair (issue 18): never the message's words."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Annotated, ClassVar

import msgspec
from babel.support import LazyProxy

from carerlink.actor import Role
from carerlink.i18n import N_, _, ngettext
from carerlink.notifications.channels import Channel
from carerlink.notifications.kinds._base import Kind, PersonName, short


class NewMessage(Kind, frozen=True):
    """The other person of the pair wrote: "New message from Helen" ("3 new messages"), never the words.

    One per pair and person while it is unread: a further message brings it up to date (``count``)
    instead of sending another, so e-mails and texts stay few; reading the thread takes it back. It goes
    by push, e-mail or text, whichever the person chose (a text says only that there is a new message).
    Quiet hours hold it until morning, and a buddy's mute until the mute ends; never the message itself.
    """

    name: ClassVar[str] = "new_message"
    label: ClassVar[LazyProxy] = N_("When your carer or buddy sends you a message")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.CARER, Role.BUDDY})
    ttl: ClassVar[timedelta] = timedelta(hours=48)
    channels: ClassVar[frozenset[Channel]] = frozenset({"push", "email", "sms"})

    match_id: uuid.UUID
    sender_name: PersonName
    count: Annotated[int, msgspec.Meta(ge=1, le=100_000)] = 1

    def title(self) -> str:
        """Title: how many, from whom."""
        return ngettext(
            "New message from {sender_name}", "{count} new messages from {sender_name}", self.count
        ).format(sender_name=short(self.sender_name), count=self.count)

    def body(self) -> str:
        """Body: never the message itself."""
        return _("Open carerlink to read it.")

    def inbox_body(self) -> str:
        """Inside the app."""
        return _("Read it on your pair's page.")

    def url(self) -> str:
        """Deep link: the pair's page, where the thread is."""
        return f"/matches/{self.match_id}"

    def tag(self) -> str:
        """One shown per pair: a newer message replaces the older notice."""
        return f"messages-{self.match_id}"

    @staticmethod
    def key_prefix(match_id: uuid.UUID) -> str:
        """The start of every ``dedupe_key`` of a pair's notifications (+ the first message's id)."""
        return f"message:{match_id}:"


class MessageReported(Kind, frozen=True):
    """Someone in a pair asked the centre to look at a message (no names, no words)."""

    name: ClassVar[str] = "coordinator_message_reported"
    label: ClassVar[LazyProxy] = N_("When someone asks you to look at a message")
    audience: ClassVar[frozenset[Role]] = frozenset({Role.COORDINATOR})
    ttl: ClassVar[timedelta] = timedelta(days=3)

    report_id: uuid.UUID

    def title(self) -> str:
        """Title."""
        return _("A message needs a look")

    def body(self) -> str:
        """Body."""
        return _("Someone in a pair asked the centre to look at a message. Open carerlink to read it.")

    def inbox_body(self) -> str:
        """Inside the app."""
        return _("Someone in a pair asked the centre to look at a message.")

    def url(self) -> str:
        """Deep link."""
        return f"/coordinator/message-reports/{self.report_id}"

    def tag(self) -> str:
        """One per report."""
        return f"message-report-{self.report_id}"
