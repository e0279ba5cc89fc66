"""HTTP routes of the retention schedule (coordinators): read it with its last runs, change it."""

from __future__ import annotations

from litestar import Controller, get, put
from litestar.di import NamedDependency
from litestar.params import JSONBody

from carerlink.organisations.schemas import RetentionSettings
from carerlink.organisations.scope import Scope
from carerlink.privacy.models import RetentionRun
from carerlink.privacy.retention import service
from carerlink.privacy.retention.schemas import RetentionClassRead, RetentionRunRead, RetentionScheduleRead


def run_read(run: RetentionRun) -> RetentionRunRead:
    """A run as coordinators read it."""
    removed = {key: count for key, count in service.removed_words(run.removed)}
    return RetentionRunRead(
        id=run.id,
        started_at=run.started_at,
        finished_at=run.finished_at,
        removed=removed,
        total=sum(removed.values()),
    )


def schedule_read(view: service.ScheduleView) -> RetentionScheduleRead:
    """The schedule as coordinators read it."""
    runs = [run_read(run) for run in view.runs]
    return RetentionScheduleRead(
        settings=view.settings,
        classes=[
            RetentionClassRead(
                key=c.key,
                words=c.words,
                setting=c.setting,
                value=c.value,
                unit=c.unit,
                default=c.default,
                period_words=service.period_words(c.value, c.unit),
                tables=c.tables,
                enforced_by_retention_run=c.enforced_here,
            )
            for c in view.classes
        ],
        last_run=runs[0] if runs else None,
        runs=runs,
    )


class RetentionController(Controller):
    """How long the centre keeps each kind of data, enforced every day by the retention run."""

    path = "/api/v1/orgs/{org:str}/retention"
    tags = ["People's data"]

    @get("/", operation_id="getRetention", summary="The retention schedule and its last runs (coordinators)")
    async def get_schedule(self, org_scope: NamedDependency[Scope]) -> RetentionScheduleRead:
        """Every class of data in plain words with its period, its tables, and what the last runs removed."""
        return schedule_read(await service.get_schedule(org_scope))

    @put("/", operation_id="setRetention", summary="Change the retention periods (coordinators; audited)")
    async def set_schedule(
        self, org_scope: NamedDependency[Scope], data: JSONBody[RetentionSettings]
    ) -> RetentionScheduleRead:
        """The tunable periods, all five sent; the next run uses them."""
        return schedule_read(await service.change_schedule(org_scope, retention=data))
