"""The pseudo-locale ``en-XA`` for the tests (issue 17), written from the template.

Every message is accented, lengthened and bracketed ⟦…⟧, then compiled into
``locale/en_XA/LC_MESSAGES/carerlink.mo``. A screen or a problem+json read in it shows at once
any English that never went through a catalogue.
``make setup`` writes it (``python -m carerlink.i18n.pseudo``); it is never offered to people.
"""

from __future__ import annotations

import math
import re

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from carerlink.i18n import DOMAIN, LOCALE_DIR

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçðéƒĝĥíĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
# What must stay as written: str.format fields ({name}, {count:d}) and printf ones (%s, %(name)s).
_KEEP = re.compile(r"(\{[^{}]*\}|%\([^)]*\)[sd]|%[sd])")


def pseudo(text: str) -> str:
    """``Sign in to {org}`` → ``⟦Šíĝñ íñ ţö {org}~~~~⟧``: placeholders kept, letters accented."""
    parts = _KEEP.split(text)
    out = "".join(part if _KEEP.fullmatch(part) else part.translate(_ACCENTED) for part in parts)
    letters = sum(ch.isascii() and ch.isalpha() for part in parts if not _KEEP.fullmatch(part) for ch in part)
    return f"⟦{out}{'~' * math.ceil(letters / 3)}⟧"


def build() -> Catalog:
    """The pseudo catalogue of every message in the template."""
    with (LOCALE_DIR / f"{DOMAIN}.pot").open("rb") as handle:
        template = read_po(handle)
    catalogue = Catalog(locale="en", domain=DOMAIN)
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, (tuple, list)):
            singular, plural = message.id[0], message.id[1]
            catalogue.add(message.id, (pseudo(singular), pseudo(plural)), context=message.context)
        else:
            catalogue.add(message.id, pseudo(str(message.id)), context=message.context)
    return catalogue


def main() -> None:
    """Write the compiled pseudo catalogue."""
    target = LOCALE_DIR / "en_XA" / "LC_MESSAGES" / f"{DOMAIN}.mo"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        write_mo(handle, build())


if __name__ == "__main__":
    main()
