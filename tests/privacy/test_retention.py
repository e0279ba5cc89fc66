"""Retention that runs by itself (issue 15): with a fake clock, a run removes exactly what is due under
the organisation's schedule (and nothing else), in batches; a second run removes nothing more and is
recorded with zeros; the settings move the cut-offs; coordinators read and change the schedule."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from litestar import Litestar
from sqlalchemy import func, select, text

from carerlink.actor import Actor
from carerlink.audit import service as audit
from carerlink.audit.models import AuditEntry
from carerlink.checkins.ladder import State
from carerlink.checkins.models import CheckinOccurrence, CheckinStep, OccurrenceKind
from carerlink.concerns.models import Concern, ConcernAction, ConcernCategory, ConcernStatus
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.matching.models import Match, MatchStatus
from carerlink.notifications.texts.models import InboundText
from carerlink.organisations.models import Referral, ReferralStatus
from carerlink.organisations.schemas import RetentionSettings
from carerlink.privacy.models import (
    DataExport,
    ErasureRequest,
    ErasureState,
    ExportState,
    RetainedIdentity,
    RetentionRun,
)
from carerlink.privacy.retention import jobs
from carerlink.privacy.retention import service as retention
from carerlink.safeguarding.models import AlertStatus, CrisisAlert
from tests.checkins.factories import Pair, make_pair
from tests.profiles.factories import make_buddy, make_carer, make_coordinator
from tests.support import START, make_org, problem, signed_in

NOW = START + timedelta(days=365 * 8)
MONTH = timedelta(days=31)
YEAR = timedelta(days=366)


@dataclass
class Seeded:
    """Ids of rows on both sides of each cut-off."""

    pair: Pair
    due: dict[str, list[uuid.UUID]]
    kept: dict[str, list[uuid.UUID]]


def _occurrence(pair: Pair, match_id: uuid.UUID, due_at: datetime, note: str) -> CheckinOccurrence:
    return CheckinOccurrence(
        match_id=match_id,
        organisation_id=pair.org.id,
        carer_user_id=pair.carer.user.id,
        buddy_user_id=pair.buddy.user.id,
        kind=OccurrenceKind.UNSCHEDULED,
        time_zone="Europe/London",
        due_at=due_at,
        state=State.REPLIED,
        note=note,
        reply_message=f"reply to {note}",
    )


def _closed_match(pair: Pair, closed_at: datetime, note: str) -> Match:
    return Match(
        organisation_id=pair.org.id,
        carer_membership_id=pair.carer.membership_id,
        carer_user_id=pair.carer.user.id,
        buddy_membership_id=pair.buddy.membership_id,
        buddy_user_id=pair.buddy.user.id,
        status=MatchStatus.ENDED,
        score=0.5,
        note=note,
        proposed_at=closed_at - YEAR,
        closed_at=closed_at,
        close_note=f"close {note}",
        carer_feedback="thanks",
        buddy_feedback="lovely",
    )


def _concern(pair: Pair, status: ConcernStatus, at: datetime, n: int) -> Concern:
    return Concern(
        organisation_id=pair.org.id,
        carer_user_id=pair.carer.user.id,
        raised_by_user_id=pair.buddy.user.id,
        raised_by_role="buddy",
        request_id=uuid.uuid4(),
        category=ConcernCategory.OTHER,
        at_risk_now=False,
        what_happened=f"worry {n}",
        status=status,
        raised_at=at,
        target_at=at + timedelta(hours=24),
        acknowledged_at=at if status != ConcernStatus.OPEN else None,
        closed_at=at if status == ConcernStatus.CLOSED else None,
    )


def _alert(pair: Pair, status: AlertStatus, at: datetime) -> CrisisAlert:
    return CrisisAlert(
        organisation_id=pair.org.id,
        carer_user_id=pair.carer.user.id,
        buddy_user_id=pair.buddy.user.id,
        source="help_button",
        source_id=uuid.uuid4(),
        status=status,
        raised_at=at,
        escalate_at=at + timedelta(minutes=15),
        acknowledged_at=at if status == AlertStatus.ACKNOWLEDGED else None,
    )


async def seed(db: Database) -> Seeded:
    pair = await make_pair(db)
    stranger = await make_carer(db, pair.org, name="Jo Gone")
    due: dict[str, list[uuid.UUID]] = {}
    kept: dict[str, list[uuid.UUID]] = {}
    async with db.session_scope() as s:
        old = _closed_match(pair, NOW - 13 * MONTH, "old")
        recent = _closed_match(pair, NOW - 11 * MONTH, "recent")
        s.add_all([old, recent])
        await s.flush()
        occ_old = [
            _occurrence(pair, old.id, NOW - 20 * MONTH + timedelta(days=i), f"old {i}") for i in range(5)
        ]
        occ_recent = _occurrence(pair, recent.id, NOW - 12 * MONTH, "recent note")
        occ_live = _occurrence(pair, pair.match.id, NOW - 30 * MONTH, "live note")
        s.add_all([*occ_old, occ_recent, occ_live])
        await s.flush()
        step = CheckinStep(
            occurrence_id=occ_old[0].id,
            organisation_id=pair.org.id,
            step="tell_coordinator",
            at=NOW - 20 * MONTH,
            needs_coordinator=True,
            resolved_at=NOW - 20 * MONTH,
            resolution_note="Rang them",
        )
        texts = [
            InboundText(
                provider_message_id=uuid.uuid4().hex,
                user_id=pair.carer.user.id,
                organisation_id=pair.org.id,
                occurrence_id=occ.id,
                outcome="note",
                body=body,
                received_at=at,
            )
            for occ, body, at in (
                (occ_old[1], "texted old", NOW - 20 * MONTH),
                (occ_live, "texted live", NOW - 30 * MONTH),
            )
        ]
        s.add_all([step, *texts])
        referrals = [
            Referral(
                organisation_id=pair.org.id,
                name=f"Ref {i}",
                email=f"ref{i}@example.org",
                status=status,
                decided_at=at,
                created_at=NOW - 3 * YEAR,
            )
            for i, (status, at) in enumerate(
                (
                    (ReferralStatus.DECLINED, NOW - 7 * MONTH),
                    (ReferralStatus.DECLINED, NOW - 5 * MONTH),
                    (ReferralStatus.NEW, None),
                )
            )
        ]
        s.add_all(referrals)
        alerts = [
            _alert(pair, AlertStatus.ACKNOWLEDGED, NOW - 7 * YEAR),
            _alert(pair, AlertStatus.OPEN, NOW - 10 * YEAR),
            _alert(pair, AlertStatus.ACKNOWLEDGED, NOW - 5 * YEAR),
        ]
        concerns = [
            _concern(pair, ConcernStatus.CLOSED, NOW - 7 * YEAR, 1),
            _concern(pair, ConcernStatus.OPEN, NOW - 10 * YEAR, 2),
            _concern(pair, ConcernStatus.ACKNOWLEDGED, NOW - 10 * YEAR, 3),
            _concern(pair, ConcernStatus.CLOSED, NOW - 5 * YEAR, 4),
        ]
        s.add_all([*alerts, *concerns])
        await s.flush()
        action = ConcernAction(
            concern_id=concerns[0].id,
            organisation_id=pair.org.id,
            recorded_by_user_id=pair.coordinator.user.id,
            recorded_at=NOW - 7 * YEAR,
            text="Rang",
        )
        identities = [
            RetainedIdentity(
                organisation_id=pair.org.id,
                user_id=user_id,
                display_name="Kept",
                email="kept@example.org",
                kept_at=NOW - 7 * YEAR,
            )
            for user_id in (stranger.user.id, pair.carer.user.id)
        ]
        erasures = [
            ErasureRequest(
                user_id=stranger.user.id,
                organisation_id=pair.org.id,
                requested_at=at,
                state=ErasureState.DONE,
                completed_at=at,
            )
            for at in (NOW - 7 * YEAR, NOW - 5 * YEAR)
        ]
        exports = [
            DataExport(
                user_id=pair.carer.user.id,
                organisation_id=pair.org.id,
                requested_at=at - timedelta(days=7),
                state=ExportState.READY,
                ready_at=at - timedelta(days=7),
                expires_at=at,
                archive=b"zip",
            )
            for at in (NOW - timedelta(days=1), NOW + timedelta(days=3))
        ]
        s.add_all([action, *identities, *erasures, *exports])
        for at in (NOW - 7 * YEAR, NOW - 7 * YEAR, NOW - 5 * YEAR):
            await audit.record(
                s,
                actor=Actor.system(),
                action="profiles.carer.viewed",
                now=at,
                organisation_id=pair.org.id,
                subject_user_id=pair.carer.user.id,
            )
        await s.flush()
        due = {
            "occurrences": [o.id for o in occ_old],
            "matches": [old.id],
            "steps": [step.id],
            "texts": [texts[0].id],
            "referrals": [referrals[0].id],
            "alerts": [alerts[0].id],
            "concerns": [concerns[0].id],
            "actions": [action.id],
            "identities": [identities[0].id],
            "erasures": [erasures[0].id],
            "exports": [exports[0].id],
        }
        kept = {
            "occurrences": [occ_recent.id, occ_live.id],
            "matches": [recent.id],
            "texts": [texts[1].id],
            "referrals": [referrals[1].id, referrals[2].id],
            "alerts": [alerts[1].id, alerts[2].id],
            "concerns": [c.id for c in concerns[1:]],
            "identities": [identities[1].id],
            "erasures": [erasures[1].id],
            "exports": [exports[1].id],
        }
    return Seeded(pair=pair, due=due, kept=kept)


async def _present(db: Database, model: Any, ids: list[uuid.UUID]) -> set[uuid.UUID]:
    async with db.session_scope() as s:
        return set(await s.scalars(select(model.id).where(model.id.in_(ids))))


@pytest.fixture(autouse=True)
def no_memberships_to_anonymise(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The erasure helper's anonymising is another part's: here it is counted, not run."""
    calls: list[dict[str, Any]] = []

    async def anonymise(session: Any, **kwargs: Any) -> int:
        calls.append(kwargs)
        return 0

    monkeypatch.setattr(retention, "anonymise_expired_memberships", anonymise)
    return calls


