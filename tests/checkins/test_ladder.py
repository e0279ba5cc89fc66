"""The escalation ladder's rules with a moving clock (pure: no database)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from carerlink.checkins.ladder import (
    Decision,
    Delays,
    Position,
    State,
    Step,
    accepts_answer,
    decide,
    low_score_run,
)

DUE = datetime(2026, 3, 2, 19, 0, tzinfo=UTC)
DELAYS = Delays()


def _walk(position: Position, until: datetime, every: timedelta) -> list[tuple[datetime, Step]]:
    """Run the ladder like a worker would, every ``every``, recording what it did and when."""
    taken: list[tuple[datetime, Step]] = []
    now = position.due_at - every
    while now <= until:
        decision: Decision = decide(position, DELAYS, now)
        taken.extend((now, step) for step in decision.steps)
        position = Position(
            decision.state, position.due_at, position.answered_at, position.done | set(decision.steps)
        )
        now += every
    return taken


def test_an_unanswered_check_in_prompts_then_nudges_then_tells_the_buddy_then_is_missed() -> None:
    taken = _walk(
        Position(State.SCHEDULED, DUE, None, frozenset()), DUE + timedelta(days=7), timedelta(minutes=10)
    )
    assert [step for _, step in taken] == [Step.PROMPT, Step.NUDGE, Step.TELL_BUDDY, Step.MISSED]
    moments = {step: when for when, step in taken}
    assert DUE <= moments[Step.PROMPT] < DUE + timedelta(minutes=10)
    assert DUE + timedelta(days=1) <= moments[Step.NUDGE] < DUE + timedelta(days=1, minutes=10)
    assert DUE + timedelta(days=3) <= moments[Step.TELL_BUDDY] < DUE + timedelta(days=3, minutes=10)


def test_an_answer_unreplied_reminds_the_buddy_after_two_days_then_tells_the_coordinator() -> None:
    answered = DUE + timedelta(hours=3)
    taken = _walk(
        Position(State.ANSWERED, DUE, answered, frozenset({Step.PROMPT})),
        DUE + timedelta(days=7),
        timedelta(minutes=10),
    )
    assert [step for _, step in taken] == [Step.BUDDY_REMINDER, Step.TELL_COORDINATOR]
    assert taken[0][0] >= answered + timedelta(days=2)
    assert taken[1][0] >= answered + timedelta(days=4)


def test_a_replied_check_in_needs_nothing_more() -> None:
    decision = decide(
        Position(State.REPLIED, DUE, DUE, frozenset({Step.PROMPT})), DELAYS, DUE + timedelta(days=30)
    )
    assert decision == Decision(steps=(), state=State.REPLIED, next_check_at=None)


def test_a_worker_that_was_down_catches_up_in_order_without_skipping() -> None:
    decision = decide(Position(State.SCHEDULED, DUE, None, frozenset()), DELAYS, DUE + timedelta(days=4))
    assert decision.steps == (Step.PROMPT, Step.NUDGE, Step.TELL_BUDDY)
    assert decision.state == State.OPEN
    assert decision.next_check_at == DUE + DELAYS.missed_after


def test_next_check_is_the_next_rung() -> None:
    decision = decide(
        Position(State.OPEN, DUE, None, frozenset({Step.PROMPT})), DELAYS, DUE + timedelta(hours=2)
    )
    assert decision.steps == ()
    assert decision.next_check_at == DUE + DELAYS.nudge_after


def test_answers_are_accepted_while_open_and_for_a_grace_period_after_missing() -> None:
    assert accepts_answer(State.OPEN, DUE, DELAYS, DUE + timedelta(hours=1))
    assert not accepts_answer(State.SCHEDULED, DUE, DELAYS, DUE - timedelta(minutes=1))
    assert accepts_answer(State.MISSED, DUE, DELAYS, DUE + DELAYS.missed_after + timedelta(hours=47))
    assert not accepts_answer(State.MISSED, DUE, DELAYS, DUE + DELAYS.missed_after + timedelta(hours=49))
    assert not accepts_answer(State.ANSWERED, DUE, DELAYS, DUE + timedelta(hours=1))


def test_low_score_runs() -> None:
    assert low_score_run([1, 2, 2, 5], threshold=2, run_length=3)
    assert not low_score_run([1, 3, 2], threshold=2, run_length=3)
    assert not low_score_run([1, 1], threshold=2, run_length=3)


@settings(max_examples=200, deadline=None)
@given(
    every_minutes=st.integers(1, 600),
    answered_after_hours=st.one_of(st.none(), st.integers(0, 150)),
)
def test_each_step_happens_exactly_once_whatever_the_tick_rate(
    every_minutes: int, answered_after_hours: int | None
) -> None:
    position = Position(State.SCHEDULED, DUE, None, frozenset())
    now, taken = DUE - timedelta(minutes=every_minutes), []
    while now <= DUE + timedelta(days=10):
        if answered_after_hours is not None and position.state in (State.OPEN, State.MISSED):
            answered_at = DUE + timedelta(hours=answered_after_hours)
            if now >= answered_at and accepts_answer(position.state, DUE, DELAYS, now):
                position = Position(State.ANSWERED, DUE, now, position.done)
        decision = decide(position, DELAYS, now)
        taken.extend(decision.steps)
        position = Position(decision.state, DUE, position.answered_at, position.done | set(decision.steps))
        now += timedelta(minutes=every_minutes)
    assert len(taken) == len(set(taken))
    assert taken[0] == Step.PROMPT
    answered_at = position.answered_at
    if answered_at is not None and answered_at + DELAYS.tell_coordinator_after < now - timedelta(
        minutes=every_minutes
    ):
        assert Step.TELL_COORDINATOR in taken  # nobody replied: the coordinator heard
