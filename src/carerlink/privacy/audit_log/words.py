"""Every audited action in plain words (pure data: no database, no web framework).

``{whose}`` is the person the entry is about: "Alex Turner's" in a coordinator's audit log, "your" in a
person's own access log, "a" when the entry is about nobody. The words are lazy (``N_``): they are put
in the language of the request that reads them (issue 17). An action missing here shows its code, and
``tests/privacy/test_audit_log.py`` fails when an action recorded in ``src`` has no words.
"""

from __future__ import annotations

from typing import Any

from carerlink.i18n import N_, pgettext

ACTION_WORDS: dict[str, Any] = {  # N_ messages, put in the reader's language when read
    # imports (issue 16)
    "imports.import.checked": N_("checked a spreadsheet of people to bring in"),
    "imports.import.confirmed": N_("brought people in from a spreadsheet"),
    "imports.import.viewed": N_("looked at an import"),
    "imports.invitation.text_failed": N_("could not send an invitation text"),
    # accounts
    "accounts.emergency_contact.changed": N_("changed {whose} emergency contact"),
    "accounts.emergency_contact.removed": N_("removed {whose} emergency contact"),
    "accounts.password.change_refused": N_("tried to change {whose} password (refused)"),
    "accounts.password.changed": N_("changed {whose} password"),
    "accounts.phone.changed": N_("changed {whose} phone number"),
    "accounts.phone.code_sent": N_("sent a code to check {whose} phone number"),
    "accounts.phone.code_wrong": N_("entered a wrong code for {whose} phone number"),
    "accounts.phone.verified": N_("checked {whose} phone number"),
    # check-ins
    # messages within a pair (issue 18; an entry about a report is never shown to the person it is about)
    "messaging.message.reported": N_("reported a message in {whose} messages to the centre"),
    "messaging.report.viewed": N_("read a reported message in {whose} messages"),
    "messaging.report.dealt_with": N_("marked as dealt with a message reported in {whose} messages"),
    "messaging.reports.listed": N_("looked at the list of reported messages"),
    "checkins.attention.resolved": N_("dealt with {whose} check-in that needed attention"),
    "checkins.attention.text_dealt_with": N_("dealt with {whose} text message"),
    "checkins.checkin.answered": N_("answered {whose} check-in"),
    "checkins.history.viewed": N_("looked at {whose} check-in history"),
    "checkins.occurrence.viewed": N_("looked at {whose} check-in"),
    "checkins.plan.set": N_("agreed {whose} check-in times"),
    "checkins.wellbeing.viewed": N_("looked at how {whose} first and latest check-ins compare"),
    # concerns (never shown to the person a concern is about)
    "concerns.acknowledged": N_("took on a concern about {whose} support"),
    "concerns.action_recorded": N_("recorded an action on a concern"),
    "concerns.closed": N_("closed a concern"),
    "concerns.escalated": N_("escalated a concern to the safeguarding lead"),
    "concerns.listed": N_("looked at the concerns list"),
    "concerns.raised": N_("raised a concern"),
    "concerns.viewed": N_("looked at a concern"),
    # outcome measures (issue 16)
    "outcomes.measure.added": N_("added the centre's own outcome questions"),
    "outcomes.measure.changed": N_("changed the centre's own outcome questions"),
    "outcomes.measure.chosen": N_("chose the outcome questions carers are asked"),
    # matching
    "matching.change.asked": N_("asked for a change to {whose} match"),
    "matching.change.resolved": N_("dealt with a change asked for {whose} match"),
    "matching.draft.confirmed": N_("confirmed a draft of matches"),
    "matching.draft.created": N_("made a draft of matches"),
    "matching.draft.discarded": N_("discarded a draft of matches"),
    "matching.draft.viewed": N_("looked at a draft of matches"),
    "matching.match.feedback": N_("gave feedback on {whose} match"),
    "matching.match.held": N_("held {whose} match"),
    "matching.match.rematch_answered": N_("answered whether another buddy is wanted for {whose} support"),
    "matching.match.viewed": N_("looked at {whose} match"),
    "matching.match.proposed": N_("proposed a match for {whose} support"),
    "matching.match.activated": N_("started {whose} match"),
    "matching.match.paused": N_("paused {whose} match"),
    "matching.match.resumed": N_("resumed {whose} match"),
    "matching.match.ended": N_("ended {whose} match"),
    "matching.match.withdrawn": N_("withdrew {whose} match"),
    "matching.match.carer_accepted": N_("accepted a match (carer)"),
    "matching.match.buddy_accepted": N_("accepted a match (buddy)"),
    "matching.match.carer_declined": N_("declined a match (carer)"),
    "matching.match.buddy_declined": N_("declined a match (buddy)"),
    "matching.membership.closed": N_("closed {whose} membership"),
    "matching.phone_sharing.changed": N_("changed whether {whose} phone number is shared"),
    "matching.suggestions.viewed": N_("looked at suggested matches for {whose} support"),
    "matching.waiting_list.viewed": N_("looked at the waiting list"),
    "matching.weights.changed": N_("changed how matches are suggested"),
    # notifications
    "notifications.device.subscribed": N_("turned on notifications on a device"),
    "notifications.device.unsubscribed": N_("turned off notifications on a device"),
    "notifications.email.unsubscribed": N_("stopped reminder e-mails"),
    "notifications.preferences.changed": N_("changed {whose} notification settings"),
    # organisations
    "organisations.carer.channels_set": N_("chose how {whose} reminders are sent"),
    "organisations.contact.viewed": N_("looked at {whose} contact details"),
    "organisations.duty.changed": N_("changed who is on duty"),
    "organisations.invitation.accepted": N_("accepted an invitation"),
    "organisations.invitation.created": N_("invited someone to join"),
    "organisations.invitation.mail_failed": N_("could not send an invitation e-mail"),
    "organisations.invitation.refused": N_("tried a wrong invitation code"),
    "organisations.invitation.revoked": N_("cancelled an invitation"),
    "organisations.membership.status_changed": N_("changed {whose} membership"),
    "organisations.referral.declined": N_("declined a referral"),
    "organisations.updated": N_("changed the centre's settings"),
    # profiles
    "profiles.buddy.created": N_("filled in {whose} buddy profile"),
    "profiles.buddy.updated": N_("changed {whose} buddy profile"),
    "profiles.buddy.viewed": N_("looked at {whose} buddy profile"),
    "profiles.buddy.wellbeing_changed": N_("changed {whose} wellbeing note"),
    "profiles.carer.created": N_("filled in {whose} profile"),
    "profiles.carer.updated": N_("changed {whose} profile"),
    "profiles.carer.viewed": N_("looked at {whose} profile"),
    "profiles.carer.entered_with_them": N_("filled in {whose} profile with them"),
    "profiles.buddy.entered_with_them": N_("filled in {whose} buddy profile with them"),
    "profiles.health_consent.recorded_verbally": N_(
        "recorded {whose} spoken agreement to keep health details"
    ),
    "profiles.buddy_health_consent.recorded_verbally": N_(
        "recorded {whose} spoken agreement to keep health details"
    ),
    "profiles.health_consent.viewed": N_("looked at {whose} agreement to keep health details"),
    "profiles.buddy_health_consent.viewed": N_("looked at {whose} agreement to keep health details"),
    "profiles.check.recorded": N_("recorded {whose} safeguarding check"),
    "profiles.approval.granted": N_("approved {whose} volunteering as a buddy"),
    "profiles.approval.withdrawn": N_("withdrew {whose} approval as a buddy"),
    "profiles.young_carers.granted": N_("cleared {whose} support of young carers"),
    "profiles.young_carers.withdrawn": N_("withdrew {whose} clearance to support young carers"),
    "profiles.course.created": N_("added a training course"),
    "profiles.course.updated": N_("changed a training course"),
    "profiles.debrief.requested": N_("asked for a debrief"),
    "profiles.debrief.taken_up": N_("took up {whose} request for a debrief"),
    "profiles.debrief.viewed": N_("looked at {whose} request for a debrief"),
    "profiles.debriefs.listed": N_("looked at the requests for a debrief"),
    "profiles.screening.viewed": N_("looked at {whose} checks and training"),
    "profiles.supervision.recorded": N_("recorded {whose} supervision"),
    "profiles.supervision.viewed": N_("looked at {whose} supervision notes"),
    "profiles.training.deleted": N_("removed {whose} training record"),
    "profiles.training.recorded": N_("recorded {whose} training"),
    "profiles.health_consent.given": N_("recorded {whose} agreement to keep health details"),
    "profiles.health_consent.withdrawn": N_(
        "recorded that {whose} agreement to keep health details was withdrawn"
    ),
    "profiles.buddy_health_consent.given": N_("recorded {whose} agreement to keep health details"),
    "profiles.buddy_health_consent.withdrawn": N_(
        "recorded that {whose} agreement to keep health details was withdrawn"
    ),
    # safeguarding
    "safeguarding.alert.acknowledged": N_("dealt with {whose} request for help"),
    "safeguarding.alert.escalated": N_("escalated {whose} request for help"),
    "safeguarding.alert.mistake_reported": N_("said {whose} request for help was a mistake"),
    "safeguarding.alert.raised": N_("asked for help now"),
    "safeguarding.alert.viewed": N_("looked at {whose} request for help"),
    # people's data
    "privacy.audit.viewed": N_("looked at the record of who looked at {whose} record"),
    "privacy.retention.changed": N_("changed how long the centre keeps records"),
    "privacy.export.requested": N_("asked for a copy of {whose} data"),
    "privacy.export.downloaded": N_("downloaded a copy of {whose} data"),
    "privacy.export.downloaded_with_messages": N_(
        "downloaded a copy of {whose} data, which includes the words of {whose} messages"
    ),
    "privacy.erasure.requested": N_("asked for {whose} data to be deleted"),
    "privacy.erasure.confirmed": N_("confirmed deleting {whose} data"),
    "privacy.erasure.anonymised": N_("deleted {whose} data, keeping only what must be kept"),
    "privacy.erasure.cancelled": N_("cancelled the request to delete {whose} data"),
    "privacy.erasure.paused": N_("paused the request to delete {whose} data"),
    "privacy.erasure.viewed": N_("looked at the request to delete {whose} data"),
    "privacy.erasure.listed": N_("looked at the requests to be deleted"),
    "privacy.export.ready": N_("finished a copy of {whose} data"),
    "privacy.export.viewed": N_("looked at a copy of {whose} data"),
    "privacy.export.reviewed": N_("decided whether to release a record in a copy of {whose} data"),
    "privacy.export.build_failed": N_("could not make a copy of {whose} data"),
    # reports (issue 16)
    "reports.summary.viewed": N_("looked at the centre's report for a period"),
    "reports.summary.exported": N_("downloaded the centre's report for a period (CSV)"),
    "reports.carers.exported": N_("downloaded the list of carers (CSV)"),
    "reports.buddies.exported": N_("downloaded the list of buddies (CSV)"),
    "reports.matches.exported": N_("downloaded the list of matches (CSV)"),
    "reports.checkins.exported": N_("downloaded the check-in counts of each match (CSV)"),
    # volunteer hours (issue 16)
    "hours.buddies.viewed": N_("looked at the hours each buddy gave"),
    "hours.buddy.viewed": N_("looked at the time {whose} logged, with their notes"),
}

