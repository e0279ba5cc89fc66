// Supervision and asks to talk (issue 13) in words: how soon a buddy would like to talk, when
// supervision is due ("Due in 3 weeks", "Overdue by 2 weeks"), the kinds of session, and the checks of
// the form that records one. Pure functions (tested in node).
import { firstName } from '../../text.js';

export const SESSION_KINDS = [
  ['supervision', 'Supervision', 'One to one with a coordinator.'],
  ['group_supervision', 'Group supervision', 'With other buddies.'],
  ['debrief', 'Debrief', 'Talking through something that happened. It does not count as supervision.'],
];

export function sessionKindWords(kind) {
  return (SESSION_KINDS.find(([value]) => value === kind) || [kind, kind])[1];
}

export const URGENCY_WORDS = { today: 'Today if possible', this_week: 'This week', whenever: 'Whenever suits' };
const URGENCY_ORDER = { today: 0, this_week: 1, whenever: 2 };

/** Asks to talk, the most urgent first, then the longest waiting. */
export function byUrgency(items) {
  return [...items].sort(
    (a, b) => (URGENCY_ORDER[a.urgency] ?? 3) - (URGENCY_ORDER[b.urgency] ?? 3) || Date.parse(a.at) - Date.parse(b.at),
  );
}

export function isBuddyItem(item) {
  return item.reason === 'debrief_requested' || item.reason === 'supervision_overdue';
}

function days(isoDate) {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / 86400000);
}

/** Today's date on this device as the API writes dates. */
export function isoToday(now = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function span(n) {
  if (n >= 14) {
    const weeks = Math.floor(n / 7);
    return `${weeks} weeks`;
  }
  return n === 1 ? '1 day' : `${n} days`;
}

/** "Due in 3 weeks", "Due today", "Due tomorrow", "Overdue by 2 weeks"; '' when nothing is due. */
export function dueWords(dueOn, today = isoToday()) {
  if (!dueOn) return '';
  const left = days(dueOn) - days(today);
  if (left === 0) return 'Due today';
  if (left === 1) return 'Due tomorrow';
  if (left > 0) return `Due in ${span(left)}`;
  return `Overdue by ${span(-left)}`;
}

/** Whether supervision is due within a fortnight (a gentle warning, before it is overdue). */
export function dueSoon(dueOn, today = isoToday()) {
  if (!dueOn) return false;
  const left = days(dueOn) - days(today);
  return left >= 0 && left <= 14;
}

/** What an item about a buddy alone says on the attention list. */
export function buddyItemWords(item) {
  const name = firstName(item.buddy_name) || 'A buddy';
  if (item.reason === 'debrief_requested') return `${name} would like to talk something through.`;
  return `${name}'s supervision is overdue.`;
}

/** The checks of the "record a session" form: {field: message} for what is wrong. */
export function validateSession({ kind, held_on: heldOn, duration_minutes: duration, notes }, today = isoToday()) {
  const minutes = Number(String(duration).trim());
  const text = String(duration).trim();
  return {
    kind: !kind && 'Choose the kind of session',
    held_on: (!heldOn && 'Enter the date of the session') || (heldOn > today && 'The date of the session can’t be in the future'),
    duration_minutes:
      (!text && 'Enter how long the session lasted, in minutes') ||
      ((!/^\d+$/.test(text) || minutes < 5 || minutes > 480) && 'How long it lasted must be between 5 and 480 minutes'),
    notes: (notes || '').length > 4000 && 'Notes must be 4,000 characters or fewer',
  };
}
