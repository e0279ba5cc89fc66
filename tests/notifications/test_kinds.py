"""The kinds: what each says, that payloads stay small and free of health details, Topic and tag rules."""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carerlink.actor import Role
from carerlink.notifications import kinds
from carerlink.notifications.push import Outcome, classify, endpoint_problem, parse_retry_after

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
# Words that would reveal something about anyone's health or wellbeing if they appeared in a push.
HEALTH_WORDS = re.compile(
    r"score|\blow\b|mood|dementia|psychosis|depress|anxi|suicid|\bnote|diagnos", re.IGNORECASE
)


def sample(kind: type[kinds.Kind], name: str = "Alex") -> kinds.Kind:
    values: dict[str, object] = {}
    for field in kind.__struct_fields__:
        if field.endswith("_id"):
            values[field] = uuid.uuid4()
        elif field == "reason":
            values[field] = "needs_review"
        elif field == "check":
            values[field] = "safeguarding"
        elif field == "why":
            values[field] = "caring_ended"
        elif field == "state":
            values[field] = "acknowledged"
        elif field == "minutes":
            values[field] = 15
        elif field == "how_soon":
            values[field] = "today"
        elif field == "count":  # how many new messages one notification tells of (issue 18)
            values[field] = 3
        else:
            values[field] = name
    return kinds.build(kind, values)


def test_every_kind_the_product_sends_is_registered_once() -> None:
    assert len(kinds.KINDS) == len(kinds.ALL_KINDS)
    assert sorted(kinds.KINDS) == sorted(
        [
            "checkin_due",
            "checkin_nudge",
            "buddy_new_answer",
            "buddy_carer_quiet",
            "buddy_reply_reminder",
            "buddy_carer_asked_for_help",
            "buddy_carer_help_handled",
            "carer_buddy_replied",
            "carer_buddy_on_break",
            "coordinator_crisis_unacknowledged",
            "coordinator_crisis_mistake",
            "match_proposed",
            "match_accepted",
            "match_ended",
            "coordinator_crisis_alert",
            "coordinator_crisis_acknowledged",
            "coordinator_erasure_requested",
            "coordinator_escalation",
            "coordinator_match_held",
            "coordinator_invitation_mail_failed",
            "coordinator_invitation_text_failed",
            "recheck_due",
            "coordinator_debrief_requested",
            "buddy_debrief_taken_up",
            "coordinator_concern_raised",
            "coordinator_concern_at_risk",
            "coordinator_concern_past_target",
            "buddy_concern_update",
            "coordinator_text_budget_low",
            "data_export_ready",
            "coordinator_data_export_ready",
            "coordinator_data_export_failed",
            "carer_profile_filled_in",
            "buddy_profile_filled_in",
            "outcome_ask_open",
            "new_message",
            "coordinator_message_reported",
            "test",
        ]
    )


@pytest.mark.parametrize("kind", kinds.ALL_KINDS, ids=lambda k: k.name)
def test_every_kind_renders_a_small_declarative_push_with_no_health_words(kind: type[kinds.Kind]) -> None:
    rendered = sample(kind)

    payload = kinds.declarative_payload(
        notification_id=uuid.uuid4(),
        kind=kind.name,
        title=rendered.title(),
        body=rendered.body(),
        url=rendered.url(),
        tag=rendered.tag(),
        created_at=NOW,
        base_url="https://carers.example.org",
    )

    message = json.loads(payload)
    assert message["web_push"] == 8030
    assert message["notification"]["navigate"].startswith("https://carers.example.org/")
    assert message["notification"]["title"]
    assert len(payload) <= kinds.MAX_PAYLOAD_BYTES
    assert not HEALTH_WORDS.search(rendered.title() + " " + rendered.body())
    assert kind.ttl <= timedelta(days=7)
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", kinds.topic_for(rendered.topic_key()))


@settings(max_examples=60, deadline=None)
@given(
    kind=st.sampled_from(kinds.ALL_KINDS),
    name=st.text(
        alphabet=st.characters(min_codepoint=0x20, exclude_categories=("Cs", "Cc")), min_size=1, max_size=80
    ).filter(lambda s: s.strip()),
)
def test_any_name_keeps_the_payload_within_two_kilobytes(kind: type[kinds.Kind], name: str) -> None:
    rendered = sample(kind, name)

    kinds.check_payload_size(rendered, notification_id=uuid.uuid4(), created_at=NOW)


def test_a_kind_takes_only_its_own_fields() -> None:
    with pytest.raises(ValueError, match="note"):
        kinds.build(kinds.NewAnswer, {"checkin_id": uuid.uuid4(), "carer_name": "Alex", "note": "struggling"})

    class Rogue(kinds.Kind, frozen=True):
        name = "rogue"

    with pytest.raises(ValueError, match="not a registered"):
        kinds.build(Rogue, {})


