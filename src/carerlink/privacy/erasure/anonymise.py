"""Anonymising one person in one organisation: what erasure and the retention tick both do.

Everything is read from the catalogue (``privacy/catalogue.py``) through ``privacy/rows.py``, so a table
added later is erased the way its entry says, with no change here:

- ``Erase.DELETE``: the rows go (profiles, inbox, devices, sign-ins...).
- ``Erase.ANONYMISE``: the rows stay, so figures and other people's histories still add up (matches,
  check-ins, memberships, consents as proof); their ``clear`` columns are emptied (NULL, or "" where the
  column may not be NULL).
- ``Erase.KEEP``: safeguarding records (crisis alerts, concerns and their actions) stay whole under the
  safeguarding retention; their ids are listed in the result, and a ``RetainedIdentity`` row beside them
  keeps the name, e-mail and phone they would otherwise lose.
- ``Erase.ACCOUNT``: the account itself, only when the person has no other organisation left.

Memberships there end through the membership service (open matches end with "the carer left", proposals
are withdrawn, places freed, what was waiting to be sent withdrawn). Other people's inbox entries of that
organisation that name them say "Former carer" instead (the delivery summary still counts them); e-mails
and texts still waiting that name them are deleted. One transaction: the caller's.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Table, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts.models import AuthSession, PasswordResetToken, User
from carerlink.actor import Actor, Role
from carerlink.audit import service as audit
from carerlink.checkins.models import CheckinOccurrence, CheckinStep
from carerlink.concerns.models import Concern, ConcernStatus
from carerlink.db import Base
from carerlink.mail.models import OutgoingMail
from carerlink.matching import memberships as membership_changes
from carerlink.notifications.models import Notification
from carerlink.notifications.texts.models import OutgoingText
from carerlink.organisations.models import Membership, MembershipStatus
from carerlink.organisations.scope import Scope, open_scope
from carerlink.privacy.catalogue import About, Erase, TableRule
from carerlink.privacy.models import RetainedIdentity
from carerlink.privacy.rows import Person, person_of, table_of, ways_about, where_about
from carerlink.safeguarding.models import AlertStatus, CrisisAlert

# What an anonymised account is called, by the role it last held (others' histories read "Former carer").
FORMER = {Role.CARER: "Former carer", Role.BUDDY: "Former buddy"}
FORMER_MEMBER = "Former member"
# Rows this module writes itself, not through the catalogue's rules.
_OWN_TABLES = frozenset({"users", "retained_identities"})
# A password hash no password can match (the account can never be signed in to again).
UNUSABLE_PASSWORD = "!erased"  # noqa: S105 (not a password: a hash that matches none)


def erased_email(user_id: uuid.UUID) -> str:
    """The address an erased account keeps (unique, and never deliverable: ``.invalid`` is reserved)."""
    return f"erased-{user_id}@erased.invalid"


@dataclass(slots=True)
class Result:
    """What erasing did, in counts per section of a copy and the ids of the records kept (never content).

    ``sections``: ``{section: {"deleted": n, "anonymised": n, "kept": n}}``. ``kept``: the safeguarding
    records kept under their own retention, ``{"table": ..., "id": ...}``.
    """

    sections: dict[str, dict[str, int]] = field(default_factory=dict)
    kept: list[dict[str, str]] = field(default_factory=list)
    account_anonymised: bool = False
    memberships_ended: int = 0
    others_notifications_renamed: int = 0

    def count(self, section: str, what: str, n: int) -> None:
        """Add ``n`` rows of ``section`` to ``what`` ("deleted", "anonymised", "kept")."""
        if n:
            counts = self.sections.setdefault(section, {})
            counts[what] = counts.get(what, 0) + n

    def as_json(self) -> dict[str, Any]:
        """The shape stored on the erasure request as proof."""
        return {
            "sections": self.sections,
            "kept": self.kept,
            "account_anonymised": self.account_anonymised,
            "memberships_ended": self.memberships_ended,
            "others_notifications_renamed": self.others_notifications_renamed,
        }


def _org_scoped(rule: TableRule, about: About) -> bool:
    """Whether rows of ``rule`` belong to one organisation (its own column, or its parent's)."""
    if rule.organisation is not None:
        return True
    if about.via is None:
        return False
    return "organisation_id" in Base.metadata.tables[about.via.table].c


def _condition(
    rule: TableRule, about: About, person: Person, organisation_id: uuid.UUID, *, account: bool
) -> Any:
    """Rows of ``rule`` that erasing ``person`` from ``organisation_id`` touches (None: none at all)."""
    if not _org_scoped(rule, about):
        # Account-wide rows (sign-ins, devices, emergency contact...): only when the account goes too.
        return where_about(rule, about, person) if account else None
    condition = where_about(rule, about, person, organisation_id=organisation_id)
    if account and rule.organisation is not None and table_of(rule).c[rule.organisation].nullable:
        # Rows of no organisation at all (a copy they asked for themselves, a password-reset e-mail).
        loose = where_about(rule, about, person) & table_of(rule).c[rule.organisation].is_(None)
        condition = or_(condition, loose)
    return condition


def _cleared(table: Table, columns: tuple[str, ...]) -> dict[str, Any]:
    """NULL where the column allows it; else an empty text (or an empty JSON object)."""

    def empty(column: Any) -> Any:
        if column.nullable:
            return None
        return {} if isinstance(column.type, JSON) else ""

    return {name: empty(table.c[name]) for name in columns}


async def _ids(session: AsyncSession, table: Table, condition: Any) -> list[uuid.UUID]:
    return list((await session.scalars(select(table.c.id).where(condition))).all())


async def _count(session: AsyncSession, table: Table, condition: Any) -> int:
    return int(await session.scalar(select(func.count()).select_from(table).where(condition)) or 0)


async def _has_other_membership(
    session: AsyncSession, *, user_id: uuid.UUID, organisation_id: uuid.UUID
) -> bool:
    found = await session.scalar(
        select(Membership.id).where(
            Membership.user_id == user_id,
            Membership.organisation_id != organisation_id,
            Membership.status != MembershipStatus.ENDED,
        )
    )
    return found is not None


async def _role_there(
    session: AsyncSession, *, user_id: uuid.UUID, organisation_id: uuid.UUID
) -> Role | None:
    roles = set(
        await session.scalars(
            select(Membership.role).where(
                Membership.user_id == user_id, Membership.organisation_id == organisation_id
            )
        )
    )
    for role in (Role.CARER, Role.BUDDY, Role.COORDINATOR):
        if role in roles:
            return role
    return None


def former_name(role: Role | None) -> str:
    """What an erased person is called in other people's histories."""
    return FORMER.get(role, FORMER_MEMBER) if role is not None else FORMER_MEMBER


@dataclass(frozen=True, slots=True)
class Planned:
    """What erasing would do, before it is done: counts per section, and the safeguarding records kept."""

    sections: dict[str, dict[str, int]]
    kept: list[dict[str, Any]]
    account_anonymised: bool


async def plan(session: AsyncSession, *, user_id: uuid.UUID, organisation_id: uuid.UUID) -> Planned:
    """What erasing ``user_id`` from ``organisation_id`` would delete, anonymise and keep, per section."""
    person = await person_of(session, user_id)
    account = not await _has_other_membership(session, user_id=user_id, organisation_id=organisation_id)
    result = Result()
    for rule, about in ways_about():
        if rule.table in _OWN_TABLES:
            continue
        condition = _condition(rule, about, person, organisation_id, account=account)
        if condition is None:
            continue
        what = {Erase.DELETE: "deleted", Erase.ANONYMISE: "anonymised", Erase.KEEP: "kept"}[about.erase]
        result.count(rule.section, what, await _count(session, table_of(rule), condition))
    result.count("account", "anonymised" if account else "kept", 1)
    return Planned(
        sections=result.sections,
        kept=await kept_records(session, user_id, organisation_id),
        account_anonymised=account,
    )


async def kept_records(
    session: AsyncSession, user_id: uuid.UUID, organisation_id: uuid.UUID
) -> list[dict[str, Any]]:
    """The crisis alerts and concerns about the person there, each with the time its retention starts.

    ``since``: when it was closed (a concern) or acknowledged (an alert); ``None`` while still open.
    """
    alerts = (
        await session.execute(
            select(
                CrisisAlert.id, CrisisAlert.raised_at, CrisisAlert.status, CrisisAlert.acknowledged_at
            ).where(CrisisAlert.carer_user_id == user_id, CrisisAlert.organisation_id == organisation_id)
        )
    ).all()
    concerns = (
        await session.execute(
            select(Concern.id, Concern.raised_at, Concern.status, Concern.closed_at).where(
                or_(Concern.carer_user_id == user_id, Concern.raised_by_user_id == user_id),
                Concern.organisation_id == organisation_id,
            )
        )
    ).all()
    found: list[dict[str, Any]] = [
        {
            "table": "crisis_alerts",
            "id": alert_id,
            "raised_at": raised,
            "since": acknowledged if status == AlertStatus.ACKNOWLEDGED else None,
        }
        for alert_id, raised, status, acknowledged in alerts
    ]
    found += [
        {
            "table": "concerns",
            "id": concern_id,
            "raised_at": raised,
            "since": closed if status == ConcernStatus.CLOSED else None,
        }
        for concern_id, raised, status, closed in concerns
    ]
    return sorted(found, key=lambda r: r["raised_at"])


def _whole_word(text: str, word: str) -> bool:
    return bool(word) and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE) is not None


