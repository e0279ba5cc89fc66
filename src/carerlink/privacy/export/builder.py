"""Building a copy of someone's data: the document from the catalogue, and the archive around it.

For every ``(rule, about)`` of ``privacy/catalogue.py`` the rows about the person are read with
``privacy/rows.py`` (the same reading erasure, retention and the tests use), giving only the ``export``
columns; a column naming another person (``others``) becomes that person's first name ("a former
member" once erased), an organisation id the centre's name. Safeguarding records (``about.review``)
are not given: each becomes an ``ExportReview`` a coordinator of its centre decides, and those released
are added, reduced to what the person may read (``released``). A table added to the catalogue joins the
copy by itself.

No web framework here: the service and the tick call ``build`` inside one read transaction.
"""

from __future__ import annotations

import html
import io
import uuid
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import msgspec
from sqlalchemy import case, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts.models import User
from carerlink.audit.service import WITHHELD_FROM_SUBJECT
from carerlink.checkins import wellbeing
from carerlink.concerns import service as concerns
from carerlink.concerns.models import Concern
from carerlink.db import Base
from carerlink.matching.models import MatchStatus
from carerlink.organisations.models import Membership, Organisation
from carerlink.privacy.catalogue import About, TableRule
from carerlink.privacy.export.schemas import (
    Column,
    DataDocument,
    ReleasedRecord,
    Section,
    Subject,
    document_schema,
)
from carerlink.privacy.models import DataExport, ExportReview, ReviewDecision
from carerlink.privacy.rows import Person, person_of, select_about, table_of, ways_about
from carerlink.profiles import vocabulary
from carerlink.profiles.models import SupervisionSession
from carerlink.safeguarding.models import CrisisAlert

FORMER_MEMBER = "a former member"
# The safeguarding tables whose rows a coordinator reviews, and what each review's ``object_type`` is.
REVIEWED: dict[str, str] = {
    "concerns": "concern",
    "crisis_alerts": "crisis_alert",
    "supervision_sessions": "supervision_session",
}
# Audit actions never put in the person's own copy: they would reveal a concern about them.
HIDDEN_ACTIONS = ("concerns.",)
# The summary's count of messages whose words are in the copy (issue 18).
MESSAGE_WORDS = "message_words"
# A match whose pair is together: a buddy's copy has the carer's messages only then.
TOGETHER = (MatchStatus.ACTIVE, MatchStatus.PAUSED)

# Plain words for columns whose name does not say it well enough by itself.
LABELS: dict[str, str] = {
    "id": "Reference",
    "centre": "Centre",
    "email": "E-mail address",
    "display_name": "Name",
    "time_zone": "Time zone",
    "locale": "Language",
    "phone": "Phone number",
    "phone_verified_at": "Phone number checked",
    "texts_stopped_at": "Texts stopped",
    "is_active": "Account open",
    "created_at": "Created",
    "updated_at": "Last changed",
    "password_changed_at": "Password last changed",
    "due_at": "Due",
    "answered_at": "Answered",
    "wellbeing": "How you were doing (1 to 5)",
    "note": "What you wrote",
    "wants_call": "Wanted a call",
    "needs_help": "Asked for help",
    "replied_at": "Replied",
    "reply_kind": "Kind of reply",
    "reply_message": "Reply",
    "match_id": "Match",
    "organisation_id": "Centre",
    "buddy": "Buddy",
    "carer": "Carer",
    "actor": "Who",
    "subject": "About whom",
    "at": "When",
    "requested_at": "Asked for",
    "ready_at": "Ready",
    "expires_at": "Available until",
    "last_downloaded_at": "Last downloaded",
    "raised_at": "Raised",
    "acknowledged_at": "Seen by a coordinator",
    "mistake_reported_at": "Reported as a mistake",
    "held_on": "Held on",
    "duration_minutes": "Minutes",
    "recorded_at": "Recorded",
    "given_at": "Given",
    "withdrawn_at": "Withdrawn",
    "version": "Version of the words",
}


def label(key: str) -> str:
    """A column's plain label: from ``LABELS``, else its name in words ("asked_at" → "Asked")."""
    if key in LABELS:
        return LABELS[key]
    words = key.removesuffix("_user_id").removesuffix("_id").removesuffix("_at").replace("_", " ")
    return words[:1].upper() + words[1:]


def other_key(column: str) -> str:
    """The key a column naming another person gets: ``buddy_user_id`` → ``buddy``."""
    return column.removesuffix("_user_id").removesuffix("_id")


