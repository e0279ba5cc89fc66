"""The app's copy of the server's words, written out as a JavaScript module when the app is built.

The caring situation's words (``profiles.vocabulary``: every ``*_LABEL``, ``*_PHRASE`` and ``*_NAME``
table, and ``LANGUAGES``) and the wellbeing scale's words (``checkins.wellbeing``) have one source,
the Python modules; the app imports the generated module, so the two can never disagree. The build
(frontend/tools/vocabulary.mjs) runs ``python -m carerlink.app_words`` and writes what it prints.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Mapping

from carerlink.checkins import wellbeing
from carerlink.profiles import vocabulary

TABLE_NAME = re.compile(r"[A-Z][A-Z_]*_(LABEL|PHRASE|NAME)|LANGUAGES")


def _key(value: object) -> str:
    return value.value if isinstance(value, enum.Enum) else str(value)


def tables() -> dict[str, dict[str, str]]:
    """Every table the app gets, by its Python name: {key as the API sends it: English words}."""
    found: dict[str, dict[str, str]] = {}
    for name, table in vars(vocabulary).items():
        if TABLE_NAME.fullmatch(name) and isinstance(table, Mapping):
            found[name] = {_key(key): str(words) for key, words in table.items()}
    found["WELLBEING_WORDS"] = {_key(score): words for score, words in wellbeing.WELLBEING_WORDS.items()}
    return found


def javascript() -> str:
    """The generated module: one named export per table, in the enum's order."""
    lines = [
        "// Generated when the app is built by `python -m carerlink.app_words` from",
        "// src/carerlink/profiles/vocabulary.py and src/carerlink/checkins/wellbeing.py. Do not edit:",
        "// change the words there. Keys are what the API sends; values are the English words.",
    ]
    for name, table in tables().items():
        lines.append(f"export const {name} = {json.dumps(table, ensure_ascii=False, indent=2)};")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(javascript(), end="")
