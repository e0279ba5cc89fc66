"""Business rules of check-ins: plans, materialising occurrences, answers, replies and the ladder.

One module per concern; the names other code uses are re-exported here, so ``from carerlink.checkins
import service`` and ``service.answer(...)`` read as before. Organisation-level calls take the
organisation scope first; the shared helpers live in ``_common``.
"""

from __future__ import annotations

from carerlink.checkins.service._common import delays_of
from carerlink.checkins.service.answers import AnswerResult, answer, start_checkin
from carerlink.checkins.service.attention import (
    AttentionEntry,
    AttentionItem,
    Unreachable,
    attention,
    attention_phones,
    resolve_attention,
)
from carerlink.checkins.service.figures import counts
from carerlink.checkins.service.help import HELP_AGAIN, REFUSED_ANSWER
from carerlink.checkins.service.ladder_run import LADDER_STEPS, run_ladder
from carerlink.checkins.service.plans import (
    HORIZON,
    REFRESH_BEFORE,
    PlanView,
    get_plan,
    materialise_due_plans,
    materialise_plan,
    rhythm_of,
    set_plan,
)
from carerlink.checkins.service.replies import reply
from carerlink.checkins.service.views import (
    CarerWellbeing,
    CheckinView,
    WellbeingAnswer,
    carer_wellbeing,
    get_occurrence_or_raise,
    list_for_match,
    list_mine,
    view_for,
    view_occurrence,
)

__all__ = [
    "HELP_AGAIN",
    "HORIZON",
    "LADDER_STEPS",
    "REFRESH_BEFORE",
    "REFUSED_ANSWER",
    "AnswerResult",
    "AttentionEntry",
    "AttentionItem",
    "CarerWellbeing",
    "CheckinView",
    "PlanView",
    "Unreachable",
    "WellbeingAnswer",
    "answer",
    "attention",
    "attention_phones",
    "carer_wellbeing",
    "counts",
    "delays_of",
    "get_occurrence_or_raise",
    "get_plan",
    "list_for_match",
    "list_mine",
    "materialise_due_plans",
    "materialise_plan",
    "reply",
    "resolve_attention",
    "rhythm_of",
    "run_ladder",
    "set_plan",
    "start_checkin",
    "view_for",
    "view_occurrence",
]
