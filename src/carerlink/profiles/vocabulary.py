"""The words profiles are made of: every enum of the caring situation (DOMAIN.md) and its plain words.

Each enum has its words here and nowhere else: ``*_LABEL`` is what people tick and read in a list,
``*_PHRASE`` stands inside a sentence, ``*_NAME`` names a day. The app's copy of these tables (and of
``LANGUAGES``) is generated from this module when the app is built (``carerlink.app_words``).

Coarse categories only (health data about a third party is kept coarse; no free-text diagnosis). Each
enum value is what the API and the database hold; each label is what people read. ``OTHER``-style
values never count as "the same" when two people are compared: two people who both ticked "other"
have not said they share anything.
"""

from __future__ import annotations

import enum


class Relationship(enum.StrEnum):
    """Who the carer is to the person they care for."""

    PARTNER = "partner"
    PARENT_OF_CHILD = "parent_of_child"
    PARENT_OF_ADULT_CHILD = "parent_of_adult_child"
    SON_OR_DAUGHTER = "son_or_daughter"
    SIBLING = "sibling"
    GRANDPARENT_OR_KINSHIP = "grandparent_or_kinship"
    FRIEND_OR_NEIGHBOUR = "friend_or_neighbour"
    OTHER = "other"


# "You both care for …" (the cared-for person, seen from the carer).
CARED_FOR_PHRASE: dict[Relationship, str] = {
    Relationship.PARTNER: "a partner",
    Relationship.PARENT_OF_CHILD: "a child",
    Relationship.PARENT_OF_ADULT_CHILD: "an adult son or daughter",
    Relationship.SON_OR_DAUGHTER: "a parent",
    Relationship.SIBLING: "a brother or sister",
    Relationship.GRANDPARENT_OR_KINSHIP: "a grandchild or young relative",
    Relationship.FRIEND_OR_NEIGHBOUR: "a friend or neighbour",
    Relationship.OTHER: "someone close",
}

# Relationships close enough to count half when not the same (both are parents of the person).
RELATED_RELATIONSHIPS: frozenset[frozenset[Relationship]] = frozenset(
    {frozenset({Relationship.PARENT_OF_CHILD, Relationship.PARENT_OF_ADULT_CHILD})}
)


class Need(enum.StrEnum):
    """The cared-for person's needs, coarse (special-category data: stored only with consent)."""

    MENTAL_HEALTH = "mental_health"
    DEMENTIA = "dementia"
    LEARNING_DISABILITY = "learning_disability"
    AUTISM = "autism"
    PHYSICAL_DISABILITY = "physical_disability"
    LONG_TERM_ILLNESS = "long_term_illness"
    FRAILTY = "frailty"
    SUBSTANCE_MISUSE = "substance_misuse"
    TERMINAL_ILLNESS = "terminal_illness"
    OTHER = "other"


NEED_PHRASE: dict[Need, str] = {
    Need.MENTAL_HEALTH: "a mental health condition",
    Need.DEMENTIA: "dementia",
    Need.LEARNING_DISABILITY: "a learning disability",
    Need.AUTISM: "autism",
    Need.PHYSICAL_DISABILITY: "a physical disability",
    Need.LONG_TERM_ILLNESS: "a long-term illness",
    Need.FRAILTY: "frailty in older age",
    Need.SUBSTANCE_MISUSE: "drug or alcohol problems",
    Need.TERMINAL_ILLNESS: "a terminal illness",
    Need.OTHER: "other needs",
}


class MentalHealthNeed(enum.StrEnum):
    """Coarse mental-health sub-options (only with ``Need.MENTAL_HEALTH``)."""

    PSYCHOSIS = "psychosis"
    BIPOLAR = "bipolar"
    DEPRESSION_ANXIETY = "depression_anxiety"
    EATING_DISORDER = "eating_disorder"
    PERSONALITY_DISORDER = "personality_disorder"
    OTHER = "other"


