// Volunteer hours in words (issue 16): minutes as hours and minutes, months by name, the log-time form's
// checks (the same rules as the API: 1 to 720 minutes, not in the future, a note of up to 1,000
// characters) and what it sends. Pure: no DOM, no API.
import { formatDate, t } from '../../i18n.js';

// The words are read when shown (getters), in the language of the moment.
const KIND_IDS = {
  call: 'shared.hours.kind.call',
  visit: 'shared.hours.kind.visit',
  messages: 'shared.hours.kind.messages',
  other: 'shared.hours.kind.other',
};
export const KINDS = Object.keys(KIND_IDS).map((value) =>
  Object.defineProperty({ value }, 'label', { get: () => t(KIND_IDS[value]), enumerable: true }),
);
export const KIND_WORDS = Object.freeze(
  Object.defineProperties(
    {},
    Object.fromEntries(Object.keys(KIND_IDS).map((value) => [value, { get: () => t(KIND_IDS[value]), enumerable: true }])),
  ),
);
export const MAX_MINUTES = 720;
export const NOTE_LIMIT = 1000;

// A calendar day or month, read in UTC so no time zone moves it.
const calendar = (year, month, day = 1) => new Date(Date.UTC(year, month - 1, day));

/** "2 hours 15 minutes", "1 hour", "45 minutes", "0 minutes". */
export function hoursAndMinutes(total) {
  const minutes = Math.max(0, Math.round(Number(total) || 0));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts = [];
  if (h) parts.push(t('shared.hours.hours', { count: h }));
  if (m || !h) parts.push(t('shared.hours.minutes', { count: m }));
  return parts.join(' ');
}

/** "2026-03" → "March 2026". */
export function monthWords(month) {
  const [year, number] = String(month).split('-').map(Number);
  if (!(number >= 1 && number <= 12)) return String(year);
  return formatDate(calendar(year, number), { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** "2026-03-02" → "2 March 2026" (read as a calendar day, never shifted by a time zone). */
export function dayWords(day) {
  if (!day) return '';
  const [year, month, date] = String(day).split('-').map(Number);
  return formatDate(calendar(year, month, date), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** Today as YYYY-MM-DD in the person's own time zone. */
export function todayIso(now = new Date()) {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 10);
}

const WHOLE = /^\s*\d+\s*$/;

/** The minutes the form's hours and minutes make, or null when either is not a whole number. */
export function minutesOf({ hours = '', minutes = '' }) {
  const h = String(hours).trim() === '' ? 0 : WHOLE.test(hours) ? Number(hours) : null;
  const m = String(minutes).trim() === '' ? 0 : WHOLE.test(minutes) ? Number(minutes) : null;
  if (h === null || m === null) return null;
  return h * 60 + m;
}

/** Errors by field for the log-time form (empty when it can be sent). */
export function validateTime(values, today = todayIso()) {
  const errors = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.given_on || '')) errors.given_on = t('shared.hours.error.day');
  else if (values.given_on > today) errors.given_on = t('shared.hours.error.future');
  const total = minutesOf(values);
  if (total === null) errors.minutes = t('shared.hours.error.whole');
  else if (total < 1) errors.minutes = t('shared.hours.error.none');
  else if (total > MAX_MINUTES) errors.minutes = t('shared.hours.error.tooMany');
  if ((values.note || '').length > NOTE_LIMIT) errors.note = t('shared.hours.error.note', { limit: NOTE_LIMIT });
  return errors;
}

/** What the form sends to POST …/me/hours. */
export function timeBody(values) {
  return {
    given_on: values.given_on,
    minutes: minutesOf(values),
    kind: values.kind || 'call',
    note: (values.note || '').trim(),
  };
}

/** The certificate's period in words: "from 3 February 2026 to 2 March 2026". */
export function periodWords(from, to) {
  return from === to ? t('shared.hours.on', { day: dayWords(from) }) : t('shared.hours.fromTo', { from: dayWords(from), to: dayWords(to) });
}

/** How counted time is explained to a buddy, from the centre's number of minutes per reply. */
export function countedWords(perReply) {
  if (!perReply) return t('shared.hours.countedNone');
  return t('shared.hours.counted', { time: hoursAndMinutes(perReply) });
}
