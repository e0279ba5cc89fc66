"""The wellbeing scale's words: how a carer says they are doing, 1 (struggling) to 5 (doing well).

The one source of these words: the API sends them with each answer, and the app's copy is generated
from this module when the app is built (``carerlink.app_words``).
"""

from __future__ import annotations

from typing import Final

from carerlink.i18n import N_, Words

WELLBEING_WORDS: Final[dict[int, str]] = Words(
    {
        1: N_("struggling"),
        2: N_("finding it hard"),
        3: N_("getting by"),
        4: N_("doing okay"),
        5: N_("doing well"),
    }
)
