"""Copies of people's data: asking for one, the centre's view, reviews, downloading, and the build tick.

A person asks for a copy of everything about them (every centre); a coordinator asks for a member's
copy of their centre's records after checking who is asking. The copy is built off the request path
(``build_due``, the ``privacy.exports`` tick) with a lease like the outboxes, kept for 7 days, and every
download is audited. Safeguarding records are held back for a coordinator of their centre to review;
nothing the person reads says one exists until it is released.

Services never commit; policy comes from ``privacy.policy``.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import Table, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts.models import User
from carerlink.actor import Actor, Role
from carerlink.audit import service as audit
from carerlink.concerns import service as concerns
from carerlink.concerns.models import Concern
from carerlink.db import Database
from carerlink.db.leases import claim, still_ours
from carerlink.errors import Conflict, Gone, Invalid, NotAuthenticated, NotFound
from carerlink.i18n import _
from carerlink.notifications import kinds
from carerlink.notifications import service as notifications
from carerlink.organisations.models import Membership, MembershipStatus
from carerlink.organisations.scope import Scope
from carerlink.privacy import policy
from carerlink.privacy.export import builder
from carerlink.privacy.models import DataExport, ExportReview, ExportState, ReviewDecision
from carerlink.profiles.models import SupervisionSession
from carerlink.safeguarding.models import CrisisAlert

log = logging.getLogger("carerlink.privacy.export")

EXPIRES_AFTER = timedelta(days=7)
LEASE = timedelta(minutes=10)
MAX_ATTEMPTS = 3
BATCH = 2
OBJECT_TYPE = "data_export"
_exports = cast(Table, DataExport.__table__)


def state_of(export: DataExport, now: datetime) -> str:
    """Where the copy stands for whoever reads it: a ready one past its time reads as expired at once."""
    if export.state == ExportState.READY and export.expires_at is not None and export.expires_at <= now:
        return ExportState.EXPIRED.value
    return export.state.value


def download_path(export: DataExport) -> str:
    """Where the archive is downloaded from."""
    return f"/api/v1/exports/{export.id}/download"


# --- the person ------------------------------------------------------------------------------------


async def ask_for_mine(session: AsyncSession, *, actor: Actor, now: datetime) -> DataExport:
    """A copy of everything about the signed-in person; asking again while one is pending returns it."""
    user_id = actor.require_person()
    pending = await session.scalar(
        select(DataExport).where(
            DataExport.user_id == user_id,
            DataExport.organisation_id.is_(None),
            DataExport.state == ExportState.PENDING,
        )
    )
    if pending is not None:
        return pending
    export = DataExport(user_id=user_id, requested_by_user_id=user_id, requested_at=now, summary={})
    session.add(export)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="privacy.export.requested",
        now=now,
        subject_user_id=user_id,
        object_type=OBJECT_TYPE,
        object_id=export.id,
    )
    return export


async def list_mine(session: AsyncSession, *, actor: Actor) -> Sequence[DataExport]:
    """The person's copies, newest first (theirs, and any a coordinator asked for on their behalf)."""
    user_id = actor.require_person()
    return (
        await session.scalars(
            select(DataExport).where(DataExport.user_id == user_id).order_by(DataExport.requested_at.desc())
        )
    ).all()


# --- the centre ------------------------------------------------------------------------------------


@dataclass
class ReviewView:
    """One record held back, with what a coordinator needs to decide (from its own record)."""

    review: ExportReview
    what: str
    at: datetime | None
    link: str | None
    decided_by_name: str | None


@dataclass
class OrgExportView:
    """A copy as the centre's coordinators see it."""

    export: DataExport
    member_name: str
    asked_by_name: str | None
    may_download: bool
    reviews_pending: int = 0
    reviews: list[ReviewView] = field(default_factory=list)


async def ask_for_member(
    scope: Scope, *, membership_id: uuid.UUID, identity_checked: bool, identity_note: str
) -> OrgExportView:
    """A coordinator asks for a copy of a member's records at this centre (identity checked outside).

    Asking again while one is pending for them returns it.
    """
    organisation = scope.require(
        policy.handles_rights, _("Only coordinators can ask for a copy of someone's data.")
    )
    if not identity_checked:
        raise Invalid(
            _("Please check it is really them asking (for example, ring back on the number we hold) first."),
            field="identity_checked",
        )
    membership = await scope.session.get(Membership, membership_id)
    if membership is None or membership.organisation_id != organisation.id:
        raise NotFound(_("No such member."))
    pending = await scope.session.scalar(
        select(DataExport).where(
            DataExport.user_id == membership.user_id,
            DataExport.organisation_id == organisation.id,
            DataExport.state == ExportState.PENDING,
        )
    )
    export = pending
    if export is None:
        export = DataExport(
            user_id=membership.user_id,
            organisation_id=organisation.id,
            requested_by_user_id=scope.actor.user_id,
            requested_at=scope.now,
            identity_note=identity_note,
            summary={},
        )
        scope.session.add(export)
        await scope.session.flush()
        await scope.audit(
            "privacy.export.requested",
            subject_user_id=membership.user_id,
            object_type=OBJECT_TYPE,
            object_id=export.id,
            details={"by": "coordinator"},
        )
    return await _view(scope, export, with_reviews=True)


