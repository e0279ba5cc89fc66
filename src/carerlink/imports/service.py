"""Bringing carers and buddies in from a spreadsheet (issue 16): a dry run, then one confirmed import.

The upload is only checked (``check_upload``): its rows and what was found in each are stored with the
file, and nothing else is written and nobody is contacted. ``confirm_import`` checks the file again
against the organisation as it is now and writes every good row in the caller's one transaction: the
person (an account with no usable password yet), their membership (a carer waiting from their original
referral date), their profile and health-data consent when the file has them, and an invitation; only
then are e-mails and texts queued (they go when that transaction commits) and in-person codes returned,
once. A failure anywhere writes nothing. The person joins by accepting the invitation (they choose a
password and agree to the terms); until then coordinators see them as "invited, not yet joined" and
matching leaves them out (``matching.service.waiting``).
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import msgspec
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink import i18n
from carerlink.accounts.models import User
from carerlink.actor import Actor, Role
from carerlink.errors import Conflict, NotFound
from carerlink.i18n import N_, _
from carerlink.imports import policy
from carerlink.imports.checking import CheckedRow, Known, check_headings, check_rows
from carerlink.imports.columns import columns_of, template_csv
from carerlink.imports.models import Import, ImportKind, ImportRow, ImportStatus, RowOutcome
from carerlink.imports.reading import read_sheet
from carerlink.kit.crypto import new_human_code, new_token, normalise_human_code, token_digest
from carerlink.mail.models import OutgoingMail
from carerlink.notifications import kinds
from carerlink.notifications.service.routing import TEXT_FAILED, texts_enabled
from carerlink.notifications.texts.delivery import segments_left
from carerlink.notifications.texts.models import OutgoingText
from carerlink.notifications.texts.words import segments as text_segments
from carerlink.organisations import service as organisations
from carerlink.organisations.models import ConsentKind, ConsentMethod, Invitation, Membership, Organisation
from carerlink.organisations.scope import Scope, open_scope
from carerlink.profiles.models import CarerProfile
from carerlink.profiles.schemas import CarerProfileWrite
from carerlink.profiles.service._common import availability_mask, organisation_today, unique

CHECK_LIFETIME = timedelta(days=7)  # an unconfirmed dry run (and its file) is kept this long
SKIPPED_ROWS_KEPT = timedelta(days=30)  # a confirmed import's skipped rows, to fix and upload again
INVITATION_LIFETIME = organisations.IMPORT_INVITATION_LIFETIME
_CHUNK = 500  # values per IN (...) list: well under every driver's parameter limit
ROLE_OF = {ImportKind.CARER: Role.CARER, ImportKind.BUDDY: Role.BUDDY}
INVITATION_TEXT = "invitation"  # the text outbox's category of invitations (sent to an unverified number)
# How a row's person was invited, in the words of the reader's language (read with str() when answered).
INVITED_HOW = {
    "email": N_("by e-mail"),
    "text": N_("by text message"),
    "code": N_("in person, with a printed code"),
}


@dataclass(frozen=True, slots=True)
class RowView:
    """One row of an import as its coordinators see it."""

    row: ImportRow
    joined: bool | None  # None: nobody was brought in by this row
    text_not_sent: bool = False  # their invitation text was refused, undelivered or given up


@dataclass(frozen=True, slots=True)
class ImportView:
    """An import with its rows (and, right after confirming, the in-person codes, shown once)."""

    record: Import
    rows: Sequence[RowView]
    codes: dict[uuid.UUID, str]


def _allowed(scope: Scope) -> Organisation:
    return scope.require(policy.can_import, _("Only coordinators can bring records in."))


def _chunks(values: Sequence[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), _CHUNK):
        yield list(values[start : start + _CHUNK])


async def _known(scope: Scope, emails: set[str], numbers: set[str], base_url: str) -> Known:
    """What the organisation already holds (one query per 500 e-mails and per 500 numbers), and its texts."""
    session, organisation_id = scope.session, scope.organisation_id
    members: set[str] = set()
    others: set[str] = set()
    in_org = select(Membership.user_id).where(Membership.organisation_id == organisation_id).scalar_subquery()
    for chunk in _chunks(sorted(emails)):
        rows = await session.execute(select(User.email, User.id.in_(in_org)).where(User.email.in_(chunk)))
        for email, member in rows:
            (members if member else others).add(email)
    phones: set[str] = set()
    for chunk in _chunks(sorted(numbers)):
        phones.update(
            await session.scalars(
                select(User.phone)
                .join(Membership, Membership.user_id == User.id)
                .where(Membership.organisation_id == organisation_id, User.phone.in_(chunk))
            )
        )
    texts_on = await texts_enabled(session, organisation_id)
    return Known(
        members_by_email=frozenset(members),
        other_accounts=frozenset(others),
        member_phones=frozenset(p for p in phones if p),
        texts_on=texts_on,
        text_segments_left=(
            await segments_left(session, organisation_id=organisation_id, now=scope.now) if texts_on else None
        ),
        segments_per_invitation=_invitation_segments(_allowed(scope), base_url),
    )


async def _check(
    scope: Scope, kind: ImportKind, file_name: str, content: bytes, base_url: str
) -> tuple[str, list[CheckedRow]]:
    """The file read and every row checked against the organisation as it is now."""
    file_format, sheet = read_sheet(file_name, content)
    check_headings(kind, sheet.headings)
    today = organisation_today(_allowed(scope), scope.now)  # "in the future" as the centre's calendar says
    # A first pass finds the e-mails and numbers to look up (one query each), then the real check.
    draft = check_rows(
        kind,
        sheet.headings,
        sheet.rows,
        known=Known(frozenset(), frozenset(), frozenset(), texts_on=True),
        today=today,
    )
    known = await _known(
        scope, {r.email for r in draft if r.email}, {r.phone for r in draft if r.phone}, base_url
    )
    return file_format, check_rows(kind, sheet.headings, sheet.rows, known=known, today=today)


def _row_record(import_id: uuid.UUID, row: CheckedRow) -> ImportRow:
    return ImportRow(
        id=uuid.uuid4(),
        import_id=import_id,
        row_number=row.row_number,
        name=row.name,
        email=row.email,
        phone=row.phone,
        invite_by=row.invite_by,
        outcome=RowOutcome.READY if row.ok else RowOutcome.ERROR,
        duplicate=row.duplicate,
        # Errors, then warnings (marked): one list, so rows stored before warnings existed read the same.
        problems=[{"column": p.column, "message": p.message} for p in row.problems]
        + [{"column": p.column, "message": p.message, "warning": True} for p in row.warnings],
        consent_taken_by=None,
    )


def _count(record: Import, rows: Sequence[CheckedRow]) -> None:
    record.rows_total = len(rows)
    record.rows_ready = sum(1 for r in rows if r.ok)
    record.rows_with_errors = record.rows_total - record.rows_ready
    record.duplicates = sum(1 for r in rows if r.duplicate)


async def check_upload(
    scope: Scope, *, kind: ImportKind, file_name: str, content: bytes, base_url: str
) -> ImportView:
    """Check a file in a dry run: stored with what was found in each row; nothing else is written."""
    organisation = _allowed(scope)
    file_format, rows = await _check(scope, kind, file_name, content, base_url)
    record = Import(
        id=uuid.uuid4(),
        organisation_id=organisation.id,
        kind=kind,
        status=ImportStatus.CHECKED,
        file_name=file_name[:200] or "upload",
        file_format=file_format,
        content=content,
        created_by_user_id=scope.actor.user_id,
        checked_at=scope.now,
        expires_at=scope.now + CHECK_LIFETIME,
    )
    record.created_at = scope.now
    _count(record, rows)
    scope.session.add(record)
    records = [_row_record(record.id, row) for row in rows]
    scope.session.add_all(records)
    await scope.session.flush()
    await scope.audit(
        "imports.import.checked",
        object_type="import",
        object_id=record.id,
        details={"kind": kind.value, "rows": record.rows_total, "with_errors": record.rows_with_errors},
    )
    return ImportView(record, [RowView(r, None) for r in records], {})


async def _open(scope: Scope, import_id: uuid.UUID, *, lock: bool = False) -> Import:
    organisation = _allowed(scope)
    query = select(Import).where(Import.id == import_id, Import.organisation_id == organisation.id)
    record = await scope.session.scalar(query.with_for_update() if lock else query)
    if record is None:
        raise NotFound(_("No such import."))
    return record


def _still_open(scope: Scope, record: Import) -> bytes:
    if record.status == ImportStatus.IMPORTED:
        raise Conflict(_("This import has already been confirmed."))
    if record.status == ImportStatus.EXPIRED or record.content is None or scope.now >= record.expires_at:
        raise Conflict(_("This check is more than 7 days old. Please upload the file again."))
    return record.content


async def recheck_upload(
    scope: Scope, *, import_id: uuid.UUID, file_name: str, content: bytes, base_url: str
) -> ImportView:
    """Check a corrected file in place of the first (the same import, a new dry run)."""
    record = await _open(scope, import_id, lock=True)
    _still_open(scope, record)
    file_format, rows = await _check(scope, record.kind, file_name, content, base_url)
    await scope.session.execute(delete(ImportRow).where(ImportRow.import_id == record.id))
    record.file_name, record.file_format, record.content = file_name[:200] or "upload", file_format, content
    record.checked_at, record.expires_at = scope.now, scope.now + CHECK_LIFETIME
    _count(record, rows)
    records = [_row_record(record.id, row) for row in rows]
    scope.session.add_all(records)
    await scope.session.flush()
    await scope.audit(
        "imports.import.checked",
        object_type="import",
        object_id=record.id,
        details={
            "kind": record.kind.value,
            "rows": record.rows_total,
            "with_errors": record.rows_with_errors,
        },
    )
    return ImportView(record, [RowView(r, None) for r in records], {})


async def list_imports(scope: Scope) -> Sequence[Import]:
    """The organisation's imports, newest first (coordinators)."""
    organisation = _allowed(scope)
    query = (
        select(Import)
        .where(Import.organisation_id == organisation.id)
        .order_by(Import.created_at.desc(), Import.id)
        .limit(200)
    )
    return (await scope.session.scalars(query)).all()


