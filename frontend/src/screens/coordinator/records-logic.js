// The logic of "who looked" and "how long records are kept" (issue 15): the audit log's query and
// sentences, the people to filter by, the retention form's checks and a run's counts in words.
import { count } from './logic.js';

/** The audit log's URL for these filters and page (``before``: the cursor of the last page's end). */
export function auditUrl(base, filters = {}, before = null) {
  const params = new URLSearchParams();
  if (filters.person) params.set('person', filters.person);
  if (filters.action) params.set('action', filters.action);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (before) params.set('before', before);
  params.set('limit', '30');
  return `${base}/audit?${params}`;
}

/** "Morgan Ellis (coordinator)", "carerlink" for a scheduled job, "Someone no longer here". */
export function actorWords(entry) {
  if (!entry.actor_user_id) return 'carerlink';
  const name = entry.actor_name || 'Someone no longer here';
  return entry.actor_role ? `${name} (${entry.actor_role})` : name;
}

/** "Morgan Ellis (coordinator) looked at Alex Turner's profile". */
export function entrySentence(entry) {
  const what = entry.action_words || entry.action;
  return `${actorWords(entry)} ${what}`;
}

/** The centre's people to filter by: one option per person (by name), "Anyone" first. */
export function peopleOptions(members = []) {
  const seen = new Map();
  for (const member of members) {
    const known = seen.get(member.user_id);
    const roles = known ? [...known.roles, member.role] : [member.role];
    seen.set(member.user_id, { name: member.display_name, roles });
  }
  const people = [...seen.entries()]
    .map(([value, person]) => ({ value, label: `${person.name} (${[...new Set(person.roles)].join(', ')})` }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return [{ value: '', label: 'Anyone' }, ...people];
}

/** The action groups to filter by, "Everything" first. */
export function actionOptions(groups = []) {
  return [{ value: '', label: 'Everything' }, ...groups.map((g) => ({ value: g.prefix, label: g.words }))];
}

/** Problems with the period: each date well formed, and "to" not before "from". */
export function validatePeriod({ from = '', to = '' }) {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  const errors = {};
  if (from && !day.test(from)) errors.from = 'Enter the first day as a date, like 2026-03-02';
  if (to && !day.test(to)) errors.to = 'Enter the last day as a date, like 2026-03-31';
  if (!errors.from && !errors.to && from && to && to < from) errors.to = 'The last day must be the same as or after the first day';
  return errors;
}

// The tunable periods, their labels and limits (as RetentionSettings in organisations/schemas.py).
export const PERIODS = [
  { id: 'checkin_notes_months', label: 'Check-in notes and replies, after the match ends', unit: 'months', max: 240 },
  { id: 'declined_referrals_months', label: 'Declined referrals, after the decision', unit: 'months', max: 240 },
  { id: 'ended_memberships_months', label: 'People whose membership ended, before they are anonymised', unit: 'months', max: 240 },
  { id: 'safeguarding_years', label: 'Crisis alerts and concerns, after they were closed', unit: 'years', max: 25 },
  { id: 'audit_years', label: 'The record of who looked at whose record', unit: 'years', max: 25 },
];

/** Problems with the retention form: whole numbers within each period's limits. */
export function validatePeriods(values) {
  const errors = {};
  for (const period of PERIODS) {
    const text = String(values[period.id] ?? '').trim();
    const label = period.unit === 'months' ? 'months' : 'years';
    if (!/^\d+$/.test(text)) errors[period.id] = `Enter a whole number of ${label}`;
    else if (Number(text) < 1 || Number(text) > period.max) errors[period.id] = `Enter between 1 and ${period.max} ${label}`;
  }
  return errors;
}

/** The form's values as the API takes them (numbers). */
export function periodsBody(values) {
  return Object.fromEntries(PERIODS.map((p) => [p.id, Number(String(values[p.id]).trim())]));
}

// What each class of a run's counts is, for "Removed 3 check-in notes and 1 declined referral".
const REMOVED_WORDS = {
  checkin_notes: ['check-in note or reply', 'check-in notes and replies'],
  declined_referrals: ['declined referral', 'declined referrals'],
  ended_memberships: ['ended membership anonymised', 'ended memberships anonymised'],
  safeguarding: ['safeguarding record', 'safeguarding records'],
  audit: ['old audit record', 'old audit records'],
  exports: ['expired copy of someone’s data', 'expired copies of people’s data'],
};

/** The counts of a run as a list of phrases ("1 declined referral"); empty when nothing was due. */
export function removedPhrases(removed = {}) {
  return Object.entries(REMOVED_WORDS)
    .filter(([key]) => (removed[key] || 0) > 0)
    .map(([key, [one, many]]) => count(removed[key], one, many));
}

/** One sentence for a run: "Removed 1 declined referral." or "Nothing was due." */
export function runSummary(run) {
  if (!run) return 'The retention run has not run yet. It runs every day.';
  const phrases = removedPhrases(run.removed);
  if (!phrases.length) return 'Nothing was due.';
  const list = phrases.length === 1 ? phrases[0] : `${phrases.slice(0, -1).join(', ')} and ${phrases.at(-1)}`;
  return `Removed ${list}.`;
}

/** "12 months" or the class's own words for a fixed period. */
export function keptFor(retentionClass) {
  return retentionClass.period_words || 'See above';
}
