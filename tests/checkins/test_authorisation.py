"""Every check-in and safeguarding route taking an id, as owner, same-role stranger, other role, other
organisation and anonymous: refused callers get 401/403/404 and no data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from carerlink.checkins.jobs import materialise, walk_ladder
from carerlink.db import Database
from tests.checkins.factories import Pair, make_pair
from tests.profiles.factories import Person, make_buddy, make_carer, make_coordinator
from tests.support import ApiClient, make_org


@dataclass
class World:
    pair: Pair
    people: dict[str, Person]
    ids: dict[str, str]


async def _world(app: Any, db: Database, new_client: Any) -> World:
    pair = await make_pair(db)
    other_org = await make_org(db, slug="elsewhere")
    people = {
        "carer": pair.carer,
        "buddy": pair.buddy,
        "coordinator": pair.coordinator,
        "stranger-carer": await make_carer(db, pair.org, name="Sam Stranger"),
        "stranger-buddy": await make_buddy(db, pair.org, name="Tom Stranger"),
        "other-org-coordinator": await make_coordinator(db, other_org, name="Olu Other"),
        "other-org-carer": await make_carer(db, other_org, name="Ola Other"),
    }
    carer: ApiClient = new_client()
    await carer.login(pair.carer.email)
    await carer.put(
        f"{pair.base}/checkin-plan", json={"frequency": "weekly", "weekdays": [0], "local_time": "09:00"}
    )
    await materialise(app.state.runtime)
    await walk_ladder(app.state.runtime)
    [checkin] = (await carer.get("/api/v1/me/checkins?awaiting=true")).json()
    helped = (await carer.post(f"{pair.base}/checkins", json={"wellbeing": 1, "needs_help": True})).json()
    boss: ApiClient = new_client()
    await boss.login(pair.coordinator.email)
    [alert] = (await boss.get(f"/api/v1/orgs/{pair.org.id}/alerts")).json()
    return World(
        pair, people, {"checkin": checkin["id"], "answered": helped["checkin"]["id"], "alert": alert["id"]}
    )


# (method, path, body, who may)
ROUTES: list[tuple[str, str, dict[str, Any] | None, set[str]]] = [
    ("GET", "{match}/checkin-plan", None, {"carer", "buddy", "coordinator"}),
    (
        "PUT",
        "{match}/checkin-plan",
        {"frequency": "weekly", "weekdays": [1], "local_time": "10:00"},
        {"carer", "buddy", "coordinator"},
    ),
    ("GET", "{match}/checkins", None, {"carer", "buddy", "coordinator"}),
    ("POST", "{match}/checkins", {"wellbeing": 4}, {"carer"}),
    ("GET", "/api/v1/checkins/{checkin}", None, {"carer", "buddy", "coordinator"}),
    ("POST", "/api/v1/checkins/{checkin}/answer", {"wellbeing": 4}, {"carer"}),
    ("POST", "/api/v1/checkins/{answered}/reply", {"kind": "we_spoke"}, {"buddy"}),
    ("GET", "{org}/attention", None, {"coordinator"}),
    ("GET", "{org}/alerts", None, {"coordinator"}),
    ("GET", "{org}/alerts/{alert}", None, {"coordinator"}),
    ("POST", "{org}/alerts/{alert}/acknowledge", {"action_taken": "Called"}, {"coordinator"}),
    ("PUT", "{org}/duty", {"on_duty": True}, {"coordinator"}),
]
# The allowed callers go last, so the refused ones are shown to have changed nothing.
CALLERS = [
    "anonymous",
    "stranger-carer",
    "stranger-buddy",
    "other-org-coordinator",
    "other-org-carer",
    "buddy",
    "carer",
    "coordinator",
]
MEMBERS = {"carer", "buddy", "coordinator", "stranger-carer", "stranger-buddy"}


@pytest.mark.parametrize(
    ("method", "template", "body", "allowed"), ROUTES, ids=[f"{m} {p}" for m, p, _, _ in ROUTES]
)
async def test_route_obeys_the_role_matrix(
    app: Any,
    db: Database,
    new_client: Any,
    method: str,
    template: str,
    body: dict[str, Any] | None,
    allowed: set[str],
) -> None:
    world = await _world(app, db, new_client)
    path = template.format(
        match=world.pair.base,
        org=f"/api/v1/orgs/{world.pair.org.id}",
        checkin=world.ids["checkin"],
        answered=world.ids["answered"],
        alert=world.ids["alert"],
    )
    succeeded = False
    for caller in CALLERS:
        client: ApiClient = new_client()
        if caller != "anonymous":
            await client.login(world.people[caller].email)
        response = await client.request(method, path, json=body)
        if caller in allowed:
            if not succeeded:
                assert response.status_code < 300, (
                    f"{caller} {method} {path}: {response.status_code} {response.text}"
                )
                # An answer or a reply can be given once: later allowed callers get 409, not success.
                succeeded = method == "POST" and path.endswith(("/answer", "/reply"))
            continue
        if caller == "anonymous":
            expected = {401}  # sign in first
        elif template.startswith("{org}"):
            expected = (
                {403} if caller in MEMBERS else {404}
            )  # members are refused; others can't know it exists
        elif caller in {"carer", "buddy", "coordinator"}:
            expected = {403}  # may see the pair's check-ins, but this action is someone else's
        else:
            expected = {404}  # a stranger to the pair, or another organisation: no such thing
        assert response.status_code in expected, (
            f"{caller} {method} {path}: {response.status_code} {response.text}"
        )
        assert response.headers["content-type"].startswith("application/problem+json")
        for private in ("wellbeing", "note", "action_taken"):
            assert private not in response.text
