"""Which channel carries a notification (issue 14): the person's order, what can carry it now, fallback once.

``notify()`` plans a notification's channels from the person's order (``channels.chosen``) and the kind's
(``Kind.channels``), keeping only those that can carry it now (push: a live device; e-mail: an address;
text: a verified number not stopped, texts on here and in the organisation). The first one takes it; the
rest are stored as its ``fallbacks``. When the channel in use fails for good (every push gone, refused
or expired; the e-mail refused; the text refused or failed) and it is still unread, ``fall_back`` moves
it to the next one with a compare-and-set on the notification, so it happens exactly once however many
workers see the failure; the outbox tables' unique ``notification_id`` is the second guard.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
from babel.dates import format_date
from sqlalchemy import JSON, String, Uuid, and_, column, exists, inspect, or_, select, table, update
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink import i18n
from carerlink.accounts.models import User
from carerlink.i18n import _
from carerlink.mail import service as mail
from carerlink.mail.models import OutgoingMail
from carerlink.notifications import channels, kinds, links
from carerlink.notifications.channels import Channel
from carerlink.notifications.kinds import Kind
from carerlink.notifications.models import DeliveryState, Notification, NotificationPreference, PushDelivery
from carerlink.notifications.service._common import MEMBERSHIPS
from carerlink.notifications.texts import outbox as texts
from carerlink.notifications.texts import words
from carerlink.notifications.texts.models import OutgoingText

log = logging.getLogger("carerlink.notifications")

INBOX = "inbox"
# A text that did not get through, for good: the next channel takes its reminder.
TEXT_FAILED = ("refused", "failed", "undelivered", "expired")
# How far back the fallback tick looks for a failed e-mail or text (a reminder older is past its use).
FALLBACK_WINDOW = timedelta(days=2)

# The organisations table as notifications reads it (organisations sits above notifications in the layers).
ORGANISATIONS = table(
    "organisations", column("id", Uuid()), column("name", String()), column("settings", JSON())
)

PERSON_COLUMNS = (
    User.id,
    User.is_active,
    User.email,
    User.time_zone,
    User.phone,
    User.phone_verified_at,
    User.texts_stopped_at,
    User.locale,
    User.locale_chosen,
    NotificationPreference.quiet_start,
    NotificationPreference.quiet_end,
    NotificationPreference.muted_kinds,
    NotificationPreference.channels,
)


@dataclass(frozen=True, slots=True)
class Person:
    """What routing needs to know about the person a notification is for."""

    user_id: uuid.UUID
    is_active: bool
    email: str
    time_zone: str
    phone: str | None
    phone_verified_at: datetime | None
    texts_stopped_at: datetime | None
    quiet_start: time | None
    quiet_end: time | None
    muted: Sequence[str]
    channels: Sequence[str] | None
    locale: str | None = None
    locale_chosen: bool = False

    @property
    def can_text(self) -> bool:
        """A verified number that has not stopped texts (the organisation and service are checked apart)."""
        return bool(self.phone) and self.phone_verified_at is not None and self.texts_stopped_at is None


def at_once(kind_name: str) -> bool:
    """Whether a kind goes by every channel at once (its e-mail is not withdrawn when it is read)."""
    kind = kinds.KINDS.get(kind_name)
    return kind is not None and kind.also_email


def person_query() -> Any:
    """The person's row with their preferences (outer join: none stored yet)."""
    return select(*PERSON_COLUMNS).outerjoin(
        NotificationPreference, NotificationPreference.user_id == User.id
    )


def person_from(row: Any) -> Person:
    """A ``Person`` from a row of ``person_query``."""
    return Person(
        user_id=row.id,
        is_active=row.is_active,
        email=row.email or "",
        time_zone=row.time_zone,
        phone=row.phone,
        phone_verified_at=row.phone_verified_at,
        texts_stopped_at=row.texts_stopped_at,
        quiet_start=row.quiet_start,
        quiet_end=row.quiet_end,
        muted=row.muted_kinds or (),
        channels=row.channels,
        locale=row.locale,
        locale_chosen=bool(row.locale_chosen),
    )