def _visible_here(organisation_id: uuid.UUID):  # type: ignore[no-untyped-def]
    """Copies a centre's coordinators see: those they asked for, and any with records of theirs to review."""
    return or_(
        DataExport.organisation_id == organisation_id,
        DataExport.id.in_(
            select(ExportReview.export_id).where(ExportReview.organisation_id == organisation_id)
        ),
    )


async def list_for_org(scope: Scope) -> list[OrgExportView]:
    """The centre's copies, newest first, each with how many of its records wait for review here."""
    organisation = scope.require(
        policy.handles_rights, _("Only coordinators can see copies of people's data.")
    )
    exports = (
        await scope.session.scalars(
            select(DataExport)
            .where(_visible_here(organisation.id))
            .order_by(DataExport.requested_at.desc())
            .limit(200)
        )
    ).all()
    pending = dict(
        (
            await scope.session.execute(
                select(ExportReview.export_id, func.count())
                .where(
                    ExportReview.organisation_id == organisation.id,
                    ExportReview.decision == ReviewDecision.PENDING,
                )
                .group_by(ExportReview.export_id)
            )
        ).all()
    )
    views = []
    for export in exports:
        view = await _view(scope, export, with_reviews=False)
        view.reviews_pending = int(pending.get(export.id, 0))
        views.append(view)
    return views


async def _export_here(scope: Scope, export_id: uuid.UUID) -> DataExport:
    organisation = scope.require(
        policy.handles_rights, _("Only coordinators can see copies of people's data.")
    )
    export = await scope.session.scalar(
        select(DataExport).where(DataExport.id == export_id, _visible_here(organisation.id))
    )
    if export is None:
        raise NotFound(_("No such copy."))
    return export


async def get_for_org(scope: Scope, *, export_id: uuid.UUID) -> OrgExportView:
    """One copy with the records of this centre held back for review (the reading is audited)."""
    export = await _export_here(scope, export_id)
    await scope.audit(
        "privacy.export.viewed", subject_user_id=export.user_id, object_type=OBJECT_TYPE, object_id=export.id
    )
    return await _view(scope, export, with_reviews=True)


async def _name(session: AsyncSession, user_id: uuid.UUID | None) -> str | None:
    if user_id is None:
        return None
    user = await session.get(User, user_id)
    return user.display_name if user is not None else None


async def _view(scope: Scope, export: DataExport, *, with_reviews: bool) -> OrgExportView:
    view = OrgExportView(
        export=export,
        member_name=await _name(scope.session, export.user_id) or "",
        asked_by_name=await _name(scope.session, export.requested_by_user_id)
        if export.organisation_id is not None
        else None,
        may_download=policy.may_download(
            scope.actor,
            subject_user_id=export.user_id,
            organisation_id=export.organisation_id,
            requested_by=export.requested_by_user_id,
        ),
    )
    if with_reviews:
        reviews = (
            await scope.session.scalars(
                select(ExportReview)
                .where(
                    ExportReview.export_id == export.id, ExportReview.organisation_id == scope.organisation_id
                )
                .order_by(ExportReview.object_type, ExportReview.id)
            )
        ).all()
        for review in reviews:
            what, at, link = await _describe(scope.session, review)
            view.reviews.append(
                ReviewView(review, what, at, link, await _name(scope.session, review.decided_by_user_id))
            )
        view.reviews_pending = sum(r.review.decision == ReviewDecision.PENDING for r in view.reviews)
    return view


async def _describe(session: AsyncSession, review: ExportReview) -> tuple[str, datetime | None, str | None]:
    """What the held record is, for the coordinator deciding (its own page for the details)."""
    if review.object_type == "concern":
        concern = await session.get(Concern, review.object_id)
        if concern is None:
            return "A concern (since removed)", None, None
        return (
            f"Concern: {concerns.category_words(concern.category)}",
            concern.raised_at,
            f"/coordinator/concerns/{concern.id}",
        )
    if review.object_type == "crisis_alert":
        alert = await session.get(CrisisAlert, review.object_id)
        if alert is None:
            return "A request for help (since removed)", None, None
        return "How the centre responded to a request for help", alert.raised_at, None
    session_ = await session.get(SupervisionSession, review.object_id)
    if session_ is None:
        return "Supervision notes (since removed)", None, None
    return f"Notes of a {str(session_.kind).replace('_', ' ')} session", session_.recorded_at, None


