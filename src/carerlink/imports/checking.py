"""Checking an import's rows (issue 16): the API's own rules, with problems named by row and column.

Pure: no database. ``check_rows`` takes what it needs to know of the organisation (the e-mails and phone
numbers already there, whether texts are on) and returns every row with what was found in it. The rules
are the API's: an e-mail is the ``Email`` schema type, a phone goes through ``accounts.phones`` (Google's
libphonenumber), a profile is a ``CarerProfileWrite`` checked by the profiles' own rules, words of a
choice are the vocabulary's. Only the words are written here, for a coordinator reading a spreadsheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

import msgspec

from carerlink.accounts import phones
from carerlink.errors import Invalid
from carerlink.i18n import N_, _, ngettext
from carerlink.imports.columns import (
    CONSENT_COLUMNS,
    PROFILE_COLUMNS,
    Column,
    choice_words,
    columns_of,
)
from carerlink.imports.models import ImportKind
from carerlink.kit.schema import Email
from carerlink.kit.text import clean_display_name, is_one_line, normalise_email
from carerlink.organisations.consents import HEALTH_DATA_VERSION
from carerlink.profiles.schemas import CarerProfileWrite
from carerlink.profiles.service._common import check_languages
from carerlink.profiles.service.carers import _validate_carer
from carerlink.profiles.vocabulary import CarerCategory

FORMULA_STARTS = ("=", "+", "-", "@")
_PHONE_LIKE = re.compile(r"^\+[0-9 ()-]+$")
_WHOLE_NUMBER = re.compile(r"[0-9]{1,3}")
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}
INVITE_WORDS = {"email": "email", "e-mail": "email", "text": "text", "sms": "text", "in person": "code"}
INVITE_WORDS |= {"in-person": "code", "code": "code", "": "email"}


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong with one cell (or the row, ``column`` ``None``), in plain words.

    A ``warning`` is worth a look but does not stop the row (a phone number two people share).
    """

    column: str | None
    message: str
    duplicate: bool = False
    warning: bool = False


@dataclass(frozen=True, slots=True)
class HealthConsent:
    """A health-data consent the carer gave before carerlink, as the file records it."""

    recorded_by: str
    given_at: datetime
    version: str


@dataclass(slots=True)
class CheckedRow:
    """One row: what it brings in and what is wrong with it."""

    row_number: int
    name: str = ""
    email: str | None = None
    phone: str | None = None
    invite_by: str = "email"  # email, text or code
    waiting_since: datetime | None = None
    profile: CarerProfileWrite | None = None
    consent: HealthConsent | None = None
    problems: list[Problem] = field(default_factory=list)  # errors: the row is not brought in
    warnings: list[Problem] = field(default_factory=list)  # worth a look: the row is still brought in

    @property
    def ok(self) -> bool:
        """Whether the row can be brought in (warnings don't stop it)."""
        return not self.problems

    @property
    def duplicate(self) -> bool:
        """Whether the row repeats an e-mail or phone already named (in the file or the organisation)."""
        return any(p.duplicate for p in (*self.problems, *self.warnings))

    def fail(self, column: str | None, message: str, *, duplicate: bool = False) -> None:
        """Note a problem that keeps the row out."""
        self.problems.append(Problem(column, message, duplicate))

    def warn(self, column: str | None, message: str, *, duplicate: bool = False) -> None:
        """Note something worth a look that still lets the row in."""
        self.warnings.append(Problem(column, message, duplicate, warning=True))


@dataclass(frozen=True, slots=True)
class Known:
    """What the organisation already holds that a row must not repeat."""

    members_by_email: frozenset[str]  # e-mails of people already in this organisation
    other_accounts: frozenset[str]  # e-mails with an account elsewhere on this service
    member_phones: frozenset[str]  # E.164 numbers of people already in this organisation
    texts_on: bool
    # Segments of this month's text budget left (None: not counted), and what one invitation text takes.
    text_segments_left: int | None = None
    segments_per_invitation: int = 1


