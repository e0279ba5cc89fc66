"""Database plumbing: the declarative base, column types, engines, sessions and migrations."""

from carerlink.db.base import Base, TimestampMixin, UuidPrimaryKey
from carerlink.db.database import Database, dialect_insert

__all__ = ["Base", "Database", "TimestampMixin", "UuidPrimaryKey", "dialect_insert"]
