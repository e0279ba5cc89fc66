# ruff: noqa: RUF001 - Welsh is written with a right single quotation mark
"""What carerlink sends is in the recipient's language (issue 17), whoever's action sends it.

The language of a person: the one they chose; until they choose, their organisation's language offer
(the Welsh Active Offer); else their first guess; else English. Pushes, e-mails and texts are written in
it; the push says which language it is in (``lang``, ``dir``), and still carries no message text or
health data beyond the notification's own words.
"""

from __future__ import annotations

import socket
import uuid
from collections.abc import Callable
from email import message_from_bytes
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import update

from carerlink import i18n
from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.db import Database
from carerlink.mail import jobs as mail_jobs
from carerlink.mail.transport import SmtpTransport
from carerlink.notifications import kinds
from carerlink.notifications.texts import words
from carerlink.organisations.consents import HEALTH_DATA_VERSION
from carerlink.organisations.models import Organisation
from carerlink.runtime import Runtime
from tests.notifications.channels_support import choose, mails, org_texts, texts, texts_on, verify_phone
from tests.notifications.push_service import LoopbackPushService
from tests.notifications.support import add_device, deliver, inbox, send
from tests.profiles.factories import make_buddy, make_carer, make_coordinator
from tests.support import START, ApiClient, make_org, make_user, signed_in

WELSH_TITLE = "Amser i’ch gwiriad"
WELSH_BODY = "Sut mae pethau’r wythnos hon? Bydd Priya yn gweld eich ateb."


def checkin(buddy: str = "Priya") -> dict[str, object]:
    return {"checkin_id": uuid.uuid4(), "buddy_name": buddy}


async def speaks(db: Database, user: User, locale: str, *, chosen: bool = True) -> None:
    """The person's language: chosen by them, or only a first guess."""
    async with db.session_scope() as session:
        await session.execute(
            update(User).where(User.id == user.id).values(locale=locale, locale_chosen=chosen)
        )


async def offers(db: Database, organisation: Organisation, locale: str) -> None:
    """The organisation offers ``locale`` first to everyone (in its settings, as the settings screen does)."""
    async with db.session_scope() as session:
        org = await session.get(Organisation, organisation.id)
        assert org is not None
        org.settings = {**(org.settings or {}), "language_offer": locale}


class _SmtpInbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append(envelope.original_content)
        return "250 OK"


