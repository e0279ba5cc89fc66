"""The kinds of notification: one small class each, saying what it looks like and how it is delivered.

A kind's fields are the ``data`` callers pass to ``notify()``: ids and first names only, never health
information, notes or answers (a push service is a third party; DESIGN.md §4.5). Unknown fields are
refused, so nothing else can slip into a payload. Each kind renders its title, body, deep link, ``tag``
(replaces a shown notification) and Topic key (replaces a queued push, RFC 8030 §5.4).
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from datetime import datetime, timedelta
from typing import Annotated, Any, ClassVar, Literal

import msgspec

from carerlink.actor import Role
from carerlink.kit.schema import Line

Urgency = Literal["very-low", "low", "normal", "high"]  # RFC 8030 §5.3
MAX_PAYLOAD_BYTES = 2048
# Room kept in the payload budget for the deployment's base URL, which is added when the push is sent.
BASE_URL_ALLOWANCE = 200
# Names are shortened in pushes so a long name can never push a payload over its budget.
NAME_IN_PUSH = 40

PersonName = Annotated[Line, msgspec.Meta(min_length=1, max_length=80, description="A name")]


def short(name: str) -> str:
    """A name cut to ``NAME_IN_PUSH`` characters (with an ellipsis) for titles and bodies."""
    name = " ".join(name.split())
    return name if len(name) <= NAME_IN_PUSH else name[: NAME_IN_PUSH - 1].rstrip() + "…"


def topic_for(key: str) -> str:
    """A ``Topic`` header value: 32 URL-safe base64 characters derived from ``key`` (RFC 8030 §5.4)."""
    return base64.urlsafe_b64encode(hashlib.sha256(key.encode()).digest()[:24]).decode()


class Kind(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """Base of every kind. Subclasses declare their data fields and the class variables below."""

    name: ClassVar[str]
    label: ClassVar[str]  # how the preferences screen names it
    audience: ClassVar[frozenset[Role]]  # who receives it (the preferences screen lists these)
    urgency: ClassVar[Urgency] = "normal"
    ttl: ClassVar[timedelta]  # how long after it is due the push is still worth delivering
    quiet_hours_apply: ClassVar[bool] = True
    can_switch_off: ClassVar[bool] = True
    also_email: ClassVar[bool] = False  # must not rely on push alone (DESIGN.md §4.7)
    renotify: ClassVar[bool] = False  # alert again when it replaces a shown notification with its tag
    require_interaction: ClassVar[bool] = False

    def title(self) -> str:
        """The notification's title."""
        raise NotImplementedError

    def body(self) -> str:
        """The notification's text."""
        raise NotImplementedError

    def inbox_body(self) -> str:
        """The text in the app's inbox, where the reader already is (issue 11: no "Open carerlink…")."""
        return self.body()

    def url(self) -> str:
        """The app path a tap opens (the app fetches the details after the tap)."""
        raise NotImplementedError

    def tag(self) -> str:
        """Replaces an earlier notification shown with the same tag."""
        raise NotImplementedError

    def topic_key(self) -> str:
        """What makes a push "the same reminder" for the Topic header; defaults to the tag and kind."""
        return f"{self.name}:{self.tag()}"

    def email(self, *, local_time: str) -> tuple[str, str]:
        """Subject and body of the e-mail sent beside the push (``also_email`` kinds): no health detail."""
        raise NotImplementedError


# --- carers -------------------------------------------------------------------------------------------


class CheckinDue(Kind, frozen=True):
    """A carer's check-in is open: "how are you doing this week?"."""

    name: ClassVar[str] = "checkin_due"
    label: ClassVar[str] = "When it's time for a check-in"
    audience: ClassVar[frozenset[Role]] = frozenset({Role.CARER})
    ttl: ClassVar[timedelta] = timedelta(hours=24)

    checkin_id: uuid.UUID
    buddy_name: PersonName

    def title(self) -> str:
        """Title."""
        return "Time for your check-in"

    def body(self) -> str:
        """Body."""
        return f"How are things this week? {short(self.buddy_name)} will see your answer."

    def url(self) -> str:
        """Deep link."""
        return f"/checkins/{self.checkin_id}"

    def tag(self) -> str:
        """Shared with the nudge, which replaces this one on screen."""
        return f"checkin-{self.checkin_id}"


