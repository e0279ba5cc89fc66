"""HTTP routes of notifications: push keys and devices, the test push, the inbox, preferences, the summary."""

from __future__ import annotations

import uuid
from datetime import time
from typing import Annotated

import msgspec
from litestar import Controller, Response, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, HeaderParameter, JSONBody, QueryParameter

from carerlink.accounts.caller import Caller
from carerlink.i18n import N_, Words
from carerlink.notifications import push, service, vapid
from carerlink.notifications.models import DeliveryState, Notification, PushStatus, PushSubscription
from carerlink.notifications.schemas import (
    ChosenWith,
    DeliverySummaryRead,
    InboxRead,
    KindOutcomes,
    KindPreference,
    MarkedRead,
    NotificationRead,
    PreferencesRead,
    PreferencesUpdate,
    QuietHours,
    ReachRead,
    RejectedStatus,
    SeenPage,
    StillUnread,
    SubscriptionCreate,
    SubscriptionRead,
    TestPushDevice,
    TestPushReport,
    TextReachRead,
    VapidPublicKey,
)
from carerlink.runtime import Runtime
from carerlink.settings import Settings

TEST_MESSAGES: dict[push.Outcome, str] = Words(
    {
        push.Outcome.SENT: N_("Sent. It should appear on this device in a few seconds."),
        push.Outcome.GONE: N_(
            "This device has stopped accepting notifications, so we removed it. "
            "Turn notifications on again on that device."
        ),
        push.Outcome.RETRY: N_("The push service didn't answer in time. Please try again in a minute."),
        push.Outcome.RATE_LIMITED: N_("The push service asked us to slow down. Please try again later."),
        push.Outcome.DEFERRED: N_("The push service asked us to slow down. Please try again later."),
        push.Outcome.REJECTED: N_("The push service refused it. Try turning notifications off and on again."),
    }
)


def _subscription(subscription: PushSubscription) -> SubscriptionRead:
    return SubscriptionRead(
        id=subscription.id,
        endpoint=subscription.endpoint,
        label=subscription.label,
        created_at=subscription.created_at,
        last_success_at=subscription.last_success_at,
        expires_at=subscription.expires_at,
    )


def _notification(notification: Notification) -> NotificationRead:
    return NotificationRead(
        id=notification.id,
        kind=notification.kind,
        title=service.inbox_title(notification),
        body=service.inbox_body(notification),
        url=notification.url,
        data={key: str(value) for key, value in notification.data.items()},
        created_at=notification.created_at,
        read_at=notification.read_at,
    )


def _preferences(preferences: service.Preferences) -> PreferencesRead:
    quiet = None
    if preferences.quiet_start is not None and preferences.quiet_end is not None:
        quiet = QuietHours(
            start=preferences.quiet_start.strftime("%H:%M"), end=preferences.quiet_end.strftime("%H:%M")
        )
    reach = preferences.reach
    return PreferencesRead(
        channels=list(preferences.channels),
        channels_chosen=preferences.channels_chosen,
        channels_set_by=ChosenWith(name=preferences.channels_set_by.name, at=preferences.channels_set_by.at)
        if preferences.channels_set_by
        else None,
        reach=reach_read(reach) if reach is not None else None,
        time_zone=preferences.time_zone,
        quiet_hours=quiet,
        kinds=[
            KindPreference(
                kind=kind.name,
                label=str(kind.label),
                enabled=enabled,
                can_switch_off=kind.can_switch_off,
                during_quiet_hours=not kind.quiet_hours_apply,
            )
            for kind, enabled in preferences.kinds
        ],
    )


def reach_read(reach: service.Reach) -> ReachRead:
    """What can carry a person's reminders, as the API shows it."""
    sms = reach.sms
    return ReachRead(
        push_devices=reach.push_devices,
        email=reach.email,
        email_refused=reach.email_refused,
        sms=TextReachRead(
            available=sms.available,
            reason=sms.reason,
            phone=sms.phone,
            verified=sms.verified,
            stopped=sms.stopped,
        ),
    )


def _quiet_hours(
    quiet: QuietHours | msgspec.UnsetType | None,
) -> tuple[time, time] | msgspec.UnsetType | None:
    if quiet is None or isinstance(quiet, msgspec.UnsetType):
        return quiet
    return time.fromisoformat(quiet.start), time.fromisoformat(quiet.end)


