"""Calls for help on a check-in: the crisis alert an answer raises, even when the answer is refused."""

from __future__ import annotations

import uuid

from carerlink.checkins.models import CheckinOccurrence
from carerlink.errors import Conflict, RefusedButHelpRaised
from carerlink.i18n import _
from carerlink.organisations.scope import Scope
from carerlink.safeguarding import service as safeguarding
from carerlink.safeguarding.models import AlertStatus

# Namespace of the alert ids for refused answers: one alert per carer and Idempotency-Key.
REFUSED_ANSWER = uuid.UUID("0b6d3f4e-5c2a-4e8f-9d17-8a3c6e1f2b54")
# Namespace of the ids of a second call for help on one check-in, after its first was acknowledged.
HELP_AGAIN = uuid.UUID("5d0c7b8e-2f4a-4b61-8e3d-9a7f1c2e6b40")


async def refusal(
    scope: Scope,
    detail: str,
    *,
    needs_help: bool,
    buddy_user_id: uuid.UUID | None,
    idempotency_key: str | None,
    open_alert_source: uuid.UUID | None = None,
) -> Conflict:
    """The error refusing an answer; with "I need help now" the alert is raised all the same.

    The answer is not stored, but a carer who needs help must never be turned away by a late or
    duplicate answer. A retry with the same ``Idempotency-Key`` finds the alert already raised, and so
    does any call while ``open_alert_source`` (the check-in's own call for help) is still open.
    """
    if not needs_help:
        return Conflict(detail)
    carer_user_id = scope.actor.require_person()
    if open_alert_source is None:
        key = idempotency_key or uuid.uuid4().hex
        await safeguarding.raise_crisis_alert(
            scope,
            carer_user_id=carer_user_id,
            buddy_user_id=buddy_user_id,
            source="checkin_refused",
            source_id=uuid.uuid5(REFUSED_ANSWER, f"{carer_user_id}:{key}"),
        )
    return RefusedButHelpRaised(
        _(
            "{detail} Your answer wasn't saved, but we've told the centre that you need help now. "
            "A coordinator will contact you as soon as they can."
        ).format(detail=detail),
        crisis_lines=safeguarding.crisis_lines(scope),
    )


async def raise_help(
    scope: Scope,
    occurrence: CheckinOccurrence,
    *,
    buddy_user_id: uuid.UUID | None,
    idempotency_key: str | None,
) -> uuid.UUID:
    """The crisis alert of this check-in; returns its id (``buddy_user_id``: the buddy to tell, if any).

    While the check-in's alert is open a later answer with "I need help now" is the same call (a retry,
    or the score sent after a help-only answer): the coordinators are already on it. Once a coordinator
    has acknowledged it, a new "I need help now" on the same check-in is a new call and raises a new alert.
    """
    source_id = occurrence.id
    first = await safeguarding.alert_for_source(scope.session, source_id=occurrence.id)
    if first is not None and first.status != AlertStatus.OPEN:
        source_id = uuid.uuid5(HELP_AGAIN, f"{occurrence.id}:{idempotency_key or uuid.uuid4().hex}")
    alert = await safeguarding.raise_crisis_alert(
        scope,
        carer_user_id=occurrence.carer_user_id,
        buddy_user_id=buddy_user_id,  # a former buddy is told nothing
        source="checkin",
        source_id=source_id,
    )
    return alert.id
