"""``/metrics`` tells an operator how long pushes waited, how deliveries ended and which ladder steps ran.

The situation is made the way it happens in service: a check-in falls due, the ladder prompts the
carer, the push is held for the carer's quiet hours and then waits in the outbox while no worker runs
(it counts as late from when it was due, not from when it was written), then goes to a phone that
takes it and an old tablet whose push service refuses it; a day later the ladder nudges. Each figure
is read from ``/metrics`` as Prometheus scrapes it, with the clock moved instead of waiting.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable
from datetime import timedelta

import httpx
import pytest
from litestar import Litestar

from carerlink.app import create_app
from carerlink.checkins.jobs import materialise, walk_ladder
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.mail.jobs import deliver_mail
from carerlink.notifications import vapid
from carerlink.notifications.delivery import deliver_due
from carerlink.runtime import MailMessage, MailRefused
from carerlink.settings import Settings
from tests.checkins.factories import make_pair
from tests.notifications.push_service import Answer, LoopbackPushService
from tests.notifications.support import add_device
from tests.support import BASE_URL, ApiClient, make_user, signed_in

SAMPLE = re.compile(r"^(?P<series>[a-z_]+(?:\{[^}]*\})?) (?P<value>\S+)$")


async def _scrape(app: Litestar) -> dict[str, float]:
    """Every sample on ``/metrics`` by series (``name{label="value"}``), scraped from this machine."""
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, client=("127.0.0.1", 5000)), base_url=BASE_URL
    ) as prometheus:
        response = await prometheus.get("/metrics")
    assert response.status_code == 200, response.text
    samples: dict[str, float] = {}
    for line in response.text.splitlines():
        if (sample := SAMPLE.match(line)) is not None:
            samples[sample["series"]] = float(sample["value"])
    return samples


def _deliveries(samples: dict[str, float]) -> dict[str, float]:
    found = (re.fullmatch(r'carerlink_push_deliveries\{outcome="(\w+)"\}', series) for series in samples)
    return {match[1]: samples[match[0]] for match in found if match is not None and samples[match[0]]}


def _ladder(samples: dict[str, float]) -> dict[str, float]:
    found = (re.fullmatch(r'carerlink_ladder_steps\{step="(\w+)"\}', series) for series in samples)
    return {match[1]: samples[match[0]] for match in found if match is not None}


@pytest.fixture
async def push_service(app: Litestar) -> AsyncIterator[LoopbackPushService]:
    service = LoopbackPushService(vapid_public_key=vapid.key_for(app.state.runtime).public_key)
    await service.start()
    yield service
    await service.stop()


async def test_outbox_age_deliveries_by_outcome_and_ladder_steps_follow_what_happened(
    app: Litestar,
    db: Database,
    new_client: Callable[[], ApiClient],
    clock: FrozenClock,
    push_service: LoopbackPushService,
) -> None:
    runtime = app.state.runtime
    pair = await make_pair(db)
    phone, old_tablet = push_service.subscriber(), push_service.subscriber()
    await add_device(db, pair.carer.user, phone)
    await add_device(db, pair.carer.user, old_tablet)
    push_service.script(old_tablet, Answer(413))  # its push service refuses the message for good
    carer = await signed_in(new_client, pair.carer.email)
    quiet = await carer.patch(  # the carer's quiet hours end at 09:05 in London (GMT in March)
        "/api/v1/me/notification-preferences", json={"quiet_hours": {"start": "22:00", "end": "09:05"}}
    )
    assert quiet.status_code == 200, quiet.text
    coordinator = await signed_in(new_client, pair.coordinator.email)
    plan = await coordinator.put(  # every Monday at 09:00 in London: the clock stands at Monday 09:00
        f"{pair.base}/checkin-plan", json={"frequency": "weekly", "weekdays": [0], "local_time": "09:00"}
    )
    assert plan.status_code == 200, plan.text

    before = await _scrape(app)
    assert before["carerlink_push_outbox_depth"] == 0
    assert before["carerlink_push_outbox_oldest_due_seconds"] == 0
    assert _ladder(before) == {}

    await materialise(runtime)
    await walk_ladder(runtime)  # the check-in is due: the carer is prompted, a push for each device
    held = await _scrape(app)  # ...held until the quiet hours end: waiting, but not yet late
    assert held["carerlink_push_outbox_depth"] == 2
    assert held["carerlink_push_outbox_oldest_due_seconds"] == 0
    assert _ladder(held) == {"prompt": 1}

    clock.advance(timedelta(minutes=12))  # 09:12, and no worker has delivered them since 09:05
    waiting = await _scrape(app)
    assert waiting["carerlink_push_outbox_depth"] == 2
    assert waiting["carerlink_push_outbox_oldest_due_seconds"] == 7 * 60
    assert _deliveries(waiting) == {"pending": 2}
    assert _ladder(waiting) == {"prompt": 1}

    report = await deliver_due(runtime)
    assert (report.sent, report.rejected) == (1, 1)

    delivered = await _scrape(app)
    assert delivered["carerlink_push_outbox_depth"] == 0
    assert delivered["carerlink_push_outbox_oldest_due_seconds"] == 0
    assert _deliveries(delivered) == {"sent": 1, "rejected": 1}
    assert _ladder(delivered) == {"prompt": 1}

    clock.advance(timedelta(days=1))  # no answer for a day: the ladder nudges, once
    await walk_ladder(runtime)
    await walk_ladder(runtime)  # a second tick at the same moment takes no step twice
    nudged = await _scrape(app)
    assert _ladder(nudged) == {"prompt": 1, "nudge": 1}
    assert nudged["carerlink_push_outbox_depth"] == 2
    assert _deliveries(nudged) == {"sent": 1, "rejected": 1, "pending": 2}


class RefusingMail:
    """A mail server that refuses one address for good and takes everything else."""

    def __init__(self, refused: str) -> None:
        self.refused = refused
        self.sent: list[str] = []

    async def send(self, message: MailMessage) -> None:
        if message.to == self.refused:
            raise MailRefused("smtp:recipient:550")
        self.sent.append(message.to)


async def test_mail_waiting_and_mail_refused_for_good_are_counted(
    settings: Settings, clock: FrozenClock
) -> None:
    transport = RefusingMail("gone@example.org")
    app = create_app(settings, clock=clock, mail_transport=transport)
    try:
        database: Database = app.state.database
        for address in ("ruth@example.org", "gone@example.org", "sam@example.org"):
            await make_user(database, email=address)
            client = ApiClient(app)
            answer = await client.post("/api/v1/auth/password-reset", json={"email": address})
            assert answer.status_code < 300, answer.text

        waiting = await _scrape(app)
        assert (waiting["carerlink_mail_pending"], waiting["carerlink_mail_failed"]) == (3, 0)

        await deliver_mail(app.state.runtime)
        assert sorted(transport.sent) == ["ruth@example.org", "sam@example.org"]
        done = await _scrape(app)
        assert (done["carerlink_mail_pending"], done["carerlink_mail_failed"]) == (0, 1)
    finally:
        await app.state.runtime.close()
