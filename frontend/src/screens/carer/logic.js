// The carer screens' rules, kept free of the DOM so node tests can check them: the words for a
// check-in answer and a caring situation (the API's enums, DOMAIN.md), dates in words, what an answer
// sends, and how a profile form is checked and turned into the API's body. The words and checks both
// profile forms share (languages, regions, free times, culture, faith, gender) live here too; the buddy's
// form imports them.
import { firstName } from '../../text.js';

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

/**
 * Problems with an answer before it is sent: {field: message}. "I need help now" never waits for a score,
 * and is never held back by anything else either (issue 10): with it ticked a note over the limit is
 * cut to the limit (see answerBody and noteCut), and the carer is told afterwards.
 */
export function validateAnswer(values) {
  const errors = {};
  if (values.needs_help) return errors;
  if (!WELLBEING_WORDS[values.wellbeing]) errors.wellbeing = "Choose how you're doing";
  if ((values.note || '').trim().length > NOTE_LIMIT) {
    errors.note = 'Your note must be 1,000 characters or fewer';
  }
  return errors;
}

/** Whether sending ``values`` cuts the note to the limit (only with "I need help now" ticked). */
export function noteCut(values) {
  return Boolean(values.needs_help) && (values.note || '').trim().length > NOTE_LIMIT;
}

/**
 * The answer's body: the score only when one was chosen (with "I need help now" it may not be), the
 * note only when the person typed one (the offline queue keeps the minimum), cut to the limit when
 * help is asked for (the help goes whatever the note).
 */
export function answerBody(values) {
  const body = {
    wants_call: Boolean(values.wants_call),
    needs_help: Boolean(values.needs_help),
  };
  if (WELLBEING_WORDS[values.wellbeing]) body.wellbeing = Number(values.wellbeing);
  let note = (values.note || '').trim();
  if (noteCut(values)) note = note.slice(0, NOTE_LIMIT).trim();
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

export { firstName };

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

export const MAX_LANGUAGES = 6;

/** The languages to tick: the usual list, and any saved one that is not on it (so it is kept). */
export function languageChoices(saved) {
  const choices = { ...LANGUAGES };
  for (const code of saved || []) choices[code] ??= code;
  return choices;
}

/** What is wrong with the ticked languages, in GOV.UK words (null when nothing is). */
export function languagesError(languages) {
  if (!languages.length) return 'Select the languages you speak';
  if (languages.length > MAX_LANGUAGES) return 'Select up to 6 languages';
  return null;
}

/** UK nations and English regions (vocabulary.Region), for an area when there is no postcode district. */
export const REGIONS = {
  north_east: 'North East England',
  north_west: 'North West England',
  yorkshire_and_humber: 'Yorkshire and the Humber',
  east_midlands: 'East Midlands',
  west_midlands: 'West Midlands',
  east_of_england: 'East of England',
  london: 'London',
  south_east: 'South East England',
  south_west: 'South West England',
  wales: 'Wales',
  scotland: 'Scotland',
  northern_ireland: 'Northern Ireland',
};

/** Ethnic groups in the Census 2021 categories (vocabulary.Culture), for "shares my culture". */
export const CULTURES = {
  asian_bangladeshi: 'Asian or Asian British: Bangladeshi',
  asian_chinese: 'Asian or Asian British: Chinese',
  asian_indian: 'Asian or Asian British: Indian',
  asian_pakistani: 'Asian or Asian British: Pakistani',
  asian_other: 'Asian or Asian British: another Asian background',
  black_african: 'Black or Black British: African',
  black_caribbean: 'Black or Black British: Caribbean',
  black_other: 'Black or Black British: another Black background',
  mixed_white_asian: 'Mixed: White and Asian',
  mixed_white_black_african: 'Mixed: White and Black African',
  mixed_white_black_caribbean: 'Mixed: White and Black Caribbean',
  mixed_other: 'Mixed: another mixed background',
  white_british: 'White: English, Welsh, Scottish, Northern Irish or British',
  white_irish: 'White: Irish',
  white_gypsy_or_irish_traveller: 'White: Gypsy or Irish Traveller',
  white_roma: 'White: Roma',
  white_other: 'White: another White background',
  arab: 'Arab',
  other: 'Another ethnic group',
};
export const MAX_CULTURES = 3;

/** What is wrong with the ticked cultural backgrounds, in GOV.UK words (null when nothing is). */
export function culturesError(cultures) {
  return cultures.length > MAX_CULTURES ? 'Select up to 3 cultural backgrounds' : null;
}

/** Religions in the Census 2021 categories (vocabulary.Faith), for "shares my faith". */
export const FAITHS = {
  no_religion: 'No religion',
  christian: 'Christian',
  buddhist: 'Buddhist',
  hindu: 'Hindu',
  jewish: 'Jewish',
  muslim: 'Muslim',
  sikh: 'Sikh',
  other: 'Another religion',
};

/** A buddy's gender as a carer may wish for it (vocabulary.Gender). */
export const GENDERS = { woman: 'A woman', man: 'A man', non_binary: 'Non-binary' };
/** A buddy's own gender as they describe it (vocabulary.Gender). */
export const BUDDY_GENDERS = { woman: 'Woman', man: 'Man', non_binary: 'Non-binary' };

/** How much a wish for a buddy matters (vocabulary.Strength); "none" is no wish at all. */
export const STRENGTHS = { must: 'a must', nice: 'nice to have' };

// The days and parts of a day of a weekly free slot (vocabulary.Day, DayPart), in the API's order.
export const DAYS = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };
const PARTS = { morning: 'Mornings', afternoon: 'Afternoons', evening: 'Evenings' };
/** The parts of a day with their hours (vocabulary.DayPart: morning 8-12, afternoon 12-17, evening 17-21). */
export const PARTS_WITH_HOURS = {
  morning: 'Mornings (8am to midday)',
  afternoon: 'Afternoons (midday to 5pm)',
  evening: 'Evenings (5pm to 9pm)',
};

