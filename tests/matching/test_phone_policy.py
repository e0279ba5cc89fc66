"""The one rule for who reads a pair member's number (pure: no database)."""

from __future__ import annotations

import uuid

import pytest

from carerlink.actor import Actor, Grant, Role
from carerlink.matching import policy
from carerlink.matching.models import Match, MatchStatus

ORG, ELSEWHERE = uuid.uuid4(), uuid.uuid4()
CARER, BUDDY, COORDINATOR = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def _actor(user_id: uuid.UUID, *grants: tuple[uuid.UUID, Role]) -> Actor:
    return Actor(user_id=user_id, grants=tuple(Grant(o, r, uuid.uuid4()) for o, r in grants))


def _match(status: MatchStatus, *, carer_shares: bool = False, buddy_shares: bool = False) -> Match:
    return Match(
        organisation_id=ORG,
        carer_user_id=CARER,
        buddy_user_id=BUDDY,
        status=status,
        carer_shares_phone=carer_shares,
        buddy_shares_phone=buddy_shares,
    )


carer = _actor(CARER, (ORG, Role.CARER))
buddy = _actor(BUDDY, (ORG, Role.BUDDY))
coordinator = _actor(COORDINATOR, (ORG, Role.COORDINATOR))


@pytest.mark.parametrize("status", list(MatchStatus))
def test_the_other_person_reads_it_only_with_consent_while_the_match_is_open(status: MatchStatus) -> None:
    shared = _match(status, carer_shares=True)
    shown = status in (MatchStatus.ACTIVE, MatchStatus.PAUSED)
    assert policy.phone_visible(buddy, shared, "carer") is shown
    assert policy.phone_visible(buddy, _match(status), "carer") is False  # never without consent
    assert policy.phone_visible(carer, shared, "buddy") is False  # the buddy hasn't shared
    # Coordinators of the organisation always; the person themself always.
    assert policy.phone_visible(coordinator, _match(status), "carer") is True
    assert policy.phone_visible(carer, _match(status), "carer") is True


def test_nobody_else_reads_a_number() -> None:
    shared = _match(MatchStatus.ACTIVE, carer_shares=True, buddy_shares=True)
    others = [
        Actor(user_id=None),  # anonymous
        _actor(uuid.uuid4(), (ORG, Role.BUDDY)),  # another buddy of the centre
        _actor(uuid.uuid4(), (ORG, Role.CARER)),  # another carer
        _actor(uuid.uuid4(), (ELSEWHERE, Role.COORDINATOR)),  # another organisation's coordinator
        _actor(BUDDY, (ELSEWHERE, Role.BUDDY)),  # the buddy, through a role elsewhere only (suspended here)
        _actor(COORDINATOR),  # a coordinator whose membership is suspended or ended (no active grant)
    ]
    for other in others:
        assert not policy.phone_visible(other, shared, "carer")
        assert not policy.phone_visible(other, shared, "buddy")
        assert policy.can_choose_phone_sharing(other, shared) is None


def test_each_side_chooses_only_for_itself() -> None:
    match = _match(MatchStatus.ACTIVE)
    assert policy.can_choose_phone_sharing(carer, match) == "carer"
    assert policy.can_choose_phone_sharing(buddy, match) == "buddy"
    assert policy.can_choose_phone_sharing(coordinator, match) is None
