"""HTTP routes of the reports (coordinators): a period's summary in JSON and CSV, and row-level CSVs."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, Response, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter

from carerlink.i18n import N_
from carerlink.organisations.scope import Scope
from carerlink.reports import rows as row_exports
from carerlink.reports import service
from carerlink.reports.schemas import ChartRead, FigureRead, SectionRead, SummaryRead, SuppressionRead
from carerlink.reports.suppression import FEWER_WORDS, THRESHOLD, Figure, words

NO_STORE = {"cache-control": "no-store"}
RULE = N_(
    "Every figure about fewer than 5 people (and every median or mean worked out from fewer than 5) is "
    "shown as 'fewer than 5'; 0 is shown as 0. Where a withheld figure could be worked out from a total, "
    "the next smallest figure beside it is withheld too."
)
FromDate = Annotated[
    str | None,
    QueryParameter(
        name="from",
        required=False,
        description="First day, YYYY-MM-DD (default: the quarter's first)",
    ),
]
ToDate = Annotated[
    str | None,
    QueryParameter(
        name="to",
        required=False,
        description="Last day, YYYY-MM-DD, included (default: the quarter's last)",
    ),
]


def figure_read(f: Figure) -> FigureRead:
    """A figure as it is sent: withheld ones carry no value."""
    value = None if f.suppressed else f.value
    return FigureRead(
        key=f.key, label=f.label, value=value, suppressed=f.suppressed, words=words(f), unit=f.unit
    )


def summary_read(got: service.Summary) -> SummaryRead:
    """The report as coordinators read it."""
    return SummaryRead(
        organisation_name=got.organisation_name,
        from_date=got.period.first,
        to_date=got.period.last,
        time_zone=got.period.zone,
        generated_at=got.generated_at,
        suppression=SuppressionRead(threshold=THRESHOLD, words=str(FEWER_WORDS), rule=str(RULE)),
        sections=[
            SectionRead(key=s.key, title=s.title, figures=[figure_read(f) for f in s.figures], note=s.note)
            for s in got.sections
        ],
        charts=[
            ChartRead(
                key=c.key, title=c.title, kind=c.kind, unit=c.unit, bars=[figure_read(f) for f in c.bars]
            )
            for c in got.charts
        ],
    )


def attachment(got: service.Download) -> Response[bytes]:
    """A CSV download (UTF-8 with a byte-order mark) with its file name."""
    return Response(
        got.text.encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={**NO_STORE, "content-disposition": f'attachment; filename="{got.filename}"'},
    )


class ReportController(Controller):
    """Figures for funders and the council, and the centre's own records as spreadsheets."""

    path = "/api/v1/orgs/{org:str}/reports"
    tags = ["Reports"]

    @get(
        "/summary",
        operation_id="getReportSummary",
        summary="A period's figures, small numbers withheld (coordinators; audited)",
    )
    async def get_summary(
        self, org_scope: NamedDependency[Scope], first: FromDate = None, last: ToDate = None
    ) -> SummaryRead:
        """Whole days in the centre's time zone; without dates, the current quarter."""
        return summary_read(await service.summary(org_scope, first=first, last=last))

    @get(
        "/summary.csv",
        operation_id="downloadReportSummary",
        summary="The same figures as a CSV, one row a figure (coordinators; audited)",
        media_type="text/csv",
    )
    async def get_summary_csv(
        self, org_scope: NamedDependency[Scope], first: FromDate = None, last: ToDate = None
    ) -> Response[bytes]:
        """Columns: section, figure, value (empty when withheld), words."""
        return attachment(await service.summary_csv(org_scope, first=first, last=last))

    @get(
        "/carers.csv",
        operation_id="downloadCarersCsv",
        summary="Every carer, one row each (coordinators; audited)",
        media_type="text/csv",
    )
    async def carers_csv(self, org_scope: NamedDependency[Scope]) -> Response[bytes]:
        """Name, contact, status, dates and match: never needs or notes."""
        return attachment(await row_exports.export(org_scope, kind="carers"))

    @get(
        "/buddies.csv",
        operation_id="downloadBuddiesCsv",
        summary="Every buddy, one row each (coordinators; audited)",
        media_type="text/csv",
    )
    async def buddies_csv(self, org_scope: NamedDependency[Scope]) -> Response[bytes]:
        """Name, contact, status, dates and how many matches."""
        return attachment(await row_exports.export(org_scope, kind="buddies"))

    @get(
        "/matches.csv",
        operation_id="downloadMatchesCsv",
        summary="Every match, one row each (coordinators; audited)",
        media_type="text/csv",
    )
    async def matches_csv(self, org_scope: NamedDependency[Scope]) -> Response[bytes]:
        """The two names, status, dates and the ending reason: never notes or feedback."""
        return attachment(await row_exports.export(org_scope, kind="matches"))

    @get(
        "/checkins.csv",
        operation_id="downloadCheckinCountsCsv",
        summary="Check-in counts per match for a period (coordinators; audited)",
        media_type="text/csv",
    )
    async def checkins_csv(
        self, org_scope: NamedDependency[Scope], first: FromDate = None, last: ToDate = None
    ) -> Response[bytes]:
        """Counts only: never a score, an answer or a reply."""
        return attachment(await row_exports.export(org_scope, kind="checkins", first=first, last=last))
