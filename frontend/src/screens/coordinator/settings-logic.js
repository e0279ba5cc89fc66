// The settings screen's words and rules (issue 16): what each setting does in plain words, their limits
// (the API's), checks of a section's values before it is saved, what each section sends, and "Changed
// by … on …" from the settings' history. Pure: no DOM, no API.

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];

/** "3 December" (and the year when it is not this year). */
export function shortDay(value, now = new Date()) {
  const at = new Date(value);
  const day = `${at.getDate()} ${MONTHS[at.getMonth()]}`;
  return at.getFullYear() === now.getFullYear() ? day : `${day} ${at.getFullYear()}`;
}

export const LADDER = [
  { key: 'nudge_after_hours', label: 'Remind the carer after (hours)', min: 1, max: 720,
    hint: 'When a check-in is due and the carer has not answered, they get a gentle reminder this many hours later.' },
  { key: 'tell_buddy_after_hours', label: 'Tell the buddy after (hours)', min: 1, max: 720,
    hint: 'Still no answer this many hours after it was due: the buddy is told, so they can get in touch.' },
  { key: 'missed_after_hours', label: 'Count it as missed after (hours)', min: 1, max: 720,
    hint: 'An unanswered check-in counts as missed this many hours after it was due.' },
  { key: 'answer_grace_hours', label: 'A missed check-in can still be answered for (hours)', min: 1, max: 720,
    hint: 'After it is missed, the carer can still answer it for this long.' },
  { key: 'buddy_reminder_after_hours', label: 'Remind the buddy to reply after (hours)', min: 1, max: 720,
    hint: 'When a carer has answered and the buddy has not replied, the buddy is reminded this many hours later.' },
  { key: 'tell_coordinator_after_hours', label: 'Tell coordinators after (hours)', min: 1, max: 720,
    hint: 'Still no reply from the buddy this many hours after the carer answered: it comes to you on the attention list.' },
  { key: 'low_score_threshold', label: 'Low wellbeing score (1 to 4)', min: 1, max: 4,
    hint: 'Carers answer from 1 (struggling) to 5 (doing well). A score at or below this counts as low.' },
  { key: 'low_score_run', label: 'Low scores in a row before a review', min: 2, max: 10,
    hint: 'This many low scores in a row puts the carer on the attention list for a coordinator to look at.' },
  { key: 'crisis_ack_minutes', label: 'Acknowledge a crisis alert within (minutes)', min: 1, max: 240,
    hint: 'If no coordinator acknowledges an "I need help now" alert in this time, the safeguarding lead is alerted.' },
];

export const WEIGHTS = [
  { key: 'relationship', label: 'Caring relationship', hint: 'Both care for the same kind of person (a partner, a parent, a child).' },
  { key: 'needs', label: 'Needs of the person cared for', hint: 'The person each cares for has a need in common, such as dementia or psychosis (only with consent).' },
  { key: 'journey', label: 'Further along the journey', hint: 'The buddy is further along in caring than the carer, or has cared for longer.' },
  { key: 'language', label: 'Language', hint: "The buddy speaks the carer's preferred language." },
  { key: 'area', label: 'Area', hint: 'For carers who would like to meet in person: how close they live.' },
  { key: 'availability', label: 'Free times', hint: 'They are free at the same times of the week.' },
  { key: 'contact_modes', label: 'Ways of keeping in touch', hint: 'They like the same ways of keeping in touch (calls, messages, meeting).' },
  { key: 'nice_to_have', label: "Carer's wishes", hint: "How many of the carer's nice-to-have wishes the buddy meets." },
  { key: 'load', label: 'Spreading the work', hint: 'Buddies supporting fewer carers than they offered come first.' },
].map((w) => ({ ...w, label: `${w.label} (0 to 10)`, min: 0, max: 10 }));

export const BUDDY_CHECKS = [
  { key: 'recheck_warning_days', label: 'Warn before a check runs out (days)', min: 1, max: 365,
    hint: "You are warned this many days before a buddy's safeguarding check needs renewing." },
  { key: 'supervision_every_weeks', label: 'Supervision every (weeks)', min: 1, max: 52,
    hint: 'Each approved buddy should have supervision this often; after that they show as overdue.' },
];

export const CONCERNS = [
  { key: 'concern_response_hours', label: 'Acknowledge a concern within (hours)', min: 1, max: 336,
    hint: 'A concern nobody has taken on after this many hours goes to the safeguarding lead.' },
];

export const TEXTS = [
  { key: 'monthly_budget', label: 'Text messages each month (segments)', min: 0, max: 1000000,
    hint: 'Past this, only crisis alerts still go by text.' },
  { key: 'warn_at_percent', label: 'Warn when this much is used (%)', min: 1, max: 100,
    hint: 'Coordinators are told once a month when this share of the budget has gone.' },
];

export const HOURS = [
  { key: 'volunteer_minutes_per_reply', label: 'Minutes each check-in and reply counts', min: 0, max: 120,
    hint: "Each check-in a buddy's carer answers and each reply the buddy sends adds this many minutes to their volunteer hours. 0 counts none." },
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
};

