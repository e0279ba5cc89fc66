"""Files for the import tests: CSV text built from rows of cells."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from carerlink.imports.columns import CARER_COLUMNS

CARER_HEADINGS = [c.name for c in CARER_COLUMNS]


def carer_row(number: int, **cells: str) -> dict[str, str]:
    """A good carer row (number ``number`` makes e-mail and phone unique)."""
    row = {
        "name": f"Carer {number}",
        "email": f"carer{number}@example.org",
        "phone": f"07700 9{number % 100000:05d}"[:12] if number < 1000 else "",
        "invite_by": "email",
        "referral_date": "2025-06-01",
        "relationships": "son_or_daughter",
        "co_resident": "yes",
        "hours_band": "20_to_49",
        "journey_stage": "established",
        "years_caring": "3",
        "carer_category": "adult",
        "languages": "en",
        "contact_modes": "phone",
        "postcode_district": "SE5",
        "region": "london",
        "needs": "",
        "health_consent_recorded_by": "",
        "health_consent_date": "",
        "health_consent_version": "",
    }
    row.update(cells)
    return row


def csv_bytes(
    rows: Sequence[dict[str, str]], *, headings: Sequence[str] = CARER_HEADINGS, bom: bool = False
) -> bytes:
    """The rows as a CSV file."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headings)
    for row in rows:
        writer.writerow([row.get(h, "") for h in headings])
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")