@dataclass(frozen=True, slots=True)
class Held:
    """A safeguarding record held back for review."""

    organisation_id: uuid.UUID
    object_type: str
    object_id: uuid.UUID


@dataclass
class Built:
    """What one build produced: the document, the records held back and the counts per section."""

    document: DataDocument
    held: list[Held] = field(default_factory=list)
    summary: dict[str, int] = field(default_factory=dict)


class _Names:
    """First names and centre names, each looked up once per build."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.people: dict[uuid.UUID, str] = {}
        self.centres: dict[uuid.UUID, str] = {}

    async def first_name(self, user_id: uuid.UUID | None) -> str | None:
        if user_id is None:
            return None
        if user_id not in self.people:
            user = await self.session.get(User, user_id)
            if user is None or user.erased_at is not None:
                self.people[user_id] = FORMER_MEMBER
            else:
                self.people[user_id] = (user.display_name.split() or [FORMER_MEMBER])[0]
        return self.people[user_id]

    async def centre(self, organisation_id: uuid.UUID | None) -> str | None:
        if organisation_id is None:
            return None
        if organisation_id not in self.centres:
            organisation = await self.session.get(Organisation, organisation_id)
            self.centres[organisation_id] = organisation.name if organisation is not None else ""
        return self.centres[organisation_id]


def _plain(value: Any) -> Any:
    """A value as JSON will carry it (datetimes are left for msgspec to write in ISO 8601)."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, str):  # StrEnum included
        return str(value)
    if isinstance(value, bytes):
        return None
    return value


async def _rows(
    session: AsyncSession, rule: TableRule, about: About, person: Person, organisation_id: uuid.UUID | None
) -> Sequence[Any]:
    query: Any = select_about(rule, about, person, organisation_id=organisation_id)
    table = table_of(rule)
    if about.while_paired:
        matches = Base.metadata.tables["matches"]
        together = table.c.match_id.in_(
            select(matches.c.id).where(matches.c.status.in_([s.value for s in TOGETHER]))
        )
        own = table.c[about.author] == person.user_id
        query = query.with_only_columns(
            *(
                case((or_(own, together), c), else_=None).label(c.name) if c.name in about.while_paired else c
                for c in table.c
            )
        )
    if rule.table == "audit_entries":
        query = query.where(
            table.c.object_type.is_(None) | table.c.object_type.not_in(WITHHELD_FROM_SUBJECT),
            *(~table.c.action.startswith(prefix) for prefix in HIDDEN_ACTIONS),
        )
    if "id" in table.c:
        query = query.order_by(table.c.id)
    return (await session.execute(query)).mappings().all()


async def _held(session: AsyncSession, rule: TableRule, rows: Sequence[Any], person: Person) -> list[Held]:
    object_type = REVIEWED.get(rule.table)
    if object_type is None:  # part of another record (a concern's actions are reviewed with it)
        return []
    held = []
    for row in rows:
        if object_type == "supervision_session" and not (row["notes"] or "").strip():
            continue  # nothing beyond what the copy gives
        held.append(Held(row["organisation_id"], object_type, row["id"]))
    return held


async def _reviewed_before(session: AsyncSession, user_id: uuid.UUID) -> dict[tuple[str, uuid.UUID], str]:
    """Records of this person already under review or decided (for any earlier copy): decided once."""
    rows = await session.execute(
        select(ExportReview.object_type, ExportReview.object_id, ExportReview.decision)
        .join(DataExport, DataExport.id == ExportReview.export_id)
        .where(DataExport.user_id == user_id)
    )
    seen: dict[tuple[str, uuid.UUID], str] = {}
    for object_type, object_id, decision in rows:
        if seen.get((object_type, object_id)) != ReviewDecision.RELEASED:
            seen[(object_type, object_id)] = str(decision)
    return seen


