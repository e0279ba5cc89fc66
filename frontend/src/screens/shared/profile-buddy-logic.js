// The buddy profile's rules, kept free of the DOM so node tests can check them: the profile in plain
// words, the form's values from what is saved, its checks in GOV.UK words, the PUT body, and the API's
// field errors in words people read. A buddy must be 18 or over (asked every time, "confirmed_adult");
// what the person they cared for lives with is kept only with the buddy's own health-data consent.
// The words for the caring situation, free times, gender, culture and faith are the server's
// (shared/profile-logic.js, generated from profiles/vocabulary.py).
import { t } from '../../i18n.js';
import {
  availabilityInWords,
  BUDDY_GENDERS,
  CARING_STATUS,
  CONTACT_MODES,
  CULTURES,
  culturesError,
  FAITHS,
  fieldErrorsInWords,
  gettersOf,
  JOURNEY,
  LANGUAGES,
  languagesError,
  MENTAL_HEALTH_NEEDS,
  NEEDS,
  REGIONS,
  RELATIONSHIPS,
  SHARED_FIELD_MESSAGES,
  slotKeys,
  slotsOf,
} from './profile-logic.js';

export { CARING_STATUS };

/** Where a buddy who is caring now can be (profiles/service.py: "ended" is for former carers). */
export const CURRENT_JOURNEY = gettersOf(
  Object.keys(JOURNEY).filter((stage) => stage !== 'ended'),
  (stage) => JOURNEY[stage],
);

export const ABOUT_ME_LIMIT = 500;
const POSTCODE_DISTRICT = /^[A-Za-z]{1,2}[0-9][A-Za-z0-9]?$/;

export const ADULT = gettersOf(['yes', 'no'], (answer) => (answer === 'yes' ? t('shared.buddy.adultYes') : t('shared.buddy.adultNo')));

export const BUDDY_PROFILE_FIELDS = [
  'confirmed_adult',
  'relationships',
  'caring_status',
  'journey_stage',
  'years_caring',
  'needs',
  'mental_health_needs',
  'languages',
  'contact_modes',
  'postcode_district',
  'region',
  'availability',
  'gender',
  'cultures',
  'faith',
  'about_me',
  'capacity',
];

/** The words for the values, in the list's own order (not the order they were ticked in). */
function listOf(values, words) {
  const given = values || [];
  const known = Object.keys(words).filter((value) => given.includes(value));
  return [...known, ...given.filter((value) => !(value in words))].map((value) => words[value] || value);
}

/** The buddy profile as rows of a summary list: [{key, label, lines}] (empty lines read "Not given"). */
export function buddyProfileRows(profile) {
  const current = profile.caring_status === 'current';
  const rows = [
    {
      key: 'confirmed_adult',
      label: t('shared.buddy.row.adult'),
      lines: [profile.confirmed_adult ? t('shared.buddy.row.adultYes') : t('shared.buddy.row.adultNo')],
    },
    { key: 'relationships', label: t('shared.buddy.row.relationships'), lines: listOf(profile.relationships, RELATIONSHIPS) },
    { key: 'caring_status', label: t('shared.buddy.row.caringStatus'), lines: [CARING_STATUS[profile.caring_status] || profile.caring_status] },
  ];
  if (current) {
    rows.push({ key: 'journey_stage', label: t('shared.profile.row.journey'), lines: [JOURNEY[profile.journey_stage] || profile.journey_stage] });
  }
  rows.push(
    {
      key: 'years_caring',
      label: current ? t('shared.profile.row.years') : t('shared.buddy.row.yearsCared'),
      lines: [profile.years_caring === 0 ? t('shared.buddy.row.lessThanAYear') : t('shared.profile.row.yearsCount', { count: profile.years_caring })],
    },
    {
      key: 'needs',
      label: t('shared.buddy.row.needs'),
      lines: profile.needs_shared
        ? [...listOf(profile.needs, NEEDS), ...listOf(profile.mental_health_needs, MENTAL_HEALTH_NEEDS)]
        : [t('shared.buddy.row.needsNotKept')],
    },
    { key: 'languages', label: t('shared.profile.row.languages'), lines: listOf(profile.languages, LANGUAGES) },
    { key: 'contact_modes', label: t('shared.profile.row.contact'), lines: listOf(profile.contact_modes, CONTACT_MODES) },
    { key: 'area', label: t('shared.profile.row.area'), lines: [profile.postcode_district || REGIONS[profile.region] || ''] },
    { key: 'availability', label: t('shared.profile.row.availability'), lines: availabilityInWords(profile.availability) },
    { key: 'gender', label: t('shared.buddy.row.gender'), lines: [BUDDY_GENDERS[profile.gender] || profile.gender || ''] },
    { key: 'cultures', label: t('shared.profile.row.cultures'), lines: listOf(profile.cultures, CULTURES) },
    { key: 'faith', label: t('shared.profile.row.faith'), lines: [FAITHS[profile.faith] || profile.faith || ''] },
    { key: 'about_me', label: t('shared.buddy.row.aboutMe'), lines: [profile.about_me || ''] },
    { key: 'capacity', label: t('shared.buddy.row.capacity'), lines: [t('shared.buddy.carers', { count: profile.capacity })] },
  );
  return rows.map((row) => ({ ...row, lines: row.lines.filter(Boolean) }));
}

