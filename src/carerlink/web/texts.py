"""HTTP routes of text messages (issue 14): my number's verification, and the provider's webhooks.

The webhooks (``/api/v1/sms/…``) come from the provider, not a browser: they are exempt from the CSRF
check and prove themselves with the provider's signature instead (Twilio's ``X-Twilio-Signature`` over
the URL as Twilio saw it, ``CARERLINK_BASE_URL`` + the path, and the posted form fields). Anything
unsigned or badly signed is answered 403 (problem+json) and logged without its content. A signed text
from a number nobody verified is answered 200 with an empty TwiML response (so the provider neither
retries nor alerts) and nothing is stored or logged but its message id.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, Literal, TypeVar
from xml.sax.saxutils import escape

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts.caller import Caller
from carerlink.checkins.service import texts as replies
from carerlink.errors import Invalid, NotAllowed
from carerlink.i18n import N_, _
from carerlink.kit.schema import Schema, whole
from carerlink.notifications.texts import verification
from carerlink.notifications.texts.delivery import INBOUND_PATH, STATUS_PATH, provider_of
from carerlink.notifications.texts.models import OutgoingText
from carerlink.notifications.texts.provider import TextProvider
from carerlink.runtime import Runtime

T = TypeVar("T")

log = logging.getLogger("carerlink.texts")

TWIML = "application/xml"
# Provider states that end a text, and the outbox state each one leaves it in.
FINAL_STATES = {"delivered": "delivered", "undelivered": "undelivered", "failed": "failed"}


class PhoneTextsRead(Schema):
    """My number as texts see it: verified or not, and whether texts can be sent here at all.

    ``texts``: ``available``, ``off`` (this service sends no texts) or ``not_enabled`` (my organisation
    has not switched them on).
    """

    phone: str | None
    verified: bool
    verified_at: datetime | None
    stopped: bool
    texts: Literal["available", "off", "not_enabled"]


class CodeSent(Schema):
    """A code is on its way to my number."""

    expires_at: datetime


class CodeConfirm(Schema):
    """The 6 numbers from the text."""

    code: Annotated[str, msgspec.Meta(min_length=1, max_length=20, pattern=whole(r"[0-9 -]+"))]


def _read(status: verification.PhoneStatus) -> PhoneTextsRead:
    return PhoneTextsRead(
        phone=status.phone,
        verified=status.verified_at is not None,
        verified_at=status.verified_at,
        stopped=status.stopped_at is not None,
        texts=status.texts,  # type: ignore[arg-type]
    )


class PhoneVerificationController(Controller):
    """Proving my number is mine, so reminders can be texted to it."""

    path = "/api/v1/me/phone"
    tags = ["Me"]

    @get("/", operation_id="getMyPhoneTexts", summary="Whether my number is verified and texts are available")
    async def status(self, caller: NamedDependency[Caller]) -> PhoneTextsRead:
        """My number, whether it is verified, and whether texts can be sent here."""
        return _read(await verification.phone_status(caller.session, actor=caller.actor))

    @post(
        "/verification",
        operation_id="sendPhoneCode",
        summary="Text a 6-digit code to my number (3 an hour)",
        status_code=202,
    )
    async def send_code(self, caller: NamedDependency[Caller], runtime: NamedDependency[Runtime]) -> CodeSent:
        """The code is valid for 10 minutes; a new one replaces it. 409 when texts are not available."""
        sent = await verification.send_code(
            caller.session, actor=caller.actor, secret=runtime.settings.secret_key, now=caller.now
        )
        return CodeSent(expires_at=sent.expires_at)

    @post(
        "/verification/confirm",
        operation_id="confirmPhoneCode",
        summary="Type back the code that was texted to me",
        status_code=200,
    )
    async def confirm(
        self, caller: NamedDependency[Caller], runtime: NamedDependency[Runtime], data: JSONBody[CodeConfirm]
    ) -> PhoneTextsRead:
        """Five wrong tries end a code (422 naming ``code``)."""
        await verification.confirm_code(
            caller.session,
            actor=caller.actor,
            secret=runtime.settings.secret_key,
            code=data.code,
            now=caller.now,
        )
        return _read(await verification.phone_status(caller.session, actor=caller.actor))


def _twiml(message: str | None) -> Response[str]:
    body = f"<Message>{escape(message)}</Message>" if message else ""
    return Response(
        f'<?xml version="1.0" encoding="UTF-8"?><Response>{body}</Response>',
        media_type=TWIML,
        status_code=200,
    )


REFUSED = N_("This request is not signed by the text provider.")


async def _signed(
    request: Request[Any, Any, Any],
    runtime: Runtime,
    path: str,
    read: Callable[[TextProvider, dict[str, str]], T],
) -> T:
    """What the provider posted, read by ``read``, when its signature holds.

    Unsigned or badly signed: 403 (logged without content). Signed but unreadable: 422 naming the field.
    """
    provider: TextProvider | None = provider_of(runtime)
    form = await request.form()
    params = {key: str(value) for key, value in form.items()}
    url = runtime.settings.base_url + path + (f"?{request.url.query}" if request.url.query else "")
    signature = request.headers.get("X-Twilio-Signature", "")
    if provider is None or not provider.verify_webhook(url, params, signature):
        log.warning(
            "texts.webhook.refused",
            extra={"fields": {"path": path, "signed": bool(signature), "texts_on": provider is not None}},
        )
        raise NotAllowed(str(REFUSED))
    try:
        return read(provider, params)
    except ValueError:
        log.warning("texts.webhook.unreadable", extra={"fields": {"path": path}})
        field, what = (
            ("MessageSid", "a received text")
            if path == INBOUND_PATH
            else ("MessageStatus", "a delivery status")
        )
        raise Invalid(_("This is not {what}.").format(what=what), field=field) from None


class TextWebhookController(Controller):
    """What the text provider posts to us: replies, and what became of the texts we sent."""

    path = "/api/v1/sms"
    tags = ["Text messages"]

    @post(
        "/inbound",
        operation_id="receiveText",
        summary="A text someone sent us (the provider's webhook)",
        media_type=TWIML,
        status_code=200,
    )
    async def inbound(
        self,
        request: Request[Any, Any, Any],
        runtime: NamedDependency[Runtime],
        db_session: NamedDependency[AsyncSession],
    ) -> Response[str]:
        """Signed by the provider or 403; answered with TwiML (a short neutral reply, or nothing)."""
        now = runtime.clock.now()
        received = await _signed(
            request, runtime, INBOUND_PATH, lambda provider, p: provider.parse_inbound(p)
        )
        reply = await replies.receive_text(
            db_session,
            from_number=received.from_number,
            message_id=received.message_id,
            body=received.body,
            now=now,
        )
        return _twiml(reply.message)

    @post(
        "/status", operation_id="textStatus", summary="What became of a text we sent (the provider's webhook)"
    )
    async def status(
        self,
        request: Request[Any, Any, Any],
        runtime: NamedDependency[Runtime],
        db_session: NamedDependency[AsyncSession],
    ) -> Response[str]:
        """Records the provider's status on the text; delivered, undelivered and failed finish it."""
        now = runtime.clock.now()
        update_ = await _signed(request, runtime, STATUS_PATH, lambda provider, p: provider.parse_status(p))
        found = await db_session.scalar(
            select(OutgoingText.id).where(OutgoingText.provider_message_id == update_.message_id)
        )
        if found is None:
            return _twiml(None)
        values: dict[str, Any] = {"provider_status": update_.status}
        final = FINAL_STATES.get(update_.status)
        if final is not None:
            values |= {"state": final, "finished_at": now, "body": ""}
            if update_.error_code:
                values["last_error"] = f"provider-{update_.error_code}"[:200]
        # A late "sent" never undoes "delivered": only texts not yet finished by a final status move on.
        await db_session.execute(
            update(OutgoingText)
            .where(
                OutgoingText.id == found,
                OutgoingText.state.in_(("sent", "pending")) | (OutgoingText.state == final),
            )
            .values(**values)
        )
        log.info("texts.status", extra={"fields": {"text_id": str(found), "status": update_.status}})
        return _twiml(None)
