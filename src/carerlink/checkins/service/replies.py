"""The buddy's reply to a check-in: a message, "we spoke" or "call arranged"; the carer is told."""

from __future__ import annotations

import uuid

from carerlink.checkins import policy
from carerlink.checkins.ladder import State
from carerlink.checkins.models import ReplyKind
from carerlink.checkins.service._common import dedupe_key, match_status, tell
from carerlink.checkins.service.views import CheckinView, get_occurrence_or_raise, view_for
from carerlink.errors import Conflict, Invalid, NotAllowed
from carerlink.i18n import _
from carerlink.notifications import kinds
from carerlink.notifications import service as notifications
from carerlink.organisations.scope import Scope


async def reply(
    scope: Scope,
    *,
    occurrence_id: uuid.UUID,
    kind: ReplyKind,
    message: str | None,
) -> CheckinView:
    """The buddy replies (a message, "we spoke", "call arranged"); the carer is told. Not once it ended."""
    occurrence = await get_occurrence_or_raise(scope, occurrence_id=occurrence_id, lock=True)
    if not policy.is_buddy(scope.actor, occurrence):
        raise NotAllowed(_("Only the buddy replies to a check-in."))
    status = await match_status(scope.session, occurrence.match_id)
    if not policy.sees_answers(scope.actor, occurrence, status):
        raise Conflict(_("This match has ended, so its check-ins are closed."))
    if occurrence.state == State.REPLIED:
        raise Conflict(_("You've already replied to this check-in."))
    if occurrence.state not in (State.OPEN, State.ANSWERED, State.MISSED):
        raise Conflict(_("This check-in isn't due yet."))
    text = (message or "").strip() or None
    if kind == ReplyKind.MESSAGE and text is None:
        raise Invalid(
            _("Please write a message, or choose \u201cwe spoke\u201d or \u201ccall arranged\u201d."),
            field="message",
        )
    occurrence.state = State.REPLIED
    occurrence.replied_at = scope.now
    occurrence.reply_kind = kind
    occurrence.reply_message = text
    occurrence.replied_by_user_id = scope.actor.user_id
    occurrence.next_check_at = None
    await notifications.withdraw(
        scope.session,
        user_id=occurrence.buddy_user_id,
        dedupe_key=dedupe_key(kinds.ReplyReminder, occurrence),
        now=scope.now,
    )
    await tell(await scope.within(occurrence.organisation_id), occurrence, kinds.BuddyReplied)
    return view_for(scope.actor, occurrence, status)