class CheckinNudge(Kind, frozen=True):
    """A gentle reminder that a check-in is still unanswered."""

    name: ClassVar[str] = "checkin_nudge"
    label: ClassVar[str] = "A reminder when a check-in is still waiting"
    audience: ClassVar[frozenset[Role]] = frozenset({Role.CARER})
    ttl: ClassVar[timedelta] = timedelta(hours=24)
    renotify: ClassVar[bool] = True

    checkin_id: uuid.UUID
    buddy_name: PersonName

    def title(self) -> str:
        """Title."""
        return "A gentle reminder"

    def body(self) -> str:
        """Body."""
        return (
            "Your check-in is still here whenever you're ready. "
            f"{short(self.buddy_name)} would love to hear how you are."
        )

    def url(self) -> str:
        """Deep link."""
        return f"/checkins/{self.checkin_id}"

    def tag(self) -> str:
        """Replaces the check-in notification if it is still showing."""
        return f"checkin-{self.checkin_id}"


class BuddyReplied(Kind, frozen=True):
    """The carer's buddy replied to their check-in."""

    name: ClassVar[str] = "carer_buddy_replied"
    label: ClassVar[str] = "When your buddy replies"
    audience: ClassVar[frozenset[Role]] = frozenset({Role.CARER})
    ttl: ClassVar[timedelta] = timedelta(hours=48)

    checkin_id: uuid.UUID
    buddy_name: PersonName

    def title(self) -> str:
        """Title."""
        return f"{short(self.buddy_name)} replied"

    def body(self) -> str:
        """Body."""
        return "Open carerlink to read your buddy's reply."

    def inbox_body(self) -> str:
        """Inside the app."""
        return "Read your buddy's reply."

    def url(self) -> str:
        """Deep link."""
        return f"/checkins/{self.checkin_id}"

    def tag(self) -> str:
        """One per check-in."""
        return f"reply-{self.checkin_id}"


class BuddyTakingBreak(Kind, frozen=True):
    """The carer's buddy is taking a break (their membership was suspended): the match waits, kindly said.

    No reason is given: why a buddy steps away is theirs and the coordinators' (issue 10 §2).
    """

    name: ClassVar[str] = "carer_buddy_on_break"
    label: ClassVar[str] = "When your buddy takes a break"
    audience: ClassVar[frozenset[Role]] = frozenset({Role.CARER})
    urgency: ClassVar[Urgency] = "low"
    ttl: ClassVar[timedelta] = timedelta(days=7)

    match_id: uuid.UUID
    buddy_name: PersonName

    def title(self) -> str:
        """Title."""
        return f"{short(self.buddy_name)} is taking a break"

    def body(self) -> str:
        """Body: gentle, no reason, and what the carer can do."""
        return (
            f"{short(self.buddy_name)} is taking a break from being a buddy for now, so your check-ins are "
            "on hold. If you'd like a new buddy, you can ask us at any time."
        )

    def url(self) -> str:
        """Deep link: home, which says what happens next."""
        return "/"

    def tag(self) -> str:
        """Replaces earlier news of this match on screen."""
        return f"match-{self.match_id}"


# --- buddies ------------------------------------------------------------------------------------------


class NewAnswer(Kind, frozen=True):
    """A buddy's carer answered a check-in."""

    name: ClassVar[str] = "buddy_new_answer"
    label: ClassVar[str] = "When a carer checks in"
    audience: ClassVar[frozenset[Role]] = frozenset({Role.BUDDY})
    ttl: ClassVar[timedelta] = timedelta(hours=48)

    checkin_id: uuid.UUID
    carer_name: PersonName

    def title(self) -> str:
        """Title."""
        return f"{short(self.carer_name)} has checked in"

    def body(self) -> str:
        """Body: never the answer itself."""
        return "Open carerlink to read it and reply."

    def inbox_body(self) -> str:
        """Inside the app."""
        return "Read it and reply."

    def url(self) -> str:
        """Deep link."""
        return f"/buddy/checkins/{self.checkin_id}"

    def tag(self) -> str:
        """One per check-in."""
        return f"answer-{self.checkin_id}"


