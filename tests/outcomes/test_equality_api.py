"""Equality monitoring (issue 16): optional, asked separately with its own consent, "Prefer not to say"
on every question, withdrawn with its answers deleted; carers and buddies only, their own only."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.organisations.consents import CURRENT
from carerlink.organisations.models import Consent, ConsentKind
from carerlink.outcomes import words
from carerlink.outcomes.models import EqualityAnswer
from carerlink.outcomes.schemas import AgeBand, Ethnicity, Gender
from tests.checkins.factories import make_pair
from tests.profiles.factories import make_coordinator
from tests.support import field_errors, make_org, problem, signed_in

ANSWERS = {"age_band": "50_64", "gender": "woman", "ethnicity": "asian_pakistani"}


def test_the_census_2021_list_has_its_5_groups_and_19_categories_and_the_schema_agrees() -> None:
    assert len(words.ETHNIC_GROUPS) == 5
    assert sum(len(options) for _, options in words.ETHNIC_GROUPS) == 19
    for literal, question in ((AgeBand, "age_band"), (Gender, "gender"), (Ethnicity, "ethnicity")):
        keys = [key for key, _ in words.OPTIONS[question]]
        assert list(literal.__args__) == keys  # type: ignore[attr-defined]
        assert keys[-1] == "prefer_not_to_say"


async def _consents(db: Database, user_id: Any) -> list[Consent]:
    async with db.session_scope() as session:
        return list(
            await session.scalars(
                select(Consent).where(
                    Consent.user_id == user_id, Consent.kind == ConsentKind.EQUALITY_MONITORING
                )
            )
        )


async def test_a_carer_answers_with_consent_and_withdrawing_deletes_the_answers(
    db: Database, new_client: Any, clock: FrozenClock
) -> None:
    pair = await make_pair(db)
    carer = await signed_in(new_client, pair.carer.email)
    url = f"/api/v1/orgs/{pair.org.id}/me/equality"
    first = (await carer.get(url)).json()
    assert first["consented"] is False and first["age_band"] is None
    assert first["consent_text"] == CURRENT[ConsentKind.EQUALITY_MONITORING][1]
    assert [q["key"] for q in first["questions"]] == ["age_band", "gender", "ethnicity"]
    for question in first["questions"]:
        assert question["options"][-1] == {
            "key": "prefer_not_to_say",
            "words": "Prefer not to say",
            "group": None,
        }
    ethnicity = first["questions"][2]["options"]
    assert {o["group"] for o in ethnicity if o["group"]} == {g for g, _ in words.ETHNIC_GROUPS}

    # Without the consent nothing is kept.
    assert "agree" in field_errors(await carer.put(url, json={**ANSWERS, "agree": False}))
    assert "ethnicity" in field_errors(
        await carer.put(url, json={**ANSWERS, "ethnicity": "martian", "agree": True})
    )
    assert await _consents(db, pair.carer.user.id) == []

    saved = await carer.put(url, json={**ANSWERS, "agree": True})
    assert saved.status_code == 200, saved.text
    assert saved.json()["consented"] is True and saved.json()["ethnicity"] == "asian_pakistani"
    [consent] = await _consents(db, pair.carer.user.id)
    assert consent.version == CURRENT[ConsentKind.EQUALITY_MONITORING][0] and consent.withdrawn_at is None
    changed = await carer.put(url, json={**ANSWERS, "gender": "prefer_not_to_say", "agree": True})
    assert changed.json()["gender"] == "prefer_not_to_say"
    assert len(await _consents(db, pair.carer.user.id)) == 1  # the same consent, kept

    withdrawn = await carer.delete(url)
    assert withdrawn.status_code == 200, withdrawn.text
    assert withdrawn.json()["consented"] is False and withdrawn.json()["gender"] is None
    [consent] = await _consents(db, pair.carer.user.id)
    assert consent.withdrawn_at is not None
    async with db.session_scope() as session:
        assert list(await session.scalars(select(EqualityAnswer))) == []


async def test_buddies_answer_too_and_nobody_else_reads_them(db: Database, new_client: Any) -> None:
    pair = await make_pair(db)
    url = f"/api/v1/orgs/{pair.org.id}/me/equality"
    buddy = await signed_in(new_client, pair.buddy.email)
    assert (await buddy.put(url, json={**ANSWERS, "agree": True})).json()["age_band"] == "50_64"
    carer = await signed_in(new_client, pair.carer.email)
    assert (await carer.get(url)).json()["age_band"] is None  # only their own
    coordinator = await signed_in(new_client, pair.coordinator.email)
    problem(await coordinator.get(url), 403)
    problem(await coordinator.put(url, json={**ANSWERS, "agree": True}), 403)
    problem(await coordinator.delete(url), 403)
    stranger = await signed_in(new_client, (await make_coordinator(db, await make_org(db))).email)
    problem(await stranger.get(url), 404)
    problem(await new_client().get(url), 401)
    problem(await new_client().put(url, json={**ANSWERS, "agree": True}), 401)
