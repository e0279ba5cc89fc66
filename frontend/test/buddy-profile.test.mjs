// The buddy profile's rules: the profile in words, the form's checks, the PUT body (every field from the
// form, saved answers coming back unchanged), and the API's field errors on the form's fields.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  buddyFieldErrors,
  buddyProfileBody,
  buddyProfileFormValues,
  buddyProfileRows,
  validateBuddyProfile,
} from '../src/screens/buddy/profile-logic.js';
import { languageChoices } from '../src/screens/shared/profile-logic.js';

const SAVED = {
  confirmed_adult: true,
  needs_shared: true,
  relationships: ['partner', 'son_or_daughter'],
  caring_status: 'current',
  journey_stage: 'established',
  years_caring: 9,
  needs: ['mental_health', 'dementia'],
  mental_health_needs: ['bipolar'],
  languages: ['en', 'ml'],
  postcode_district: 'SE5',
  region: 'london',
  contact_modes: ['phone', 'in_person'],
  availability: [{ day: 'mon', part: 'evening' }],
  gender: 'woman',
  cultures: ['white_irish'],
  faith: 'christian',
  about_me: 'Tea and a chat help.',
  capacity: 3,
  places_taken: 1,
  paused: false,
  quiet_hours: null,
};

const filled = (changes = {}) => ({ ...buddyProfileFormValues(SAVED), ...changes });
const lines = (profile) => Object.fromEntries(buddyProfileRows(profile).map((row) => [row.key, row.lines]));

test('the profile reads in plain words, and what was not given has no lines', () => {
  const rows = lines(SAVED);
  assert.deepEqual(rows.relationships, ['My partner or spouse', 'My mother or father']);
  assert.deepEqual(lines({ ...SAVED, contact_modes: ['messages', 'phone'] }).contact_modes, ['Phone calls', 'Messages'],
    'in the order of the form, whatever order they were ticked in');
  assert.deepEqual(rows.caring_status, ["I'm caring now"]);
  assert.deepEqual(rows.journey_stage, ['Settled into caring']);
  assert.deepEqual(rows.years_caring, ['9 years']);
  assert.deepEqual(rows.needs, ['A mental health condition', 'Dementia', 'Bipolar disorder']);
  assert.deepEqual(rows.languages, ['English', 'Malayalam']);
  assert.deepEqual(rows.contact_modes, ['Phone calls', 'Meeting in person']);
  assert.deepEqual(rows.area, ['SE5']);
  assert.deepEqual(rows.availability, ['Evenings: Monday']);
  assert.deepEqual(rows.gender, ['Woman']);
  assert.deepEqual(rows.cultures, ['White: Irish']);
  assert.deepEqual(rows.faith, ['Christian']);
  assert.deepEqual(rows.capacity, ['3 carers']);
  const more = lines({
    ...SAVED,
    availability: [{ day: 'sat', part: 'morning' }, { day: 'tue', part: 'evening' }, { day: 'mon', part: 'evening' }],
    gender: 'non_binary',
    cultures: ['white_roma', 'asian_indian'],
    faith: 'no_religion',
  });
  assert.deepEqual(more.availability, ['Mornings: Saturday', 'Evenings: Monday, Tuesday']);
  assert.deepEqual(more.gender, ['Non-binary']);
  assert.deepEqual(more.cultures, ['Asian or Asian British: Indian', 'White: Roma']);
  assert.deepEqual(more.faith, ['No religion']);

  const former = lines({ ...SAVED, caring_status: 'former', journey_stage: 'ended', years_caring: 0, capacity: 1,
    postcode_district: null, needs: [], mental_health_needs: [], about_me: '', availability: [], gender: null,
    cultures: [], faith: null });
  assert.deepEqual(former.caring_status, ['I cared in the past, and my caring has ended']);
  assert.equal(former.journey_stage, undefined, 'a former carer has no stage to show');
  assert.deepEqual(former.years_caring, ['Less than a year']);
  assert.deepEqual(former.area, ['London'], 'the region when there is no postcode district');
  assert.deepEqual(former.needs, []);
  assert.deepEqual(former.about_me, []);
  assert.deepEqual(former.capacity, ['1 carer']);
  for (const key of ['availability', 'gender', 'cultures', 'faith']) {
    assert.deepEqual(former[key], [], `${key} not given has no lines (the summary reads "Not given")`);
  }
});

test('a new profile starts with nothing ticked, and every required answer is asked for in form order', () => {
  const errors = validateBuddyProfile(buddyProfileFormValues(null));
  assert.deepEqual(Object.keys(errors), ['confirmed_adult', 'relationships', 'caring_status', 'years_caring', 'languages', 'contact_modes', 'capacity']);
  assert.equal(errors.confirmed_adult, "Select whether you're 18 or over");
  assert.equal(errors.relationships, 'Select who you care or cared for');
  assert.deepEqual(validateBuddyProfile(filled()), {});
});

