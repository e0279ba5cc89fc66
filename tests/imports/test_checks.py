"""The issue's check: 2,000 rows with 40 planted errors report exactly those 40; bad files are clear 4xx."""

from __future__ import annotations

import csv
import io
import random
import zipfile
from typing import Any

import pytest
from litestar import Litestar
from openpyxl import Workbook
from sqlalchemy import func, select

from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.db import Database
from carerlink.imports import service as imports_service
from carerlink.mail.jobs import deliver_mail
from carerlink.organisations.models import Membership
from tests.imports.support import CARER_HEADINGS, carer_row, csv_bytes
from tests.support import ApiClient, Mailbox, make_org, make_user, problem

CONSENTED = {
    "health_consent_recorded_by": "Morgan Lee",
    "health_consent_date": "2025-05-20",
    "health_consent_version": "health-data-2026-11",
}


def planted(total: int = 2000) -> tuple[list[dict[str, str]], set[tuple[int, str]]]:
    """``total`` good rows with 40 errors planted, 8 of each kind, one a row; (spreadsheet row, column)."""
    rows = [carer_row(i, phone="", needs="dementia" if i % 3 == 0 else "", **CONSENTED) for i in range(total)]
    expected: set[tuple[int, str]] = set()
    for k in range(8):
        i = 10 + k * 240
        rows[i]["email"] = f"carer{i}.example.org"
        expected.add((i + 2, "email"))
        rows[i + 1]["hours_band"] = "loads"
        expected.add((i + 3, "hours_band"))
        rows[i + 2]["email"] = rows[i - 5]["email"]  # the same person twice
        expected.add((i + 4, "email"))
        rows[i + 3].update(needs="autism", health_consent_recorded_by="", health_consent_date="")
        rows[i + 3]["health_consent_version"] = ""
        expected.add((i + 5, "needs"))
        rows[i + 4]["name"] = '=HYPERLINK("http://evil.example","click")'
        expected.add((i + 6, "name"))
    return rows, expected


async def _coordinator(db: Database, client: ApiClient) -> Any:
    org = await make_org(db)
    await make_user(db, organisation=org, roles=(Role.COORDINATOR,), email="coord@example.org")
    await client.login("coord@example.org")
    return org


async def _count(db: Database, org_id: Any) -> int:
    async with db.session_scope() as session:
        return int(
            await session.scalar(
                select(func.count()).select_from(Membership).where(Membership.organisation_id == org_id)
            )
            or 0
        )


async def test_two_thousand_rows_with_forty_planted_errors(
    app: Litestar, db: Database, client: ApiClient, mailbox: Mailbox
) -> None:
    org = await _coordinator(db, client)
    rows, expected = planted()
    checked = await client.post(
        f"/api/v1/orgs/{org.id}/imports/",
        data={"kind": "carer"},
        files={"file": ("c.csv", csv_bytes(rows), "text/csv")},
    )
    assert checked.status_code == 201, checked.text
    body = checked.json()
    found = {(r["row_number"], p["column"]) for r in body["rows"] for p in r["problems"]}
    assert found == expected
    assert body["summary"]["rows_with_errors"] == 40 and body["summary"]["duplicates"] == 8
    assert await _count(db, org.id) == 1
    await deliver_mail(app.state.runtime)
    assert mailbox.sent == []

    confirmed = await client.post(f"/api/v1/orgs/{org.id}/imports/{body['summary']['id']}/confirm")
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["summary"]["rows_imported"] == 1960
    assert await _count(db, org.id) == 1961
    await deliver_mail(app.state.runtime)
    assert len(mailbox.sent) == 1960