/** A free slot as one tick box's value: "mon-evening". */
export const slotKey = (day, part) => `${day}-${part}`;

/** Saved free slots as the form's tick boxes. */
export function slotKeys(slots) {
  return (slots || []).map((slot) => slotKey(slot.day, slot.part));
}

/** The form's ticked free times as the API's slots, Monday morning first (as the API returns them). */
export function slotsOf(keys) {
  const ticked = new Set(keys || []);
  return Object.keys(DAYS).flatMap((day) =>
    Object.keys(PARTS).filter((part) => ticked.has(slotKey(day, part))).map((part) => ({ day, part })),
  );
}

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

/** "A woman or non-binary": the genders a carer would be happy with, in the list's order. */
export function gendersInWords(genders) {
  const names = Object.keys(GENDERS)
    .filter((gender) => (genders || []).includes(gender))
    .map((gender, index) => (index ? GENDERS[gender].toLowerCase() : GENDERS[gender]));
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names.join('');
}

/** A carer's wishes for a buddy, one line each: "A woman (a must)", "Someone who speaks Urdu (nice to have)". */
export function wishesInWords(preferences, preferredLanguage, { whose = 'my' } = {}) {
  const wishes = preferences || {};
  const lines = [];
  if (wishes.gender?.strength) lines.push(`${gendersInWords(wishes.gender.genders)} (${STRENGTHS[wishes.gender.strength]})`);
  if (wishes.same_language) {
    const language = LANGUAGES[preferredLanguage] || preferredLanguage;
    lines.push(`Someone who speaks ${language} (${STRENGTHS[wishes.same_language]})`);
  }
  if (wishes.shared_background) {
    lines.push(`Someone who shares ${whose} culture or faith (${STRENGTHS[wishes.shared_background]})`);
  }
  return lines;
}

/** The profile as rows of a summary list: [{key, label, lines}]. */
export function profileRows(profile) {
  const wishes = wishesInWords(profile.preferences, profile.preferred_language);
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
    {
      key: 'interpreter_needed',
      label: 'Interpreter',
      lines: [profile.interpreter_needed ? 'I would need an interpreter' : "I don't need an interpreter"],
    },
    { key: 'area', label: 'Area', lines: [profile.postcode_district || REGIONS[profile.region] || profile.region || ''] },
    { key: 'contact_modes', label: 'Keeping in touch by', lines: listOf(profile.contact_modes, CONTACT_MODES) },
    { key: 'availability', label: 'When I am usually free', lines: availabilityInWords(profile.availability) },
    { key: 'help_with', label: "What I'd like help with", lines: listOf(profile.help_with, HELP_WITH) },
    { key: 'help_note', label: 'In my own words', lines: [profile.help_note || ''] },
    { key: 'cultures', label: 'My cultural background', lines: listOf(profile.cultures, CULTURES) },
    { key: 'faith', label: 'My faith', lines: [FAITHS[profile.faith] || profile.faith || ''] },
    { key: 'preferences', label: "What I'd like in a buddy", lines: wishes.length ? wishes : ['Nothing in particular'] },
  );
  return rows.map((row) => ({ ...row, lines: row.lines.filter(Boolean) }));
}

// --- the profile form ---------------------------------------------------------------------------------

