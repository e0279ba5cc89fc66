"""The data-rights catalogue knows every table (issue 15): a table added later joins the export, the
erasure and the retention in the same change, or this fails and says which column is missing."""

from __future__ import annotations

import uuid

from sqlalchemy import JSON, Column, String, Text

from carerlink.organisations.schemas import RetentionSettings
from carerlink.privacy.catalogue import BY_TABLE, RETENTION, RULES, Erase
from carerlink.privacy.rows import Person, select_about, ways_about
from carerlink.tables import metadata


def _names_a_person(column: Column) -> bool:  # type: ignore[type-arg]
    if column.name in {"user_id"} or column.name.endswith("_user_id"):
        return True
    return any(fk.column.table.name == "users" for fk in column.foreign_keys)


def test_every_table_has_exactly_one_rule() -> None:
    tables = set(metadata.tables)
    ruled = [rule.table for rule in RULES]
    assert len(ruled) == len(set(ruled)), "a table has two rules"
    assert tables - set(ruled) == set(), "tables missing from privacy/catalogue.py"
    assert set(ruled) - tables == set(), "rules for tables that do not exist"


def test_every_column_a_rule_names_exists() -> None:
    for rule in RULES:
        table = metadata.tables[rule.table]
        named = set(rule.actors) | ({rule.organisation} if rule.organisation else set())
        for about in rule.about:
            named |= {about.column, *about.export, *about.others, *about.clear, *about.others_text}
            if about.via is not None:
                assert about.via.person in metadata.tables[about.via.table].c, (rule.table, about.via)
        missing = named - set(table.c.keys())
        assert not missing, f"{rule.table}: no such columns {sorted(missing)}"


def test_every_column_naming_a_person_is_about_them_or_an_actor() -> None:
    for rule in RULES:
        table = metadata.tables[rule.table]
        covered = set(rule.actors)
        for about in rule.about:
            covered |= {about.column, *about.others}
        for column in table.c:
            if rule.table == "users" or not _names_a_person(column):
                continue
            assert column.name in covered, (
                f"{rule.table}.{column.name} names a person: add it to the catalogue"
            )


def test_anonymised_rows_lose_their_free_text() -> None:
    """A row that stays after erasure keeps no free text: each long text column is cleared or not there."""
    for rule in RULES:
        table = metadata.tables[rule.table]
        free_text = {
            c.name
            for c in table.c
            if isinstance(c.type, Text) or (isinstance(c.type, String) and (c.type.length or 0) >= 300)
        }
        for about in rule.about:
            if about.erase is not Erase.ANONYMISE:
                continue
            left = free_text - set(about.clear) - set(about.others_text)
            assert not left, f"{rule.table} keeps free text {sorted(left)} after erasing via {about.column}"


def test_rows_given_nothing_say_why() -> None:
    for rule in RULES:
        for about in rule.about:
            if not about.export:
                assert about.withheld, f"{rule.table}.{about.column}: nothing exported and no reason"
            if about.review:
                assert about.withheld, f"{rule.table}.{about.column}: reviewed records say why"


def test_no_credentials_or_digests_are_exported() -> None:
    for rule in RULES:
        for about in rule.about:
            for name in about.export:
                assert not any(word in name for word in ("digest", "hash", "token", "p256dh", "auth")), name


def test_retention_classes_and_the_schedule_agree() -> None:
    for rule in RULES:
        assert rule.retention in RETENTION, rule.table
    defaults = RetentionSettings()
    tuned = {name: retention for name, retention in RETENTION.items() if retention.setting}
    assert {r.setting for r in tuned.values()} == set(RetentionSettings.__struct_fields__)
    for retention in tuned.values():
        assert getattr(defaults, retention.setting or "") == retention.default


def test_json_columns_are_named_in_the_rules_where_personal() -> None:
    """A JSON column on a row about a person is either given to them or cleared: never forgotten."""
    for table_name, rule in BY_TABLE.items():
        if not rule.about:
            continue
        table = metadata.tables[table_name]
        for column in table.c:
            if not isinstance(column.type, JSON):
                continue
            named = set()
            for about in rule.about:
                named |= {*about.export, *about.clear}
            assert (
                column.name in named
                or rule.table in {"audit_entries", "notifications", "data_exports"}
                or (
                    column.name
                    in {"paused_reasons", "result", "removed", "weights", "crisis_lines", "settings"}
                )
            ), f"{table_name}.{column.name}"


def test_every_way_about_someone_is_a_query() -> None:
    """Each (table, way about someone) compiles to a query, with and without an organisation."""
    person = Person(user_id=uuid.uuid4(), email="sam@example.org")
    for rule, about in ways_about():
        for organisation_id in (None, uuid.uuid4()):
            str(select_about(rule, about, person, organisation_id=organisation_id).compile())
