"""The words profiles are made of: every enum of the caring situation (DOMAIN.md) and its plain words.

Each enum has its words here and nowhere else: ``*_LABEL`` is what people tick and read in a list,
``*_PHRASE`` stands inside a sentence, ``*_NAME`` names a day. Every table is an ``i18n.Words``: its
words are marked with ``N_`` and read in the current language (issue 17). The app's copy of these
tables (and of ``LANGUAGES``), in every language, is generated from this module when the app is built
(``carerlink.app_words``).

Coarse categories only (health data about a third party is kept coarse; no free-text diagnosis). Each
enum value is what the API and the database hold; each label is what people read. ``OTHER``-style
values never count as "the same" when two people are compared: two people who both ticked "other"
have not said they share anything.
"""

from __future__ import annotations

import enum

from carerlink.i18n import N_, Words


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
CARED_FOR_PHRASE: dict[Relationship, str] = Words(
    {
        Relationship.PARTNER: N_("a partner"),
        Relationship.PARENT_OF_CHILD: N_("a child"),
        Relationship.PARENT_OF_ADULT_CHILD: N_("an adult son or daughter"),
        Relationship.SON_OR_DAUGHTER: N_("a parent"),
        Relationship.SIBLING: N_("a brother or sister"),
        Relationship.GRANDPARENT_OR_KINSHIP: N_("a grandchild or young relative"),
        Relationship.FRIEND_OR_NEIGHBOUR: N_("a friend or neighbour"),
        Relationship.OTHER: N_("someone close"),
    }
)

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


NEED_PHRASE: dict[Need, str] = Words(
    {
        Need.MENTAL_HEALTH: N_("a mental health condition"),
        Need.DEMENTIA: N_("dementia"),
        Need.LEARNING_DISABILITY: N_("a learning disability"),
        Need.AUTISM: N_("autism"),
        Need.PHYSICAL_DISABILITY: N_("a physical disability"),
        Need.LONG_TERM_ILLNESS: N_("a long-term illness"),
        Need.FRAILTY: N_("frailty in older age"),
        Need.SUBSTANCE_MISUSE: N_("drug or alcohol problems"),
        Need.TERMINAL_ILLNESS: N_("a terminal illness"),
        Need.OTHER: N_("other needs"),
    }
)


class MentalHealthNeed(enum.StrEnum):
    """Coarse mental-health sub-options (only with ``Need.MENTAL_HEALTH``)."""

    PSYCHOSIS = "psychosis"
    BIPOLAR = "bipolar"
    DEPRESSION_ANXIETY = "depression_anxiety"
    EATING_DISORDER = "eating_disorder"
    PERSONALITY_DISORDER = "personality_disorder"
    OTHER = "other"


MENTAL_HEALTH_PHRASE: dict[MentalHealthNeed, str] = Words(
    {
        MentalHealthNeed.PSYCHOSIS: N_("psychosis or schizophrenia"),
        MentalHealthNeed.BIPOLAR: N_("bipolar disorder"),
        MentalHealthNeed.DEPRESSION_ANXIETY: N_("depression or anxiety"),
        MentalHealthNeed.EATING_DISORDER: N_("an eating disorder"),
        MentalHealthNeed.PERSONALITY_DISORDER: N_("a personality disorder"),
        MentalHealthNeed.OTHER: N_("another mental health condition"),
    }
)


class HoursBand(enum.StrEnum):
    """Hours of care a week, in the Census 2021 bands (so reports compare with official figures)."""

    UP_TO_19 = "19_or_less"
    FROM_20_TO_49 = "20_to_49"
    FROM_50 = "50_or_more"


HOURS_PHRASE: dict[HoursBand, str] = Words(
    {
        HoursBand.UP_TO_19: N_("up to 19 hours a week"),
        HoursBand.FROM_20_TO_49: N_("20 to 49 hours a week"),
        HoursBand.FROM_50: N_("50 or more hours a week"),
    }
)


class JourneyStage(enum.StrEnum):
    """Stage of the caring journey, in order: a buddy should be further along than the carer."""

    NOTICING = "noticing"
    DIAGNOSIS = "diagnosis"
    ADJUSTING = "adjusting"
    ESTABLISHED = "established"
    CRISIS = "crisis"
    ENDED = "ended"


JOURNEY_ORDER: dict[JourneyStage, int] = {stage: index for index, stage in enumerate(JourneyStage)}

