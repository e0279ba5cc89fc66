"""Refused and abandoned e-mails are shown to the organisation's coordinators (who, what kind, why in plain
words, when; never the content), and ``latest_refused`` says whose e-mail is bouncing."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import select, update

from carerlink.actor import Role
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.mail import service
from carerlink.mail.models import OutgoingMail
from carerlink.notifications import kinds
from carerlink.notifications import service as notifications
from carerlink.runtime import MailMessage, MailRefused
from tests.support import ApiClient, make_org, make_user


class Server:
    """Refuses some addresses for good, fails others for now, takes the rest."""

    def __init__(self) -> None:
        self.refuse: dict[str, str] = {}
        self.down: set[str] = set()
        self.sent: list[str] = []

    async def send(self, message: MailMessage) -> None:
        if message.to in self.refuse:
            raise MailRefused(self.refuse[message.to])
        if message.to in self.down:
            raise ConnectionError("down")
        self.sent.append(message.to)


async def _mail(db: Database, clock: FrozenClock, user, org, category: str = "checkin-prompt") -> None:  # type: ignore[no-untyped-def]
    async with db.session_scope() as session:
        await service.queue_mail(
            session,
            to=user.email,
            subject="Your check-in is ready",
            body="Private words about how Ruth is doing",
            category=category,
            now=clock.now(),
            user_id=user.id,
            organisation_id=org.id,
        )


async def test_coordinators_see_who_could_not_be_e_mailed_why_and_when_but_never_the_content(
    db: Database, clock: FrozenClock, new_client
) -> None:  # type: ignore[no-untyped-def]
    org, other = await make_org(db), await make_org(db)
    coordinator = await make_user(db, organisation=org, roles=(Role.COORDINATOR,), email="coord@example.org")
    ruth = await make_user(
        db, organisation=org, roles=(Role.CARER,), name="Ruth Evans", email="ruth@example.org"
    )
    sam = await make_user(db, organisation=org, roles=(Role.BUDDY,), name="Sam Lee", email="sam@example.org")
    jo = await make_user(db, organisation=org, roles=(Role.CARER,), name="Jo Ok", email="jo@example.org")
    far = await make_user(db, organisation=other, roles=(Role.CARER,), email="far@example.org")
    server = Server()
    server.refuse = {"ruth@example.org": "smtp:recipient:550", "far@example.org": "smtp:recipient:550"}
    server.refuse["sam@example.org"] = "smtp:content:554"
    for person, place in ((ruth, org), (sam, org), (jo, org), (far, other)):
        await _mail(db, clock, person, place)
    assert await service.deliver_due_mail(db, server, now=clock.now()) == 1  # only Jo's went

    # Jo's second mail never gets through: given up after its last attempt.
    server.down = {"jo@example.org"}
    clock.advance(timedelta(minutes=5))
    await _mail(db, clock, jo, org, category="nudge")
    async with db.session_scope() as session:
        await session.execute(
            update(OutgoingMail)
            .where(OutgoingMail.sent_at.is_(None), OutgoingMail.failed_at.is_(None))
            .values(attempts=service.MAX_ATTEMPTS - 1)
        )
    assert await service.deliver_due_mail(db, server, now=clock.now()) == 0

    client: ApiClient = new_client()
    await client.login(coordinator.email)
    answer = await client.get(f"/api/v1/orgs/{org.id}/mail-refusals")
    assert answer.status_code == 200, answer.text
    listed = answer.json()
    assert sorted((r["display_name"], r["category"], r["reason"], r["reason_words"]) for r in listed) == [
        ("Jo Ok", "nudge", "gave_up", "We couldn't get it through after trying for an hour"),
        ("Ruth Evans", "checkin-prompt", "no_such_address", "The address doesn't exist"),
        ("Sam Lee", "checkin-prompt", "refused", "The mail server refused it"),
    ]
    assert listed[0]["display_name"] == "Jo Ok"  # newest first
    by_name = {r["display_name"]: r for r in listed}
    assert by_name["Ruth Evans"]["role"] == "carer" and by_name["Ruth Evans"]["membership_id"]
    assert by_name["Sam Lee"]["role"] == "buddy"
    assert "Private words" not in answer.text and "ruth@example.org" not in answer.text
    assert str(far.id) not in answer.text  # another organisation's

    async with db.session_scope() as session:
        bouncing = await service.latest_refused(session, [ruth.id, sam.id, jo.id, coordinator.id])
    assert bouncing == {ruth.id, sam.id}  # Jo's was given up, not refused; the coordinator had none

    # A later e-mail to Ruth that goes through: no longer bouncing.
    server.refuse.pop("ruth@example.org")
    clock.advance(timedelta(minutes=5))
    await _mail(db, clock, ruth, org)
    assert await service.deliver_due_mail(db, server, now=clock.now()) == 1
    async with db.session_scope() as session:
        assert await service.latest_refused(session, [ruth.id, sam.id]) == {sam.id}
        assert await service.latest_refused(session, []) == set()


async def test_an_e_mail_taken_back_before_it_went_is_no_refusal_and_no_proof_of_delivery(
    db: Database, clock: FrozenClock
) -> None:
    org = await make_org(db)
    ruth = await make_user(db, organisation=org, roles=(Role.CARER,), email="ruth@example.org")
    server = Server()
    server.refuse = {"ruth@example.org": "smtp:recipient:550"}
    await _mail(db, clock, ruth, org)
    await service.deliver_due_mail(db, server, now=clock.now())  # refused: Ruth's e-mail bounces

    # A reminder by e-mail (Ruth has no push device), taken back before it went: answered in the app.
    clock.advance(timedelta(minutes=5))
    checkin_id = uuid.uuid4()
    async with db.session_scope() as session:
        data = {"checkin_id": checkin_id, "buddy_name": "Helen"}
        await notifications.notify(
            session,
            user_id=ruth.id,
            kind=kinds.CheckinDue,
            data=data,
            dedupe_key=f"checkin_due:{checkin_id}",
            now=clock.now(),
            organisation_id=org.id,
        )
        waiting = await session.scalar(select(OutgoingMail).where(OutgoingMail.category == "checkin_due"))
        assert waiting is not None and waiting.notification_id is not None
        await notifications.withdraw(
            session, user_id=ruth.id, dedupe_key=f"checkin_due:{checkin_id}", now=clock.now()
        )
    assert await service.deliver_due_mail(db, server, now=clock.now()) == 0

    async with db.session_scope() as session:
        listed = await service.refusals(
            session, organisation_id=org.id, since=clock.now() - timedelta(days=1)
        )
        assert [r.category for r in listed] == ["checkin-prompt"]  # the refusal, not the withdrawn one
        assert await service.latest_refused(session, [ruth.id]) == {ruth.id}  # still bouncing
        assert await service.failed_count(session) == 1
    assert server.sent == []


def test_reasons_in_plain_words() -> None:
    assert service.refusal_reason("refused:smtp:recipient:550") == "no_such_address"
    assert service.refusal_reason("refused:smtp:recipient:553") == "no_such_address"
    assert service.refusal_reason("refused:smtp:recipient:552") == "mailbox_full"
    assert service.refusal_reason("refused:smtp:recipient:554") == "refused"
    assert service.refusal_reason("refused:smtp:content:554") == "refused"
    assert service.refusal_reason("refused:message:invalid-header") == "invalid_address"
    assert service.refusal_reason("SMTPServerDisconnected") == "gave_up"
    assert set(service.REASON_WORDS) == {
        "no_such_address",
        "mailbox_full",
        "invalid_address",
        "refused",
        "gave_up",
    }
