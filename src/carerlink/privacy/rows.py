"""Finding the rows about one person, as the catalogue describes them.

Shared by the copy, the erasure, the retention tick and the tests, so all four read "about them" alike.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.db import Base
from carerlink.privacy.catalogue import RULES, About, Key, TableRule


@dataclass(frozen=True, slots=True)
class Person:
    """Whom the rows are about: their id and (normalised) e-mail address, as they are now."""

    user_id: uuid.UUID
    email: str


def table_of(rule: TableRule) -> Table:
    """The SQLAlchemy table of ``rule``."""
    return Base.metadata.tables[rule.table]


def _parent_org(about: About) -> ColumnElement[uuid.UUID] | None:
    if about.via is None:
        return None
    parent = Base.metadata.tables[about.via.table]
    return parent.c.organisation_id if "organisation_id" in parent.c else None


def where_about(
    rule: TableRule, about: About, person: Person, *, organisation_id: uuid.UUID | None = None
) -> ColumnElement[bool]:
    """The condition for rows of ``rule``'s table that ``about`` makes about ``person``.

    With ``organisation_id``, only rows of that organisation: by the table's own organisation column, or
    by its parent's (``via``); rows of account-wide tables (no organisation at all) match either way.
    """
    table = table_of(rule)
    column = table.c[about.column]
    if about.via is not None:
        parent = Base.metadata.tables[about.via.table]
        inner = select(parent.c.id).where(parent.c[about.via.person] == person.user_id)
        if organisation_id is not None and (org := _parent_org(about)) is not None:
            inner = inner.where(org == organisation_id)
        condition: ColumnElement[bool] = column.in_(inner)
    elif about.key is Key.EMAIL:
        condition = column == person.email
    else:
        condition = column == person.user_id
    if organisation_id is not None and rule.organisation is not None:
        condition = condition & (table.c[rule.organisation] == organisation_id)
    return condition


def select_about(
    rule: TableRule, about: About, person: Person, *, organisation_id: uuid.UUID | None = None
) -> Select[tuple[object, ...]]:
    """Every column of the rows ``about`` makes about ``person`` (organisation as in ``where_about``)."""
    table = table_of(rule)
    return select(table).where(where_about(rule, about, person, organisation_id=organisation_id))


def ways_about() -> Iterator[tuple[TableRule, About]]:
    """Every (table, way its rows are about someone) in the catalogue, in its order."""
    for rule in RULES:
        for about in rule.about:
            yield rule, about


async def person_of(session: AsyncSession, user_id: uuid.UUID) -> Person:
    """The ``Person`` for ``user_id`` as their account stands now."""
    users = Base.metadata.tables["users"]
    email = (await session.execute(select(users.c.email).where(users.c.id == user_id))).scalar_one()
    return Person(user_id=user_id, email=email)