class CarerQuiet(Kind, frozen=True):
    """The buddy's carer has not answered a check-in for a few days: "maybe give them a ring"."""

    name: ClassVar[str] = "buddy_carer_quiet"
    label: ClassVar[str] = "When a carer hasn't answered for a few days"
    audience: ClassVar[frozenset[Role]] = frozenset({Role.BUDDY})
    ttl: ClassVar[timedelta] = timedelta(days=2)

    checkin_id: uuid.UUID
    carer_name: PersonName

    def title(self) -> str:
        """Title."""
        return f"{short(self.carer_name)} hasn't checked in"

    def body(self) -> str:
        """Body."""
        return f"It's been a few days. Maybe give {short(self.carer_name)} a ring?"

    def url(self) -> str:
        """Deep link."""
        return f"/buddy/checkins/{self.checkin_id}"

    def tag(self) -> str:
        """One per check-in."""
        return f"quiet-{self.checkin_id}"


class ReplyReminder(Kind, frozen=True):
    """The buddy has not replied to an answered check-in for two days."""

    name: ClassVar[str] = "buddy_reply_reminder"
    label: ClassVar[str] = "A reminder when a check-in is waiting for your reply"
    audience: ClassVar[frozenset[Role]] = frozenset({Role.BUDDY})
    ttl: ClassVar[timedelta] = timedelta(days=2)
    renotify: ClassVar[bool] = True

    checkin_id: uuid.UUID
    carer_name: PersonName

    def title(self) -> str:
        """Title."""
        return f"{short(self.carer_name)} is waiting for your reply"

    def body(self) -> str:
        """Body."""
        return "A short message is enough, or just say that you spoke."

    def url(self) -> str:
        """Deep link."""
        return f"/buddy/checkins/{self.checkin_id}"

    def tag(self) -> str:
        """Shared with the answer notification, which this replaces on screen."""
        return f"answer-{self.checkin_id}"


class CarerAskedForHelp(Kind, frozen=True):
    """The buddy's carer pressed "I need help now"; the coordinators are dealing with it."""

    name: ClassVar[str] = "buddy_carer_asked_for_help"
    label: ClassVar[str] = "When a carer asks for urgent help"
    audience: ClassVar[frozenset[Role]] = frozenset({Role.BUDDY})
    urgency: ClassVar[Urgency] = "high"
    ttl: ClassVar[timedelta] = timedelta(hours=12)
    can_switch_off: ClassVar[bool] = False

    alert_id: uuid.UUID
    carer_name: PersonName

    def title(self) -> str:
        """Title."""
        return f"{short(self.carer_name)} asked for help"

    def body(self) -> str:
        """Body: the buddy is informed, never made responsible (DOMAIN.md)."""
        return "The coordinators have been alerted and will respond. You don't need to do anything now."

    def url(self) -> str:
        """Deep link."""
        return "/buddy"

    def tag(self) -> str:
        """One per alert."""
        return f"help-{self.alert_id}"


# --- carers and buddies -------------------------------------------------------------------------------


class MatchProposed(Kind, frozen=True):
    """A coordinator proposed a match; the carer and the buddy each say yes or no."""

    name: ClassVar[str] = "match_proposed"
    label: ClassVar[str] = "When we suggest a match"
    audience: ClassVar[frozenset[Role]] = frozenset({Role.CARER, Role.BUDDY})
    urgency: ClassVar[Urgency] = "low"
    ttl: ClassVar[timedelta] = timedelta(days=7)

    match_id: uuid.UUID

    def title(self) -> str:
        """Title: no name until the person opens it."""
        return "We've suggested a match for you"

    def body(self) -> str:
        """Body."""
        return "Open carerlink to see who it is and say whether it suits you."

    def inbox_body(self) -> str:
        """Inside the app."""
        return "See who it is and say whether it suits you."

    def url(self) -> str:
        """Deep link."""
        return f"/matches/{self.match_id}"

    def tag(self) -> str:
        """One per match."""
        return f"match-{self.match_id}"