// The form's fields in the order it asks them (the error summary lists problems in this order). A wish
// for a buddy is "none", "nice" or "must"; a gender wish also says which genders (wish_genders).
export const PROFILE_FIELDS = [
  'relationships',
  'co_resident',
  'hours_band',
  'journey_stage',
  'years_caring',
  'carer_category',
  'needs',
  'mental_health_needs',
  'languages',
  'preferred_language',
  'interpreter_needed',
  'postcode_district',
  'region',
  'contact_modes',
  'availability',
  'help_with',
  'help_note',
  'wish_gender',
  'wish_genders',
  'wish_language',
  'wish_background',
  'cultures',
  'faith',
];
const POSTCODE_DISTRICT = /^[A-Za-z]{1,2}[0-9][A-Za-z0-9]?$/;
export const HELP_NOTE_LIMIT = 500;

/** The form's values from a saved profile (or a new one's starting values: nothing ticked, no wishes). */
export function profileFormValues(profile) {
  const wishes = profile?.preferences || {};
  return {
    relationships: [...(profile?.relationships || [])],
    co_resident: profile ? (profile.co_resident ? 'yes' : 'no') : '',
    hours_band: profile?.hours_band || '',
    journey_stage: profile?.journey_stage || '',
    years_caring: profile ? String(profile.years_caring) : '',
    carer_category: profile?.carer_category || '',
    needs: [...(profile?.needs || [])],
    mental_health_needs: [...(profile?.mental_health_needs || [])],
    languages: [...(profile?.languages || [])],
    preferred_language: profile?.preferred_language || '',
    interpreter_needed: profile ? (profile.interpreter_needed ? 'yes' : 'no') : '',
    postcode_district: profile?.postcode_district || '',
    region: profile?.region || '',
    contact_modes: [...(profile?.contact_modes || [])],
    availability: slotKeys(profile?.availability),
    help_with: [...(profile?.help_with || [])],
    help_note: profile?.help_note || '',
    wish_gender: wishes.gender?.strength || 'none',
    wish_genders: [...(wishes.gender?.genders || [])],
    wish_language: wishes.same_language || 'none',
    wish_background: wishes.shared_background || 'none',
    cultures: [...(profile?.cultures || [])],
    faith: profile?.faith || '',
  };
}

/** The language the carer would prefer to talk in: the only one they speak, else the one they chose. */
export function preferredLanguageOf(values) {
  if (values.languages.length === 1) return values.languages[0];
  return values.languages.includes(values.preferred_language) ? values.preferred_language : '';
}

/** Problems with the form, in GOV.UK words: {field: message}, in the order the form asks. */
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
  const languages = languagesError(values.languages);
  if (languages) errors.languages = languages;
  if (values.languages.length && !preferredLanguageOf(values)) {
    errors.preferred_language = 'Select which language you would prefer to talk in';
  }
  if (!['yes', 'no'].includes(values.interpreter_needed)) {
    errors.interpreter_needed = 'Select whether you would need an interpreter';
  }
  const district = values.postcode_district.trim();
  if (district && !POSTCODE_DISTRICT.test(district)) {
    errors.postcode_district = 'Enter the first half of your postcode, like SE5 or M1';
  }
  if (values.region && !REGIONS[values.region]) errors.region = 'Select a region from the list';
  if (!values.contact_modes.length) errors.contact_modes = 'Select how you would like to keep in touch';
  if (values.help_note.length > HELP_NOTE_LIMIT) errors.help_note = 'What you tell us must be 500 characters or fewer';
  if (values.wish_gender !== 'none' && !values.wish_genders.some((gender) => GENDERS[gender])) {
    errors.wish_genders = 'Select whether you would like your buddy to be a woman, a man or non-binary';
  }
  if (values.wish_background !== 'none' && !values.cultures.length && !values.faith) {
    errors.wish_background = 'To look for a buddy who shares your culture or faith, select your culture or faith below';
  }
  const cultures = culturesError(values.cultures);
  if (cultures) errors.cultures = cultures;
  return errors;
}

const wishOf = (value) => (value === 'none' ? null : value);

/**
 * The whole profile for PUT (CarerProfileWrite). Needs go only with health-data consent; under_18 is
 * the one answer the form does not ask, so a young adult carer keeps what was saved.
 */
