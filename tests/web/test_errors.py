"""Bad input gets a clear RFC 9457 answer naming the field, never a 500, and changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from carerlink.accounts.models import User
from carerlink.db import Database
from tests.support import ApiClient, field_errors, problem


async def test_malformed_json_is_400_problem(client: ApiClient) -> None:
    response = await client.post(
        "/api/v1/auth/login",
        content=b'{"email": "a@b.org", "password":',
        headers={"content-type": "application/json"},
    )
    body = problem(response, 400)
    assert "not valid JSON" in body["detail"]
    # NaN and Infinity are not JSON either (a browser never sends them, a hand-made client might).
    for number in (b"NaN", b"Infinity", b"-Infinity"):
        odd = await client.post(
            "/api/v1/auth/login",
            content=b'{"email": "a@b.org", "password": ' + number + b"}",
            headers={"content-type": "application/json"},
        )
        assert odd.status_code in (400, 422), odd.text
        assert odd.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"email": "a@b.org", "password": 12345678}, "password"),  # wrong type
        ({"email": "a@b.org"}, "password"),  # missing
        ({"email": "a@b.org", "password": "x", "remember_me": True}, "remember_me"),  # unknown field
        ({"email": "a" * 300 + "@b.org", "password": "x"}, "email"),  # too long
        ({"email": "not-an-address", "password": "x"}, "email"),  # pattern
    ],
)
async def test_invalid_body_is_422_naming_the_field(
    client: ApiClient, payload: dict[str, object], field: str
) -> None:
    assert field_errors(await client.post("/api/v1/auth/login", json=payload)) == {field}


async def test_a_string_is_not_taken_for_a_number_or_a_boolean(db: Database, client: ApiClient) -> None:
    from carerlink.actor import Role
    from tests.support import make_org, make_user

    org = await make_org(db)
    await make_user(db, organisation=org, roles=(Role.CARER,), email="c@example.org")
    await client.login("c@example.org")
    response = await client.post(
        "/api/v1/invitations/accept", json={"code": "ABCD-EFGH", "consents": {"terms": "true"}}
    )
    assert field_errors(response) == {"consents.terms"}


async def test_nested_unknown_field_is_named_with_its_path(client: ApiClient) -> None:
    response = await client.post(
        "/api/v1/invitations/accept",
        json={"code": "ABCD-EFGH", "consents": {"terms": True, "marketing": True}},
    )
    assert field_errors(response) == {"consents.marketing"}


@pytest.mark.parametrize("org", ["no-such-centre", "%00", "x" * 300, "00000000-0000-0000-0000-000000000000"])
async def test_an_unknown_or_garbled_organisation_in_the_path_is_404_not_500(
    db: Database, client: ApiClient, org: str
) -> None:
    from carerlink.actor import Role
    from tests.support import make_org, make_user

    await make_user(db, organisation=await make_org(db), roles=(Role.COORDINATOR,), email="c@example.org")
    await client.login("c@example.org")
    problem(await client.get(f"/api/v1/orgs/{org}/members"), 404)
    problem(
        await client.post(f"/api/v1/orgs/{org}/referrals", json={"name": "A", "email": "a@example.org"}), 404
    )


async def test_unknown_route_and_wrong_method_are_problems(client: ApiClient) -> None:
    problem(await client.get("/api/v1/nothing-here"), 404)
    wrong = await client.request("PUT", "/api/v1/auth/login", json={})
    assert wrong.status_code in (404, 405)
    assert wrong.headers["content-type"].startswith("application/problem+json")


async def test_an_oversized_body_is_refused(client: ApiClient) -> None:
    response = await client.post(
        "/api/v1/auth/login",
        content=b'{"email": "' + b"a" * 400_000 + b'"}',
        headers={"content-type": "application/json"},
    )
    problem(response, 413)


async def test_a_refused_sign_up_writes_nothing(db: Database, client: ApiClient) -> None:
    """An invitation accepted with a common password must not leave a half-made account behind."""
    from carerlink.actor import Role
    from tests.support import make_org, make_user

    org = await make_org(db)
    await make_user(db, organisation=org, roles=(Role.COORDINATOR,), email="coord@example.org")
    await client.login("coord@example.org")
    code = (
        await client.post(
            f"/api/v1/orgs/{org.id}/invitations", json={"email": "new@example.org", "role": "carer"}
        )
    ).json()["code"]
    await client.post("/api/v1/auth/logout")
    async with db.session_scope() as session:
        before = await session.scalar(select(func.count()).select_from(User))

    response = await client.post(
        "/api/v1/invitations/accept",
        json={"code": code, "consents": {"terms": True}, "display_name": "New", "password": "password123"},
    )

    assert field_errors(response) == {"password"}
    async with db.session_scope() as session:
        assert await session.scalar(select(func.count()).select_from(User)) == before


@pytest.mark.parametrize(
    "body",
    [
        b'{"email": "\xff@x.yz", "password": "x"}',  # in a value
        b'{"em\xffail": "a@x.yz", "password": "x"}',  # in a key msgspec would skip
        b'{"email": "a@x.yz", "password": "\xc3"}',  # a sequence cut short
    ],
)
async def test_a_body_that_is_not_utf8_is_400_problem_not_500(client: ApiClient, body: bytes) -> None:
    response = await client.post(
        "/api/v1/auth/login", content=body, headers={"content-type": "application/json"}
    )
    assert "not valid UTF-8" in problem(response, 400)["detail"]


async def test_invalid_utf8_in_my_details_is_400_and_changes_nothing(db: Database, client: ApiClient) -> None:
    from carerlink.actor import Role
    from tests.support import make_org, make_user

    org = await make_org(db)
    await make_user(db, organisation=org, roles=(Role.CARER,), email="c@example.org", name="Sam")
    await client.login("c@example.org")
    response = await client.patch(
        "/api/v1/me", content=b'{"display_name": "Sa\xffm"}', headers={"content-type": "application/json"}
    )
    problem(response, 400)
    assert (await client.get("/api/v1/me")).json()["display_name"] == "Sam"


async def test_no_body_where_one_is_needed_is_422_in_plain_words(client: ApiClient) -> None:
    """Litestar says only "'data'" for a missing body; a client is told what is missing."""
    missing = problem(await client.post("/api/v1/auth/login"), 422)
    assert missing["errors"] == [{"field": "body", "message": "This request needs a JSON body."}]
    assert missing["detail"] == "This request needs a JSON body."
    welsh = problem(await client.post("/api/v1/auth/login", headers={"Accept-Language": "cy"}), 422)
    assert welsh["errors"][0]["field"] == "body"
    assert welsh["detail"] != "This request needs a JSON body."


@pytest.mark.parametrize(
    ("method", "path", "form", "field"),
    [
        ("POST", "imports/", {"kind": (None, "carer")}, "file"),  # a form without its file
        ("POST", "imports/", {"file": ("carers.csv", b"name,email\r\n", "text/csv")}, "kind"),
        ("GET", "imports/template.csv", None, "kind"),  # a required query parameter left out
    ],
)
async def test_a_field_or_parameter_left_out_is_named_in_plain_words(
    db: Database, client: ApiClient, method: str, path: str, form: dict[str, object] | None, field: str
) -> None:
    """Not ``data`` and "Object missing required field", nor a 400 quoting the URL: the field itself."""
    from carerlink.actor import Role
    from tests.support import make_org, make_user

    org = await make_org(db)
    await make_user(db, organisation=org, roles=(Role.COORDINATOR,), email="coord@example.org")
    await client.login("coord@example.org")
    url = f"/api/v1/orgs/{org.id}/{path}"
    response = await client.request(method, url, files=form) if form else await client.request(method, url)
    assert field_errors(response) == {field}, response.text
    body = response.json()
    assert body["errors"][0]["message"] == body["detail"] == "This is required, and it is missing."
    assert "/api/" not in response.text and str(org.id) not in response.text
    welsh = (
        await client.request(method, url, files=form, headers={"Accept-Language": "cy"})
        if form
        else await client.request(method, url, headers={"Accept-Language": "cy"})
    )
    assert field_errors(welsh) == {field}
    assert welsh.json()["detail"] != body["detail"]  # in the reader's language