const FIELD_WORDS = {
  name: "the centre's name",
  time_zone: 'the time zone',
  crisis_lines: 'the crisis lines',
  'settings.checkins': 'the check-in timings',
  'settings.safeguarding_lead_user_id': 'the safeguarding lead',
  'settings.concern_response_hours': 'the concern response target',
  duty: 'who is on duty',
  'settings.young_carers_programme': "the young carers' programme",
  'settings.matching_weights': 'the matching weights',
  'settings.buddy_check_types': 'the checks buddies need',
  'settings.recheck_warning_days': 'the warning before checks run out',
  'settings.supervision_every_weeks': 'how often supervision is due',
  'settings.texts': 'text messages',
  'settings.retention': 'how long records are kept',
  'settings.volunteer_minutes_per_reply': 'the minutes each check-in and reply counts',
  'settings.messaging': 'messages within a pair',
};

export const fieldWords = (field) => FIELD_WORDS[field] || field;

/** A list in words: "a, b and c". */
function inWords(items) {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** One history entry in words: "Morgan Ellis changed the crisis lines and the check-in timings". */
export function changeWords(change) {
  const who = change.by_name || 'Someone';
  const duty = change.changes.find((c) => c.field === 'duty');
  if (duty && change.changes.length === 1) return `${who} went ${duty.new ? 'on' : 'off'} duty`;
  return `${who} changed ${inWords(change.changes.map((c) => fieldWords(c.field)))}`;
}

// The labels of the numbers and switches inside a setting that holds several (settings.checkins, …).
const INNER_LABELS = Object.fromEntries(
  [...LADDER, ...WEIGHTS, ...TEXTS, { key: 'enabled', label: 'Texts turned on' }].map((s) => [s.key, s.label]),
);
const TOP_LABELS = Object.fromEntries(
  [...BUDDY_CHECKS, ...CONCERNS, ...HOURS].map((s) => [`settings.${s.key}`, s.label]),
);

function shown(value) {
  if (value === true) return 'yes';
  if (value === false) return 'no';
  if (value === null || value === undefined || value === '') return 'none';
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
    added.length && `added ${inWords(added)}`,
    removed.length && `took away ${inWords(removed)}`,
    changed.length && `the details of ${inWords(changed)}`,
  ].filter(Boolean);
  if (parts.length === 0) return 'Crisis lines: a new order';
  return `Crisis lines: ${parts.join('; ')}`;
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
      lines.push(c.new ? 'A new safeguarding lead was chosen' : 'The safeguarding lead was cleared');
    } else if (c.old && c.new && typeof c.old === 'object' && typeof c.new === 'object' && !Array.isArray(c.new)) {
      for (const key of Object.keys(c.new)) {
        if (JSON.stringify(c.old[key]) === JSON.stringify(c.new[key])) continue;
        lines.push(`${INNER_LABELS[key] || key.replaceAll('_', ' ')}: ${shown(c.old[key])} → ${shown(c.new[key])}`);
      }
    } else if (typeof c.new !== 'object' || c.new === null) {
      const label = TOP_LABELS[c.field] || fieldWords(c.field);
      lines.push(`${label.charAt(0).toUpperCase()}${label.slice(1)}: ${shown(c.old)} → ${shown(c.new)}`);
    }
  }
  return lines;
}

/** "Changed by Morgan Ellis on 3 December" for a section, from the newest entry touching its fields. */
export function lastChanged(history, section, now = new Date()) {
  const fields = SECTION_FIELDS[section] || [];
  const found = (history || []).find((h) => h.changes.some((c) => fields.includes(c.field)));
  if (!found) return '';
  return `Changed by ${found.by_name || 'someone'} on ${shortDay(found.at, now)}`;
}

const WHOLE = /^\s*\d+\s*$/;

/** Errors by key for whole numbers within each spec's limits. */
export function validateNumbers(values, specs) {
  const errors = {};
  for (const spec of specs) {
    const raw = String(values[spec.key] ?? '');
    if (!WHOLE.test(raw)) errors[spec.key] = `${spec.label.replace(/ \(.*\)$/, '')}: enter a whole number`;
    else if (Number(raw) < spec.min || Number(raw) > spec.max) {
      errors[spec.key] = `${spec.label.replace(/ \(.*\)$/, '')}: enter a number from ${spec.min} to ${spec.max}`;
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
  if (!lines.length) errors.lines = 'Keep at least one crisis line';
  if (lines.length > MAX_LINES) errors.lines = `Have no more than ${MAX_LINES} crisis lines`;
  lines.forEach((line, i) => {
    const n = i + 1;
    const name = line.name.trim();
    if (!name) errors[`line-${i}-name`] = `Line ${n}: enter its name`;
    else if (name.length > 80) errors[`line-${i}-name`] = `Line ${n}: keep the name to 80 characters`;
    const contact = line.contact.trim();
    if (!contact) errors[`line-${i}-contact`] = `Line ${n}: enter the number to ${line.how === 'text' ? 'text' : 'call'}`;
    else if (contact.length > 40 || !CONTACT.test(contact)) {
      errors[`line-${i}-contact`] = `Line ${n}: use only numbers, letters, spaces, brackets, + and -`;
    }
    if (line.description.length > 200) errors[`line-${i}-description`] = `Line ${n}: keep the description to 200 characters`;
    if (line.message.length > 40 || !MESSAGE.test(line.message)) {
      errors[`line-${i}-message`] = `Line ${n}: the first word of the text can use only letters, numbers and spaces`;
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
