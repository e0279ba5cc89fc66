"""The app's copy of the server's words, in every language, read when the app is built.

The caring situation's words (``profiles.vocabulary``: every ``*_LABEL``, ``*_PHRASE`` and ``*_NAME``
table, and ``LANGUAGES``) and the wellbeing scale's words (``checkins.wellbeing``) have one source,
the Python modules, translated once in the server's catalogues (``carerlink.i18n``); the app's
generated vocabulary takes every language from here, so the two can never disagree. The build
(frontend/tools/messages.mjs) runs ``python -m carerlink.app_words`` and reads the JSON it prints.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Mapping

from carerlink import i18n
from carerlink.checkins import wellbeing
from carerlink.profiles import vocabulary

TABLE_NAME = re.compile(r"[A-Z][A-Z_]*_(LABEL|PHRASE|NAME)|LANGUAGES")


def _key(value: object) -> str:
    return value.value if isinstance(value, enum.Enum) else str(value)


def tables() -> dict[str, dict[str, str]]:
    """Every table the app gets, by its Python name: {key as the API sends it: words, current language}."""
    found: dict[str, dict[str, str]] = {}
    for name, table in vars(vocabulary).items():
        if TABLE_NAME.fullmatch(name) and isinstance(table, Mapping):
            found[name] = {_key(key): str(words) for key, words in table.items()}
    found["WELLBEING_WORDS"] = {_key(score): words for score, words in wellbeing.WELLBEING_WORDS.items()}
    return found


def all_languages() -> dict[str, dict[str, dict[str, str]]]:
    """Every table in every language carerlink speaks: {locale: {table: {key: words}}}."""
    found: dict[str, dict[str, dict[str, str]]] = {}
    for locale in i18n.LOCALES:
        with i18n.using(locale):
            found[locale] = tables()
    return found


if __name__ == "__main__":
    print(json.dumps(all_languages(), ensure_ascii=False, indent=1))
