"""HTTP routes of accounts: sign in and out, password change and reset."""

from __future__ import annotations

from litestar import Controller, Response, post
from litestar.di import NamedDependency
from litestar.params import JSONBody

from carerlink.accounts import service
from carerlink.accounts.caller import Caller
from carerlink.accounts.schemas import (
    Accepted,
    LoginRequest,
    PasswordChange,
    PasswordResetConfirm,
    PasswordResetRequest,
    SessionRead,
)
from carerlink.http.cookies import CLEAR_SITE_DATA, expired_session_cookie, session_cookie
from carerlink.i18n import _
from carerlink.settings import Settings


def _signed_in(
    settings: Settings, new: service.NewSession, limits: service.SessionLimits
) -> Response[SessionRead]:
    body = SessionRead(
        idle_expires_at=new.session.last_seen_at + limits.idle, expires_at=new.session.expires_at
    )
    max_age = int(limits.absolute.total_seconds())
    return Response(body, cookies=[session_cookie(settings, new.token, max_age=max_age)])


def _signed_out(settings: Settings) -> Response[None]:
    return Response(
        None, status_code=204, cookies=[expired_session_cookie(settings)], headers={**CLEAR_SITE_DATA}
    )


class AuthController(Controller):
    """Signing in and out, and resetting a forgotten password."""

    path = "/api/v1/auth"
    tags = ["Sign-in"]

    @post("/login", operation_id="login", summary="Sign in with e-mail and password", status_code=200)
    async def login(
        self,
        caller: NamedDependency[Caller],
        data: JSONBody[LoginRequest],
        settings: NamedDependency[Settings],
    ) -> Response[SessionRead]:
        """Check the password and start a new session (a fresh token every time)."""
        new = await service.sign_in(caller, email=data.email, password=data.password, locale=data.locale)
        return _signed_in(settings, new, caller.limits)

    @post("/logout", operation_id="logout", summary="Sign out of this device", status_code=204)
    async def logout(
        self, caller: NamedDependency[Caller], settings: NamedDependency[Settings]
    ) -> Response[None]:
        """End this session; signing out twice is fine."""
        await service.end_session(caller.session, actor=caller.actor)
        return _signed_out(settings)

    @post(
        "/logout-everywhere",
        operation_id="logoutEverywhere",
        summary="Sign out on every device",
        status_code=204,
    )
    async def logout_everywhere(
        self, caller: NamedDependency[Caller], settings: NamedDependency[Settings]
    ) -> Response[None]:
        """End every session of the signed-in person, this one included."""
        await service.sign_out_everywhere(caller.session, actor=caller.actor)
        return _signed_out(settings)

    @post(
        "/password-reset",
        operation_id="requestPasswordReset",
        summary="E-mail a password reset link",
        status_code=202,
    )
    async def request_reset(
        self,
        caller: NamedDependency[Caller],
        data: JSONBody[PasswordResetRequest],
        settings: NamedDependency[Settings],
    ) -> Accepted:
        """Send a reset link if the address has an account; the answer is the same either way."""
        await service.request_password_reset(
            caller.session,
            email=data.email,
            client_ip=caller.client_ip,
            base_url=settings.base_url,
            now=caller.now,
        )
        return Accepted(
            message=_(
                "If there is an account for that address, we have sent it a link to reset the password. "
                "The link works for 30 minutes."
            )
        )

    @post(
        "/password-reset/confirm",
        operation_id="confirmPasswordReset",
        summary="Choose a new password with a reset link",
        status_code=200,
    )
    async def confirm_reset(
        self, caller: NamedDependency[Caller], data: JSONBody[PasswordResetConfirm]
    ) -> Accepted:
        """Set the new password; every session of the account ends, so sign in again."""
        await service.reset_password(
            caller.session, token=data.token, new_password=data.new_password, now=caller.now
        )
        return Accepted(message=_("Your password has been changed. Please sign in with your new password."))


class PasswordController(Controller):
    """Changing my password while signed in."""

    path = "/api/v1/me/password"
    tags = ["Me"]

    @post("/", operation_id="changePassword", summary="Change my password", status_code=200)
    async def change(
        self,
        caller: NamedDependency[Caller],
        data: JSONBody[PasswordChange],
        settings: NamedDependency[Settings],
    ) -> Response[SessionRead]:
        """Change the password; other devices are signed out and this one gets a new session."""
        new = await service.change_password(
            caller, current_password=data.current_password, new_password=data.new_password
        )
        return _signed_in(settings, new, caller.limits)