test('the form checks the stage, years, languages, postcode and the length of about me', () => {
  assert.equal(validateBuddyProfile(filled({ journey_stage: '' })).journey_stage, 'Select where you are with caring');
  assert.equal(validateBuddyProfile(filled({ journey_stage: 'ended' })).journey_stage, 'Select where you are with caring');
  assert.equal(validateBuddyProfile(filled({ caring_status: 'former', journey_stage: '' })).journey_stage, undefined);
  for (const years of ['81', '2.5', '-1', 'ten']) {
    assert.equal(validateBuddyProfile(filled({ years_caring: years })).years_caring, 'Years caring must be a whole number from 0 to 80');
  }
  assert.equal(validateBuddyProfile(filled({ years_caring: '0' })).years_caring, undefined);
  assert.equal(validateBuddyProfile(filled({ languages: ['en', 'cy', 'ur', 'pa', 'bn', 'pl', 'ro'] })).languages, 'Select up to 6 languages');
  assert.equal(validateBuddyProfile(filled({ postcode_district: 'SE5 9RS' })).postcode_district, 'Enter the first half of your postcode, like SE5 or M1');
  assert.equal(validateBuddyProfile(filled({ postcode_district: ' m1 ' })).postcode_district, undefined);
  assert.equal(validateBuddyProfile(filled({ about_me: 'a'.repeat(500) })).about_me, undefined);
  assert.equal(
    validateBuddyProfile(filled({ about_me: 'a'.repeat(501) })).about_me,
    'What you tell carers about yourself must be 500 characters or fewer',
  );
  assert.equal(validateBuddyProfile(filled({ capacity: '6' })).capacity, 'Select how many carers you can support at once');
});

test('up to 3 cultural backgrounds can be given; free times, gender and faith are optional', () => {
  const three = ['asian_indian', 'white_irish', 'arab'];
  assert.equal(validateBuddyProfile(filled({ cultures: three })).cultures, undefined);
  assert.equal(validateBuddyProfile(filled({ cultures: [...three, 'other'] })).cultures, 'Select up to 3 cultural backgrounds');
  assert.deepEqual(
    Object.keys(validateBuddyProfile(filled({ cultures: [...three, 'other'], capacity: '' }))),
    ['cultures', 'capacity'],
    'in the order the form asks',
  );
  assert.deepEqual(validateBuddyProfile(filled({ availability: [], gender: '', cultures: [], faith: '' })), {});
  const errors = validateBuddyProfile(buddyProfileFormValues(null));
  for (const field of ['availability', 'gender', 'cultures', 'faith']) assert.equal(errors[field], undefined);
});

test('saved free times, gender, culture and faith come back unchanged, and changed ones reach the body', () => {
  const saved = {
    ...SAVED,
    availability: [{ day: 'mon', part: 'morning' }, { day: 'tue', part: 'evening' }, { day: 'sun', part: 'afternoon' }],
    gender: 'non_binary',
    cultures: ['black_caribbean', 'mixed_other'],
    faith: 'muslim',
  };
  const values = buddyProfileFormValues(saved);
  assert.deepEqual(values.availability, ['mon-morning', 'tue-evening', 'sun-afternoon'], 'one tick box a slot');
  assert.deepEqual([values.gender, values.faith], ['non_binary', 'muslim']);
  const unchanged = buddyProfileBody(values, { needsShared: true });
  for (const key of ['availability', 'gender', 'cultures', 'faith']) assert.deepEqual(unchanged[key], saved[key], key);

  // Ticked out of order, the free times go as the API orders them: by day, then morning to evening.
  const changed = buddyProfileBody({
    ...values,
    availability: ['wed-evening', 'mon-evening', 'wed-morning'],
    gender: 'woman',
    cultures: ['asian_pakistani'],
    faith: 'sikh',
  }, { needsShared: true });
  assert.deepEqual(changed.availability, [
    { day: 'mon', part: 'evening' },
    { day: 'wed', part: 'morning' },
    { day: 'wed', part: 'evening' },
  ]);
  assert.deepEqual([changed.gender, changed.cultures, changed.faith], ['woman', ['asian_pakistani'], 'sikh']);

  // "Prefer not to say" and "I'd rather not say" are the empty answers, sent as null; nothing ticked is [].
  const withheld = buddyProfileBody({ ...values, availability: [], gender: '', cultures: [], faith: '' }, { needsShared: true });
  assert.deepEqual([withheld.availability, withheld.gender, withheld.cultures, withheld.faith], [[], null, [], null]);

  const fresh = buddyProfileFormValues(null);
  assert.deepEqual([fresh.availability, fresh.gender, fresh.cultures, fresh.faith], [[], '', [], '']);
});