class MatchAccepted(Kind, frozen=True):
    """Both sides said yes: the match is live."""

    name: ClassVar[str] = "match_accepted"
    label: ClassVar[str] = "When a match is confirmed"
    audience: ClassVar[frozenset[Role]] = frozenset({Role.CARER, Role.BUDDY})
    ttl: ClassVar[timedelta] = timedelta(days=7)

    match_id: uuid.UUID
    other_name: PersonName

    def title(self) -> str:
        """Title."""
        return f"You're matched with {short(self.other_name)}"

    def body(self) -> str:
        """Body."""
        return "You can now check in with each other in carerlink."

    def url(self) -> str:
        """Deep link."""
        return f"/matches/{self.match_id}"

    def tag(self) -> str:
        """Replaces the proposal if it is still showing."""
        return f"match-{self.match_id}"


EndingShown = Literal["caring_ended", "goals_met", "moved_away"]


class MatchEnded(Kind, frozen=True):
    """A match has ended: each of the two is told, kindly, and asked how it went (issue 10 §3).

    ``why`` is set only for an end reason that is neutral to say to both (matching decides which);
    any other reason reads "the match has ended". No note, feedback or other detail is ever here.
    """

    name: ClassVar[str] = "match_ended"
    label: ClassVar[str] = "When a match ends"
    audience: ClassVar[frozenset[Role]] = frozenset({Role.CARER, Role.BUDDY})
    ttl: ClassVar[timedelta] = timedelta(days=7)
    can_switch_off: ClassVar[bool] = False  # nobody should find out from silence that a match has ended

    # One source for these words: the app shows the same sentence on the ended match.
    WORDS: ClassVar[dict[str | None, str]] = {
        "caring_ended": "The caring has come to an end.",
        "goals_met": "It has done what it set out to do.",
        "moved_away": "It ended because of a move.",
        None: "The match has ended.",
    }

    match_id: uuid.UUID
    other_name: PersonName
    why: EndingShown | None = None

    def title(self) -> str:
        """Title."""
        return f"Your match with {short(self.other_name)} has ended"

    def body(self) -> str:
        """Body: the neutral reason or none, then thanks and the way to the feedback screen."""
        return (
            f"{self.WORDS[self.why]} Thank you for your time together. Tell us how it went when you're ready."
        )

    def url(self) -> str:
        """Deep link: the ended match, with its feedback form (and, for the carer, "another buddy?")."""
        return f"/matches/{self.match_id}/ended"

    def tag(self) -> str:
        """Replaces anything else still showing about this match."""
        return f"match-{self.match_id}"


# --- coordinators -------------------------------------------------------------------------------------


class CrisisAlert(Kind, frozen=True):
    """A carer pressed "I need help now": the on-duty coordinators are alerted at once, also by e-mail."""

    name: ClassVar[str] = "coordinator_crisis_alert"
    label: ClassVar[str] = "Urgent alerts when a carer needs help now"
    audience: ClassVar[frozenset[Role]] = frozenset({Role.COORDINATOR})
    urgency: ClassVar[Urgency] = "high"
    ttl: ClassVar[timedelta] = timedelta(hours=12)
    quiet_hours_apply: ClassVar[bool] = False
    can_switch_off: ClassVar[bool] = False
    also_email: ClassVar[bool] = True
    renotify: ClassVar[bool] = True
    require_interaction: ClassVar[bool] = True

    alert_id: uuid.UUID
    carer_name: PersonName

    def title(self) -> str:
        """Title."""
        return f"Urgent: {short(self.carer_name)} needs help now"

    def body(self) -> str:
        """Body."""
        return "They pressed “I need help now”. Open carerlink to respond."

    def inbox_body(self) -> str:
        """Inside the app."""
        return "They pressed “I need help now”. Please respond now."

    def url(self) -> str:
        """Deep link."""
        return f"/coordinator/alerts/{self.alert_id}"

    def tag(self) -> str:
        """One per alert."""
        return f"alert-{self.alert_id}"

    def email(self, *, local_time: str) -> tuple[str, str]:
        """No name and no detail: e-mail is read in more places than the app."""
        return (
            "Urgent: a carer has asked for help now",
            f"A carer in your organisation pressed “I need help now” in carerlink at {local_time}.\n\n"
            "Please sign in to carerlink now and open Alerts to see who it is and respond.\n\n"
            "This e-mail leaves out names and details on purpose.\n",
        )