async def decide(
    scope: Scope, *, export_id: uuid.UUID, review_id: uuid.UUID, decision: str, reason: str | None
) -> OrgExportView:
    """Release or withhold one record (a reason is needed to withhold); audited.

    Once every record of the copy is decided and at least one was released, a further copy with the
    released records is queued for the person (unless one is already waiting).
    """
    export = await _export_here(scope, export_id)
    review = await scope.session.get(ExportReview, review_id)
    if review is None or review.export_id != export.id or review.organisation_id != scope.organisation_id:
        raise NotFound(_("No such record to review."))
    if not policy.reviews_records(scope.actor, review.organisation_id):
        raise scope.refusal(_("Only coordinators can decide what is released."))
    if review.decision != ReviewDecision.PENDING:
        raise Conflict(_("This record has already been decided."))
    reason = (reason or "").strip() or None
    if decision == ReviewDecision.WITHHELD and reason is None:
        raise Invalid(_("Please say why this record is withheld."), field="reason")
    review.decision = ReviewDecision(decision)
    review.reason = reason
    review.decided_at = scope.now
    review.decided_by_user_id = scope.actor.user_id
    # Recorded against the record itself: an entry about a concern never shows in the person's access log.
    await scope.audit(
        "privacy.export.reviewed",
        subject_user_id=export.user_id,
        object_type=review.object_type,
        object_id=review.object_id,
        details={"export_id": str(export.id), "review_id": str(review.id), "decision": decision},
    )
    await scope.session.flush()
    decisions = list(
        await scope.session.scalars(select(ExportReview.decision).where(ExportReview.export_id == export.id))
    )
    if ReviewDecision.PENDING not in decisions and ReviewDecision.RELEASED in decisions:
        waiting = await scope.session.scalar(
            select(DataExport.id).where(
                DataExport.user_id == export.user_id,
                DataExport.organisation_id.is_(None)
                if export.organisation_id is None
                else DataExport.organisation_id == export.organisation_id,
                DataExport.state == ExportState.PENDING,
            )
        )
        if waiting is None:
            further = DataExport(
                user_id=export.user_id,
                organisation_id=export.organisation_id,
                requested_by_user_id=export.requested_by_user_id,
                requested_at=scope.now,
                identity_note=export.identity_note,
                includes_released=True,
                summary={},
            )
            scope.session.add(further)
    return await _view(scope, export, with_reviews=True)


# --- downloading -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Download:
    """The archive and the name it is saved under."""

    content: bytes
    filename: str


async def download(session: AsyncSession, *, actor: Actor, now: datetime, export_id: uuid.UUID) -> Download:
    """The zip, while ready and not expired, for whoever ``policy.may_download`` allows; audited."""
    if actor.is_anonymous:
        raise NotAuthenticated(_("Please sign in to continue."))
    export = await session.get(DataExport, export_id)
    if export is None or not policy.may_download(
        actor,
        subject_user_id=export.user_id,
        organisation_id=export.organisation_id,
        requested_by=export.requested_by_user_id,
    ):
        raise NotFound(_("No such copy."))
    state = state_of(export, now)
    if state == ExportState.EXPIRED:
        raise Gone(
            _(
                "This copy is no longer available: copies can be downloaded for 7 days. Please ask "
                "for a new one."
            )
        )
    if state != ExportState.READY or export.archive is None:
        raise Conflict(_("This copy is not ready yet."))
    export.downloads += 1
    export.last_downloaded_at = now
    # A copy a coordinator downloads for the person may hold the words of their messages: the one way a
    # coordinator reads messages outside a report (the person's right to their data; README). It says so.
    with_words = actor.user_id != export.user_id and bool((export.summary or {}).get(builder.MESSAGE_WORDS))
    await audit.record(
        session,
        actor=actor,
        action="privacy.export.downloaded_with_messages" if with_words else "privacy.export.downloaded",
        now=now,
        organisation_id=export.organisation_id,
        subject_user_id=export.user_id,
        object_type=OBJECT_TYPE,
        object_id=export.id,
    )
    day = (export.ready_at or now).date().isoformat()
    return Download(content=export.archive, filename=f"carerlink-data-{day}.zip")


# --- building (the tick) ---------------------------------------------------------------------------


