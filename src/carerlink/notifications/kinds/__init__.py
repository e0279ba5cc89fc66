"""The kinds of notification: one small class each, saying what it looks like and how it is delivered.

A kind's fields are the ``data`` callers pass to ``notify()``: ids and first names only, never health
information, notes or answers (a push service is a third party; DESIGN.md §4.5). Unknown fields are
refused, so nothing else can slip into a payload. Each kind renders its title, body, deep link, ``tag``
(replaces a shown notification) and Topic key (replaces a queued push, RFC 8030 §5.4).
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta
from typing import Any, ClassVar

import msgspec
from babel.support import LazyProxy

from carerlink import i18n
from carerlink.actor import Role
from carerlink.i18n import N_, _
from carerlink.notifications.channels import Channel
from carerlink.notifications.kinds._base import (
    BASE_URL_ALLOWANCE,
    MAX_PAYLOAD_BYTES,
    NAME_IN_PUSH,
    Kind,
    PersonName,
    Urgency,
    open_link,
    short,
    topic_for,
)
from carerlink.notifications.kinds.buddies import (
    CarerAskedForHelp,
    CarerHelpHandled,
    CarerQuiet,
    DebriefTakenUp,
    NewAnswer,
    ReplyReminder,
)
from carerlink.notifications.kinds.carers import BuddyReplied, BuddyTakingBreak, CheckinDue, CheckinNudge
from carerlink.notifications.kinds.concerns import (
    ConcernAtRiskNow,
    ConcernPastTarget,
    ConcernRaised,
    ConcernUpdate,
)
from carerlink.notifications.kinds.coordinators import (
    CrisisAcknowledged,
    CrisisAlert,
    CrisisMistakeReported,
    CrisisUnacknowledged,
    DebriefRequested,
    Escalation,
    InvitationMailFailed,
    InvitationTextFailed,
    MatchHeld,
    RecheckDue,
)
from carerlink.notifications.kinds.data_export import DataExportFailed, DataExportReady, MemberExportReady
from carerlink.notifications.kinds.erasure import ErasureRequested
from carerlink.notifications.kinds.matches import MatchAccepted, MatchEnded, MatchProposed
from carerlink.notifications.kinds.messages import MessageReported, NewMessage
from carerlink.notifications.kinds.outcomes import OutcomeAskOpen
from carerlink.notifications.kinds.profiles import BuddyProfileFilledIn, CarerProfileFilledIn
from carerlink.notifications.kinds.texts import TextBudgetLow

__all__ = [
    "ALL_KINDS",
    "BASE_URL_ALLOWANCE",
    "KINDS",
    "MAX_PAYLOAD_BYTES",
    "NAME_IN_PUSH",
    "NOT_IN_INBOX",
    "BuddyProfileFilledIn",
    "BuddyReplied",
    "BuddyTakingBreak",
    "CarerAskedForHelp",
    "CarerHelpHandled",
    "CarerProfileFilledIn",
    "CarerQuiet",
    "CheckinDue",
    "CheckinNudge",
    "ConcernAtRiskNow",
    "ConcernPastTarget",
    "ConcernRaised",
    "ConcernUpdate",
    "CrisisAcknowledged",
    "CrisisAlert",
    "CrisisMistakeReported",
    "CrisisUnacknowledged",
    "DataExportFailed",
    "DataExportReady",
    "DebriefRequested",
    "DebriefTakenUp",
    "ErasureRequested",
    "Escalation",
    "InvitationMailFailed",
    "InvitationTextFailed",
    "Kind",
    "MatchAccepted",
    "MatchEnded",
    "MatchHeld",
    "MatchProposed",
    "MemberExportReady",
    "MessageReported",
    "NewAnswer",
    "NewMessage",
    "NotificationsWorking",
    "OutcomeAskOpen",
    "PersonName",
    "RecheckDue",
    "ReplyReminder",
    "TextBudgetLow",
    "Urgency",
    "build",
    "check_payload_size",
    "declarative_payload",
    "inbox_text",
    "inbox_title",
    "open_link",
    "short",
    "topic_for",
]


class NotificationsWorking(Kind, frozen=True):
    """The test push a person sends to their own devices from the settings screen."""

    name: ClassVar[str] = "test"
    label: ClassVar[LazyProxy] = N_("Test notifications")
    audience: ClassVar[frozenset[Role]] = frozenset()
    ttl: ClassVar[timedelta] = timedelta(minutes=10)
    quiet_hours_apply: ClassVar[bool] = False
    can_switch_off: ClassVar[bool] = False
    channels: ClassVar[frozenset[Channel]] = frozenset({"push"})  # it tests this device's push

    def title(self) -> str:
        """Title."""
        return _("Notifications are working")

    def body(self) -> str:
        """Body."""
        return _("This is how carerlink reminders will look on this device.")

    def url(self) -> str:
        """Deep link."""
        return "/notification-settings"

    def tag(self) -> str:
        """One at a time."""
        return "test"


ALL_KINDS: tuple[type[Kind], ...] = (
    CheckinDue,
    CheckinNudge,
    NewAnswer,
    CarerQuiet,
    ReplyReminder,
    CarerAskedForHelp,
    CarerHelpHandled,
    BuddyReplied,
    BuddyTakingBreak,
    MatchProposed,
    MatchAccepted,
    MatchEnded,
    CrisisAlert,
    CrisisUnacknowledged,
    CrisisMistakeReported,
    CrisisAcknowledged,
    Escalation,
    MatchHeld,
    RecheckDue,
    InvitationMailFailed,
    InvitationTextFailed,
    DebriefRequested,
    DebriefTakenUp,
    ConcernRaised,
    ConcernAtRiskNow,
    ConcernPastTarget,
    ConcernUpdate,
    ErasureRequested,
    NotificationsWorking,
    TextBudgetLow,
    DataExportReady,
    MemberExportReady,
    DataExportFailed,
    CarerProfileFilledIn,
    BuddyProfileFilledIn,
    OutcomeAskOpen,
    NewMessage,
    MessageReported,
)
KINDS: dict[str, type[Kind]] = {kind.name: kind for kind in ALL_KINDS}
# Kinds that only bring a shown notification up to date: no inbox entry of their own (issue 13).
NOT_IN_INBOX: tuple[str, ...] = tuple(kind.name for kind in ALL_KINDS if not kind.in_inbox)


def build(kind: type[Kind], data: dict[str, Any]) -> Kind:
    """Check ``data`` against the kind's fields (unknown ones refused) and return the notification.

    A mistake here is a programming error in the calling domain, so it raises ``ValueError``.
    """
    if KINDS.get(kind.name) is not kind:
        raise ValueError(f"{kind!r} is not a registered notification kind")
    try:
        return msgspec.convert(data, kind, strict=True)
    except msgspec.ValidationError as exc:
        raise ValueError(f"bad data for notification kind {kind.name}: {exc}") from None


def inbox_text(kind: str, data: dict[str, Any], stored_body: str) -> str:
    """The inbox words of a stored notification, rendered again from its kind and data.

    Words changed later reach older entries; the stored push text is kept when the kind or data is
    unknown.
    """
    known = KINDS.get(kind)
    if known is None:
        return stored_body
    try:
        return msgspec.convert(data, known).inbox_body()
    except msgspec.ValidationError:
        return stored_body


def inbox_title(kind: str, data: dict[str, Any], stored_title: str) -> str:
    """The inbox title of a stored notification, rendered again like ``inbox_text`` (issue 13)."""
    known = KINDS.get(kind)
    if known is None:
        return stored_title
    try:
        return msgspec.convert(data, known).inbox_title()
    except msgspec.ValidationError:
        return stored_title


def declarative_payload(
    *,
    notification_id: uuid.UUID,
    kind: str,
    title: str,
    body: str,
    url: str,
    tag: str,
    created_at: datetime,
    base_url: str,
    lang: str | None = None,
) -> bytes:
    """The push message: Declarative Web Push (Safari shows it by itself; our service worker reads it too).

    ``mutable`` lets the service worker see the push first; ``data`` carries only ids the app uses to
    fetch the details after the tap. ``lang`` is the language of its words (the current one by default).
    """
    lang = i18n.supported(lang) or i18n.current()
    known = KINDS.get(kind)
    notification: dict[str, Any] = {
        "title": title,
        "body": body,
        "navigate": base_url + url,
        "tag": tag,
        "lang": lang,
        "dir": i18n.direction(lang),
        "timestamp": int(created_at.timestamp() * 1000),
        "data": {"id": str(notification_id), "kind": kind, "url": url},
    }
    if known is not None and known.renotify:
        notification["renotify"] = True
    if known is not None and known.require_interaction:
        notification["require_interaction"] = True
    if known is not None and known.silent:
        notification["silent"] = True
    message = {"web_push": 8030, "notification": notification, "mutable": True}
    return json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode()


def check_payload_size(rendered: Kind, *, notification_id: uuid.UUID, created_at: datetime) -> None:
    """Refuse a notification whose push could exceed ``MAX_PAYLOAD_BYTES`` with any sensible base URL."""
    size = len(
        declarative_payload(
            notification_id=notification_id,
            kind=rendered.name,
            title=rendered.title(),
            body=rendered.body(),
            url=rendered.url(),
            tag=rendered.tag(),
            created_at=created_at,
            base_url="",
        )
    )
    if size + BASE_URL_ALLOWANCE > MAX_PAYLOAD_BYTES:
        raise ValueError(f"notification {rendered.name} renders to {size} bytes, over the push budget")