# The groups a coordinator filters by (an action prefix and its words), in the order the screen offers.
ACTION_GROUPS: tuple[tuple[str, Any], ...] = (
    ("profiles.", N_("Profiles, checks and supervision")),
    ("checkins.", N_("Check-ins")),
    ("matching.", N_("Matches")),
    ("safeguarding.", N_("Requests for help")),
    ("concerns.", N_("Concerns")),
    ("organisations.", N_("Membership, invitations and settings")),
    ("accounts.", N_("Accounts and contact details")),
    ("notifications.", N_("Notifications")),
    ("privacy.", N_("People's data")),
    ("reports.", N_("Reports and downloads")),
    ("hours.", N_("Volunteer hours")),
    ("imports.", N_("Bringing records in")),
)


def action_words(action: str, *, whose: str) -> str:
    """The action in plain words, in the current language, or its code when it has none."""
    words = ACTION_WORDS.get(action)
    if words is None:
        return action
    return str(words).format(whose=whose)


def your() -> str:
    """``{whose}`` in a person's own access log ("your")."""
    return pgettext("whose", "your")


def possessive(name: str | None) -> str:
    """The name as a possessive ("Alex Turner's"), or "a" when the entry is about nobody."""
    if not name:
        return pgettext("whose", "a")
    if name.endswith("s"):
        return pgettext("whose", "{name}'").format(name=name)
    return pgettext("whose", "{name}'s").format(name=name)


# The role of whoever did it, as a person's own access log names it ("Morgan, coordinator").
ROLE_WORDS: dict[str, Any] = {
    "coordinator": N_("coordinator"),
    "buddy": N_("buddy"),
    "carer": N_("carer"),
}


def role_words(role: str) -> str:
    """A role in the reader's language (its code when unknown)."""
    words = ROLE_WORDS.get(role)
    return str(words) if words is not None else role
