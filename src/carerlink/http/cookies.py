"""The session cookie: its name, flags and lifetime, from the settings."""

from __future__ import annotations

from litestar.datastructures import Cookie

from carerlink.settings import Settings

# Sent with sign-out: the browser deletes what this origin stored (IndexedDB with any queued check-in
# answers, Cache Storage, the service worker) and its HTTP cache, so nothing of the person stays on a
# shared phone. The app wipes its own storage first too, for browsers without this header.
CLEAR_SITE_DATA = {"clear-site-data": '"cache", "storage"'}


def session_cookie_name(settings: Settings) -> str:
    """``__Host-carerlink_session`` over https (bound to this exact origin), else ``carerlink_session``."""
    return "__Host-carerlink_session" if settings.is_https else "carerlink_session"


def session_cookie(settings: Settings, token: str, *, max_age: int) -> Cookie:
    """The cookie that carries a session token: HttpOnly, SameSite=Lax, Secure over https."""
    return Cookie(
        key=session_cookie_name(settings),
        value=token,
        path="/",
        max_age=max_age,
        httponly=True,
        secure=settings.is_https,
        samesite="lax",
    )


def expired_session_cookie(settings: Settings) -> Cookie:
    """A cookie that makes the browser forget the session."""
    return session_cookie(settings, "", max_age=0)
