// Supervision and asks to talk (issue 13) in words: how soon a buddy would like to talk, when
// supervision is due ("Due in 3 weeks", "Overdue by 2 weeks"), the kinds of session, and the checks of
// the form that records one. Pure functions (tested in node).
import { t } from '../../i18n.js';
import { firstName } from '../../text.js';

/** The kinds of session: [value, label, hint] in the current language. */
export function sessionKinds() {
  return [
    ['supervision', t('coordinator.session.supervision'), t('coordinator.session.supervisionHint')],
    ['group_supervision', t('coordinator.session.group'), t('coordinator.session.groupHint')],
    ['debrief', t('coordinator.session.debrief'), t('coordinator.session.debriefHint')],
  ];
}

export function sessionKindWords(kind) {
  return (sessionKinds().find(([value]) => value === kind) || [kind, kind])[1];
}

const URGENCY_IDS = { today: 'coordinator.urgency.today', this_week: 'coordinator.urgency.thisWeek', whenever: 'coordinator.urgency.whenever' };
export const URGENCY_WORDS = Object.freeze(
  Object.defineProperties(
    {},
    Object.fromEntries(Object.entries(URGENCY_IDS).map(([key, id]) => [key, { get: () => t(id), enumerable: true }])),
  ),
);
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

/** How long: in weeks from a fortnight on, else in days ({count, unit} for a message). */
function span(n) {
  if (n >= 14) return { count: Math.floor(n / 7), unit: 'weeks' };
  return { count: n, unit: 'days' };
}

/** "Due in 3 weeks", "Due today", "Due tomorrow", "Overdue by 2 weeks"; '' when nothing is due. */
export function dueWords(dueOn, today = isoToday()) {
  if (!dueOn) return '';
  const left = days(dueOn) - days(today);
  if (left === 0) return t('coordinator.due.today');
  if (left === 1) return t('coordinator.due.tomorrow');
  if (left > 0) return t('coordinator.due.in', span(left));
  return t('coordinator.due.overdue', span(-left));
}

/** Whether supervision is due within a fortnight (a gentle warning, before it is overdue). */
export function dueSoon(dueOn, today = isoToday()) {
  if (!dueOn) return false;
  const left = days(dueOn) - days(today);
  return left >= 0 && left <= 14;
}

/** What an item about a buddy alone says on the attention list. */
export function buddyItemWords(item) {
  const name = firstName(item.buddy_name) || t('coordinator.supervision.aBuddy');
  if (item.reason === 'debrief_requested') return t('coordinator.supervision.wouldLikeToTalk', { name });
  return t('coordinator.supervision.overdueItem', { name });
}

/** The checks of the "record a session" form: {field: message} for what is wrong. */
export function validateSession({ kind, held_on: heldOn, duration_minutes: duration, notes }, today = isoToday()) {
  const minutes = Number(String(duration).trim());
  const text = String(duration).trim();
  return {
    kind: !kind && t('coordinator.session.chooseKind'),
    held_on: (!heldOn && t('coordinator.session.enterDate')) || (heldOn > today && t('coordinator.session.notFuture')),
    duration_minutes:
      (!text && t('coordinator.session.enterDuration')) ||
      ((!/^\d+$/.test(text) || minutes < 5 || minutes > 480) && t('coordinator.session.durationRange', { min: 5, max: 480 })),
    notes: (notes || '').length > 4000 && t('coordinator.session.notesTooLong', { max: 4000 }),
  };
}