async def build(session: AsyncSession, export: DataExport, *, now: datetime) -> Built:
    """The document of ``export`` as the database stands in this transaction (reads only)."""
    user = await session.get(User, export.user_id)
    if user is None:
        raise LookupError("the person has gone")
    person = await person_of(session, export.user_id)
    names = _Names(session)
    organisation_id = export.organisation_id
    sections: dict[str, Section] = {}
    seen_ids: dict[str, set[str]] = {}
    held: list[Held] = []
    for rule, about in ways_about():
        if about.review:
            rows = await _rows(session, rule, about, person, organisation_id)
            held += await _held(session, rule, rows, person)
            if not about.export:
                continue
        elif about.withheld or not about.export:
            continue
        rows = await _rows(session, rule, about, person, organisation_id)
        if rows:
            await _add(sections, seen_ids, rule, about, rows, names)
    before = await _reviewed_before(session, export.user_id)
    released = [
        await _released(session, names, key, tz=_zone(user.time_zone))
        for key, decision in before.items()
        if decision == ReviewDecision.RELEASED and await _in_scope(session, key, organisation_id)
    ]
    fresh = [h for h in dict.fromkeys(held) if (h.object_type, h.object_id) not in before]
    centres = await _centres(session, names, export.user_id, organisation_id)
    document = DataDocument(
        format="carerlink.data-export",
        version=1,
        generated_at=now,
        covers=centres[0] if organisation_id is not None and centres else "Every centre you belong to",
        subject=Subject(name=user.display_name, email=user.email, time_zone=user.time_zone),
        centres=centres,
        sections=sections,
        released=[r for r in released if r is not None],
    )
    summary = {key: len(section.rows) for key, section in sections.items()}
    if "messages" in sections:  # what a coordinator's screen and audit say of a copy they asked for
        summary[MESSAGE_WORDS] = sum(row.get("text") is not None for row in sections["messages"].rows)
    return Built(document=document, held=fresh, summary=summary)


async def _add(
    sections: dict[str, Section],
    seen_ids: dict[str, set[str]],
    rule: TableRule,
    about: About,
    rows: Sequence[Any],
    names: _Names,
) -> None:
    """Put ``rows`` in their section: the ``export`` columns, others by first name, centres by name."""
    section = sections.get(rule.section)
    if section is None:
        section = sections[rule.section] = Section(
            title=rule.title, explain=rule.explain, columns=[Column("id", label("id"))], rows=[]
        )
        if rule.organisation is not None:
            section.columns.append(Column("centre", label("centre")))
        seen_ids[rule.section] = set()
    keys = [c.key for c in section.columns]
    for key in (*about.export, *(other_key(c) for c in about.others)):
        if key not in keys:
            section.columns.append(Column(key, label(key)))
            keys.append(key)
    seen = seen_ids[rule.section]
    for row in rows:
        row_id = str(row["id"]) if "id" in row else None
        if row_id is not None and row_id in seen:
            continue  # about them twice (an audit entry of something they did to their own record)
        if row_id is not None:
            seen.add(row_id)
        out: dict[str, Any] = {"id": row_id}
        if rule.organisation is not None:
            out["centre"] = await names.centre(row[rule.organisation])
        for column in about.export:
            value = row[column]
            out[column] = await names.centre(value) if column == "organisation_id" else _plain(value)
        for column in about.others:
            out[other_key(column)] = await names.first_name(row[column])
        section.rows.append(out)


async def _centres(
    session: AsyncSession, names: _Names, user_id: uuid.UUID, organisation_id: uuid.UUID | None
) -> list[str]:
    if organisation_id is not None:
        return [await names.centre(organisation_id) or ""]
    ids = await session.scalars(
        select(Membership.organisation_id).where(Membership.user_id == user_id).distinct()
    )
    return sorted({await names.centre(i) or "" for i in ids})


_MODELS: dict[str, Any] = {
    "concern": Concern,
    "crisis_alert": CrisisAlert,
    "supervision_session": SupervisionSession,
}


async def _in_scope(
    session: AsyncSession, key: tuple[str, uuid.UUID], organisation_id: uuid.UUID | None
) -> bool:
    if organisation_id is None:
        return True
    record = await session.get(_MODELS[key[0]], key[1])
    return record is not None and record.organisation_id == organisation_id