MENTAL_HEALTH_PHRASE: dict[MentalHealthNeed, str] = {
    MentalHealthNeed.PSYCHOSIS: "psychosis or schizophrenia",
    MentalHealthNeed.BIPOLAR: "bipolar disorder",
    MentalHealthNeed.DEPRESSION_ANXIETY: "depression or anxiety",
    MentalHealthNeed.EATING_DISORDER: "an eating disorder",
    MentalHealthNeed.PERSONALITY_DISORDER: "a personality disorder",
    MentalHealthNeed.OTHER: "another mental health condition",
}


class HoursBand(enum.StrEnum):
    """Hours of care a week, in the Census 2021 bands (so reports compare with official figures)."""

    UP_TO_19 = "19_or_less"
    FROM_20_TO_49 = "20_to_49"
    FROM_50 = "50_or_more"


HOURS_PHRASE: dict[HoursBand, str] = {
    HoursBand.UP_TO_19: "up to 19 hours a week",
    HoursBand.FROM_20_TO_49: "20 to 49 hours a week",
    HoursBand.FROM_50: "50 or more hours a week",
}


class JourneyStage(enum.StrEnum):
    """Stage of the caring journey, in order: a buddy should be further along than the carer."""

    NOTICING = "noticing"
    DIAGNOSIS = "diagnosis"
    ADJUSTING = "adjusting"
    ESTABLISHED = "established"
    CRISIS = "crisis"
    ENDED = "ended"


JOURNEY_ORDER: dict[JourneyStage, int] = {stage: index for index, stage in enumerate(JourneyStage)}

JOURNEY_PHRASE: dict[JourneyStage, str] = {
    JourneyStage.NOTICING: "noticing changes",
    JourneyStage.DIAGNOSIS: "around a diagnosis",
    JourneyStage.ADJUSTING: "adjusting to caring",
    JourneyStage.ESTABLISHED: "settled into caring",
    JourneyStage.CRISIS: "through a crisis or a big change",
    JourneyStage.ENDED: "out the other side of caring",
}


class CarerCategory(enum.StrEnum):
    """How a carer is counted (DOMAIN.md "Who is a carer")."""

    ADULT = "adult"
    YOUNG_ADULT = "young_adult"
    YOUNG = "young"
    PARENT = "parent"
    KINSHIP = "kinship"
    FORMER = "former"


# Categories whose carers may be under 18 (a young carer always is; a young adult carer is 16-25).
UNDER_18_CATEGORIES = frozenset({CarerCategory.YOUNG, CarerCategory.YOUNG_ADULT})


class CaringStatus(enum.StrEnum):
    """Whether a buddy is caring now or has cared in the past."""

    CURRENT = "current"
    FORMER = "former"


class ContactMode(enum.StrEnum):
    """How two people keep in touch."""

    PHONE = "phone"
    VIDEO = "video"
    IN_PERSON = "in_person"
    MESSAGES = "messages"


CONTACT_PHRASE: dict[ContactMode, str] = {
    ContactMode.PHONE: "phone calls",
    ContactMode.VIDEO: "video calls",
    ContactMode.IN_PERSON: "meeting in person",
    ContactMode.MESSAGES: "messages",
}


class Day(enum.StrEnum):
    """A day of the week."""

    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"


DAY_NAME: dict[Day, str] = {
    Day.MON: "Monday",
    Day.TUE: "Tuesday",
    Day.WED: "Wednesday",
    Day.THU: "Thursday",
    Day.FRI: "Friday",
    Day.SAT: "Saturday",
    Day.SUN: "Sunday",
}
WEEKDAYS = (Day.MON, Day.TUE, Day.WED, Day.THU, Day.FRI)


class DayPart(enum.StrEnum):
    """Part of a day, in the person's local time: morning 8-12, afternoon 12-17, evening 17-21."""

    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"


def slot_index(day: Day, part: DayPart) -> int:
    """The bit a weekly availability slot occupies (21 slots: 7 days x 3 parts)."""
    return list(Day).index(day) * 3 + list(DayPart).index(part)


class Gender(enum.StrEnum):
    """A buddy's gender, when they choose to give it (only for carers' preferences)."""

    WOMAN = "woman"
    MAN = "man"
    NON_BINARY = "non_binary"


