"""Business rules of profiles: carers' and buddies' own profiles, health-data consent, buddy screening.

One module per concern: ``carers``, ``buddies`` (profiles, pause, capacity, places), ``consent``,
``buddy_screening`` (screening as read, rechecks, renewal reminders) and ``checks`` (courses, training
records, safeguarding checks, decisions) and ``supervision`` (debriefs a buddy asks for, supervision and
debrief sessions, overdue supervision), with what they share in ``_common``. Functions at the
organisation level take a ``Scope`` first. The names other domains import are re-exported here.
"""

from carerlink.profiles.service import (
    buddies,
    buddy_screening,
    carers,
    checks,
    consent,
    on_behalf,
    supervision,
)
from carerlink.profiles.service._common import (
    HEALTH_CONSENT_OF,
    availability_mask,
    availability_slots,
    organisation_today,
    settings_of,
)
from carerlink.profiles.service.buddies import (
    BUDDY_NEEDS_NEED_CONSENT,
    LONGEST_PAUSE,
    BuddyProfileView,
    get_my_buddy_profile,
    has_buddy_health_consent,
    read_buddy_profile,
    release_place,
    save_my_buddy_profile,
    take_place,
    update_my_wellbeing,
)
from carerlink.profiles.service.buddy_screening import (
    BuddyMember,
    BuddyScreening,
    CheckRecord,
    CourseRecord,
    active_buddies,
    get_my_screening,
    get_screening,
    list_buddies,
    list_rechecks_due,
    remind_renewals,
    screenings,
)
from carerlink.profiles.service.carers import (
    NEEDS_NEED_CONSENT,
    CarerProfileView,
    carer_profiles,
    get_my_carer_profile,
    has_health_consent,
    read_carer_profile,
    save_my_carer_profile,
)
from carerlink.profiles.service.checks import (
    create_course,
    decide,
    delete_training_record,
    list_courses,
    record_check,
    record_training,
    update_course,
)
from carerlink.profiles.service.consent import health_consent_of, set_health_consent

__all__ = [
    "BUDDY_NEEDS_NEED_CONSENT",
    "HEALTH_CONSENT_OF",
    "LONGEST_PAUSE",
    "NEEDS_NEED_CONSENT",
    "BuddyMember",
    "BuddyProfileView",
    "BuddyScreening",
    "CarerProfileView",
    "CheckRecord",
    "CourseRecord",
    "active_buddies",
    "availability_mask",
    "availability_slots",
    "buddies",
    "buddy_screening",
    "carer_profiles",
    "carers",
    "checks",
    "consent",
    "create_course",
    "decide",
    "delete_training_record",
    "get_my_buddy_profile",
    "get_my_carer_profile",
    "get_my_screening",
    "get_screening",
    "has_buddy_health_consent",
    "has_health_consent",
    "health_consent_of",
    "list_buddies",
    "list_courses",
    "list_rechecks_due",
    "on_behalf",
    "organisation_today",
    "read_buddy_profile",
    "read_carer_profile",
    "record_check",
    "record_training",
    "release_place",
    "remind_renewals",
    "save_my_buddy_profile",
    "save_my_carer_profile",
    "screenings",
    "set_health_consent",
    "settings_of",
    "supervision",
    "take_place",
    "update_course",
    "update_my_wellbeing",
]
