// The settings screen's words and rules (issue 16): what each setting does in plain words, their limits
// (the API's), checks of a section's values before it is saved, what each section sends, and "Changed
// by … on …" from the settings' history. Pure: no DOM, no API.

import { currentLocale, formatDate, formatList, t } from '../../i18n.js';

/**
 * "3 December" (and the year when it is not this year). Other languages always say the year: Intl's day
 * and month alone read oddly in some (Welsh "Rhagfyr 3").
 */
export function shortDay(value, now = new Date()) {
  const at = new Date(value);
  const thisYear = at.getFullYear() === now.getFullYear() && currentLocale() === 'en-GB';
  return formatDate(at, thisYear ? { day: 'numeric', month: 'long' } : { day: 'numeric', month: 'long', year: 'numeric' });
}

// A setting's label and hint are read when shown (getters), so they follow the current language.
const spec = (key, min, max, words) => ({
  key,
  min,
  max,
  get label() {
    return words().label;
  },
  get hint() {
    return words().hint;
  },
});

export const LADDER = [
  spec('nudge_after_hours', 1, 720, () => ({ label: t('running.settings.nudgeLabel'), hint: t('running.settings.nudgeHint') })),
  spec('tell_buddy_after_hours', 1, 720, () => ({ label: t('running.settings.tellBuddyLabel'), hint: t('running.settings.tellBuddyHint') })),
  spec('missed_after_hours', 1, 720, () => ({ label: t('running.settings.missedLabel'), hint: t('running.settings.missedHint') })),
  spec('answer_grace_hours', 1, 720, () => ({ label: t('running.settings.graceLabel'), hint: t('running.settings.graceHint') })),
  spec('buddy_reminder_after_hours', 1, 720, () => ({ label: t('running.settings.buddyReminderLabel'), hint: t('running.settings.buddyReminderHint') })),
  spec('tell_coordinator_after_hours', 1, 720, () => ({ label: t('running.settings.tellCoordinatorLabel'), hint: t('running.settings.tellCoordinatorHint') })),
  spec('low_score_threshold', 1, 4, () => ({ label: t('running.settings.lowScoreLabel'), hint: t('running.settings.lowScoreHint') })),
  spec('low_score_run', 2, 10, () => ({ label: t('running.settings.lowRunLabel'), hint: t('running.settings.lowRunHint') })),
  spec('crisis_ack_minutes', 1, 240, () => ({ label: t('running.settings.crisisAckLabel'), hint: t('running.settings.crisisAckHint') })),
];

// A matching weight: its name "(0 to 10)".
const weight = (key, words) =>
  spec(key, 0, 10, () => {
    const { label, hint } = words();
    return { label: t('running.settings.weightLabel', { label }), hint };
  });

export const WEIGHTS = [
  weight('relationship', () => ({ label: t('running.settings.wRelationship'), hint: t('running.settings.wRelationshipHint') })),
  weight('needs', () => ({ label: t('running.settings.wNeeds'), hint: t('running.settings.wNeedsHint') })),
  weight('journey', () => ({ label: t('running.settings.wJourney'), hint: t('running.settings.wJourneyHint') })),
  weight('language', () => ({ label: t('running.settings.wLanguage'), hint: t('running.settings.wLanguageHint') })),
  weight('area', () => ({ label: t('running.settings.wArea'), hint: t('running.settings.wAreaHint') })),
  weight('availability', () => ({ label: t('running.settings.wAvailability'), hint: t('running.settings.wAvailabilityHint') })),
  weight('contact_modes', () => ({ label: t('running.settings.wContact'), hint: t('running.settings.wContactHint') })),
  weight('nice_to_have', () => ({ label: t('running.settings.wWishes'), hint: t('running.settings.wWishesHint') })),
  weight('load', () => ({ label: t('running.settings.wLoad'), hint: t('running.settings.wLoadHint') })),
];

export const BUDDY_CHECKS = [
  spec('recheck_warning_days', 1, 365, () => ({ label: t('running.settings.recheckLabel'), hint: t('running.settings.recheckHint') })),
  spec('supervision_every_weeks', 1, 52, () => ({ label: t('running.settings.supervisionLabel'), hint: t('running.settings.supervisionHint') })),
];

export const CONCERNS = [
  spec('concern_response_hours', 1, 336, () => ({ label: t('running.settings.concernLabel'), hint: t('running.settings.concernHint') })),
];

export const TEXTS = [
  spec('monthly_budget', 0, 1000000, () => ({ label: t('running.settings.budgetLabel'), hint: t('running.settings.budgetHint') })),
  spec('warn_at_percent', 1, 100, () => ({ label: t('running.settings.warnLabel'), hint: t('running.settings.warnHint') })),
];

export const HOURS = [
  spec('volunteer_minutes_per_reply', 0, 120, () => ({ label: t('running.settings.minutesLabel'), hint: t('running.settings.minutesHint') })),
];

