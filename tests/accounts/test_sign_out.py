"""Signing out tells the browser to delete what carerlink kept on the device (DESIGN.md §6)."""

from __future__ import annotations

import pytest

from carerlink.actor import Role
from carerlink.db import Database
from tests.support import ApiClient, make_org, make_user


@pytest.mark.parametrize("path", ["/api/v1/auth/logout", "/api/v1/auth/logout-everywhere"])
async def test_sign_out_clears_site_data_and_the_session_cookie(
    db: Database, client: ApiClient, path: str
) -> None:
    org = await make_org(db)
    user = await make_user(db, organisation=org, roles=(Role.CARER,))
    await client.login(user.email)

    response = await client.post(path)

    assert response.status_code == 204
    assert response.headers["clear-site-data"] == '"cache", "storage"'
    assert "carerlink_session=" in response.headers["set-cookie"]
    assert (await client.get("/api/v1/me")).status_code == 401


async def test_signing_in_does_not_clear_site_data(db: Database, client: ApiClient) -> None:
    user = await make_user(db)

    response = await client.login(user.email)

    assert "clear-site-data" not in response.headers
