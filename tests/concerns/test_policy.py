"""Who may raise and handle concerns: pure rules over an actor's roles and the pair's status."""

from __future__ import annotations

import uuid

import pytest

from carerlink.actor import Actor, Grant, Role
from carerlink.concerns import policy
from carerlink.matching.models import MatchStatus

ORG = uuid.uuid4()


def person(*roles: Role) -> Actor:
    return Actor(
        user_id=uuid.uuid4(),
        grants=tuple(Grant(organisation_id=ORG, role=role, membership_id=uuid.uuid4()) for role in roles),
    )


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (MatchStatus.ACTIVE, True),
        (MatchStatus.PAUSED, True),
        (MatchStatus.ENDED, False),
        (MatchStatus.PROPOSED, False),
        (None, False),
    ],
)
def test_a_buddy_raises_concerns_only_about_a_carer_they_support_now(
    status: MatchStatus | None, allowed: bool
) -> None:
    buddy = person(Role.BUDDY)
    assert policy.can_raise_about(buddy, ORG, pair_status=status, is_their_carer=True) is allowed


def test_a_coordinator_raises_about_any_carer_of_theirs_and_a_carer_never_handles_or_raises() -> None:
    coordinator, carer = person(Role.COORDINATOR), person(Role.CARER)
    assert policy.can_raise_about(coordinator, ORG, pair_status=None, is_their_carer=True)
    assert not policy.can_raise_about(coordinator, ORG, pair_status=None, is_their_carer=False)
    assert not policy.may_raise(carer, ORG)
    assert not policy.can_handle(carer, ORG)
    assert not policy.lists_own(carer, ORG)
    assert not policy.can_handle(person(Role.BUDDY), ORG)
    assert policy.can_handle(Actor.system(), ORG)
