"""What a thread says to each of the pair as the match moves (issue 18 audit): a proposal is not "ended",
a carer is not left writing to a suspended buddy, the carer is told kindly whenever replies may be slower,
in their own language, and gets the crisis words their app checks a message with before queueing it."""

from __future__ import annotations

from typing import Any

import pytest

from carerlink.db import Database
from carerlink.matching import service as matching
from carerlink.messaging import policy
from carerlink.organisations.scope import open_scope
from tests.checkins.factories import Pair, actor_of, make_pair
from tests.profiles.factories import make_buddy, make_carer
from tests.support import START, ApiClient, problem, signed_in

TEXT = "Thinking of you today."


@pytest.fixture
async def pair(db: Database) -> Pair:
    return await make_pair(db)


async def _thread(client: ApiClient, pair: Pair, **headers: str) -> dict[str, Any]:
    response = await client.get(f"{pair.base}/messages", headers=headers or None)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_a_proposed_matchs_thread_says_messages_open_once_both_are_matched(
    db: Database, pair: Pair, new_client: Any
) -> None:
    carer = await make_carer(db, pair.org, name="Robin Ashdown")
    buddy = await make_buddy(db, pair.org, name="Tom Okafor")
    coordinator = await actor_of(db, pair.coordinator)
    async with db.session_scope() as session:
        scope = await open_scope(session, actor=coordinator, now=START, organisation_id=pair.org.id)
        proposed = await matching.propose(
            scope, carer_membership_id=carer.membership_id, buddy_membership_id=buddy.membership_id, note=""
        )
    path = f"/api/v1/orgs/{pair.org.id}/matches/{proposed.id}/messages"
    for person in (carer, buddy):
        client = await signed_in(new_client, person.email)
        thread = (await client.get(path)).json()
        assert thread["messages"] == [] and thread["can_write"] is False
        assert "once you are both matched" in thread["why_not"] and "ended" not in thread["why_not"]
        problem(await client.post(path, json={"text": TEXT}), 409)


async def test_a_carer_whose_buddy_was_suspended_cannot_write_into_a_void(
    pair: Pair, new_client: Any
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    coordinator = await signed_in(new_client, pair.coordinator.email)
    suspended = await coordinator.patch(
        f"/api/v1/orgs/{pair.org.id}/members/{pair.buddy.membership_id}", json={"status": "suspended"}
    )
    assert suspended.status_code == 200, suspended.text

    thread = await _thread(carer, pair)

    assert thread["can_write"] is False
    assert thread["why_not"].startswith("Priya is away from carerlink for now")
    assert "the centre is there" in thread["why_not"] and "Help now" in thread["why_not"]
    assert "suspend" not in thread["why_not"].lower()  # never why: that is the buddy's and the centre's
    problem(await carer.post(f"{pair.base}/messages", json={"text": TEXT}), 409)


async def test_the_carer_is_told_kindly_when_their_buddy_takes_a_break_or_the_match_is_paused(
    pair: Pair, new_client: Any
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    buddy = await signed_in(new_client, pair.buddy.email)
    resting = await buddy.patch(
        f"/api/v1/orgs/{pair.org.id}/me/buddy-profile/wellbeing", json={"paused": True}
    )
    assert resting.status_code == 200, resting.text

    on_a_break = await _thread(carer, pair)
    assert on_a_break["muted_notice"].startswith("Priya is taking a break, so replies may be slower")
    assert on_a_break["can_write"] is True
    assert (await _thread(buddy, pair))["muted_notice"] is None  # the buddy is not told about themselves

    await buddy.patch(f"/api/v1/orgs/{pair.org.id}/me/buddy-profile/wellbeing", json={"paused": False})
    assert (await _thread(carer, pair))["muted_notice"] is None
    assert (await carer.post(f"{pair.base}/pause")).status_code == 200
    paused = await _thread(carer, pair)
    assert paused["muted_notice"].startswith("Your match with Priya is paused for now")
    assert paused["can_write"] is True


async def test_the_notice_and_the_fallback_name_are_in_the_carers_language(
    db: Database, pair: Pair, new_client: Any
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    buddy = await signed_in(new_client, pair.buddy.email)
    until = START.replace(day=START.day + 2).isoformat()
    assert (await buddy.post(f"{pair.base}/messages/mute", json={"until": until})).status_code == 201
    english = (await _thread(carer, pair))["muted_notice"]

    for language in ("cy", "ur", "pl"):
        notice = (await _thread(carer, pair, **{"Accept-Language": language}))["muted_notice"]
        assert notice and "Priya" in notice and notice != english, language
    async with db.session_scope() as session:
        from carerlink.accounts.models import User

        user = await session.get(User, pair.buddy.user.id)
        assert user is not None
        user.display_name = "   "  # nothing to call them by
    nameless = (await _thread(carer, pair, **{"Accept-Language": "cy"}))["muted_notice"]
    assert "Someone" not in nameless


async def test_the_carer_gets_the_crisis_words_of_their_language_and_english_the_buddy_none(
    db: Database, pair: Pair, new_client: Any
) -> None:
    from sqlalchemy import update

    from carerlink.profiles.models import CarerProfile

    async with db.session_scope() as session:
        await session.execute(
            update(CarerProfile)
            .where(CarerProfile.user_id == pair.carer.user.id)
            .values(preferred_language="pl")
        )
    carer = await signed_in(new_client, pair.carer.email)
    buddy = await signed_in(new_client, pair.buddy.email)

    words = (await _thread(carer, pair))["crisis_words"]

    assert words == policy.crisis_phrases("pl", "en-GB")
    assert "kill myself" in words and "sie zabic" in words and "cant go on" in words
    assert all(w == policy.fold(w) for w in words)  # already folded, as the app compares them
    assert (await _thread(buddy, pair))["crisis_words"] == []
