"""RFC 9457 problem+json for every error, mapped from domain errors and Litestar's in one table."""

from __future__ import annotations

import ast
import logging
import re
from http import HTTPStatus
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.types import ExceptionHandler, ExceptionHandlersMap, Receive, Scope, Send

from carerlink import i18n
from carerlink.errors import (
    Conflict,
    DomainError,
    Gone,
    Invalid,
    InvalidCredentials,
    NotAllowed,
    NotAuthenticated,
    NotFound,
    RateLimited,
    RefusedButHelpRaised,
)
from carerlink.i18n import N_, _
from carerlink.kit.logs import request_id
from carerlink.kit.schema import LINE_PATTERN, LINES_PATTERN, MULTI_LINE_PATTERN, ONE_LINE_PATTERN

log = logging.getLogger("carerlink.web")

PROBLEM_JSON = "application/problem+json"
PROBLEM_TYPE = "urn:carerlink:problem:"

# Which HTTP status each domain error becomes. The most specific class wins (looked up along the MRO).
STATUS_OF: dict[type[DomainError], int] = {
    Invalid: 422,
    InvalidCredentials: 401,
    NotAuthenticated: 401,
    NotAllowed: 403,
    NotFound: 404,
    Conflict: 409,
    Gone: 410,
    RateLimited: 429,
}

_AT_PATH = re.compile(r" - at `\$(?P<path>[^`]*)`$")
_NAMED_FIELD = re.compile(r"(?:missing required field|unknown field) `(?P<name>[^`]+)`")
_MISSING_FIELD = re.compile(r"^Object missing required field `(?P<name>[^`]+)`")
# Litestar's words for a parameter left out, which end with the request's whole URL.
_MISSING_PARAMETER = re.compile(r"^Missing required (?P<kind>\w+) parameter '(?P<name>[^']*)' for path ")
_REQUIRED = N_("This is required, and it is missing.")


class BadRequestBody(Exception):
    """The request body is not JSON, or does not fit the operation's schema."""

    def __init__(self, detail: str, *, field: str | None, malformed: bool) -> None:
        super().__init__(detail)
        self.detail = detail
        self.field = field
        self.malformed = malformed


def field_of(message: str) -> str | None:
    """Name the field a msgspec error message is about, in dotted form (``keys.p256dh``, ``items[2]``)."""
    path = ""
    if (at := _AT_PATH.search(message)) is not None:
        path = at.group("path")
    if (named := _NAMED_FIELD.search(message)) is not None:
        path = f"{path}.{named.group('name')}"
    path = path.lstrip(".")
    return path or None


# What a person reads instead of msgspec's "Expected `str` matching regex '…'" for the kit's texts.
_ONE_LINE = N_("This must be one line of text, without line breaks or control characters.")
_CONTROL = N_("This text holds a control character. Please type it again without it.")
_TEXT_WORDS = {
    ONE_LINE_PATTERN: _ONE_LINE,
    LINE_PATTERN: _ONE_LINE,
    MULTI_LINE_PATTERN: _CONTROL,
    LINES_PATTERN: _CONTROL,
}
_REGEX = re.compile(r"^Expected `str` matching regex (?P<pattern>'.*'|\".*\")$", re.DOTALL)