GENDER_PHRASE: dict[Gender, str] = {
    Gender.WOMAN: "a woman",
    Gender.MAN: "a man",
    Gender.NON_BINARY: "non-binary",
}


class Strength(enum.StrEnum):
    """How much a matching preference matters: a "must" filters, a "nice to have" scores."""

    MUST = "must"
    NICE = "nice"


class Region(enum.StrEnum):
    """UK nations and English regions (ITL1), for an area when no postcode district is given."""

    NORTH_EAST = "north_east"
    NORTH_WEST = "north_west"
    YORKSHIRE_AND_HUMBER = "yorkshire_and_humber"
    EAST_MIDLANDS = "east_midlands"
    WEST_MIDLANDS = "west_midlands"
    EAST_OF_ENGLAND = "east_of_england"
    LONDON = "london"
    SOUTH_EAST = "south_east"
    SOUTH_WEST = "south_west"
    WALES = "wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern_ireland"


class Culture(enum.StrEnum):
    """Ethnic group in the Census 2021 (England and Wales) categories; optional, for "shared culture"."""

    ASIAN_BANGLADESHI = "asian_bangladeshi"
    ASIAN_CHINESE = "asian_chinese"
    ASIAN_INDIAN = "asian_indian"
    ASIAN_PAKISTANI = "asian_pakistani"
    ASIAN_OTHER = "asian_other"
    BLACK_AFRICAN = "black_african"
    BLACK_CARIBBEAN = "black_caribbean"
    BLACK_OTHER = "black_other"
    MIXED_WHITE_ASIAN = "mixed_white_asian"
    MIXED_WHITE_BLACK_AFRICAN = "mixed_white_black_african"
    MIXED_WHITE_BLACK_CARIBBEAN = "mixed_white_black_caribbean"
    MIXED_OTHER = "mixed_other"
    WHITE_BRITISH = "white_british"
    WHITE_IRISH = "white_irish"
    WHITE_GYPSY_OR_IRISH_TRAVELLER = "white_gypsy_or_irish_traveller"
    WHITE_ROMA = "white_roma"
    WHITE_OTHER = "white_other"
    ARAB = "arab"
    OTHER = "other"


class Faith(enum.StrEnum):
    """Religion in the Census 2021 categories; optional, for "shared faith"."""

    NO_RELIGION = "no_religion"
    CHRISTIAN = "christian"
    BUDDHIST = "buddhist"
    HINDU = "hindu"
    JEWISH = "jewish"
    MUSLIM = "muslim"
    SIKH = "sikh"
    OTHER = "other"


# "Other …" answers say only what someone is not, so two of them are not a shared background.
UNSHARED_CULTURES = frozenset(
    {Culture.ASIAN_OTHER, Culture.BLACK_OTHER, Culture.MIXED_OTHER, Culture.WHITE_OTHER, Culture.OTHER}
)


class HelpWith(enum.StrEnum):
    """What a carer would like help with."""

    SOMEONE_TO_TALK_TO = "someone_to_talk_to"
    UNDERSTANDING_THE_CONDITION = "understanding_the_condition"
    SERVICES_AND_SUPPORT = "services_and_support"
    BENEFITS_AND_MONEY = "benefits_and_money"
    LOOKING_AFTER_MYSELF = "looking_after_myself"
    CRISIS_PLANNING = "crisis_planning"
    WORK_AND_CARING = "work_and_caring"
    LIFE_AFTER_CARING = "life_after_caring"
    OTHER = "other"


HELP_PHRASE: dict[HelpWith, str] = {
    HelpWith.SOMEONE_TO_TALK_TO: "someone to talk to",
    HelpWith.UNDERSTANDING_THE_CONDITION: "understanding the condition",
    HelpWith.SERVICES_AND_SUPPORT: "finding services and support",
    HelpWith.BENEFITS_AND_MONEY: "benefits and money",
    HelpWith.LOOKING_AFTER_MYSELF: "looking after themselves",
    HelpWith.CRISIS_PLANNING: "planning for a crisis",
    HelpWith.WORK_AND_CARING: "juggling work and caring",
    HelpWith.LIFE_AFTER_CARING: "life after caring",
    HelpWith.OTHER: "something else",
}


