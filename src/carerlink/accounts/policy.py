"""Who may change a person's account (pure rules, no database)."""

from __future__ import annotations

from carerlink.accounts.models import User
from carerlink.actor import Actor


def can_edit_user(actor: Actor, user: User) -> bool:
    """People change their own details; nobody else does, not even a coordinator."""
    return actor.user_id is not None and actor.user_id == user.id
