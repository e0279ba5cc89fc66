"""Domain errors: what went wrong in business terms, with no HTTP types (``web/errors.py`` maps them)."""

from __future__ import annotations

from typing import Any, ClassVar

from babel.support import LazyProxy

from carerlink.i18n import N_


class DomainError(Exception):
    """Base of every error a service raises on purpose.

    ``code`` names the problem type; ``field`` names the input it is about, when there is one.
    ``keep_changes`` asks the transaction boundary to commit what was written before the error (only
    for bookkeeping such as counting a failed sign-in against its rate limit).
    """

    code: ClassVar[str] = "error"
    title: ClassVar[str | LazyProxy] = N_("Something went wrong")
    keep_changes: ClassVar[bool] = False

    def __init__(self, detail: str, *, field: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.field = field


class Invalid(DomainError):
    """The input is well-formed but breaks a rule (an unknown time zone, a weak password)."""

    code = "invalid"
    title = N_("Please check what you entered")


class FailedAttempt(Invalid):
    """A guess at a secret (an invitation code, a token) that was wrong; the attempt still counts."""

    keep_changes = True


class NotAuthenticated(DomainError):
    """Nobody is signed in, or the session has ended (removing an expired session is kept)."""

    code = "not-authenticated"
    title = N_("Please sign in")
    keep_changes = True


class InvalidCredentials(NotAuthenticated):
    """An e-mail and password that do not match; the failed attempt still counts."""

    code = "invalid-credentials"
    title = N_("Sign-in failed")
    keep_changes = True


class NotAllowed(DomainError):
    """The person is known but may not do this."""

    code = "not-allowed"
    title = N_("You can't do that")


class NotFound(DomainError):
    """No such thing, or one this person may not know exists."""

    code = "not-found"
    title = N_("Not found")


class Conflict(DomainError):
    """The request clashes with the current state (an invalid transition, a duplicate)."""

    code = "conflict"
    title = N_("That clashes with something")


class RefusedButHelpRaised(Conflict):
    """The request was refused, but the "I need help now" it carried was passed on to the coordinators.

    The alert is kept (``keep_changes``) and the refusal carries the crisis lines to show at once.
    """

    keep_changes = True

    def __init__(self, detail: str, *, crisis_lines: list[dict[str, Any]]) -> None:
        super().__init__(detail)
        self.crisis_lines = crisis_lines


class OnHold(Conflict):
    """What was asked is recorded, but what it would start waits for a coordinator (the answer is kept)."""

    code = "on-hold"
    title = N_("Not just yet")
    keep_changes = True


class Gone(DomainError):
    """It existed but is no more (a copy of someone's data whose link ran out)."""

    code = "gone"
    title = N_("No longer available")


class RateLimited(DomainError):
    """Too many attempts; try again after ``retry_after`` seconds."""

    code = "rate-limited"
    title = N_("Too many attempts")
    keep_changes = True

    def __init__(self, detail: str, *, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = max(1, retry_after)
