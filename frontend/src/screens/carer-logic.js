// The carer screens' rules, kept free of the DOM so node tests can check them: the words for a
// check-in answer and a caring situation (the API's enums, DOMAIN.md), dates in words, what an answer
// sends, and how a profile form is checked and turned into the API's body.

/** The 1–5 scale with words, as the API names it (checkins/schemas.py "Wellbeing"). */
export const WELLBEING_WORDS = {
  1: 'struggling',
  2: 'finding it hard',
  3: 'getting by',
  4: 'doing okay',
  5: 'doing well',
};
export const NOTE_LIMIT = 1000;

const capitalise = (text) => (text ? text[0].toUpperCase() + text.slice(1) : '');

export const WELLBEING_OPTIONS = [1, 2, 3, 4, 5].map((score) => ({
  value: String(score),
  label: `${capitalise(WELLBEING_WORDS[score])} (${score} out of 5)`,
}));

export function wellbeingInWords(score, words) {
  if (!score) return '';
  return `${capitalise(words || WELLBEING_WORDS[score])} (${score} out of 5)`;
}

/** Problems with an answer before it is sent: {field: message}. */
export function validateAnswer(values) {
  const errors = {};
  if (!WELLBEING_WORDS[values.wellbeing]) errors.wellbeing = "Choose how you're doing";
  if ((values.note || '').trim().length > NOTE_LIMIT) {
    errors.note = 'Your note must be 1,000 characters or fewer';
  }
  return errors;
}

/** The answer's body: the note only when the person typed one (the offline queue keeps the minimum). */
export function answerBody(values) {
  const body = {
    wellbeing: Number(values.wellbeing),
    wants_call: Boolean(values.wants_call),
    needs_help: Boolean(values.needs_help),
  };
  const note = (values.note || '').trim();
  if (note) body.note = note;
  return body;
}

/** Whether the carer can answer this check-in now (the server has the last word). */
export function isAnswerable(checkin, now = new Date()) {
  if (!checkin) return false;
  if (checkin.state === 'open' || checkin.state === 'missed') return true;
  return checkin.state === 'scheduled' && new Date(checkin.due_at) <= now;
}

/** The check-in to show on home: one waiting for my answer, else the next planned one. */
export function nextCheckin(awaiting, upcoming, now = new Date()) {
  const open = (awaiting || []).find((checkin) => isAnswerable(checkin, now));
  if (open) return { checkin: open, open: true };
  const next = (upcoming || []).find((checkin) => checkin.state === 'open' || checkin.state === 'scheduled');
  return next ? { checkin: next, open: isAnswerable(next, now) } : null;
}

export function isAnswered(checkin) {
  return checkin?.state === 'answered' || checkin?.state === 'replied';
}

function dayKey(date, timeZone) {
  return date.toLocaleDateString('en-CA', { timeZone });
}

/** "3pm", "7:30pm", "midday": the GOV.UK way of writing times. */
export function timeInWords(date, timeZone) {
  const parts = {};
  for (const part of new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hourCycle: 'h23', timeZone }).formatToParts(date)) {
    parts[part.type] = part.value;
  }
  const hour = Number(parts.hour) % 24;
  const minute = parts.minute === '00' ? '' : `:${parts.minute}`;
  if (!minute && hour === 0) return 'midnight';
  if (!minute && hour === 12) return 'midday';
  return `${hour % 12 || 12}${minute}${hour < 12 ? 'am' : 'pm'}`;
}

/** "today at 3pm", "tomorrow at 7:30pm", "yesterday at 9am", "Thursday 12 June at 3pm". */
export function whenInWords(value, { now = new Date(), timeZone } = {}) {
  if (!value) return '';
  const date = new Date(value);
  const time = timeInWords(date, timeZone);
  const day = dayKey(date, timeZone);
  const oneDay = 24 * 60 * 60 * 1000;
  if (day === dayKey(now, timeZone)) return `today at ${time}`;
  if (day === dayKey(new Date(now.getTime() + oneDay), timeZone)) return `tomorrow at ${time}`;
  if (day === dayKey(new Date(now.getTime() - oneDay), timeZone)) return `yesterday at ${time}`;
  const sameYear = date.getFullYear() === now.getFullYear();
  const dateText = date.toLocaleDateString('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: sameYear ? undefined : 'numeric',
    timeZone,
  });
  return `${dateText.replace(',', '')} at ${time}`;
}