/** The history's field names each section owns. */
export const SECTION_FIELDS = {
  centre: ['name', 'time_zone'],
  crisis: ['crisis_lines'],
  ladder: ['settings.checkins'],
  safeguarding: ['settings.safeguarding_lead_user_id', 'settings.concern_response_hours', 'duty'],
  young: ['settings.young_carers_programme'],
  matching: ['settings.matching_weights'],
  buddies: ['settings.recheck_warning_days', 'settings.supervision_every_weeks'],
  texts: ['settings.texts'],
  'text-budget': ['settings.texts'],
  hours: ['settings.volunteer_minutes_per_reply'],
  retention: ['settings.retention'],
  messages: ['settings.messaging'],
  'messages-young': ['settings.messaging'],
  languages: ['settings.language_offer'],
};

// The ids of the history's field names in words ("the crisis lines").
const FIELD_WORDS = {
  name: 'running.settings.fName',
  time_zone: 'running.settings.fTimeZone',
  crisis_lines: 'running.settings.fCrisisLines',
  'settings.checkins': 'running.settings.fCheckins',
  'settings.safeguarding_lead_user_id': 'running.settings.fLead',
  'settings.concern_response_hours': 'running.settings.fConcern',
  duty: 'running.settings.fDuty',
  'settings.young_carers_programme': 'running.settings.fYoung',
  'settings.matching_weights': 'running.settings.fWeights',
  'settings.buddy_check_types': 'running.settings.fCheckTypes',
  'settings.recheck_warning_days': 'running.settings.fRecheck',
  'settings.supervision_every_weeks': 'running.settings.fSupervision',
  'settings.texts': 'running.settings.fTexts',
  'settings.retention': 'running.settings.fRetention',
  'settings.volunteer_minutes_per_reply': 'running.settings.fMinutes',
  'settings.messaging': 'running.settings.fMessaging',
  'settings.language_offer': 'running.settings.fLanguageOffer',
};

export const fieldWords = (field) => (FIELD_WORDS[field] ? t(FIELD_WORDS[field]) : field);

/** A list in words: "a, b and c" (as the current language joins them). */
function inWords(items) {
  return formatList(items.map(String));
}

/** One history entry in words: "Morgan Ellis changed the crisis lines and the check-in timings". */
export function changeWords(change) {
  const who = change.by_name || t('running.settings.someone');
  const duty = change.changes.find((c) => c.field === 'duty');
  if (duty && change.changes.length === 1) {
    return duty.new ? t('running.settings.wentOnDuty', { who }) : t('running.settings.wentOffDuty', { who });
  }
  return t('running.settings.changed', { who, fields: inWords(change.changes.map((c) => fieldWords(c.field))) });
}

// The labels of the numbers and switches inside a setting that holds several (settings.checkins, …).
function innerLabel(key) {
  if (key === 'enabled') return t('running.settings.textsOn');
  const found = [...LADDER, ...WEIGHTS, ...TEXTS].find((s) => s.key === key);
  return found ? found.label : null;
}
function topLabel(field) {
  const found = [...BUDDY_CHECKS, ...CONCERNS, ...HOURS].find((s) => `settings.${s.key}` === field);
  return found ? found.label : null;
}

function shown(value) {
  if (value === true) return t('running.settings.yes');
  if (value === false) return t('running.settings.no');
  if (value === null || value === undefined || value === '') return t('running.settings.none');
  return String(value);
}

/** How the crisis lines changed: lines added, taken away, changed in place, or put in a new order. */
function crisisLinesChange(before, after) {
  const names = (list) => list.map((line) => line.name);
  const added = names(after).filter((name) => !names(before).includes(name));
  const removed = names(before).filter((name) => !names(after).includes(name));
  const changed = after
    .filter((line) => {
      const old = before.find((o) => o.name === line.name);
      return old && JSON.stringify(old) !== JSON.stringify(line);
    })
    .map((line) => line.name);
  const parts = [
    added.length && t('running.settings.linesAdded', { names: inWords(added) }),
    removed.length && t('running.settings.linesRemoved', { names: inWords(removed) }),
    changed.length && t('running.settings.linesChanged', { names: inWords(changed) }),
  ].filter(Boolean);
  if (parts.length === 0) return t('running.settings.linesNewOrder');
  return t('running.settings.linesChange', { parts: parts.join('; ') });
}

/**
 * What one history entry changed, a line each: "Remind the carer after (hours): 24 → 36". Numbers and
 * switches are shown old → new; crisis lines by their names; the safeguarding lead and the time zone as
 * changed (a person's id means nothing on screen); who went on duty is the entry's own words.
 */