def _rename(value: Any, names: list[str], former: str) -> Any:
    """``value`` with every whole-word ``names`` (longest first) replaced by ``former``, into JSON too."""
    if isinstance(value, str):
        for name in sorted(names, key=len, reverse=True):
            value = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", former, value, flags=re.IGNORECASE)
        return value
    if isinstance(value, dict):
        return {k: _rename(v, names, former) for k, v in value.items()}
    if isinstance(value, list):
        return [_rename(v, names, former) for v in value]
    return value


async def _scrub_others(
    session: AsyncSession, *, user_id: uuid.UUID, organisation_id: uuid.UUID, names: list[str], former: str
) -> int:
    """Other people's inbox entries there that name the person say ``former`` instead.

    "Former carer answered their check-in": their history still reads, and the delivery summary's counts
    stay. E-mails and texts naming them are deleted (sent ones keep no text anyway).
    """
    names = [n for n in dict.fromkeys(names) if n]
    if not names:
        return 0
    rows = (
        await session.execute(
            select(Notification.id, Notification.title, Notification.body, Notification.data).where(
                Notification.organisation_id == organisation_id, Notification.user_id != user_id
            )
        )
    ).all()
    # Matched in Python (whole words; ``data`` is JSON), alike on SQLite and PostgreSQL.
    renamed = 0
    for nid, title, body, data in rows:
        if not any(_whole_word(f"{title}\n{body}\n{json.dumps(data)}", n) for n in names):
            continue
        await session.execute(
            update(Notification)
            .where(Notification.id == nid)
            .values(
                title=_rename(title, names, former)[:160],
                body=_rename(body, names, former)[:400],
                data=_rename(data, names, former),
            )
        )
        renamed += 1
    mail = (
        await session.execute(
            select(OutgoingMail.id, OutgoingMail.subject, OutgoingMail.body).where(
                OutgoingMail.organisation_id == organisation_id,
                or_(OutgoingMail.user_id.is_(None), OutgoingMail.user_id != user_id),
            )
        )
    ).all()
    gone = [mid for mid, subject, body in mail if any(_whole_word(f"{subject}\n{body}", n) for n in names)]
    if gone:
        await session.execute(delete(OutgoingMail).where(OutgoingMail.id.in_(gone)))
    texts = (
        await session.execute(
            select(OutgoingText.id, OutgoingText.body).where(
                OutgoingText.organisation_id == organisation_id, OutgoingText.user_id != user_id
            )
        )
    ).all()
    gone = [tid for tid, body in texts if any(_whole_word(body, n) for n in names)]
    if gone:
        await session.execute(delete(OutgoingText).where(OutgoingText.id.in_(gone)))
    return renamed


