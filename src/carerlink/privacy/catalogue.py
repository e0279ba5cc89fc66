"""Every table, and what people's data rights mean for its rows (issue 15).

One entry per table says whose data its rows are (``About``), what a copy of someone's data gives them
(``export``; other people reduced to a first name, ``others``), what erasure does (``Erase``) and which
retention class applies (``RETENTION``). The export, the erasure and the retention tick all read this,
and ``tests/privacy/test_catalogue.py`` fails when a table or a column naming a person is missing, so a
table added later joins all three in the same change.

Pure data: no database, no web framework.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Erase(enum.StrEnum):
    """What erasing a person does to a row about them."""

    DELETE = "delete"  # the row goes
    ANONYMISE = "anonymise"  # the row stays for figures and other people's history; ``clear`` columns go
    KEEP = "keep"  # a safeguarding record: kept whole under the safeguarding retention, listed in the result
    ACCOUNT = "account"  # the person's account itself (users): anonymised, never signed in to again


class Key(enum.StrEnum):
    """What an ``About`` column holds of the person."""

    ID = "id"  # their user id (or, with ``via``, the id of a parent row that is theirs)
    EMAIL = "email"  # their e-mail address (normalised), for rows from before they had an account


@dataclass(frozen=True, slots=True)
class Via:
    """The rows are theirs through a parent row of ``table`` whose column ``person`` holds their id."""

    table: str
    person: str


@dataclass(frozen=True, slots=True)
class About:
    """One way a table's rows are about a person.

    ``export``: the columns their copy gives them (never credentials or digests). ``others``: columns
    naming another person, given as that person's first name only. ``withheld``: why nothing of these
    rows is given automatically (a coordinator reviews them first when ``review``). ``clear``: the
    columns ``Erase.ANONYMISE`` empties (free text and anything else that could name them).
    """

    column: str
    export: tuple[str, ...] = ()
    others: tuple[str, ...] = ()
    erase: Erase = Erase.DELETE
    clear: tuple[str, ...] = ()
    key: Key = Key.ID
    via: Via | None = None
    review: bool = False
    withheld: str = ""
    role: str = ""  # "carer" or "buddy" where a table has one column for each side of a pair
    # Free text that stays on an anonymised row because it is the other person's own record (a carer's
    # check-in note when their buddy is erased).
    others_text: tuple[str, ...] = ()
    # Export columns given only while the row's match (``match_id``) is active or paused, or when the
    # person wrote the row themselves (``author`` names who did): a former buddy's copy no longer has
    # the carer's messages (issue 18), as their check-ins never did.
    while_paired: tuple[str, ...] = ()
    author: str = ""


@dataclass(frozen=True, slots=True)
class TableRule:
    """A table: its section of a copy, whose rows they are, who acted on them, and its retention class.

    ``section``, ``title`` and ``explain``: the key, heading and one plain sentence of its part of a copy.
    ``actors``: the columns naming who did something (a coordinator recording, deciding), not whom it is
    about. ``organisation``: the column holding the organisation (None: not per organisation).
    """

    table: str
    section: str
    title: str
    explain: str
    retention: str
    about: tuple[About, ...] = ()
    actors: tuple[str, ...] = ()
    organisation: str | None = "organisation_id"


@dataclass(frozen=True, slots=True)
class RetentionClass:
    """How long one class of data is kept: the setting that tunes it (``None``: fixed) and plain words."""

    words: str
    setting: str | None = None
    default: int | None = None
    unit: str = ""
    kinds: tuple[str, ...] = field(default=())


# The organisation's schedule (``OrganisationSettings.retention``) and the fixed periods beside it.
RETENTION: dict[str, RetentionClass] = {
    "checkin_notes": RetentionClass(
        "Check-in notes, buddies' replies, texted replies, the words of messages within a pair and the"
        " notes on a match: removed this long after the match ends",
        "checkin_notes_months",
        12,
        "months",
    ),
    "declined_referrals": RetentionClass(
        "Referrals the centre declined: deleted this long after the decision",
        "declined_referrals_months",
        6,
        "months",
    ),
    "ended_memberships": RetentionClass(
        "People whose membership ended, with no open record: anonymised this long after it ended",
        "ended_memberships_months",
        24,
        "months",
    ),
    "safeguarding": RetentionClass(
        "Crisis alerts and concerns with their actions: deleted this long after they were closed",
        "safeguarding_years",
        6,
        "years",
    ),
    "audit": RetentionClass(
        "The record of who looked at or changed whose record, and proof of erasures: deleted this long after",
        "audit_years",
        6,
        "years",
    ),
    "membership": RetentionClass(
        "Kept while the person is a member; then anonymised with their ended membership"
    ),
    "consents": RetentionClass(
        "Kept as proof of what was agreed and withdrawn; anonymised with the ended membership"
    ),
    "inbox": RetentionClass("In-app notifications: deleted after 6 months"),
    "push": RetentionClass("Push deliveries: deleted a month after they finished; devices when they expire"),
    "mail": RetentionClass("E-mails: the text is wiped once sent; the record is deleted after 30 days"),
    "texts": RetentionClass(
        "Text messages: the text is wiped once sent; the record is deleted after 90 days; codes after a day"
    ),
    "sign_in": RetentionClass("Sign-ins and password-reset links: deleted when they expire"),
    "exports": RetentionClass("Copies of a person's data: the download is deleted after 7 days"),
    "organisation": RetentionClass(
        "The centre's own settings and working data: kept while the centre uses carerlink"
    ),
    "operational": RetentionClass(
        "Rate limits and push-service back-offs: minutes to hours, no personal data"
    ),
}

_MATCH_CARER = Via("matches", "carer_user_id")
_MATCH_BUDDY = Via("matches", "buddy_user_id")
_MEMBERSHIP = Via("memberships", "user_id")
# Either person's erasure clears every free text of their matches: each may name the other.
_MATCH_FREE_TEXT = (
    "note",
    "close_note",
    "carer_decline_reason",
    "carer_feedback",
    "buddy_decline_reason",
    "buddy_feedback",
)


def _each_side_of_a_match(**given: object) -> tuple[About, About]:
    """The same ``About`` for the carer and the buddy of a row that belongs to a match (``match_id``)."""
    return (
        About("match_id", via=_MATCH_CARER, role="carer", **given),  # type: ignore[arg-type]
        About("match_id", via=_MATCH_BUDDY, role="buddy", **given),  # type: ignore[arg-type]
    )


RULES: tuple[TableRule, ...] = (
    # --- accounts -------------------------------------------------------------------------------------
    TableRule(
        "users",
        "account",
        "Your account",
        "Your name, e-mail address, phone number and settings for signing in.",
        "membership",
        about=(
            About(
                "id",
                export=(
                    "email",
                    "display_name",
                    "time_zone",
                    "locale",
                    "phone",
                    "phone_verified_at",
                    "texts_stopped_at",
                    "is_active",
                    "created_at",
                    "password_changed_at",
                ),
                erase=Erase.ACCOUNT,
            ),
        ),
        organisation=None,
    ),
    TableRule(
        "emergency_contacts",
        "emergency_contact",
        "Your emergency contact",
        "Whom the centre may ring if they cannot reach you in a crisis.",
        "membership",
        about=(About("user_id", export=("name", "relationship", "phone", "updated_at")),),
        organisation=None,
    ),
    TableRule(
        "auth_sessions",
        "sign_ins",
        "Where you are signed in",
        "Each browser you are signed in on (only a fingerprint of its key is kept).",
        "sign_in",
        about=(About("user_id", export=("created_at", "last_seen_at", "expires_at", "user_agent")),),
        organisation=None,
    ),
    TableRule(
        "password_reset_tokens",
        "password_resets",
        "Password reset links",
        "Links you asked for to choose a new password.",
        "sign_in",
        about=(About("user_id", export=("created_at", "expires_at", "used_at")),),
        organisation=None,
    ),
    TableRule(
        "rate_limit_windows",
        "rate_limits",
        "Rate limits",
        "Counts of attempts under a one-way fingerprint; about nobody that can be told.",
        "operational",
        organisation=None,
    ),
    # --- audit ----------------------------------------------------------------------------------------
    TableRule(
        "audit_entries",
        "access_log",
        "Who looked at or changed your record",
        "Each time someone at the centre looked at or changed your record, and what you did yourself.",
        "audit",
        about=(
            About(
                "subject_user_id",
                export=("at", "action", "object_type"),
                others=("actor_user_id",),
                erase=Erase.ANONYMISE,
            ),
            About(
                "actor_user_id",
                export=("at", "action", "object_type"),
                others=("subject_user_id",),
                erase=Erase.ANONYMISE,
            ),
        ),
    ),
    # --- mail and texts -------------------------------------------------------------------------------
    TableRule(
        "outgoing_mail",
        "emails",
        "E-mails we sent you",
        "Which e-mails went to you and when (the text of an e-mail is wiped once it is sent).",
        "mail",
        about=(
            About(
                "user_id", export=("to_address", "subject", "category", "created_at", "sent_at", "failed_at")
            ),
            About(
                "to_address",
                key=Key.EMAIL,
                export=("to_address", "subject", "category", "created_at", "sent_at", "failed_at"),
            ),
        ),
    ),
    TableRule(
        "outgoing_texts",
        "texts_sent",
        "Text messages we sent you",
        "Which texts went to your phone and when (the text itself is wiped once it is sent).",
        "texts",
        about=(About("user_id", export=("to_number", "category", "state", "created_at", "sent_at")),),
    ),
    TableRule(
        "phone_verifications",
        "phone_checks",
        "Checking your phone number",
        "Codes we texted to check your number was yours (only a fingerprint of each code is kept).",
        "texts",
        about=(About("user_id", export=("phone", "created_at", "expires_at", "confirmed_at")),),
        organisation=None,
    ),
    TableRule(
        "inbound_texts",
        "texts_received",
        "Text messages you sent us",
        "Your replies by text and what each one did.",
        "checkin_notes",
        about=(About("user_id", export=("body", "outcome", "received_at", "handled_at")),),
        actors=("handled_by_user_id",),
    ),
    # --- notifications --------------------------------------------------------------------------------
    TableRule(
        "push_subscriptions",
        "devices",
        "Your devices",
        "Phones and browsers that receive notifications from carerlink.",
        "push",
        about=(About("user_id", export=("label", "origin", "created_at", "last_success_at", "expires_at")),),
        organisation=None,
    ),
    TableRule(
        "notifications",
        "notifications",
        "Notifications",
        "Everything carerlink told you in the app, by push, e-mail or text.",
        "inbox",
        about=(
            # Erasure keeps the row without its words, so the delivery summary's counts stay the same; the
            # inbox retention deletes it later like any other.
            About(
                "user_id",
                export=("kind", "title", "body", "url", "channel", "created_at", "read_at"),
                erase=Erase.ANONYMISE,
                clear=("title", "body", "url", "data"),
            ),
        ),
    ),
    TableRule(
        "push_deliveries",
        "push_deliveries",
        "Push deliveries",
        "Each push sent to one of your devices and what happened to it.",
        "push",
        # No words in it: kept on erasure (counted in the delivery summary), deleted by the push retention.
        about=(
            About("user_id", export=("kind", "state", "created_at", "finished_at"), erase=Erase.ANONYMISE),
        ),
    ),
    TableRule(
        "notification_preferences",
        "notification_settings",
        "Your notification settings",
        "Your quiet hours, the reminders you switched off and how we reach you.",
        "membership",
        about=(
            About(
                "user_id",
                export=(
                    "quiet_start",
                    "quiet_end",
                    "muted_kinds",
                    "channels",
                    "channels_set_at",
                    "updated_at",
                ),
                others=("channels_set_by_user_id",),
            ),
        ),
        organisation=None,
    ),
    TableRule(
        "push_service_backoffs",
        "push_backoffs",
        "Push-service back-offs",
        "When a push service asked us to slow down; about nobody.",
        "operational",
        organisation=None,
    ),
    # --- organisations --------------------------------------------------------------------------------
    TableRule(
        "organisations",
        "organisations",
        "Centres",
        "The carers' centres using carerlink.",
        "organisation",
        organisation=None,
    ),
    TableRule(
        "memberships",
        "memberships",
        "Your roles at the centre",
        "Whether you are a carer, a buddy or a coordinator, and since when.",
        "ended_memberships",
        about=(
            About(
                "user_id",
                export=("role", "status", "status_changed_at", "created_at"),
                erase=Erase.ANONYMISE,
            ),
        ),
    ),
    TableRule(
        "invitations",
        "invitations",
        "Invitations",
        "Invitations to join the centre sent to your e-mail address.",
        "membership",
        about=(
            About(
                "email",
                key=Key.EMAIL,
                export=("role", "created_at", "expires_at", "accepted_at", "revoked_at"),
            ),
            About("accepted_user_id", export=("role", "created_at", "accepted_at")),
        ),
        actors=("invited_by_user_id",),
    ),
    TableRule(
        "consents",
        "consents",
        "What you agreed to",
        "Each consent you gave or withdrew, with the version of the words you read and when, how you gave "
        "it (in the app, read out to you, or before you joined) and who took it before you joined.",
        "consents",
        about=(
            About(
                "user_id",
                export=("kind", "version", "given_at", "withdrawn_at", "method", "taken_by_name"),
                # ``taken_by_name`` names a member of staff, not the person: like ``recorded_by_user_id``
                # it stays on the anonymised row, the centre's proof of who took the consent.
                erase=Erase.ANONYMISE,
            ),
        ),
        actors=("recorded_by_user_id",),
    ),
    TableRule(
        "referrals",
        "referrals",
        "Your referral",
        "What you sent when you asked to join the waiting list, and what the centre decided.",
        "declined_referrals",
        about=(
            About(
                "email",
                key=Key.EMAIL,
                export=(
                    "name",
                    "email",
                    "phone",
                    "message",
                    "status",
                    "created_at",
                    "decided_at",
                    "decline_reason",
                ),
                erase=Erase.ANONYMISE,
                clear=("name", "email", "phone", "message", "decline_reason"),
            ),
        ),
        actors=("decided_by_user_id",),
    ),
    # --- profiles -------------------------------------------------------------------------------------
    TableRule(
        "carer_profiles",
        "carer_profile",
        "Your caring situation",
        "What you told us about your caring and what you would like from a buddy.",
        "membership",
        about=(
            About(
                "user_id",
                export=(
                    "relationships",
                    "needs",
                    "mental_health_needs",
                    "co_resident",
                    "hours_band",
                    "journey_stage",
                    "years_caring",
                    "carer_category",
                    "under_18",
                    "languages",
                    "preferred_language",
                    "interpreter_needed",
                    "postcode_district",
                    "region",
                    "contact_modes",
                    "availability",
                    "help_with",
                    "help_note",
                    "cultures",
                    "faith",
                    "preferences",
                    "updated_at",
                    "entered_at",
                ),
            ),
        ),
        actors=("entered_by_user_id",),
    ),
    TableRule(
        "buddy_profiles",
        "buddy_profile",
        "Your buddy profile",
        "Your own experience of caring and how you would like to help.",
        "membership",
        about=(
            About(
                "user_id",
                export=(
                    "relationships",
                    "needs",
                    "mental_health_needs",
                    "caring_status",
                    "journey_stage",
                    "years_caring",
                    "languages",
                    "postcode_district",
                    "region",
                    "contact_modes",
                    "availability",
                    "gender",
                    "cultures",
                    "faith",
                    "about_me",
                    "confirmed_adult",
                    "capacity",
                    "paused",
                    "paused_until",
                    "updated_at",
                    "entered_at",
                ),
            ),
        ),
        actors=("entered_by_user_id",),
    ),
    TableRule(
        "training_courses",
        "training_courses",
        "Training courses",
        "The courses the centre asks buddies to take.",
        "organisation",
    ),
    TableRule(
        "training_records",
        "training",
        "Your training",
        "The courses you completed and when.",
        "membership",
        about=(
            About(
                "membership_id",
                via=_MEMBERSHIP,
                export=("course_id", "completed_on", "recorded_at"),
                erase=Erase.ANONYMISE,
            ),
        ),
        actors=("recorded_by_user_id",),
        organisation=None,
    ),
    TableRule(
        "safeguarding_checks",
        "safeguarding_checks",
        "Your safeguarding checks",
        "The checks (such as an enhanced DBS) the centre saw, with their reference and dates.",
        "membership",
        about=(
            About(
                "membership_id",
                via=_MEMBERSHIP,
                export=("check_type", "reference", "issued_on", "recheck_due", "recorded_at"),
            ),
        ),
        actors=("recorded_by_user_id",),
        organisation=None,
    ),
    TableRule(
        "buddy_decisions",
        "approvals",
        "Approval as a buddy",
        "The centre's decisions to approve you as a buddy (or clear you to support young carers).",
        "membership",
        about=(
            About(
                "membership_id",
                via=_MEMBERSHIP,
                export=("kind", "granted", "note", "decided_at"),
                erase=Erase.ANONYMISE,
                clear=("note",),
            ),
        ),
        actors=("decided_by_user_id",),
        organisation=None,
    ),
    TableRule(
        "supervision_sessions",
        "supervision",
        "Supervision and debriefs",
        "Supervision and debrief sessions you had with a coordinator, and how long they took.",
        "membership",
        about=(
            About(
                "membership_id",
                via=_MEMBERSHIP,
                export=("kind", "held_on", "duration_minutes", "recorded_at"),
                erase=Erase.ANONYMISE,
                clear=("notes",),
                review=True,
                withheld="A coordinator's session notes may speak of others: reviewed before release.",
            ),
        ),
        actors=("recorded_by_user_id",),
    ),
    TableRule(
        "debrief_requests",
        "debrief_requests",
        "Times you asked to talk something through",
        "Each time you asked a coordinator for a debrief, and when it was taken up.",
        "membership",
        about=(
            About(
                "user_id",
                export=("urgency", "note", "asked_at", "taken_up_at"),
                erase=Erase.ANONYMISE,
                clear=("note", "taken_up_note", "idempotency_key"),
            ),
        ),
        actors=("taken_up_by_user_id",),
    ),
    # --- matching -------------------------------------------------------------------------------------
    TableRule(
        "matches",
        "matches",
        "Your matches",
        "Each match between a carer and a buddy you were part of, and how it went.",
        "checkin_notes",
        about=(
            About(
                "carer_user_id",
                role="carer",
                export=(
                    "status",
                    "proposed_at",
                    "carer_decision",
                    "carer_decided_at",
                    "carer_decline_reason",
                    "activated_at",
                    "paused_at",
                    "closed_at",
                    "end_reason",
                    "carer_feedback",
                    "wants_rematch",
                    "carer_shares_phone",
                ),
                others=("buddy_user_id",),
                erase=Erase.ANONYMISE,
                clear=_MATCH_FREE_TEXT,
            ),
            About(
                "buddy_user_id",
                role="buddy",
                export=(
                    "status",
                    "proposed_at",
                    "buddy_decision",
                    "buddy_decided_at",
                    "buddy_decline_reason",
                    "activated_at",
                    "paused_at",
                    "closed_at",
                    "end_reason",
                    "buddy_feedback",
                    "buddy_shares_phone",
                ),
                others=("carer_user_id",),
                erase=Erase.ANONYMISE,
                clear=_MATCH_FREE_TEXT,
            ),
        ),
        actors=("proposed_by_user_id", "closed_by_user_id"),
    ),
    TableRule(
        "match_events",
        "match_history",
        "Your matches' history",
        "Each step of your matches: proposed, agreed, paused, ended.",
        "membership",
        about=_each_side_of_a_match(
            export=("match_id", "at", "event", "from_status", "to_status"), erase=Erase.ANONYMISE
        ),
        actors=("actor_user_id",),
        organisation=None,
    ),
    TableRule(
        "match_change_requests",
        "change_requests",
        "Breaks and changes you asked for",
        "Times you or your buddy asked for a break or a different match.",
        "membership",
        about=_each_side_of_a_match(
            export=("match_id", "kind", "asked_by", "asked_at", "resolved_at"),
            erase=Erase.ANONYMISE,
            clear=("resolution_note",),
        ),
        actors=("asked_by_user_id", "resolved_by_user_id"),
    ),
    TableRule(
        "match_drafts",
        "match_drafts",
        "Matching drafts",
        "A coordinator's working proposals for a whole waiting list.",
        "organisation",
        actors=("created_by_user_id", "decided_by_user_id"),
    ),
    TableRule(
        "match_draft_items",
        "match_proposals",
        "Draft proposals",
        "Times a coordinator considered you in a draft of proposed matches.",
        "membership",
        about=(
            About("carer_membership_id", via=_MEMBERSHIP, role="carer", export=("score", "added_by_hand")),
            About("buddy_membership_id", via=_MEMBERSHIP, role="buddy", export=("score", "added_by_hand")),
        ),
        organisation=None,
    ),
    # --- check-ins ------------------------------------------------------------------------------------
    TableRule(
        "checkin_plans",
        "checkin_plans",
        "Check-in plans",
        "How often and when you and your buddy agreed to check in.",
        "membership",
        about=(
            About(
                "carer_user_id",
                role="carer",
                export=(
                    "match_id",
                    "frequency",
                    "weekdays",
                    "local_time",
                    "time_zone",
                    "start_date",
                    "paused",
                ),
                others=("buddy_user_id",),
                erase=Erase.ANONYMISE,
            ),
            About(
                "buddy_user_id",
                role="buddy",
                export=(
                    "match_id",
                    "frequency",
                    "weekdays",
                    "local_time",
                    "time_zone",
                    "start_date",
                    "paused",
                ),
                others=("carer_user_id",),
                erase=Erase.ANONYMISE,
            ),
        ),
        actors=("updated_by_user_id",),
    ),
    TableRule(
        "checkin_occurrences",
        "checkins",
        "Check-ins",
        "Each check-in, how you were doing, what you wrote and the replies.",
        "checkin_notes",
        about=(
            About(
                "carer_user_id",
                role="carer",
                export=(
                    "match_id",
                    "kind",
                    "due_at",
                    "state",
                    "answered_at",
                    "wellbeing",
                    "note",
                    "wants_call",
                    "needs_help",
                    "replied_at",
                    "reply_kind",
                    "reply_message",
                ),
                others=("buddy_user_id",),
                erase=Erase.ANONYMISE,
                clear=("note", "reply_message", "idempotency_key"),
            ),
            About(
                "buddy_user_id",
                role="buddy",
                export=("match_id", "kind", "due_at", "state", "replied_at", "reply_kind", "reply_message"),
                others=("carer_user_id",),
                erase=Erase.ANONYMISE,
                clear=("reply_message",),
                others_text=("note",),
            ),
        ),
        actors=("replied_by_user_id",),
    ),
    TableRule(
        "checkin_steps",
        "checkin_steps",
        "Check-in reminders and follow-ups",
        "Reminders and follow-ups when a check-in was not answered.",
        "checkin_notes",
        about=(
            About(
                "occurrence_id",
                via=Via("checkin_occurrences", "carer_user_id"),
                role="carer",
                export=("occurrence_id", "step", "at"),
                erase=Erase.ANONYMISE,
                clear=("resolution_note",),
            ),
        ),
        actors=("resolved_by_user_id",),
    ),
    # --- messages within a pair (issue 18) ------------------------------------------------------------
    TableRule(
        "messages",
        "messages",
        "Messages",
        "The messages you and your buddy or carer sent each other.",
        "checkin_notes",
        about=(
            About(
                "carer_user_id",
                role="carer",
                export=("match_id", "sender", "text", "sent_at", "read_at"),
                others=("buddy_user_id", "sender_user_id"),
                erase=Erase.ANONYMISE,
                clear=("text", "idempotency_key"),
            ),
            About(
                "buddy_user_id",
                role="buddy",
                export=("match_id", "sender", "text", "sent_at", "read_at"),
                others=("carer_user_id", "sender_user_id"),
                erase=Erase.ANONYMISE,
                clear=("idempotency_key",),
                others_text=("text",),  # the carer's own messages stay theirs; the buddy's go below
                while_paired=("text",),  # the carer's words once the match has ended: not the buddy's
                author="sender_user_id",
            ),
            About(
                "sender_user_id",
                erase=Erase.ANONYMISE,
                clear=("text", "idempotency_key"),
                withheld="Given in the messages above (the messages you sent are among them).",
            ),
        ),
    ),
    TableRule(
        "message_reports",
        "message_reports",
        "Messages you asked the centre to look at",
        "Each time you asked the centre to look at a message, and why.",
        "membership",
        about=(
            About(
                "reporter_user_id",
                export=("match_id", "message_id", "reason", "reported_at", "dealt_with_at"),
                erase=Erase.ANONYMISE,
            ),
        ),
        actors=("dealt_with_by_user_id",),
    ),
    TableRule(
        "message_mutes",
        "message_mutes",
        "Muted messages",
        "When you muted your messages' notifications, and until when.",
        "membership",
        about=(About("user_id", role="buddy", export=("match_id", "until"), erase=Erase.DELETE),),
    ),
    # --- safeguarding and concerns --------------------------------------------------------------------
    TableRule(
        "crisis_alerts",
        "help_requests",
        "Times you asked for help",
        'Each time you pressed "I need help now" (how the centre responded is reviewed before release).',
        "safeguarding",
        about=(
            About(
                "carer_user_id",
                role="carer",
                export=("source", "raised_at", "status", "acknowledged_at", "mistake_reported_at"),
                erase=Erase.KEEP,
                review=True,
                withheld="A coordinator's notes may speak of others: reviewed before release.",
            ),
            About(
                "buddy_user_id",
                role="buddy",
                export=("raised_at",),
                others=("carer_user_id",),
                erase=Erase.ANONYMISE,
                others_text=("action_taken",),
            ),
        ),
        actors=("acknowledged_by_user_id",),
    ),
    TableRule(
        "concerns",
        "concerns_raised",
        "Concerns you raised",
        "Concerns you raised about a carer you supported, and where each stands.",
        "safeguarding",
        about=(
            About(
                "carer_user_id",
                role="carer",
                erase=Erase.KEEP,
                review=True,
                withheld="Reviewed before release: withheld where telling would put someone at risk.",
            ),
            About(
                "raised_by_user_id",
                export=("category", "raised_at", "status"),
                others=("carer_user_id",),
                erase=Erase.KEEP,
            ),
        ),
        actors=("acknowledged_by_user_id", "closed_by_user_id"),
    ),
    TableRule(
        "concern_actions",
        "concern_actions",
        "Actions on concerns",
        "What coordinators did about a concern.",
        "safeguarding",
        about=(
            About(
                "concern_id",
                via=Via("concerns", "carer_user_id"),
                role="carer",
                erase=Erase.KEEP,
                review=True,
                withheld="Part of a concern: reviewed with it.",
            ),
        ),
        actors=("recorded_by_user_id",),
    ),
    # --- data rights ----------------------------------------------------------------------------------
    TableRule(
        "data_exports",
        "data_copies",
        "Copies of your data",
        "Each copy of your data you (or a coordinator for you) asked for, and when it was downloaded.",
        "exports",
        about=(
            About(
                "user_id",
                export=("requested_at", "state", "ready_at", "expires_at", "downloads", "last_downloaded_at"),
            ),
        ),
        actors=("requested_by_user_id",),
    ),
    TableRule(
        "export_reviews",
        "export_reviews",
        "Records reviewed before release",
        "A coordinator's decisions about records held back from a copy.",
        "exports",
        about=(
            About(
                "export_id",
                via=Via("data_exports", "user_id"),
                withheld="A coordinator decides what is released; a released record is in the copy.",
            ),
        ),
        actors=("decided_by_user_id",),
    ),
    TableRule(
        "erasure_requests",
        "erasure_requests",
        "Requests to be deleted",
        "Your requests to be deleted and what became of them.",
        "audit",
        about=(
            About(
                "user_id",
                export=("requested_at", "state", "decided_at", "completed_at"),
                erase=Erase.ANONYMISE,
            ),
        ),
        actors=("requested_by_user_id", "decided_by_user_id"),
    ),
    TableRule(
        "retained_identities",
        "retained_identities",
        "Kept for safeguarding",
        "Who an erased person was, kept only beside safeguarding records still held.",
        "safeguarding",
        about=(
            About(
                "user_id",
                erase=Erase.KEEP,
                withheld="Exists only after erasure, beside safeguarding records.",
            ),
        ),
    ),
    # --- volunteer hours (issue 16) --------------------------------------------------------------------
    TableRule(
        "volunteer_time",
        "volunteer_time",
        "Time you gave as a buddy",
        "Each call, visit or message session you logged, how long it took, and your note.",
        "membership",
        about=(
            # Anonymised, not deleted: the centre's volunteer hours stay the same; the note goes.
            About(
                "user_id",
                export=("given_on", "minutes", "kind", "note", "logged_at"),
                erase=Erase.ANONYMISE,
                clear=("note",),
            ),
        ),
    ),
    # --- imports (issue 16) -----------------------------------------------------------------------------
    TableRule(
        "imports",
        "imports",
        "Imports",
        "Files of carers or buddies a coordinator brought in; the file itself is kept only until it is "
        "confirmed, or 7 days.",
        "organisation",
        actors=("created_by_user_id", "confirmed_by_user_id"),
    ),
    TableRule(
        "import_rows",
        "imported_records",
        "How you were brought in",
        "The row of the centre's spreadsheet that brought you into carerlink, and how you were invited "
        "(a row that brought nobody in is deleted 30 days after the import).",
        "membership",
        about=(
            About(
                "user_id",
                export=(
                    "row_number",
                    "name",
                    "email",
                    "phone",
                    "invite_by",
                    "outcome",
                    "problems",
                    "consent_taken_by",
                ),
            ),
            About(
                "email", key=Key.EMAIL, export=("row_number", "name", "email", "phone", "outcome", "problems")
            ),
        ),
        organisation=None,
    ),
    TableRule(
        "retention_runs",
        "retention_runs",
        "Retention runs",
        "Counts of what the daily retention job removed; about nobody.",
        "audit",
    ),
    # --- outcome measures and equality monitoring (issue 16) ------------------------------------------
    TableRule(
        "outcome_measures",
        "outcome_measures",
        "Outcome measures",
        "The questions the centre asks carers at the start, after 3 and after 6 months; about nobody.",
        "organisation",
    ),
    TableRule(
        "outcome_questions",
        "outcome_questions",
        "Outcome questions",
        "The wording and answers of each outcome measure; about nobody.",
        "organisation",
        organisation=None,
    ),
    TableRule(
        "outcome_asks",
        "outcome_asks",
        "Questions about how you are",
        "When the centre asked how you are (at the start, after 3 and after 6 months) and your answers.",
        "membership",
        about=(
            About(
                "carer_user_id",
                export=(
                    "measure_id",
                    "point",
                    "state",
                    "due_at",
                    "answered_at",
                    "closed_at",
                    "answers",
                    "total",
                ),
                # The row and its total stay, so the reports' figures do not change; the answers go.
                erase=Erase.ANONYMISE,
                clear=("answers", "not_now_until"),
            ),
        ),
    ),
    TableRule(
        "equality_answers",
        "equality_answers",
        "Equality monitoring",
        "Your age band, gender and ethnic group, kept only while you agree to it.",
        "consents",
        # Deleted, like withdrawing the consent: the report counts only people who consent now.
        about=(
            About("user_id", export=("age_band", "gender", "ethnicity", "answered_at"), erase=Erase.DELETE),
        ),
    ),
)

BY_TABLE: dict[str, TableRule] = {rule.table: rule for rule in RULES}


def rule(table: str) -> TableRule:
    """The rule for ``table`` (KeyError for a table the catalogue does not know: a test catches it first)."""
    return BY_TABLE[table]