async def test_a_run_removes_exactly_what_is_due_and_a_second_run_nothing_more(
    app: Litestar, db: Database, clock: FrozenClock, no_memberships_to_anonymise: list[dict[str, Any]]
) -> None:
    seeded = await seed(db)
    clock.set(NOW)
    async with db.session_scope() as s:
        old_entries = await s.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(
                AuditEntry.organisation_id == seeded.pair.org.id,
                AuditEntry.at < retention.months_before(NOW, 72),
            )
        )
    assert old_entries and old_entries >= 2  # the two seeded, and the factories' from START
    removed = await jobs.run_schedule(
        db, organisation_id=seeded.pair.org.id, settings=RetentionSettings(), clock=clock, batch_size=2
    )

    assert removed == {
        "checkin_notes": 5 + 1 + 1 + 1,  # five check-ins, one step, one match, one texted reply
        "declined_referrals": 1,
        "ended_memberships": 0,
        "safeguarding": 1 + 1 + 1 + 1,  # an alert, a concern with its action, an identity
        "audit": old_entries + 1,  # the old entries (the factories' too), one erasure proof
        "exports": 1,
    }
    [call] = no_memberships_to_anonymise
    assert call["organisation_id"] == seeded.pair.org.id and call["limit"] == 2
    assert call["ended_before"] == retention.months_before(NOW, 24)

    async with db.session_scope() as s:
        cleared = (
            await s.execute(
                select(CheckinOccurrence.note, CheckinOccurrence.reply_message).where(
                    CheckinOccurrence.id.in_(seeded.due["occurrences"])
                )
            )
        ).all()
        assert cleared == [(None, None)] * 5
        kept_notes = set(
            await s.scalars(
                select(CheckinOccurrence.note).where(CheckinOccurrence.id.in_(seeded.kept["occurrences"]))
            )
        )
        assert kept_notes == {"recent note", "live note"}
        old = await s.get(Match, seeded.due["matches"][0])
        recent = await s.get(Match, seeded.kept["matches"][0])
        assert old is not None and recent is not None
        assert (old.note, old.close_note, old.carer_feedback, old.buddy_feedback) == ("", None, None, None)
        assert old.status == MatchStatus.ENDED  # the match itself stays for the figures
        assert (recent.note, recent.close_note) == ("recent", "close recent")
        step = await s.get(CheckinStep, seeded.due["steps"][0])
        assert step is not None and step.resolution_note is None and step.resolved_at is not None
        [export] = await s.scalars(select(DataExport).where(DataExport.id.in_(seeded.due["exports"])))
        assert export.state == ExportState.EXPIRED and export.archive is None
        entries = (
            await s.execute(
                select(AuditEntry.at).where(
                    AuditEntry.organisation_id == seeded.pair.org.id,
                    AuditEntry.action == "profiles.carer.viewed",
                )
            )
        ).all()
        assert len(entries) == 1

    for kind, model in (
        ("texts", InboundText),
        ("referrals", Referral),
        ("alerts", CrisisAlert),
        ("concerns", Concern),
        ("identities", RetainedIdentity),
        ("erasures", ErasureRequest),
    ):
        assert await _present(db, model, seeded.due[kind]) == set(), kind
        assert await _present(db, model, seeded.kept[kind]) == set(seeded.kept[kind]), kind
    assert await _present(db, ConcernAction, seeded.due["actions"]) == set()

    # again: nothing more, and the run is recorded with zeros
    clock.advance(timedelta(hours=1))
    again = await jobs.run_schedule(
        db, organisation_id=seeded.pair.org.id, settings=RetentionSettings(), clock=clock, batch_size=2
    )
    assert again == dict.fromkeys(again, 0) and set(again) == set(removed)
    async with db.session_scope() as s:
        runs = await retention.recent_runs(s, organisation_id=seeded.pair.org.id)
    assert [r.removed for r in runs] == [again, removed]
    assert all(r.finished_at is not None for r in runs)


