// The carer's profile form and summary, kept free of the DOM so node tests can check them: the
// profile in rows of words, the form's values from what is saved, its checks in GOV.UK words, the PUT
// body, and the API's field errors in words people read. The words of each answer come from the
// server (shared/profile-logic.js, which both profile forms share).
import { t } from '../../i18n.js';
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
    { key: 'relationships', label: t('shared.carer.row.relationships'), lines: listOf(profile.relationships, RELATIONSHIPS) },
    {
      key: 'co_resident',
      label: t('shared.carer.row.together'),
      lines: [profile.co_resident ? t('shared.carer.row.together.yes') : t('shared.carer.row.together.no')],
    },
    { key: 'hours_band', label: t('shared.carer.row.hours'), lines: [HOURS[profile.hours_band] || profile.hours_band] },
    { key: 'journey_stage', label: t('shared.profile.row.journey'), lines: [JOURNEY[profile.journey_stage] || profile.journey_stage] },
    {
      key: 'years_caring',
      label: t('shared.profile.row.years'),
      lines: [t('shared.profile.row.yearsCount', { count: profile.years_caring })],
    },
    { key: 'carer_category', label: t('shared.carer.row.category'), lines: [CARER_CATEGORIES[profile.carer_category] || profile.carer_category] },
  ];
  if (profile.needs_shared) {
    rows.push({
      key: 'needs',
      label: t('shared.carer.row.needs'),
      lines: [...listOf(profile.needs, NEEDS), ...listOf(profile.mental_health_needs, MENTAL_HEALTH_NEEDS)],
    });
  }
  rows.push(
    {
      key: 'languages',
      label: t('shared.profile.row.languages'),
      lines: listOf(profile.languages, LANGUAGES).map((name, index) =>
        profile.languages[index] === profile.preferred_language && profile.languages.length > 1
          ? t('shared.carer.row.preferred', { language: name })
          : name,
      ),
    },
    {
      key: 'interpreter_needed',
      label: t('shared.carer.row.interpreter'),
      lines: [profile.interpreter_needed ? t('shared.carer.row.interpreter.yes') : t('shared.carer.row.interpreter.no')],
    },
    { key: 'area', label: t('shared.profile.row.area'), lines: [profile.postcode_district || REGIONS[profile.region] || profile.region || ''] },
    { key: 'contact_modes', label: t('shared.profile.row.contact'), lines: listOf(profile.contact_modes, CONTACT_MODES) },
    { key: 'availability', label: t('shared.profile.row.availability'), lines: availabilityInWords(profile.availability) },
    { key: 'help_with', label: t('shared.carer.row.helpWith'), lines: listOf(profile.help_with, HELP_WITH) },
    { key: 'help_note', label: t('shared.carer.row.helpNote'), lines: [profile.help_note || ''] },
    { key: 'cultures', label: t('shared.profile.row.cultures'), lines: listOf(profile.cultures, CULTURES) },
    { key: 'faith', label: t('shared.profile.row.faith'), lines: [FAITHS[profile.faith] || profile.faith || ''] },
    { key: 'preferences', label: t('shared.carer.row.wishes'), lines: wishes.length ? wishes : [t('shared.carer.row.noWishes')] },
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
  if (!values.relationships.length) errors.relationships = t('shared.carer.error.relationships');
  if (!['yes', 'no'].includes(values.co_resident)) errors.co_resident = t('shared.carer.error.together');
  if (!HOURS[values.hours_band]) errors.hours_band = t('shared.carer.error.hours');
  if (!JOURNEY[values.journey_stage]) errors.journey_stage = t('shared.profile.error.journey');
  const years = values.years_caring.trim();
  if (!years) errors.years_caring = t('shared.carer.error.yearsMissing');
  else if (!/^\d+$/.test(years) || Number(years) > 80) {
    errors.years_caring = t('shared.profile.error.yearsCaring');
  }
  if (!CARER_CATEGORIES[values.carer_category]) errors.carer_category = t('shared.carer.error.category');
  const languages = languagesError(values.languages);
  if (languages) errors.languages = languages;
  if (values.languages.length && !preferredLanguageOf(values)) {
    errors.preferred_language = t('shared.carer.error.preferred');
  }
  if (!['yes', 'no'].includes(values.interpreter_needed)) {
    errors.interpreter_needed = t('shared.carer.error.interpreter');
  }
  const district = values.postcode_district.trim();
  if (district && !POSTCODE_DISTRICT.test(district)) {
    errors.postcode_district = t('shared.profile.error.postcode');
  }
  if (values.region && !REGIONS[values.region]) errors.region = t('shared.profile.error.region');
  if (!values.contact_modes.length) errors.contact_modes = t('shared.carer.error.contact');
  if (values.help_note.length > HELP_NOTE_LIMIT) errors.help_note = t('shared.carer.error.helpNote');
  if (values.wish_gender !== 'none' && !values.wish_genders.some((gender) => GENDERS[gender])) {
    errors.wish_genders = t('shared.carer.error.wishGenders');
  }
  if (values.wish_background !== 'none' && !values.cultures.length && !values.faith) {
    errors.wish_background = t('shared.carer.error.wishBackground');
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

const apiFieldMessages = () => ({
  ...SHARED_FIELD_MESSAGES,
  wish_genders: t('shared.carer.error.wishGenders'),
});

/** The API's field errors ("languages[2]", "preferences.gender.genders") on the profile form's fields. */
export function profileFieldErrors(apiFieldErrors) {
  return fieldErrorsInWords(apiFieldErrors, apiFieldMessages());
}
