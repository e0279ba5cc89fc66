"""Start-up checks for production: what is missing or unsafe, in plain words."""

from __future__ import annotations

from urllib.parse import urlsplit

from carerlink.settings import Settings

MIN_SECRET_LENGTH = 32


def production_problems(settings: Settings) -> list[str]:
    """Everything that makes ``settings`` unfit for production (empty when all is well)."""
    problems: list[str] = []
    if len(settings.secret_key) < MIN_SECRET_LENGTH:
        problems.append(
            f"CARERLINK_SECRET_KEY must be set to a random value of at least {MIN_SECRET_LENGTH} characters "
            "(for example the output of: python3 -c 'import secrets; print(secrets.token_urlsafe(48))')."
        )
    if urlsplit(settings.base_url).scheme != "https":
        problems.append(
            "CARERLINK_BASE_URL must start with https:// — browsers allow push reminders and offline use "
            "only on secure sites, and sign-in cookies must be Secure."
        )
    if settings.is_sqlite and not settings.allow_sqlite_in_production:
        problems.append(
            "CARERLINK_DATABASE_URL points at SQLite. Use PostgreSQL (postgresql://…), or set "
            "CARERLINK_ALLOW_SQLITE_IN_PRODUCTION=1 for a single-server install with one web process."
        )
    if settings.is_sqlite and settings.web_workers > 1:
        problems.append("SQLite serves one web process: set CARERLINK_WEB_WORKERS=1 or use PostgreSQL.")
    if not settings.smtp_url:
        problems.append(
            "CARERLINK_SMTP_URL is not set, so invitations, password resets and crisis alerts could not be "
            "e-mailed. Set it to smtp://user:password@host:587?starttls=1 (or smtps://…)."
        )
    if not settings.vapid_private_key and not settings.vapid_private_key_file:
        problems.append(
            "No Web Push key: set CARERLINK_VAPID_PRIVATE_KEY or CARERLINK_VAPID_PRIVATE_KEY_FILE (make one "
            "with `carerlink vapid-keys`). Keep it for good: every phone's subscription is bound to it."
        )
    elif settings.vapid_private_key_file and not settings.vapid_private_key_file.is_file():
        problems.append(
            f"CARERLINK_VAPID_PRIVATE_KEY_FILE names {settings.vapid_private_key_file}, which does not exist."
        )
    if not settings.vapid_contact.startswith(("mailto:", "https://")) or settings.vapid_contact.endswith(
        ".invalid"
    ):
        problems.append(
            "CARERLINK_VAPID_CONTACT must be a real mailto: address or https:// page, so push services can "
            "reach you about problems with your reminders."
        )
    problems += _text_problems(settings)
    return problems


def _text_problems(settings: Settings) -> list[str]:
    """Texts are off unless ``CARERLINK_SMS_PROVIDER`` is set; Twilio needs its account, token and sender."""
    if settings.sms_provider == "file":
        return [
            "CARERLINK_SMS_PROVIDER=file only writes texts to files (the demo): nobody receives them. "
            "Set it to twilio, or leave it empty to send no texts."
        ]
    if settings.sms_provider != "twilio":
        return []
    missing = [
        name
        for name, value in (
            ("CARERLINK_TWILIO_ACCOUNT_SID", settings.twilio_account_sid),
            ("CARERLINK_TWILIO_AUTH_TOKEN", settings.twilio_auth_token),
            ("CARERLINK_SMS_FROM", settings.sms_from),
        )
        if not value
    ]
    if missing:
        return [
            f'CARERLINK_SMS_PROVIDER=twilio needs {", ".join(missing)} (the account SID "AC…", its auth '
            'token, and the number texts come from in E.164, +447…, or a Messaging Service SID "MG…").'
        ]
    return []