class CrisisUnacknowledged(Kind, frozen=True):
    """A crisis alert nobody has acknowledged in time: to the safeguarding lead (or every coordinator)."""

    name: ClassVar[str] = "coordinator_crisis_unacknowledged"
    label: ClassVar[str] = "Urgent alerts nobody has responded to yet"
    audience: ClassVar[frozenset[Role]] = frozenset({Role.COORDINATOR})
    urgency: ClassVar[Urgency] = "high"
    ttl: ClassVar[timedelta] = timedelta(hours=12)
    quiet_hours_apply: ClassVar[bool] = False
    can_switch_off: ClassVar[bool] = False
    also_email: ClassVar[bool] = True
    renotify: ClassVar[bool] = True
    require_interaction: ClassVar[bool] = True

    alert_id: uuid.UUID
    carer_name: PersonName
    minutes: Annotated[int, msgspec.Meta(ge=1, le=100_000)]

    def title(self) -> str:
        """Title."""
        return f"Urgent: nobody has responded to {short(self.carer_name)} yet"

    def body(self) -> str:
        """Body."""
        return f"A call for help has waited {self.minutes} minutes without a response. Please act now."

    def url(self) -> str:
        """Deep link."""
        return f"/coordinator/alerts/{self.alert_id}"

    def tag(self) -> str:
        """Replaces the first alert on a lead's screen."""
        return f"alert-{self.alert_id}"

    def email(self, *, local_time: str) -> tuple[str, str]:
        """No name and no detail."""
        return (
            "Urgent: a call for help has not been answered",
            f"A carer pressed “I need help now” and no coordinator has acknowledged it ({local_time}).\n\n"
            "As safeguarding lead, please sign in to carerlink now and open Alerts.\n\n"
            "This e-mail leaves out names and details on purpose.\n",
        )


class CrisisMistakeReported(Kind, frozen=True):
    """The carer says they pressed "I need help now" by mistake: to the coordinators told about the alert.

    It never closes the alert; the coordinator still checks. Names only, like the alert itself.
    """

    name: ClassVar[str] = "coordinator_crisis_mistake"
    label: ClassVar[str] = "When a carer says they asked for help by mistake"
    audience: ClassVar[frozenset[Role]] = frozenset({Role.COORDINATOR})
    ttl: ClassVar[timedelta] = timedelta(hours=12)
    quiet_hours_apply: ClassVar[bool] = False  # it is about an alert that ignores quiet hours too
    can_switch_off: ClassVar[bool] = False

    alert_id: uuid.UUID
    carer_name: PersonName

    def title(self) -> str:
        """Title."""
        return f"{short(self.carer_name)} says they asked for help by mistake"

    def body(self) -> str:
        """Body: the alert stays open; someone still checks."""
        return "Please still check they're okay. The alert stays open until a coordinator acknowledges it."

    def url(self) -> str:
        """Deep link."""
        return f"/coordinator/alerts/{self.alert_id}"

    def tag(self) -> str:
        """Beside the alert's own notification, not replacing it."""
        return f"alert-mistake-{self.alert_id}"


EscalationReason = Literal["carer_no_answer", "buddy_no_reply", "needs_review"]