# msgspec's and Litestar's own messages, each in words a translation can say: the English of every
# message is the original, character for character; the values (types, limits, names) are kept as sent.
_MESSAGES = [
    (re.compile(r"^Expected `(?P<type>[^`]+)`, got `(?P<got>[^`]+)`$"), N_("Expected `{type}`, got `{got}`")),
    (
        re.compile(r"^Expected `(?P<type>[^`]+)` of length >= (?P<limit>\d+)$"),
        N_("Expected `{type}` of length >= {limit}"),
    ),
    (
        re.compile(r"^Expected `(?P<type>[^`]+)` of length <= (?P<limit>\d+)$"),
        N_("Expected `{type}` of length <= {limit}"),
    ),
    (
        re.compile(r"^Expected `(?P<type>[^`]+)` of length (?P<limit>\d+)$"),
        N_("Expected `{type}` of length {limit}"),
    ),
    (re.compile(r"^Expected `(?P<type>[^`]+)` >= (?P<limit>\S+)$"), N_("Expected `{type}` >= {limit}")),
    (re.compile(r"^Expected `(?P<type>[^`]+)` <= (?P<limit>\S+)$"), N_("Expected `{type}` <= {limit}")),
    (re.compile(r"^Expected `(?P<type>[^`]+)` > (?P<limit>\S+)$"), N_("Expected `{type}` > {limit}")),
    (re.compile(r"^Expected `(?P<type>[^`]+)` < (?P<limit>\S+)$"), N_("Expected `{type}` < {limit}")),
    (
        re.compile(r"^Expected `(?P<type>[^`]+)` that's a multiple of (?P<limit>\S+)$"),
        N_("Expected `{type}` that's a multiple of {limit}"),
    ),
    (
        re.compile(r"^Expected `datetime` with a timezone component$"),
        N_("Expected `datetime` with a timezone component"),
    ),
    (
        re.compile(r"^Expected `(?P<type>datetime|time)` with no timezone component$"),
        N_("Expected `{type}` with no timezone component"),
    ),
    (re.compile(r"^Invalid enum value (?P<value>.*)$", re.DOTALL), N_("Invalid enum value {value}")),
    (
        re.compile(r"^Object missing required field `(?P<name>[^`]+)`$"),
        N_("Object missing required field `{name}`"),
    ),
    (
        re.compile(r"^Object contains unknown field `(?P<name>[^`]+)`$"),
        N_("Object contains unknown field `{name}`"),
    ),
    (re.compile(r"^Invalid value (?P<value>.*)$", re.DOTALL), N_("Invalid value {value}")),
    (re.compile(r"^Invalid UUID$"), N_("Invalid UUID")),
    (re.compile(r"^Invalid RFC3339 encoded datetime$"), N_("Invalid RFC3339 encoded datetime")),
    (re.compile(r"^Invalid RFC3339 encoded date$"), N_("Invalid RFC3339 encoded date")),
    (re.compile(r"^Invalid RFC3339 encoded time$"), N_("Invalid RFC3339 encoded time")),
    (re.compile(r"^Invalid ISO8601 duration$"), N_("Invalid ISO8601 duration")),
    (re.compile(r"^Invalid base64 encoded string$"), N_("Invalid base64 encoded string")),
    (re.compile(r"^Invalid decimal string$"), N_("Invalid decimal string")),
    (re.compile(r"^Integer value out of range$"), N_("Integer value out of range")),
    (re.compile(r"^invalid value$"), N_("invalid value")),
    (
        re.compile(r"^Missing required (?P<kind>\w+) parameter '(?P<name>[^']*)' for path (?P<path>.*)$"),
        N_("Missing required {kind} parameter '{name}' for path {path}"),
    ),
    (
        re.compile(r"^Validation failed for (?P<method>\S+) (?P<path>.*)$", re.DOTALL),
        N_("Validation failed for {method} {path}"),
    ),
]

# The status phrases a problem without its own title carries (HTTPStatus's English, as before).
_PHRASES = {
    "Bad Request": N_("Bad Request"),
    "Unauthorized": N_("Unauthorized"),
    "Forbidden": N_("Forbidden"),
    "Not Found": N_("Not Found"),
    "Method Not Allowed": N_("Method Not Allowed"),
    "Not Acceptable": N_("Not Acceptable"),
    "Conflict": N_("Conflict"),
    "Gone": N_("Gone"),
    "Request Entity Too Large": N_("Request Entity Too Large"),
    "Content Too Large": N_("Content Too Large"),
    "Unsupported Media Type": N_("Unsupported Media Type"),
    "Unprocessable Entity": N_("Unprocessable Entity"),
    "Unprocessable Content": N_("Unprocessable Content"),
    "Too Many Requests": N_("Too Many Requests"),
    "Internal Server Error": N_("Internal Server Error"),
    "Service Unavailable": N_("Service Unavailable"),
}


def in_words(message: str) -> str:
    """A msgspec or Litestar message (or an HTTP status phrase) in the request's language."""
    if (phrase := _PHRASES.get(message)) is not None:
        return str(phrase)
    for pattern, words in _MESSAGES:
        if (found := pattern.match(message)) is not None:
            return str(words).format(**found.groupdict())
    return message


def message_without_path(message: str) -> str:
    """Drop msgspec's `` - at `$.x` `` suffix (the field is reported on its own); say a pattern in words."""
    message = _AT_PATH.sub("", message)
    if (regex := _REGEX.match(message)) is not None:
        pattern = ast.literal_eval(regex.group("pattern"))
        return str(_TEXT_WORDS.get(pattern, N_("This is not in the form we expect. Please check it.")))
    return in_words(message)


