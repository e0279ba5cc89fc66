"""Request and response shapes of the organisations API."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec

from carerlink.accounts.schemas import EmergencyContactRead, PhoneRead, PhoneText
from carerlink.kit.schema import (
    AppLocale,
    DisplayName,
    Email,
    Line,
    MultiLine,
    NewPassword,
    OneLine,
    Schema,
    TimeZoneName,
    Token,
    whole,
)
from carerlink.notifications.channels import Channel
from carerlink.notifications.schemas import ChannelOrder, ChosenWith, ReachRead

RoleName = Literal["coordinator", "buddy", "carer"]
OfferedLanguage = AppLocale
OrgName = Annotated[Line, msgspec.Meta(min_length=2, max_length=120)]
HumanCode = Annotated[str, msgspec.Meta(min_length=8, max_length=12, pattern=whole(r"[A-Za-z0-9 -]+"))]
ShortText = Annotated[MultiLine, msgspec.Meta(max_length=500)]


class CrisisLine(Schema):
    """A crisis line shown on the "I need help now" screen."""

    name: Annotated[Line, msgspec.Meta(min_length=1, max_length=80)]
    contact: Annotated[str, msgspec.Meta(min_length=1, max_length=40, pattern=whole(r"[0-9A-Za-z +()-]+"))]
    how: Literal["call", "text"]
    description: Annotated[OneLine, msgspec.Meta(max_length=200)] = ""
    # For a line you text: the word the message starts with (Shout's "SHOUT"), filled in for the person.
    message: Annotated[str, msgspec.Meta(max_length=40, pattern=whole(r"[0-9A-Za-z ]*"))] = ""


CrisisLines = Annotated[list[CrisisLine], msgspec.Meta(min_length=1, max_length=12)]


Weight = Annotated[int, msgspec.Meta(ge=0, le=10, description="0 switches the factor off; 10 counts most")]
CheckTypeName = Literal[
    "dbs_basic",
    "dbs_standard",
    "dbs_enhanced",
    "dbs_enhanced_adults_barred",
    "dbs_enhanced_children_barred",
    "dbs_enhanced_both_barred",
    "pvg_adults",
    "pvg_children",
    "access_ni_enhanced",
    "other",
]


class MatchingWeights(Schema):
    """How much each matching factor counts (README "Matching" lists the defaults and what each means)."""

    relationship: Weight = 3
    needs: Weight = 3
    journey: Weight = 2
    language: Weight = 2
    area: Weight = 1
    availability: Weight = 2
    contact_modes: Weight = 1
    nice_to_have: Weight = 1
    load: Weight = 1

    def __post_init__(self) -> None:
        if not any(msgspec.structs.astuple(self)):
            raise ValueError("at least one matching weight must be above 0")


def _default_check_types() -> list[CheckTypeName]:
    return [
        "dbs_enhanced",
        "dbs_enhanced_adults_barred",
        "dbs_enhanced_children_barred",
        "dbs_enhanced_both_barred",
        "pvg_adults",
        "pvg_children",
        "access_ni_enhanced",
    ]


Hours = Annotated[int, msgspec.Meta(ge=1, le=24 * 30)]


class CheckinSettings(Schema):
    """The check-in ladder's timings and the crisis path's (DOMAIN.md: organisation settings)."""

    nudge_after_hours: Hours = 24
    tell_buddy_after_hours: Hours = 72
    missed_after_hours: Hours = 120
    answer_grace_hours: Hours = 48
    buddy_reminder_after_hours: Hours = 48
    tell_coordinator_after_hours: Hours = 96
    low_score_threshold: Annotated[int, msgspec.Meta(ge=1, le=4)] = 2
    low_score_run: Annotated[int, msgspec.Meta(ge=2, le=10)] = 3
    crisis_ack_minutes: Annotated[int, msgspec.Meta(ge=1, le=240)] = 15


RecheckWarningDays = Annotated[
    int, msgspec.Meta(ge=1, le=365, description="Days before a check runs out that coordinators are warned")
]
SupervisionEveryWeeks = Annotated[
    int,
    msgspec.Meta(ge=1, le=52, description="How often each approved buddy should have supervision, in weeks"),
]

ConcernResponseHours = Annotated[
    int,
    msgspec.Meta(ge=1, le=336, description="Hours within which a coordinator should acknowledge a concern"),
]


TextBudget = Annotated[
    int, msgspec.Meta(ge=0, le=1_000_000, description="Text message segments the centre may send each month")
]


class TextSettings(Schema):
    """Text messages (issue 14): whether the centre sends them, and its monthly budget in segments.

    Coordinators are warned once a month when ``warn_at_percent`` of the budget is used; past the budget
    only crisis alerts still go by text.
    """

    enabled: bool = False
    monthly_budget: TextBudget = 1000
    warn_at_percent: Annotated[int, msgspec.Meta(ge=1, le=100)] = 80


MinutesPerReply = Annotated[
    int,
    msgspec.Meta(
        ge=0,
        le=120,
        description="Minutes of volunteer time each answered check-in and each reply counts (0: none)",
    ),
]

Months = Annotated[int, msgspec.Meta(ge=1, le=240)]
Years = Annotated[int, msgspec.Meta(ge=1, le=25)]


class RetentionSettings(Schema):
    """How long the centre keeps each class of data (issue 15; ``privacy/catalogue.py`` RETENTION).

    The daily retention tick enforces it. Defaults follow common practice for carers' centres; a centre
    shortens or lengthens them to match its own policy.
    """

    checkin_notes_months: Months = 12
    declined_referrals_months: Months = 6
    ended_memberships_months: Months = 24
    safeguarding_years: Years = 6
    audit_years: Years = 6


class MessagingSettings(Schema):
    """Messages within a pair (issue 18): on or off, and whether young carers' pairs have them too."""

    enabled: bool = True
    young_carers: bool = False

    def on_for(self, *, under_18: bool) -> bool:
        """Whether a pair has messages: on here, and for a carer under 18 only if chosen.

        One rule for the thread and for the unread counts on the homes.
        """
        return self.enabled and (not under_18 or self.young_carers)


