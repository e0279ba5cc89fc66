"""The words of outcome measures and equality monitoring: carerlink's own questions and the Census 2021 lists.

carerlink's wellbeing questions were written for carerlink; no licensed instrument's wording is here.
A centre that holds a licence for one (ASCOT-Carer, Carers Star, SWEMWBS…) enters its words itself.

Issue 17: carerlink's own questions are copied into each centre's database in English and shown in
the reader's language (``shown``); every other word here is read in the current language when asked
for (the module's ``__getattr__``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from babel.support import LazyProxy

from carerlink import i18n
from carerlink.i18n import N_, _


def _english(message: LazyProxy) -> str:
    """A message in English: carerlink's own questions are copied into the database as written."""
    with i18n.using(i18n.DEFAULT):
        return str(message)


BUILT_IN_KEY: Final = "carerlink_wellbeing"
BUILT_IN_NAME: Final = _english(N_("How you are (carerlink's own questions)"))
BUILT_IN_NOTE: Final = _english(
    N_(
        "Written for carerlink: free to use, no licence needed. Six statements on a 1 to 5 scale; a "
        "higher total means things are better."
    )
)
# Most recent two weeks: short enough to remember, long enough not to be one bad day.
_BUILT_IN_INTRO = N_("Thinking about the last two weeks, how true is each of these for you?")

_TRUE_FOR_ME: Final = [
    {"words": _english(N_("Not at all")), "score": 1},
    {"words": _english(N_("A little")), "score": 2},
    {"words": _english(N_("Somewhat")), "score": 3},
    {"words": _english(N_("Mostly")), "score": 4},
    {"words": _english(N_("Completely")), "score": 5},
]

BUILT_IN_QUESTIONS: Final[list[tuple[str, list[dict[str, object]]]]] = [
    (_english(N_("I get some time for myself, away from caring.")), _TRUE_FOR_ME),
    (_english(N_("I feel supported as someone who cares for another person.")), _TRUE_FOR_ME),
    (_english(N_("I feel able to cope with what caring asks of me.")), _TRUE_FOR_ME),
    (_english(N_("I manage to look after my own health.")), _TRUE_FOR_ME),
    (_english(N_("I have people I can talk to and feel connected to.")), _TRUE_FOR_ME),
    (_english(N_("I feel hopeful about the weeks ahead.")), _TRUE_FOR_ME),
]

_LICENSED_NOTE = N_(
    "carerlink ships none of the wording of licensed instruments. Enter the questions only if your centre "
    "holds a licence to use them, and say so in the licence note."
)

PREFER_NOT_TO_SAY: Final = "prefer_not_to_say"

_QUESTION_WORDS = {
    "age_band": N_("Age band"),
    "gender": N_("Gender"),
    "ethnicity": N_("Ethnic group"),
}

_AGE_BANDS = [
    ("under_18", N_("Under 18")),
    ("18_24", N_("18 to 24")),
    ("25_34", N_("25 to 34")),
    ("35_49", N_("35 to 49")),
    ("50_64", N_("50 to 64")),
    ("65_74", N_("65 to 74")),
    ("75_over", N_("75 or over")),
    (PREFER_NOT_TO_SAY, N_("Prefer not to say")),
]

_GENDERS = [
    ("woman", N_("Woman")),
    ("man", N_("Man")),
    ("non_binary", N_("Non-binary")),
    ("another_way", N_("I describe my gender another way")),
    (PREFER_NOT_TO_SAY, N_("Prefer not to say")),
]

