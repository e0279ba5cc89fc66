// The carer's profile form and summary, kept free of the DOM so node tests can check them: the
// profile in rows of words, the form's values from what is saved, its checks in GOV.UK words, the PUT
// body, and the API's field errors in words people read. The words of each answer come from the
// server (shared/profile-logic.js, which both profile forms share).
import {
  availabilityInWords,
  CARER_CATEGORIES,
  CONTACT_MODES,
  CULTURES,
  culturesError,
  FAITHS,
  fieldErrorsInWords,
  GENDERS,
  HELP_WITH,
  HOURS,
  JOURNEY,
  LANGUAGES,
  languagesError,
  listOf,
  MENTAL_HEALTH_NEEDS,
  NEEDS,
  REGIONS,
  RELATIONSHIPS,
  SHARED_FIELD_MESSAGES,
  slotKeys,
  slotsOf,
  wishesInWords,
} from './profile-logic.js';

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
    { key: 'carer_category', label: 'What kind of carer I am', lines: [CARER_CATEGORIES[profile.carer_category] || profile.carer_category] },
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
  if (!CARER_CATEGORIES[values.carer_category]) errors.carer_category = 'Select what kind of carer you are';
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

const API_FIELD_MESSAGES = {
  ...SHARED_FIELD_MESSAGES,
  wish_genders: 'Select whether you would like your buddy to be a woman, a man or non-binary',
};

/** The API's field errors ("languages[2]", "preferences.gender.genders") on the profile form's fields. */
export function profileFieldErrors(apiFieldErrors) {
  return fieldErrorsInWords(apiFieldErrors, API_FIELD_MESSAGES);
}