JOURNEY_PHRASE: dict[JourneyStage, str] = Words(
    {
        JourneyStage.NOTICING: N_("noticing changes"),
        JourneyStage.DIAGNOSIS: N_("around a diagnosis"),
        JourneyStage.ADJUSTING: N_("adjusting to caring"),
        JourneyStage.ESTABLISHED: N_("settled into caring"),
        JourneyStage.CRISIS: N_("through a crisis or a big change"),
        JourneyStage.ENDED: N_("out the other side of caring"),
    }
)


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


CONTACT_PHRASE: dict[ContactMode, str] = Words(
    {
        ContactMode.PHONE: N_("phone calls"),
        ContactMode.VIDEO: N_("video calls"),
        ContactMode.IN_PERSON: N_("meeting in person"),
        ContactMode.MESSAGES: N_("messages"),
    }
)


class Day(enum.StrEnum):
    """A day of the week."""

    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"


DAY_NAME: dict[Day, str] = Words(
    {
        Day.MON: N_("Monday"),
        Day.TUE: N_("Tuesday"),
        Day.WED: N_("Wednesday"),
        Day.THU: N_("Thursday"),
        Day.FRI: N_("Friday"),
        Day.SAT: N_("Saturday"),
        Day.SUN: N_("Sunday"),
    }
)
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


GENDER_PHRASE: dict[Gender, str] = Words(
    {
        Gender.WOMAN: N_("a woman"),
        Gender.MAN: N_("a man"),
        Gender.NON_BINARY: N_("non-binary"),
    }
)


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


HELP_PHRASE: dict[HelpWith, str] = Words(
    {
        HelpWith.SOMEONE_TO_TALK_TO: N_("someone to talk to"),
        HelpWith.UNDERSTANDING_THE_CONDITION: N_("understanding the condition"),
        HelpWith.SERVICES_AND_SUPPORT: N_("finding services and support"),
        HelpWith.BENEFITS_AND_MONEY: N_("benefits and money"),
        HelpWith.LOOKING_AFTER_MYSELF: N_("looking after themselves"),
        HelpWith.CRISIS_PLANNING: N_("planning for a crisis"),
        HelpWith.WORK_AND_CARING: N_("juggling work and caring"),
        HelpWith.LIFE_AFTER_CARING: N_("life after caring"),
        HelpWith.OTHER: N_("something else"),
    }
)


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
LANGUAGES: dict[str, str] = Words(
    {
        "en": N_("English"),
        "cy": N_("Welsh"),
        "gd": N_("Scottish Gaelic"),
        "ga": N_("Irish"),
        "bfi": N_("British Sign Language"),
        "ur": N_("Urdu"),
        "pa": N_("Punjabi"),
        "bn": N_("Bengali"),
        "syl": N_("Sylheti"),
        "gu": N_("Gujarati"),
        "hi": N_("Hindi"),
        "ta": N_("Tamil"),
        "te": N_("Telugu"),
        "ml": N_("Malayalam"),
        "mr": N_("Marathi"),
        "ne": N_("Nepali"),
        "si": N_("Sinhala"),
        "ar": N_("Arabic"),
        "fa": N_("Persian"),
        "ps": N_("Pashto"),
        "ku": N_("Kurdish"),
        "tr": N_("Turkish"),
        "so": N_("Somali"),
        "ti": N_("Tigrinya"),
        "am": N_("Amharic"),
        "sw": N_("Swahili"),
        "yo": N_("Yoruba"),
        "ig": N_("Igbo"),
        "tw": N_("Twi"),
        "zh": N_("Chinese (Mandarin)"),
        "yue": N_("Cantonese"),
        "vi": N_("Vietnamese"),
        "tl": N_("Tagalog"),
        "pl": N_("Polish"),
        "ro": N_("Romanian"),
        "lt": N_("Lithuanian"),
        "lv": N_("Latvian"),
        "bg": N_("Bulgarian"),
        "hu": N_("Hungarian"),
        "cs": N_("Czech"),
        "sk": N_("Slovak"),
        "ru": N_("Russian"),
        "uk": N_("Ukrainian"),
        "sq": N_("Albanian"),
        "el": N_("Greek"),
        "pt": N_("Portuguese"),
        "es": N_("Spanish"),
        "fr": N_("French"),
        "it": N_("Italian"),
        "de": N_("German"),
        "nl": N_("Dutch"),
        "he": N_("Hebrew"),
        "yi": N_("Yiddish"),
        "rom": N_("Romani"),
    }
)