async def test_the_settings_move_the_cut_offs(app: Litestar, db: Database, clock: FrozenClock) -> None:
    seeded = await seed(db)
    clock.set(NOW)
    shorter = RetentionSettings(
        checkin_notes_months=10, declined_referrals_months=4, safeguarding_years=4, audit_years=4
    )
    removed = await jobs.run_schedule(db, organisation_id=seeded.pair.org.id, settings=shorter, clock=clock)
    assert removed["checkin_notes"] == 5 + 1 + 1 + 1 + 1 + 1  # the match ended 11 months ago too
    assert removed["declined_referrals"] == 2
    assert await _present(db, Concern, seeded.kept["concerns"]) == set(
        seeded.kept["concerns"][:2]
    )  # open ones
    assert await _present(db, CrisisAlert, seeded.kept["alerts"]) == {
        seeded.kept["alerts"][0]
    }  # the open one
    assert await _present(db, CheckinOccurrence, seeded.kept["occurrences"]) == set(
        seeded.kept["occurrences"]
    )
    async with db.session_scope() as s:
        live = await s.get(CheckinOccurrence, seeded.kept["occurrences"][1])
    assert live is not None and live.note == "live note"  # the match is still going


async def test_the_tick_runs_each_organisation_once_a_day_and_records_empty_runs(
    app: Litestar, db: Database, clock: FrozenClock
) -> None:
    org = await make_org(db)
    clock.set(NOW)
    runtime = app.state.runtime
    assert await jobs.enforce(runtime) == 0
    async with db.session_scope() as s:
        runs = list(await s.scalars(select(RetentionRun)))
    assert {r.organisation_id for r in runs} == {org.id, None}
    assert all(r.removed == dict.fromkeys(r.removed, 0) and r.finished_at for r in runs)

    clock.advance(timedelta(hours=3))  # more often than daily: nothing is due, nothing recorded
    await jobs.enforce(runtime)
    async with db.session_scope() as s:
        assert await s.scalar(select(func.count()).select_from(RetentionRun)) == 2
    clock.advance(timedelta(days=1))
    await jobs.enforce(runtime)
    async with db.session_scope() as s:
        assert await s.scalar(select(func.count()).select_from(RetentionRun)) == 4
    # two workers starting at once: each organisation still runs once
    clock.advance(timedelta(days=1))
    await asyncio.gather(jobs.run_due(db, clock=clock), jobs.run_due(db, clock=clock))
    async with db.session_scope() as s:
        assert await s.scalar(select(func.count()).select_from(RetentionRun)) == 6