def check_headings(kind: ImportKind, headings: list[str]) -> None:
    """``Invalid`` (naming ``file``) when the headings are not this kind's columns."""
    columns = {c.name for c in columns_of(kind)}
    seen: set[str] = set()
    for heading in headings:
        if heading in seen and heading:
            raise Invalid(
                _("The column '{heading}' appears twice. Keep one of them.").format(heading=heading),
                field="file",
            )
        seen.add(heading)
    unknown = [h or _("(a column with no heading)") for h in headings if h not in columns]
    if unknown:
        if kind == ImportKind.CARER:
            words = _(
                "The file has columns we don't know for carers: {columns}. "
                "Use the headings of the template (download it on this page)."
            )
        else:
            words = _(
                "The file has columns we don't know for buddies: {columns}. "
                "Use the headings of the template (download it on this page)."
            )
        raise Invalid(words.format(columns=", ".join(unknown)), field="file")
    missing = [c.name for c in columns_of(kind) if c.required and c.name not in seen]
    if missing:
        raise Invalid(
            ngettext(
                "The file is missing the column {columns}. Use the headings of the template.",
                "The file is missing the columns {columns}. Use the headings of the template.",
                len(missing),
            ).format(columns=", ".join(missing)),
            field="file",
        )


def check_rows(
    kind: ImportKind, headings: list[str], rows: list[tuple[int, list[str]]], *, known: Known, today: date
) -> list[CheckedRow]:
    """Every row checked, duplicates within the file and against the organisation flagged."""
    columns = {c.name: c for c in columns_of(kind)}
    checked: list[CheckedRow] = []
    first_email: dict[str, int] = {}
    first_phone: dict[str, int] = {}
    texts_used = 0
    for number, cells in rows:
        values = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(headings) if h}
        row = CheckedRow(row_number=number)
        formulas = {name for name, value in values.items() if _formula_like(name, value)}
        for name in sorted(formulas, key=list(columns).index):
            row.fail(
                name,
                _(
                    "This cell starts with '{value}', so a spreadsheet would run it as a formula. Type "
                    "the value itself, without = + - or @ at the start."
                ).format(value=values[name][0]),
            )
            values[name] = ""
        _check_person(row, values, formulas, known=known)
        if kind == ImportKind.CARER:
            _check_carer(row, values, columns, today=today)
        if row.email is not None and row.email in first_email:
            row.fail(
                "email",
                _("The same e-mail address as row {first_email}.").format(first_email=first_email[row.email]),
                duplicate=True,
            )
        elif row.email is not None:
            first_email[row.email] = number
        if row.phone is not None and row.phone in first_phone:
            # Only a warning: people sign in with their e-mail, so it must be theirs alone, but two carers
            # of one household may well share a landline (issue 16: duplicates are "flagged").
            row.warn(
                "phone",
                _(
                    "The same phone number as row {first_phone}: a shared landline? It will be kept for both."
                ).format(first_phone=first_phone[row.phone]),
                duplicate=True,
            )
        elif row.phone is not None:
            first_phone[row.phone] = number
        texts_used = _check_text_budget(row, known, texts_used)
        checked.append(row)
    return checked


def _check_text_budget(row: CheckedRow, known: Known, used: int) -> int:
    """Refuse an invitation by text past what is left of the month's texts; the segments used so far.

    Past the budget an invitation text would be refused when it is sent (it isn't a crisis text), and
    the person would wait for a text that never comes: better the coordinator chooses another way now.
    """
    if known.text_segments_left is None or not row.ok or row.invite_by != "text":
        return used
    each = max(1, known.segments_per_invitation)
    if used + each <= known.text_segments_left:
        return used + each
    room = known.text_segments_left // each
    row.fail(
        "invite_by",
        ngettext(
            "Your centre's text messages for this month run out before this row: there is room for "
            "{count} invitation by text. Invite them by email or in person instead.",
            "Your centre's text messages for this month run out before this row: there is room for "
            "{count} invitations by text. Invite them by email or in person instead.",
            room,
        ).format(count=room),
    )
    return used


def _formula_like(column: str, value: str) -> bool:
    if not value.startswith(FORMULA_STARTS):
        return False
    # An international number is written +33 6 12…: that is a phone number, not a formula.
    return not (column == "phone" and _PHONE_LIKE.match(value))


def _check_person(row: CheckedRow, values: dict[str, str], formulas: set[str], *, known: Known) -> None:
    _check_name(row, values, formulas)
    _check_email(row, values, formulas, known=known)
    number = _check_phone(row, values, known=known)
    _check_invite(row, values, formulas, number, known=known)


def _check_name(row: CheckedRow, values: dict[str, str], formulas: set[str]) -> None:
    name = clean_display_name(values.get("name", ""))
    if not name and "name" not in formulas:
        row.fail("name", _("The name is empty. Write the name they like to be called."))
    elif not is_one_line(name):
        row.fail("name", _("The name has a hidden character in it (copied from elsewhere?). Type it again."))
    elif len(name) > 80:
        row.fail("name", _("The name is too long (the most is 80 characters)."))
    row.name = name[:80]