class CheckType(enum.StrEnum):
    """The kind of safeguarding check a coordinator recorded for a buddy."""

    DBS_BASIC = "dbs_basic"
    DBS_STANDARD = "dbs_standard"
    DBS_ENHANCED = "dbs_enhanced"
    DBS_ENHANCED_ADULTS_BARRED = "dbs_enhanced_adults_barred"
    DBS_ENHANCED_CHILDREN_BARRED = "dbs_enhanced_children_barred"
    DBS_ENHANCED_BOTH_BARRED = "dbs_enhanced_both_barred"
    PVG_ADULTS = "pvg_adults"
    PVG_CHILDREN = "pvg_children"
    ACCESS_NI_ENHANCED = "access_ni_enhanced"
    OTHER = "other"


# The checks that cover work with children: needed before a buddy is cleared for young carers.
CHILDREN_CHECKS = frozenset(
    {CheckType.DBS_ENHANCED_CHILDREN_BARRED, CheckType.DBS_ENHANCED_BOTH_BARRED, CheckType.PVG_CHILDREN}
)

# The checks a buddy's role needs unless the organisation chooses otherwise.
DEFAULT_BUDDY_CHECKS = (
    CheckType.DBS_ENHANCED,
    CheckType.DBS_ENHANCED_ADULTS_BARRED,
    CheckType.DBS_ENHANCED_CHILDREN_BARRED,
    CheckType.DBS_ENHANCED_BOTH_BARRED,
    CheckType.PVG_ADULTS,
    CheckType.PVG_CHILDREN,
    CheckType.ACCESS_NI_ENHANCED,
)

# Languages people can list (ISO 639-1, or 639-3 where there is no two-letter code), with names.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "cy": "Welsh",
    "gd": "Scottish Gaelic",
    "ga": "Irish",
    "bfi": "British Sign Language",
    "ur": "Urdu",
    "pa": "Punjabi",
    "bn": "Bengali",
    "syl": "Sylheti",
    "gu": "Gujarati",
    "hi": "Hindi",
    "ta": "Tamil",
    "te": "Telugu",
    "ml": "Malayalam",
    "mr": "Marathi",
    "ne": "Nepali",
    "si": "Sinhala",
    "ar": "Arabic",
    "fa": "Persian",
    "ps": "Pashto",
    "ku": "Kurdish",
    "tr": "Turkish",
    "so": "Somali",
    "ti": "Tigrinya",
    "am": "Amharic",
    "sw": "Swahili",
    "yo": "Yoruba",
    "ig": "Igbo",
    "tw": "Twi",
    "zh": "Chinese (Mandarin)",
    "yue": "Cantonese",
    "vi": "Vietnamese",
    "tl": "Tagalog",
    "pl": "Polish",
    "ro": "Romanian",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "bg": "Bulgarian",
    "hu": "Hungarian",
    "cs": "Czech",
    "sk": "Slovak",
    "ru": "Russian",
    "uk": "Ukrainian",
    "sq": "Albanian",
    "el": "Greek",
    "pt": "Portuguese",
    "es": "Spanish",
    "fr": "French",
    "it": "Italian",
    "de": "German",
    "nl": "Dutch",
    "he": "Hebrew",
    "yi": "Yiddish",
    "rom": "Romani",
}


def language_name(code: str) -> str:
    """The English name of a language code (the code itself when unknown)."""
    return LANGUAGES.get(code, code)


def postcode_area(district: str) -> str:
    """The postcode area of a district: its leading letters (``SW9`` → ``SW``, ``M1`` → ``M``)."""
    letters = ""
    for char in district:
        if not char.isalpha():
            break
        letters += char
    return letters


# --- What people tick and read in the app (generated into the app, see the module docstring) ---