class Escalation(Kind, frozen=True):
    """A check-in needs a coordinator: the carer or the buddy has gone quiet, or it was flagged for review."""

    name: ClassVar[str] = "coordinator_escalation"
    label: ClassVar[str] = "When a check-in needs a coordinator"
    audience: ClassVar[frozenset[Role]] = frozenset({Role.COORDINATOR})
    ttl: ClassVar[timedelta] = timedelta(days=3)
    also_email: ClassVar[bool] = True

    checkin_id: uuid.UUID
    reason: EscalationReason
    carer_name: PersonName
    buddy_name: PersonName

    def title(self) -> str:
        """Title."""
        return "A check-in needs your attention"

    def body(self) -> str:
        """Body: who, and the plain reason, with no answer or score in it."""
        carer, buddy = short(self.carer_name), short(self.buddy_name)
        if self.reason == "carer_no_answer":
            return f"{carer} hasn't answered a check-in for a few days."
        if self.reason == "buddy_no_reply":
            return f"{buddy} hasn't replied to {carer}'s check-in."
        return f"A check-in between {carer} and {buddy} needs your review."

    def url(self) -> str:
        """Deep link."""
        return f"/coordinator/checkins/{self.checkin_id}"

    def tag(self) -> str:
        """One per check-in and reason."""
        return f"escalation-{self.reason}-{self.checkin_id}"

    def email(self, *, local_time: str) -> tuple[str, str]:
        """No names and no detail in e-mail."""
        return (
            "A check-in needs your attention",
            f"A check-in in your organisation needs a coordinator's attention (raised at {local_time}).\n\n"
            "Please sign in to carerlink and open Check-ins to see which one.\n\n"
            "This e-mail leaves out names and details on purpose.\n",
        )


class MatchHeld(Kind, frozen=True):
    """Both said yes, but the buddy can't be matched today (screening lapsed): the match waits."""

    name: ClassVar[str] = "coordinator_match_held"
    label: ClassVar[str] = "When a match can't start because a buddy's screening needs attention"
    audience: ClassVar[frozenset[Role]] = frozenset({Role.COORDINATOR})
    ttl: ClassVar[timedelta] = timedelta(days=3)

    match_id: uuid.UUID
    buddy_id: uuid.UUID  # the buddy's membership: the link opens their screening, which says why
    carer_name: PersonName
    buddy_name: PersonName

    def title(self) -> str:
        """Title."""
        return "A match can't start yet"

    def body(self) -> str:
        """Body."""
        buddy, carer = short(self.buddy_name), short(self.carer_name)
        return f"{buddy} and {carer} both said yes, but {buddy}'s screening needs attention first."

    def url(self) -> str:
        """Deep link: the buddy's checks and training, with the reasons they can't be matched."""
        return f"/buddies/{self.buddy_id}/checks"

    def tag(self) -> str:
        """One per match."""
        return f"match-held-{self.match_id}"


class RecheckDue(Kind, frozen=True):
    """A buddy's safeguarding check or training is due for renewal."""

    name: ClassVar[str] = "recheck_due"
    label: ClassVar[str] = "When a safeguarding check or training is due for renewal"
    audience: ClassVar[frozenset[Role]] = frozenset({Role.COORDINATOR, Role.BUDDY})
    urgency: ClassVar[Urgency] = "low"
    ttl: ClassVar[timedelta] = timedelta(days=3)

    buddy_id: uuid.UUID
    buddy_name: PersonName
    check: Literal["safeguarding", "training"]

    def title(self) -> str:
        """Title."""
        return "A renewal is due"

    def body(self) -> str:
        """Body."""
        what = "safeguarding check" if self.check == "safeguarding" else "training"
        return f"{short(self.buddy_name)}'s {what} is due for renewal."

    def url(self) -> str:
        """Deep link."""
        return f"/buddies/{self.buddy_id}/checks"

    def tag(self) -> str:
        """One per buddy and check."""
        return f"recheck-{self.check}-{self.buddy_id}"


class InvitationMailFailed(Kind, frozen=True):
    """An invitation's e-mail could not be sent (refused, or abandoned after its retries)."""

    name: ClassVar[str] = "coordinator_invitation_mail_failed"
    label: ClassVar[str] = "When an invitation e-mail could not be sent"
    audience: ClassVar[frozenset[Role]] = frozenset({Role.COORDINATOR})
    ttl: ClassVar[timedelta] = timedelta(days=3)

    invitation_id: uuid.UUID  # no address in the push (a third party carries it): the list shows which

    def title(self) -> str:
        """Title."""
        return "An invitation e-mail could not be sent"

    def body(self) -> str:
        """Body."""
        return "The person has not been sent their invitation. Check the address, or give them the code."

    def url(self) -> str:
        """Deep link: the invitations list, where it reads "The e-mail could not be sent"."""
        return "/invitations"

    def tag(self) -> str:
        """One per invitation."""
        return f"invitation-mail-{self.invitation_id}"