def language_name(code: str) -> str:
    """The name of a language code in the current language (the code itself when unknown)."""
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
RELATIONSHIP_LABEL: dict[Relationship, str] = Words(
    {
        Relationship.PARTNER: N_("My partner or spouse"),
        Relationship.PARENT_OF_CHILD: N_("My child (under 18)"),
        Relationship.PARENT_OF_ADULT_CHILD: N_("My adult son or daughter"),
        Relationship.SON_OR_DAUGHTER: N_("My mother or father"),
        Relationship.SIBLING: N_("My brother or sister"),
        Relationship.GRANDPARENT_OR_KINSHIP: N_("A grandchild or young relative I bring up"),
        Relationship.FRIEND_OR_NEIGHBOUR: N_("A friend or neighbour"),
        Relationship.OTHER: N_("Someone else"),
    }
)
# What the cared-for person lives with, as a carer or buddy ticks it.
NEED_LABEL: dict[Need, str] = Words(
    {
        Need.MENTAL_HEALTH: N_("A mental health condition"),
        Need.DEMENTIA: N_("Dementia"),
        Need.LEARNING_DISABILITY: N_("A learning disability"),
        Need.AUTISM: N_("Autism"),
        Need.PHYSICAL_DISABILITY: N_("A physical disability"),
        Need.LONG_TERM_ILLNESS: N_("A long-term illness"),
        Need.FRAILTY: N_("Frailty in older age"),
        Need.SUBSTANCE_MISUSE: N_("Drug or alcohol problems"),
        Need.TERMINAL_ILLNESS: N_("A terminal illness"),
        Need.OTHER: N_("Something else"),
    }
)
MENTAL_HEALTH_LABEL: dict[MentalHealthNeed, str] = Words(
    {
        MentalHealthNeed.PSYCHOSIS: N_("Psychosis or schizophrenia"),
        MentalHealthNeed.BIPOLAR: N_("Bipolar disorder"),
        MentalHealthNeed.DEPRESSION_ANXIETY: N_("Depression or anxiety"),
        MentalHealthNeed.EATING_DISORDER: N_("An eating disorder"),
        MentalHealthNeed.PERSONALITY_DISORDER: N_("A personality disorder"),
        MentalHealthNeed.OTHER: N_("Another mental health condition"),
    }
)
HOURS_LABEL: dict[HoursBand, str] = Words(
    {
        HoursBand.UP_TO_19: N_("Up to 19 hours a week"),
        HoursBand.FROM_20_TO_49: N_("20 to 49 hours a week"),
        HoursBand.FROM_50: N_("50 or more hours a week"),
    }
)
# Where someone is with caring, as they tick it.
JOURNEY_LABEL: dict[JourneyStage, str] = Words(
    {
        JourneyStage.NOTICING: N_("Noticing changes"),
        JourneyStage.DIAGNOSIS: N_("Around a diagnosis"),
        JourneyStage.ADJUSTING: N_("Adjusting to caring"),
        JourneyStage.ESTABLISHED: N_("Settled into caring"),
        JourneyStage.CRISIS: N_("Going through a crisis or a big change"),
        JourneyStage.ENDED: N_("My caring has ended"),
    }
)
CARER_CATEGORY_LABEL: dict[CarerCategory, str] = Words(
    {
        CarerCategory.ADULT: N_("Adult carer"),
        CarerCategory.YOUNG_ADULT: N_("Young adult carer (16 to 25)"),
        CarerCategory.YOUNG: N_("Young carer (under 18)"),
        CarerCategory.PARENT: N_("Parent carer"),
        CarerCategory.KINSHIP: N_("Kinship carer"),
        CarerCategory.FORMER: N_("Former carer"),
    }
)
CARING_STATUS_LABEL: dict[CaringStatus, str] = Words(
    {
        CaringStatus.CURRENT: N_("I'm caring now"),
        CaringStatus.FORMER: N_("I cared in the past, and my caring has ended"),
    }
)
CONTACT_LABEL: dict[ContactMode, str] = Words(
    {
        ContactMode.PHONE: N_("Phone calls"),
        ContactMode.VIDEO: N_("Video calls"),
        ContactMode.IN_PERSON: N_("Meeting in person"),
        ContactMode.MESSAGES: N_("Messages"),
    }
)
HELP_LABEL: dict[HelpWith, str] = Words(
    {
        HelpWith.SOMEONE_TO_TALK_TO: N_("Someone to talk to"),
        HelpWith.UNDERSTANDING_THE_CONDITION: N_("Understanding the condition"),
        HelpWith.SERVICES_AND_SUPPORT: N_("Finding services and support"),
        HelpWith.BENEFITS_AND_MONEY: N_("Benefits and money"),
        HelpWith.LOOKING_AFTER_MYSELF: N_("Looking after myself"),
        HelpWith.CRISIS_PLANNING: N_("Planning for a crisis"),
        HelpWith.WORK_AND_CARING: N_("Juggling work and caring"),
        HelpWith.LIFE_AFTER_CARING: N_("Life after caring"),
        HelpWith.OTHER: N_("Something else"),
    }
)
REGION_LABEL: dict[Region, str] = Words(
    {
        Region.NORTH_EAST: N_("North East England"),
        Region.NORTH_WEST: N_("North West England"),
        Region.YORKSHIRE_AND_HUMBER: N_("Yorkshire and the Humber"),
        Region.EAST_MIDLANDS: N_("East Midlands"),
        Region.WEST_MIDLANDS: N_("West Midlands"),
        Region.EAST_OF_ENGLAND: N_("East of England"),
        Region.LONDON: N_("London"),
        Region.SOUTH_EAST: N_("South East England"),
        Region.SOUTH_WEST: N_("South West England"),
        Region.WALES: N_("Wales"),
        Region.SCOTLAND: N_("Scotland"),
        Region.NORTHERN_IRELAND: N_("Northern Ireland"),
    }
)
CULTURE_LABEL: dict[Culture, str] = Words(
    {
        Culture.ASIAN_BANGLADESHI: N_("Asian or Asian British: Bangladeshi"),
        Culture.ASIAN_CHINESE: N_("Asian or Asian British: Chinese"),
        Culture.ASIAN_INDIAN: N_("Asian or Asian British: Indian"),
        Culture.ASIAN_PAKISTANI: N_("Asian or Asian British: Pakistani"),
        Culture.ASIAN_OTHER: N_("Asian or Asian British: another Asian background"),
        Culture.BLACK_AFRICAN: N_("Black or Black British: African"),
        Culture.BLACK_CARIBBEAN: N_("Black or Black British: Caribbean"),
        Culture.BLACK_OTHER: N_("Black or Black British: another Black background"),
        Culture.MIXED_WHITE_ASIAN: N_("Mixed: White and Asian"),
        Culture.MIXED_WHITE_BLACK_AFRICAN: N_("Mixed: White and Black African"),
        Culture.MIXED_WHITE_BLACK_CARIBBEAN: N_("Mixed: White and Black Caribbean"),
        Culture.MIXED_OTHER: N_("Mixed: another mixed background"),
        Culture.WHITE_BRITISH: N_("White: English, Welsh, Scottish, Northern Irish or British"),
        Culture.WHITE_IRISH: N_("White: Irish"),
        Culture.WHITE_GYPSY_OR_IRISH_TRAVELLER: N_("White: Gypsy or Irish Traveller"),
        Culture.WHITE_ROMA: N_("White: Roma"),
        Culture.WHITE_OTHER: N_("White: another White background"),
        Culture.ARAB: N_("Arab"),
        Culture.OTHER: N_("Another ethnic group"),
    }
)
FAITH_LABEL: dict[Faith, str] = Words(
    {
        Faith.NO_RELIGION: N_("No religion"),
        Faith.CHRISTIAN: N_("Christian"),
        Faith.BUDDHIST: N_("Buddhist"),
        Faith.HINDU: N_("Hindu"),
        Faith.JEWISH: N_("Jewish"),
        Faith.MUSLIM: N_("Muslim"),
        Faith.SIKH: N_("Sikh"),
        Faith.OTHER: N_("Another religion"),
    }
)
# A buddy's own gender, as they describe it (a carer's wish reads GENDER_PHRASE).
GENDER_LABEL: dict[Gender, str] = Words(
    {
        Gender.WOMAN: N_("Woman"),
        Gender.MAN: N_("Man"),
        Gender.NON_BINARY: N_("Non-binary"),
    }
)
# How much a wish for a buddy matters, inside a sentence ("A woman (a must)").
STRENGTH_PHRASE: dict[Strength, str] = Words(
    {
        Strength.MUST: N_("a must"),
        Strength.NICE: N_("nice to have"),
    }
)
DAY_PART_NAME: dict[DayPart, str] = Words(
    {
        DayPart.MORNING: N_("Mornings"),
        DayPart.AFTERNOON: N_("Afternoons"),
        DayPart.EVENING: N_("Evenings"),
    }
)
DAY_PART_LABEL: dict[DayPart, str] = Words(
    {
        DayPart.MORNING: N_("Mornings (8am to midday)"),
        DayPart.AFTERNOON: N_("Afternoons (midday to 5pm)"),
        DayPart.EVENING: N_("Evenings (5pm to 9pm)"),
    }
)
