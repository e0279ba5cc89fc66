"""The words of outcome measures and equality monitoring: carerlink's own questions and the Census 2021 lists.

carerlink's wellbeing questions were written for carerlink; no licensed instrument's wording is here.
A centre that holds a licence for one (ASCOT-Carer, Carers Star, SWEMWBS…) enters its words itself.
"""

from __future__ import annotations

from typing import Final

BUILT_IN_KEY: Final = "carerlink_wellbeing"
BUILT_IN_NAME: Final = "How you are (carerlink's own questions)"
BUILT_IN_NOTE: Final = (
    "Written for carerlink: free to use, no licence needed. Six statements on a 1 to 5 scale; a higher "
    "total means things are better."
)
# Most recent two weeks: short enough to remember, long enough not to be one bad day.
BUILT_IN_INTRO: Final = "Thinking about the last two weeks, how true is each of these for you?"

_TRUE_FOR_ME: Final = [
    {"words": "Not at all", "score": 1},
    {"words": "A little", "score": 2},
    {"words": "Somewhat", "score": 3},
    {"words": "Mostly", "score": 4},
    {"words": "Completely", "score": 5},
]

BUILT_IN_QUESTIONS: Final[list[tuple[str, list[dict[str, object]]]]] = [
    ("I get some time for myself, away from caring.", _TRUE_FOR_ME),
    ("I feel supported as someone who cares for another person.", _TRUE_FOR_ME),
    ("I feel able to cope with what caring asks of me.", _TRUE_FOR_ME),
    ("I manage to look after my own health.", _TRUE_FOR_ME),
    ("I have people I can talk to and feel connected to.", _TRUE_FOR_ME),
    ("I feel hopeful about the weeks ahead.", _TRUE_FOR_ME),
]

LICENSED_NOTE: Final = (
    "carerlink ships none of the wording of licensed instruments. Enter the questions only if your centre "
    "holds a licence to use them, and say so in the licence note."
)

PREFER_NOT_TO_SAY: Final = "prefer_not_to_say"

QUESTION_WORDS: Final = {
    "age_band": "Age band",
    "gender": "Gender",
    "ethnicity": "Ethnic group",
}

AGE_BANDS: Final = [
    ("under_18", "Under 18"),
    ("18_24", "18 to 24"),
    ("25_34", "25 to 34"),
    ("35_49", "35 to 49"),
    ("50_64", "50 to 64"),
    ("65_74", "65 to 74"),
    ("75_over", "75 or over"),
    (PREFER_NOT_TO_SAY, "Prefer not to say"),
]

GENDERS: Final = [
    ("woman", "Woman"),
    ("man", "Man"),
    ("non_binary", "Non-binary"),
    ("another_way", "I describe my gender another way"),
    (PREFER_NOT_TO_SAY, "Prefer not to say"),
]

# Census 2021, England and Wales: the 5 high-level ethnic groups and their 19 categories (ONS).
ETHNIC_GROUPS: Final = [
    (
        "Asian, Asian British or Asian Welsh",
        [
            ("asian_bangladeshi", "Bangladeshi"),
            ("asian_chinese", "Chinese"),
            ("asian_indian", "Indian"),
            ("asian_pakistani", "Pakistani"),
            ("asian_other", "Any other Asian background"),
        ],
    ),
    (
        "Black, Black British, Black Welsh, Caribbean or African",
        [
            ("black_african", "African"),
            ("black_caribbean", "Caribbean"),
            ("black_other", "Any other Black, Black British or Caribbean background"),
        ],
    ),
    (
        "Mixed or Multiple ethnic groups",
        [
            ("mixed_white_asian", "White and Asian"),
            ("mixed_white_black_african", "White and Black African"),
            ("mixed_white_black_caribbean", "White and Black Caribbean"),
            ("mixed_other", "Any other Mixed or Multiple ethnic background"),
        ],
    ),
    (
        "White",
        [
            ("white_british", "English, Welsh, Scottish, Northern Irish or British"),
            ("white_irish", "Irish"),
            ("white_gypsy_traveller", "Gypsy or Irish Traveller"),
            ("white_roma", "Roma"),
            ("white_other", "Any other White background"),
        ],
    ),
    (
        "Other ethnic group",
        [
            ("other_arab", "Arab"),
            ("other_any", "Any other ethnic group"),
        ],
    ),
]

ETHNICITIES: Final = [
    (key, f"{group}: {words}") for group, options in ETHNIC_GROUPS for key, words in options
] + [(PREFER_NOT_TO_SAY, "Prefer not to say")]

OPTIONS: Final[dict[str, list[tuple[str, str]]]] = {
    "age_band": AGE_BANDS,
    "gender": GENDERS,
    "ethnicity": ETHNICITIES,
}


def answer_words() -> dict[str, str]:
    """Every question and answer key with its plain words (for the reports)."""
    words = dict(QUESTION_WORDS)
    for options in OPTIONS.values():
        words.update(dict(options))
    return words