class NotificationsWorking(Kind, frozen=True):
    """The test push a person sends to their own devices from the settings screen."""

    name: ClassVar[str] = "test"
    label: ClassVar[str] = "Test notifications"
    audience: ClassVar[frozenset[Role]] = frozenset()
    ttl: ClassVar[timedelta] = timedelta(minutes=10)
    quiet_hours_apply: ClassVar[bool] = False
    can_switch_off: ClassVar[bool] = False

    def title(self) -> str:
        """Title."""
        return "Notifications are working"

    def body(self) -> str:
        """Body."""
        return "This is how carerlink reminders will look on this device."

    def url(self) -> str:
        """Deep link."""
        return "/notification-settings"

    def tag(self) -> str:
        """One at a time."""
        return "test"


ALL_KINDS: tuple[type[Kind], ...] = (
    CheckinDue,
    CheckinNudge,
    NewAnswer,
    CarerQuiet,
    ReplyReminder,
    CarerAskedForHelp,
    BuddyReplied,
    BuddyTakingBreak,
    MatchProposed,
    MatchAccepted,
    MatchEnded,
    CrisisAlert,
    CrisisUnacknowledged,
    CrisisMistakeReported,
    Escalation,
    MatchHeld,
    RecheckDue,
    InvitationMailFailed,
    NotificationsWorking,
)
KINDS: dict[str, type[Kind]] = {kind.name: kind for kind in ALL_KINDS}


def build(kind: type[Kind], data: dict[str, Any]) -> Kind:
    """Check ``data`` against the kind's fields (unknown ones refused) and return the notification.

    A mistake here is a programming error in the calling domain, so it raises ``ValueError``.
    """
    if KINDS.get(kind.name) is not kind:
        raise ValueError(f"{kind!r} is not a registered notification kind")
    try:
        return msgspec.convert(data, kind, strict=True)
    except msgspec.ValidationError as exc:
        raise ValueError(f"bad data for notification kind {kind.name}: {exc}") from None


def inbox_text(kind: str, data: dict[str, Any], stored_body: str) -> str:
    """The inbox words of a stored notification, rendered again from its kind and data.

    Words changed later reach older entries; the stored push text is kept when the kind or data is
    unknown.
    """
    known = KINDS.get(kind)
    if known is None:
        return stored_body
    try:
        return msgspec.convert(data, known).inbox_body()
    except msgspec.ValidationError:
        return stored_body


def declarative_payload(
    *,
    notification_id: uuid.UUID,
    kind: str,
    title: str,
    body: str,
    url: str,
    tag: str,
    created_at: datetime,
    base_url: str,
) -> bytes:
    """The push message: Declarative Web Push (Safari shows it by itself; our service worker reads it too).

    ``mutable`` lets the service worker see the push first; ``data`` carries only ids the app uses to
    fetch the details after the tap.
    """
    known = KINDS.get(kind)
    notification: dict[str, Any] = {
        "title": title,
        "body": body,
        "navigate": base_url + url,
        "tag": tag,
        "lang": "en-GB",
        "dir": "ltr",
        "timestamp": int(created_at.timestamp() * 1000),
        "data": {"id": str(notification_id), "kind": kind, "url": url},
    }
    if known is not None and known.renotify:
        notification["renotify"] = True
    if known is not None and known.require_interaction:
        notification["require_interaction"] = True
    message = {"web_push": 8030, "notification": notification, "mutable": True}
    return json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode()


def check_payload_size(rendered: Kind, *, notification_id: uuid.UUID, created_at: datetime) -> None:
    """Refuse a notification whose push could exceed ``MAX_PAYLOAD_BYTES`` with any sensible base URL."""
    size = len(
        declarative_payload(
            notification_id=notification_id,
            kind=rendered.name,
            title=rendered.title(),
            body=rendered.body(),
            url=rendered.url(),
            tag=rendered.tag(),
            created_at=created_at,
            base_url="",
        )
    )
    if size + BASE_URL_ALLOWANCE > MAX_PAYLOAD_BYTES:
        raise ValueError(f"notification {rendered.name} renders to {size} bytes, over the push budget")