async def load_person(session: AsyncSession, user_id: uuid.UUID) -> Person | None:
    """The person, or ``None`` when there is no such account."""
    row = (await session.execute(person_query().where(User.id == user_id))).one_or_none()
    return None if row is None else person_from(row)


async def _organisation_settings(session: AsyncSession, organisation_id: uuid.UUID) -> Any:
    """The organisation's settings: from the session when the caller's scope has loaded it (no query)."""
    for instance in session.identity_map.values():
        found: Any = instance
        if getattr(type(found), "__tablename__", None) != "organisations" or found.id != organisation_id:
            continue
        state = inspect(found)
        if "settings" not in state.unloaded and not state.expired:
            return found.settings
    return await session.scalar(select(ORGANISATIONS.c.settings).where(ORGANISATIONS.c.id == organisation_id))


def _offer(settings: Any) -> str | None:
    return i18n.supported(settings.get("language_offer")) if isinstance(settings, dict) else None


async def language(session: AsyncSession, person: Person, organisation_id: uuid.UUID | None) -> str:
    """The language everything sent to ``person`` is in (issue 17), whoever's action sends it."""
    return await language_for(
        session,
        user_id=person.user_id,
        locale=person.locale,
        chosen=person.locale_chosen,
        organisation_id=organisation_id,
    )


async def language_for(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    locale: str | None,
    chosen: bool,
    organisation_id: uuid.UUID | None = None,
) -> str:
    """The language to use with someone (issue 17), from their account's columns.

    Their own choice; until they choose, the language offer of the organisation it is sent for (without
    one, of any organisation they are an active member of, by name, as ``organisations.language_of``),
    else their first guess, else English (``i18n.for_person``).

    Read here from the tables, as organisations sits above notifications in the layers.
    """
    if chosen:
        return i18n.for_person(locale, chosen=True)
    if organisation_id is not None:
        offer = _offer(await _organisation_settings(session, organisation_id))
    else:
        rows = await session.execute(
            select(ORGANISATIONS.c.settings)
            .join(MEMBERSHIPS, MEMBERSHIPS.c.organisation_id == ORGANISATIONS.c.id)
            .where(MEMBERSHIPS.c.user_id == user_id, MEMBERSHIPS.c.status == "active")
            .order_by(ORGANISATIONS.c.name)
        )
        offer = next((found for found in map(_offer, rows.scalars()) if found), None)
    return i18n.for_person(locale, chosen=False, offer=offer)


def when_words(local: datetime) -> str:
    """A local time in words in the current language: "14:05 on 7 December 2026"."""
    locale = i18n.current()
    # The tests' pseudo-locale has no calendar of its own: its dates are English.
    date = format_date(
        local, "d MMMM y", locale="en_GB" if locale == i18n.PSEUDO else locale.replace("-", "_")
    )
    return _("{time} on {date}").format(time=f"{local:%H:%M}", date=date)


async def texts_enabled(session: AsyncSession, organisation_id: uuid.UUID | None) -> bool:
    """Whether this service sends texts and the organisation has them on (``settings.texts.enabled``)."""
    if not session.info.get("texts_on") or organisation_id is None:
        return False
    settings = await session.scalar(
        select(ORGANISATIONS.c.settings).where(ORGANISATIONS.c.id == organisation_id)
    )
    texts_settings = (settings or {}).get("texts") if isinstance(settings, dict) else None
    return isinstance(texts_settings, dict) and texts_settings.get("enabled") is True


def quiet_until(now: datetime, *, start: time | None, end: time | None, zone: ZoneInfo) -> datetime | None:
    """When the quiet hours around ``now`` end (UTC), or ``None`` when it is not quiet.

    ``start`` and ``end`` are local wall-clock times in the person's zone; ``22:00`` to ``07:00`` wraps past
    midnight. The end is found on the local calendar, so it stays 07:00 local across a DST change.
    """
    if start is None or end is None or start == end:
        return None
    local = now.astimezone(zone)
    clock = local.time().replace(tzinfo=None)
    quiet = start <= clock < end if start < end else clock >= start or clock < end
    if not quiet:
        return None
    day = local.date() if clock < end else local.date() + timedelta(days=1)
    return datetime.combine(day, end, tzinfo=zone).astimezone(UTC)


