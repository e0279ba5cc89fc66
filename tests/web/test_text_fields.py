"""Every string a client sends says what kind of text it is, so control characters never get in.

A CR/LF in an organisation's name broke its invitation e-mails for good (issue 10): one-line texts
refuse line breaks and control characters, multi-line texts keep line breaks but refuse the other
controls, and strict formats (codes, slugs, phone numbers) list the characters they allow. This walks
the request body of every operation, so a new field that forgets is caught here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec.inspect as mi
import pytest

from carerlink.app import create_app
from carerlink.kit.schema import LINES_PATTERN, MULTI_LINE_PATTERN, TEXT_PATTERNS
from carerlink.kit.text import NOT_IN_MULTI_LINE, NOT_IN_ONE_LINE
from carerlink.settings import Settings
from tests.support import ApiClient, field_errors, make_org, make_user

_CLASS = re.compile(r"\[(\^?)((?:\\.|[^\]\\])*)\]")
_UNSAFE_ESCAPE = re.compile(r"\\[sSwWdDxunrtfv0]")


def _strings(info: Any, path: str) -> Iterator[tuple[str, mi.StrType, bool]]:
    """Every string type in a request body: (path, type, is a secret such as a password)."""
    secret = False
    while isinstance(info, mi.Metadata):
        secret = secret or (info.extra_json_schema or {}).get("format") == "password"
        info = info.type
    if isinstance(info, mi.StrType):
        yield path, info, secret
    elif isinstance(info, mi.StructType):
        for field in info.fields:
            yield from _strings(field.type, f"{path}.{field.encode_name}")
    elif isinstance(info, mi.DictType):
        yield from _strings(info.key_type, f"{path}{{key}}")
        yield from _strings(info.value_type, f"{path}{{value}}")
    elif isinstance(info, (mi.ListType, mi.SetType, mi.FrozenSetType, mi.VarTupleType)):
        yield from _strings(info.item_type, f"{path}[]")
    elif isinstance(info, mi.UnionType):
        for member in info.types:
            yield from _strings(member, path)


def _request_strings() -> list[tuple[str, mi.StrType, bool]]:
    settings = Settings(
        env="test", data_dir=Path("/nonexistent"), database_url="sqlite+aiosqlite://", secret_key="k" * 32
    )
    app = create_app(settings)
    found = []
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            data = getattr(handler, "parsed_data_field", None)
            if data is None:
                continue
            name = (
                f"{sorted(handler.http_methods)[0]} {route.path} {getattr(data.annotation, '__name__', '')}"
            )
            found.extend(_strings(mi.type_info(data.annotation), name))
    return found


def _strict_pattern_refuses_controls(pattern: str) -> bool:
    """A pattern other than the kit's text patterns lists what it allows, so no control can match."""
    if not pattern.startswith("^(?:") or not pattern.endswith("$(?!\\n)"):
        return False
    body = pattern[len("^(?:") : -len(")$(?!\\n)")]
    for negated, members in _CLASS.findall(body):
        if negated and NOT_IN_ONE_LINE not in members:
            return False  # a class of refused characters must refuse the control characters too
        if not negated and _UNSAFE_ESCAPE.search(members):
            return False
    outside = _CLASS.sub("", body).replace("\\.", "").replace("\\-", "")
    return "." not in outside and _UNSAFE_ESCAPE.search(outside) is None


REQUEST_STRINGS = _request_strings()


def test_the_walk_finds_the_fields_that_matter() -> None:
    paths = {path.split(" ", 2)[2] for path, _, _ in REQUEST_STRINGS}
    assert {
        "OrganisationUpdate.name",
        "OrganisationUpdate.crisis_lines[].name",
        "MeUpdate.display_name",
    } <= paths
    assert {"AnswerCreate.note", "ReplyCreate.message", "TrainingCourseCreate.name"} <= paths
    assert len(REQUEST_STRINGS) > 50


@pytest.mark.parametrize(("path", "info", "secret"), REQUEST_STRINGS, ids=[p for p, _, _ in REQUEST_STRINGS])
def test_every_client_string_refuses_control_characters(path: str, info: mi.StrType, secret: bool) -> None:
    if secret:
        assert info.pattern is None and info.max_length is not None  # any character, only ever hashed
        return
    assert info.pattern is not None, f"{path}: say which kind of text it is (kit.schema)"
    assert info.pattern in TEXT_PATTERNS or _strict_pattern_refuses_controls(info.pattern), (
        path,
        info.pattern,
    )
    one_line = info.pattern not in {MULTI_LINE_PATTERN, LINES_PATTERN}
    for probe in ("x\x1b[31m", "x\x00", "x\x7f", "x\x85", "x\u2028y" if one_line else "x\x0by"):
        assert re.search(info.pattern, probe) is None, (path, probe)


def test_one_line_patterns_refuse_line_breaks_and_multi_line_ones_keep_them() -> None:
    from carerlink.kit.schema import LINE_PATTERN, ONE_LINE_PATTERN

    for pattern in (ONE_LINE_PATTERN, LINE_PATTERN):
        for text in ("Hillside\r\nBcc: x@y", "Hillside\n", "Hill\tside", "Hill\u2028side"):
            assert re.search(pattern, text) is None, (pattern, text)
        assert re.search(pattern, "Hillside Carers' Centre — Zoë (Ynys Môn)")
    for pattern in (MULTI_LINE_PATTERN, LINES_PATTERN):
        assert re.search(pattern, "Line one\r\nLine two\n\tindented\n")
        for text in ("bell\x07", "escape\x1b[2J", "form\x0cfeed", "c1\x9b"):
            assert re.search(pattern, text) is None, (pattern, text)
    assert re.search(NOT_IN_MULTI_LINE, "") is None  # sanity: the sets are classes, not texts


async def test_an_organisation_name_with_a_header_injected_is_refused_naming_the_field(
    db: Any, client: ApiClient
) -> None:
    from carerlink.actor import Role

    org = await make_org(db, name="Hillside Carers")
    await make_user(db, organisation=org, roles=(Role.COORDINATOR,), email="coord@example.org")
    await client.login("coord@example.org")

    refused = await client.patch(f"/api/v1/orgs/{org.id}", json={"name": "Hillside\r\nBcc: x@y"})
    assert field_errors(refused) == {"name"}
    assert "one line" in refused.json()["errors"][0]["message"]
    lines = (await client.get(f"/api/v1/orgs/{org.id}")).json()["crisis_lines"]
    lines[0]["name"] = "Samaritans\n"
    assert field_errors(await client.patch(f"/api/v1/orgs/{org.id}", json={"crisis_lines": lines})) == {
        "crisis_lines[0].name"
    }
    assert (await client.get(f"/api/v1/orgs/{org.id}")).json()["name"] == "Hillside Carers"
    assert field_errors(await client.patch("/api/v1/me", json={"display_name": "Sam\x1b[8m"})) == {
        "display_name"
    }
    assert field_errors(await client.patch("/api/v1/me", json={"locale": "en\n"})) == {"locale"}