/** What the buddy did with an answer, in words. */
export function replyInWords(checkin, buddyName = 'Your buddy') {
  switch (checkin?.reply_kind) {
    case 'message':
      return `${buddyName} replied:`;
    case 'we_spoke':
      return `${buddyName} noted that you spoke.`;
    case 'call_arranged':
      return `${buddyName} has arranged a call with you.`;
    default:
      return `${buddyName} hasn't replied yet.`;
  }
}

export { firstName } from '../text.js';

// --- the caring situation, in the carer's own words -------------------------------------------------

export const RELATIONSHIPS = {
  partner: 'My partner or spouse',
  parent_of_child: 'My child (under 18)',
  parent_of_adult_child: 'My adult son or daughter',
  son_or_daughter: 'My mother or father',
  sibling: 'My brother or sister',
  grandparent_or_kinship: 'A grandchild or young relative I bring up',
  friend_or_neighbour: 'A friend or neighbour',
  other: 'Someone else',
};

export const NEEDS = {
  mental_health: 'A mental health condition',
  dementia: 'Dementia',
  learning_disability: 'A learning disability',
  autism: 'Autism',
  physical_disability: 'A physical disability',
  long_term_illness: 'A long-term illness',
  frailty: 'Frailty in older age',
  substance_misuse: 'Drug or alcohol problems',
  terminal_illness: 'A terminal illness',
  other: 'Something else',
};

export const MENTAL_HEALTH_NEEDS = {
  psychosis: 'Psychosis or schizophrenia',
  bipolar: 'Bipolar disorder',
  depression_anxiety: 'Depression or anxiety',
  eating_disorder: 'An eating disorder',
  personality_disorder: 'A personality disorder',
  other: 'Another mental health condition',
};

export const HOURS = {
  '19_or_less': 'Up to 19 hours a week',
  '20_to_49': '20 to 49 hours a week',
  '50_or_more': '50 or more hours a week',
};

export const JOURNEY = {
  noticing: 'Noticing changes',
  diagnosis: 'Around a diagnosis',
  adjusting: 'Adjusting to caring',
  established: 'Settled into caring',
  crisis: 'Going through a crisis or a big change',
  ended: 'My caring has ended',
};

export const CATEGORIES = {
  adult: 'Adult carer',
  young_adult: 'Young adult carer (16 to 25)',
  young: 'Young carer (under 18)',
  parent: 'Parent carer',
  kinship: 'Kinship carer',
  former: 'Former carer',
};

export const CONTACT_MODES = {
  phone: 'Phone calls',
  video: 'Video calls',
  in_person: 'Meeting in person',
  messages: 'Messages',
};

export const HELP_WITH = {
  someone_to_talk_to: 'Someone to talk to',
  understanding_the_condition: 'Understanding the condition',
  services_and_support: 'Finding services and support',
  benefits_and_money: 'Benefits and money',
  looking_after_myself: 'Looking after myself',
  crisis_planning: 'Planning for a crisis',
  work_and_caring: 'Juggling work and caring',
  life_after_caring: 'Life after caring',
  other: 'Something else',
};

