"""Where the centre has texts on, an imported carer can be invited by text, sent only after confirming."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from litestar import Litestar

from carerlink.actor import Role
from carerlink.db import Database
from carerlink.notifications.texts.jobs import deliver_texts
from carerlink.settings import Settings
from tests.conftest import DatabaseTarget
from tests.imports.support import carer_row, csv_bytes
from tests.notifications.texts.support import enable_texts, texts_settings
from tests.notifications.texts.twilio_fake import FakeTwilio
from tests.support import ApiClient, make_org, make_user


@pytest.fixture
async def twilio() -> AsyncIterator[FakeTwilio]:
    """Twilio's Messages API on 127.0.0.1."""
    fake = await FakeTwilio().start()
    yield fake
    await fake.stop()


@pytest.fixture
def settings(database_target: DatabaseTarget, tmp_path: Path, twilio: FakeTwilio) -> Settings:
    """Texts on."""
    return texts_settings(database_target, tmp_path, twilio)


async def test_an_invitation_by_text_goes_only_after_confirming(
    app: Litestar, db: Database, client: ApiClient, twilio: FakeTwilio
) -> None:
    org = await make_org(db, name="Riverside Carers Centre")
    await enable_texts(db, org)
    await make_user(db, organisation=org, roles=(Role.COORDINATOR,), email="coord@example.org")
    await client.login("coord@example.org")
    rows = [
        carer_row(1, invite_by="text", phone="07700 900111"),
        carer_row(2, invite_by="text", phone="020 7946 0000"),
    ]
    checked = await client.post(
        f"/api/v1/orgs/{org.id}/imports/",
        data={"kind": "carer"},
        files={"file": ("c.csv", csv_bytes(rows), "text/csv")},
    )
    body = checked.json()
    assert [[p["column"] for p in r["problems"]] for r in body["rows"]] == [[], ["phone"]]  # a landline
    await deliver_texts(app.state.runtime)
    assert twilio.sent == []

    confirmed = await client.post(f"/api/v1/orgs/{org.id}/imports/{body['summary']['id']}/confirm")
    assert confirmed.json()["rows"][0]["invited_how"] == "by text message"
    await deliver_texts(app.state.runtime)
    [sent] = twilio.sent
    assert sent.to == "+447700900111"
    assert "Riverside Carers Centre" in sent.body and "/invitation#token=" in sent.body