async def build_due(database: Database, *, now: datetime) -> int:
    """Claim pending copies with a lease and build each; returns how many were built.

    A worker killed mid-build leaves its lease to run out (``LEASE``), and another takes the copy up.
    After ``MAX_ATTEMPTS`` tries the copy fails and coordinators are told. Copies past their 7 days are
    marked expired and their archive wiped first.
    """
    async with database.session_scope() as session:
        await expire_due(session, now=now)
    async with database.session_scope() as session:
        token, rows = await claim(
            session,
            _exports,
            due=_exports.c.state == ExportState.PENDING,
            order_by=[_exports.c.requested_at],
            limit=BATCH,
            lease_until=now + LEASE,
            now=now,
            extra_values={"attempts": _exports.c.attempts + 1},
        )
    built = 0
    for row in rows:
        try:
            async with database.session_scope() as session:
                built += await build_one(session, row.id, token, now=now)
        except Exception as exc:
            log.warning(
                "privacy.export.build_failed",
                extra={
                    "fields": {
                        "export_id": str(row.id),
                        "error": type(exc).__name__,
                        "attempts": row.attempts,
                    }
                },
            )
            async with database.session_scope() as session:
                await _failed(session, row.id, token, now=now, error=type(exc).__name__)
    return built


async def build_one(session: AsyncSession, export_id: uuid.UUID, token: uuid.UUID, *, now: datetime) -> int:
    """Build one claimed copy in this transaction: archive, reviews, the person (or coordinator) told."""
    export = await session.scalar(select(DataExport).where(still_ours(_exports, export_id, token)))
    if export is None:
        return 0  # the lease ran out and someone else has it
    await finish(session, export, now=now)
    return 1


async def finish(session: AsyncSession, export: DataExport, *, now: datetime, tell: bool = True) -> None:
    """Build ``export`` now, in the caller's transaction (the tick, once it holds the lease; the demo).

    ``tell``: the person (or the coordinator who asked) is told it is ready.
    """
    built = await builder.build(session, export, now=now)
    content = builder.archive(built.document)
    export.state = ExportState.READY
    export.ready_at = now
    export.expires_at = now + EXPIRES_AFTER
    export.archive = content
    export.archive_bytes = len(content)
    export.summary = built.summary
    export.includes_released = bool(built.document.released)
    export.lease_token = None
    export.lease_until = None
    export.last_error = None
    for held in built.held:
        session.add(
            ExportReview(
                export_id=export.id,
                organisation_id=held.organisation_id,
                object_type=held.object_type,
                object_id=held.object_id,
            )
        )
    await audit.record(
        session,
        actor=Actor.system(),
        action="privacy.export.ready",
        now=now,
        organisation_id=export.organisation_id,
        subject_user_id=export.user_id,
        object_type=OBJECT_TYPE,
        object_id=export.id,
        details={"bytes": len(content)},
    )
    if not tell:
        return
    if export.organisation_id is None or export.requested_by_user_id is None:
        await notifications.notify(
            session,
            user_id=export.user_id,
            kind=kinds.DataExportReady,
            data={"export_id": export.id},
            dedupe_key=f"data-export:{export.id}",
            now=now,
        )
    else:
        await notifications.notify(
            session,
            user_id=export.requested_by_user_id,
            kind=kinds.MemberExportReady,
            data={"export_id": export.id, "member_name": await _name(session, export.user_id) or "a member"},
            dedupe_key=f"data-export:{export.id}",
            now=now,
            organisation_id=export.organisation_id,
            role=Role.COORDINATOR,
        )


async def _failed(
    session: AsyncSession, export_id: uuid.UUID, token: uuid.UUID, *, now: datetime, error: str
) -> None:
    export = await session.scalar(select(DataExport).where(still_ours(_exports, export_id, token)))
    if export is None:
        return
    export.last_error = error[:200]
    export.lease_token = None
    if export.attempts < MAX_ATTEMPTS:
        export.lease_until = now + timedelta(seconds=30 * export.attempts)  # try again a little later
        return
    export.state = ExportState.FAILED
    export.lease_until = None
    if export.organisation_id is not None:
        organisations = [export.organisation_id]
    else:
        organisations = list(
            await session.scalars(
                select(Membership.organisation_id).where(Membership.user_id == export.user_id).distinct()
            )
        )
    coordinators = await session.execute(
        select(Membership.user_id, Membership.organisation_id).where(
            Membership.organisation_id.in_(organisations),
            Membership.role == Role.COORDINATOR,
            Membership.status == MembershipStatus.ACTIVE,
        )
    )
    for user_id, organisation_id in coordinators:
        await notifications.notify(
            session,
            user_id=user_id,
            kind=kinds.DataExportFailed,
            data={"export_id": export.id},
            dedupe_key=f"data-export-failed:{export.id}",
            now=now,
            organisation_id=organisation_id,
            role=Role.COORDINATOR,
        )


async def expire_due(session: AsyncSession, *, now: datetime) -> int:
    """Copies whose 7 days are over: marked expired and their archive wiped."""
    result = await session.execute(
        update(DataExport)
        .where(DataExport.state == ExportState.READY, DataExport.expires_at <= now)
        .values(state=ExportState.EXPIRED, archive=None)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
