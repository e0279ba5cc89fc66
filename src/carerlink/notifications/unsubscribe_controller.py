"""``/unsubscribe/{token}``: the link in every reminder e-mail that turns reminder e-mails off (issue 14).

``GET`` (a person clicking it) is the app's page with one button; it never unsubscribes, since link
scanners open every link. ``POST`` turns e-mail off: RFC 8058's one-click post from the mail client
(``List-Unsubscribe=One-Click``, form-encoded, with no cookie; exempt from the CSRF check in
``http/middleware.py``, the signed token is the proof) and the page's own button alike.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.params import FromPath
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.http.static import app_page
from carerlink.notifications.service.email_optout import stop_email_by_link

DONE = "Reminder e-mails are off. You can turn them on again in Reminders settings."
LINK_HEADERS = {"cache-control": "no-store", "referrer-policy": "no-referrer"}


class UnsubscribeController(Controller):
    """One-click unsubscribe from reminder e-mails, by a signed link."""

    path = "/unsubscribe/{token:str}"
    include_in_schema = False

    @get("/", operation_id="unsubscribePage", summary="Stop reminder e-mails?", sync_to_thread=False)
    def page(self, request: Request[Any, Any, Any], state: State, token: FromPath[str]) -> Response[Any]:
        """The app's page asking to confirm (nothing changes on GET)."""
        return app_page(request, state.frontend, f"unsubscribe/{token}")

    @post("/", operation_id="unsubscribe", summary="Turn reminder e-mails off", status_code=200)
    async def unsubscribe(
        self,
        db_session: NamedDependency[AsyncSession],
        now: NamedDependency[datetime],
        token: FromPath[str],
    ) -> Response[str]:
        """200 with a short plain answer, again on a second post; 404 for a link that is no good."""
        await stop_email_by_link(db_session, token=token, now=now)
        return Response(DONE, media_type="text/plain", headers=LINK_HEADERS)
