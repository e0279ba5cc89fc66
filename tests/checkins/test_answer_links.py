"""Issue 14: a check-in prompt's e-mailed link answers that check-in once, without signing in.

The link acts only for its own carer on its own check-in, whoever is signed in; every other token
(forged, expired, for another purpose, for a carer who is no longer one) gets the same 404. "I need
help now" is never blocked: a refused link still tells the centre, or at least shows the lines.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from litestar import Litestar
from sqlalchemy import func, select, update

from carerlink.accounts.models import User
from carerlink.audit.models import AuditEntry
from carerlink.checkins.jobs import materialise, walk_ladder
from carerlink.checkins.models import CheckinOccurrence
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.notifications import links
from carerlink.organisations.models import Membership, MembershipStatus
from carerlink.safeguarding.models import CrisisAlert
from tests.checkins.factories import Pair, make_pair
from tests.support import ApiClient, make_org, notified_kinds, problem, signed_in

GONE = "This link isn't valid any more. Sign in to carerlink to see your check-ins."
FORM_KEYS = {
    "carer_first_name",
    "buddy_first_name",
    "due_at",
    "due_local",
    "time_zone",
    "state",
    "wellbeing",
    "crisis_lines",
}


@pytest.fixture
async def pair(db: Database) -> Pair:
    return await make_pair(db)


async def _open_checkin(app: Litestar, new_client: Any, pair: Pair) -> str:
    carer = await signed_in(new_client, pair.carer.email)
    await carer.put(
        f"{pair.base}/checkin-plan", json={"frequency": "weekly", "weekdays": [0], "local_time": "09:00"}
    )
    await materialise(app.state.runtime)
    await walk_ladder(app.state.runtime)
    [checkin] = (await carer.get("/api/v1/me/checkins?awaiting=true")).json()
    return str(checkin["id"])


async def _token(db: Database, *, checkin_id: Any, user_id: Any, clock: FrozenClock) -> str:
    async with db.session_scope() as session:
        url = links.answer_link(
            session, checkin_id=uuid.UUID(str(checkin_id)), user_id=user_id, now=clock.now()
        )
    assert url.startswith("http://testserver.local/answer/"), url
    return url.rsplit("/", 1)[1]


async def _unsubscribe_token(db: Database, *, user_id: Any, clock: FrozenClock) -> str:
    async with db.session_scope() as session:
        url = links.unsubscribe_link(session, user_id=user_id, now=clock.now())
    return url.rsplit("/", 1)[1]


async def _count(db: Database, model: Any) -> int:
    async with db.session_scope() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def _stored(db: Database, checkin_id: str) -> CheckinOccurrence:
    async with db.session_scope() as session:
        occurrence = await session.get(CheckinOccurrence, uuid.UUID(checkin_id))
        assert occurrence is not None
        return occurrence


def _no_cache(response: Any) -> None:
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["referrer-policy"] == "no-referrer"


async def test_the_link_shows_only_the_form_and_answers_once(
    app: Litestar, db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    checkin_id = await _open_checkin(app, new_client, pair)
    token = await _token(db, checkin_id=checkin_id, user_id=pair.carer.user.id, clock=clock)
    stranger = new_client()  # not signed in
    url = f"/api/v1/answer-links/{token}"

    opened = await stranger.get(url)

    assert opened.status_code == 200, opened.text
    _no_cache(opened)
    form = opened.json()
    assert set(form) == FORM_KEYS  # no history, no note, no buddy details beyond a first name
    assert form["state"] == "open"
    assert form["carer_first_name"] == pair.carer.user.display_name.split()[0]
    assert form["buddy_first_name"] == pair.buddy.user.display_name.split()[0]
    assert " " not in form["buddy_first_name"]
    assert form["due_local"] == "2026-03-02T09:00"
    assert [c["words"] for c in form["wellbeing"]] == [
        "struggling",
        "finding it hard",
        "getting by",
        "doing okay",
        "doing well",
    ]
    assert {"999", "116 123"} <= {line["contact"] for line in form["crisis_lines"]}

    clock.advance(timedelta(minutes=5))
    sent = await stranger.post(
        url,
        json={"wellbeing": 4, "note": "A good week", "wants_call": True},
        headers={"Idempotency-Key": "link-0001"},
    )

    assert sent.status_code == 201, sent.text
    _no_cache(sent)
    assert sent.json() == {
        "state": "answered",
        "buddy_first_name": form["buddy_first_name"],
        "wants_call": True,
        "needs_help": False,
        "help_is_coming": False,
        "crisis_lines": [],
    }
    stored = await _stored(db, checkin_id)
    assert (stored.state, stored.wellbeing, stored.note) == ("answered", 4, "A good week")
    assert "buddy_new_answer" in await notified_kinds(db, pair.buddy.user.id)
    async with db.session_scope() as session:
        [entry] = (
            await session.scalars(select(AuditEntry).where(AuditEntry.action == "checkins.checkin.answered"))
        ).all()
    assert (entry.actor_user_id, entry.subject_user_id, entry.details["via"]) == (
        pair.carer.user.id,
        pair.carer.user.id,
        "email_link",
    )

    # A retry with the same key returns the first answer; another answer is refused: the link works once.
    replay = await stranger.post(url, json={"wellbeing": 4}, headers={"Idempotency-Key": "link-0001"})
    assert replay.status_code == 200, replay.text
    assert replay.json()["state"] == "answered"
    again = await stranger.post(url, json={"wellbeing": 1}, headers={"Idempotency-Key": "link-0002"})
    assert problem(again, 409)["detail"] == "You've already answered this check-in. Thank you."
    assert (await _stored(db, checkin_id)).wellbeing == 4
    assert (await stranger.get(url)).json()["state"] == "answered"


@pytest.mark.parametrize("case", ["forged", "unsubscribe-token", "expired", "other-carer", "garbage"])
async def test_a_link_that_is_not_this_checkins_is_refused_alike(
    app: Litestar, db: Database, pair: Pair, new_client: Any, clock: FrozenClock, case: str
) -> None:
    checkin_id = await _open_checkin(app, new_client, pair)
    token = await _token(db, checkin_id=checkin_id, user_id=pair.carer.user.id, clock=clock)
    if case == "forged":
        token = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    elif case == "unsubscribe-token":
        token = await _unsubscribe_token(db, user_id=pair.carer.user.id, clock=clock)
    elif case == "expired":
        clock.advance(timedelta(days=links.ANSWER_LINK_DAYS, seconds=1))
    elif case == "other-carer":
        # A token naming this check-in with someone else as its carer (here: the buddy).
        token = await _token(db, checkin_id=checkin_id, user_id=pair.buddy.user.id, clock=clock)
    else:
        token = "not-a-token"
    stranger = new_client()
    url = f"/api/v1/answer-links/{token}"

    assert problem(await stranger.get(url), 404)["detail"] == GONE
    assert problem(await stranger.post(url, json={"wellbeing": 3}), 404)["detail"] == GONE
    assert (await _stored(db, checkin_id)).state == "open"


async def test_an_answer_link_token_does_not_unsubscribe(
    app: Litestar, db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    checkin_id = await _open_checkin(app, new_client, pair)
    token = await _token(db, checkin_id=checkin_id, user_id=pair.carer.user.id, clock=clock)
    response = await new_client().http.post(
        f"/unsubscribe/{token}",
        content=b"List-Unsubscribe=One-Click",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert problem(response, 404)


@pytest.mark.parametrize("how", ["suspended", "ended", "disabled"])
async def test_a_carer_who_is_no_longer_one_gets_the_same_404(
    app: Litestar, db: Database, pair: Pair, new_client: Any, clock: FrozenClock, how: str
) -> None:
    checkin_id = await _open_checkin(app, new_client, pair)
    token = await _token(db, checkin_id=checkin_id, user_id=pair.carer.user.id, clock=clock)
    async with db.session_scope() as session:
        if how == "disabled":
            await session.execute(update(User).where(User.id == pair.carer.user.id).values(is_active=False))
        else:
            status = MembershipStatus.SUSPENDED if how == "suspended" else MembershipStatus.ENDED
            membership = await session.get(Membership, pair.carer.membership_id)
            assert membership is not None
            membership.status = status
    url = f"/api/v1/answer-links/{token}"
    stranger = new_client()

    assert problem(await stranger.get(url), 404)["detail"] == GONE
    assert problem(await stranger.post(url, json={"wellbeing": 3}), 404)["detail"] == GONE
    assert await _count(db, CrisisAlert) == 0

    # "I need help now" is never blocked: the centre is told all the same, and the lines shown.
    help_now = problem(
        await stranger.post(url, json={"needs_help": True}, headers={"Idempotency-Key": "link-help-1"}), 409
    )
    assert help_now["centre_told"] is True
    assert help_now["crisis_lines"]
    async with db.session_scope() as session:
        [alert] = (await session.scalars(select(CrisisAlert))).all()
    assert (alert.carer_user_id, alert.organisation_id, alert.source) == (
        pair.carer.user.id,
        pair.org.id,
        "checkin_refused",
    )
    assert (await _stored(db, checkin_id)).state == "open"


async def test_help_now_by_link_raises_the_alert_and_shows_the_lines_at_once(
    app: Litestar, db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    checkin_id = await _open_checkin(app, new_client, pair)
    token = await _token(db, checkin_id=checkin_id, user_id=pair.carer.user.id, clock=clock)
    url = f"/api/v1/answer-links/{token}"

    sent = await new_client().post(url, json={"needs_help": True}, headers={"Idempotency-Key": "link-help-2"})

    assert sent.status_code == 201, sent.text
    body = sent.json()
    assert (body["state"], body["needs_help"], body["help_is_coming"]) == ("open", True, True)
    assert {"999", "116 123"} <= {line["contact"] for line in body["crisis_lines"]}
    async with db.session_scope() as session:
        [alert] = (await session.scalars(select(CrisisAlert))).all()
    assert (alert.source, str(alert.source_id)) == ("checkin", checkin_id)
    assert "coordinator_crisis_alert" in await notified_kinds(
        db, pair.coordinator.user.id, about_matches=False
    )


async def test_help_now_through_a_used_link_still_reaches_the_centre(
    app: Litestar, db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    checkin_id = await _open_checkin(app, new_client, pair)
    token = await _token(db, checkin_id=checkin_id, user_id=pair.carer.user.id, clock=clock)
    url = f"/api/v1/answer-links/{token}"
    browser = new_client()
    assert (await browser.post(url, json={"wellbeing": 3})).status_code == 201

    refused = problem(
        await browser.post(url, json={"needs_help": True}, headers={"Idempotency-Key": "link-help-3"}), 409
    )

    assert refused["centre_told"] is True
    assert refused["detail"].startswith("You've already answered this check-in. Thank you.")
    assert {"999", "116 123"} <= {line["contact"] for line in refused["crisis_lines"]}
    async with db.session_scope() as session:
        [alert] = (await session.scalars(select(CrisisAlert))).all()
    assert (alert.source, alert.carer_user_id) == ("checkin_refused", pair.carer.user.id)


async def test_help_now_through_a_link_naming_nobody_shows_the_lines(
    app: Litestar, db: Database, new_client: Any
) -> None:
    refused = problem(
        await new_client().post("/api/v1/answer-links/not-a-token", json={"needs_help": True}), 404
    )
    assert refused["detail"] == GONE
    assert {"999", "116 123"} <= {line["contact"] for line in refused["crisis_lines"]}
    assert await _count(db, CrisisAlert) == 0


async def test_a_closed_checkin_says_so(
    app: Litestar, db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    checkin_id = await _open_checkin(app, new_client, pair)
    token = await _token(db, checkin_id=checkin_id, user_id=pair.carer.user.id, clock=clock)
    clock.advance(timedelta(days=8))  # missed after 5 days, answerable for 2 more
    for _ in range(4):
        await walk_ladder(app.state.runtime)
    url = f"/api/v1/answer-links/{token}"

    assert (await new_client().get(url)).json()["state"] == "closed"
    refused = problem(await new_client().post(url, json={"wellbeing": 3}), 409)
    assert refused["detail"].startswith("This check-in has closed.")


async def test_signed_in_as_someone_else_the_link_acts_only_for_its_own_carer(
    app: Litestar, db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    checkin_id = await _open_checkin(app, new_client, pair)
    token = await _token(db, checkin_id=checkin_id, user_id=pair.carer.user.id, clock=clock)
    url = f"/api/v1/answer-links/{token}"
    elsewhere = await make_pair(db, org=await make_org(db, name="Hillside Carers"))  # another centre's carer
    for email in (pair.buddy.email, pair.coordinator.email, elsewhere.carer.email):
        other: ApiClient = await signed_in(new_client, email)
        assert (await other.get(url)).json()["carer_first_name"] == pair.carer.user.display_name.split()[0]

    buddy = await signed_in(new_client, pair.buddy.email)
    sent = await buddy.post(url, json={"wellbeing": 5})

    assert sent.status_code == 201, sent.text
    stored = await _stored(db, checkin_id)
    assert (stored.state, stored.carer_user_id) == ("answered", pair.carer.user.id)
    async with db.session_scope() as session:
        actors = set(
            await session.scalars(
                select(AuditEntry.actor_user_id).where(AuditEntry.action == "checkins.checkin.answered")
            )
        )
    assert actors == {pair.carer.user.id}
    # The buddy's own session gained nothing: the carer's check-in is still not theirs to answer.
    assert (await buddy.post(f"/api/v1/checkins/{checkin_id}/answer", json={"wellbeing": 1})).status_code in (
        403,
        404,
        409,
    )


async def test_guessing_tokens_is_rate_limited_but_a_call_for_help_never_is(
    app: Litestar, db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    checkin_id = await _open_checkin(app, new_client, pair)
    token = await _token(db, checkin_id=checkin_id, user_id=pair.carer.user.id, clock=clock)
    guesser = new_client()
    statuses = [(await guesser.get(f"/api/v1/answer-links/guess-{n}")).status_code for n in range(61)]
    assert statuses[:60] == [404] * 60
    limited = problem(await guesser.get("/api/v1/answer-links/guess-last"), 429)
    assert limited["detail"]
    assert problem(await guesser.post("/api/v1/answer-links/guess-post", json={"wellbeing": 3}), 429)
    assert problem(await guesser.post(f"/api/v1/answer-links/{token}", json={"wellbeing": 3}), 429)

    # The carer on the same address (a shared connection) asks for help: it goes through all the same.
    helped = await guesser.post(f"/api/v1/answer-links/{token}", json={"needs_help": True})

    assert helped.status_code == 201, helped.text
    assert helped.json()["help_is_coming"] is True
    assert (await _stored(db, checkin_id)).needs_help is True


async def test_the_page_is_the_app_and_never_cached(app: Litestar, new_client: Any) -> None:
    page = await new_client().get("/answer/some-token")
    assert page.status_code in (200, 503)  # the app's shell (503 where the app was not built)
    if page.status_code == 200:
        assert page.headers["content-type"].startswith("text/html")
        assert page.headers["cache-control"] == "no-store"
    assert page.headers["referrer-policy"] == "no-referrer"