class OrganisationSettings(Schema):
    """Settings each organisation tunes."""

    young_carers_programme: bool = False
    matching_weights: MatchingWeights = msgspec.field(default_factory=MatchingWeights)
    buddy_check_types: Annotated[list[CheckTypeName], msgspec.Meta(min_length=1, max_length=10)] = (
        msgspec.field(default_factory=_default_check_types)
    )
    checkins: CheckinSettings = msgspec.field(default_factory=CheckinSettings)
    # Alerted when a crisis alert is not acknowledged in time (a coordinator of this organisation).
    safeguarding_lead_user_id: uuid.UUID | None = None
    # Warn this many days before a buddy's safeguarding check runs out (drafts, suggestions, buddies).
    recheck_warning_days: RecheckWarningDays = 30
    # Each approved buddy should have supervision this often; beyond it they show as overdue (issue 13).
    supervision_every_weeks: SupervisionEveryWeeks = 8
    # A concern nobody has acknowledged after this many hours goes to the safeguarding lead (issue 13).
    concern_response_hours: ConcernResponseHours = 24
    texts: TextSettings = msgspec.field(default_factory=TextSettings)
    retention: RetentionSettings = msgspec.field(default_factory=RetentionSettings)
    # Volunteer hours (issue 16): each answered check-in and each reply counts this many minutes of the
    # buddy's time, beside the time they log themselves; 0 counts none.
    volunteer_minutes_per_reply: MinutesPerReply = 0
    # Messages between a carer and their buddy (issue 18); off for young carers unless turned on for them.
    messaging: MessagingSettings = msgspec.field(default_factory=MessagingSettings)
    # Issue 17: a language offered to everyone first, before they choose (Welsh in Wales: the Active
    # Offer); null offers none, and people see carerlink in their browser's language until they choose.
    language_offer: OfferedLanguage | None = None


