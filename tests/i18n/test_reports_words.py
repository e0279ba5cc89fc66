"""The coordinator's report in the reader's language (issue 17): with ``Accept-Language: cy`` its section
titles, figure labels, notes, chart titles, months, units and "fewer than 5" are Welsh; with no header,
exactly the English they always were. The numbers and keys are the same in every language."""

from __future__ import annotations

import csv
import io
from typing import Any

from carerlink.db import Database
from tests.reports.factories import generate_org
from tests.support import signed_in

PERIOD = {"from": "2025-10-01", "to": "2026-03-31"}
ENGLISH_TITLES = [
    "Referrals",
    "Carers",
    "Matches",
    "Check-ins",
    "Wellbeing",
    "Crisis alerts and concerns",
    "Volunteer hours",
]
WELSH_TITLES = [
    "Atgyfeiriadau",
    "Gofalwyr",
    "Parau",
    "Gwiriadau",
    "Lles",
    "Rhybuddion argyfwng a phryderon",
    "Oriau gwirfoddoli",
]
# Words the organisation gave (an outcome measure's name, equality answers) are theirs, not ours.
OWN_WORDS = ("outcome_", "equality")


def _headers(language: str | None) -> dict[str, str]:
    return {} if language is None else {"Accept-Language": language}


def _texts(body: dict[str, Any]) -> list[tuple[str, str]]:
    """Every piece of words the server builds, with where it is."""
    out = [("rule", body["suppression"]["rule"]), ("fewer", body["suppression"]["words"])]
    for s in body["sections"]:
        if s["key"].startswith(OWN_WORDS):
            continue
        out.append((s["key"], s["title"]))
        if s["note"]:
            out.append((f"{s['key']}.note", s["note"]))
        out += [(f"{s['key']}.{f['key']}", f["label"]) for f in s["figures"]]
    for c in body["charts"]:
        out.append((c["key"], c["title"]))
        out += [(f"{c['key']}.{b['key']}", b["label"]) for b in c["bars"]]
    return out


def _numbers(body: dict[str, Any]) -> list[Any]:
    return [
        (s["key"], f["key"], f["value"], f["suppressed"], f["unit"])
        for s in body["sections"] + body["charts"]
        for f in s.get("figures", s.get("bars"))
    ]


async def test_the_report_is_in_the_readers_language(db: Database, new_client: Any) -> None:
    generated = await generate_org(db)
    coordinator = await signed_in(new_client, generated.coordinator.email)
    url = f"/api/v1/orgs/{generated.org.id}/reports/summary"
    bodies = {}
    for language in (None, "en-GB", "cy", "pl", "ur"):
        got = await coordinator.get(url, params=PERIOD, headers=_headers(language))
        assert got.status_code == 200, got.text
        bodies[language] = got.json()
    english, welsh = bodies[None], bodies["cy"]

    # No header: the English as it always was.
    assert bodies["en-GB"] == english
    assert [s["title"] for s in english["sections"]][:7] == ENGLISH_TITLES
    figures = {(s["key"], f["key"]): f for s in english["sections"] for f in s["figures"]}
    assert figures["matches", "ended_caring_ended"]["label"] == "Ended: Caring role ended"
    assert figures["carers", "waiting_median"]["label"] == "Waiting time to a first match: median"
    assert english["suppression"]["words"] == "fewer than 5"
    charts = {c["key"]: c for c in english["charts"]}
    months = charts["referrals_by_month"]["bars"]
    assert [(b["key"], b["label"]) for b in months[:4]] == [
        ("2025-10", "October 2025"),
        ("2025-11", "November 2025"),
        ("2025-12", "December 2025"),
        ("2026-01", "January 2026"),
    ]
    assert charts["ended_by_reason"]["title"] == "Matches that ended, by reason"
    assert all(
        f["words"] == "fewer than 5" for s in english["sections"] for f in s["figures"] if f["suppressed"]
    )
    timed = [f for s in english["sections"] for f in s["figures"] if f["unit"] in ("days", "hours")]
    assert any(
        f["words"].endswith((" days", " day", " hours", " hour")) for f in timed if f["value"] is not None
    )

    # Welsh: the same figures, every word built here in Welsh.
    assert _numbers(welsh) == _numbers(english)
    assert [s["title"] for s in welsh["sections"]][:7] == WELSH_TITLES
    welsh_texts = dict(_texts(welsh))
    for where, text in _texts(english):
        assert welsh_texts[where] != text, (where, text)
    welsh_months = {c["key"]: c for c in welsh["charts"]}["referrals_by_month"]["bars"]
    assert [b["label"] for b in welsh_months[:4]] == [
        "Hydref 2025",
        "Tachwedd 2025",
        "Rhagfyr 2025",
        "Ionawr 2026",
    ]
    assert welsh["suppression"]["words"] == "llai na 5"
    assert all(f["words"] == "llai na 5" for s in welsh["sections"] for f in s["figures"] if f["suppressed"])
    welsh_figures = {(s["key"], f["key"]): f for s in welsh["sections"] for f in s["figures"]}
    assert (
        welsh_figures["matches", "ended_caring_ended"]["label"] == "Wedi dod i ben: Daeth y rôl ofalu i ben"
    )
    for key, f in figures.items():
        if f["unit"] in ("days", "hours", "minutes") and f["value"] is not None and not f["suppressed"]:
            assert welsh_figures[key]["words"] != f["words"]

    # Polish and Urdu are translated too (every message; their words are checked by the catalogue tests).
    assert [s["title"] for s in bodies["pl"]["sections"]][:3] == ["Skierowania", "Opiekunowie", "Dopasowania"]
    assert bodies["ur"]["suppression"]["words"] == "5 سے کم"

    # The summary CSV follows the language too; its column headers stay English.
    table = list(
        csv.reader(
            io.StringIO(
                (await coordinator.get(f"{url}.csv", params=PERIOD, headers=_headers("cy")))
                .content.decode("utf-8")
                .removeprefix("\ufeff")
            )
        )
    )
    assert table[0] == ["section", "figure", "value", "words"]
    assert table[1][:2] == ["Atgyfeiriadau", "Atgyfeiriadau a ddaeth i law"]
