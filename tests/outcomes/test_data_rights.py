"""A carer's outcome and equality answers are theirs (issue 16): in their copy; erasure anonymises the
outcome answers (the report's totals stay) and deletes the equality answers."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.outcomes import reporting
from carerlink.outcomes.models import EqualityAnswer, OutcomeAsk
from carerlink.privacy.export import service as exports
from tests.outcomes.support import Asked, all_answers, asking_pair, tick
from tests.support import START

EQUALITY = {"age_band": "35_49", "gender": "man", "ethnicity": "white_roma", "agree": True}


async def _answered(db: Database, new_client: Any, clock: FrozenClock) -> Asked:
    asked = await asking_pair(db, new_client)
    await tick(db, clock)
    [ask] = (await asked.carer.get(f"{asked.base}/me/outcome-asks")).json()
    done = await asked.carer.post(
        f"{asked.base}/me/outcome-asks/{ask['id']}", json={"answers": all_answers(ask, 2)}
    )
    assert done.status_code == 200, done.text
    assert (await asked.carer.put(f"{asked.base}/me/equality", json=EQUALITY)).status_code == 200
    return asked


async def test_the_carers_copy_holds_their_outcome_and_equality_answers(
    db: Database, new_client: Any, clock: FrozenClock
) -> None:
    asked = await _answered(db, new_client, clock)
    assert (await asked.carer.post("/api/v1/me/export")).status_code == 202
    assert await exports.build_due(db, now=clock.now()) == 1
    [copy] = (await asked.carer.get("/api/v1/me/exports")).json()
    response = await asked.carer.get(copy["download_url"])
    document = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("data.json"))
    [ask] = document["sections"]["outcome_asks"]["rows"]
    assert ask["point"] == "start" and ask["total"] == 12 and ask["answers"]["1"] == 2
    [equality] = document["sections"]["equality_answers"]["rows"]
    assert equality["ethnicity"] == "white_roma" and equality["age_band"] == "35_49"


async def test_erasure_keeps_the_totals_reported_and_deletes_the_equality_answers(
    db: Database, new_client: Any, clock: FrozenClock
) -> None:
    asked = await _answered(db, new_client, clock)
    # Memberships are stamped with the wall clock: a period reaching past it holds them.
    period = {
        "organisation_id": asked.pair.org.id,
        "start": START - timedelta(days=1),
        "end": START + timedelta(days=3650),
    }
    async with db.session_scope() as session:
        before = await reporting.outcome_figures(session, **period)
        equality_before = await reporting.equality_figures(session, **period)
    assert before[0].answered["start"] == 1 and equality_before.consented == 1

    requested = await asked.carer.post("/api/v1/me/erasure", json={})
    assert requested.status_code == 201, requested.text
    confirmed = await asked.coordinator.post(
        f"{asked.base}/erasure-requests/{requested.json()['id']}/confirm"
    )
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["state"] == "done"

    async with db.session_scope() as session:
        [ask] = list(await session.scalars(select(OutcomeAsk)))
        assert ask.answers is None and ask.total == 12  # the answers went; the total counted stays
        assert list(await session.scalars(select(EqualityAnswer))) == []
        after = await reporting.outcome_figures(session, **period)
        equality_after = await reporting.equality_figures(session, **period)
    assert after == before
    assert equality_after.consented == 0  # equality counts only people who consent now (documented)
