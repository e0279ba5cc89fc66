"""Small-number suppression (pure rules, no database): no figure about fewer than 5 people is shown.

A figure is a count of people (carers newly joined), a count of things people did (check-ins answered),
or a number worked out from people (a median wait, a mean score). Each carries ``people``: how many
distinct people it is about. The rule:

- ``people`` of 1 to 4: the value is withheld and shown as "fewer than 5". A median, percentile or mean
  of fewer than 5 people is withheld the same way (one person's wait is that person's wait).
- ``people`` of 0: shown as 0 (a count of nobody identifies nobody; a median of nobody is "none").
- **Differencing.** Figures that add up to a shown total form a group (matches ended by each reason and
  all matches ended; better, same and worse against everyone compared; check-ins answered, missed and not
  answered yet against all due; each equality question's answers). When exactly one member of a group is
  withheld, the next smallest non-zero member is withheld too, so the withheld one cannot be worked out by
  subtracting the others from the total.

What is not guarded: figures of two overlapping periods can still be subtracted from each other (a
coordinator can see every row anyway; the rule protects what leaves the centre in a report).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from carerlink.i18n import N_, _, ngettext, pgettext

THRESHOLD = 5
FEWER_WORDS = N_("fewer than 5")


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure before suppression.

    ``value``: the number (``None``: nothing to work out from, like the median of nobody); ``people``:
    how many distinct people it is about; ``unit``: what it counts or measures ("people", "matches",
    "check-ins", "days", "hours", "minutes", "score"); ``group``: figures that add up to a total
    (differencing guard); ``suppressed``: set by ``suppress``.
    """

    key: str
    label: str
    value: int | float | None
    people: int
    unit: str
    group: str | None = None
    suppressed: bool = False


def is_small(people: int) -> bool:
    """1 to 4 people: too few to show."""
    return 0 < people < THRESHOLD


def suppress(figures: list[Figure]) -> list[Figure]:
    """The figures with every small one withheld, then the differencing guard applied to each group."""
    out = [replace(f, suppressed=True) if is_small(f.people) else f for f in figures]
    groups: dict[str, list[int]] = defaultdict(list)
    for index, figure in enumerate(out):
        if figure.group is not None:
            groups[figure.group].append(index)
    for members in groups.values():
        hidden = [i for i in members if out[i].suppressed]
        if len(hidden) != 1:
            continue
        others = [i for i in members if not out[i].suppressed and (out[i].value or 0) > 0]
        if others:
            smallest = min(others, key=lambda i: (out[i].value or 0, i))
            out[smallest] = replace(out[smallest], suppressed=True)
    return out


def words(figure: Figure) -> str:
    """The figure in words, as the screen and the CSV show it."""
    if figure.suppressed:
        return str(FEWER_WORDS)
    value = figure.value
    if value is None:
        return _("none")
    if figure.unit in ("days", "hours", "minutes", "score"):
        number = f"{value:.1f}".removesuffix(".0")
        if figure.unit == "score":
            return number
        return _amount(figure.unit, number).format(number=number)
    return f"{int(value):,}"


def _amount(unit: str, number: str) -> str:
    """Words like "2 days" in the current language: a whole number by its plural, a fraction on its own."""
    if "." in number:
        return {
            "days": pgettext("a fraction", "{number} days"),
            "hours": pgettext("a fraction", "{number} hours"),
            "minutes": pgettext("a fraction", "{number} minutes"),
        }[unit]
    n = int(number)
    return {
        "days": ngettext("{number} day", "{number} days", n),
        "hours": ngettext("{number} hour", "{number} hours", n),
        "minutes": ngettext("{number} minute", "{number} minutes", n),
    }[unit]
