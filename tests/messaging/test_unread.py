"""The unread messages on the homes (issue 18 audit): the match list and a match, as its carer or buddy
reads them, say how many of the other person's messages they have not read yet; coordinators, a former
buddy and a pair without messages get 0."""

from __future__ import annotations

from typing import Any

import pytest

from carerlink.db import Database
from tests.checkins.factories import Pair, make_pair
from tests.support import ApiClient, signed_in


@pytest.fixture
async def pair(db: Database) -> Pair:
    return await make_pair(db)


async def _unread(client: ApiClient, pair: Pair) -> tuple[int, int]:
    """(in the match list, in the match itself)."""
    [listed] = [
        m
        for m in (await client.get(f"/api/v1/orgs/{pair.org.id}/matches")).json()
        if m["id"] == str(pair.match.id)
    ]
    one = (await client.get(pair.base)).json()
    return listed["unread_messages"], one["unread_messages"]


async def test_each_of_the_pair_sees_how_many_of_the_others_messages_wait_for_them(
    pair: Pair, new_client: Any
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    buddy = await signed_in(new_client, pair.buddy.email)
    coordinator = await signed_in(new_client, pair.coordinator.email)
    for text in ("Are you free on Friday?", "No rush.", "Hope the appointment went well."):
        assert (await carer.post(f"{pair.base}/messages", json={"text": text})).status_code == 201
    assert (await buddy.post(f"{pair.base}/messages", json={"text": "Yes, Friday works."})).status_code == 201

    assert await _unread(buddy, pair) == (3, 3)
    assert await _unread(carer, pair) == (1, 1)  # their own messages never count
    assert await _unread(coordinator, pair) == (0, 0)
    assert (await buddy.post(f"{pair.base}/messages/read")).json() == {"read": 3}
    assert await _unread(buddy, pair) == (0, 0)


async def test_no_count_when_messages_are_off_or_for_a_former_buddy(pair: Pair, new_client: Any) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    buddy = await signed_in(new_client, pair.buddy.email)
    coordinator = await signed_in(new_client, pair.coordinator.email)
    assert (
        await carer.post(f"{pair.base}/messages", json={"text": "Thanks for Tuesday."})
    ).status_code == 201
    assert (await buddy.post(f"{pair.base}/messages", json={"text": "Any time."})).status_code == 201
    off = {"settings": {"messaging": {"enabled": False}}}
    assert (await coordinator.patch(f"/api/v1/orgs/{pair.org.id}", json=off)).status_code == 200
    assert await _unread(buddy, pair) == (0, 0)
    on = {"settings": {"messaging": {"enabled": True}}}
    assert (await coordinator.patch(f"/api/v1/orgs/{pair.org.id}", json=on)).status_code == 200

    assert (await carer.post(f"{pair.base}/end", json={"reason": "caring_ended"})).status_code == 200

    assert await _unread(buddy, pair) == (0, 0)  # the former buddy reads none of it any more
    assert await _unread(carer, pair) == (1, 1)  # the carer's copy: the buddy's last message, unread
