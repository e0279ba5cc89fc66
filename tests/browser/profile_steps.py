"""Going through the stepped profile form (issue 16): one topic a page, Continue, Check your answers, Save.

The carer's steps: About your caring, The person you care for, Language, How and when to talk, What
you'd like in a buddy, Anything else. The buddy's: Your experience of caring, The person you care or
cared for, How and when to talk, About you. Each step's title is the page's heading.
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

CARER_STEPS = (
    "About your caring",
    "The person you care for",
    "Language",
    "How and when to talk",
    "What you'd like in a buddy",
    "Anything else",
)
BUDDY_STEPS = (
    "Your experience of caring",
    "The person you care or cared for",
    "How and when to talk",
    "About you",
)
CHECK = "Check your answers"


def heading(page: Any) -> Any:
    """The page's heading (the step's title)."""
    return page.get_by_role("heading", level=1)


def continue_(page: Any) -> None:
    """Press Continue (the step's answers are checked before the next one shows)."""
    page.get_by_role("button", name="Continue").click()


def go_to_step(page: Any, title: str, steps: tuple[str, ...]) -> None:
    """Continue from the step shown to the step called ``title`` (or "Check your answers")."""
    order = (*steps, CHECK)
    # The form shows once the saved profile is loaded (a loading page has the form's own title first).
    expect(heading(page)).to_have_text(re.compile("^(" + "|".join(re.escape(t) for t in order) + ")$"))
    for _ in range(len(order)):
        shown = heading(page).inner_text().strip()
        if shown == title:
            return
        assert shown in order, f"not on a step of the form: {shown!r}"
        assert order.index(shown) < order.index(title), f"{title!r} comes before {shown!r}"
        continue_(page)
        expect(heading(page)).to_have_text(order[order.index(shown) + 1])
    expect(heading(page)).to_have_text(title)


def save(page: Any, steps: tuple[str, ...], button: str = "Save your profile") -> None:
    """Continue to "Check your answers" and save."""
    go_to_step(page, CHECK, steps)
    page.get_by_role("button", name=button).click()


def expect_step(page: Any, title: str, number: int, steps: tuple[str, ...]) -> None:
    """The step shown is ``title``, and says "Step n of N"."""
    expect(heading(page)).to_have_text(title)
    expect(page.locator(".caption")).to_contain_text(f"Step {number} of {len(steps)}")
