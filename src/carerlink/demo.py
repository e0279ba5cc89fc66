"""Demo data: "Riverside Carers Centre" with a coordinator, four buddies and eight carers (all fictional)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts import service as accounts
from carerlink.actor import Role
from carerlink.organisations import service as organisations
from carerlink.organisations.consents import CURRENT
from carerlink.organisations.models import Consent, ConsentKind, Organisation

DEMO_PASSWORD = "riverside-buddies"  # noqa: S105 - printed at start-up on purpose; demo refused in production
DEMO_ORGANISATION = ("Riverside Carers Centre", "riverside", "Europe/London")


@dataclass(frozen=True, slots=True)
class DemoPerson:
    """One fictional person of the demo organisation."""

    email: str
    name: str
    role: Role


PEOPLE = [
    DemoPerson("coordinator@example.org", "Morgan Ellis", Role.COORDINATOR),
    DemoPerson("buddy1@example.org", "Priya Shah", Role.BUDDY),
    DemoPerson("buddy2@example.org", "Tom Okafor", Role.BUDDY),
    DemoPerson("buddy3@example.org", "Helen Wright", Role.BUDDY),
    DemoPerson("buddy4@example.org", "Daniel Hughes", Role.BUDDY),
    DemoPerson("carer1@example.org", "Alex Turner", Role.CARER),
    DemoPerson("carer2@example.org", "Fatima Begum", Role.CARER),
    DemoPerson("carer3@example.org", "Sam Clarke", Role.CARER),
    DemoPerson("carer4@example.org", "Janet Morris", Role.CARER),
    DemoPerson("carer5@example.org", "Kwame Mensah", Role.CARER),
    DemoPerson("carer6@example.org", "Ruth Evans", Role.CARER),
    DemoPerson("carer7@example.org", "Leo Nowak", Role.CARER),
    DemoPerson("carer8@example.org", "Aisha Rahman", Role.CARER),
]


async def is_empty(session: AsyncSession) -> bool:
    """Whether the database has no organisation yet."""
    return bool((await session.scalar(select(func.count()).select_from(Organisation))) == 0)


async def seed(session: AsyncSession, *, now: datetime) -> Organisation:
    """Create the demo organisation and its people, with consents, in the caller's transaction."""
    name, slug, zone = DEMO_ORGANISATION
    organisation = await organisations.create_organisation(
        session, name=name, slug=slug, time_zone=zone, now=now
    )
    for person in PEOPLE:
        user = await accounts.create_user(
            session,
            email=person.email,
            display_name=person.name,
            password=DEMO_PASSWORD,
            time_zone=zone,
            now=now,
        )
        await organisations.add_membership(
            session, user_id=user.id, organisation_id=organisation.id, role=person.role, now=now
        )
        kinds = [ConsentKind.TERMS] + ([ConsentKind.HEALTH_DATA] if person.role == Role.CARER else [])
        for kind in kinds:
            session.add(
                Consent(
                    user_id=user.id,
                    organisation_id=organisation.id,
                    kind=kind,
                    version=CURRENT[kind][0],
                    given_at=now,
                )
            )
    await session.flush()
    return organisation


def credentials_text(base_url: str) -> str:
    """What ``make run`` prints so a newcomer can sign in."""
    lines = [
        f"carerlink demo: {DEMO_ORGANISATION[0]} at {base_url}",
        f"  password for every demo account: {DEMO_PASSWORD}",
    ]
    lines += [f"  {person.role.value:<12} {person.email:<26} {person.name}" for person in PEOPLE]
    return "\n".join(lines)
