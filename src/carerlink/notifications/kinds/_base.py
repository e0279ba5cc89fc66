"""What every kind of notification is: the ``Kind`` base class, its budgets and shared helpers."""

from __future__ import annotations

import base64
import hashlib
from datetime import timedelta
from typing import Annotated, ClassVar, Literal

import msgspec
from babel.support import LazyProxy

from carerlink.actor import Role
from carerlink.i18n import N_, _
from carerlink.kit.schema import Line
from carerlink.notifications.channels import Channel

Urgency = Literal["very-low", "low", "normal", "high"]  # RFC 8030 §5.3
MAX_PAYLOAD_BYTES = 2048
# Room kept in the payload budget for the deployment's base URL, which is added when the push is sent.
BASE_URL_ALLOWANCE = 200
# Names are shortened in pushes so a long name can never push a payload over its budget.
NAME_IN_PUSH = 40

# The text to coordinators about a crisis: neutral, whoever holds the phone.
URGENT_TEXT = N_("carerlink: an urgent alert needs a coordinator now. Open carerlink.")

PersonName = Annotated[Line, msgspec.Meta(min_length=1, max_length=80, description="A name")]


def short(name: str) -> str:
    """A name cut to ``NAME_IN_PUSH`` characters (with an ellipsis) for titles and bodies."""
    name = " ".join(name.split())
    return name if len(name) <= NAME_IN_PUSH else name[: NAME_IN_PUSH - 1].rstrip() + "…"


def topic_for(key: str) -> str:
    """A ``Topic`` header value: 32 URL-safe base64 characters derived from ``key`` (RFC 8030 §5.4)."""
    return base64.urlsafe_b64encode(hashlib.sha256(key.encode()).digest()[:24]).decode()


class Kind(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """Base of every kind. Subclasses declare their data fields and the class variables below."""

    name: ClassVar[str]
    label: ClassVar[LazyProxy]  # how the preferences screen names it
    audience: ClassVar[frozenset[Role]]  # who receives it (the preferences screen lists these)
    urgency: ClassVar[Urgency] = "normal"
    ttl: ClassVar[timedelta]  # how long after it is due the push is still worth delivering
    quiet_hours_apply: ClassVar[bool] = True
    can_switch_off: ClassVar[bool] = True
    # Goes by push and e-mail at once, and by text where the person has a verified number and the
    # organisation has texts on: it must not rely on one channel (DESIGN.md §4.7; issue 14). Other kinds
    # go by the person's first channel that can carry them, and fall back once (``notify``).
    also_email: ClassVar[bool] = False
    # The channels that may carry it (issue 14). Texts only for what a text can say neutrally.
    channels: ClassVar[frozenset[Channel]] = frozenset({"push", "email"})
    renotify: ClassVar[bool] = False  # alert again when it replaces a shown notification with its tag
    require_interaction: ClassVar[bool] = False
    # Shown without sound or vibration: it only brings up to date one shown before with its tag (issue 13).
    silent: ClassVar[bool] = False
    # False for a push that only updates an earlier one: it has no inbox entry (nor preference) of its own;
    # the earlier entry says what changed.
    in_inbox: ClassVar[bool] = True

    def title(self) -> str:
        """The notification's title."""
        raise NotImplementedError

    def body(self) -> str:
        """The notification's text."""
        raise NotImplementedError

    def inbox_title(self) -> str:
        """The title in the app's inbox; a kind whose data can change later (issue 13) words it anew."""
        return self.title()

    def inbox_body(self) -> str:
        """The text in the app's inbox, where the reader already is (issue 11: no "Open carerlink…")."""
        return self.body()

    def url(self) -> str:
        """The app path a tap opens (the app fetches the details after the tap)."""
        raise NotImplementedError

    def tag(self) -> str:
        """Replaces an earlier notification shown with the same tag."""
        raise NotImplementedError

    def topic_key(self) -> str:
        """What makes a push "the same reminder" for the Topic header; defaults to the tag and kind."""
        return f"{self.name}:{self.tag()}"

    def email(self, *, local_time: str, link: str, answer_link: str = "") -> tuple[str, str]:
        """Subject and body of its e-mail (beside the push, or instead of it): no health detail.

        ``link`` is the absolute address of ``url()`` on this deployment (``notify`` builds it from the
        base URL every session carries, ``Runtime.create``), or ``""`` where no base URL is known;
        ``open_link`` words it, so the e-mail opens the alert, concern or check-in it is about.
        ``answer_link`` is a check-in's one-time answer form (``links.answer_link``) for the kinds that
        prompt one. By default: the title, the words the inbox shows, and the way in.
        """
        return self.title(), f"{self.inbox_body()}\n\n" + open_link(link, where=_("your notifications"))

    def text(self) -> str:
        """The text message: neutral, no names and nothing about health (a shared phone reveals nothing)."""
        return _("carerlink: you have a new message. Open carerlink to see it.")


def open_link(link: str, *, where: str) -> str:
    """The e-mail's way in: "Open it in carerlink: <link>", or how to find it (``where``) without a link.

    The link names only a page and an id (never a person); signing in first brings them back to it.
    """
    if link:
        return _("Open it in carerlink (you may be asked to sign in first):\n{link}\n\n").format(link=link)
    return _("Please sign in to carerlink and open {where}.\n\n").format(where=where)
