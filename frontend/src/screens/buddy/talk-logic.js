// "I'd like to talk something through" (issue 13) in words: how soon, the checks of the form, and where
// each ask stands ("Morgan took this up on Tuesday 3 March at 14:05"). Pure functions (tested in node).
import { firstName } from '../../text.js';
import { formatDateTime } from './logic.js';

export const NOTE_LIMIT = 2000;

export const URGENCY_OPTIONS = [
  { value: 'today', label: 'Today if possible' },
  { value: 'this_week', label: 'This week' },
  { value: 'whenever', label: 'Whenever suits' },
];

/** "Today if possible", "This week", "Whenever suits". */
export function urgencyWords(urgency) {
  return (URGENCY_OPTIONS.find((option) => option.value === urgency) || URGENCY_OPTIONS[2]).label;
}

export const SESSION_NAMES = { supervision: 'Supervision', group_supervision: 'Group supervision', debrief: 'Debrief' };

/** The form's checks: {field: message} for what is wrong. */
export function validateTalk({ urgency, note }) {
  return {
    urgency: !urgency && 'Choose when you’d like to talk',
    note: (note || '').length > NOTE_LIMIT && `Your note must be ${NOTE_LIMIT.toLocaleString('en-GB')} characters or fewer`,
  };
}

/** Where an ask stands, in a sentence: waiting, or who took it up and when (in this phone's time). */
export function talkStatus(request, { zone } = {}) {
  if (!request) return '';
  if (!request.taken_up_at) return 'Waiting for a coordinator. They will be in touch.';
  const who = firstName(request.taken_up_by_name) || 'A coordinator';
  return `${who} took this up on ${formatDateTime(request.taken_up_at, { zone })}.`;
}

/** What home says about the latest ask: when I asked and that someone will be in touch, or who took it up. */
export function homeWords(request, { zone } = {}) {
  if (!request) return '';
  if (request.taken_up_at) return talkStatus(request, { zone });
  return `You asked to talk on ${formatDateTime(request.asked_at, { zone })}. A coordinator will be in touch.`;
}

/** The ask home shows: the latest one still open, else one taken up in the last 14 days, else none. */
export function latestToShow(requests, now = Date.now()) {
  const list = requests || [];
  const open = list.find((r) => !r.taken_up_at);
  if (open) return open;
  const recent = list.find((r) => r.taken_up_at && now - Date.parse(r.taken_up_at) < 14 * 86400000);
  return recent || null;
}