def problem(
    status: int,
    *,
    detail: str,
    title: str | None = None,
    code: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    extensions: dict[str, Any] | None = None,
) -> Response[dict[str, Any]]:
    """Build a problem+json response (``extensions``: extra members, RFC 9457 section 3.2)."""
    phrase = HTTPStatus(status).phrase
    body: dict[str, Any] = {
        "type": f"{PROBLEM_TYPE}{code}" if code else "about:blank",
        "title": title or in_words(phrase),
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    if extensions:
        body.update(extensions)
    if (rid := request_id.get()) is not None:
        body["request_id"] = rid
    return Response(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _status_of(exc: DomainError) -> int:
    for cls in type(exc).__mro__:
        if cls in STATUS_OF:
            return STATUS_OF[cls]
    return 400


def domain_error(_request: Request[Any, Any, Any], exc: DomainError) -> Response[dict[str, Any]]:
    """Map a domain error to its status, naming the field when there is one."""
    status = _status_of(exc)
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimited) else None
    errors = [{"field": exc.field, "message": exc.detail}] if exc.field else None
    extensions = None
    if isinstance(exc, RefusedButHelpRaised):
        # The client keeps a queued "I need help now" until a response says the centre was told.
        extensions = {"centre_told": True, "crisis_lines": exc.crisis_lines}
    return problem(
        status,
        detail=exc.detail,
        title=str(exc.title),
        code=exc.code,
        errors=errors,
        headers=headers,
        extensions=extensions,
    )


def bad_body(_request: Request[Any, Any, Any], exc: BadRequestBody) -> Response[dict[str, Any]]:
    """400 for a body that is not JSON; 422 for JSON that does not fit, naming the field."""
    if exc.malformed:
        return problem(400, detail=exc.detail, title=_("The request could not be read"), code="malformed")
    errors = [{"field": exc.field or "body", "message": exc.detail}]
    return problem(
        422, detail=exc.detail, title=_("Please check what you entered"), code="invalid", errors=errors
    )


def http_error(request: Request[Any, Any, Any], exc: HTTPException) -> Response[dict[str, Any]]:
    """Litestar's own errors (unknown route, wrong method, bad query parameter, body too large).

    An unknown route or method is answered by the router, before any middleware has set the request's
    language: it is read from ``Accept-Language`` here (the same choice the middleware makes).
    """
    with i18n.using(i18n.negotiate(request.headers.get("accept-language"))):
        return _http_error(request, exc)


def _http_error(request: Request[Any, Any, Any], exc: HTTPException) -> Response[dict[str, Any]]:
    if isinstance(exc, ValidationException):
        errors = []
        # A path parameter the router matched is already of its type ({org:str}, {id:uuid}); one the
        # handler leaves to a dependency (``org`` for the scope) only appears here as a missing key
        # when another parameter fails, so it is never the field to name.
        matched = set(request.scope.get("path_params") or ())
        for item in exc.extra if isinstance(exc.extra, list) else []:
            if item.get("key") in matched:
                continue
            message = in_words(str(item.get("message", "invalid value")))
            key = item.get("key")
            if key == "data" and str(item.get("message")) == "'data'":
                # No body at all where one is needed (Litestar says only "'data'").
                key, message = "body", _("This request needs a JSON body.")
            # A query parameter named after a Python keyword is declared ``from_`` with ``name="from"``:
            # name the one the client sent.
            if isinstance(key, str) and key.endswith("_") and key.rstrip("_") in request.query_params:
                key = key.rstrip("_")
            original = str(item.get("message", ""))
            if key == "data" and (inside := field_of(original)) is not None:
                # A form (multipart or urlencoded) that does not fit its schema: Litestar names the whole
                # body ``data``; the client sent the field msgspec names (``file``, ``kind``).
                key = inside
                missing = _MISSING_FIELD.match(original)
                message = str(_REQUIRED) if missing else message_without_path(original)
            errors.append({"field": key or field_of(original) or "body", "message": message})
        if not errors and (missing := _MISSING_PARAMETER.match(str(exc.detail))) is not None:
            # A required query, header or cookie parameter left out: name it (never the URL, which may
            # carry what else was sent).
            errors.append({"field": missing.group("name"), "message": str(_REQUIRED)})
        return problem(
            422 if errors else 400,
            detail=errors[0]["message"] if errors else in_words(str(exc.detail)),
            title=_("Please check what you entered"),
            code="invalid",
            errors=errors or None,
        )
    headers = {k: v for k, v in (exc.headers or {}).items() if k.lower() in ("allow", "retry-after")}
    return problem(exc.status_code, detail=in_words(str(exc.detail)), headers=headers or None)


def internal_error(_request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    """Anything unexpected: log it with the request id and say sorry without details."""
    log.error("http.unhandled", exc_info=exc)
    return problem(500, detail=_("Something went wrong on our side. Please try again in a moment."))


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    DomainError: domain_error,
    BadRequestBody: bad_body,
    HTTPException: http_error,
    Exception: internal_error,
}


def handler_for(exc: Exception) -> ExceptionHandler[Any]:
    """The handler of ``EXCEPTION_HANDLERS`` for ``exc``: the most specific class wins."""
    for cls in type(exc).__mro__:
        if cls in EXCEPTION_HANDLERS:
            return EXCEPTION_HANDLERS[cls]
    return internal_error


async def send_problem(scope: Scope, receive: Receive, send: Send, exc: Exception) -> None:
    """Answer ``exc`` with its problem+json through ``send`` (for an error raised outside a handler)."""
    request: Request[Any, Any, Any] = scope["litestar_app"].request_class(
        scope=scope, receive=receive, send=send
    )
    response = handler_for(exc)(request, exc)
    await response.to_asgi_response(app=None, request=request)(scope, receive, send)
