# ruff: noqa: RUF001  (Urdu is written with the Arabic full stop)
"""Problems in the request's language (issue 17): every RFC 9457 answer's ``title``, ``detail`` and
``errors[].message`` are in the language the app sends as ``Accept-Language``; without one, or in a
language carerlink doesn't speak, they are in English exactly as before; the field a message is about
stays as the client sent it."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from carerlink.actor import Role
from carerlink.db import Database
from carerlink.i18n import PSEUDO
from tests.support import PASSWORD, ApiClient, make_org, make_user, problem

ENGLISH = {
    "wrong_password": "That e-mail address and password don't match an account. Check them and try again.",
    "sign_in_failed": "Sign-in failed",
    "check": "Please check what you entered",
    "wrong_type": "Expected `str`, got `int`",
    "missing": "Object missing required field `password`",
    "no_match": "No such match.",
    "not_found": "Not found",
}
# What a Welsh, Urdu or Polish reader gets instead (the catalogues' words, checked here once each).
TRANSLATED = {
    "cy": {
        "wrong_password": "Nid yw'r cyfeiriad e-bost a'r cyfrinair hwnnw'n cyfateb i gyfrif. "
        "Gwiriwch nhw a rhowch gynnig arall arni.",
        "sign_in_failed": "Methodd mewngofnodi",
        "check": "Gwiriwch yr hyn a roesoch",
        "wrong_type": "Roedd disgwyl `str`, cafwyd `int`",
        "missing": "Mae maes gofynnol `password` ar goll o'r gwrthrych",
        "no_match": "Dim paru o'r fath.",
        "not_found": "Heb ei ganfod",
    },
    "ur": {
        "wrong_password": "یہ ای میل ایڈریس اور پاس ورڈ کسی اکاؤنٹ سے میل نہیں کھاتے۔ "
        "انہیں چیک کر کے دوبارہ کوشش کریں۔",
        "sign_in_failed": "سائن اِن ناکام رہا",
        "check": "براہِ کرم اپنا درج کردہ مواد دیکھ لیں",
        "wrong_type": "`str` متوقع تھا، `int` ملا",
        "missing": "آبجیکٹ میں ضروری فیلڈ `password` موجود نہیں",
        "no_match": "ایسی کوئی جوڑی نہیں۔",
        "not_found": "نہیں ملا",
    },
    "pl": {
        "wrong_password": "Ten adres e-mail i hasło nie pasują do żadnego konta. "
        "Proszę je sprawdzić i spróbować ponownie.",
        "sign_in_failed": "Logowanie nie powiodło się",
        "check": "Proszę sprawdzić wpisane dane",
        "wrong_type": "Oczekiwano `str`, otrzymano `int`",
        "missing": "W obiekcie brakuje wymaganego pola `password`",
        "no_match": "Nie ma takiej pary.",
        "not_found": "Nie znaleziono",
    },
}
# English exactly as before: no header, English itself, and languages carerlink doesn't speak.
AS_BEFORE = [None, "en-GB", "en", "de", "fr-FR, de;q=0.8"]
LOGIN = "/api/v1/auth/login"


def _headers(language: str | None) -> dict[str, str]:
    return {} if language is None else {"Accept-Language": language}


async def _words(client: ApiClient, language: str | None, signed_in: ApiClient) -> dict[str, Any]:
    """The problems of a wrong password, a body of the wrong type, a missing field and an unknown match."""
    headers = _headers(language)
    wrong = problem(
        await client.post(LOGIN, json={"email": "c@example.org", "password": "not it"}, headers=headers), 401
    )
    wrong_type = problem(
        await client.post(LOGIN, json={"email": "c@example.org", "password": 12345678}, headers=headers), 422
    )
    missing = problem(await client.post(LOGIN, json={"email": "c@example.org"}, headers=headers), 422)
    no_match = problem(
        await signed_in.get(f"/api/v1/orgs/{signed_in.org}/matches/{uuid.uuid4()}", headers=headers),  # type: ignore[attr-defined]
        404,
    )
    return {"wrong": wrong, "wrong_type": wrong_type, "missing": missing, "no_match": no_match}


@pytest.fixture
async def people(db: Database, new_client):  # type: ignore[no-untyped-def]
    org = await make_org(db)
    await make_user(db, organisation=org, roles=(Role.CARER,), email="c@example.org")
    carer = new_client()
    await carer.login("c@example.org", PASSWORD)
    carer.org = org.slug
    return new_client(), carer


def _check(found: dict[str, Any], words: dict[str, str]) -> None:
    wrong = found["wrong"]
    assert wrong["title"] == words["sign_in_failed"]
    assert wrong["detail"] == words["wrong_password"]
    wrong_type = found["wrong_type"]
    assert wrong_type["title"] == words["check"]
    assert wrong_type["detail"] == words["wrong_type"]
    assert wrong_type["errors"] == [{"field": "password", "message": words["wrong_type"]}]
    missing = found["missing"]
    assert missing["detail"] == words["missing"]
    assert missing["errors"] == [{"field": "password", "message": words["missing"]}]
    no_match = found["no_match"]
    assert no_match["title"] == words["not_found"]
    assert no_match["detail"] == words["no_match"]


@pytest.mark.parametrize("language", ["cy", "ur", "pl", "cy-GB, en;q=0.5", "pl-PL"])
async def test_problems_are_in_the_requests_language(
    people: tuple[ApiClient, ApiClient], language: str
) -> None:
    anonymous, carer = people
    found = await _words(anonymous, language, carer)
    _check(found, TRANSLATED[language[:2]])
    # Codes, types and fields stay as they are: a client tells problems apart by them, not by words.
    assert found["wrong"]["type"] == "urn:carerlink:problem:invalid-credentials"
    assert found["no_match"]["type"] == "urn:carerlink:problem:not-found"


@pytest.mark.parametrize("language", AS_BEFORE)
async def test_without_a_language_carerlink_speaks_problems_are_english_as_before(
    people: tuple[ApiClient, ApiClient], language: str | None
) -> None:
    anonymous, carer = people
    _check(await _words(anonymous, language, carer), ENGLISH)


async def test_litestars_own_problems_are_translated_too(
    people: tuple[ApiClient, ApiClient],
) -> None:
    anonymous, carer = people
    # An unknown route: the status phrase is the title and the detail.
    english = problem(await anonymous.get("/api/v1/no-such-thing"), 404)
    welsh = problem(await anonymous.get("/api/v1/no-such-thing", headers={"Accept-Language": "cy"}), 404)
    assert (english["title"], english["detail"]) == ("Not Found", "Not Found")
    assert (welsh["title"], welsh["detail"]) == ("Heb ei ganfod", "Heb ei ganfod")
    # A query parameter out of range names the parameter as sent, in words of the reader's language.
    url = f"/api/v1/orgs/{carer.org}/matches/{uuid.uuid4()}/messages?limit=0"  # type: ignore[attr-defined]
    english = problem(await carer.get(url), 422)
    polish = problem(await carer.get(url, headers={"Accept-Language": "pl"}), 422)
    assert english["errors"] == [{"field": "limit", "message": "Expected `int` >= 1"}]
    assert polish["errors"] == [{"field": "limit", "message": "Oczekiwano `int` >= 1"}]
    assert polish["title"] == "Proszę sprawdzić wpisane dane"
    # A text with a control character: the kit's own words.
    body = {"email": "c@example.org\u0007", "password": "x"}
    urdu = problem(await anonymous.post(LOGIN, json=body, headers={"Accept-Language": "ur"}), 422)
    assert [e["field"] for e in urdu["errors"]] == ["email"]
    assert not urdu["detail"].isascii(), urdu


def _unbracketed(body: dict[str, Any]) -> list[str]:
    texts = [body["title"], body["detail"], *(e["message"] for e in body.get("errors", []))]
    return [text for text in texts if not text.startswith("⟦")]


async def test_in_the_pseudo_language_no_problem_is_left_in_english(
    db: Database, people: tuple[ApiClient, ApiClient]
) -> None:
    anonymous, carer = people
    coordinator_org = await make_org(db)
    await make_user(db, organisation=coordinator_org, roles=(Role.COORDINATOR,), email="co@example.org")
    headers = {"Accept-Language": PSEUDO}
    org = carer.org  # type: ignore[attr-defined]
    answers: list[httpx.Response] = [
        await anonymous.post(LOGIN, json={"email": "c@example.org", "password": "not it"}, headers=headers),
        await anonymous.post(LOGIN, json={"email": "c@example.org", "password": 1}, headers=headers),
        await anonymous.post(LOGIN, json={"email": "c@example.org"}, headers=headers),
        await anonymous.post(
            LOGIN, json={"email": "c@example.org", "password": "x", "x": 1}, headers=headers
        ),
        await anonymous.post(LOGIN, content=b"{", headers={**headers, "content-type": "application/json"}),
        await anonymous.get("/api/v1/no-such-thing", headers=headers),
        await anonymous.get(f"/api/v1/orgs/{org}/matches", headers=headers),
        await carer.get(f"/api/v1/orgs/{org}/matches/{uuid.uuid4()}", headers=headers),
        await carer.get(f"/api/v1/orgs/{org}/matches/{uuid.uuid4()}/messages?limit=0", headers=headers),
        await carer.get(f"/api/v1/orgs/{org}/audit", headers=headers),
        await carer.get(f"/api/v1/orgs/{org}/message-reports", headers=headers),
        await carer.get(f"/api/v1/orgs/{coordinator_org.slug}/members", headers=headers),
        # Refused by the CSRF middleware, outside any handler.
        await carer.http.post(f"/api/v1/orgs/{org}/matches", json={}, headers=headers),
    ]
    for response in answers:
        assert response.status_code >= 400, response.text
        assert response.headers["content-type"].startswith("application/problem+json"), response.text
        assert _unbracketed(response.json()) == [], response.text
