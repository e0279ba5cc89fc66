"""The channels a reminder can go by, and a person's order of preference (issue 14). Pure rules.

``notification_preferences.channels`` holds the person's chosen order, a list drawn from ``CHANNELS``;
``NULL`` (never chosen) means ``DEFAULT``: push where a device is subscribed, otherwise e-mail. Text
messages are only ever used when chosen (and the number verified, and texts on for the organisation).
An empty list means the app's inbox only, by the person's choice.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

Channel = Literal["push", "email", "sms"]
CHANNELS: tuple[Channel, ...] = get_args(Channel)
DEFAULT: tuple[Channel, ...] = ("push", "email")


def chosen(stored: Sequence[str] | None) -> tuple[Channel, ...]:
    """A person's channels in order, from what is stored (``None``: the default); unknown names dropped."""
    if stored is None:
        return DEFAULT
    order: list[Channel] = []
    for name in stored:
        for channel in CHANNELS:
            if name == channel and channel not in order:
                order.append(channel)
    return tuple(order)


def without(stored: Sequence[str] | None, channel: Channel) -> list[Channel]:
    """The stored order with ``channel`` taken out (turning e-mail off from an e-mail's unsubscribe link)."""
    return [c for c in chosen(stored) if c != channel]