export function profileBody(values, saved, { needsShared }) {
  const keep = saved || {};
  const needs = needsShared ? values.needs : [];
  const genderWish = wishOf(values.wish_gender);
  const genders = Object.keys(GENDERS).filter((gender) => values.wish_genders.includes(gender));
  return {
    relationships: values.relationships,
    co_resident: values.co_resident === 'yes',
    hours_band: values.hours_band,
    journey_stage: values.journey_stage,
    years_caring: Number(values.years_caring.trim()),
    carer_category: values.carer_category,
    languages: values.languages,
    preferred_language: preferredLanguageOf(values),
    contact_modes: values.contact_modes,
    needs,
    mental_health_needs: needs.includes('mental_health') ? values.mental_health_needs : [],
    // A young carer is under 18; a young adult carer may be; nobody else is (profiles/service.py).
    under_18: values.carer_category === 'young' || (values.carer_category === 'young_adult' && Boolean(keep.under_18)),
    interpreter_needed: values.interpreter_needed === 'yes',
    postcode_district: values.postcode_district.trim().toUpperCase() || null,
    region: values.region || null,
    availability: slotsOf(values.availability),
    help_with: values.help_with,
    help_note: values.help_note.trim(),
    cultures: values.cultures,
    faith: values.faith || null,
    preferences: {
      gender: genderWish ? { genders, strength: genderWish } : null,
      shared_background: wishOf(values.wish_background),
      same_language: wishOf(values.wish_language),
    },
  };
}

// The wishes as the API nests them (BuddyPreferences), and the form field each belongs to.
const WISH_FIELDS = { gender: 'wish_gender', shared_background: 'wish_background', same_language: 'wish_language' };

/** An API field ("relationships[0]", "preferences.gender.genders[1]") as the form names it. */
export function formFieldOf(apiField) {
  const [name, ...rest] = String(apiField || '').split(/[.[]/);
  if (name !== 'preferences') return name;
  if (rest[0] === 'gender' && rest[1] === 'genders') return 'wish_genders';
  return WISH_FIELDS[rest[0]] || 'wish_gender';
}

/** The API's field errors on the form's fields: ``messages`` in place of the API's words where given. */
export function fieldErrorsInWords(apiFieldErrors, messages = {}) {
  const errors = {};
  for (const [field, message] of Object.entries(apiFieldErrors || {})) {
    const name = formFieldOf(field);
    errors[name] ??= messages[name] || message;
  }
  return errors;
}

// The API's words for these fields are for developers ("Expected `int` <= 80"); people read these.
// Where the API's own words are plain (the preferred language, a wish to share a background), they stay.
// SHARED_FIELD_MESSAGES cover the fields both profile forms ask; each form adds its own.
export const SHARED_FIELD_MESSAGES = {
  years_caring: 'Years caring must be a whole number from 0 to 80',
  postcode_district: 'Enter the first half of your postcode, like SE5 or M1',
  languages: 'Select up to 6 languages from the list',
  region: 'Select a region from the list',
  availability: 'Select the times you are usually free from the list',
  cultures: 'Select up to 3 cultural backgrounds from the list',
  faith: 'Select a faith from the list',
};
const API_FIELD_MESSAGES = {
  ...SHARED_FIELD_MESSAGES,
  wish_genders: 'Select whether you would like your buddy to be a woman, a man or non-binary',
};

/** The API's field errors ("languages[2]", "preferences.gender.genders") on the profile form's fields. */
export function profileFieldErrors(apiFieldErrors) {
  return fieldErrorsInWords(apiFieldErrors, API_FIELD_MESSAGES);
}

/** Where the match stands, for the carer or the buddy looking at it. */
export function matchStateInWords(match, other) {
  const name = firstName(other);
  switch (match.status) {
    case 'proposed':
      if (match.on_hold) {
        return {
          title: 'You have both said yes',
          text: `The centre needs to check a few things before you and ${name} can start. A coordinator will be in touch soon.`,
        };
      }
      if (match.my_decision === 'accepted') {
        return {
          good: true,
          title: 'You said yes',
          text: `We're waiting for ${name} to say yes too. Nothing starts until you have both said yes. We'll let you know.`,
        };
      }
      return null;
    case 'active':
      return {
        good: true,
        title: `You and ${name} are matched`,
        text: match.viewer === 'carer'
          ? `You'll check in with ${name} regularly, and you can get in touch whenever you'd like to talk.`
          : `${name} will check in with you regularly. You'll see their answers on your home page.`,
      };
    case 'paused':
      return { title: 'This match is paused', text: 'You can restart it whenever you are both ready.' };
    case 'ended':
      return { title: 'This match has ended', text: `Thank you for the time you spent with ${name}.` };
    case 'declined':
      return match.my_decision === 'declined'
        ? { title: 'You said no, thank you', text: "That's fine. The centre will keep looking, and nobody will mind." }
        : { title: "This introduction didn't go ahead", text: 'The centre will be in touch about what happens next.' };
    case 'withdrawn':
      return { title: 'The centre has withdrawn this introduction', text: 'They will be in touch about what happens next.' };
    default:
      return { title: `This match is ${match.status}`, text: '' };
  }
}
