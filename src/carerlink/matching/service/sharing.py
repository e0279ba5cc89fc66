"""Phone numbers within a pair: each person chooses, per match, whether the other sees their number.

The rule for who reads a number is ``policy.phone_visible``; this module records the choice. It is the
person's own, for their side only (a coordinator cannot choose for them), and only while the match is
active or paused: an ended match keeps nobody's number, and a new match starts unshared.
"""

from __future__ import annotations

import uuid

from carerlink.errors import Conflict, NotAllowed
from carerlink.i18n import _
from carerlink.matching import policy
from carerlink.matching.models import MatchStatus
from carerlink.matching.service._common import locked
from carerlink.organisations.scope import Scope


async def choose_phone_sharing(scope: Scope, *, match_id: uuid.UUID, share: bool) -> uuid.UUID:
    """Show my number to the other person of this match, or stop showing it (audited, no number kept)."""
    match = await locked(scope, match_id)
    party = policy.can_choose_phone_sharing(scope.actor, match)
    if party is None:
        raise NotAllowed(_("Only the carer and the buddy choose whether to show their own number."))
    if match.status not in (MatchStatus.ACTIVE, MatchStatus.PAUSED):
        raise Conflict(
            _("You can choose to show your number once you have both said yes, and not after a match ends.")
        )
    if policy.shares_phone(match, party) != share:
        if party == "carer":
            match.carer_shares_phone = share
        else:
            match.buddy_shares_phone = share
        await scope.audit(
            "matching.phone_sharing.changed",
            object_type="match",
            object_id=match.id,
            details={"side": party, "share": share},
        )
    return match.id