def test_crisis_alerts_are_urgent_unquiet_unmutable_and_emailed_without_names() -> None:
    alert = sample(kinds.CrisisAlert, "Alex Carer")

    subject, body = alert.email(local_time="02:30 on 3 March 2026", link="")

    assert (
        kinds.CrisisAlert.urgency,
        kinds.CrisisAlert.quiet_hours_apply,
        kinds.CrisisAlert.can_switch_off,
    ) == (
        "high",
        False,
        False,
    )
    assert kinds.CrisisAlert.audience == {Role.COORDINATOR}
    assert "Alex" not in subject + body
    assert "Alex Carer" in alert.title()


def test_an_escalation_email_has_no_names_and_its_body_no_scores() -> None:
    for reason in ("carer_no_answer", "buddy_no_reply", "needs_review"):
        escalation = kinds.build(
            kinds.Escalation,
            {"checkin_id": uuid.uuid4(), "reason": reason, "carer_name": "Alex", "buddy_name": "Priya"},
        )
        link = "https://carers.example/coordinator/checkins/x"
        subject, body = escalation.email(local_time="10:00 on 2 March 2026", link=link)
        assert "Alex" not in subject + body
        assert "Priya" not in subject + body
        assert link in body
        assert not HEALTH_WORDS.search(escalation.body())


def test_every_emailed_kind_links_to_its_page_with_no_name_and_says_where_to_look_without_a_link() -> None:
    emailed = [kind for kind in kinds.ALL_KINDS if kind.also_email]
    assert {kinds.CrisisAlert, kinds.CrisisUnacknowledged, kinds.Escalation} <= set(emailed)
    for kind in emailed:
        rendered = sample(kind, "Alex Carer")
        link = "https://carers.example" + rendered.url()
        subject, body = rendered.email(local_time="10:00 on 2 March 2026", link=link)
        assert link in body, kind.name
        assert "Alex" not in subject + body
        subject, body = rendered.email(local_time="10:00 on 2 March 2026", link="")
        assert "https://" not in body and "sign in to carerlink" in body, kind.name


def test_an_acknowledged_alert_says_who_has_it_in_the_inbox_and_is_no_longer_urgent() -> None:
    alert_id = uuid.uuid4()
    data = {"alert_id": alert_id, "carer_name": "Sam Carer"}
    before = kinds.build(kinds.CrisisAlert, data)
    after = kinds.build(kinds.CrisisAlert, {**data, "acknowledged_by": "Morgan"})
    assert (before.inbox_title(), before.inbox_body()) == (
        "Urgent: Sam Carer needs help now",
        "They pressed “I need help now”. Please respond now.",
    )
    assert (after.inbox_title(), after.inbox_body()) == (
        "Sam Carer asked for help",
        "Acknowledged by Morgan.",
    )
    assert after.title() == before.title()  # the push already sent is what it was
    buddy = kinds.build(kinds.CarerAskedForHelp, {**data, "acknowledged_by": "Morgan"})
    assert "is dealing with it" in buddy.inbox_body()
    assert "have been alerted" in kinds.build(kinds.CarerAskedForHelp, data).inbox_body()
    stored = json.loads(json.dumps({**data, "alert_id": str(alert_id)}))
    assert kinds.inbox_title("coordinator_crisis_alert", stored, "x") == "Urgent: Sam Carer needs help now"


def test_an_acknowledgement_silently_replaces_the_urgent_alert_and_the_buddys_notice_on_screen() -> None:
    alert_id = uuid.uuid4()
    data = {"alert_id": alert_id, "carer_name": "Sam"}
    urgent = kinds.build(kinds.CrisisAlert, data)
    handled = kinds.build(kinds.CrisisAcknowledged, {**data, "acknowledged_by": "Morgan"})
    assert handled.tag() == urgent.tag()
    assert (handled.title(), handled.body()) == (
        "Morgan has acknowledged Sam's call for help",
        "You don't need to act on the alert now.",
    )
    asked = kinds.build(kinds.CarerAskedForHelp, data)
    told = kinds.build(kinds.CarerHelpHandled, data)
    assert told.tag() == asked.tag()
    for rendered in (handled, told):
        payload = json.loads(
            kinds.declarative_payload(
                notification_id=uuid.uuid4(),
                kind=rendered.name,
                title=rendered.title(),
                body=rendered.body(),
                url=rendered.url(),
                tag=rendered.tag(),
                created_at=NOW,
                base_url="https://carers.example",
            )
        )["notification"]
        assert payload["silent"] is True and "renotify" not in payload
        assert not type(rendered).in_inbox
    assert set(kinds.NOT_IN_INBOX) == {"coordinator_crisis_acknowledged", "buddy_carer_help_handled"}


def test_a_nudge_replaces_the_shown_check_in_notification_and_alerts_again() -> None:
    checkin_id = uuid.uuid4()
    due = kinds.build(kinds.CheckinDue, {"checkin_id": checkin_id, "buddy_name": "Priya"})
    nudge = kinds.build(kinds.CheckinNudge, {"checkin_id": checkin_id, "buddy_name": "Priya"})

    assert due.tag() == nudge.tag()
    assert kinds.CheckinNudge.renotify


