// What both profile forms (the carer's and the buddy's) and the coordinator's view of a profile share,
// kept free of the DOM so node tests can check them: the words of each answer, by the names the forms
// use, all from the server (src/generated/vocabulary.js, generated from profiles/vocabulary.py when
// the app is built), the checks on languages and cultures, free times as tick boxes, and the API's
// field errors on the forms' fields.
import { currentLocale, formatList, t } from '../../i18n.js';
import {
  CARER_CATEGORY_LABEL,
  CARING_STATUS_LABEL,
  CONTACT_LABEL,
  CULTURE_LABEL,
  DAY_NAME,
  DAY_PART_LABEL,
  DAY_PART_NAME,
  FAITH_LABEL,
  GENDER_LABEL,
  GENDER_PHRASE,
  HELP_LABEL,
  HOURS_LABEL,
  JOURNEY_LABEL,
  LANGUAGES,
  MENTAL_HEALTH_LABEL,
  NEED_LABEL,
  REGION_LABEL,
  RELATIONSHIP_LABEL,
  STRENGTH_PHRASE,
} from '../../generated/vocabulary.js';

export { LANGUAGES };
export const RELATIONSHIPS = RELATIONSHIP_LABEL;
export const NEEDS = NEED_LABEL;
export const MENTAL_HEALTH_NEEDS = MENTAL_HEALTH_LABEL;
export const HOURS = HOURS_LABEL;
export const JOURNEY = JOURNEY_LABEL;
export const CARER_CATEGORIES = CARER_CATEGORY_LABEL;
export const CARING_STATUS = CARING_STATUS_LABEL;
export const CONTACT_MODES = CONTACT_LABEL;
export const HELP_WITH = HELP_LABEL;
/** UK nations and English regions (vocabulary.Region), for an area when there is no postcode district. */
export const REGIONS = REGION_LABEL;
/** Ethnic groups in the Census 2021 categories (vocabulary.Culture), for "shares my culture". */
export const CULTURES = CULTURE_LABEL;
/** Religions in the Census 2021 categories (vocabulary.Faith), for "shares my faith". */
export const FAITHS = FAITH_LABEL;
/** A buddy's gender as a carer may wish for it: "A woman" (vocabulary.GENDER_PHRASE, capitalised). */
export const GENDERS = gettersOf(Object.keys(GENDER_PHRASE), (gender) => capitalise(GENDER_PHRASE[gender]));
/** A buddy's own gender as they describe it (vocabulary.Gender). */
export const BUDDY_GENDERS = GENDER_LABEL;
/** How much a wish for a buddy matters (vocabulary.Strength); "none" is no wish at all. */
export const STRENGTHS = STRENGTH_PHRASE;
// The days and parts of a day of a weekly free slot (vocabulary.Day, DayPart), in the API's order.
export const DAYS = DAY_NAME;
const PARTS = DAY_PART_NAME;
/** The parts of a day with their hours (vocabulary.DayPart: morning 8-12, afternoon 12-17, evening 17-21). */
export const PARTS_WITH_HOURS = DAY_PART_LABEL;

export const MAX_LANGUAGES = 6;

function capitalise(words) {
  return words ? words[0].toLocaleUpperCase(currentLocale()) + words.slice(1) : words;
}

/** An object whose ``keys`` read ``word(key)`` each time (so the words follow the current language). */
export function gettersOf(keys, word) {
  const words = {};
  for (const key of keys) Object.defineProperty(words, key, { get: () => word(key), enumerable: true });
  return Object.freeze(words);
}

/** Days as a short list in the current language ("Monday, Tuesday"). */
function dayList(days) {
  return new Intl.ListFormat(currentLocale(), { type: 'unit', style: 'short' }).format(days);
}

/** The languages to tick: the usual list, and any saved one that is not on it (so it is kept). */
export function languageChoices(saved) {
  const choices = { ...LANGUAGES };
  for (const code of saved || []) choices[code] ??= code;
  return choices;
}

/** What is wrong with the ticked languages, in GOV.UK words (null when nothing is). */
export function languagesError(languages) {
  if (!languages.length) return t('shared.profile.error.languagesNone');
  if (languages.length > MAX_LANGUAGES) return t('shared.profile.error.languagesTooMany');
  return null;
}

export const MAX_CULTURES = 3;

/** What is wrong with the ticked cultural backgrounds, in GOV.UK words (null when nothing is). */
export function culturesError(cultures) {
  return cultures.length > MAX_CULTURES ? t('shared.profile.error.culturesTooMany') : null;
}

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

/** The words for each value (the value itself when there are none). */
export const listOf = (values, words) => (values || []).map((value) => words[value] || value);

/** "Mornings: Monday, Tuesday" for each part of the day someone is free. */
export function availabilityInWords(slots) {
  return Object.keys(PARTS)
    .map((part) => {
      const days = Object.keys(DAYS).filter((day) => (slots || []).some((s) => s.day === day && s.part === part));
      return days.length ? t('shared.profile.availabilityLine', { part: PARTS[part], days: dayList(days.map((day) => DAYS[day])) }) : null;
    })
    .filter(Boolean);
}

/** "A woman or non-binary": the genders a carer would be happy with, in the list's order. */
export function gendersInWords(genders) {
  const names = Object.keys(GENDERS)
    .filter((gender) => (genders || []).includes(gender))
    .map((gender, index) => (index ? GENDER_PHRASE[gender] : GENDERS[gender]));
  return names.length > 1 ? formatList(names, 'disjunction') : names.join('');
}

/** A carer's wishes for a buddy, one line each: "A woman (a must)", "Someone who speaks Urdu (nice to have)". */
export function wishesInWords(preferences, preferredLanguage, { whose = 'my' } = {}) {
  const wishes = preferences || {};
  const lines = [];
  if (wishes.gender?.strength) {
    lines.push(t('shared.profile.wishGender', { genders: gendersInWords(wishes.gender.genders), strength: STRENGTHS[wishes.gender.strength] }));
  }
  if (wishes.same_language) {
    const language = LANGUAGES[preferredLanguage] || preferredLanguage;
    lines.push(t('shared.profile.wishLanguage', { language, strength: STRENGTHS[wishes.same_language] }));
  }
  if (wishes.shared_background) {
    lines.push(t('shared.profile.wishBackground', { whose, strength: STRENGTHS[wishes.shared_background] }));
  }
  return lines;
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
// (Read when used: each is the message in the current language.)
const SHARED_FIELD_IDS = {
  years_caring: 'shared.profile.error.yearsCaring',
  postcode_district: 'shared.profile.error.postcode',
  languages: 'shared.profile.error.languagesList',
  region: 'shared.profile.error.region',
  availability: 'shared.profile.error.availability',
  cultures: 'shared.profile.error.culturesList',
  faith: 'shared.profile.error.faith',
};
export const SHARED_FIELD_MESSAGES = gettersOf(Object.keys(SHARED_FIELD_IDS), (field) => t(SHARED_FIELD_IDS[field]));