class OrganisationSettingsUpdate(Schema):
    """Changes to the settings: only the parts sent change (a part sent is replaced whole)."""

    young_carers_programme: bool | msgspec.UnsetType = msgspec.UNSET
    matching_weights: MatchingWeights | msgspec.UnsetType = msgspec.UNSET
    buddy_check_types: (
        Annotated[list[CheckTypeName], msgspec.Meta(min_length=1, max_length=10)] | msgspec.UnsetType
    ) = msgspec.UNSET
    checkins: CheckinSettings | msgspec.UnsetType = msgspec.UNSET
    safeguarding_lead_user_id: uuid.UUID | msgspec.UnsetType | None = msgspec.UNSET
    recheck_warning_days: RecheckWarningDays | msgspec.UnsetType = msgspec.UNSET
    supervision_every_weeks: SupervisionEveryWeeks | msgspec.UnsetType = msgspec.UNSET
    concern_response_hours: ConcernResponseHours | msgspec.UnsetType = msgspec.UNSET
    texts: TextSettings | msgspec.UnsetType = msgspec.UNSET
    retention: RetentionSettings | msgspec.UnsetType = msgspec.UNSET
    volunteer_minutes_per_reply: MinutesPerReply | msgspec.UnsetType = msgspec.UNSET
    messaging: MessagingSettings | msgspec.UnsetType = msgspec.UNSET
    language_offer: OfferedLanguage | msgspec.UnsetType | None = msgspec.UNSET


class OrganisationRead(Schema):
    """An organisation as its members see it."""

    id: uuid.UUID
    name: str
    slug: str
    time_zone: str
    crisis_lines: list[CrisisLine]
    settings: OrganisationSettings


class OrganisationUpdate(Schema):
    """Coordinator changes to the organisation; fields left out stay as they are."""

    name: OrgName | msgspec.UnsetType = msgspec.UNSET
    time_zone: TimeZoneName | msgspec.UnsetType = msgspec.UNSET
    crisis_lines: CrisisLines | msgspec.UnsetType = msgspec.UNSET
    settings: OrganisationSettingsUpdate | msgspec.UnsetType = msgspec.UNSET


class SettingChangeRead(Schema):
    """One setting that changed: its field as a client sends it (``settings.checkins``), old and new."""

    field: str
    old: Any
    new: Any


class SettingsChangeRead(Schema):
    """One change to the centre's settings: when, by whom, and which settings (issue 16)."""

    id: uuid.UUID
    at: datetime
    by_user_id: uuid.UUID | None
    by_name: str | None
    changes: list[SettingChangeRead]


class CoordinatorDutyRead(Schema):
    """A coordinator, and whether crisis alerts reach them at once."""

    user_id: uuid.UUID
    display_name: str
    on_duty: bool


class PublicOrganisationRead(Schema):
    """What anyone may know about an organisation: its name and crisis lines (the offline help page)."""

    name: str
    slug: str
    crisis_lines: list[CrisisLine]


class MemberRead(Schema):
    """A member as coordinators see them."""

    membership_id: uuid.UUID
    user_id: uuid.UUID
    display_name: str
    email: str
    role: RoleName
    status: str
    joined_at: datetime
    phone: PhoneRead | None = None
    # Issue 16: False for someone brought in from a spreadsheet who hasn't accepted their invitation yet.
    joined: bool = True


class MailRefusalRead(Schema):
    """An e-mail to someone in the organisation that could not be delivered (never its content)."""

    mail_id: uuid.UUID
    user_id: uuid.UUID | None
    display_name: str | None
    membership_id: uuid.UUID | None
    role: RoleName | None
    category: str
    reason: str
    reason_words: str
    failed_at: datetime


class MemberContactRead(Schema):
    """How coordinators reach a member: their number and, for a carer, their emergency contact."""

    membership_id: uuid.UUID
    display_name: str
    role: RoleName
    phone: PhoneRead | None
    emergency_contact: EmergencyContactRead | None


class CarerChannelsUpdate(Schema):
    """A carer's channels in order, chosen with them (``[]``: only in the app)."""

    channels: ChannelOrder


