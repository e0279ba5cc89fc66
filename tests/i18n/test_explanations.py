"""Words built on the server in the reader's language (issue 17): a suggestion's explanation, the
introduction a carer reads about their buddy, and the "who looked at my record" words. With
``Accept-Language: cy`` they are Welsh; with no header, exactly the English they always were."""

from __future__ import annotations

from typing import Any

from carerlink import demo
from carerlink.db import Database
from tests.support import START, ApiClient

ALEX_AND_PRIYA = "Alex and Priya both care for an adult son or daughter with psychosis or schizophrenia"


def _headers(language: str | None) -> dict[str, str]:
    return {} if language is None else {"Accept-Language": language}


async def _seed(db: Database) -> str:
    async with db.session_scope() as session:
        organisation = await demo.seed(session, now=START)
    return f"/api/v1/orgs/{organisation.id}"


async def _alex_suggestion(client: ApiClient, base: str, language: str | None) -> dict[str, Any]:
    waiting = (await client.get(f"{base}/waiting-list")).json()
    alex = next(w for w in waiting if w["carer"]["display_name"] == "Alex Turner")["carer"]["membership_id"]
    got = await client.get(f"{base}/carers/{alex}/suggestions", headers=_headers(language))
    assert got.status_code == 200, got.text
    first: dict[str, Any] = got.json()["suggestions"][0]
    assert first["buddy"]["display_name"] == "Priya Shah"
    return first["explanation"]


async def test_a_suggestions_explanation_is_in_the_readers_language(db: Database, client: ApiClient) -> None:
    base = await _seed(db)
    await client.login("coordinator@example.org", demo.DEMO_PASSWORD)

    english = await _alex_suggestion(client, base, None)
    assert english["summary"].startswith(ALEX_AND_PRIYA)
    assert english == await _alex_suggestion(client, base, "en-GB")

    welsh = await _alex_suggestion(client, base, "cy")
    assert welsh["score"] == english["score"]
    assert [p["factor"] for p in welsh["reasons"]] == [p["factor"] for p in english["reasons"]]
    assert not welsh["summary"].startswith(ALEX_AND_PRIYA)
    assert welsh["summary"].startswith("Mae Alex a Priya ill dau yn gofalu am")
    points = zip(
        welsh["reasons"] + welsh["compromises"], english["reasons"] + english["compromises"], strict=True
    )
    for ours, theirs in points:
        assert ours["text"] != theirs["text"]

    # Asked again in English, the same English: nothing Welsh was kept.
    assert await _alex_suggestion(client, base, None) == english


async def _sams_match(client: ApiClient, base: str, language: str | None) -> dict[str, Any]:
    matches = (await client.get(f"{base}/matches")).json()
    active = next(m for m in matches if m["status"] == "active")
    got = await client.get(f"{base}/matches/{active['id']}", headers=_headers(language))
    assert got.status_code == 200, got.text
    match: dict[str, Any] = got.json()
    return match


async def test_an_introduction_is_in_the_readers_language(db: Database, client: ApiClient) -> None:
    base = await _seed(db)
    await client.login("carer3@example.org", demo.DEMO_PASSWORD)

    english = await _sams_match(client, base, None)
    intro = english["introduction"]
    assert intro["display_name"] == "Helen Wright"
    assert intro["lines"][0].startswith("Cares for ") or intro["lines"][0].startswith("Has cared for ")
    assert any(line.startswith("Has been caring for ") for line in intro["lines"])

    welsh = await _sams_match(client, base, "cy")
    lines = welsh["introduction"]["lines"]
    assert len(lines) == len(intro["lines"])
    assert lines[0].startswith("Yn gofalu am ") or lines[0].startswith("Wedi gofalu am ")
    assert any(line.startswith("Wedi bod yn gofalu ers ") for line in lines)
    assert not set(lines) & set(intro["lines"])
    assert welsh["introduction"]["in_their_words"] == intro["in_their_words"]  # Helen's own words stay hers
    if english["explanation"]["reasons"]:
        assert welsh["explanation"]["summary"] != english["explanation"]["summary"]
        assert welsh["explanation"]["summary"].startswith("Rydych chi")
    assert await _sams_match(client, base, None) == english


async def test_who_looked_at_a_carers_record_is_in_polish(
    db: Database, client: ApiClient, new_client: Any
) -> None:
    base = await _seed(db)
    await client.login("coordinator@example.org", demo.DEMO_PASSWORD)
    await _alex_suggestion(client, base, None)  # the coordinator looks at Alex's suggested matches

    alex = new_client()
    await alex.login("carer1@example.org", demo.DEMO_PASSWORD)

    async def words(language: str | None) -> list[str]:
        got = await alex.get("/api/v1/me/access-log", headers=_headers(language))
        assert got.status_code == 200, got.text
        return [e["what"] for e in got.json()["entries"]]

    english, polish = await words(None), await words("pl")
    assert "looked at suggested matches for your support" in english
    assert "wyświetlił(a) proponowane dopasowania (dotyczy: Ciebie)" in polish
    assert len(polish) == len(english)
    assert not set(polish) & set(english)
    assert await words(None) == english