def _outcomes(kind: str, counts: dict[str, int]) -> KindOutcomes:
    return KindOutcomes(
        kind=kind,
        **{state.value: counts.get(state.value, 0) for state in DeliveryState},
        **{status.value: counts.get(status.value, 0) for status in PushStatus if status != PushStatus.QUEUED},
    )


class PushController(Controller):
    """Web Push: the server's public key, my devices, and a test push."""

    path = "/api/v1/push"
    tags = ["Notifications"]

    @get("/vapid-public-key", operation_id="getVapidPublicKey", summary="The key browsers subscribe with")
    async def vapid_public_key(self, runtime: NamedDependency[Runtime]) -> VapidPublicKey:
        """The ``applicationServerKey`` for ``PushManager.subscribe()`` (URL-safe base64)."""
        return VapidPublicKey(public_key=vapid.key_for(runtime).public_key)

    @post(
        "/subscriptions", operation_id="subscribePush", summary="Add or update this device", status_code=201
    )
    async def subscribe(
        self,
        caller: NamedDependency[Caller],
        data: JSONBody[SubscriptionCreate],
        settings: NamedDependency[Settings],
        user_agent: Annotated[str, HeaderParameter(name="user-agent")] = "",
    ) -> Response[SubscriptionRead]:
        """Store ``PushSubscription.toJSON()``; 201 for a new device, 200 when it was already known."""
        subscription, created = await service.subscribe(
            caller.session,
            actor=caller.actor,
            endpoint=data.endpoint,
            p256dh=data.keys.p256dh,
            auth=data.keys.auth,
            expiration_time=data.expiration_time,
            label=data.label,
            user_agent=user_agent,
            allow_any_endpoint=settings.push_allow_any_endpoint,
            now=caller.now,
        )
        return Response(_subscription(subscription), status_code=201 if created else 200)

    @get("/subscriptions", operation_id="listPushSubscriptions", summary="My devices")
    async def list_subscriptions(self, caller: NamedDependency[Caller]) -> list[SubscriptionRead]:
        """Each device with when it was added and when a push last reached it."""
        return [
            _subscription(s) for s in await service.list_subscriptions(caller.session, actor=caller.actor)
        ]

    @delete(
        "/subscriptions",
        operation_id="unsubscribePushByEndpoint",
        summary="Remove this device (by its endpoint)",
        status_code=204,
    )
    async def unsubscribe_by_endpoint(
        self,
        caller: NamedDependency[Caller],
        endpoint: Annotated[str, QueryParameter(min_length=12, max_length=1024)],
    ) -> None:
        """What the app calls when notifications are turned off on this device."""
        await service.unsubscribe(caller.session, actor=caller.actor, endpoint=endpoint, now=caller.now)

    @delete(
        "/subscriptions/{subscription_id:uuid}",
        operation_id="unsubscribePush",
        summary="Remove one of my devices",
        status_code=204,
    )
    async def unsubscribe(
        self,
        caller: NamedDependency[Caller],
        subscription_id: FromPath[uuid.UUID],
    ) -> None:
        """Stop pushes to that device; anything still waiting for it is dropped."""
        await service.unsubscribe(
            caller.session, actor=caller.actor, subscription_id=subscription_id, now=caller.now
        )

    @post("/test", operation_id="sendTestPush", summary="Send myself a test notification", status_code=200)
    async def test(
        self,
        caller: NamedDependency[Caller],
        runtime: NamedDependency[Runtime],
        settings: NamedDependency[Settings],
    ) -> TestPushReport:
        """Send "Notifications are working" to each of my devices now, and say what happened on each."""
        results = await service.send_test_push(
            caller.session,
            actor=caller.actor,
            client=push.client_for(runtime),
            base_url=settings.base_url,
            now=caller.now,
        )
        return TestPushReport(
            sent=sum(1 for r in results if r.result.outcome is push.Outcome.SENT),
            devices=[
                TestPushDevice(
                    subscription_id=r.subscription.id,
                    label=r.subscription.label,
                    outcome=r.result.outcome.value,
                    status=r.result.status,
                    message=TEST_MESSAGES[r.result.outcome],
                )
                for r in results
            ],
        )


