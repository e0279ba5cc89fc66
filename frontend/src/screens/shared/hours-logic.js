// Volunteer hours in words (issue 16): minutes as hours and minutes, months by name, the log-time form's
// checks (the same rules as the API: 1 to 720 minutes, not in the future, a note of up to 1,000
// characters) and what it sends. Pure: no DOM, no API.

export const KINDS = [
  { value: 'call', label: 'A phone or video call' },
  { value: 'visit', label: 'A visit or meeting in person' },
  { value: 'messages', label: 'Messages' },
  { value: 'other', label: 'Something else' },
];
export const KIND_WORDS = Object.fromEntries(KINDS.map((k) => [k.value, k.label]));
export const MAX_MINUTES = 720;
export const NOTE_LIMIT = 1000;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];

/** "2 hours 15 minutes", "1 hour", "45 minutes", "0 minutes". */
export function hoursAndMinutes(total) {
  const minutes = Math.max(0, Math.round(Number(total) || 0));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts = [];
  if (h) parts.push(`${h} ${h === 1 ? 'hour' : 'hours'}`);
  if (m || !h) parts.push(`${m} ${m === 1 ? 'minute' : 'minutes'}`);
  return parts.join(' ');
}

/** "2026-03" → "March 2026". */
export function monthWords(month) {
  const [year, number] = String(month).split('-').map(Number);
  return `${MONTHS[number - 1] || ''} ${year}`.trim();
}

/** "2026-03-02" → "2 March 2026" (read as a calendar day, never shifted by a time zone). */
export function dayWords(day) {
  if (!day) return '';
  const [year, month, date] = String(day).split('-').map(Number);
  return `${date} ${MONTHS[month - 1]} ${year}`;
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
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.given_on || '')) errors.given_on = 'Enter the day you gave the time';
  else if (values.given_on > today) errors.given_on = "The day can't be in the future";
  const total = minutesOf(values);
  if (total === null) errors.minutes = 'Enter the time in whole hours and minutes, like 1 hour 30 minutes';
  else if (total < 1) errors.minutes = 'Enter how long it took';
  else if (total > MAX_MINUTES) errors.minutes = 'Log up to 12 hours at a time';
  if ((values.note || '').length > NOTE_LIMIT) errors.note = `Keep the note to ${NOTE_LIMIT} characters or fewer`;
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
  return from === to ? `on ${dayWords(from)}` : `from ${dayWords(from)} to ${dayWords(to)}`;
}

/** How counted time is explained to a buddy, from the centre's number of minutes per reply. */
export function countedWords(perReply) {
  if (!perReply) return 'Your centre adds only the time you log here.';
  return `Your centre also counts ${hoursAndMinutes(perReply)} for each check-in your carers answer and each reply you send.`;
}