async def get_import(scope: Scope, *, import_id: uuid.UUID) -> ImportView:
    """An import and its rows, with whether each person brought in has joined yet (audited read)."""
    record = await _open(scope, import_id)
    rows = (
        await scope.session.scalars(
            select(ImportRow).where(ImportRow.import_id == record.id).order_by(ImportRow.row_number)
        )
    ).all()
    accepted = (
        {
            invitation_id
            for invitation_id in await scope.session.scalars(
                select(Invitation.id).where(
                    Invitation.id.in_([r.invitation_id for r in rows if r.invitation_id]),
                    Invitation.accepted_at.is_not(None),
                )
            )
        }
        if any(r.invitation_id for r in rows)
        else set()
    )
    unsent = await _texts_not_sent(
        scope.session, [r.user_id for r in rows if r.invite_by == "text" and r.user_id is not None]
    )
    await scope.audit("imports.import.viewed", object_type="import", object_id=record.id)
    views = [
        RowView(
            r,
            (r.invitation_id in accepted) if r.outcome == RowOutcome.IMPORTED else None,
            text_not_sent=r.user_id in unsent and r.invitation_id not in accepted,
        )
        for r in rows
    ]
    return ImportView(record, views, {})


async def _texts_not_sent(session: AsyncSession, user_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these people's invitation texts can never be sent (refused, undelivered, given up)."""
    unsent: set[uuid.UUID] = set()
    for start in range(0, len(user_ids), _CHUNK):
        unsent.update(
            await session.scalars(
                select(OutgoingText.user_id).where(
                    OutgoingText.user_id.in_(user_ids[start : start + _CHUNK]),
                    OutgoingText.category == INVITATION_TEXT,
                    OutgoingText.state.in_(TEXT_FAILED),
                )
            )
        )
    return unsent


async def tell_of_unsent_invitation_texts(session: AsyncSession, *, now: datetime) -> int:
    """Tell the coordinators, once, of people brought in whose invitation text can never be sent.

    Like an invitation e-mail that fails (``organisations.tell_of_undelivered_invitations``): the text
    was refused (the month's text budget ran out, the number stopped texts, the provider refused it),
    reported undelivered, or given up after its retries, and the person would wait for it for nothing.
    One notification per import to every coordinator, pointing at the import's page, which names them;
    each invitation is audited and marked told (``mail_failure_told_at``: the failure of its message,
    e-mail or text). Returns how many invitations were told.
    """
    found = (
        await session.execute(
            select(ImportRow.import_id, Invitation)
            .join(Invitation, Invitation.id == ImportRow.invitation_id)
            .join(
                OutgoingText,
                (OutgoingText.user_id == ImportRow.user_id) & (OutgoingText.category == INVITATION_TEXT),
            )
            .where(
                ImportRow.outcome == RowOutcome.IMPORTED,
                ImportRow.invite_by == "text",
                OutgoingText.state.in_(TEXT_FAILED),
                OutgoingText.finished_at >= now - INVITATION_LIFETIME,
                Invitation.mail_failure_told_at.is_(None),
            )
            .with_for_update(of=Invitation, skip_locked=True)
        )
    ).all()
    told = {invitation.id: (import_id, invitation) for import_id, invitation in found}
    waiting: dict[uuid.UUID, list[Invitation]] = {}
    for import_id, invitation in told.values():
        invitation.mail_failure_told_at = now
        if organisations.invitation_state(invitation, now) == "pending":  # else nobody is waiting for it
            waiting.setdefault(import_id, []).append(invitation)
    for import_id, invitations in waiting.items():
        scope = await open_scope(
            session, actor=Actor.system(), now=now, organisation_id=invitations[0].organisation_id
        )
        for coordinator_id in await organisations.coordinators_to_alert(
            session, organisation_id=invitations[0].organisation_id, on_duty_only=False
        ):
            await scope.notify(
                coordinator_id,
                kinds.InvitationTextFailed,
                {"import_id": import_id},
                dedupe_key=f"invitation-texts-failed:{import_id}:{min(i.id for i in invitations)}",
            )
        for invitation in invitations:
            await scope.audit(
                "imports.invitation.text_failed", object_type="invitation", object_id=invitation.id
            )
    return len(told)


def _profile(profile: CarerProfileWrite, *, membership: Membership, now: datetime) -> CarerProfile:
    """A carer's profile from a checked row, as ``save_my_carer_profile`` keeps it."""
    record = CarerProfile(
        id=uuid.uuid4(),
        membership_id=membership.id,
        user_id=membership.user_id,
        organisation_id=membership.organisation_id,
        relationships=unique(profile.relationships),
        needs=unique(profile.needs),
        mental_health_needs=unique(profile.mental_health_needs),
        co_resident=profile.co_resident,
        hours_band=profile.hours_band,
        journey_stage=profile.journey_stage,
        years_caring=profile.years_caring,
        carer_category=profile.carer_category,
        under_18=profile.under_18,
        languages=unique(profile.languages),
        preferred_language=profile.preferred_language,
        interpreter_needed=profile.interpreter_needed,
        postcode_district=profile.postcode_district.upper() if profile.postcode_district else None,
        region=profile.region,
        contact_modes=unique(profile.contact_modes),
        availability=availability_mask(profile.availability),
        help_with=unique(profile.help_with),
        help_note=profile.help_note.strip(),
        cultures=unique(profile.cultures),
        faith=profile.faith,
        preferences=msgspec.to_builtins(profile.preferences),
        updated_at=now,
    )
    record.created_at = now
    return record


@dataclass(slots=True)
class _Written:
    user: User
    membership: Membership
    invitation: Invitation
    token: str
    code: str


def _person(scope: Scope, organisation: Organisation, kind: ImportKind, row: CheckedRow) -> _Written:
    now = scope.now
    assert row.email is not None
    user = User(
        id=uuid.uuid4(),
        email=row.email,
        display_name=row.name,
        time_zone=organisation.time_zone,
        locale="en-GB",
        password_hash=organisations.NO_PASSWORD_YET,
        password_changed_at=now,
        is_active=True,
        phone=row.phone,
    )
    user.created_at = now
    membership = Membership(
        id=uuid.uuid4(),
        user_id=user.id,
        organisation_id=organisation.id,
        role=ROLE_OF[kind],
        status_changed_at=now,
        waiting_since=row.waiting_since if kind == ImportKind.CARER else None,
        on_duty=True,
    )
    membership.created_at = now
    token, code = new_token(), new_human_code()
    invitation = Invitation(
        id=uuid.uuid4(),
        organisation_id=organisation.id,
        email=row.email,
        role=ROLE_OF[kind],
        token_digest=token_digest(token),
        code_digest=token_digest(normalise_human_code(code)),
        invited_by_user_id=scope.actor.user_id,
        expires_at=now + INVITATION_LIFETIME,
    )
    invitation.created_at = now
    return _Written(user, membership, invitation, token, code)


def _language(organisation: Organisation) -> str:
    """An imported person's language (issue 17): not chosen yet, so the centre's offer, else English."""
    offer = (organisation.settings or {}).get("language_offer")
    return i18n.for_person("en-GB", chosen=False, offer=offer)


def _text_body(organisation: Organisation, link: str) -> str:
    """The words of an invitation by text, in the current language."""
    return _(
        "{organisation} invites you to its carer buddy service on carerlink. Join within {days} days: {link}"
    ).format(organisation=organisation.name, days=INVITATION_LIFETIME.days, link=link)


def _invitation_segments(organisation: Organisation, base_url: str) -> int:
    """The segments one invitation text takes (every token is as long, so every text is the same)."""
    with i18n.using(_language(organisation)):
        return text_segments(_text_body(organisation, f"{base_url}/invitation#token={new_token()}"))


def _message(
    scope: Scope, organisation: Organisation, written: _Written, how: str, base_url: str
) -> object | None:
    """The invitation's e-mail or text (queued in this transaction: it goes only if the import commits)."""
    with i18n.using(_language(organisation)):
        return _invitation(scope, organisation, written, how, base_url)


def _invitation(
    scope: Scope, organisation: Organisation, written: _Written, how: str, base_url: str
) -> object | None:
    link = f"{base_url}/invitation#token={written.token}"
    days = INVITATION_LIFETIME.days
    if how == "email":
        mail = OutgoingMail(
            id=uuid.uuid4(),
            to_address=written.user.email,
            subject=_("You're invited to join {organisation} on carerlink").format(
                organisation=organisation.name
            ),
            body=_(
                "Hello {name},\n\n{organisation} has moved its carer buddy service to carerlink, "
                "and has kept your place. To join, open this link within {days} days, choose a password "
                "and read the terms:\n\n{link}\n\nOr, at the centre, enter this code: {code}\n\n"
                "If you weren't expecting this, you can ignore this e-mail.\n"
            ).format(
                name=written.user.display_name,
                organisation=organisation.name,
                days=days,
                link=link,
                code=written.code,
            ),
            category=organisations.INVITATION_MAIL,
            send_after=scope.now,
            attempts=0,
            user_id=written.user.id,
            organisation_id=organisation.id,
        )
        mail.created_at = scope.now
        written.invitation.mail_id = mail.id
        return mail
    if how == "text" and written.user.phone:
        body = _text_body(organisation, link)
        sms = OutgoingText(
            id=uuid.uuid4(),
            user_id=written.user.id,
            organisation_id=organisation.id,
            to_number=written.user.phone,
            body=body,
            category=INVITATION_TEXT,
            segments=text_segments(body),
            state="pending",
            send_after=scope.now,
            expires_at=scope.now + INVITATION_LIFETIME,
            attempts=0,
        )
        sms.created_at = scope.now
        return sms
    return None


async def _claim(scope: Scope, record: Import) -> None:
    """Mark the import confirmed, or ``Conflict`` when another confirm got there first.

    One conditional UPDATE, so two confirms at the same moment can't both pass, whatever the database's
    locking: the second finds it no longer ``checked`` and says so (and its transaction writes nothing).
    A confirm that fails later rolls this back with everything else.
    """
    claimed = await scope.session.execute(
        update(Import)
        .where(Import.id == record.id, Import.status == ImportStatus.CHECKED)
        .values(status=ImportStatus.IMPORTED)
        .execution_options(synchronize_session=False)
    )
    if getattr(claimed, "rowcount", 0) != 1:
        raise Conflict(_("This import has already been confirmed."))


async def confirm_import(scope: Scope, *, import_id: uuid.UUID, base_url: str) -> ImportView:
    """Write every good row in this one transaction, then invite each person (coordinators).

    The file is checked again first: someone may have joined since the dry run. Rows with errors are
    skipped. The in-person codes are in the answer, once (only their digests are kept).
    """
    record = await _open(scope, import_id, lock=True)
    content = _still_open(scope, record)
    organisation = _allowed(scope)
    await _claim(scope, record)
    _checked, rows = await _check(scope, record.kind, record.file_name, content, base_url)
    session, now = scope.session, scope.now
    written: dict[int, _Written] = {}
    for row in rows:
        if row.ok:
            written[row.row_number] = _person(scope, organisation, record.kind, row)
    # Parents first, each table in one batch (SQLAlchemy's insertmanyvalues): users, then memberships
    # and invitations, then what hangs from them.
    session.add_all([w.user for w in written.values()])
    try:
        await session.flush()
    except IntegrityError:
        # Someone with one of these addresses joined between the check and now (the check above saw
        # the organisation a moment ago): nothing is kept; checking again names the row.
        raise Conflict(
            _(
                "Someone in this file joined carerlink a moment ago. Nothing was brought in: "
                "please confirm again."
            )
        ) from None
    messages = [
        _message(scope, organisation, written[row.row_number], row.invite_by, base_url)
        for row in rows
        if row.row_number in written
    ]
    session.add_all([m for m in messages if isinstance(m, OutgoingMail)])
    await session.flush()
    session.add_all([w.membership for w in written.values()])
    session.add_all([w.invitation for w in written.values()])
    await session.flush()
    session.add_all([m for m in messages if isinstance(m, OutgoingText)])
    session.add_all(
        [
            _profile(row.profile, membership=written[row.row_number].membership, now=now)
            for row in rows
            if row.row_number in written and row.profile is not None
        ]
    )
    await session.flush()
    for row in rows:
        if row.row_number in written and row.consent is not None:
            await organisations.give_consent(
                session,
                user_id=written[row.row_number].user.id,
                organisation_id=organisation.id,
                kind=ConsentKind.HEALTH_DATA,
                now=now,
                given_at=row.consent.given_at,
                method=ConsentMethod.IMPORTED,
                recorded_by_user_id=scope.actor.user_id,
                taken_by_name=row.consent.recorded_by,
            )
    await session.execute(delete(ImportRow).where(ImportRow.import_id == record.id))
    records: list[ImportRow] = []
    codes: dict[uuid.UUID, str] = {}
    for row in rows:
        item = _row_record(record.id, row)
        done = written.get(row.row_number)
        item.outcome = RowOutcome.IMPORTED if done else RowOutcome.SKIPPED
        if done is not None:
            item.user_id, item.membership_id = done.user.id, done.membership.id
            item.invitation_id = done.invitation.id
            item.consent_taken_by = row.consent.recorded_by if row.consent else None
            if row.invite_by == "code":
                codes[item.id] = done.code
        records.append(item)
    session.add_all(records)
    _count(record, rows)
    record.status, record.content = ImportStatus.IMPORTED, None
    record.confirmed_at, record.confirmed_by_user_id = now, scope.actor.user_id
    record.rows_imported = len(written)
    await session.flush()
    await scope.audit(
        "imports.import.confirmed",
        object_type="import",
        object_id=record.id,
        details={"kind": record.kind.value, "imported": len(written), "skipped": len(rows) - len(written)},
    )
    return ImportView(
        record, [RowView(r, False if r.outcome == RowOutcome.IMPORTED else None) for r in records], codes
    )


async def expire_checks(session: AsyncSession, *, now: datetime) -> int:
    """Forget what an import no longer needs; how many imports changed.

    A dry run never confirmed within 7 days loses its file (it may hold health needs) and its rows (it
    brought nobody in). After ``SKIPPED_ROWS_KEPT``, a confirmed import's skipped rows (the names and
    addresses of people it did not bring in, kept so the coordinator could fix the file) go too.
    """
    expired = (
        await session.scalars(
            update(Import)
            .where(Import.status == ImportStatus.CHECKED, Import.expires_at <= now)
            .values(status=ImportStatus.EXPIRED, content=None)
            .returning(Import.id)
        )
    ).all()
    if expired:
        await session.execute(delete(ImportRow).where(ImportRow.import_id.in_(expired)))
    done = select(Import.id).where(
        Import.status == ImportStatus.IMPORTED, Import.confirmed_at <= now - SKIPPED_ROWS_KEPT
    )
    skipped = await session.execute(
        delete(ImportRow).where(ImportRow.import_id.in_(done), ImportRow.outcome == RowOutcome.SKIPPED)
    )
    return len(expired) + int(getattr(skipped, "rowcount", 0) or 0)


def template(scope: Scope, *, kind: ImportKind) -> str:
    """The CSV template of ``kind`` (coordinators)."""
    _allowed(scope)
    return template_csv(kind)


def template_xlsx(scope: Scope, *, kind: ImportKind) -> bytes:
    """The same template as an .xlsx file (coordinators)."""
    _allowed(scope)
    from openpyxl import Workbook  # type: ignore[import-untyped]

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    columns = columns_of(kind)
    sheet.append([c.name for c in columns])
    sheet.append([c.example for c in columns])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
