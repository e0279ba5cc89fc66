"""The languages carerlink speaks, and the words of the server in each (issue 17).

English (UK) is the source: every message is written in English in the code, marked with ``_`` (or
``N_`` where it is defined before anyone reads it, ``ngettext`` where its words depend on a count),
and translated through gettext catalogues kept with ``babel``:

- ``make messages`` extracts every marked message into ``locale/carerlink.pot`` and brings each
  language's ``locale/<lang>/LC_MESSAGES/carerlink.po`` up to date;
- ``make setup`` compiles the ``.po`` files into the ``.mo`` files read here (not committed);
- ``tests/i18n/`` checks that every message is translated in every language, that placeholders and
  plural forms match, and that the template holds exactly what the code marks.

Which language a message is in is decided by the ``locale`` context: a request's (the app sends the
language it shows as ``Accept-Language``; ``negotiate``), or the person a notification, e-mail or text
is for (``using(effective_locale(...))``). Nothing here knows about requests or people.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final, Literal, TypeVar, cast

from babel.messages.plurals import get_plural
from babel.support import LazyProxy, NullTranslations, Translations

LocaleTag = Literal["en-GB", "cy", "ur", "pl"]
DEFAULT: Final = "en-GB"
# The languages carerlink is written in, in the order the language switch offers them.
LOCALES: Final[tuple[LocaleTag, ...]] = ("en-GB", "cy", "ur", "pl")
# Each language's own name for itself (the switch shows these, never translated).
NATIVE_NAMES: Final[dict[str, str]] = {"en-GB": "English", "cy": "Cymraeg", "ur": "اردو", "pl": "Polski"}
RIGHT_TO_LEFT: Final = frozenset({"ur"})
# A made-up language for tests only: every message accented and lengthened, so English left untranslated
# stands out (compiled from the template by ``carerlink.i18n.pseudo``; never offered to people).
PSEUDO: Final = "en-XA"
DOMAIN: Final = "carerlink"
LOCALE_DIR: Final = Path(__file__).parent / "locale"

_current: contextvars.ContextVar[str] = contextvars.ContextVar("carerlink_locale", default=DEFAULT)


def supported(tag: str | None) -> str | None:
    """``tag`` as one of LOCALES (``cy-GB`` → ``cy``, ``en`` → ``en-GB``, ``pl_PL`` → ``pl``), else None."""
    if not tag:
        return None
    tag = tag.strip().replace("_", "-")
    if tag == PSEUDO:
        return PSEUDO
    language = tag.split("-")[0].lower()
    if language == "en":
        return DEFAULT
    return language if language in LOCALES else None


def negotiate(accept_language: str | None) -> str | None:
    """The best of LOCALES for an ``Accept-Language`` header (RFC 9110 §12.5.4), or None."""
    if not accept_language:
        return None
    weighted: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and quality > 0:
            weighted.append((-quality, position, tag.strip()))
    preferred = [tag for _, _, tag in sorted(weighted)]
    for tag in preferred:
        if (found := supported(tag)) is not None:
            return found
    return None


@functools.cache
def translations(locale: str) -> NullTranslations:
    """The compiled catalogue of ``locale`` (English and unknown languages: the messages as written)."""
    if locale == DEFAULT:
        return NullTranslations()
    folder = locale.replace("-", "_")
    found = Translations.load(str(LOCALE_DIR), [folder], domain=DOMAIN)
    return found if isinstance(found, NullTranslations) else NullTranslations()


def current() -> str:
    """The language messages are in now."""
    return _current.get()


@contextlib.contextmanager
def using(locale: str | None) -> Iterator[str]:
    """Words inside are in ``locale`` (a supported language, else English)."""
    chosen = supported(locale) or DEFAULT
    token = _current.set(chosen)
    try:
        yield chosen
    finally:
        _current.reset(token)


def set_current(locale: str | None) -> contextvars.Token[str]:
    """Set the language for the rest of this context (a request); ``reset`` with the token after."""
    return _current.set(supported(locale) or DEFAULT)


def reset(token: contextvars.Token[str]) -> None:
    """Undo ``set_current``."""
    _current.reset(token)


def gettext(message: str) -> str:
    """``message`` in the current language."""
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` for ``n`` in the current language (its own plural rules)."""
    return translations(current()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, told apart from the same English in another ``context``."""
    return str(translations(current()).pgettext(context, message))


def lazy_gettext(message: str) -> LazyProxy:
    """A message defined before anyone reads it (a class attribute, a table): translated when used."""
    return LazyProxy(gettext, message, enable_cache=False)


_ = gettext
N_ = lazy_gettext

K = TypeVar("K")


class Words(dict[K, str]):
    """A table of words marked with ``N_``: each read in the current language, as ``str``.

    ``[]``, ``get``, ``values`` and ``items`` translate (the table is defined when the module loads).
    A ``dict``, so code that looks words up needs no change; only ``json``/``msgspec`` reading it as a
    raw dict would see the untranslated proxies (nothing encodes a table whole).
    """

    def __init__(self, table: Mapping[K, LazyProxy | str]) -> None:
        super().__init__(cast(Mapping[K, str], table))

    def __getitem__(self, key: K) -> str:
        return str(super().__getitem__(key))

    def get(self, key: K, default: Any = None) -> Any:
        """The words of ``key`` in the current language, or ``default``."""
        return self[key] if key in self else default  # noqa: SIM401 - dict.get would not translate

    def values(self) -> list[str]:  # type: ignore[override]
        """Every entry's words in the current language."""
        return [self[key] for key in self]

    def items(self) -> list[tuple[K, str]]:  # type: ignore[override]
        """Every (key, words in the current language)."""
        return [(key, self[key]) for key in self]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())

    __hash__ = None

    def __repr__(self) -> str:
        return f"Words({dict(self.items())!r})"


def for_person(locale: str | None, *, chosen: bool, offer: str | None = None) -> str:
    """The language to use with someone.

    The one they chose; until they choose, their organisation's language offer (the Welsh Active
    Offer: Welsh first, to everyone), else the first guess stored for them (their browser's language
    when they joined), else English.
    """
    if chosen and (found := supported(locale)) and found != PSEUDO:
        return found
    return supported(offer) or supported(locale) or DEFAULT


def direction(locale: str) -> Literal["ltr", "rtl"]:
    """Which way ``locale`` is written."""
    return "rtl" if supported(locale) in RIGHT_TO_LEFT else "ltr"


def plural_forms(locale: str) -> int:
    """How many plural forms a gettext catalogue of ``locale`` has (babel's table): cy 6, pl 3, ur 2."""
    return get_plural(locale.replace("-", "_")).num_plurals
