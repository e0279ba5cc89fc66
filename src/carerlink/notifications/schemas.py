"""Request and response shapes of the push, inbox and notification-preferences API."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

import msgspec

from carerlink.kit.schema import Line, OneLine, Schema, whole
from carerlink.kit.schema import LocalTime as KitLocalTime
from carerlink.kit.text import NOT_IN_ONE_LINE
from carerlink.notifications.channels import Channel

KindKey = Annotated[str, msgspec.Meta(min_length=1, max_length=40, pattern=whole(r"[a-z_]+"))]
Base64Url = whole(r"[A-Za-z0-9_-]+={0,2}")
LocalTime = Annotated[
    KitLocalTime,
    msgspec.Meta(
        description="A local wall-clock time, HH:MM, in my time zone",
        examples=["22:00"],
    ),
]


class VapidPublicKey(Schema):
    """The ``applicationServerKey`` to pass to ``PushManager.subscribe()``."""

    public_key: str = msgspec.field(name="publicKey")


class SubscriptionKeys(Schema):
    """The subscription's keys, as the browser gives them (URL-safe base64)."""

    p256dh: Annotated[str, msgspec.Meta(min_length=86, max_length=90, pattern=Base64Url)]
    auth: Annotated[str, msgspec.Meta(min_length=21, max_length=26, pattern=Base64Url)]


class SubscriptionCreate(Schema):
    """``PushSubscription.toJSON()`` as is, and optionally a name for the device."""

    endpoint: Annotated[OneLine, msgspec.Meta(min_length=12, max_length=1024)]
    keys: SubscriptionKeys
    # Milliseconds since 1970, as browsers give it; up to the year 2100.
    expiration_time: Annotated[float, msgspec.Meta(ge=0, le=4_102_444_800_000)] | None = msgspec.field(
        default=None, name="expirationTime"
    )
    label: Annotated[Line, msgspec.Meta(min_length=1, max_length=60)] | None = None


class SubscriptionRead(Schema):
    """One of my devices."""

    id: uuid.UUID
    endpoint: str
    label: str
    created_at: datetime
    last_success_at: datetime | None
    expires_at: datetime | None


class TestPushDevice(Schema):
    """What happened on one device."""

    subscription_id: uuid.UUID
    label: str
    outcome: Literal["sent", "gone", "retry", "rate_limited", "rejected", "deferred"]
    status: int | None
    message: str


class TestPushReport(Schema):
    """The test push, device by device."""

    sent: int
    devices: list[TestPushDevice]


class NotificationRead(Schema):
    """An inbox entry: what the push said, where it leads, whether I have read it."""

    id: uuid.UUID
    kind: str
    title: str
    body: str
    url: str
    data: dict[str, str]
    created_at: datetime
    read_at: datetime | None


class InboxRead(Schema):
    """A page of my notifications, newest first."""

    items: list[NotificationRead]
    unread: int
    next_before: uuid.UUID | None


class SeenPage(Schema):
    """An app page I have just opened: the notifications leading there are read."""

    url: Annotated[str, msgspec.Meta(min_length=1, max_length=500, pattern=whole(f"/[^{NOT_IN_ONE_LINE}]*"))]


class StillUnread(Schema):
    """How many of my notifications are still unread."""

    unread: int


class MarkedRead(Schema):
    """How many notifications were marked read."""

    marked: int


class QuietHours(Schema):
    """No pushes between ``start`` and ``end`` (local time; may wrap past midnight), except urgent alerts."""

    start: LocalTime
    end: LocalTime


class KindPreference(Schema):
    """One kind of notification I can receive, and whether its pushes are on."""

    kind: str
    label: str
    enabled: bool
    can_switch_off: bool
    during_quiet_hours: bool


class ChosenWith(Schema):
    """The coordinator who set my channels with me (during an assessment), and when."""

    name: str
    at: datetime


class TextReachRead(Schema):
    """Whether texts can reach me; ``reason`` in plain words when they can't here."""

    available: bool
    reason: str | None
    phone: str | None  # national form, for reading
    verified: bool
    stopped: bool


class ReachRead(Schema):
    """What can carry my reminders now: devices, my e-mail (and whether it is refused), my number."""

    push_devices: int
    email: str
    email_refused: bool
    sms: TextReachRead


class PreferencesRead(Schema):
    """My quiet hours, per-kind switches, and my channels in order (issue 14)."""

    time_zone: str
    quiet_hours: QuietHours | None
    kinds: list[KindPreference]
    channels: list[Channel] = msgspec.field(default_factory=list)
    channels_chosen: bool = False
    channels_set_by: ChosenWith | None = None
    reach: ReachRead | None = None


ChannelOrder = Annotated[list[Channel], msgspec.Meta(max_length=3)]


class PreferencesUpdate(Schema):
    """Changes; fields left out stay as they are. ``quiet_hours: null`` turns quiet hours off.

    ``channels``: how reminders reach me, first choice first (``[]``: only in the app).
    """

    quiet_hours: QuietHours | msgspec.UnsetType | None = msgspec.UNSET
    kinds: Annotated[dict[KindKey, bool], msgspec.Meta(max_length=20)] | msgspec.UnsetType = msgspec.UNSET
    channels: ChannelOrder | msgspec.UnsetType = msgspec.UNSET


class KindOutcomes(Schema):
    """How an organisation's pushes of one kind ended up, and notifications that had no push at all."""

    kind: str
    pending: int
    sent: int
    gone: int
    rejected: int
    expired: int
    withdrawn: int
    no_device: int
    switched_off: int
    inactive: int


class RejectedStatus(Schema):
    """Pushes a push service refused, by HTTP status (0: refused before sending)."""

    status: int
    count: int


class DeliverySummaryRead(Schema):
    """Counts only, no one's notifications: what reached devices, and what was given up or refused."""

    organisation_id: uuid.UUID
    since: datetime
    totals: KindOutcomes
    by_kind: list[KindOutcomes]
    rejected_by_status: list[RejectedStatus]