def test_long_names_are_shortened_in_pushes() -> None:
    rendered = sample(kinds.BuddyReplied, "Bartholomew " * 6)

    assert rendered.title() == "Bartholomew Bartholomew Bartholomew Bar… replied"


@pytest.mark.parametrize(
    ("status", "header", "outcome", "wait"),
    [
        (201, None, Outcome.SENT, None),
        (202, None, Outcome.SENT, None),
        (404, None, Outcome.GONE, None),
        (410, None, Outcome.GONE, None),
        (429, "120", Outcome.RATE_LIMITED, timedelta(seconds=120)),
        (429, None, Outcome.RATE_LIMITED, timedelta(seconds=60)),
        (429, "Mon, 02 Mar 2026 09:05:00 GMT", Outcome.RATE_LIMITED, timedelta(minutes=5)),
        (429, "999999", Outcome.RATE_LIMITED, timedelta(hours=6)),
        (500, None, Outcome.RETRY, None),
        (503, "30", Outcome.RETRY, timedelta(seconds=30)),
        (408, None, Outcome.RETRY, None),
        (413, None, Outcome.REJECTED, None),
        (400, None, Outcome.REJECTED, None),
        (403, None, Outcome.REJECTED, None),
        (301, None, Outcome.REJECTED, None),
    ],
)
def test_push_service_answers_map_to_outcomes(
    status: int, header: str | None, outcome: Outcome, wait: timedelta | None
) -> None:
    result = classify(status, header, now=NOW)

    assert (result.outcome, result.retry_after) == (outcome, wait)


def test_nonsense_retry_after_is_ignored() -> None:
    assert parse_retry_after("soon", now=NOW) is None
    assert parse_retry_after("", now=NOW) is None


@pytest.mark.parametrize(
    "endpoint",
    ["not a url", "https://[::1", "javascript:alert(1)", "https://fcm.googleapis.com/x#frag"],
)
def test_odd_endpoints_are_refused_even_when_any_host_is_allowed(endpoint: str) -> None:
    assert endpoint_problem(endpoint, allow_any=True) is not None


def test_every_kind_name_fits_where_it_is_stored() -> None:
    from carerlink.mail.models import OutgoingMail
    from carerlink.notifications.models import Notification

    widest = max(len(name) for name in kinds.KINDS)
    assert widest <= OutgoingMail.__table__.c.category.type.length  # e-mail sent beside a push
    assert widest <= Notification.__table__.c.kind.type.length


def test_a_buddys_ask_to_talk_says_how_soon_and_never_their_words_and_its_email_names_nobody() -> None:
    asked = kinds.build(
        kinds.DebriefRequested,
        {"request_id": uuid.uuid4(), "buddy_name": "Helen Wright", "how_soon": "this_week"},
    )
    assert asked.title() == "Helen Wright would like to talk"
    assert "this week" in asked.body()
    assert asked.url() == "/coordinator/attention"
    link = "https://carers.example/coordinator/attention"
    subject, body = asked.email(local_time="14:05 on 3 March 2026", link=link)
    assert "Helen" not in subject + body
    assert "this week" in body and link in body
    assert kinds.DebriefRequested.also_email
    taken = kinds.build(
        kinds.DebriefTakenUp, {"request_id": uuid.uuid4(), "coordinator_name": "Morgan Ellis"}
    )
    assert taken.title() == "Morgan Ellis will be in touch"
    assert taken.url() == "/buddy/talk"
    assert kinds.DebriefTakenUp.audience == frozenset({Role.BUDDY})


@pytest.mark.parametrize(
    "kind", [kinds.ConcernRaised, kinds.ConcernAtRiskNow, kinds.ConcernPastTarget], ids=lambda k: k.name
)
def test_concern_emails_name_nobody_and_link_to_the_concern(kind: type[kinds.Kind]) -> None:
    concern = sample(kind, "Sam Carer")
    link = f"https://carers.example.org{concern.url()}"

    subject, body = concern.email(local_time="02:30 on 3 March 2026", link=link)

    assert "Sam" not in subject + body
    assert link in body
    assert concern.url().startswith("/coordinator/concerns/")
    assert not kind.can_switch_off


def test_an_at_risk_concern_is_urgent_and_ignores_quiet_hours_like_a_crisis_alert() -> None:
    kind = kinds.ConcernAtRiskNow
    assert (kind.urgency, kind.quiet_hours_apply, kind.can_switch_off, kind.also_email) == (
        "high",
        False,
        False,
        True,
    )


def test_the_buddy_is_told_a_concern_is_handled_without_any_name_or_decision() -> None:
    for state in ("acknowledged", "closed"):
        update = kinds.build(kinds.ConcernUpdate, {"concern_id": uuid.uuid4(), "state": state})
        assert kinds.ConcernUpdate.audience == {Role.BUDDY}
        words = update.title() + update.body()
        assert "referral" not in words.lower()
        assert update.url() == "/buddy/concerns"