class InboxController(Controller):
    """My notifications in the app: the fallback for people without push, and the history for everyone."""

    path = "/api/v1/notifications"
    tags = ["Notifications"]

    @get("/", operation_id="listNotifications", summary="My notifications, newest first")
    async def list_notifications(
        self,
        caller: NamedDependency[Caller],
        unread_only: FromQuery[bool] = False,
        before: FromQuery[uuid.UUID | None] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=100)] = 30,
    ) -> InboxRead:
        """A page of notifications with read state, the unread count, and the marker for the next page."""
        page = await service.list_inbox(
            caller.session, actor=caller.actor, unread_only=unread_only, before=before, limit=limit
        )
        return InboxRead(
            items=[_notification(n) for n in page.items], unread=page.unread, next_before=page.next_before
        )

    @post(
        "/{notification_id:uuid}/read",
        operation_id="markNotificationRead",
        summary="Mark a notification read",
        status_code=200,
    )
    async def mark_read(
        self,
        caller: NamedDependency[Caller],
        notification_id: FromPath[uuid.UUID],
    ) -> NotificationRead:
        """Marking read twice is fine; pushes of it still waiting are dropped."""
        return _notification(
            await service.mark_read(
                caller.session, actor=caller.actor, notification_id=notification_id, now=caller.now
            )
        )

    @post("/seen", operation_id="markNotificationsSeen", summary="I opened this page", status_code=200)
    async def mark_seen(
        self,
        caller: NamedDependency[Caller],
        data: JSONBody[SeenPage],
    ) -> StillUnread:
        """My notifications leading to ``url`` are read (I saw what they point at); the unread count."""
        return StillUnread(
            unread=await service.mark_seen(caller.session, actor=caller.actor, url=data.url, now=caller.now)
        )

    @post("/read-all", operation_id="markAllNotificationsRead", summary="Mark all read", status_code=200)
    async def mark_all_read(
        self,
        caller: NamedDependency[Caller],
    ) -> MarkedRead:
        """Everything that has arrived so far."""
        return MarkedRead(
            marked=await service.mark_all_read(caller.session, actor=caller.actor, now=caller.now)
        )


class PreferencesController(Controller):
    """My quiet hours and which kinds of notification reach my devices."""

    path = "/api/v1/me/notification-preferences"
    tags = ["Me"]

    @get("/", operation_id="getNotificationPreferences", summary="My notification preferences")
    async def get_preferences(self, caller: NamedDependency[Caller]) -> PreferencesRead:
        """Quiet hours (in my time zone) and the kinds my roles receive, each on or off."""
        return _preferences(await service.get_preferences(caller.session, actor=caller.actor, now=caller.now))

    @patch("/", operation_id="updateNotificationPreferences", summary="Change my notification preferences")
    async def update_preferences(
        self,
        caller: NamedDependency[Caller],
        data: JSONBody[PreferencesUpdate],
    ) -> PreferencesRead:
        """Set or clear quiet hours; switch kinds on or off (crisis alerts stay on); order my channels."""
        preferences = await service.update_preferences(
            caller.session,
            actor=caller.actor,
            now=caller.now,
            quiet_hours=_quiet_hours(data.quiet_hours),
            kind_switches=data.kinds,
            channel_order=data.channels,
        )
        return _preferences(preferences)


class DeliverySummaryController(Controller):
    """What coordinators see of notifications: counts of what reached devices and what did not."""

    path = "/api/v1/orgs/{org:str}/notifications"
    tags = ["Notifications"]

    @get(
        "/delivery-summary",
        operation_id="getNotificationDeliverySummary",
        summary="Push outcomes for the organisation (coordinators)",
    )
    async def delivery_summary(
        self,
        org_scope: NamedDependency[service.InOrganisation],
        days: Annotated[int, QueryParameter(ge=1, le=service.SUMMARY_DAYS_MAX)] = 7,
    ) -> DeliverySummaryRead:
        """Sent, still waiting, given up, refused and device-gone counts by kind; no one's content."""
        summary = await service.delivery_summary(org_scope, days=days)
        return DeliverySummaryRead(
            organisation_id=summary.organisation_id,
            since=summary.since,
            totals=_outcomes("all", summary.totals),
            by_kind=[_outcomes(name, counts) for name, counts in summary.by_kind.items()],
            rejected_by_status=[
                RejectedStatus(status=status, count=count)
                for status, count in sorted(summary.rejected_by_status.items())
            ],
        )
