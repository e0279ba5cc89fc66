"""The wellbeing scale's words: how a carer says they are doing, 1 (struggling) to 5 (doing well).

The one source of these words: the API sends them with each answer, and the app's copy is generated
from this module when the app is built (``carerlink.app_words``).
"""

from __future__ import annotations

from typing import Final

WELLBEING_WORDS: Final[dict[int, str]] = {
    1: "struggling",
    2: "finding it hard",
    3: "getting by",
    4: "doing okay",
    5: "doing well",
}