async def test_a_failed_confirm_writes_nothing_and_contacts_nobody(
    app: Litestar, db: Database, client: ApiClient, mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = await _coordinator(db, client)
    rows = [carer_row(i, needs="dementia", **CONSENTED) for i in range(5)]
    checked = (
        await client.post(
            f"/api/v1/orgs/{org.id}/imports/",
            data={"kind": "carer"},
            files={"file": ("c.csv", csv_bytes(rows), "text/csv")},
        )
    ).json()

    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(imports_service.organisations, "give_consent", broken)
    failed = await client.post(f"/api/v1/orgs/{org.id}/imports/{checked['summary']['id']}/confirm")
    assert failed.status_code == 500  # a fault of ours, not of the file: nothing of it is kept
    assert await _count(db, org.id) == 1
    async with db.session_scope() as session:
        assert (
            await session.scalar(select(func.count()).select_from(User).where(User.email.like("carer%"))) == 0
        )
    await deliver_mail(app.state.runtime)
    assert mailbox.sent == []
    monkeypatch.undo()
    listed = (await client.get(f"/api/v1/orgs/{org.id}/imports/")).json()
    assert [i["status"] for i in listed] == ["checked"]  # still there to confirm again


def _xlsx(rows: list[dict[str, str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(CARER_HEADINGS)
    for row in rows:
        sheet.append([row[h] for h in CARER_HEADINGS])
    sheet["A3"] = '=HYPERLINK("http://evil.example","x")'
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("delimiter", [";", "\t"])
async def test_a_file_saved_with_semicolons_or_tabs_is_read_as_well(
    db: Database, client: ApiClient, delimiter: str
) -> None:
    """Excel saves "CSV" with semicolons where the decimal mark is a comma (Polish Excel, for one)."""
    org = await _coordinator(db, client)
    rows = [carer_row(1, relationships="son_or_daughter;partner"), carer_row(2)]
    with_commas = csv_bytes(rows).decode("utf-8")
    parsed = list(csv.reader(io.StringIO(with_commas, newline="")))
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(parsed)
    checked = await client.post(
        f"/api/v1/orgs/{org.id}/imports/",
        data={"kind": "carer"},
        files={"file": ("c.csv", out.getvalue().encode("utf-8"), "text/csv")},
    )
    assert checked.status_code == 201, checked.text
    body = checked.json()
    assert body["summary"]["rows_ready"] == 2 and body["summary"]["rows_with_errors"] == 0
    assert [r["email"] for r in body["rows"]] == ["carer1@example.org", "carer2@example.org"]


async def test_xlsx_and_a_byte_order_mark_are_read(db: Database, client: ApiClient) -> None:
    org = await _coordinator(db, client)
    rows = [carer_row(1, name="Zoë Ødegaard"), carer_row(2)]
    xlsx = await client.post(
        f"/api/v1/orgs/{org.id}/imports/",
        data={"kind": "carer"},
        files={"file": ("c.xlsx", _xlsx(rows), "application/octet-stream")},
    )
    assert xlsx.status_code == 201, xlsx.text
    body = xlsx.json()
    assert body["summary"]["file_format"] == "xlsx"
    assert body["rows"][0]["name"] == "Zoë Ødegaard" and not body["rows"][0]["problems"]
    assert [p["column"] for p in body["rows"][1]["problems"]] == ["name"]  # the formula refused
    bom = await client.post(
        f"/api/v1/orgs/{org.id}/imports/",
        data={"kind": "carer"},
        files={"file": ("c.csv", csv_bytes(rows, bom=True), "text/csv")},
    )
    assert bom.json()["rows"][0]["name"] == "Zoë Ødegaard" and bom.json()["summary"]["rows_with_errors"] == 0
    template = await client.get(f"/api/v1/orgs/{org.id}/imports/template.csv?kind=carer")
    assert template.status_code == 200 and template.text.lstrip("\ufeff").startswith("name,email,phone")
    from_template = await client.post(
        f"/api/v1/orgs/{org.id}/imports/",
        data={"kind": "carer"},
        files={"file": ("t.csv", template.content, "text/csv")},
    )
    assert from_template.json()["summary"]["rows_with_errors"] == 0  # the example row is a good row
    assert (await client.get(f"/api/v1/orgs/{org.id}/imports/template.xlsx?kind=buddy")).status_code == 200


def _workbook_with(change: dict[str, bytes | None]) -> bytes:
    """A real workbook of two rows with some of its zip's members replaced or added (``None``: left out)."""
    good = zipfile.ZipFile(io.BytesIO(_xlsx([carer_row(1), carer_row(2)])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in good.namelist():
            content = change.get(member, good.read(member))
            if content is not None:
                archive.writestr(member, content)
        for member, content in change.items():
            if member not in good.namelist() and content is not None:
                archive.writestr(member, content)
    return out.getvalue()


def _half(member: str) -> bytes:
    """The first half of a workbook's member, as a copy cut short would leave it."""
    whole = zipfile.ZipFile(io.BytesIO(_xlsx([carer_row(1), carer_row(2)]))).read(member)
    return whole[: len(whole) // 2]


def _zip_of(**members: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


NOT_A_WORKBOOK = "could not be read as an Excel workbook"


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "as text"),
        ("empty.csv", b"", "empty"),
        ("headings.csv", b"name,email\r\n", "no people"),
        ("columns.csv", b"name,email,shoe size\r\nPat,pat@example.org,9\r\n", "shoe size"),
        ("missing.csv", b"name\r\nPat\r\n", "missing the column email"),
        ("broken.xlsx", b"PK\x03\x04 not really a zip", NOT_A_WORKBOOK),
        # CSV: Latin-1 (as older Excel saves "CSV" on Windows), a NUL byte, headings only, another
        # header, one cell longer than any spreadsheet's.
        ("latin1.csv", "name,email\r\nZoë,zoe@example.org\r\n".encode("latin-1"), "CSV UTF-8"),
        ("nul.csv", b"name,email\r\nPat\x00,pat@example.org\r\n", "doesn't look like a CSV"),
        ("only-headings.csv", csv_bytes([]), "no people"),
        ("other.csv", b"Surname,Forename,DOB\r\nSmith,Pat,1970-01-01\r\n", "surname, forename, dob"),
        ("long.csv", b"name,email\r\n" + b"P" * 200_000 + b",pat@example.org\r\n", "check it was saved"),
        # .xlsx: a real zip with a sheet cut in half; a bad workbook.xml, styles.xml or
        # [Content_Types].xml; a zip that is no workbook; random bytes named .xlsx; an empty one.
        (
            "cut.xlsx",
            _workbook_with({"xl/worksheets/sheet1.xml": _half("xl/worksheets/sheet1.xml")}),
            NOT_A_WORKBOOK,
        ),
        ("book.xlsx", _workbook_with({"xl/workbook.xml": b"<workbook><sheets"}), NOT_A_WORKBOOK),
        ("styles.xlsx", _workbook_with({"xl/styles.xml": _half("xl/styles.xml")}), NOT_A_WORKBOOK),
        ("types.xlsx", _workbook_with({"[Content_Types].xml": b"not xml at all"}), NOT_A_WORKBOOK),
        ("no-types.xlsx", _workbook_with({"[Content_Types].xml": None}), NOT_A_WORKBOOK),
        ("notes.xlsx", _zip_of(**{"notes.txt": b"just a zip"}), NOT_A_WORKBOOK),
        ("random.xlsx", bytes(random.Random(16).randrange(256) for _ in range(3000)), "Excel"),
        ("empty.xlsx", b"", "empty"),
    ],
    ids=lambda value: value if isinstance(value, str) and value.endswith((".csv", ".xlsx", ".png")) else "",
)
async def test_bad_files_are_refused_in_plain_words(
    db: Database, client: ApiClient, name: str, content: bytes, words: str
) -> None:
    org = await _coordinator(db, client)
    refused = await client.post(
        f"/api/v1/orgs/{org.id}/imports/", data={"kind": "carer"}, files={"file": (name, content, "text/csv")}
    )
    body = problem(refused, 422)
    assert words in body["detail"]
    assert body["errors"][0]["field"] == "file"


async def test_a_workbook_far_bigger_unpacked_than_any_spreadsheet_of_people_is_refused(
    db: Database, client: ApiClient
) -> None:
    org = await _coordinator(db, client)
    # A few kilobytes that unpack to 80 MB of shared strings: openpyxl would read them whole.
    bomb = _workbook_with({"xl/sharedStrings.xml": b"<sst>" + b" " * (80 * 1024 * 1024) + b"</sst>"})
    assert len(bomb) < 1024 * 1024
    refused = await client.post(
        f"/api/v1/orgs/{org.id}/imports/",
        data={"kind": "carer"},
        files={"file": ("big.xlsx", bomb, "application/octet-stream")},
    )
    body = problem(refused, 422)
    assert "too big once unpacked" in body["detail"] and body["errors"][0]["field"] == "file"


async def test_too_big_and_not_a_form_are_4xx(db: Database, client: ApiClient) -> None:
    org = await _coordinator(db, client)
    big = await client.post(
        f"/api/v1/orgs/{org.id}/imports/",
        data={"kind": "carer"},
        files={"file": ("c.csv", b"x" * (5 * 1024 * 1024), "text/csv")},
    )
    assert "The file is too big (the most is 4 MB)" in problem(big, 422)["detail"]
    huge = await client.post(
        f"/api/v1/orgs/{org.id}/imports/",
        data={"kind": "carer"},
        files={"file": ("c.csv", b"x" * (9 * 1024 * 1024), "text/csv")},
    )
    problem(huge, 413)
    wrong_kind = await client.post(
        f"/api/v1/orgs/{org.id}/imports/",
        data={"kind": "cat"},
        files={"file": ("c.csv", b"name\r\n", "text/csv")},
    )
    problem(wrong_kind, 422)
    assert (await client.post(f"/api/v1/orgs/{org.id}/imports/", json={"kind": "carer"})).status_code in (
        400,
        415,
    )


async def test_only_coordinators_of_the_centre_use_imports(db: Database, new_client: Any) -> None:
    org, other = await make_org(db), await make_org(db)
    await make_user(db, organisation=org, roles=(Role.COORDINATOR,), email="coord@example.org")
    await make_user(db, organisation=org, roles=(Role.CARER,), email="carer@example.org")
    await make_user(db, organisation=org, roles=(Role.BUDDY,), email="buddy@example.org")
    await make_user(db, organisation=other, roles=(Role.COORDINATOR,), email="stranger@example.org")
    owner = new_client()
    await owner.login("coord@example.org")
    made = (
        await owner.post(
            f"/api/v1/orgs/{org.id}/imports/",
            data={"kind": "carer"},
            files={"file": ("c.csv", csv_bytes([carer_row(1)]), "text/csv")},
        )
    ).json()
    base = f"/api/v1/orgs/{org.id}/imports"
    routes = [
        ("GET", f"{base}/", {}),
        ("GET", f"{base}/template.csv?kind=carer", {}),
        ("GET", f"{base}/template.xlsx?kind=buddy", {}),
        ("GET", f"{base}/{made['summary']['id']}", {}),
        (
            "POST",
            f"{base}/",
            {"data": {"kind": "carer"}, "files": {"file": ("c.csv", b"name\r\n", "text/csv")}},
        ),
        (
            "POST",
            f"{base}/{made['summary']['id']}/file",
            {"files": {"file": ("c.csv", b"name\r\n", "text/csv")}},
        ),
        ("POST", f"{base}/{made['summary']['id']}/confirm", {}),
    ]
    for who, expected in [
        ("carer@example.org", 403),
        ("buddy@example.org", 403),
        ("stranger@example.org", 404),
        (None, 401),
    ]:
        browser = new_client()
        if who:
            await browser.login(who)
        for method, url, kwargs in routes:
            answer = await browser.request(method, url, **kwargs)
            assert answer.status_code == expected, (who, url, answer.text)
    assert (await owner.get(f"{base}/{made['summary']['id']}")).status_code == 200