async def _released(
    session: AsyncSession, names: _Names, key: tuple[str, uuid.UUID], *, tz: ZoneInfo
) -> ReleasedRecord | None:
    """A released record reduced to what the person may read.

    Whoever raised it is "your buddy" or "the centre": nobody's name.
    """
    object_type, object_id = key
    record = await session.get(_MODELS[object_type], object_id)
    if record is None:  # removed under its retention since it was released
        return None
    centre = await names.centre(record.organisation_id) or ""
    if isinstance(record, Concern):
        raiser = "your buddy" if record.raised_by_role == "buddy" else "the centre"
        details = [
            ("Raised by", raiser),
            ("What it was about", concerns.category_words(record.category)),
            ("Raised", when(record.raised_at, tz)),
            ("Where it stands", str(record.status).capitalize()),
            ("Closed", when(record.closed_at, tz)),
            ("Outcome", concerns.outcome_words(record.outcome) or ""),
            ("What happened", record.what_happened),
        ]
        return ReleasedRecord(
            kind="concern",
            title=f"A concern raised by {raiser}",
            centre=centre,
            at=record.raised_at,
            details=[Column(k, v) for k, v in details],
        )
    if isinstance(record, CrisisAlert):
        details = [
            ("You asked for help", when(record.raised_at, tz)),
            ("A coordinator saw it", when(record.acknowledged_at, tz)),
            ("What the centre did", record.action_taken or ""),
        ]
        return ReleasedRecord(
            kind="crisis_alert",
            title="How the centre responded when you asked for help",
            centre=centre,
            at=record.raised_at,
            details=[Column(k, v) for k, v in details],
        )
    assert isinstance(record, SupervisionSession)
    return ReleasedRecord(
        kind="supervision_session",
        title=f"Notes from your {str(record.kind).replace('_', ' ')} session",
        centre=centre,
        at=record.recorded_at,
        details=[Column("Held on", when(record.held_on, tz)), Column("Notes", record.notes)],
    )


# --- the archive -----------------------------------------------------------------------------------


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def when(value: Any, tz: ZoneInfo) -> str:
    """A time or date in plain words in the person's time zone ("6 December 2026 at 11:05pm")."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        local = (
            value.astimezone(tz)
            if value.tzinfo is not None
            else value.replace(tzinfo=ZoneInfo("UTC")).astimezone(tz)
        )
        hour = local.hour % 12 or 12
        return f"{local.day} {local:%B %Y} at {hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"
    if isinstance(value, date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, time):
        return f"{value:%H:%M}"
    return str(value)


# The caring situation's codes in the words the app shows (``profiles.vocabulary``, ``checkins.wellbeing``):
# data.json keeps the codes (machine-readable), data.html reads in words.
WORDS_BY_COLUMN: dict[str, Mapping[Any, str]] = {
    "relationships": vocabulary.RELATIONSHIP_LABEL,
    "needs": vocabulary.NEED_LABEL,
    "mental_health_needs": vocabulary.MENTAL_HEALTH_LABEL,
    "hours_band": vocabulary.HOURS_LABEL,
    "journey_stage": vocabulary.JOURNEY_LABEL,
    "carer_category": vocabulary.CARER_CATEGORY_LABEL,
    "caring_status": vocabulary.CARING_STATUS_LABEL,
    "contact_modes": vocabulary.CONTACT_LABEL,
    "help_with": vocabulary.HELP_LABEL,
    "region": vocabulary.REGION_LABEL,
    "cultures": vocabulary.CULTURE_LABEL,
    "faith": vocabulary.FAITH_LABEL,
    "gender": vocabulary.GENDER_LABEL,
    "languages": vocabulary.LANGUAGES,
    "preferred_language": vocabulary.LANGUAGES,
    "wellbeing": wellbeing.WELLBEING_WORDS,
}


def _word(key: str, value: Any) -> str:
    table = WORDS_BY_COLUMN.get(key)
    if table is None:
        return str(value)
    for code, words in table.items():
        if str(getattr(code, "value", code)) == str(value):
            return f"{words}" if key != "wellbeing" else f"{value} ({words})"
    return str(value)


def _short_id(row: dict[str, Any]) -> str:
    return str(row.get("id") or "")[:8]


def _cell(value: Any, tz: ZoneInfo, key: str = "") -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (datetime, date, time)):
        return when(value, tz)
    if isinstance(value, list):
        return ", ".join(_word(key, v) for v in value)
    if key in WORDS_BY_COLUMN:
        return _word(key, value)
    if isinstance(value, dict):
        given = [f"{label(k)}: {_cell(v, tz, k)}" for k, v in value.items() if v is not None]
        return "; ".join(given) or "—"
    return str(value)


_CSS = """
:root { color-scheme: light dark; --fg: #0b0c0c; --bg: #ffffff; --muted: #505a5f; --line: #b1b4b6;
  --head: #f3f2f1; --link: #1d70b8; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #f3f2f1; --bg: #0b0c0c; --muted: #c5c8ca; --line: #6f777b; --head: #1f2326;
    --link: #8fc1ff; }
}
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Arial, sans-serif; }
main { max-width: 70rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.75rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.25rem; }
p.explain, p.lead { color: var(--muted); margin: 0 0 0.75rem; }
a { color: var(--link); }
.wrap { overflow-x: auto; border: 1px solid var(--line); }
table { border-collapse: collapse; width: max-content; min-width: 100%; font-size: 0.9rem; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.5rem; border-bottom: 1px solid var(--line);
  min-width: 5rem; max-width: 22rem; overflow-wrap: break-word; white-space: normal; }
