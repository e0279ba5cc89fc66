"""The app's words for the caring situation and the wellbeing scale are the server's (issue 12).

The app imports a module generated from ``profiles/vocabulary.py`` and ``checkins/wellbeing.py`` when
it is built (``carerlink.app_words``). These tests check the generated tables against the enums,
and run the app's own modules in node to check the words a carer, a buddy and a coordinator see.
"""

from __future__ import annotations

import enum
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from carerlink import app_words
from carerlink.checkins.wellbeing import WELLBEING_WORDS
from carerlink.profiles import vocabulary
from carerlink.profiles.vocabulary import JOURNEY_LABEL, JOURNEY_PHRASE, JourneyStage

FRONTEND = Path(__file__).resolve().parents[1] / "frontend"


def _enum_tables() -> list[tuple[str, type[enum.StrEnum]]]:
    """Every exported table keyed by one of the vocabulary's enums, with that enum."""
    found = []
    for name in app_words.tables():
        table = getattr(vocabulary, name, None)
        if isinstance(table, dict) and table and isinstance(next(iter(table)), enum.StrEnum):
            found.append((name, type(next(iter(table)))))
    return found


@pytest.mark.parametrize(("name", "vocabulary_enum"), _enum_tables())
def test_each_table_the_app_gets_has_words_for_every_value_in_the_enums_order(
    name: str, vocabulary_enum: type[enum.StrEnum]
) -> None:
    assert list(app_words.tables()[name]) == [member.value for member in vocabulary_enum]


def test_the_app_gets_the_languages_and_the_wellbeing_words_the_api_uses() -> None:
    tables = app_words.tables()
    assert tables["LANGUAGES"] == vocabulary.LANGUAGES
    assert tables["WELLBEING_WORDS"] == {str(score): words for score, words in WELLBEING_WORDS.items()}
    assert {"JOURNEY_LABEL", "JOURNEY_PHRASE", "REGION_LABEL", "DAY_NAME"} <= set(tables)


# What the app's screens show, computed by the app's own modules in node.
SCREENS_SHOW = """
import { useLocaleForTests } from './src/i18n.js';
await useLocaleForTests('en-GB');
import { profileRows as carerRows } from './src/screens/carer/profile-logic.js';
import { wellbeingOptions } from './src/screens/carer/checkin-logic.js';
import { profileRows as coordinatorRows } from './src/screens/coordinator/logic.js';
import { wellbeingWords } from './src/screens/buddy/logic.js';
const carer = {}, coordinator = {};
for (const stage of STAGES) {
  const profile = { journey_stage: stage, relationships: [], languages: [], years_caring: 1 };
  carer[stage] = carerRows(profile).find((row) => row.key === 'journey_stage').lines[0];
  coordinator[stage] = coordinatorRows(profile).find(([label]) => label === 'Where they are')[1];
}
const buddy = Object.fromEntries([1, 2, 3, 4, 5].map((n) => [n, wellbeingWords({ wellbeing: n })]));
const form = Object.fromEntries(wellbeingOptions().map((option) => [option.value, option.label]));
console.log(JSON.stringify({ carer, coordinator, buddy, form }));
"""


@pytest.fixture(scope="module")
def screens_show() -> dict[str, dict[str, str]]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    # The module the build generates, written the way the build writes it.
    subprocess.run([node, "tools/messages.mjs"], cwd=FRONTEND, check=True)
    script = SCREENS_SHOW.replace("STAGES", json.dumps([stage.value for stage in JourneyStage]))
    out = subprocess.run(
        [node, "--input-type=module", "-e", script], cwd=FRONTEND, check=True, capture_output=True, text=True
    )
    result: dict[str, dict[str, str]] = json.loads(out.stdout)
    return result


def _capitalised(words: str) -> str:
    return words[0].upper() + words[1:]


def test_every_stage_reads_in_the_servers_words_on_the_carers_and_the_coordinators_screens(
    screens_show: dict[str, dict[str, str]],
) -> None:
    """The crisis stage read "Going through a crisis or big change" to a coordinator (issue 12)."""
    for stage in JourneyStage:
        assert screens_show["carer"][stage.value] == JOURNEY_LABEL[stage]
        assert screens_show["coordinator"][stage.value] == _capitalised(JOURNEY_PHRASE[stage])
    assert screens_show["coordinator"]["crisis"] == "Through a crisis or a big change"
    assert screens_show["carer"]["crisis"] == "Going through a crisis or a big change"


def test_the_wellbeing_scale_reads_in_the_apis_words_to_the_carer_and_the_buddy(
    screens_show: dict[str, dict[str, str]],
) -> None:
    for score, words in WELLBEING_WORDS.items():
        assert screens_show["buddy"][str(score)] == _capitalised(words)
        assert screens_show["form"][str(score)] == f"{_capitalised(words)} ({score} out of 5)"
