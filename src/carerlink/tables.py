"""Every table of every domain, gathered for Alembic and the tests (nothing else imports this)."""

from __future__ import annotations

from carerlink.accounts import models as _accounts
from carerlink.audit import models as _audit
from carerlink.checkins import models as _checkins
from carerlink.concerns import models as _concerns
from carerlink.db.base import Base
from carerlink.hours import models as _hours
from carerlink.imports import models as _imports
from carerlink.mail import models as _mail
from carerlink.matching import models as _matching
from carerlink.messaging import models as _messaging
from carerlink.notifications import models as _notifications
from carerlink.notifications.texts import models as _texts
from carerlink.organisations import models as _organisations
from carerlink.outcomes import models as _outcomes
from carerlink.privacy import models as _privacy
from carerlink.profiles import models as _profiles
from carerlink.safeguarding import models as _safeguarding

metadata = Base.metadata

__all__ = [
    "_accounts",
    "_audit",
    "_checkins",
    "_concerns",
    "_hours",
    "_imports",
    "_mail",
    "_matching",
    "_messaging",
    "_notifications",
    "_organisations",
    "_outcomes",
    "_privacy",
    "_profiles",
    "_safeguarding",
    "_texts",
    "metadata",
]
