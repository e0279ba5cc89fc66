"""Notifications: push subscriptions per device, typed kinds, the push outbox and its delivery, the inbox."""
