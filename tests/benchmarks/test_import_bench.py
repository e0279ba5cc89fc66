"""Bringing 2,000 carers in from a spreadsheet (issue 16: checked in ≤ 10 s, confirmed in ≤ 30 s on SQLite).

Through the API, as a coordinator does it: the dry run of a 2,000-row CSV (every row checked, the
e-mails and numbers looked up in one query per 500), then the confirm that writes every person, their
membership, profile, consent, invitation and e-mail in one transaction. The baseline, in the same run:
a plain ``csv`` parse of the same file, so a slow machine shows as a slow baseline too.
"""

from __future__ import annotations

import csv
import io
import time

from carerlink.actor import Role
from carerlink.db import Database
from tests.benchmarks.figures import Figures
from tests.imports.support import carer_row, csv_bytes
from tests.support import ApiClient, make_org, make_user

ROWS = 2000
CHECK_BUDGET_S = 10.0
CONFIRM_BUDGET_S = 30.0
CONSENTED = {
    "health_consent_recorded_by": "Morgan Lee",
    "health_consent_date": "2025-05-20",
    "health_consent_version": "health-data-2026-11",
}


async def test_two_thousand_rows_are_checked_and_confirmed_within_budget(
    db: Database, client: ApiClient, figures: Figures, settings: object
) -> None:
    backend = "postgresql" if "postgresql" in str(getattr(settings, "database_url", "")) else "sqlite"
    org = await make_org(db)
    await make_user(db, organisation=org, roles=(Role.COORDINATOR,), email="coord@example.org")
    await client.login("coord@example.org")
    rows = [carer_row(i, phone="", needs="dementia" if i % 2 else "", **CONSENTED) for i in range(ROWS)]
    content = csv_bytes(rows)

    started = time.perf_counter()
    parsed = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    baseline = time.perf_counter() - started
    assert len(parsed) == ROWS + 1

    started = time.perf_counter()
    checked = await client.post(
        f"/api/v1/orgs/{org.id}/imports/",
        data={"kind": "carer"},
        files={"file": ("c.csv", content, "text/csv")},
    )
    checking = time.perf_counter() - started
    assert checked.status_code == 201, checked.text
    assert checked.json()["summary"]["rows_ready"] == ROWS

    started = time.perf_counter()
    confirmed = await client.post(f"/api/v1/orgs/{org.id}/imports/{checked.json()['summary']['id']}/confirm")
    confirming = time.perf_counter() - started
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["summary"]["rows_imported"] == ROWS

    figures.record(
        f"import of {ROWS} carers ({backend})",
        f"dry run {checking:.1f} s (budget {CHECK_BUDGET_S:.0f} s on SQLite), confirm {confirming:.1f} s "
        f"(budget {CONFIRM_BUDGET_S:.0f} s); a plain CSV parse of the same file {baseline * 1000:.0f} ms",
    )
    if backend == "sqlite":
        assert checking <= CHECK_BUDGET_S
        assert confirming <= CONFIRM_BUDGET_S