def _check_email(row: CheckedRow, values: dict[str, str], formulas: set[str], *, known: Known) -> None:
    email = values.get("email", "")
    if not email:
        if "email" not in formulas:
            row.fail("email", _("The e-mail address is empty. Everyone signs in with their e-mail address."))
        return
    try:
        msgspec.convert(email, Email)
    except msgspec.ValidationError:
        row.fail(
            "email",
            _("'{email}' isn't an e-mail address. Write it like pat@example.org.").format(email=email[:60]),
        )
        return
    row.email = normalise_email(email)
    if row.email in known.members_by_email:
        row.fail("email", _("Someone with this e-mail address is already in your centre."), duplicate=True)
    elif row.email in known.other_accounts:
        row.fail(
            "email",
            _("This e-mail address already has a carerlink account. Invite them from People instead."),
            duplicate=True,
        )


def _check_phone(row: CheckedRow, values: dict[str, str], *, known: Known) -> phones.PhoneNumber | None:
    if not values.get("phone"):
        return None
    try:
        number = phones.parse(values["phone"], field="phone")
    except Invalid as wrong:
        row.fail("phone", wrong.detail)
        return None
    row.phone = number.e164
    if number.e164 in known.member_phones:
        row.warn(
            "phone",
            _(
                "Someone already in your centre has this phone number: a shared landline? It will be kept "
                "for both."
            ),
            duplicate=True,
        )
    return number


def _check_invite(
    row: CheckedRow,
    values: dict[str, str],
    formulas: set[str],
    number: phones.PhoneNumber | None,
    *,
    known: Known,
) -> None:
    how = values.get("invite_by", "").lower()
    if how not in INVITE_WORDS:
        row.fail(
            "invite_by",
            _("'{how}' isn't a way we can invite. Use email, text or in person.").format(how=how[:30]),
        )
        return
    row.invite_by = INVITE_WORDS[how]
    if row.invite_by != "text":
        return
    if not known.texts_on:
        row.fail("invite_by", _("Your centre doesn't send texts. Use email or in person."))
    elif number is None and "phone" not in formulas and not values.get("phone"):
        row.fail("phone", _("To invite by text, write their mobile number."))
    elif number is not None and number.kind == "landline":
        row.fail(
            "phone", _("This is a landline, so it can't get a text. Give a mobile or invite another way.")
        )


def _date(row: CheckedRow, column: str, text: str, *, today: date) -> date | None:
    for pattern in _DATE_FORMATS:
        try:
            day = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if day > today:
            row.fail(column, _("This date is in the future."))
            return None
        return day
    row.fail(
        column, _("'{text}' isn't a date. Write it like 2026-03-14 or 14/03/2026.").format(text=text[:30])
    )
    return None


def _words(row: CheckedRow, column: Column, text: str) -> list[str] | str | None:
    """The words of a choice column, or None after noting each word that isn't one."""
    allowed = choice_words(column)
    words = [w.strip().lower().replace(" ", "_") for w in text.split(";")] if column.many else [text.lower()]
    words = [w for w in words if w]
    wrong = [w for w in words if w not in allowed]
    if wrong and column.name == "needs":
        # Never a health word in what is kept: the problem names the column, not the cell.
        row.fail(
            column.name,
            _("We don't know one of these needs. Use any of: {allowed}.").format(allowed=", ".join(allowed)),
        )
        return None
    if wrong:
        if column.many:
            words_wrong = ngettext(
                "We don't know the word {words} here. Use any of: {allowed}.",
                "We don't know the words {words} here. Use any of: {allowed}.",
                len(wrong),
            )
        else:
            words_wrong = ngettext(
                "We don't know the word {words} here. Use one of: {allowed}.",
                "We don't know the words {words} here. Use one of: {allowed}.",
                len(wrong),
            )
        row.fail(
            column.name,
            words_wrong.format(words=", ".join(repr(w[:30]) for w in wrong), allowed=", ".join(allowed)),
        )
        return None
    return words if column.many else (words[0] if words else None)


_CHOICE_COLUMNS = (
    "relationships",
    "hours_band",
    "journey_stage",
    "carer_category",
    "contact_modes",
    "region",
)
_PROFILE_REQUIRED = (
    "relationships",
    "co_resident",
    "hours_band",
    "journey_stage",
    "years_caring",
    "carer_category",
    "contact_modes",
)
NEEDS_WITHOUT_CONSENT = N_(
    "Needs can only be brought in with the carer's health-data consent: fill in health_consent_recorded_by, "
    "health_consent_date and health_consent_version, or leave needs empty."
)


