"""Anonymising people whose membership ended long ago (the retention class ``ended_memberships``)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts.models import User
from carerlink.actor import Actor
from carerlink.organisations.models import Membership, MembershipStatus
from carerlink.privacy.erasure.anonymise import anonymise
from carerlink.privacy.erasure.service import has_open_request, is_erased_there, open_records
from carerlink.privacy.models import ErasureRequest, ErasureState


async def anonymise_expired_memberships(
    session: AsyncSession, *, organisation_id: uuid.UUID, ended_before: datetime, now: datetime, limit: int
) -> int:
    """Anonymise up to ``limit`` people whose memberships there all ended before ``ended_before``.

    Only people with no open record, as erasure does; returns how many were anonymised. Idempotent: a
    person already anonymised there is not counted again.
    """
    # People with a membership there, every one of them ended, the latest before ``ended_before``.
    still_in = select(Membership.user_id).where(
        Membership.organisation_id == organisation_id, Membership.status != MembershipStatus.ENDED
    )
    candidates = (
        await session.scalars(
            select(Membership.user_id)
            .join(User, User.id == Membership.user_id)
            .where(
                Membership.organisation_id == organisation_id,
                Membership.user_id.not_in(still_in),
                User.erased_at.is_(None),
            )
            .group_by(Membership.user_id)
            .having(func.max(Membership.status_changed_at) < ended_before)
            .order_by(func.max(Membership.status_changed_at), Membership.user_id)
        )
    ).all()
    done = 0
    for user_id in candidates:
        if done >= limit:
            break
        if await is_erased_there(session, user_id=user_id, organisation_id=organisation_id):
            continue
        if await open_records(session, user_id=user_id, organisation_id=organisation_id):
            continue
        if await has_open_request(session, user_id=user_id, organisation_id=organisation_id):
            continue  # a coordinator is handling their request to be deleted
        # The proof, as for a request: done by the retention schedule, asked by nobody.
        proof = ErasureRequest(
            user_id=user_id,
            organisation_id=organisation_id,
            requested_by_user_id=None,
            requested_at=now,
            state=ErasureState.DONE,
            paused_reasons=[],
            result={},
        )
        proof.created_at = now
        session.add(proof)
        await session.flush()
        result = await anonymise(
            session,
            user_id=user_id,
            organisation_id=organisation_id,
            now=now,
            actor=Actor.system(),
            reason="retention",
            erasure_id=proof.id,
        )
        proof.completed_at = now
        proof.decided_at = now
        proof.result = result.as_json() | {"reason": "retention"}
        done += 1
    return done
