"""Business rules of notifications: notify, the inbox, devices, quiet hours and preferences, the summary.

``notify()`` (in ``recording``) is what other domains call, inside their own transaction. The modules by
concern: ``recording`` (notify, withdraw, quiet hours), ``inbox``, ``devices`` (push subscriptions and the
test push), ``preferences``, ``summary`` (what coordinators and monitoring see, and forgetting old rows).
Their names are re-exported here, so ``service.notify(...)`` reads as before.
"""

from __future__ import annotations

from carerlink.notifications.service._common import (
    KEEP_FINISHED_DELIVERIES,
    KEEP_INBOX,
    MAX_DEVICES,
    PUSH_TEST_PER_ACCOUNT,
    SUMMARY_DAYS_MAX,
    TEST_TTL,
)
from carerlink.notifications.service.devices import (
    TestPushResult,
    device_label,
    list_subscriptions,
    send_test_push,
    subscribe,
    unsubscribe,
)
from carerlink.notifications.service.inbox import (
    InboxPage,
    inbox_body,
    inbox_title,
    list_inbox,
    mark_all_read,
    mark_read,
    mark_seen,
)
from carerlink.notifications.service.preferences import (
    ChosenBy,
    Preferences,
    get_preferences,
    set_channels,
    update_preferences,
)
from carerlink.notifications.service.reach import Reach, TextReach, reach
from carerlink.notifications.service.recording import (
    hold,
    mark_read_for,
    notify,
    recipients_of,
    refresh,
    unread_with_prefix,
    withdraw,
    withdraw_for_membership,
    withdraw_with_prefix,
)
from carerlink.notifications.service.routing import fall_back_after_push, fall_back_failed, quiet_until
from carerlink.notifications.service.summary import (
    DeliverySummary,
    InOrganisation,
    OutboxFigures,
    delivery_summary,
    outbox_figures,
    purge_old,
)

__all__ = [
    "KEEP_FINISHED_DELIVERIES",
    "KEEP_INBOX",
    "MAX_DEVICES",
    "PUSH_TEST_PER_ACCOUNT",
    "SUMMARY_DAYS_MAX",
    "TEST_TTL",
    "ChosenBy",
    "DeliverySummary",
    "InOrganisation",
    "InboxPage",
    "OutboxFigures",
    "Preferences",
    "Reach",
    "TestPushResult",
    "TextReach",
    "delivery_summary",
    "device_label",
    "fall_back_after_push",
    "fall_back_failed",
    "get_preferences",
    "hold",
    "inbox_body",
    "inbox_title",
    "list_inbox",
    "list_subscriptions",
    "mark_all_read",
    "mark_read",
    "mark_read_for",
    "mark_seen",
    "notify",
    "outbox_figures",
    "purge_old",
    "quiet_until",
    "reach",
    "recipients_of",
    "refresh",
    "send_test_push",
    "set_channels",
    "subscribe",
    "unread_with_prefix",
    "unsubscribe",
    "update_preferences",
    "withdraw",
    "withdraw_for_membership",
    "withdraw_with_prefix",
]