async def _end_memberships(scope: Scope, *, user_id: uuid.UUID) -> int:
    """End their memberships there, with what hangs on them (matches, proposals, waiting notifications)."""
    open_memberships = (
        await scope.session.scalars(
            select(Membership.id).where(
                Membership.user_id == user_id,
                Membership.organisation_id == scope.organisation_id,
                Membership.status != MembershipStatus.ENDED,
            )
        )
    ).all()
    for membership_id in open_memberships:
        await membership_changes.change_membership_status(
            scope, membership_id=membership_id, status=MembershipStatus.ENDED
        )
    await scope.session.flush()
    return len(open_memberships)


async def _keep_safeguarding(
    session: AsyncSession,
    user: User,
    person: Person,
    organisation_id: uuid.UUID,
    result: Result,
    **given: Any,
) -> None:
    """List the safeguarding records kept whole, and keep who they are about beside them."""
    for rule, about in ways_about():
        if rule.table in _OWN_TABLES or about.erase is not Erase.KEEP:
            continue
        condition = _condition(rule, about, person, organisation_id, account=given["account"])
        if condition is None:
            continue
        for found in await _ids(session, table_of(rule), condition):
            record = {"table": rule.table, "id": str(found)}
            if record not in result.kept:
                result.kept.append(record)
                result.count(rule.section, "kept", 1)
    if not result.kept or user.erased_at is not None:
        return
    existing = await session.scalar(
        select(RetainedIdentity.id).where(
            RetainedIdentity.organisation_id == organisation_id, RetainedIdentity.user_id == user.id
        )
    )
    if existing is None:
        session.add(
            RetainedIdentity(
                organisation_id=organisation_id,
                user_id=user.id,
                erasure_id=given["erasure_id"],
                display_name=user.display_name,
                email=user.email,
                phone=user.phone,
                kept_at=given["now"],
            )
        )