class CarerReachRead(Schema):
    """How we reach a carer: their channels in order, who chose them, what works and what doesn't."""

    membership_id: uuid.UUID
    display_name: str
    channels: list[Channel]
    channels_chosen: bool
    channels_set_by: ChosenWith | None
    working: list[Channel]
    problems: list[str]
    unreachable: bool
    reach: ReachRead


class MembershipStatusUpdate(Schema):
    """Suspend, reactivate or end a membership."""

    status: Literal["active", "suspended", "ended"]


class InvitationCreate(Schema):
    """Invite someone by e-mail to take a role."""

    email: Email
    role: RoleName


class InvitationRead(Schema):
    """An invitation as coordinators see it."""

    id: uuid.UUID
    email: str
    role: RoleName
    created_at: datetime
    expires_at: datetime
    state: Literal["pending", "accepted", "revoked", "expired"]
    # Whether the e-mail went: "failed" is for good (the address or the message was refused, or it was
    # abandoned after its retries), and ``email_problem`` then says so in words for the coordinator.
    email_status: Literal["waiting", "sent", "failed"] | None = None
    email_problem: str | None = None


class InvitationCreated(Schema):
    """A new invitation; ``code`` is shown once, for signing up in person at the centre."""

    invitation: InvitationRead
    code: str


class InvitationKey(Schema):
    """The link token from the e-mail, or the short code given in person (one of the two)."""

    token: Token | None = None
    code: HumanCode | None = None


class ConsentText(Schema):
    """Words to agree to, with their version."""

    # Invitations ask only for the first two; the others are asked on their own screens.
    kind: Literal["terms", "health_data", "buddy_health_data", "equality_monitoring"]
    version: str
    text: str
    required: bool


class InvitationPreview(Schema):
    """What the accept screen shows before someone signs up."""

    organisation_name: str
    role: RoleName
    email: str
    consents: list[ConsentText]


class ConsentAnswers(Schema):
    """The person's answers: the terms must be agreed; health data is a separate, optional yes."""

    terms: bool
    health_data: bool = False


class InvitationAccept(Schema):
    """Accept an invitation: new people choose a name, password and time zone."""

    consents: ConsentAnswers
    token: Token | None = None
    code: HumanCode | None = None
    display_name: DisplayName | None = None
    password: NewPassword | None = None
    time_zone: TimeZoneName = "Europe/London"
    # The language the person chose on the invitation page (issue 17); left out, their browser's
    # language (Accept-Language) is a first guess, and their organisation's language offer comes first.
    locale: AppLocale | None = None


class ReferralCreate(Schema):
    """A carer asking to join, through the organisation's public form."""

    name: DisplayName
    email: Email
    phone: PhoneText | None = None
    message: Annotated[MultiLine, msgspec.Meta(max_length=1000)] = ""


class ReferralRead(Schema):
    """A referral as coordinators see it."""

    id: uuid.UUID
    name: str
    email: str
    phone: str | None
    message: str
    status: Literal["new", "accepted", "declined"]
    created_at: datetime
    decided_at: datetime | None
    decline_reason: str | None
    already_member: bool
    # The number given, checked (E.164 and as people read it); null when none, or an older unchecked one.
    phone_number: PhoneRead | None = None


class ReferralDecline(Schema):
    """Why a referral was declined (kept for the coordinators; not sent)."""

    reason: ShortText = ""


class ConsentRead(Schema):
    """A consent I gave, and how (issue 16): in the app, out loud to a coordinator, or before carerlink."""

    kind: str
    version: str
    organisation_id: uuid.UUID
    given_at: datetime
    withdrawn_at: datetime | None
    method: str = "in_app"  # "in_app", "verbal" (read out by a coordinator) or "imported"
    recorded_by_name: str | None = None  # the coordinator who recorded it for me (verbal, imported)
    taken_by_name: str | None = None  # who took it before carerlink, as the centre's records say (imported)
    locale: str | None = None  # the language of the words I agreed to; None: not known (imported)
