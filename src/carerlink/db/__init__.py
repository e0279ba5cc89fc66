"""Database plumbing: the declarative base, column types, engines, sessions and migrations."""

from carerlink.db.base import Base, TimestampMixin, UuidPrimaryKey
from carerlink.db.database import (
    Database,
    WriteTurnSession,
    commit,
    dialect_insert,
    execute_kept,
    rollback_keeping,
)

__all__ = [
    "Base",
    "Database",
    "TimestampMixin",
    "UuidPrimaryKey",
    "WriteTurnSession",
    "commit",
    "dialect_insert",
    "execute_kept",
    "rollback_keeping",
]