def not_before(kind: type[Kind], person: Person, now: datetime) -> datetime:
    """When it may go: the end of the person's quiet hours for kinds that keep them, else now."""
    if not kind.quiet_hours_apply:
        return now
    zone = ZoneInfo(person.time_zone)
    return quiet_until(now, start=person.quiet_start, end=person.quiet_end, zone=zone) or now


async def plan(
    session: AsyncSession,
    *,
    kind: type[Kind],
    person: Person,
    has_device: bool,
    organisation_id: uuid.UUID | None,
) -> list[Channel]:
    """The channels that can carry this notification to this person now, in their order of preference.

    The organisation's text setting is read only when a text could otherwise go (no query in the
    common case).
    """
    usable: list[Channel] = []
    for channel in _wanted(kind, person):
        if (
            (channel == "push" and has_device)
            or (channel == "email" and person.email)
            or (channel == "sms" and person.can_text and await texts_enabled(session, organisation_id))
        ):
            usable.append(channel)
    return usable


def _wanted(kind: type[Kind], person: Person) -> list[Channel]:
    return [channel for channel in channels.chosen(person.channels) if channel in kind.channels]


async def send_by(
    session: AsyncSession,
    channel: Channel,
    *,
    rendered: Kind,
    person: Person,
    notification_id: uuid.UUID,
    organisation_id: uuid.UUID | None,
    now: datetime,
    reminder: bool = True,
    locale: str | None = None,
    hold_until: datetime | None = None,
) -> None:
    """Queue the e-mail or text carrying a notification (push deliveries are queued by ``notify``).

    ``reminder``: an e-mail the person chose (it carries the one-click unsubscribe address); the
    e-mails of kinds that go everywhere at once are not switched off from an e-mail. Its words are in
    the person's language (``locale``, else ``language``). ``hold_until``: not sent before then.
    """
    if locale is None:
        locale = await language(session, person, organisation_id)
    with i18n.using(locale):
        await _send_by(
            session,
            channel,
            rendered=rendered,
            person=person,
            notification_id=notification_id,
            organisation_id=organisation_id,
            now=now,
            reminder=reminder,
            hold_until=hold_until,
        )


async def _send_by(
    session: AsyncSession,
    channel: Channel,
    *,
    rendered: Kind,
    person: Person,
    notification_id: uuid.UUID,
    organisation_id: uuid.UUID | None,
    now: datetime,
    reminder: bool,
    hold_until: datetime | None = None,
) -> None:
    kind = type(rendered)
    start = not_before(kind, person, hold_until if hold_until is not None and hold_until > now else now)
    if channel == "email":
        local = now.astimezone(ZoneInfo(person.time_zone))
        link = _deep_link(session, rendered)
        answer = ""
        checkin_id = getattr(rendered, "checkin_id", None)
        if kind.name in ANSWER_FORM_KINDS and isinstance(checkin_id, uuid.UUID):
            answer = links.answer_link(session, checkin_id=checkin_id, user_id=person.user_id, now=now)
        subject, body = rendered.email(local_time=when_words(local), link=link, answer_link=answer)
        unsubscribe = links.unsubscribe_link(session, user_id=person.user_id, now=now) if reminder else ""
        await mail.queue_mail(
            session,
            to=person.email,
            subject=subject,
            body=body,
            category=kind.name,
            now=now,
            send_after=start,
            user_id=person.user_id,
            organisation_id=organisation_id,
            notification_id=notification_id,
            unsubscribe_url=unsubscribe or None,
        )
    elif channel == "sms":
        assert person.phone is not None
        body = rendered.text()
        await texts.queue_text(
            session,
            user_id=person.user_id,
            organisation_id=organisation_id,
            to=person.phone,
            body=body,
            segments=words.segments(body),  # what the monthly budget counts
            category=kind.name,
            now=now,
            send_after=start,
            expires_at=start + kind.ttl,
            notification_id=notification_id,
        )


