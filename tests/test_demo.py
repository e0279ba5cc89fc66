"""The Riverside demo works out of the box: profiles, screening, suggestions, a draft and an active pair."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from carerlink import demo
from carerlink.db import Database
from carerlink.matching.models import Match, MatchStatus
from tests.support import START, ApiClient


async def test_the_demo_has_suggestions_a_draft_and_an_active_pair(db: Database, client: ApiClient) -> None:
    async with db.session_scope() as session:
        organisation = await demo.seed(session, now=START)
    await client.login("coordinator@example.org", demo.DEMO_PASSWORD)
    base = f"/api/v1/orgs/{organisation.id}"

    waiting = (await client.get(f"{base}/waiting-list")).json()
    assert [w["carer"]["display_name"] for w in waiting][:2] == ["Alex Turner", "Fatima Begum"]
    assert len(waiting) == 8  # Sam is matched with Helen; Winston was imported and hasn't joined yet
    assert [w["carer"]["display_name"] for w in waiting if not w["joined"]] == ["Winston Clarke"]
    alex = waiting[0]["carer"]["membership_id"]
    suggestions = (await client.get(f"{base}/carers/{alex}/suggestions")).json()["suggestions"]
    assert suggestions[0]["buddy"]["display_name"] == "Priya Shah"
    assert suggestions[0]["explanation"]["summary"].startswith(
        "Alex and Priya both care for an adult son or daughter with psychosis or schizophrenia"
    )
    buddies: list[dict[str, Any]] = (await client.get(f"{base}/buddies")).json()
    assert all(b["matchable"] for b in buddies)
    assert [r["display_name"] for r in (await client.get(f"{base}/rechecks-due")).json()] == ["Tom Okafor"]

    draft = (await client.post(f"{base}/match-drafts")).json()
    pairs = {i["carer"]["display_name"]: i["buddy"]["display_name"] for i in draft["items"]}
    assert pairs["Alex Turner"] == "Priya Shah"
    assert (
        pairs["Leo Nowak"] == "Daniel Hughes"
    )  # the young carer, through the programme, with a cleared buddy
    assert len(pairs) == 7
    ruth = next(i for i in draft["items"] if i["carer"]["display_name"] == "Ruth Evans")
    assert "needs" not in {
        p["factor"] for p in ruth["explanation"]["reasons"] + ruth["explanation"]["compromises"]
    }

    async with db.session_scope() as session:
        live = await session.scalar(
            select(func.count())
            .select_from(Match)
            .where(Match.organisation_id == organisation.id, Match.status == MatchStatus.ACTIVE)
        )
    assert live == 1
    assert draft["total_score"] >= draft["greedy_total"]


async def test_the_demo_has_an_ended_match_whose_carer_is_asked_about_another_buddy(
    db: Database, client: ApiClient, new_client: Any
) -> None:
    async with db.session_scope() as session:
        organisation = await demo.seed(session, now=START)
    base = f"/api/v1/orgs/{organisation.id}"
    await client.login("carer9@example.org", demo.DEMO_PASSWORD)

    waiting = (await client.get(f"{base}/me/waiting")).json()
    assert waiting["state"] == "ended"  # "It has done what it set out to do": not re-queued until asked
    assert waiting["last_ending"]["buddy_name"] == "Priya"
    assert waiting["last_ending"]["wants_rematch"] is None
    inbox = (await client.get("/api/v1/notifications")).json()
    assert any(item["kind"] == "match_ended" for item in inbox["items"])

    priya = new_client()
    await priya.login("buddy1@example.org", demo.DEMO_PASSWORD)
    ended = [m for m in (await priya.get(f"{base}/matches")).json() if m["status"] == "ended"]
    assert len(ended) == 1 and not ended[0]["my_feedback_given"]


async def test_the_demo_has_one_open_crisis_alert_the_coordinator_sees_at_once(
    db: Database, client: ApiClient, new_client: Any
) -> None:
    async with db.session_scope() as session:
        organisation = await demo.seed(session, now=START)
    await client.login("coordinator@example.org", demo.DEMO_PASSWORD)
    base = f"/api/v1/orgs/{organisation.id}"

    [alert] = (await client.get(f"{base}/alerts?status=open")).json()
    assert (alert["escalates_to"], alert["escalated_at"]) == ("all_coordinators", None)
    people = {m["user_id"]: m["display_name"] for m in (await client.get(f"{base}/members")).json()}
    assert people[alert["carer_user_id"]] == "Sam Clarke"
    helen: ApiClient = new_client()
    await helen.login("buddy3@example.org", demo.DEMO_PASSWORD)
    kinds = [n["kind"] for n in (await helen.get("/api/v1/notifications")).json()["items"]]
    assert "buddy_carer_asked_for_help" in kinds


async def test_the_demo_shows_a_buddy_who_asked_to_talk_and_one_overdue_for_supervision(
    db: Database, client: ApiClient
) -> None:
    async with db.session_scope() as session:
        organisation = await demo.seed(session, now=START)
    await client.login("coordinator@example.org", demo.DEMO_PASSWORD)
    base = f"/api/v1/orgs/{organisation.id}"
    items = (await client.get(f"{base}/attention")).json()
    about_buddies = [i for i in items if i["match_id"] is None and i["reason"] != "text_received"]
    assert [(i["reason"], i["buddy_name"]) for i in about_buddies] == [
        ("supervision_overdue", "Priya Shah"),
        ("debrief_requested", "Helen Wright"),
    ]
    buddies = {b["display_name"]: b for b in (await client.get(f"{base}/buddies")).json()}
    assert [name for name, b in buddies.items() if b["supervision_overdue"]] == ["Priya Shah"]
    assert buddies["Daniel Hughes"]["last_supervised_on"] is not None


async def test_the_demo_shows_how_people_are_reached(db: Database, client: ApiClient) -> None:
    async with db.session_scope() as session:
        organisation = await demo.seed(session, now=START)
    await client.login("coordinator@example.org", demo.DEMO_PASSWORD)
    base = f"/api/v1/orgs/{organisation.id}"

    [unreachable] = [
        i for i in (await client.get(f"{base}/attention")).json() if i["reason"] == "unreachable"
    ]
    assert unreachable["carer_name"] == "Sam Clarke"
    assert "Their e-mails are being refused." in unreachable["problems"]
    waiting = {
        w["carer"]["display_name"]: w["carer"]["membership_id"]
        for w in (await client.get(f"{base}/waiting-list")).json()
    }
    fatima = (await client.get(f"{base}/carers/{waiting['Fatima Begum']}/channels")).json()
    assert (fatima["channels"], fatima["channels_set_by"]["name"]) == (["email", "push"], "Morgan Ellis")
    alex = (await client.get(f"{base}/carers/{waiting['Alex Turner']}/channels")).json()
    assert (alex["working"], alex["reach"]["push_devices"]) == (["email"], 0)


async def test_the_demo_has_an_open_report_of_a_message_for_the_coordinator(
    db: Database, client: ApiClient, new_client: Any
) -> None:
    """Grace asked the centre to look at Priya's "running on empty" before their match ended (issue 18):
    Needs attention counts it, and the coordinator reads it with the messages before it."""
    async with db.session_scope() as session:
        organisation = await demo.seed(session, now=START)
    await client.login("coordinator@example.org", demo.DEMO_PASSWORD)
    reports = f"/api/v1/orgs/{organisation.id}/message-reports"

    assert (await client.get(f"{reports}/open-count")).json() == {"open": 1}
    [report] = (await client.get(reports)).json()
    assert (report["carer_name"], report["buddy_name"], report["reporter"]) == ("Grace", "Priya", "carer")
    assert (report["reason"], report["status"]) == ("worried", "open")
    opened = (await client.get(f"{reports}/{report['id']}")).json()
    assert opened["messages"][-1]["reported"] and "running on empty" in opened["messages"][-1]["text"]
    assert len(opened["messages"]) == 4

    grace: ApiClient = new_client()
    await grace.login("carer9@example.org", demo.DEMO_PASSWORD)
    thread = (await grace.get(f"/api/v1/orgs/{organisation.id}/matches/{report['match_id']}/messages")).json()
    assert thread["can_write"] is False  # the ended match's copy
    assert [m["reported_by_me"] for m in thread["messages"]] == [False, False, False, True, False]
    assert all(m["read_at"] for m in thread["messages"])  # no unread counts in the demo
    # Morgan's copy of Sam's data says it holds the words of his messages with Helen.
    [sams] = [
        c
        for c in (await client.get(f"/api/v1/orgs/{organisation.id}/exports")).json()
        if c["asked_by_centre"]
    ]
    assert (sams["member_name"], sams["message_words"]) == ("Sam Clarke", 5)


async def test_the_import_templates_example_rows_come_in_cleanly_on_the_demo(
    db: Database, client: ApiClient
) -> None:
    """A newcomer who uploads a template as it is sees its example row ready, with nothing to look at."""
    async with db.session_scope() as session:
        organisation = await demo.seed(session, now=START)
    await client.login("coordinator@example.org", demo.DEMO_PASSWORD)
    base = f"/api/v1/orgs/{organisation.id}/imports"
    for kind in ("carer", "buddy"):
        template = await client.get(f"{base}/template.csv?kind={kind}")
        checked = await client.post(
            f"{base}/", data={"kind": kind}, files={"file": ("template.csv", template.content, "text/csv")}
        )
        assert checked.status_code == 201, checked.text
        (row,) = checked.json()["rows"]
        assert row["outcome"] == "ready" and row["problems"] == [] and row["warnings"] == [], row
