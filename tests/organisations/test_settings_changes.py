"""The settings' history (issue 16): every change a coordinator makes is listed newest first with who
made it, when and which settings changed; nobody else sees it; bad values name the field."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from tests.profiles.factories import make_buddy, make_carer, make_coordinator
from tests.support import START, field_errors, make_org, problem, signed_in


async def test_a_coordinators_changes_are_listed_newest_first_with_who_what_and_when(
    db: Database, new_client: Any, clock: FrozenClock
) -> None:
    org = await make_org(db)
    await make_coordinator(db, org, name="Jo Kent")
    morgan = await signed_in(new_client, (await make_coordinator(db, org, name="Morgan Ellis")).email)
    base = f"/api/v1/orgs/{org.id}"
    lines = (await morgan.get(base)).json()["crisis_lines"]

    changed = await morgan.patch(base, json={"settings": {"checkins": {"nudge_after_hours": 12}}})
    assert changed.status_code == 200, changed.text
    clock.advance(timedelta(minutes=20))
    new_lines = [{**lines[0], "contact": "0800 123 4567"}, *lines[1:]]
    assert (
        await morgan.patch(base, json={"crisis_lines": new_lines, "name": "Riverside"})
    ).status_code == 200
    clock.advance(timedelta(minutes=5))
    # Sending what is already there changes nothing and is not listed.
    assert (await morgan.patch(base, json={"name": "Riverside"})).status_code == 200
    assert (await morgan.put(f"{base}/duty", json={"on_duty": False})).status_code == 200

    history = (await morgan.get(f"{base}/settings/changes")).json()
    assert [[c["field"] for c in h["changes"]] for h in history] == [
        ["duty"],
        ["name", "crisis_lines"],
        ["settings.checkins"],
    ]
    assert {h["by_name"] for h in history} == {"Morgan Ellis"}
    assert history[2]["at"].startswith(START.isoformat()[:16])
    [checkins] = history[2]["changes"]
    assert checkins["old"]["nudge_after_hours"] == 24
    assert checkins["new"]["nudge_after_hours"] == 12
    assert checkins["new"]["missed_after_hours"] == 120  # the whole part, as it now stands
    name, crisis = history[1]["changes"]
    assert (name["old"], name["new"]) == ("Test Carers Centre", "Riverside")
    assert (
        crisis["new"][0]["contact"] == "0800 123 4567" and crisis["old"][0]["contact"] == lines[0]["contact"]
    )

    coordinators = (await morgan.get(f"{base}/settings/coordinators")).json()
    assert [(c["display_name"], c["on_duty"]) for c in coordinators] == [
        ("Jo Kent", True),
        ("Morgan Ellis", False),
    ]


async def test_weights_changed_through_the_matching_route_are_in_the_history_too(
    db: Database, new_client: Any, clock: FrozenClock
) -> None:
    org = await make_org(db)
    morgan = await signed_in(new_client, (await make_coordinator(db, org, name="Morgan Ellis")).email)
    base = f"/api/v1/orgs/{org.id}"
    weights = (await morgan.get(f"{base}/matching/weights")).json()
    assert weights["language"] == 2

    clock.advance(timedelta(minutes=7))
    changed = await morgan.put(f"{base}/matching/weights", json={**weights, "language": 5, "area": 0})
    assert changed.status_code == 200, changed.text
    # Sending the same weights again changes nothing and is not listed.
    assert (await morgan.put(f"{base}/matching/weights", json=changed.json())).status_code == 200

    [entry] = (await morgan.get(f"{base}/settings/changes")).json()
    assert entry["by_name"] == "Morgan Ellis"
    assert entry["at"].startswith((START + timedelta(minutes=7)).isoformat()[:16])
    [change] = entry["changes"]
    assert change["field"] == "settings.matching_weights"
    assert (change["old"]["language"], change["old"]["area"]) == (2, 1)
    assert (change["new"]["language"], change["new"]["area"]) == (5, 0)
    # The same setting as the settings screen's: it reads the weights the matching route set.
    assert (await morgan.get(base)).json()["settings"]["matching_weights"] == change["new"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"settings": {"checkins": {"nudge_after_hours": 0}}}, "settings.checkins.nudge_after_hours"),
        ({"settings": {"volunteer_minutes_per_reply": 121}}, "settings.volunteer_minutes_per_reply"),
        ({"crisis_lines": []}, "crisis_lines"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        (
            {"settings": {"safeguarding_lead_user_id": "00000000-0000-0000-0000-000000000001"}},
            "settings.safeguarding_lead_user_id",
        ),
    ],
)
async def test_bad_values_name_the_field_and_nothing_is_listed(
    db: Database, new_client: Any, body: dict[str, Any], field: str
) -> None:
    org = await make_org(db)
    morgan = await signed_in(new_client, (await make_coordinator(db, org)).email)
    base = f"/api/v1/orgs/{org.id}"
    refused = await morgan.patch(base, json=body)
    assert field in field_errors(refused) or problem(refused, 422).get("field") == field, refused.text
    assert (await morgan.get(f"{base}/settings/changes")).json() == []


@pytest.mark.parametrize("path", ["/settings/changes", "/settings/coordinators"])
async def test_only_the_centres_coordinators_see_the_history(
    db: Database, new_client: Any, path: str
) -> None:
    org = await make_org(db)
    other = await make_org(db, slug="elsewhere")
    people = {
        "buddy": await make_buddy(db, org),
        "carer": await make_carer(db, org),
        "other-org-coordinator": await make_coordinator(db, other, name="Olu Other"),
    }
    url = f"/api/v1/orgs/{org.id}{path}"
    problem(await new_client().get(url), 401)
    for who, expected in (("buddy", 403), ("carer", 403), ("other-org-coordinator", 404)):
        problem(await (await signed_in(new_client, people[who].email)).get(url), expected)