async def test_the_audit_log_refuses_updates_and_retention_deletes_whole_entries(
    app: Litestar, db: Database, clock: FrozenClock
) -> None:
    org = await make_org(db)
    async with db.session_scope() as s:
        await audit.record(
            s,
            actor=Actor.system(),
            action="organisations.updated",
            now=NOW - 7 * YEAR,
            organisation_id=org.id,
        )
    with pytest.raises(Exception):  # noqa: B017,PT011 - the driver's own error: the trigger refuses it
        async with db.session_scope() as s:
            await s.execute(text("UPDATE audit_entries SET action = 'tampered'"))
    async with db.session_scope() as s:
        assert list(await s.scalars(select(AuditEntry.action))) == ["organisations.updated"]
    clock.set(NOW)
    removed = await jobs.run_schedule(db, organisation_id=org.id, settings=RetentionSettings(), clock=clock)
    assert removed["audit"] == 1
    async with db.session_scope() as s:
        assert list(await s.scalars(select(AuditEntry.action))) == []


async def test_coordinators_read_and_change_the_schedule(
    app: Litestar, db: Database, new_client: Any, clock: FrozenClock
) -> None:
    pair = await make_pair(db)
    other = await make_org(db)
    stranger = await make_coordinator(db, other, name="Sky Other")
    base = f"/api/v1/orgs/{pair.org.id}/retention"
    clock.set(NOW)
    await jobs.run_due(db, clock=clock)
    boss = await signed_in(new_client, pair.coordinator.email)
    body = (await boss.get(base)).json()
    by_key = {c["key"]: c for c in body["classes"]}
    assert by_key["checkin_notes"]["value"] == 12 and by_key["checkin_notes"]["period_words"] == "12 months"
    assert by_key["safeguarding"]["period_words"] == "6 years"
    assert "concerns" in by_key["safeguarding"]["tables"]
    assert by_key["push"]["value"] is None and by_key["push"]["enforced_by_retention_run"] is False
    last = body["last_run"]
    assert last["removed"]["declined_referrals"] == 0 and last["total"] == sum(last["removed"].values())

    new = {
        "checkin_notes_months": 18,
        "declined_referrals_months": 3,
        "ended_memberships_months": 24,
        "safeguarding_years": 7,
        "audit_years": 6,
    }
    changed = await boss.put(base, json=new)
    assert changed.status_code == 200, changed.text
    assert changed.json()["settings"] == new
    org = (await boss.get(f"/api/v1/orgs/{pair.org.id}")).json()
    assert org["settings"]["retention"] == new
    async with db.session_scope() as s:
        [entry] = await audit.list_entries(s, organisation_id=pair.org.id, action="privacy.retention.changed")
    assert (
        entry.details["old"]["checkin_notes_months"] == 12
        and entry.details["new"]["checkin_notes_months"] == 18
    )

    # the settings update changes it too
    patched = await boss.patch(
        f"/api/v1/orgs/{pair.org.id}", json={"settings": {"retention": {**new, "audit_years": 8}}}
    )
    assert patched.status_code == 200, patched.text
    assert (await boss.get(base)).json()["settings"]["audit_years"] == 8

    bad = await boss.put(base, json={**new, "checkin_notes_months": 0})
    assert problem(bad, 422) and "checkin_notes_months" in bad.text

    # the role matrix
    buddy = await signed_in(new_client, pair.buddy.email)
    carer = await signed_in(new_client, pair.carer.email)
    outsider = await signed_in(new_client, stranger.email)
    for who, status in ((buddy, 403), (carer, 403), (outsider, 404), (new_client(), 401)):
        problem(await who.get(base), status)
        problem(await who.put(base, json=new), status)
    assert (await outsider.get(f"/api/v1/orgs/{other.id}/retention")).status_code == 200
    another_buddy = await make_buddy(db, other, name="Lee Other")
    problem(await (await signed_in(new_client, another_buddy.email)).get(base), 404)
