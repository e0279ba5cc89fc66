"""Matching uses a buddy's lived experience of the cared-for person's needs only with the buddy's consent."""

from __future__ import annotations

from typing import Any

from carerlink.db import Database
from tests.matching.test_lifecycle_api import World
from tests.profiles.factories import make_buddy

INTRO_LINE = "Has experience of caring for someone with psychosis or schizophrenia"


async def suggestions(world: World) -> dict[str, Any]:
    boss = await world.as_(world.coordinator)
    response = await boss.get(f"{world.base}/carers/{world.carer.membership_id}/suggestions?limit=5")
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def needs_reasons(found: dict[str, Any]) -> list[str]:
    return [
        r["text"] for s in found["suggestions"] for r in s["explanation"]["reasons"] if r["factor"] == "needs"
    ]


async def test_with_consent_the_buddys_experience_is_used_and_shown_to_the_carer(
    db: Database, new_client: Any
) -> None:
    world = await World(db, new_client).build()

    found = await suggestions(world)
    proposed = (await world.propose()).json()
    carer_view = (await (await world.as_(world.carer)).get(f"{world.base}/matches/{proposed['id']}")).json()

    assert any("psychosis" in text for text in needs_reasons(found))
    assert INTRO_LINE in carer_view["introduction"]["lines"]


async def test_a_buddy_without_consent_has_no_needs_in_suggestions_or_introductions(
    db: Database, new_client: Any
) -> None:
    world = await World(db, new_client).build()
    world.buddy = await make_buddy(db, world.org, name="Nadia Khan", health_consent=False)

    found = await suggestions(world)
    proposed = (await world.propose()).json()
    carer_view = (await (await world.as_(world.carer)).get(f"{world.base}/matches/{proposed['id']}")).json()

    nadia = [s for s in found["suggestions"] if s["buddy"]["display_name"] == "Nadia Khan"]
    assert nadia
    assert "psychosis" not in str(nadia)
    assert "needs" not in {r["factor"] for r in nadia[0]["explanation"]["reasons"]}
    assert carer_view["introduction"]["display_name"] == "Nadia Khan"
    assert INTRO_LINE not in carer_view["introduction"]["lines"]
    assert "psychosis" not in str(carer_view["introduction"])


async def test_withdrawing_stops_suggestions_and_introductions_using_the_needs_at_once(
    db: Database, new_client: Any
) -> None:
    world = await World(db, new_client).build()
    assert needs_reasons(await suggestions(world))  # read and kept in the suggestions cache
    buddy = await world.as_(world.buddy)

    withdrawn = await buddy.put(f"{world.base}/me/buddy-profile/health-data-consent", json={"agree": False})

    assert withdrawn.status_code == 200
    found = await suggestions(world)
    assert found["suggestions"]
    assert needs_reasons(found) == []
    assert "psychosis" not in str(found)
    proposed = (await world.propose()).json()
    carer_view = (await (await world.as_(world.carer)).get(f"{world.base}/matches/{proposed['id']}")).json()
    assert INTRO_LINE not in carer_view["introduction"]["lines"]
