# ruff: noqa: RUF001 - Urdu texts end sentences with the Arabic full stop, as they should
"""The words of every text carerlink writes itself, per language, and how many segments a text costs.

A text is billed per segment. GSM-7 (the basic alphabet of GSM 03.38) fits 160 characters in one
segment and 153 per part of a longer one; an extension character (``[``, ``€`` …) takes two. Anything
outside it makes the whole text UCS-2: 70 characters in one segment, 67 per part. ``gsm0338`` is the
codec that says which alphabet a text fits. English texts must be one segment, other languages at
most two (``tests/notifications/texts/test_words.py`` checks every text below).

Texts are neutral: a shared phone must reveal nothing (no names, no scores, no health words).
"""

from __future__ import annotations

import math

import gsm0338  # noqa: F401 - registers the "gsm03.38" codec

GSM_SINGLE, GSM_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67

ENGLISH = "en"
LANGUAGES = ("en", "cy", "pl", "ur")


def language_of(locale: str | None) -> str:
    """``cy-GB`` → ``cy``; a language carerlink has no texts in → English."""
    language = (locale or ENGLISH).split("-")[0].split("_")[0].lower()
    return language if language in LANGUAGES else ENGLISH


def segments(body: str) -> int:
    """How many segments ``body`` is sent as."""
    try:
        septets = len(body.encode("gsm03.38"))
    except UnicodeEncodeError:
        units = len(body.encode("utf-16-le")) // 2
        return 1 if units <= UCS2_SINGLE else math.ceil(units / UCS2_PART)
    return 1 if septets <= GSM_SINGLE else math.ceil(septets / GSM_PART)


# The verification code ({code}: six digits).
CODE = {
    "en": "Your carerlink code is {code}. It expires in 10 minutes.",
    "cy": "Eich cod carerlink yw {code}. Mae'n dod i ben mewn 10 munud.",
    "pl": "Twój kod carerlink to {code}. Wygaśnie za 10 minut.",
    "ur": "آپ کا carerlink کوڈ {code} ہے۔ یہ 10 منٹ میں ختم ہو جائے گا۔",
}

# A check-in is waiting (the reminder the channels send by text).
CHECKIN_READY = {
    "en": "Your check-in is ready: reply 1-5 (5 is good), CALL or HELP.",
    "cy": "Mae eich gwiriad yn barod: atebwch 1-5 (5 yn dda), FFONIO neu CYMORTH.",
    "pl": "Twoje zgłoszenie czeka: odpowiedz 1-5 (5 to dobrze), ZADZWON lub POMOC.",
    "ur": "آپ کا چیک اِن تیار ہے: 1-5 جواب دیں، CALL یا مدد۔",
}

# The answer to a reply that was saved.
THANKS = {
    "en": "Thank you, your check-in is saved.",
    "cy": "Diolch, mae eich gwiriad wedi'i gadw.",
    "pl": "Dziękujemy, zapisaliśmy Twoją odpowiedź.",
    "ur": "شکریہ، آپ کا چیک اِن محفوظ ہو گیا۔",
}

# The answer to a reply with no check-in waiting: a person will read it.
PASSED_ON = {
    "en": "Thank you. There is no check-in waiting, so we have passed your message on.",
    "cy": "Diolch. Does dim gwiriad yn aros, felly rydym wedi anfon eich neges ymlaen.",
    "pl": "Dziękujemy. Nic nie czeka na odpowiedź, więc przekazaliśmy wiadomość dalej.",
    "ur": "شکریہ۔ کوئی چیک اِن باقی نہیں، آپ کا پیغام آگے بھیج دیا گیا۔",
}

# "HELP": the coordinators are told, and the crisis lines follow in texts of their own.
HELP_SENT = {
    "en": "We have told your coordinators. If you are in danger call 999.",
    "cy": "Rydym wedi dweud wrth eich cydlynwyr. Os ydych mewn perygl ffoniwch 999.",
    "pl": "Powiadomiliśmy koordynatorów. W niebezpieczeństwie dzwoń 999.",
    "ur": "ہم نے آپ کے کوآرڈینیٹرز کو بتا دیا ہے۔ خطرے میں ہوں تو 999 پر کال کریں۔",
}


def words(table: dict[str, str], locale: str | None, **values: str) -> str:
    """The text from ``table`` in the person's language, filled in."""
    return table[language_of(locale)].format(**values)


def crisis_line_text(line: dict[str, str]) -> str:
    """One crisis line as the organisation entered it ("Samaritans: call 116 123"), kept to one segment."""
    how = "text" if line.get("how") == "text" else "call"
    message = f" ({line['message']})" if line.get("message") else ""
    text = " ".join(f"{line.get('name', '')}: {how} {line.get('contact', '')}{message}".split())
    while segments(text) > 1:
        text = text[:-1]
    return text