// Every language the API accepts (src/carerlink/profiles/vocabulary.py), in the same order.
export const LANGUAGES = {
  en: 'English', cy: 'Welsh', gd: 'Scottish Gaelic', ga: 'Irish', bfi: 'British Sign Language', ur: 'Urdu',
  pa: 'Punjabi', bn: 'Bengali', syl: 'Sylheti', gu: 'Gujarati', hi: 'Hindi', ta: 'Tamil', te: 'Telugu',
  ml: 'Malayalam', mr: 'Marathi', ne: 'Nepali', si: 'Sinhala', ar: 'Arabic', fa: 'Persian', ps: 'Pashto',
  ku: 'Kurdish', tr: 'Turkish', so: 'Somali', ti: 'Tigrinya', am: 'Amharic', sw: 'Swahili', yo: 'Yoruba',
  ig: 'Igbo', tw: 'Twi', zh: 'Chinese (Mandarin)', yue: 'Cantonese', vi: 'Vietnamese', tl: 'Tagalog',
  pl: 'Polish', ro: 'Romanian', lt: 'Lithuanian', lv: 'Latvian', bg: 'Bulgarian', hu: 'Hungarian',
  cs: 'Czech', sk: 'Slovak', ru: 'Russian', uk: 'Ukrainian', sq: 'Albanian', el: 'Greek', pt: 'Portuguese',
  es: 'Spanish', fr: 'French', it: 'Italian', de: 'German', nl: 'Dutch', he: 'Hebrew', yi: 'Yiddish',
  rom: 'Romani',
};

const DAYS = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };
const PARTS = { morning: 'Mornings', afternoon: 'Afternoons', evening: 'Evenings' };

const listOf = (values, words) => (values || []).map((value) => words[value] || value);

/** "Mornings: Monday, Tuesday" for each part of the day someone is free. */
export function availabilityInWords(slots) {
  return Object.keys(PARTS)
    .map((part) => {
      const days = Object.keys(DAYS).filter((day) => (slots || []).some((s) => s.day === day && s.part === part));
      return days.length ? `${PARTS[part]}: ${days.map((day) => DAYS[day]).join(', ')}` : null;
    })
    .filter(Boolean);
}

/** The profile as rows of a summary list: [{key, label, lines}]. */
export function profileRows(profile) {
  const rows = [
    { key: 'relationships', label: 'I care for', lines: listOf(profile.relationships, RELATIONSHIPS) },
    { key: 'co_resident', label: 'Living together', lines: [profile.co_resident ? 'We live together' : "We don't live together"] },
    { key: 'hours_band', label: 'Hours of caring', lines: [HOURS[profile.hours_band] || profile.hours_band] },
    { key: 'journey_stage', label: 'Where I am with caring', lines: [JOURNEY[profile.journey_stage] || profile.journey_stage] },
    {
      key: 'years_caring',
      label: 'Years caring',
      lines: [profile.years_caring === 1 ? '1 year' : `${profile.years_caring} years`],
    },
    { key: 'carer_category', label: 'What kind of carer I am', lines: [CATEGORIES[profile.carer_category] || profile.carer_category] },
  ];
  if (profile.needs_shared) {
    rows.push({
      key: 'needs',
      label: 'What the person I care for lives with',
      lines: [...listOf(profile.needs, NEEDS), ...listOf(profile.mental_health_needs, MENTAL_HEALTH_NEEDS)],
    });
  }
  rows.push(
    {
      key: 'languages',
      label: 'Languages',
      lines: listOf(profile.languages, LANGUAGES).map((name, index) =>
        profile.languages[index] === profile.preferred_language && profile.languages.length > 1 ? `${name} (preferred)` : name,
      ),
    },
    { key: 'postcode_district', label: 'Area', lines: [profile.postcode_district || ''] },
    { key: 'contact_modes', label: 'Keeping in touch by', lines: listOf(profile.contact_modes, CONTACT_MODES) },
    { key: 'availability', label: 'When I am usually free', lines: availabilityInWords(profile.availability) },
    { key: 'help_with', label: "What I'd like help with", lines: listOf(profile.help_with, HELP_WITH) },
    { key: 'help_note', label: 'In my own words', lines: [profile.help_note || ''] },
  );
  return rows.map((row) => ({ ...row, lines: row.lines.filter(Boolean) }));
}

// --- the profile form ---------------------------------------------------------------------------------

