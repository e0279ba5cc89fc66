"""Tables of notifications: devices, the inbox, the push outbox, preferences, push-service back-off."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime, time
from typing import Any

from sqlalchemy import JSON, Enum, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from carerlink.db import Base, TimestampMixin, UuidPrimaryKey


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, values_callable=lambda e: [m.value for m in e], length=12)


class DeliveryState(enum.StrEnum):
    """Where one push to one device stands."""

    PENDING = "pending"  # waiting to go (due now, later, or after a back-off)
    SENT = "sent"  # the push service took it (2xx)
    GONE = "gone"  # the device's subscription ended (404/410, removed, or moved to someone else)
    REJECTED = "rejected"  # the push service refused it (413, other 4xx): recorded, never retried blindly
    EXPIRED = "expired"  # given up: no longer useful, or too many failed attempts
    WITHDRAWN = "withdrawn"  # no longer needed (read in the app first, or withdrawn by the sender)


class PushStatus(enum.StrEnum):
    """What happened to a notification's push when it was recorded."""

    QUEUED = "queued"  # one delivery per device was queued
    NO_DEVICE = "no_device"  # the person has no device subscribed: the inbox is all they get
    SWITCHED_OFF = "switched_off"  # the person switched this kind of push off
    INACTIVE = "inactive"  # the account is disabled


class PushSubscription(UuidPrimaryKey, TimestampMixin, Base):
    """One browser's push subscription (``PushSubscription.toJSON()``), owned by the person signed in on it.

    The endpoint is unique: when another person signs in on the same browser and subscribes, the row
    moves to them.
    """

    __tablename__ = "push_subscriptions"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    endpoint: Mapped[str] = mapped_column(String(1024), unique=True)
    origin: Mapped[str] = mapped_column(String(255))
    p256dh: Mapped[str] = mapped_column(String(100))
    auth: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(60))
    expires_at: Mapped[datetime | None]
    updated_at: Mapped[datetime]
    last_success_at: Mapped[datetime | None]


class Notification(UuidPrimaryKey, Base):
    """A notification for one person: their inbox entry, and the source of its pushes.

    ``data`` holds ids and names only; the title, body and URL were rendered from it by the kind.
    ``(user_id, dedupe_key)`` is unique, so notifying twice about the same thing is a no-op.
    """

    __tablename__ = "notifications"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    organisation_id: Mapped[uuid.UUID | None]
    # The membership (role in the organisation) it is for, so suspending or ending that membership
    # withdraws what is still waiting for it with one query (issue 10 §2). ``None`` outside an organisation.
    membership_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("memberships.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(String(40))
    dedupe_key: Mapped[str] = mapped_column(String(200))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    title: Mapped[str] = mapped_column(String(160))
    body: Mapped[str] = mapped_column(String(400))
    url: Mapped[str] = mapped_column(String(300))
    tag: Mapped[str] = mapped_column(String(120))
    topic: Mapped[str] = mapped_column(String(32))
    urgency: Mapped[str] = mapped_column(String(10))
    push: Mapped[PushStatus] = mapped_column(_enum(PushStatus, "push_status"))
    created_at: Mapped[datetime]
    read_at: Mapped[datetime | None]
    # Issue 14: the channel it goes by now ("push", "email", "sms", or "inbox" when nothing else can carry
    # it), the channels still to try in order when that one fails, and when it moved on (exactly once).
    channel: Mapped[str] = mapped_column(String(10), default="push", server_default="push")
    fallbacks: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    fell_back_at: Mapped[datetime | None]

    __table_args__ = (
        UniqueConstraint("user_id", "dedupe_key"),
        Index("ix_notifications_user_id_created_at", "user_id", "created_at"),
        Index("ix_notifications_organisation_id_created_at", "organisation_id", "created_at"),
    )


class PushDelivery(UuidPrimaryKey, TimestampMixin, Base):
    """The outbox: one push of one notification to one device, claimed by workers with a lease."""

    __tablename__ = "push_deliveries"

    notification_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("notifications.id", ondelete="CASCADE"), index=True
    )
    subscription_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("push_subscriptions.id", ondelete="SET NULL"), index=True
    )
    user_id: Mapped[uuid.UUID]
    organisation_id: Mapped[uuid.UUID | None]
    membership_id: Mapped[uuid.UUID | None] = mapped_column(index=True)  # as on its notification
    kind: Mapped[str] = mapped_column(String(40))
    origin: Mapped[str] = mapped_column(String(255))
    state: Mapped[DeliveryState] = mapped_column(
        _enum(DeliveryState, "delivery_state"), default=DeliveryState.PENDING
    )
    not_before: Mapped[datetime]
    expires_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(default=0)
    last_status: Mapped[int | None]
    last_error: Mapped[str | None] = mapped_column(String(40))
    finished_at: Mapped[datetime | None]
    lease_token: Mapped[uuid.UUID | None]
    lease_until: Mapped[datetime | None]

    __table_args__ = (
        # Only pending rows are ever claimed, so the claim index holds only them.
        Index(
            "ix_push_deliveries_due",
            "not_before",
            postgresql_where=text("state = 'pending'"),
            sqlite_where=text("state = 'pending'"),
        ),
        Index("ix_push_deliveries_organisation_id_created_at", "organisation_id", "created_at"),
        Index("ix_push_deliveries_finished_at", "finished_at"),
    )


class NotificationPreference(Base):
    """A person's quiet hours (local times in their time zone) and the kinds of push they switched off."""

    __tablename__ = "notification_preferences"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    quiet_start: Mapped[time | None]
    quiet_end: Mapped[time | None]
    muted_kinds: Mapped[list[Any]] = mapped_column(default=list)
    updated_at: Mapped[datetime]
    # Issue 14: the channels in order of preference (``notifications/channels.py``; ``None``: the default),
    # and who chose them when a coordinator set them during an assessment (``None``: the person).
    channels: Mapped[list[Any] | None] = mapped_column(JSON(none_as_null=True))
    channels_set_by_user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    channels_set_at: Mapped[datetime | None]


class PushServiceBackoff(Base):
    """A push service (by origin) that asked us to slow down (429 ``Retry-After``); shared by all workers."""

    __tablename__ = "push_service_backoffs"

    origin: Mapped[str] = mapped_column(String(255), primary_key=True)
    until: Mapped[datetime]
