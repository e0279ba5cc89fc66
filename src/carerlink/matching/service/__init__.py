"""Business rules of matching: the waiting list, suggestions, waiting-list drafts and the match lifecycle.

A person decides every match (DOMAIN.md; UK GDPR art. 22): the engine suggests and drafts, a
coordinator proposes, and a match goes live only when the carer and the buddy have both said yes,
each after reading a short introduction of the other.

One module per concern, each re-exported here so ``from carerlink.matching import service`` reads as
one API: ``pairs`` (what other domains read: ``get_match_or_raise``), ``facts`` (profiles as the
engine sees them), ``waiting``, ``suggestions`` (and the weights), ``proposing``, ``lifecycle``,
``changes`` (after an ending, and asks for a break or a change), ``introductions``, ``views`` (what
each viewer may read of a match), ``drafts``, ``sharing`` (whether each of a pair shows the other
their number).
Organisation-level functions take the ``Scope`` first.
"""

from __future__ import annotations

from carerlink.matching.service._common import (
    END_REASONS_SHOWN,
    EXCLUSION_WORDS,
    KEPT_APART_AFTER,
    NO_REMATCH_UNTIL_ASKED,
    STATUS_WORDS,
    carer_member,
    ending_shown,
    ending_words,
    wants_another_buddy,
)
from carerlink.matching.service.changes import (
    ChangeRequestItem,
    answer_rematch,
    ask_for_change,
    change_requests,
    resolve_change,
)
from carerlink.matching.service.drafts import (
    DRAFT_LIFETIME,
    DraftPair,
    DraftView,
    confirm_draft,
    create_draft,
    discard_draft,
    get_draft,
    put_draft_item,
    remove_draft_item,
    update_draft_item,
)
from carerlink.matching.service.facts import buddy_facts, carer_facts, weights_of
from carerlink.matching.service.introductions import Introduction
from carerlink.matching.service.lifecycle import (
    ON_HOLD_WORDS,
    accept,
    decline,
    end,
    give_feedback,
    pause,
    resume,
    withdraw,
)
from carerlink.matching.service.pairs import NO_PHONES, PairPhones, get_match_or_raise, pair_phones
from carerlink.matching.service.proposing import propose
from carerlink.matching.service.sharing import choose_phone_sharing
from carerlink.matching.service.suggestions import (
    MAX_SUGGESTIONS,
    KeptApart,
    Suggestions,
    get_weights,
    set_weights,
    suggest_buddies,
)
from carerlink.matching.service.views import (
    CoordinatorDetails,
    MatchSummary,
    MatchView,
    OwnAnswers,
    Person,
    list_matches,
    view,
)
from carerlink.matching.service.waiting import (
    LastEnding,
    MyWaiting,
    WaitingCarer,
    list_waiting,
    my_waiting,
    waiting_carers,
)

__all__ = [
    "DRAFT_LIFETIME",
    "END_REASONS_SHOWN",
    "EXCLUSION_WORDS",
    "KEPT_APART_AFTER",
    "MAX_SUGGESTIONS",
    "NO_PHONES",
    "NO_REMATCH_UNTIL_ASKED",
    "ON_HOLD_WORDS",
    "STATUS_WORDS",
    "ChangeRequestItem",
    "CoordinatorDetails",
    "DraftPair",
    "DraftView",
    "Introduction",
    "KeptApart",
    "LastEnding",
    "MatchSummary",
    "MatchView",
    "MyWaiting",
    "OwnAnswers",
    "PairPhones",
    "Person",
    "Suggestions",
    "WaitingCarer",
    "accept",
    "answer_rematch",
    "ask_for_change",
    "buddy_facts",
    "carer_facts",
    "carer_member",
    "change_requests",
    "choose_phone_sharing",
    "confirm_draft",
    "create_draft",
    "decline",
    "discard_draft",
    "end",
    "ending_shown",
    "ending_words",
    "get_draft",
    "get_match_or_raise",
    "get_weights",
    "give_feedback",
    "list_matches",
    "list_waiting",
    "my_waiting",
    "pair_phones",
    "pause",
    "propose",
    "put_draft_item",
    "remove_draft_item",
    "resolve_change",
    "resume",
    "set_weights",
    "suggest_buddies",
    "update_draft_item",
    "view",
    "waiting_carers",
    "wants_another_buddy",
    "weights_of",
    "withdraw",
]
