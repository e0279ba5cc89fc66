// The buddy profile's rules, kept free of the DOM so node tests can check them: the profile in plain
// words, the form's values from what is saved, its checks in GOV.UK words, the PUT body, and the API's
// field errors in words people read. A buddy must be 18 or over (asked every time, "confirmed_adult");
// what the person they cared for lives with is kept only with the buddy's own health-data consent.
// The words for the caring situation, free times, gender, culture and faith are the server's
// (shared/profile-logic.js, generated from profiles/vocabulary.py).
import {
  availabilityInWords,
  BUDDY_GENDERS,
  CARING_STATUS,
  CONTACT_MODES,
  CULTURES,
  culturesError,
  FAITHS,
  fieldErrorsInWords,
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
export const CURRENT_JOURNEY = Object.fromEntries(Object.entries(JOURNEY).filter(([stage]) => stage !== 'ended'));

export const ABOUT_ME_LIMIT = 500;
const POSTCODE_DISTRICT = /^[A-Za-z]{1,2}[0-9][A-Za-z0-9]?$/;

export const ADULT = { yes: "Yes, I'm 18 or over", no: "No, I'm under 18" };

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
const count = (n, noun) => `${n} ${n === 1 ? noun : `${noun}s`}`;

/** The buddy profile as rows of a summary list: [{key, label, lines}] (empty lines read "Not given"). */
export function buddyProfileRows(profile) {
  const current = profile.caring_status === 'current';
  const rows = [
    {
      key: 'confirmed_adult',
      label: "I'm 18 or over",
      lines: [profile.confirmed_adult ? 'Yes' : "Not confirmed: the centre can't introduce you to carers until you are"],
    },
    { key: 'relationships', label: 'I care or cared for', lines: listOf(profile.relationships, RELATIONSHIPS) },
    { key: 'caring_status', label: 'Caring now or in the past', lines: [CARING_STATUS[profile.caring_status] || profile.caring_status] },
  ];
  if (current) {
    rows.push({ key: 'journey_stage', label: 'Where I am with caring', lines: [JOURNEY[profile.journey_stage] || profile.journey_stage] });
  }
  rows.push(
    {
      key: 'years_caring',
      label: current ? 'Years caring' : 'Years I cared',
      lines: [profile.years_caring === 0 ? 'Less than a year' : count(profile.years_caring, 'year')],
    },
    {
      key: 'needs',
      label: 'Conditions I have experience of',
      lines: profile.needs_shared
        ? [...listOf(profile.needs, NEEDS), ...listOf(profile.mental_health_needs, MENTAL_HEALTH_NEEDS)]
        : ["Not kept: you haven't agreed to us keeping health information"],
    },
    { key: 'languages', label: 'Languages', lines: listOf(profile.languages, LANGUAGES) },
    { key: 'contact_modes', label: 'Keeping in touch by', lines: listOf(profile.contact_modes, CONTACT_MODES) },
    { key: 'area', label: 'Area', lines: [profile.postcode_district || REGIONS[profile.region] || ''] },
    { key: 'availability', label: 'When I am usually free', lines: availabilityInWords(profile.availability) },
    { key: 'gender', label: 'My gender', lines: [BUDDY_GENDERS[profile.gender] || profile.gender || ''] },
    { key: 'cultures', label: 'My cultural background', lines: listOf(profile.cultures, CULTURES) },
    { key: 'faith', label: 'My faith', lines: [FAITHS[profile.faith] || profile.faith || ''] },
    { key: 'about_me', label: 'About me', lines: [profile.about_me || ''] },
    { key: 'capacity', label: 'Carers I can support at once', lines: [count(profile.capacity, 'carer')] },
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
  if (!ADULT[values.confirmed_adult]) errors.confirmed_adult = "Select whether you're 18 or over";
  if (!values.relationships.length) errors.relationships = 'Select who you care or cared for';
  if (!CARING_STATUS[values.caring_status]) errors.caring_status = "Select whether you're caring now";
  if (values.caring_status === 'current' && !CURRENT_JOURNEY[values.journey_stage]) {
    errors.journey_stage = 'Select where you are with caring';
  }
  const years = values.years_caring.trim();
  if (!years) errors.years_caring = 'Enter how many years you have been caring';
  else if (!/^\d+$/.test(years) || Number(years) > 80) {
    errors.years_caring = 'Years caring must be a whole number from 0 to 80';
  }
  const languages = languagesError(values.languages);
  if (languages) errors.languages = languages;
  if (!values.contact_modes.length) errors.contact_modes = 'Select how you can keep in touch with a carer';
  const district = values.postcode_district.trim();
  if (district && !POSTCODE_DISTRICT.test(district)) {
    errors.postcode_district = 'Enter the first half of your postcode, like SE5 or M1';
  }
  if (values.region && !REGIONS[values.region]) errors.region = 'Select a region from the list';
  const cultures = culturesError(values.cultures);
  if (cultures) errors.cultures = cultures;
  if (values.about_me.length > ABOUT_ME_LIMIT) {
    errors.about_me = 'What you tell carers about yourself must be 500 characters or fewer';
  }
  if (!['1', '2', '3', '4', '5'].includes(values.capacity)) {
    errors.capacity = 'Select how many carers you can support at once';
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
const API_FIELD_MESSAGES = {
  ...SHARED_FIELD_MESSAGES,
  confirmed_adult: "Select whether you're 18 or over",
  gender: 'Select how you describe your gender from the list',
  about_me: 'What you tell carers about yourself must be 500 characters or fewer',
  capacity: 'Select how many carers you can support at once',
};

/** The API's field errors ("languages[2]", "about_me") on the form's fields, in plain words. */
export function buddyFieldErrors(apiFieldErrors) {
  return fieldErrorsInWords(apiFieldErrors, API_FIELD_MESSAGES);
}