# Kinds whose e-mail carries the check-in's one-time answer form (``links.answer_link``).
ANSWER_FORM_KINDS = frozenset({"checkin_due", "checkin_nudge"})


def _deep_link(session: AsyncSession, rendered: Kind) -> str:
    base_url = str(session.info.get("base_url", ""))
    return base_url + rendered.url() if base_url else ""


# --- falling back ------------------------------------------------------------------------------------


async def fall_back_after_push(
    session: AsyncSession, notification_ids: Collection[uuid.UUID], *, now: datetime
) -> int:
    """Move on the notifications whose pushes all finished without one sent; how many moved.

    Called where the pushes are finalised, in that transaction. On PostgreSQL each notification is
    locked first (in id order), so of two workers finalising its last pushes at once the second sees
    the first's outcome: one of them moves it on, never neither.
    """
    if not notification_ids:
        return 0
    ordered = sorted(set(notification_ids))
    await session.execute(
        select(Notification.id)
        .where(Notification.id.in_(ordered))
        .order_by(Notification.id)
        .with_for_update()
    )
    settled = ~exists().where(
        PushDelivery.notification_id == Notification.id,
        PushDelivery.state.in_([DeliveryState.PENDING, DeliveryState.SENT]),
    )
    rows = (
        await session.execute(
            select(
                Notification.id,
                Notification.user_id,
                Notification.organisation_id,
                Notification.kind,
                Notification.data,
                Notification.fallbacks,
            ).where(
                Notification.id.in_(ordered),
                Notification.channel == "push",
                Notification.read_at.is_(None),
                settled,
            )
        )
    ).all()
    moved = 0
    for row in rows:
        moved += await _move_on(session, row, expected="push", now=now)
    return moved


async def fall_back_failed(session: AsyncSession, *, now: datetime, limit: int = 200) -> int:
    """Move on the reminders whose e-mail was refused or abandoned, or whose text failed; how many moved."""
    since = now - FALLBACK_WINDOW
    columns = (
        Notification.id,
        Notification.user_id,
        Notification.organisation_id,
        Notification.kind,
        Notification.data,
        Notification.fallbacks,
        Notification.channel,
    )
    mails = (
        select(*columns)
        .join(OutgoingMail, OutgoingMail.notification_id == Notification.id)
        .where(
            OutgoingMail.sent_at.is_(None),
            OutgoingMail.failed_at >= since,
            Notification.channel == "email",
            Notification.read_at.is_(None),
        )
        .limit(limit)
    )
    sms = (
        select(*columns)
        .join(OutgoingText, OutgoingText.notification_id == Notification.id)
        .where(
            OutgoingText.state.in_(TEXT_FAILED),
            OutgoingText.created_at >= since,
            Notification.channel == "sms",
            Notification.read_at.is_(None),
        )
        .limit(limit)
    )
    moved = 0
    for query in (mails, sms):
        for row in (await session.execute(query)).all():
            moved += await _move_on(session, row, expected=row.channel, now=now)
    return moved


async def _move_on(session: AsyncSession, row: Any, *, expected: str, now: datetime) -> int:
    """The compare-and-set: the next usable channel takes it only if it is still where it was, unread."""
    fallbacks = [str(channel) for channel in (row.fallbacks or [])]
    person = await load_person(session, row.user_id)
    kind = kinds.KINDS.get(row.kind)
    following: str = INBOX
    rest: list[str] = []
    if person is not None and person.is_active and kind is not None:
        for index, channel in enumerate(fallbacks):
            if await _usable(session, channel, person, row.organisation_id):
                following, rest = channel, fallbacks[index + 1 :]
                break
    moved = await session.execute(
        update(Notification)
        .where(Notification.id == row.id, Notification.channel == expected, Notification.read_at.is_(None))
        .values(channel=following, fallbacks=rest, fell_back_at=now)
    )
    if not moved.rowcount:  # type: ignore[attr-defined]
        return 0
    log.info(
        "notifications.fell_back",
        extra={"fields": {"notification_id": str(row.id), "from": expected, "to": following}},
    )
    if following == INBOX or person is None or kind is None:
        return 1
    rendered = msgspec.convert(row.data, kind)
    already = await _already_queued(session, following, row.id)
    if not already:
        await send_by(
            session,
            following,  # type: ignore[arg-type]
            rendered=rendered,
            person=person,
            notification_id=row.id,
            organisation_id=row.organisation_id,
            now=now,
        )
    return 1


