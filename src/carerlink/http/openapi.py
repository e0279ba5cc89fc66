"""The OpenAPI document: every operation documents its errors as RFC 9457 problem+json."""

from __future__ import annotations

from litestar.openapi.spec import (
    Components,
    OpenAPI,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Reference,
    Schema,
)

from carerlink.http.errors import PROBLEM_JSON

PROBLEM = Schema(
    type=OpenAPIType.OBJECT,
    description="An RFC 9457 problem; `errors` names the fields at fault.",
    required=["type", "title", "status", "detail"],
    properties={
        "type": Schema(type=OpenAPIType.STRING),
        "title": Schema(type=OpenAPIType.STRING),
        "status": Schema(type=OpenAPIType.INTEGER),
        "detail": Schema(type=OpenAPIType.STRING),
        "request_id": Schema(type=OpenAPIType.STRING),
        "errors": Schema(
            type=OpenAPIType.ARRAY,
            items=Schema(
                type=OpenAPIType.OBJECT,
                required=["field", "message"],
                properties={
                    "field": Schema(type=OpenAPIType.STRING),
                    "message": Schema(type=OpenAPIType.STRING),
                },
            ),
        ),
    },
)


def document_problems(document: OpenAPI) -> None:
    """Replace Litestar's generic 400 with a ``4XX`` problem+json response on every operation."""
    components = document.components if isinstance(document.components, Components) else Components()
    components.schemas = {**(components.schemas or {}), "Problem": PROBLEM}
    document.components = components
    problem = OpenAPIResponse(
        description="The request was refused; the problem says why (and which field).",
        content={PROBLEM_JSON: OpenAPIMediaType(schema=Reference(ref="#/components/schemas/Problem"))},
    )
    for path_item in (document.paths or {}).values():
        for method in ("get", "put", "post", "delete", "patch"):
            operation = getattr(path_item, method, None)
            if operation is None:
                continue
            responses = dict(operation.responses or {})
            responses.pop("400", None)
            if "204" in responses:  # no body, so no media type
                responses["204"] = OpenAPIResponse(description=responses["204"].description)
            responses["4XX"] = problem
            operation.responses = responses
