"""``create_app(settings)``: the one place every controller, dependency, middleware and hook is listed."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from litestar import Litestar
from litestar.datastructures import State
from litestar.di import Provide
from litestar.middleware import DefineMiddleware
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme
from litestar.routes import HTTPRoute

from carerlink import __version__
from carerlink.accounts.controller import AuthController, PasswordController
from carerlink.accounts.service import SessionLimits
from carerlink.checkins.controller import (
    AttentionController,
    CarerWellbeingController,
    CheckinController,
    MatchCheckinsController,
    MyCheckinsController,
)
from carerlink.checkins.links_controller import AnswerLinkController
from carerlink.concerns.controller import ConcernController
from carerlink.db import migrate
from carerlink.hours.controller import HoursController, MyHoursController
from carerlink.http.errors import EXCEPTION_HANDLERS
from carerlink.http.middleware import (
    CsrfMiddleware,
    RequestContextMiddleware,
    options_allow_header,
    security_headers,
)
from carerlink.http.openapi import document_problems
from carerlink.http.request import StrictRequest
from carerlink.http.static import FrontendController, FrontendFiles
from carerlink.imports.controller import ImportController
from carerlink.kit.clock import Clock
from carerlink.kit.logs import configure_logging
from carerlink.mail.transport import transport_for
from carerlink.matching.controller import (
    DraftController,
    MatchController,
    MembershipController,
    WaitingListController,
)
from carerlink.messaging.controller import MessageReportsController, MessagesController
from carerlink.notifications import vapid
from carerlink.notifications.controller import (
    DeliverySummaryController,
    InboxController,
    PreferencesController,
    PushController,
)
from carerlink.notifications.unsubscribe_controller import UnsubscribeController
from carerlink.organisations.controller import (
    InvitationController,
    MeController,
    OrganisationController,
    SessionController,
)
from carerlink.outcomes.controller import (
    MyEqualityController,
    MyOutcomeAsksController,
    OutcomeMeasureController,
)
from carerlink.privacy.audit_log.controller import AccessLogController, AuditLogController
from carerlink.privacy.erasure.controller import ErasureController, MyErasureController
from carerlink.privacy.export.controller import (
    ExportDownloadController,
    MyExportController,
    OrgExportController,
)
from carerlink.privacy.retention.controller import RetentionController
from carerlink.profiles import pool_revision
from carerlink.profiles.controller import (
    MyProfileController,
    ProfileController,
    ScreeningController,
    SupervisionController,
)
from carerlink.reports.controller import ReportController
from carerlink.runtime import MailTransport, Runtime
from carerlink.safeguarding.controller import AlertController
from carerlink.scheduler import build_scheduler
from carerlink.scheduler import stop as stop_scheduler
from carerlink.settings import Settings
from carerlink.web import deps
from carerlink.web.health import HealthController
from carerlink.web.metrics import MetricsController
from carerlink.web.texts import PhoneVerificationController, TextWebhookController

log = logging.getLogger("carerlink.app")

CONTROLLERS = [
    HealthController,
    AuthController,
    PasswordController,
    SessionController,
    MeController,
    OrganisationController,
    MembershipController,
    InvitationController,
    PushController,
    InboxController,
    PreferencesController,
    DeliverySummaryController,
    MyProfileController,
    ProfileController,
    ScreeningController,
    SupervisionController,
    WaitingListController,
    MatchController,
    DraftController,
    MatchCheckinsController,
    CheckinController,
    MyCheckinsController,
    AttentionController,
    CarerWellbeingController,  # issue 16: how a carer has been, on their page
    AnswerLinkController,
    UnsubscribeController,
    AlertController,
    PhoneVerificationController,
    TextWebhookController,
    ConcernController,
    RetentionController,
    ImportController,
    AuditLogController,
    AccessLogController,
    MyErasureController,  # issue 15: erasure
    ErasureController,
    MyExportController,
    OrgExportController,
    ExportDownloadController,
    ReportController,  # issue 16: reports
    OutcomeMeasureController,  # issue 16: outcome measures and equality monitoring
    MyOutcomeAsksController,
    MyEqualityController,
    MyHoursController,  # issue 16: volunteer hours
    HoursController,
    MessagesController,  # issue 18: messages within a pair
    MessageReportsController,
    MetricsController,
    FrontendController,  # last: the PWA's files, and index.html for app routes
]


def create_app(
    settings: Settings | None = None,
    *,
    clock: Clock | None = None,
    mail_transport: MailTransport | None = None,
) -> Litestar:
    """Build the carerlink ASGI app for ``settings`` (read from the environment when not given)."""
    settings = (settings or Settings.from_env()).with_secret_key()
    runtime = Runtime.create(
        settings,
        clock=clock,
        mail_transport=mail_transport
        or transport_for(settings.smtp_url, sender=settings.mail_from, data_dir=settings.data_dir),
        session_hooks=[pool_revision.track],  # a new buddy-pool stamp with every change to a pool
    )
    vapid.key_for(runtime)  # fail at start, not at the first push, when production has no VAPID key

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        scheduler = build_scheduler(runtime) if settings.run_jobs else None
        if scheduler is not None:
            scheduler.start()
            log.info("scheduler.started", extra={"fields": {"in_process": True}})
        try:
            yield
        finally:
            if scheduler is not None:
                await stop_scheduler(scheduler, runtime)
            await runtime.close()

    app = Litestar(
        route_handlers=CONTROLLERS,
        dependencies={
            "db_session": Provide(deps.provide_db_session),
            "settings": Provide(deps.provide_settings, sync_to_thread=False),
            "now": Provide(deps.provide_now, sync_to_thread=False),
            "runtime": Provide(deps.provide_runtime, sync_to_thread=False),
            "session_limits": Provide(deps.provide_session_limits, sync_to_thread=False),
            "client_ip": Provide(deps.provide_client_ip, sync_to_thread=False),
            "actor": Provide(deps.provide_actor),
            "caller": Provide(deps.provide_caller),
            "org_scope": Provide(deps.provide_scope),
        },
        middleware=[
            RequestContextMiddleware,
            DefineMiddleware(CsrfMiddleware, settings=settings),
        ],
        before_send=[security_headers(settings)],
        exception_handlers=EXCEPTION_HANDLERS,
        lifespan=[lifespan],
        request_class=StrictRequest,
        request_max_body_size=256 * 1024,
        openapi_config=OpenAPIConfig(
            title="carerlink",
            version=__version__,
            description="The carer buddy service API. Every error is RFC 9457 application/problem+json.",
            path="/schema",
            render_plugins=[JsonRenderPlugin()],
            components=Components(
                security_schemes={
                    "session": SecurityScheme(
                        type="apiKey", security_scheme_in="cookie", name="carerlink_session"
                    )
                }
            ),
        ),
        state=State(
            {
                "settings": settings,
                "runtime": runtime,
                "database": runtime.database,
                "clock": runtime.clock,
                "session_limits": SessionLimits(
                    idle=timedelta(minutes=settings.session_idle_minutes),
                    absolute=timedelta(days=settings.session_absolute_days),
                ),
                "expected_revisions": migrate.heads(),
                "frontend": FrontendFiles(settings.frontend_dir),
            }
        ),
        logging_config=None,  # carerlink's JSON logging (kit/logs.py) is configured by the process
        debug=False,
    )
    document_problems(app.openapi_schema)
    allow = {
        re.sub(r"\{(\w+):\w+\}", r"{\1}", route.path): ", ".join(sorted(route.methods))
        for route in app.routes
        if isinstance(route, HTTPRoute)
    }
    app.before_send.append(options_allow_header(allow))
    return app


def create_app_from_env() -> Litestar:
    """The factory ``carerlink serve`` hands to uvicorn (each web worker process calls it)."""
    settings = Settings.from_env()
    configure_logging(settings.log_level)
    return create_app(settings)