.wrap:focus { outline: 3px solid var(--link); outline-offset: 2px; }
th { background: var(--head); }
dl { margin: 0 0 1rem; } dt { font-weight: 600; } dd { margin: 0 0 0.5rem; white-space: pre-wrap; }
"""


def render_html(document: DataDocument) -> str:
    """``data.html``: the same copy as a page to read, in plain words, dates in the person's time zone.

    Self-contained (its own CSS, no scripts, no outside resources), readable on a phone and in dark mode.
    """
    tz = _zone(document.subject.time_zone)
    e = html.escape
    out = [
        '<!doctype html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f"<title>Your data held by carerlink</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n",
        f"<h1>Your data held by carerlink: {e(document.subject.name)}</h1>\n",
        f'<p class="lead">This copy was made on {e(when(document.generated_at, tz))}. It covers: '
        f"{e(document.covers)}. Times are in {e(document.subject.time_zone)}. Other people appear by "
        "their first name only.</p>\n",
    ]
    if document.sections:
        out.append('<nav aria-label="Sections"><h2>What is in this copy</h2><ul>\n')
        for key, section in document.sections.items():
            out.append(f'<li><a href="#{e(key)}">{e(section.title)}</a> ({len(section.rows)})</li>\n')
        out.append("</ul></nav>\n")
    for key, section in document.sections.items():
        out.append(f'<section aria-labelledby="{e(key)}">\n<h2 id="{e(key)}">{e(section.title)}</h2>\n')
        out.append(f'<p class="explain">{e(section.explain)}</p>\n')
        out.append(
            f'<div class="wrap" role="region" aria-label="{e(section.title)}" tabindex="0">\n<table>\n'
        )
        # What the record says first; its reference (the first characters of its id) last.
        columns = [c for c in section.columns if c.key != "id"] + [
            c for c in section.columns if c.key == "id"
        ]
        out.append("<thead><tr>" + "".join(f'<th scope="col">{e(c.label)}</th>' for c in columns))
        out.append("</tr></thead>\n<tbody>\n")
        for row in section.rows:
            cells = "".join(
                f"<td>{e(_cell(row.get(c.key), tz, c.key) if c.key != 'id' else _short_id(row))}</td>"
                for c in columns
            )
            out.append(f"<tr>{cells}</tr>\n")
        out.append("</tbody>\n</table>\n</div>\n</section>\n")
    if document.released:
        out.append('<section aria-labelledby="released">\n<h2 id="released">Records released to you</h2>\n')
        out.append('<p class="explain">Records a coordinator reviewed before giving them to you.</p>\n')
        for record in document.released:
            out.append(f"<h3>{e(record.title)} ({e(record.centre)})</h3>\n<dl>\n")
            for item in record.details:
                out.append(f"<dt>{e(item.key)}</dt><dd>{e(item.label or '—')}</dd>\n")
            out.append("</dl>\n")
        out.append("</section>\n")
    out.append("</main>\n</body>\n</html>\n")
    return "".join(out)


README = """A copy of your data held by carerlink
=====================================

data.html    Your data as a page to read in any web browser.
data.json    The same data for a computer to read (JSON), for example to take it to another service.
schema.json  A description of data.json's format (JSON Schema), also at /api/v1/schemas/data-export.json.

Each section says what its records are. Other people appear by their first name only. If you think
something is missing or wrong, please tell your carers' centre: you can ask them to correct it.
"""


def archive(document: DataDocument) -> bytes:
    """The zip: ``data.json``, ``data.html``, ``schema.json`` and ``README.txt``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("README.txt", README)
        zf.writestr("data.json", msgspec.json.format(msgspec.json.encode(document), indent=2))
        zf.writestr("data.html", render_html(document))
        zf.writestr("schema.json", msgspec.json.format(msgspec.json.encode(document_schema()), indent=2))
    return buffer.getvalue()