test('the body sends every answer of the form, tidied', () => {
  const body = buddyProfileBody(filled({ postcode_district: ' se5 ', about_me: '  Hello.  ', capacity: '4' }), { needsShared: true });
  assert.deepEqual(body, {
    confirmed_adult: true,
    relationships: ['partner', 'son_or_daughter'],
    caring_status: 'current',
    journey_stage: 'established',
    years_caring: 9,
    needs: ['mental_health', 'dementia'],
    mental_health_needs: ['bipolar'],
    languages: ['en', 'ml'],
    contact_modes: ['phone', 'in_person'],
    postcode_district: 'SE5',
    region: 'london',
    availability: [{ day: 'mon', part: 'evening' }],
    gender: 'woman',
    cultures: ['white_irish'],
    faith: 'christian',
    about_me: 'Hello.',
    capacity: 4,
  });
});

test('a former carer sends no stage, and mental health conditions go only with mental health ticked', () => {
  const body = buddyProfileBody(filled({ caring_status: 'former', needs: ['dementia'], postcode_district: '', region: '' }), { needsShared: true });
  assert.equal(body.journey_stage, null);
  assert.deepEqual(body.mental_health_needs, []);
  assert.equal(body.postcode_district, null);
  assert.equal(body.region, null);
});

test('every language the API accepts can be ticked, and a saved code the app does not know yet is kept', () => {
  const choices = languageChoices(['en', 'ml', 'zz']);
  assert.equal(choices.ml, 'Malayalam');
  assert.equal(choices.zz, 'zz');
  assert.equal(languageChoices(null).zz, undefined);
  assert.equal(Object.keys(languageChoices(null)).length, 54); // src/carerlink/profiles/vocabulary.py
});

test("the API's field errors land on the form's fields in plain words", () => {
  assert.deepEqual(
    buddyFieldErrors({
      years_caring: 'Expected `int` <= 80',
      'languages[2]': "We don't know the language code 'xx'.",
      journey_stage: 'Please say how far along in caring you are.',
      'mental_health_needs': "Choose 'mental health' among the needs to say which kind of condition.",
      'availability[1].part': 'Invalid enum value',
      gender: "Invalid enum value 'female'",
      'cultures[3]': 'Expected `array` of length <= 3',
      faith: 'Invalid enum value',
    }),
    {
      years_caring: 'Years caring must be a whole number from 0 to 80',
      languages: 'Select up to 6 languages from the list',
      journey_stage: 'Please say how far along in caring you are.',
      mental_health_needs: "Choose 'mental health' among the needs to say which kind of condition.",
      availability: 'Select the times you are usually free from the list',
      gender: 'Select how you describe your gender from the list',
      cultures: 'Select up to 3 cultural backgrounds from the list',
      faith: 'Select a faith from the list',
    },
  );
});

test('a buddy must answer whether they are 18 or over; yes or no is sent, and an unconfirmed profile asks again', () => {
  assert.equal(buddyProfileFormValues(SAVED).confirmed_adult, 'yes');
  assert.equal(buddyProfileFormValues({ ...SAVED, confirmed_adult: false }).confirmed_adult, '',
    'a saved "no", or a profile from before the question, is asked again');
  assert.equal(validateBuddyProfile(filled({ confirmed_adult: '' })).confirmed_adult, "Select whether you're 18 or over");
  assert.equal(validateBuddyProfile(filled({ confirmed_adult: 'maybe' })).confirmed_adult, "Select whether you're 18 or over");
  assert.equal(validateBuddyProfile(filled({ confirmed_adult: 'no' })).confirmed_adult, undefined);
  assert.equal(buddyProfileBody(filled(), { needsShared: true }).confirmed_adult, true);
  assert.equal(buddyProfileBody(filled({ confirmed_adult: 'no' }), { needsShared: true }).confirmed_adult, false);
  assert.deepEqual(lines(SAVED).confirmed_adult, ['Yes']);
  assert.deepEqual(lines({ ...SAVED, confirmed_adult: false }).confirmed_adult, [
    "Not confirmed: the centre can't introduce you to carers until you are",
  ]);
  assert.deepEqual(buddyFieldErrors({ confirmed_adult: 'Object missing required field `confirmed_adult`' }), {
    confirmed_adult: "Select whether you're 18 or over",
  });
});

test('what the person lived with is sent only with the buddy\'s health-data consent, and the summary says so', () => {
  const withConsent = buddyProfileBody(filled(), { needsShared: true });
  assert.deepEqual([withConsent.needs, withConsent.mental_health_needs], [['mental_health', 'dementia'], ['bipolar']]);
  const without = buddyProfileBody(filled(), { needsShared: false });
  assert.deepEqual([without.needs, without.mental_health_needs], [[], []], 'never sent without consent');
  assert.deepEqual(lines({ ...SAVED, needs: [], mental_health_needs: [], needs_shared: false }).needs, [
    "Not kept: you haven't agreed to us keeping health information",
  ]);
});