async def _apply_rules(
    session: AsyncSession, person: Person, organisation_id: uuid.UUID, result: Result, *, account: bool
) -> None:
    """Delete and anonymise every other row about them, as the catalogue says."""
    owner = {"buddy_pool_owner": ("organisation", organisation_id)}  # cached buddy pools renew
    for rule, about in ways_about():
        if rule.table in _OWN_TABLES or about.erase is Erase.KEEP:
            continue
        condition = _condition(rule, about, person, organisation_id, account=account)
        if condition is None:
            continue
        table = table_of(rule)
        if about.erase is Erase.DELETE:
            done = await session.execute(delete(table).where(condition), execution_options=owner)
            result.count(rule.section, "deleted", done.rowcount or 0)  # type: ignore[attr-defined]
        elif about.clear:
            done = await session.execute(
                update(table).where(condition).values(_cleared(table, about.clear)), execution_options=owner
            )
            result.count(rule.section, "anonymised", done.rowcount or 0)  # type: ignore[attr-defined]
        else:
            result.count(rule.section, "anonymised", await _count(session, table, condition))


async def _close_attention(
    session: AsyncSession, user_id: uuid.UUID, organisation_id: uuid.UUID, actor: Actor, now: datetime
) -> None:
    """Their check-ins' steps still waiting for a coordinator are dealt with: nobody is left to follow up.

    A "low scores in a row" or "nobody has heard from them" item about someone erased would otherwise
    stay on the attention list, about a "Former carer", for ever.
    """
    theirs = select(CheckinOccurrence.id).where(
        CheckinOccurrence.carer_user_id == user_id, CheckinOccurrence.organisation_id == organisation_id
    )
    await session.execute(
        update(CheckinStep)
        .where(
            CheckinStep.occurrence_id.in_(theirs),
            CheckinStep.needs_coordinator.is_(True),
            CheckinStep.resolved_at.is_(None),
        )
        .values(resolved_at=now, resolved_by_user_id=actor.user_id)
        .execution_options(synchronize_session=False)
    )


async def _close_account(session: AsyncSession, user: User, *, role: Role | None, now: datetime) -> None:
    """The account itself: no name, no address, no number, never signed in to again."""
    await session.execute(delete(AuthSession).where(AuthSession.user_id == user.id))
    await session.execute(delete(PasswordResetToken).where(PasswordResetToken.user_id == user.id))
    user.display_name = former_name(role)
    user.email = erased_email(user.id)
    user.phone = None
    user.phone_verified_at = None
    user.texts_stopped_at = None
    user.password_hash = UNUSABLE_PASSWORD
    user.password_changed_at = now
    user.is_active = False
    user.erased_at = now


async def anonymise(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    organisation_id: uuid.UUID,
    now: datetime,
    actor: Actor,
    reason: str,
    erasure_id: uuid.UUID | None = None,
) -> Result:
    """Erase ``user_id`` from ``organisation_id``'s records (see the module's words); never commits.

    ``reason``: "request" (a confirmed erasure request) or "retention" (an ended membership past its
    time). The caller has checked nothing is open (``service.open_records``).
    """
    user = await session.get(User, user_id, with_for_update=True)
    if user is None:
        raise LookupError("no such user")
    result = Result()
    person = await person_of(session, user_id)
    names = [user.display_name, *(user.display_name.split()[:1])] if user.erased_at is None else []
    role = await _role_there(session, user_id=user_id, organisation_id=organisation_id)
    scope = await open_scope(session, actor=actor, now=now, organisation_id=organisation_id)
    result.memberships_ended = await _end_memberships(scope, user_id=user_id)
    account = not await _has_other_membership(session, user_id=user_id, organisation_id=organisation_id)
    result.account_anonymised = account
    await _keep_safeguarding(
        session, user, person, organisation_id, result, account=account, erasure_id=erasure_id, now=now
    )
    # Other people's inbox, e-mails and texts naming them (before their own rows go).
    result.others_notifications_renamed = await _scrub_others(
        session, user_id=user_id, organisation_id=organisation_id, names=names, former=former_name(role)
    )
    await _apply_rules(session, person, organisation_id, result, account=account)
    await _close_attention(session, user_id, organisation_id, actor, now)
    if account and user.erased_at is None:
        await _close_account(session, user, role=role, now=now)
        result.count("account", "anonymised", 1)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="privacy.erasure.anonymised",
        now=now,
        organisation_id=organisation_id,
        subject_user_id=user_id,
        object_type="erasure_request" if erasure_id else None,
        object_id=erasure_id,
        details={
            "reason": reason,
            "account": account,
            "kept": len(result.kept),
            "memberships_ended": result.memberships_ended,
        },
    )
    return result


__all__ = ["FORMER", "Planned", "Result", "anonymise", "erased_email", "former_name", "kept_records", "plan"]
