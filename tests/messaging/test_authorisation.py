"""Every messaging route as the pair's carer and buddy, another pair's carer and buddy, a coordinator
without a report, another organisation and anonymous: refused callers get 401/403/404 and no words.
A coordinator who is the buddy of the pair is never shown, nor told of, a report about it."""

from __future__ import annotations

from typing import Any

import pytest

from carerlink.db import Database
from tests.checkins.factories import Pair, make_pair
from tests.profiles.factories import make_coordinator
from tests.support import START, ApiClient, make_org, signed_in

TEXT = "Only the two of us should read this."


@pytest.fixture
async def world(db: Database, new_client: Any) -> dict[str, Any]:
    pair = await make_pair(db)
    other = await make_pair(db, org=pair.org, carer_name="Sam Stranger")
    elsewhere = await make_org(db, slug="elsewhere", name="Elsewhere Carers")
    buddy = await signed_in(new_client, pair.buddy.email)
    sent = await buddy.post(f"{pair.base}/messages", json={"text": TEXT})
    assert sent.status_code == 201, sent.text
    carer = await signed_in(new_client, pair.carer.email)
    report = await carer.post(
        f"{pair.base}/messages/{sent.json()['message']['id']}/report", json={"reason": "worried"}
    )
    assert report.status_code == 201, report.text
    return {
        "pair": pair,
        "message": sent.json()["message"]["id"],
        "report": report.json()["id"],
        "emails": {
            "carer": pair.carer.email,
            "buddy": pair.buddy.email,
            "other-carer": other.carer.email,
            "other-buddy": other.buddy.email,
            "coordinator": pair.coordinator.email,
            "other-org": (await make_coordinator(db, elsewhere, name="Olu Other")).email,
        },
    }


UNTIL = (START.replace(day=4)).isoformat()
# (method, path, body, who may) — refused members of the organisation get 403, others 404. The message
# is the buddy's: the carer may report it (again: 200), the buddy may not report their own (422).
ROUTES: list[tuple[str, str, dict[str, Any] | None, set[str]]] = [
    ("GET", "{match}/messages", None, {"carer", "buddy"}),
    ("POST", "{match}/messages", {"text": "Hello"}, {"carer", "buddy"}),
    ("POST", "{match}/messages/read", None, {"carer", "buddy"}),
    ("POST", "{match}/messages/{message}/report", {"reason": "worried"}, {"carer"}),
    ("POST", "{match}/messages/mute", {"until": UNTIL}, {"buddy"}),
    ("GET", "{org}/message-reports", None, {"coordinator"}),
    ("GET", "{org}/message-reports/open-count", None, {"coordinator"}),
    ("GET", "{org}/message-reports/{report}", None, {"coordinator"}),
    ("POST", "{org}/message-reports/{report}/dealt-with", None, {"coordinator"}),
]
# Callers who reach the route but are refused by a rule of the request, not of who they are.
SPECIAL = {("POST", "{match}/messages/{message}/report"): {"buddy": 422}}
WHO = ["carer", "buddy", "other-carer", "other-buddy", "coordinator", "other-org", "anonymous"]


@pytest.mark.parametrize(
    ("method", "path", "body", "allowed"), ROUTES, ids=[f"{r[0]} {r[1]}" for r in ROUTES]
)
async def test_every_route_refuses_everyone_but_who_may(
    world: dict[str, Any], new_client: Any, method: str, path: str, body: Any, allowed: set[str]
) -> None:
    pair: Pair = world["pair"]
    url = path.format(
        match=pair.base, org=f"/api/v1/orgs/{pair.org.id}", message=world["message"], report=world["report"]
    )
    for who in WHO:
        client: ApiClient = new_client()
        if who != "anonymous":
            client = await signed_in(new_client, world["emails"][who])
        response = await client.request(method, url, json=body)
        if who in allowed:
            assert response.status_code in (200, 201), (who, response.text)
            continue
        expected = SPECIAL.get((method, path), {}).get(who) or {"anonymous": 401, "other-org": 404}.get(
            who, 403
        )
        assert response.status_code == expected, (who, response.status_code, response.text)
        assert TEXT not in response.text