/** The form's values from a saved profile (or empty ones for a new profile: nothing ticked for them). */
export function buddyProfileFormValues(profile) {
  return {
    // Saved "no" and profiles from before the question are asked again (the API keeps false for both).
    confirmed_adult: profile?.confirmed_adult ? 'yes' : '',
    relationships: [...(profile?.relationships || [])],
    caring_status: profile?.caring_status || '',
    journey_stage: profile?.journey_stage && profile.journey_stage !== 'ended' ? profile.journey_stage : '',
    years_caring: profile ? String(profile.years_caring) : '',
    needs: [...(profile?.needs || [])],
    mental_health_needs: [...(profile?.mental_health_needs || [])],
    languages: [...(profile?.languages || [])],
    contact_modes: [...(profile?.contact_modes || [])],
    postcode_district: profile?.postcode_district || '',
    region: profile?.region || '',
    availability: slotKeys(profile?.availability),
    gender: profile?.gender || '',
    cultures: [...(profile?.cultures || [])],
    faith: profile?.faith || '',
    about_me: profile?.about_me || '',
    capacity: profile ? String(profile.capacity) : '',
  };
}

/** Problems with the form, in GOV.UK words: {field: message} (only fields with a problem). */
export function validateBuddyProfile(values) {
  const errors = {};
  if (!ADULT[values.confirmed_adult]) errors.confirmed_adult = t('shared.buddy.error.adult');
  if (!values.relationships.length) errors.relationships = t('shared.buddy.error.relationships');
  if (!CARING_STATUS[values.caring_status]) errors.caring_status = t('shared.buddy.error.caringStatus');
  if (values.caring_status === 'current' && !CURRENT_JOURNEY[values.journey_stage]) {
    errors.journey_stage = t('shared.profile.error.journey');
  }
  const years = values.years_caring.trim();
  if (!years) errors.years_caring = t('shared.buddy.error.yearsMissing');
  else if (!/^\d+$/.test(years) || Number(years) > 80) {
    errors.years_caring = t('shared.profile.error.yearsCaring');
  }
  const languages = languagesError(values.languages);
  if (languages) errors.languages = languages;
  if (!values.contact_modes.length) errors.contact_modes = t('shared.buddy.error.contact');
  const district = values.postcode_district.trim();
  if (district && !POSTCODE_DISTRICT.test(district)) {
    errors.postcode_district = t('shared.profile.error.postcode');
  }
  if (values.region && !REGIONS[values.region]) errors.region = t('shared.profile.error.region');
  const cultures = culturesError(values.cultures);
  if (cultures) errors.cultures = cultures;
  if (values.about_me.length > ABOUT_ME_LIMIT) {
    errors.about_me = t('shared.buddy.error.aboutMe');
  }
  if (!['1', '2', '3', '4', '5'].includes(values.capacity)) {
    errors.capacity = t('shared.buddy.error.capacity');
  }
  return errors;
}

/**
 * The whole profile for PUT (BuddyProfileWrite), every field from the form's answers. "Prefer not to
 * say" (gender) and "I'd rather not say" (faith) are the empty answer, and send null. Needs go only
 * with the buddy's health-data consent (the API refuses them without it).
 */
export function buddyProfileBody(values, { needsShared }) {
  const current = values.caring_status === 'current';
  const needs = needsShared ? values.needs : [];
  return {
    confirmed_adult: values.confirmed_adult === 'yes',
    relationships: values.relationships,
    caring_status: values.caring_status,
    // A former carer's caring has ended: the API sets the stage itself.
    journey_stage: current ? values.journey_stage : null,
    years_caring: Number(values.years_caring.trim()),
    needs,
    mental_health_needs: needs.includes('mental_health') ? values.mental_health_needs : [],
    languages: values.languages,
    contact_modes: values.contact_modes,
    postcode_district: values.postcode_district.trim().toUpperCase() || null,
    region: values.region || null,
    availability: slotsOf(values.availability),
    gender: values.gender || null,
    cultures: values.cultures,
    faith: values.faith || null,
    about_me: values.about_me.trim(),
    capacity: Number(values.capacity),
  };
}

// The API's words are for developers ("Expected `int` <= 80"); people read these.
const apiFieldMessages = () => ({
  ...SHARED_FIELD_MESSAGES,
  confirmed_adult: t('shared.buddy.error.adult'),
  gender: t('shared.buddy.error.gender'),
  about_me: t('shared.buddy.error.aboutMe'),
  capacity: t('shared.buddy.error.capacity'),
});

/** The API's field errors ("languages[2]", "about_me") on the form's fields, in plain words. */
export function buddyFieldErrors(apiFieldErrors) {
  return fieldErrorsInWords(apiFieldErrors, apiFieldMessages());
}