# Census 2021, England and Wales: the 5 high-level ethnic groups and their 19 categories (ONS).
_ETHNIC_GROUPS = [
    (
        N_("Asian, Asian British or Asian Welsh"),
        [
            ("asian_bangladeshi", N_("Bangladeshi")),
            ("asian_chinese", N_("Chinese")),
            ("asian_indian", N_("Indian")),
            ("asian_pakistani", N_("Pakistani")),
            ("asian_other", N_("Any other Asian background")),
        ],
    ),
    (
        N_("Black, Black British, Black Welsh, Caribbean or African"),
        [
            ("black_african", N_("African")),
            ("black_caribbean", N_("Caribbean")),
            ("black_other", N_("Any other Black, Black British or Caribbean background")),
        ],
    ),
    (
        N_("Mixed or Multiple ethnic groups"),
        [
            ("mixed_white_asian", N_("White and Asian")),
            ("mixed_white_black_african", N_("White and Black African")),
            ("mixed_white_black_caribbean", N_("White and Black Caribbean")),
            ("mixed_other", N_("Any other Mixed or Multiple ethnic background")),
        ],
    ),
    (
        N_("White"),
        [
            ("white_british", N_("English, Welsh, Scottish, Northern Irish or British")),
            ("white_irish", N_("Irish")),
            ("white_gypsy_traveller", N_("Gypsy or Irish Traveller")),
            ("white_roma", N_("Roma")),
            ("white_other", N_("Any other White background")),
        ],
    ),
    (
        N_("Other ethnic group"),
        [
            ("other_arab", N_("Arab")),
            ("other_any", N_("Any other ethnic group")),
        ],
    ),
]


def _pairs(options: list[tuple[str, LazyProxy]]) -> list[tuple[str, str]]:
    return [(key, str(words)) for key, words in options]


def _shown(name: str) -> Any:
    """The display words of ``name`` in the current language."""
    if name == "LICENSED_NOTE":
        return str(_LICENSED_NOTE)
    if name == "BUILT_IN_INTRO":
        return str(_BUILT_IN_INTRO)
    if name == "QUESTION_WORDS":
        return {key: str(words) for key, words in _QUESTION_WORDS.items()}
    if name == "AGE_BANDS":
        return _pairs(_AGE_BANDS)
    if name == "GENDERS":
        return _pairs(_GENDERS)
    if name == "ETHNIC_GROUPS":
        return [(str(group), _pairs(options)) for group, options in _ETHNIC_GROUPS]
    if name == "ETHNICITIES":
        return [
            (key, _("{group}: {words}").format(group=group, words=words))
            for group, options in _shown("ETHNIC_GROUPS")
            for key, words in options
        ] + [(PREFER_NOT_TO_SAY, _("Prefer not to say"))]
    if name == "OPTIONS":
        return {
            "age_band": _shown("AGE_BANDS"),
            "gender": _shown("GENDERS"),
            "ethnicity": _shown("ETHNICITIES"),
        }
    raise AttributeError(name)


if TYPE_CHECKING:  # what ``__getattr__`` gives
    LICENSED_NOTE: str
    BUILT_IN_INTRO: str
    QUESTION_WORDS: dict[str, str]
    AGE_BANDS: list[tuple[str, str]]
    GENDERS: list[tuple[str, str]]
    ETHNIC_GROUPS: list[tuple[str, list[tuple[str, str]]]]
    ETHNICITIES: list[tuple[str, str]]
    OPTIONS: dict[str, list[tuple[str, str]]]


def __getattr__(name: str) -> Any:
    """The words shown on screen, read in the current language when asked for (issue 17).

    ``LICENSED_NOTE``, ``BUILT_IN_INTRO``, ``QUESTION_WORDS``, ``AGE_BANDS``, ``GENDERS``,
    ``ETHNIC_GROUPS``, ``ETHNICITIES`` and ``OPTIONS``.
    """
    return _shown(name)


def shown(english: str) -> str:
    """Words of carerlink's own questions (kept in English in the database) in the current language."""
    return i18n.gettext(english)


def answer_words() -> dict[str, str]:
    """Every question and answer key with its plain words (for the reports)."""
    words = dict(_shown("QUESTION_WORDS"))
    for options in _shown("OPTIONS").values():
        words.update(dict(options))
    return words