def _check_carer(row: CheckedRow, values: dict[str, str], columns: dict[str, Column], *, today: date) -> None:
    if values.get("referral_date"):
        day = _date(row, "referral_date", values["referral_date"], today=today)
        if day is not None:
            row.waiting_since = datetime.combine(day, time(12), tzinfo=UTC)
    consent = _check_consent(row, values, today=today)
    if not any(values.get(name) for name in PROFILE_COLUMNS):
        return
    if values.get("needs") and consent is None and not any(values.get(n) for n in CONSENT_COLUMNS):
        row.fail("needs", str(NEEDS_WITHOUT_CONSENT))
        return
    before = len(row.problems)
    data = _profile_data(row, values, columns)
    if len(row.problems) > before:
        return
    try:
        profile = msgspec.convert(data, CarerProfileWrite)
        _validate_carer(profile, consent is not None)
    except msgspec.ValidationError as wrong:
        path = str(wrong).rsplit("$.", 1)[-1]
        column = next((c for c in PROFILE_COLUMNS if path.startswith(c)), None)
        row.fail(
            column, _("This doesn't fit what a profile can hold. Compare it with the template's example.")
        )
        return
    except Invalid as wrong:
        column = (wrong.field or "").split(".")[0].split("[")[0]
        row.fail(column if column in columns else None, wrong.detail)
        return
    row.profile = profile


def _profile_data(row: CheckedRow, values: dict[str, str], columns: dict[str, Column]) -> dict[str, object]:
    """A ``CarerProfileWrite`` as a dict from the profile columns, noting each cell that can't be one."""
    data: dict[str, object] = {}
    for name in (*_CHOICE_COLUMNS, "needs"):
        if values.get(name):
            words = _words(row, columns[name], values[name])
            if words is not None:
                data[name] = words
    for name in _PROFILE_REQUIRED:
        if not values.get(name):
            row.fail(
                name, _("To bring their profile in, fill this in too (or leave every profile column empty).")
            )
    if values.get("co_resident"):
        answer = values["co_resident"].lower()
        if answer in _YES | _NO:
            data["co_resident"] = answer in _YES
        else:
            row.fail("co_resident", _("Write yes or no."))
    if values.get("years_caring"):
        # ASCII digits only: "²" is a digit to str.isdigit() but no number to int() (found by hypothesis).
        if _WHOLE_NUMBER.fullmatch(values["years_caring"]) and int(values["years_caring"]) <= 80:
            data["years_caring"] = int(values["years_caring"])
        else:
            row.fail("years_caring", _("Write a whole number of years, from 0 to 80."))
    languages = [w.strip().lower() for w in values.get("languages", "").split(";") if w.strip()] or ["en"]
    try:
        check_languages(languages, languages[0])
    except Invalid:
        row.fail(
            "languages", _("We don't know one of these language codes. Use codes like en, cy, ur or pl.")
        )
    data["languages"], data["preferred_language"] = languages, languages[0]
    if values.get("postcode_district"):
        data["postcode_district"] = values["postcode_district"].upper()
    data["under_18"] = data.get("carer_category") == CarerCategory.YOUNG.value
    return data


def _check_consent(row: CheckedRow, values: dict[str, str], *, today: date) -> HealthConsent | None:
    given = {name: values.get(name, "") for name in CONSENT_COLUMNS}
    if not any(given.values()):
        return None
    before = len(row.problems)
    for name, value in given.items():
        if not value:
            row.fail(
                name, _("A health-data consent needs who took it, when, and the version of the wording read.")
            )
    recorded_by = clean_display_name(given["health_consent_recorded_by"])
    if len(recorded_by) > 80:
        row.fail("health_consent_recorded_by", _("This name is too long (the most is 80 characters)."))
    day = (
        _date(row, "health_consent_date", given["health_consent_date"], today=today)
        if given["health_consent_date"]
        else None
    )
    version = given["health_consent_version"]
    if version and version != HEALTH_DATA_VERSION:
        row.fail(
            "health_consent_version",
            _(
                "carerlink's health-data wording is version {health_data_version}. Consent to other words "
                "can't be brought in: ask the carer again with these words."
            ).format(health_data_version=HEALTH_DATA_VERSION),
        )
    if len(row.problems) > before or day is None:
        return None
    row.consent = HealthConsent(recorded_by, datetime.combine(day, time(12), tzinfo=UTC), version)
    return row.consent