# Who the carer cares for, as they tick it ("I care for …").
RELATIONSHIP_LABEL: dict[Relationship, str] = {
    Relationship.PARTNER: "My partner or spouse",
    Relationship.PARENT_OF_CHILD: "My child (under 18)",
    Relationship.PARENT_OF_ADULT_CHILD: "My adult son or daughter",
    Relationship.SON_OR_DAUGHTER: "My mother or father",
    Relationship.SIBLING: "My brother or sister",
    Relationship.GRANDPARENT_OR_KINSHIP: "A grandchild or young relative I bring up",
    Relationship.FRIEND_OR_NEIGHBOUR: "A friend or neighbour",
    Relationship.OTHER: "Someone else",
}
# What the cared-for person lives with, as a carer or buddy ticks it.
NEED_LABEL: dict[Need, str] = {
    Need.MENTAL_HEALTH: "A mental health condition",
    Need.DEMENTIA: "Dementia",
    Need.LEARNING_DISABILITY: "A learning disability",
    Need.AUTISM: "Autism",
    Need.PHYSICAL_DISABILITY: "A physical disability",
    Need.LONG_TERM_ILLNESS: "A long-term illness",
    Need.FRAILTY: "Frailty in older age",
    Need.SUBSTANCE_MISUSE: "Drug or alcohol problems",
    Need.TERMINAL_ILLNESS: "A terminal illness",
    Need.OTHER: "Something else",
}
MENTAL_HEALTH_LABEL: dict[MentalHealthNeed, str] = {
    MentalHealthNeed.PSYCHOSIS: "Psychosis or schizophrenia",
    MentalHealthNeed.BIPOLAR: "Bipolar disorder",
    MentalHealthNeed.DEPRESSION_ANXIETY: "Depression or anxiety",
    MentalHealthNeed.EATING_DISORDER: "An eating disorder",
    MentalHealthNeed.PERSONALITY_DISORDER: "A personality disorder",
    MentalHealthNeed.OTHER: "Another mental health condition",
}
HOURS_LABEL: dict[HoursBand, str] = {
    HoursBand.UP_TO_19: "Up to 19 hours a week",
    HoursBand.FROM_20_TO_49: "20 to 49 hours a week",
    HoursBand.FROM_50: "50 or more hours a week",
}
# Where someone is with caring, as they tick it.
JOURNEY_LABEL: dict[JourneyStage, str] = {
    JourneyStage.NOTICING: "Noticing changes",
    JourneyStage.DIAGNOSIS: "Around a diagnosis",
    JourneyStage.ADJUSTING: "Adjusting to caring",
    JourneyStage.ESTABLISHED: "Settled into caring",
    JourneyStage.CRISIS: "Going through a crisis or a big change",
    JourneyStage.ENDED: "My caring has ended",
}
CARER_CATEGORY_LABEL: dict[CarerCategory, str] = {
    CarerCategory.ADULT: "Adult carer",
    CarerCategory.YOUNG_ADULT: "Young adult carer (16 to 25)",
    CarerCategory.YOUNG: "Young carer (under 18)",
    CarerCategory.PARENT: "Parent carer",
    CarerCategory.KINSHIP: "Kinship carer",
    CarerCategory.FORMER: "Former carer",
}
CARING_STATUS_LABEL: dict[CaringStatus, str] = {
    CaringStatus.CURRENT: "I'm caring now",
    CaringStatus.FORMER: "I cared in the past, and my caring has ended",
}
CONTACT_LABEL: dict[ContactMode, str] = {
    ContactMode.PHONE: "Phone calls",
    ContactMode.VIDEO: "Video calls",
    ContactMode.IN_PERSON: "Meeting in person",
    ContactMode.MESSAGES: "Messages",
}
HELP_LABEL: dict[HelpWith, str] = {
    HelpWith.SOMEONE_TO_TALK_TO: "Someone to talk to",
    HelpWith.UNDERSTANDING_THE_CONDITION: "Understanding the condition",
    HelpWith.SERVICES_AND_SUPPORT: "Finding services and support",
    HelpWith.BENEFITS_AND_MONEY: "Benefits and money",
    HelpWith.LOOKING_AFTER_MYSELF: "Looking after myself",
    HelpWith.CRISIS_PLANNING: "Planning for a crisis",
    HelpWith.WORK_AND_CARING: "Juggling work and caring",
    HelpWith.LIFE_AFTER_CARING: "Life after caring",
    HelpWith.OTHER: "Something else",
}
REGION_LABEL: dict[Region, str] = {
    Region.NORTH_EAST: "North East England",
    Region.NORTH_WEST: "North West England",
    Region.YORKSHIRE_AND_HUMBER: "Yorkshire and the Humber",
    Region.EAST_MIDLANDS: "East Midlands",
    Region.WEST_MIDLANDS: "West Midlands",
    Region.EAST_OF_ENGLAND: "East of England",
    Region.LONDON: "London",
    Region.SOUTH_EAST: "South East England",
    Region.SOUTH_WEST: "South West England",
    Region.WALES: "Wales",
    Region.SCOTLAND: "Scotland",
    Region.NORTHERN_IRELAND: "Northern Ireland",
}
CULTURE_LABEL: dict[Culture, str] = {
    Culture.ASIAN_BANGLADESHI: "Asian or Asian British: Bangladeshi",
    Culture.ASIAN_CHINESE: "Asian or Asian British: Chinese",
    Culture.ASIAN_INDIAN: "Asian or Asian British: Indian",
    Culture.ASIAN_PAKISTANI: "Asian or Asian British: Pakistani",
    Culture.ASIAN_OTHER: "Asian or Asian British: another Asian background",
    Culture.BLACK_AFRICAN: "Black or Black British: African",
    Culture.BLACK_CARIBBEAN: "Black or Black British: Caribbean",
    Culture.BLACK_OTHER: "Black or Black British: another Black background",
    Culture.MIXED_WHITE_ASIAN: "Mixed: White and Asian",
    Culture.MIXED_WHITE_BLACK_AFRICAN: "Mixed: White and Black African",
    Culture.MIXED_WHITE_BLACK_CARIBBEAN: "Mixed: White and Black Caribbean",
    Culture.MIXED_OTHER: "Mixed: another mixed background",
    Culture.WHITE_BRITISH: "White: English, Welsh, Scottish, Northern Irish or British",
    Culture.WHITE_IRISH: "White: Irish",
    Culture.WHITE_GYPSY_OR_IRISH_TRAVELLER: "White: Gypsy or Irish Traveller",
    Culture.WHITE_ROMA: "White: Roma",
    Culture.WHITE_OTHER: "White: another White background",
    Culture.ARAB: "Arab",
    Culture.OTHER: "Another ethnic group",
}
FAITH_LABEL: dict[Faith, str] = {
    Faith.NO_RELIGION: "No religion",
    Faith.CHRISTIAN: "Christian",
    Faith.BUDDHIST: "Buddhist",
    Faith.HINDU: "Hindu",
    Faith.JEWISH: "Jewish",
    Faith.MUSLIM: "Muslim",
    Faith.SIKH: "Sikh",
    Faith.OTHER: "Another religion",
}
# A buddy's own gender, as they describe it (a carer's wish reads GENDER_PHRASE).
GENDER_LABEL: dict[Gender, str] = {
    Gender.WOMAN: "Woman",
    Gender.MAN: "Man",
    Gender.NON_BINARY: "Non-binary",
}
# How much a wish for a buddy matters, inside a sentence ("A woman (a must)").
STRENGTH_PHRASE: dict[Strength, str] = {
    Strength.MUST: "a must",
    Strength.NICE: "nice to have",
}
DAY_PART_NAME: dict[DayPart, str] = {
    DayPart.MORNING: "Mornings",
    DayPart.AFTERNOON: "Afternoons",
    DayPart.EVENING: "Evenings",
}
DAY_PART_LABEL: dict[DayPart, str] = {
    DayPart.MORNING: "Mornings (8am to midday)",
    DayPart.AFTERNOON: "Afternoons (midday to 5pm)",
    DayPart.EVENING: "Evenings (5pm to 9pm)",
}