export function changeDetails(change) {
  const lines = [];
  for (const c of change.changes || []) {
    if (c.field === 'duty') continue;
    if (c.field === 'crisis_lines') {
      lines.push(crisisLinesChange(c.old || [], c.new || []));
    } else if (c.field === 'settings.safeguarding_lead_user_id') {
      lines.push(c.new ? t('running.settings.leadChosen') : t('running.settings.leadCleared'));
    } else if (c.old && c.new && typeof c.old === 'object' && typeof c.new === 'object' && !Array.isArray(c.new)) {
      for (const key of Object.keys(c.new)) {
        if (JSON.stringify(c.old[key]) === JSON.stringify(c.new[key])) continue;
        const label = innerLabel(key) || key.replaceAll('_', ' ');
        lines.push(t('running.settings.detail', { label, before: shown(c.old[key]), after: shown(c.new[key]) }));
      }
    } else if (typeof c.new !== 'object' || c.new === null) {
      const words = topLabel(c.field) || fieldWords(c.field);
      const label = `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
      lines.push(t('running.settings.detail', { label, before: shown(c.old), after: shown(c.new) }));
    }
  }
  return lines;
}

/** "Changed by Morgan Ellis on 3 December" for a section, from the newest entry touching its fields. */
export function lastChanged(history, section, now = new Date()) {
  const fields = SECTION_FIELDS[section] || [];
  const found = (history || []).find((h) => h.changes.some((c) => fields.includes(c.field)));
  if (!found) return '';
  const day = shortDay(found.at, now);
  return found.by_name
    ? t('running.settings.changedBy', { name: found.by_name, day })
    : t('running.settings.changedBySomeone', { day });
}

const WHOLE = /^\s*\d+\s*$/;

/** Errors by key for whole numbers within each spec's limits. */
export function validateNumbers(values, specs) {
  const errors = {};
  for (const spec of specs) {
    const raw = String(values[spec.key] ?? '');
    // The setting's name without its unit: "Low wellbeing score (1 to 4)" → "Low wellbeing score".
    const setting = spec.label.replace(/ \(.*\)$/, '');
    if (!WHOLE.test(raw)) errors[spec.key] = t('running.settings.wholeNumber', { setting });
    else if (Number(raw) < spec.min || Number(raw) > spec.max) {
      errors[spec.key] = t('running.settings.numberRange', { setting, min: String(spec.min), max: String(spec.max) });
    }
  }
  return errors;
}

/** The numbers of ``specs`` from a form's values. */
export function numbersOf(values, specs) {
  return Object.fromEntries(specs.map((s) => [s.key, Number(String(values[s.key]).trim())]));
}

/** A form's starting values (strings) from the current settings. */
export function formValues(current, specs) {
  return Object.fromEntries(specs.map((s) => [s.key, String(current?.[s.key] ?? '')]));
}

const CONTACT = /^[0-9A-Za-z +()-]+$/;
const MESSAGE = /^[0-9A-Za-z ]*$/;
export const MAX_LINES = 12;
export const EMPTY_LINE = { name: '', contact: '', how: 'call', description: '', message: '' };

/** Errors for crisis lines, by ``line-{i}-{field}`` (and ``lines`` for the list as a whole). */
export function validateCrisisLines(lines) {
  const errors = {};
  if (!lines.length) errors.lines = t('running.settings.keepOneLine');
  if (lines.length > MAX_LINES) errors.lines = t('running.settings.tooManyLines', { max: MAX_LINES });
  lines.forEach((line, i) => {
    const n = i + 1;
    const name = line.name.trim();
    if (!name) errors[`line-${i}-name`] = t('running.settings.lineName', { n });
    else if (name.length > 80) errors[`line-${i}-name`] = t('running.settings.lineNameLong', { n });
    const contact = line.contact.trim();
    if (!contact) errors[`line-${i}-contact`] = t('running.settings.lineContact', { n, how: line.how === 'text' ? 'text' : 'call' });
    else if (contact.length > 40 || !CONTACT.test(contact)) {
      errors[`line-${i}-contact`] = t('running.settings.lineContactChars', { n });
    }
    if (line.description.length > 200) errors[`line-${i}-description`] = t('running.settings.lineDescription', { n });
    if (line.message.length > 40 || !MESSAGE.test(line.message)) {
      errors[`line-${i}-message`] = t('running.settings.lineMessage', { n });
    }
  });
  return errors;
}

/** What the crisis lines section sends. */
export function crisisLinesBody(lines) {
  return {
    crisis_lines: lines.map((l) => ({
      name: l.name.trim(),
      contact: l.contact.trim(),
      how: l.how,
      description: l.description.trim(),
      message: l.how === 'text' ? l.message.trim() : '',
    })),
  };
}

/** ``lines`` with the one at ``index`` moved by ``step`` (-1 up, +1 down); unchanged at either end. */
export function moveLine(lines, index, step) {
  const to = index + step;
  if (to < 0 || to >= lines.length) return lines;
  const next = [...lines];
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}

/** The API's field for a crisis line ("crisis_lines[1].contact" or "crisis_lines.1.contact") as a form key. */
export function crisisLineField(apiField) {
  const found = /^crisis_lines(?:\[(\d+)\]|\.(\d+))\.(\w+)$/.exec(apiField || '');
  return found ? `line-${found[1] ?? found[2]}-${found[3]}` : null;
}
