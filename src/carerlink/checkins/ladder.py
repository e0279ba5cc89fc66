"""The escalation ladder as pure rules: which steps are due for a check-in, and when to look again.

DOMAIN.md: the carer has not answered after a day → a gentle nudge; after three days → the buddy is
told; the buddy has not replied to an answer in two days → a reminder, then the coordinator is told.
Each step happens once; the delays are organisation settings. A carer who asked for help on a check-in
they have not answered yet is not nudged, and their buddy is not told they are quiet, while the crisis
alert is open (issue 10): the check-in stays open and the ladder looks again a little later.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta


class State(enum.StrEnum):
    """Where a check-in stands."""

    SCHEDULED = "scheduled"  # not yet due
    OPEN = "open"  # due: the carer has been asked
    ANSWERED = "answered"  # the carer answered; waiting for the buddy
    REPLIED = "replied"  # the buddy replied
    MISSED = "missed"  # no answer in time (still answerable for a grace period)


class Step(enum.StrEnum):
    """One rung of the ladder; each happens at most once per check-in."""

    PROMPT = "prompt"  # due: ask the carer
    NUDGE = "nudge"  # the carer has not answered: a gentle nudge
    TELL_BUDDY = "tell_buddy"  # still no answer: the buddy is told
    MISSED = "missed"  # no answer by the end of the window
    BUDDY_REMINDER = "buddy_reminder"  # the buddy has not replied to an answer
    TELL_COORDINATOR = "tell_coordinator"  # still no reply: the coordinator is told


@dataclass(frozen=True, slots=True)
class Delays:
    """The ladder's timings (organisation settings)."""

    nudge_after: timedelta = timedelta(hours=24)
    tell_buddy_after: timedelta = timedelta(hours=72)
    missed_after: timedelta = timedelta(hours=120)
    answer_grace: timedelta = timedelta(hours=48)
    buddy_reminder_after: timedelta = timedelta(hours=48)
    tell_coordinator_after: timedelta = timedelta(hours=96)


# How often the ladder looks again at an unanswered check-in whose call for help is still open.
HELP_RECHECK = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class Position:
    """What the ladder needs to know about one check-in.

    ``help_asked``: the carer said "I need help now" on it without answering it yet (no prompt is
    needed: they have seen it); ``help_open``: and that crisis alert is still open.
    """

    state: State
    due_at: datetime
    answered_at: datetime | None
    done: frozenset[Step]
    help_asked: bool = False
    help_open: bool = False


@dataclass(frozen=True, slots=True)
class Decision:
    """The steps to take now (in order), the state after them, and when to look at this check-in again."""

    steps: tuple[Step, ...]
    state: State
    next_check_at: datetime | None


def _unanswered_schedule(delays: Delays) -> tuple[tuple[Step, timedelta], ...]:
    return (
        (Step.PROMPT, timedelta(0)),
        (Step.NUDGE, delays.nudge_after),
        (Step.TELL_BUDDY, delays.tell_buddy_after),
        (Step.MISSED, delays.missed_after),
    )


def _unreplied_schedule(delays: Delays) -> tuple[tuple[Step, timedelta], ...]:
    return (
        (Step.BUDDY_REMINDER, delays.buddy_reminder_after),
        (Step.TELL_COORDINATOR, delays.tell_coordinator_after),
    )


def decide(position: Position, delays: Delays, now: datetime) -> Decision:
    """Which ladder steps are due at ``now`` and not yet done, and the next time anything falls due.

    Steps are taken in ladder order, so a worker that was down for a week catches up in order rather than
    skipping rungs; a step whose moment has passed is still taken once (nobody should miss being told).
    """
    done = position.done
    if position.state in (State.SCHEDULED, State.OPEN):
        if position.help_open:
            # Nothing reaches the carer or the buddy about this check-in while the centre deals with
            # the call for help; the check-in stays open for an answer whenever the carer is ready.
            held = State.OPEN if position.due_at <= now else position.state
            return Decision(steps=(), state=held, next_check_at=now + HELP_RECHECK)
        schedule, anchor = _unanswered_schedule(delays), position.due_at
        if position.help_asked:
            done = done | {Step.PROMPT}
    elif position.state == State.ANSWERED and position.answered_at is not None:
        schedule, anchor = _unreplied_schedule(delays), position.answered_at
    else:  # replied or missed: nothing more to do
        return Decision(steps=(), state=position.state, next_check_at=None)

    steps: list[Step] = []
    next_check_at: datetime | None = None
    for step, delay in schedule:
        if step in done:
            continue
        if anchor + delay <= now:
            steps.append(step)
        else:
            next_check_at = anchor + delay
            break
    state: State = position.state
    if state == State.SCHEDULED and (Step.PROMPT in steps or position.help_asked):
        state = State.OPEN
    if Step.MISSED in steps:
        state = State.MISSED
    return Decision(steps=tuple(steps), state=state, next_check_at=next_check_at)


def accepts_answer(state: State, due_at: datetime, delays: Delays, now: datetime) -> bool:
    """Whether the carer may still answer: while open, and for a grace period after it was missed."""
    if state == State.OPEN:
        return True
    if state == State.MISSED:
        return now < due_at + delays.missed_after + delays.answer_grace
    if state == State.SCHEDULED:
        return now >= due_at
    return False


def low_score_run(recent_wellbeing: list[int], *, threshold: int, run_length: int) -> bool:
    """Whether the latest ``run_length`` answers (newest first) are all at or below ``threshold``."""
    return len(recent_wellbeing) >= run_length and all(
        score <= threshold for score in recent_wellbeing[:run_length]
    )