async def _usable(
    session: AsyncSession, channel: str, person: Person, organisation_id: uuid.UUID | None
) -> bool:
    if channel == "email":
        return bool(person.email)
    if channel == "sms":
        return person.can_text and await texts_enabled(session, organisation_id)
    return False  # push is never a fallback: it is tried first or not at all


async def _already_queued(session: AsyncSession, channel: str, notification_id: uuid.UUID) -> bool:
    table_ = OutgoingMail if channel == "email" else OutgoingText
    return bool(await session.scalar(select(exists().where(table_.notification_id == notification_id))))


# --- withdrawing -------------------------------------------------------------------------------------


async def withdraw_outboxes(
    session: AsyncSession,
    notification_ids: Any,
    *,
    now: datetime,
    channels: Collection[str] = ("email", "sms"),
) -> None:
    """Withdraw the e-mails and texts still waiting for these notifications (ids, or a subquery of them).

    ``channels``: the outboxes to look in (a notification that went by push has nothing in them). One a
    worker holds right now is left to it, as for pushes.
    """
    if "email" in channels:
        await mail.withdraw(session, notification_ids=notification_ids, now=now)
    if "sms" in channels:
        free_text = or_(OutgoingText.lease_until.is_(None), OutgoingText.lease_until <= now)
        await session.execute(
            update(OutgoingText)
            .where(
                and_(
                    OutgoingText.notification_id.in_(notification_ids),
                    OutgoingText.state == "pending",
                    free_text,
                )
            )
            .values(state="withdrawn", finished_at=now)
            .execution_options(synchronize_session=False)
        )


# --- re-timing and re-titling (issue 18) -------------------------------------------------------------


async def retime(
    session: AsyncSession,
    notification_ids: Sequence[uuid.UUID],
    *,
    at: datetime,
    ttl: timedelta,
    now: datetime,
) -> int:
    """Move what still waits for these notifications (pushes, e-mails, texts no worker holds) to ``at``.

    A push or text is worth delivering for ``ttl`` from then, as when it was queued. Returns how many
    pushes moved.
    """
    free = or_(PushDelivery.lease_until.is_(None), PushDelivery.lease_until <= now)
    moved = await session.execute(
        update(PushDelivery)
        .where(
            PushDelivery.notification_id.in_(notification_ids),
            PushDelivery.state == DeliveryState.PENDING,
            free,
        )
        .values(not_before=at, expires_at=at + ttl)
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(OutgoingMail)
        .where(
            OutgoingMail.notification_id.in_(notification_ids),
            OutgoingMail.sent_at.is_(None),
            OutgoingMail.failed_at.is_(None),
            or_(OutgoingMail.lease_until.is_(None), OutgoingMail.lease_until <= now),
        )
        .values(send_after=at)
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(OutgoingText)
        .where(
            OutgoingText.notification_id.in_(notification_ids),
            OutgoingText.state == "pending",
            or_(OutgoingText.lease_until.is_(None), OutgoingText.lease_until <= now),
        )
        .values(send_after=at, expires_at=at + ttl)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(moved, "rowcount", 0) or 0)


async def retitle_mail(
    session: AsyncSession, notification_id: uuid.UUID, *, subject: str, now: datetime
) -> None:
    """The subject of the e-mail carrying a notification, while it is not yet sent nor held by a worker."""
    await session.execute(
        update(OutgoingMail)
        .where(
            OutgoingMail.notification_id == notification_id,
            OutgoingMail.sent_at.is_(None),
            OutgoingMail.failed_at.is_(None),
            or_(OutgoingMail.lease_until.is_(None), OutgoingMail.lease_until <= now),
        )
        .values(subject=subject[:200])
        .execution_options(synchronize_session=False)
    )
