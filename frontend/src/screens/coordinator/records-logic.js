// The logic of "who looked" and "how long records are kept" (issue 15): the audit log's query and
// sentences, the people to filter by, the retention form's checks and a run's counts in words.
import { formatList, t } from '../../i18n.js';

/** A role's name in a sentence ("coordinator"), in the current language. */
export function roleWords(role) {
  return t('coordinator.role.inSentence', { role: role || 'other' });
}

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
  const name = entry.actor_name || t('coordinator.audit.someoneNoLongerHere');
  return entry.actor_role ? t('coordinator.audit.nameWithRole', { name, role: roleWords(entry.actor_role) }) : name;
}

/** "Morgan Ellis (coordinator) looked at Alex Turner's profile". */
export function entrySentence(entry) {
  const what = entry.action_words || entry.action;
  return t('coordinator.audit.sentence', { actor: actorWords(entry), what });
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
    .map(([value, person]) => ({ value, label: t('coordinator.audit.nameWithRole', { name: person.name, role: [...new Set(person.roles)].map(roleWords).join(', ') }) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return [{ value: '', label: t('coordinator.audit.anyone') }, ...people];
}

/** The action groups to filter by, "Everything" first. */
export function actionOptions(groups = []) {
  return [{ value: '', label: t('coordinator.audit.everything') }, ...groups.map((g) => ({ value: g.prefix, label: g.words }))];
}

/** Problems with the period: each date well formed, and "to" not before "from". */
export function validatePeriod({ from = '', to = '' }) {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  const errors = {};
  if (from && !day.test(from)) errors.from = t('coordinator.audit.fromFormat', { example: '2026-03-02' });
  if (to && !day.test(to)) errors.to = t('coordinator.audit.toFormat', { example: '2026-03-31' });
  if (!errors.from && !errors.to && from && to && to < from) errors.to = t('coordinator.audit.toBeforeFrom');
  return errors;
}

// The tunable periods, their labels and limits (as RetentionSettings in organisations/schemas.py).
// Each period's label is read in the current language when it is shown (a getter).
function period(id, labelId, unit, max) {
  return Object.freeze({
    id,
    unit,
    max,
    get label() {
      return t(labelId);
    },
  });
}

export const PERIODS = [
  period('checkin_notes_months', 'coordinator.retention.period.checkinNotes', 'months', 240),
  period('declined_referrals_months', 'coordinator.retention.period.declinedReferrals', 'months', 240),
  period('ended_memberships_months', 'coordinator.retention.period.endedMemberships', 'months', 240),
  period('safeguarding_years', 'coordinator.retention.period.safeguarding', 'years', 25),
  period('audit_years', 'coordinator.retention.period.audit', 'years', 25),
];

/** Problems with the retention form: whole numbers within each period's limits. */
export function validatePeriods(values) {
  const errors = {};
  for (const period of PERIODS) {
    const text = String(values[period.id] ?? '').trim();
    const unit = period.unit === 'months' ? 'months' : 'years';
    if (!/^\d+$/.test(text)) errors[period.id] = t('coordinator.retention.wholeNumber', { unit });
    else if (Number(text) < 1 || Number(text) > period.max) errors[period.id] = t('coordinator.retention.between', { unit, max: period.max });
  }
  return errors;
}

/** The form's values as the API takes them (numbers). */
export function periodsBody(values) {
  return Object.fromEntries(PERIODS.map((p) => [p.id, Number(String(values[p.id]).trim())]));
}

// What each class of a run's counts is, for "Removed 3 check-in notes and 1 declined referral".
const REMOVED_WORDS = {
  checkin_notes: 'coordinator.retention.removed.checkinNotes',
  declined_referrals: 'coordinator.retention.removed.declinedReferrals',
  ended_memberships: 'coordinator.retention.removed.endedMemberships',
  safeguarding: 'coordinator.retention.removed.safeguarding',
  audit: 'coordinator.retention.removed.audit',
  exports: 'coordinator.retention.removed.exports',
};

/** The counts of a run as a list of phrases ("1 declined referral"); empty when nothing was due. */
export function removedPhrases(removed = {}) {
  return Object.entries(REMOVED_WORDS)
    .filter(([key]) => (removed[key] || 0) > 0)
    .map(([key, id]) => t(id, { count: removed[key] }));
}

/** One sentence for a run: "Removed 1 declined referral." or "Nothing was due." */
export function runSummary(run) {
  if (!run) return t('coordinator.retention.notRunYet');
  const phrases = removedPhrases(run.removed);
  if (!phrases.length) return t('coordinator.retention.nothingDue');
  return t('coordinator.retention.removedList', { list: formatList(phrases) });
}

/** "12 months" or the class's own words for a fixed period. */
export function keptFor(retentionClass) {
  return retentionClass.period_words || t('coordinator.retention.seeAbove');
}