export const PROFILE_FIELDS = [
  'relationships',
  'co_resident',
  'hours_band',
  'journey_stage',
  'years_caring',
  'carer_category',
  'needs',
  'mental_health_needs',
  'postcode_district',
  'contact_modes',
  'help_with',
  'help_note',
];
const POSTCODE_DISTRICT = /^[A-Za-z]{1,2}[0-9][A-Za-z0-9]?$/;
export const HELP_NOTE_LIMIT = 500;

/** The form's values from a saved profile (or a new one's starting values). */
export function profileFormValues(profile) {
  return {
    relationships: [...(profile?.relationships || [])],
    co_resident: profile ? (profile.co_resident ? 'yes' : 'no') : '',
    hours_band: profile?.hours_band || '',
    journey_stage: profile?.journey_stage || '',
    years_caring: profile ? String(profile.years_caring) : '',
    carer_category: profile?.carer_category || '',
    needs: [...(profile?.needs || [])],
    mental_health_needs: [...(profile?.mental_health_needs || [])],
    postcode_district: profile?.postcode_district || '',
    contact_modes: [...(profile?.contact_modes || [])],
    help_with: [...(profile?.help_with || [])],
    help_note: profile?.help_note || '',
  };
}

/** Problems with the form, in GOV.UK words: {field: message}. */
export function validateProfile(values) {
  const errors = {};
  if (!values.relationships.length) errors.relationships = 'Select who you care for';
  if (!['yes', 'no'].includes(values.co_resident)) errors.co_resident = 'Select whether you live with them';
  if (!HOURS[values.hours_band]) errors.hours_band = 'Select how many hours a week you care';
  if (!JOURNEY[values.journey_stage]) errors.journey_stage = 'Select where you are with caring';
  const years = values.years_caring.trim();
  if (!years) errors.years_caring = "Enter how many years you've been caring";
  else if (!/^\d+$/.test(years) || Number(years) > 80) {
    errors.years_caring = "Years caring must be a whole number from 0 to 80";
  }
  if (!CATEGORIES[values.carer_category]) errors.carer_category = 'Select what kind of carer you are';
  const district = values.postcode_district.trim();
  if (district && !POSTCODE_DISTRICT.test(district)) {
    errors.postcode_district = 'Enter the first half of your postcode, like SE5 or M1';
  }
  if (!values.contact_modes.length) errors.contact_modes = 'Select how you would like to keep in touch';
  if (values.help_note.length > HELP_NOTE_LIMIT) errors.help_note = 'What you tell us must be 500 characters or fewer';
  return errors;
}

/**
 * The whole profile for PUT: the form's fields over what is saved (the form does not show languages,
 * availability or preferences, so they are kept as they were). Needs go only with health-data consent.
 */
export function profileBody(values, saved, { needsShared }) {
  const keep = saved || {};
  const needs = needsShared ? values.needs : [];
  return {
    relationships: values.relationships,
    co_resident: values.co_resident === 'yes',
    hours_band: values.hours_band,
    journey_stage: values.journey_stage,
    years_caring: Number(values.years_caring.trim()),
    carer_category: values.carer_category,
    languages: keep.languages?.length ? keep.languages : ['en'],
    preferred_language: keep.preferred_language || 'en',
    contact_modes: values.contact_modes,
    needs,
    mental_health_needs: needs.includes('mental_health') ? values.mental_health_needs : [],
    // A young carer is under 18; a young adult carer may be; nobody else is (profiles/service.py).
    under_18: values.carer_category === 'young' || (values.carer_category === 'young_adult' && Boolean(keep.under_18)),
    interpreter_needed: Boolean(keep.interpreter_needed),
    postcode_district: values.postcode_district.trim().toUpperCase() || null,
    region: keep.region || null,
    availability: keep.availability || [],
    help_with: values.help_with,
    help_note: values.help_note.trim(),
    cultures: keep.cultures || [],
    faith: keep.faith || null,
    preferences: keep.preferences || {},
  };
}

/** An API field ("relationships[0]", "preferences.gender") as the form names it. */
export function formFieldOf(apiField) {
  return String(apiField || '').split(/[.[]/)[0];
}
