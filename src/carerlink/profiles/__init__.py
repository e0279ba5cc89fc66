"""Profiles: carer and buddy profiles, buddy screening, availability and the waiting list."""

# Every process that can write buddies' data stamps their organisation's pool revision (the listeners).
from carerlink.profiles import pool_revision as _pool_revision  # noqa: F401
