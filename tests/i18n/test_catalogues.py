"""The server's gettext catalogues (issue 17): the template holds exactly what the code marks, every
language translates every message with the same placeholders and all its plural forms, and says it
awaits a native speaker's review; the compiled catalogues are what the server reads."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from carerlink import i18n

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = [locale for locale in i18n.LOCALES if locale != i18n.DEFAULT]
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "N_": None,
    "lazy_gettext": None,
}
_PRINTF = re.compile(r"%(?:\([^)]*\))?[sd]")


def _catalogue(locale: str):  # type: ignore[no-untyped-def]
    path = i18n.LOCALE_DIR / locale / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _template():  # type: ignore[no-untyped-def]
    with (i18n.LOCALE_DIR / f"{i18n.DOMAIN}.pot").open("rb") as handle:
        return read_po(handle)


def _fields(text: str) -> set[str]:
    """The str.format fields and printf placeholders of ``text``."""
    found = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    return found | set(_PRINTF.findall(text))


def _key(message_id: str | tuple[str, ...], context: str | None) -> tuple[str | None, str]:
    return context, message_id if isinstance(message_id, str) else message_id[0]


def test_the_template_holds_exactly_what_the_code_marks() -> None:
    marked = set()
    for _, _, message, _, context in extract_from_dir(
        str(ROOT / "src" / "carerlink"), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        marked.add(_key(message, context))
    template = {_key(m.id, m.context) for m in _template() if m.id}
    assert sorted(marked - template, key=str) == [], (
        "marked in the code but not in the template: run make messages"
    )
    assert sorted(template - marked, key=str) == [], (
        "in the template but no longer in the code: run make messages"
    )


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_message_is_translated_with_its_placeholders_and_plural_forms(locale: str) -> None:
    catalogue = _catalogue(locale)
    template = {_key(m.id, m.context) for m in _template() if m.id}
    own = {_key(m.id, m.context): m for m in catalogue if m.id}
    assert sorted(template - set(own), key=str) == [], f"{locale}: run make messages"
    assert sorted(set(own) - template, key=str) == [], f"{locale}: messages the code no longer has"
    forms = i18n.plural_forms(locale)
    assert catalogue.num_plurals == forms
    untranslated, wrong = [], []
    for key, message in own.items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings) or message.fuzzy:
            untranslated.append(key)
            continue
        if isinstance(message.id, tuple):
            if len(strings) != forms:
                wrong.append((key, f"{len(strings)} plural forms, {forms} needed"))
            expected = _fields(message.id[0]) | _fields(message.id[1])
            for text in strings:
                # A form for "one" may say the number in words ("un", "jeden") instead of {count}.
                if not _fields(text) <= expected:
                    wrong.append((key, text))
        elif _fields(strings[0]) != _fields(message.id):
            wrong.append((key, strings[0]))
    assert untranslated == [], f"{locale}: {len(untranslated)} messages not translated"
    assert wrong == []


@pytest.mark.parametrize("locale", TRANSLATED)
def test_translations_say_they_await_a_native_speakers_review(locale: str) -> None:
    assert "not yet reviewed by a native" in _catalogue(locale).header_comment


@pytest.mark.parametrize("locale", TRANSLATED)
def test_the_server_reads_each_language_compiled(locale: str) -> None:
    message = "Something went wrong on our side. Please try again in a moment."
    with i18n.using(locale):
        assert i18n.gettext(message) not in ("", message)
    with i18n.using(i18n.PSEUDO):
        assert i18n.gettext(message).startswith("⟦Šöɱéţĥíñĝ")


def test_a_request_asks_for_its_language_and_anything_else_is_english() -> None:
    assert i18n.negotiate("cy-GB,cy;q=0.9,en-GB;q=0.8") == "cy"
    assert i18n.negotiate("fr-FR, pl;q=0.5, en;q=0.4") == "pl"
    assert i18n.negotiate("en-US,en;q=0.9") == "en-GB"
    assert i18n.negotiate("de, fr;q=0.8") is None
    assert i18n.negotiate("ur;q=0, pl") == "pl"
    assert i18n.negotiate("") is None
    with i18n.using("xx"):
        assert i18n.current() == "en-GB"