async def _through_smtp(runtime: Runtime) -> list[tuple[str, str]]:
    """Send what the outbox holds through a real SMTP server on 127.0.0.1: (subject, text) of each."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    smtp = _SmtpInbox()
    controller = Controller(smtp, hostname="127.0.0.1", port=port)
    controller.start()
    before = runtime.mail_transport
    runtime.mail_transport = SmtpTransport(f"smtp://127.0.0.1:{port}", "carerlink <no-reply@example.org>")
    try:
        await mail_jobs.deliver_mail(runtime)
    finally:
        runtime.mail_transport = before
        controller.stop()
    found = []
    for raw in smtp.messages:
        message = message_from_bytes(raw, policy=default_policy)
        text = message.get_body(preferencelist=("plain",))
        assert text is not None
        found.append((str(message["Subject"]), text.get_content()))  # type: ignore[attr-defined]
    return found


async def test_a_carer_who_chose_welsh_gets_the_check_in_push_and_email_in_welsh(
    db: Database, runtime: Runtime, push_service: LoopbackPushService
) -> None:
    carer = await make_user(db, email="alys@example.org")
    await speaks(db, carer, "cy")
    phone = push_service.subscriber()
    await add_device(db, carer, phone)

    await send(db, carer, kinds.CheckinDue, checkin())
    await deliver(runtime)

    [received] = push_service.received_by(phone)
    notification = received.payload["notification"]
    assert (notification["title"], notification["body"]) == (WELSH_TITLE, WELSH_BODY)
    assert (notification["lang"], notification["dir"]) == ("cy", "ltr")
    assert set(notification["data"]) == {"id", "kind", "url"}  # ids only, as before

    await choose(db, carer, ["email"])
    await send(db, carer, kinds.CheckinNudge, checkin())
    [mail] = await mails(db)
    assert mail.subject == "Nodyn atgoffa bach"
    assert "Mae eich gwiriad yma o hyd pryd bynnag y byddwch chi’n barod." in mail.body
    assert "Atal y negeseuon e-bost atgoffa hyn:" in mail.body  # the stop line too
    assert "Priya" not in mail.subject
    [(subject, text)] = await _through_smtp(runtime)
    assert subject == "Nodyn atgoffa bach"
    assert "Atebwch yma (does dim angen mewngofnodi" in text
    assert text.count("Atal y negeseuon e-bost atgoffa hyn:") == 1  # not again in English


async def test_a_carer_who_has_not_chosen_gets_the_language_their_organisation_offers(db: Database) -> None:
    org = await make_org(db)
    await offers(db, org, "cy")
    carer = await make_user(db, organisation=org, roles=(Role.CARER,), email="bryn@example.org")
    assert carer.locale_chosen is False

    await send(db, carer, kinds.CheckinDue, checkin(), organisation_id=org.id)

    [notification] = await inbox(db, carer)
    assert (notification.title, notification.body) == (WELSH_TITLE, WELSH_BODY)
    [mail] = await mails(db)
    assert mail.subject == WELSH_TITLE

    # Their own choice wins over the offer.
    await speaks(db, carer, "en-GB")
    await send(db, carer, kinds.CheckinNudge, checkin(), organisation_id=org.id)
    titles = {n.kind: n.title for n in await inbox(db, carer)}
    assert titles["checkin_nudge"] == "A gentle reminder"


async def test_english_stays_as_it_was(
    db: Database, runtime: Runtime, push_service: LoopbackPushService
) -> None:
    carer = await make_user(db, email="cara@example.org")
    phone = push_service.subscriber()
    await add_device(db, carer, phone)

    await send(db, carer, kinds.CheckinDue, checkin())
    await deliver(runtime)

    [received] = push_service.received_by(phone)
    notification = received.payload["notification"]
    assert notification["title"] == "Time for your check-in"
    assert notification["body"] == "How are things this week? Priya will see your answer."
    assert (notification["lang"], notification["dir"]) == ("en-GB", "ltr")


async def test_a_coordinators_action_notifies_each_person_in_their_own_language(
    db: Database, new_client: Callable[[], ApiClient]
) -> None:
    org = await make_org(db)
    coordinator = await make_coordinator(db, org)
    carer = await make_carer(db, org, name="Alys Jones")
    buddy = await make_buddy(db, org)
    await speaks(db, carer.user, "cy")
    await speaks(db, buddy.user, "ur")
    client = await signed_in(new_client, coordinator.email)

    proposed = await client.post(
        f"/api/v1/orgs/{org.id}/matches/",
        json={
            "carer_membership_id": str(carer.membership_id),
            "buddy_membership_id": str(buddy.membership_id),
        },
        headers={"Accept-Language": "pl"},  # the coordinator reads carerlink in Polish
    )

    assert proposed.status_code == 201, proposed.text
    [to_carer] = [n for n in await inbox(db, carer.user) if n.kind == "match_proposed"]
    assert to_carer.title == "Rydym wedi awgrymu pâr i chi"
    [to_buddy] = [n for n in await inbox(db, buddy.user) if n.kind == "match_proposed"]
    assert to_buddy.title == "ہم نے آپ کے لیے ایک جوڑی تجویز کی ہے"
    for mail in await mails(db):
        assert mail.subject in {"Rydym wedi awgrymu pâr i chi", "ہم نے آپ کے لیے ایک جوڑی تجویز کی ہے"}


async def test_a_text_to_a_polish_speaker_is_in_polish(db: Database) -> None:
    texts_on(db)
    org = await make_org(db)
    await org_texts(db, org)
    carer = await make_user(db, organisation=org, roles=(Role.CARER,), email="ola@example.org")
    await speaks(db, carer, "pl")
    await verify_phone(db, carer)
    await choose(db, carer, ["sms"])

    await send(db, carer, kinds.CheckinDue, checkin(), organisation_id=org.id)

    [text] = await texts(db)
    assert text.body == "Kontakt kontrolny czeka: odpowiedz 1-5, ZADZWON lub POMOC"
    assert "Priya" not in text.body
    assert text.segments == words.segments(text.body) == 1


async def test_the_consent_wording_is_read_in_the_requests_language(
    db: Database, new_client: Callable[[], ApiClient]
) -> None:
    org = await make_org(db)
    carer = await make_carer(db, org)
    client = await signed_in(new_client, carer.email)

    welsh = await client.get(
        f"/api/v1/orgs/{org.id}/me/health-data-consent", headers={"Accept-Language": "cy"}
    )
    english = await client.get(f"/api/v1/orgs/{org.id}/me/health-data-consent")

    assert welsh.status_code == english.status_code == 200, welsh.text
    assert welsh.json()["text"].startswith("Rwy’n cytuno y caiff y sefydliad gadw gwybodaeth gyffredinol")
    assert english.json()["text"].startswith("I agree that the organisation may keep broad information")
    assert welsh.json()["version"] == english.json()["version"] == HEALTH_DATA_VERSION


@pytest.mark.parametrize("locale", i18n.LOCALES)
@pytest.mark.parametrize("kind", kinds.ALL_KINDS, ids=lambda kind: kind.name)
def test_every_push_fits_its_budget_in_every_language_with_the_longest_names(
    kind: type[kinds.Kind], locale: str
) -> None:
    values: dict[str, object] = {}
    for field in kind.__struct_fields__:
        if field.endswith("_id"):
            values[field] = uuid.uuid4()
        else:
            values[field] = {
                "reason": "needs_review",
                "check": "safeguarding",
                "why": "caring_ended",
                "state": "acknowledged",
                "minutes": 1440,
                "how_soon": "today",
                "count": 100_000,  # new messages in one notification (issue 18), at its most
            }.get(field, "ŵ" * 80)  # two bytes each, the longest a name may be
    rendered = kinds.build(kind, values)
    with i18n.using(locale):
        kinds.check_payload_size(rendered, notification_id=uuid.uuid4(), created_at=START)
        if "sms" in kind.channels:
            assert words.segments(rendered.text()) <= (1 if locale == i18n.DEFAULT else 2)
