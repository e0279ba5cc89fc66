"""The row checks on their own: odd cells get plain words naming their column, never a crash."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carerlink.errors import Invalid
from carerlink.imports.checking import Known, check_headings, check_rows
from carerlink.imports.models import ImportKind
from carerlink.imports.reading import read_sheet
from tests.imports.support import CARER_HEADINGS, carer_row

NOBODY = Known(frozenset(), frozenset(), frozenset(), texts_on=False)


def _problems(**cells: str) -> list[tuple[str | None, str]]:
    row = carer_row(1, **cells)
    [checked] = check_rows(
        ImportKind.CARER,
        CARER_HEADINGS,
        [(2, [row[h] for h in CARER_HEADINGS])],
        known=NOBODY,
        today=date(2026, 3, 2),
    )
    return [(p.column, p.message) for p in checked.problems]


@pytest.mark.parametrize(
    ("cells", "column", "words"),
    [
        ({"name": "Pat\x07Smith"}, "name", "hidden character"),
        ({"name": "Pat\n  Smith"}, None, ""),  # spaces and line breaks are tidied, as everywhere
        ({"name": "P" * 81}, "name", "too long"),
        ({"name": ""}, "name", "empty"),
        ({"email": ""}, "email", "empty"),
        ({"phone": "call me"}, "phone", "digits only"),
        ({"phone": "+33 6 12 34 56 78"}, None, ""),  # an international number is no formula
        ({"phone": "-07700 900123"}, "phone", "formula"),
        ({"email": "@pat@example.org"}, "email", "formula"),
        ({"invite_by": "pigeon"}, "invite_by", "isn't a way we can invite"),
        ({"invite_by": "text"}, "invite_by", "doesn't send texts"),
        ({"referral_date": "next week"}, "referral_date", "isn't a date"),
        ({"referral_date": "2027-01-01"}, "referral_date", "in the future"),
        ({"referral_date": "14/02/2025"}, None, ""),
        ({"co_resident": "sometimes"}, "co_resident", "yes or no"),
        ({"years_caring": "81"}, "years_caring", "0 to 80"),
        ({"languages": "en; klingon"}, "languages", "language codes"),
        ({"hours_band": ""}, "hours_band", "fill this in too"),
        ({"contact_modes": "phone; carrier pigeon"}, "contact_modes", "'carrier_pigeon'"),
        (
            {"health_consent_date": "2025-01-01", "health_consent_version": "health-data-2026-11"},
            "health_consent_recorded_by",
            "who took it",
        ),
        (
            {
                "health_consent_recorded_by": "Morgan",
                "health_consent_date": "2025-01-01",
                "health_consent_version": "v1",
            },
            "health_consent_version",
            "health-data-2026-11",
        ),
    ],
)
def test_each_odd_cell_is_named_in_plain_words(cells: dict[str, str], column: str | None, words: str) -> None:
    found = _problems(**cells)
    if column is None:
        assert found == []
    else:
        assert [c for c, _ in found] == [column], found
        assert words in found[0][1]


def test_every_profile_column_can_be_left_empty() -> None:
    empty = {name: "" for name in CARER_HEADINGS[5:]}
    assert _problems(**empty) == []


@settings(max_examples=200, deadline=None)
@given(content=st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_any_bytes_are_read_or_refused_in_words_never_a_crash(content: bytes) -> None:
    for name in ("people.csv", "people.xlsx"):
        refused: Invalid | None = None
        try:
            _, sheet = read_sheet(name, content)
            check_headings(ImportKind.CARER, sheet.headings)
        except Invalid as refusal:
            refused = refusal
        if refused is None:
            check_rows(ImportKind.CARER, sheet.headings, sheet.rows, known=NOBODY, today=date(2026, 3, 2))
        else:
            assert (refused.field, bool(refused.detail)) == ("file", True)


@settings(max_examples=200, deadline=None)
@given(cells=st.lists(st.text(max_size=30), min_size=len(CARER_HEADINGS), max_size=len(CARER_HEADINGS) + 2))
def test_any_cells_give_problems_in_words_never_a_crash(cells: list[str]) -> None:
    [row] = check_rows(ImportKind.CARER, CARER_HEADINGS, [(2, cells)], known=NOBODY, today=date(2026, 3, 2))
    assert all(p.message for p in row.problems)
    assert row.ok == (row.problems == [])


def test_an_xlsx_keeps_dates_numbers_and_yes_or_no_as_a_coordinator_typed_them() -> None:
    import io
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    row = carer_row(1)
    sheet.append(CARER_HEADINGS)
    typed: dict[str, object] = {**row, "referral_date": datetime(2025, 6, 1), "years_caring": 4}
    typed |= {"co_resident": True, "phone": 7700900123}
    sheet.append([typed[h] for h in CARER_HEADINGS])
    out = io.BytesIO()
    book.save(out)

    kind, read = read_sheet("people.xlsx", out.getvalue())
    [checked] = check_rows(ImportKind.CARER, read.headings, read.rows, known=NOBODY, today=date(2026, 3, 2))
    assert kind == "xlsx" and checked.problems == []
    assert checked.phone == "+447700900123"
    assert checked.waiting_since is not None and checked.waiting_since.date() == date(2025, 6, 1)
    assert checked.profile is not None and checked.profile.years_caring == 4 and checked.profile.co_resident
