"""Every audited action in plain words (pure data: no database, no web framework).

``{whose}`` is the person the entry is about: "Alex Turner's" in a coordinator's audit log, "your" in a
person's own access log, "a" when the entry is about nobody. An action missing here shows its code, and
``tests/privacy/test_audit_log.py`` fails when an action recorded in ``src`` has no words.
"""

from __future__ import annotations

ACTION_WORDS: dict[str, str] = {
    # imports (issue 16)
    "imports.import.checked": "checked a spreadsheet of people to bring in",
    "imports.import.confirmed": "brought people in from a spreadsheet",
    "imports.import.viewed": "looked at an import",
    # accounts
    "accounts.emergency_contact.changed": "changed {whose} emergency contact",
    "accounts.emergency_contact.removed": "removed {whose} emergency contact",
    "accounts.password.change_refused": "tried to change {whose} password (refused)",
    "accounts.password.changed": "changed {whose} password",
    "accounts.phone.changed": "changed {whose} phone number",
    "accounts.phone.code_sent": "sent a code to check {whose} phone number",
    "accounts.phone.code_wrong": "entered a wrong code for {whose} phone number",
    "accounts.phone.verified": "checked {whose} phone number",
    # check-ins
    "messaging.message.reported": "reported a message in {whose} messages to the centre",
    "messaging.report.viewed": "read a reported message in {whose} messages",
    "messaging.reports.listed": "looked at the list of reported messages",
    "checkins.attention.resolved": "dealt with {whose} check-in that needed attention",
    "checkins.attention.text_dealt_with": "dealt with {whose} text message",
    "checkins.checkin.answered": "answered {whose} check-in",
    "checkins.history.viewed": "looked at {whose} check-in history",
    "checkins.occurrence.viewed": "looked at {whose} check-in",
    "checkins.plan.set": "agreed {whose} check-in times",
    # concerns (never shown to the person a concern is about)
    "concerns.acknowledged": "took on a concern about {whose} support",
    "concerns.action_recorded": "recorded an action on a concern",
    "concerns.closed": "closed a concern",
    "concerns.escalated": "escalated a concern to the safeguarding lead",
    "concerns.listed": "looked at the concerns list",
    "concerns.raised": "raised a concern",
    "concerns.viewed": "looked at a concern",
    # outcome measures (issue 16)
    "outcomes.measure.added": "added the centre's own outcome questions",
    "outcomes.measure.changed": "changed the centre's own outcome questions",
    "outcomes.measure.chosen": "chose the outcome questions carers are asked",
    # matching
    "matching.change.asked": "asked for a change to {whose} match",
    "matching.change.resolved": "dealt with a change asked for {whose} match",
    "matching.draft.confirmed": "confirmed a draft of matches",
    "matching.draft.created": "made a draft of matches",
    "matching.draft.discarded": "discarded a draft of matches",
    "matching.draft.viewed": "looked at a draft of matches",
    "matching.match.feedback": "gave feedback on {whose} match",
    "matching.match.held": "held {whose} match",
    "matching.match.rematch_answered": "answered whether another buddy is wanted for {whose} support",
    "matching.match.viewed": "looked at {whose} match",
    "matching.match.proposed": "proposed a match for {whose} support",
    "matching.match.activated": "started {whose} match",
    "matching.match.paused": "paused {whose} match",
    "matching.match.resumed": "resumed {whose} match",
    "matching.match.ended": "ended {whose} match",
    "matching.match.withdrawn": "withdrew {whose} match",
    "matching.match.carer_accepted": "accepted a match (carer)",
    "matching.match.buddy_accepted": "accepted a match (buddy)",
    "matching.match.carer_declined": "declined a match (carer)",
    "matching.match.buddy_declined": "declined a match (buddy)",
    "matching.membership.closed": "closed {whose} membership",
    "matching.phone_sharing.changed": "changed whether {whose} phone number is shared",
    "matching.suggestions.viewed": "looked at suggested matches for {whose} support",
    "matching.waiting_list.viewed": "looked at the waiting list",
    "matching.weights.changed": "changed how matches are suggested",
    # notifications
    "notifications.device.subscribed": "turned on notifications on a device",
    "notifications.device.unsubscribed": "turned off notifications on a device",
    "notifications.email.unsubscribed": "stopped reminder e-mails",
    "notifications.preferences.changed": "changed {whose} notification settings",
    # organisations
    "organisations.carer.channels_set": "chose how {whose} reminders are sent",
    "organisations.contact.viewed": "looked at {whose} contact details",
    "organisations.duty.changed": "changed who is on duty",
    "organisations.invitation.accepted": "accepted an invitation",
    "organisations.invitation.created": "invited someone to join",
    "organisations.invitation.mail_failed": "could not send an invitation e-mail",
    "organisations.invitation.refused": "tried a wrong invitation code",
    "organisations.invitation.revoked": "cancelled an invitation",
    "organisations.membership.status_changed": "changed {whose} membership",
    "organisations.referral.declined": "declined a referral",
    "organisations.updated": "changed the centre's settings",
    # profiles
    "profiles.buddy.created": "filled in {whose} buddy profile",
    "profiles.buddy.updated": "changed {whose} buddy profile",
    "profiles.buddy.viewed": "looked at {whose} buddy profile",
    "profiles.buddy.wellbeing_changed": "changed {whose} wellbeing note",
    "profiles.carer.created": "filled in {whose} profile",
    "profiles.carer.updated": "changed {whose} profile",
    "profiles.carer.viewed": "looked at {whose} profile",
    "profiles.carer.entered_with_them": "filled in {whose} profile with them",
    "profiles.buddy.entered_with_them": "filled in {whose} buddy profile with them",
    "profiles.health_consent.recorded_verbally": "recorded {whose} spoken agreement to keep health details",
    "profiles.buddy_health_consent.recorded_verbally": (
        "recorded {whose} spoken agreement to keep health details"
    ),
    "profiles.health_consent.viewed": "looked at {whose} agreement to keep health details",
    "profiles.buddy_health_consent.viewed": "looked at {whose} agreement to keep health details",
    "profiles.check.recorded": "recorded {whose} safeguarding check",
    "profiles.approval.granted": "approved {whose} volunteering as a buddy",
    "profiles.approval.withdrawn": "withdrew {whose} approval as a buddy",
    "profiles.young_carers.granted": "cleared {whose} support of young carers",
    "profiles.young_carers.withdrawn": "withdrew {whose} clearance to support young carers",
    "profiles.course.created": "added a training course",
    "profiles.course.updated": "changed a training course",
    "profiles.debrief.requested": "asked for a debrief",
    "profiles.debrief.taken_up": "took up {whose} request for a debrief",
    "profiles.debrief.viewed": "looked at {whose} request for a debrief",
    "profiles.debriefs.listed": "looked at the requests for a debrief",
    "profiles.screening.viewed": "looked at {whose} checks and training",
    "profiles.supervision.recorded": "recorded {whose} supervision",
    "profiles.supervision.viewed": "looked at {whose} supervision notes",
    "profiles.training.deleted": "removed {whose} training record",
    "profiles.training.recorded": "recorded {whose} training",
    "profiles.health_consent.given": "recorded {whose} agreement to keep health details",
    "profiles.health_consent.withdrawn": (
        "recorded that {whose} agreement to keep health details was withdrawn"
    ),
    "profiles.buddy_health_consent.given": "recorded {whose} agreement to keep health details",
    "profiles.buddy_health_consent.withdrawn": (
        "recorded that {whose} agreement to keep health details was withdrawn"
    ),
    # safeguarding
    "safeguarding.alert.acknowledged": "dealt with {whose} request for help",
    "safeguarding.alert.escalated": "escalated {whose} request for help",
    "safeguarding.alert.mistake_reported": "said {whose} request for help was a mistake",
    "safeguarding.alert.raised": "asked for help now",
    "safeguarding.alert.viewed": "looked at {whose} request for help",
    # people's data
    "privacy.audit.viewed": "looked at the record of who looked at {whose} record",
    "privacy.retention.changed": "changed how long the centre keeps records",
    "privacy.export.requested": "asked for a copy of {whose} data",
    "privacy.export.downloaded": "downloaded a copy of {whose} data",
    "privacy.erasure.requested": "asked for {whose} data to be deleted",
    "privacy.erasure.confirmed": "confirmed deleting {whose} data",
    "privacy.erasure.anonymised": "deleted {whose} data, keeping only what must be kept",
    "privacy.erasure.cancelled": "cancelled the request to delete {whose} data",
    "privacy.erasure.paused": "paused the request to delete {whose} data",
    "privacy.erasure.viewed": "looked at the request to delete {whose} data",
    "privacy.erasure.listed": "looked at the requests to be deleted",
    "privacy.export.ready": "finished a copy of {whose} data",
    "privacy.export.viewed": "looked at a copy of {whose} data",
    "privacy.export.reviewed": "decided whether to release a record in a copy of {whose} data",
    "privacy.export.build_failed": "could not make a copy of {whose} data",
    # reports (issue 16)
    "reports.summary.viewed": "looked at the centre's report for a period",
    "reports.summary.exported": "downloaded the centre's report for a period (CSV)",
    "reports.carers.exported": "downloaded the list of carers (CSV)",
    "reports.buddies.exported": "downloaded the list of buddies (CSV)",
    "reports.matches.exported": "downloaded the list of matches (CSV)",
    "reports.checkins.exported": "downloaded the check-in counts of each match (CSV)",
    # volunteer hours (issue 16)
    "hours.buddies.viewed": "looked at the hours each buddy gave",
    "hours.buddy.viewed": "looked at the time {whose} logged, with their notes",
}

# The groups a coordinator filters by (an action prefix and its words), in the order the screen offers.
ACTION_GROUPS: tuple[tuple[str, str], ...] = (
    ("profiles.", "Profiles, checks and supervision"),
    ("checkins.", "Check-ins"),
    ("matching.", "Matches"),
    ("safeguarding.", "Requests for help"),
    ("concerns.", "Concerns"),
    ("organisations.", "Membership, invitations and settings"),
    ("accounts.", "Accounts and contact details"),
    ("notifications.", "Notifications"),
    ("privacy.", "People's data"),
    ("reports.", "Reports and downloads"),
    ("hours.", "Volunteer hours"),
    ("imports.", "Bringing records in"),
)


def action_words(action: str, *, whose: str) -> str:
    """The action in plain words, or its code when it has none."""
    words = ACTION_WORDS.get(action)
    if words is None:
        return action
    return words.format(whose=whose)


def possessive(name: str | None) -> str:
    """The name as a possessive ("Alex Turner's"), or "a" when the entry is about nobody."""
    if not name:
        return "a"
    return f"{name}'" if name.endswith("s") else f"{name}'s"
