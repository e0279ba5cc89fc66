"""The app's session probe: 200 whether or not anyone is signed in, while /api/v1/me keeps its 401."""

from __future__ import annotations

from carerlink.actor import Role
from carerlink.db import Database
from tests.support import ApiClient, make_org, make_user, problem


async def test_signed_out_probe_answers_200_not_signed_in_and_me_stays_401(client: ApiClient) -> None:
    probe = await client.get("/api/v1/session")

    assert probe.status_code == 200
    assert probe.json() == {"signed_in": False, "me": None}
    assert probe.headers["cache-control"] == "no-store"
    problem(await client.get("/api/v1/me"), 401)


async def test_signed_in_probe_answers_who_i_am_as_me_does(db: Database, client: ApiClient) -> None:
    org = await make_org(db, name="Riverside Carers Centre")
    await make_user(db, organisation=org, roles=(Role.CARER,), email="sam@example.org", name="Sam Clarke")
    await client.login("sam@example.org")

    probe = (await client.get("/api/v1/session")).json()
    me = (await client.get("/api/v1/me")).json()

    assert probe["signed_in"] is True
    assert probe["me"] == me
    assert [(m["organisation_name"], m["role"]) for m in probe["me"]["memberships"]] == [
        ("Riverside Carers Centre", "carer")
    ]


async def test_after_sign_out_the_probe_says_nobody(db: Database, client: ApiClient) -> None:
    await make_user(db, email="sam@example.org")
    await client.login("sam@example.org")
    assert (await client.post("/api/v1/auth/logout")).status_code == 204

    assert (await client.get("/api/v1/session")).json() == {"signed_in": False, "me": None}
