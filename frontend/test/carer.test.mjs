// The carer screens' rules: what an answer sends (the note only when typed), when a check-in can be
// answered, dates and replies in words, and the profile form's checks, body and the API's errors on it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../src/api.js';
import {
  answerBody,
  isAnswerable,
  nextCheckin,
  noteCut,
  replyInWords,
  validateAnswer,
  wellbeingOptions,
  wellbeingInWords,
  whenInWords,
} from '../src/screens/carer/checkin-logic.js';
import {
  PROFILE_FIELDS,
  profileBody,
  profileFieldErrors,
  profileFormValues,
  profileRows,
  validateProfile,
} from '../src/screens/carer/profile-logic.js';
import { formFieldOf } from '../src/screens/shared/profile-logic.js';
import { mapApiErrors } from '../src/ui/forms.js';

const LONDON = 'Europe/London';

test('the wellbeing scale has words for every score, as the API names them', () => {
  assert.deepEqual(
    wellbeingOptions().map((option) => option.label),
    [
      'Struggling (1 out of 5)',
      'Finding it hard (2 out of 5)',
      'Getting by (3 out of 5)',
      'Doing okay (4 out of 5)',
      'Doing well (5 out of 5)',
    ],
  );
  assert.equal(wellbeingInWords(3, 'getting by'), 'Getting by (3 out of 5)');
});

test('an answer carries the note only when the person typed one', () => {
  assert.deepEqual(answerBody({ wellbeing: '2', note: '   ', wants_call: true, needs_help: false }), {
    wellbeing: 2,
    wants_call: true,
    needs_help: false,
  });
  assert.deepEqual(answerBody({ wellbeing: '4', note: ' A better week ', wants_call: false, needs_help: true }), {
    wellbeing: 4,
    wants_call: false,
    needs_help: true,
    note: 'A better week',
  });
});

test('"I need help now" never waits for a score: the answer goes without one (issue 10)', () => {
  assert.deepEqual(validateAnswer({ wellbeing: '', note: '', needs_help: true }), {});
  assert.deepEqual(answerBody({ wellbeing: '', note: '', wants_call: false, needs_help: true }), {
    wants_call: false,
    needs_help: true,
  });
  assert.ok(!('wellbeing' in answerBody({ wellbeing: '', note: 'Help', wants_call: true, needs_help: true })));
  // With help ticked a note over the limit never blocks: it goes cut to the limit, and the carer is told.
  const long = { wellbeing: '', note: 'x'.repeat(1500), wants_call: false, needs_help: true };
  assert.deepEqual(validateAnswer(long), {});
  assert.equal(noteCut(long), true);
  assert.equal(answerBody(long).note.length, 1000);
  assert.equal(noteCut({ ...long, needs_help: false }), false);
  assert.equal(noteCut({ ...long, note: 'x'.repeat(1000) }), false);
});

test('an answer needs a score, and a note of at most 1,000 characters', () => {
  assert.deepEqual(validateAnswer({ wellbeing: '', note: '' }), { wellbeing: "Choose how you're doing" });
  assert.deepEqual(validateAnswer({ wellbeing: '', note: '', needs_help: false }), { wellbeing: "Choose how you're doing" });
  assert.deepEqual(validateAnswer({ wellbeing: '3', note: 'x'.repeat(1000) }), {});
  assert.deepEqual(validateAnswer({ wellbeing: '3', note: 'x'.repeat(1001) }), {
    note: 'Your note must be 1,000 characters or fewer',
  });
});

test('a check-in can be answered once due (open, missed, or scheduled and past due), not before or after', () => {
  const now = new Date('2025-03-10T15:00:00Z');
  assert.ok(isAnswerable({ state: 'open', due_at: '2025-03-10T14:00:00Z' }, now));
  assert.ok(isAnswerable({ state: 'missed', due_at: '2025-03-08T14:00:00Z' }, now));
  assert.ok(isAnswerable({ state: 'scheduled', due_at: '2025-03-10T14:59:00Z' }, now));
  assert.ok(!isAnswerable({ state: 'scheduled', due_at: '2025-03-10T15:30:00Z' }, now));
  assert.ok(!isAnswerable({ state: 'answered', due_at: '2025-03-10T14:00:00Z' }, now));
});

test('home shows an open check-in first, else the next one planned', () => {
  const now = new Date('2025-03-10T15:00:00Z');
  const later = { id: 'b', state: 'scheduled', due_at: '2025-03-17T15:30:00Z' };
  const due = { id: 'a', state: 'scheduled', due_at: '2025-03-10T14:30:00Z' };
  assert.deepEqual(nextCheckin([], [later], now), { checkin: later, open: false });
  assert.deepEqual(nextCheckin([], [due, later], now), { checkin: due, open: true });
  const missed = { id: 'm', state: 'missed', due_at: '2025-03-08T14:00:00Z' };
  assert.deepEqual(nextCheckin([missed], [later], now), { checkin: missed, open: true });
  assert.equal(nextCheckin([], [], now), null);
});

test('dates in words: today, tomorrow, yesterday, else the day and date (GOV.UK times)', () => {
  const now = new Date('2025-03-10T09:00:00Z');
  assert.equal(whenInWords('2025-03-10T15:00:00Z', { now, timeZone: LONDON }), 'today at 3pm');
  assert.equal(whenInWords('2025-03-11T19:30:00Z', { now, timeZone: LONDON }), 'tomorrow at 7:30pm');
  assert.equal(whenInWords('2025-03-09T12:00:00Z', { now, timeZone: LONDON }), 'yesterday at midday');
  assert.equal(whenInWords('2025-03-13T09:00:00Z', { now, timeZone: LONDON }), 'Thursday 13 March at 9am');
  // Summer time: 18:00 UTC is 7pm in London.
  assert.equal(whenInWords('2025-07-03T18:00:00Z', { now, timeZone: LONDON }), 'Thursday 3 July at 7pm');
});

test("the buddy's reply in words, and when there is none yet", () => {
  assert.equal(replyInWords({ reply_kind: null }, 'Helen'), "Helen hasn't replied yet.");
  assert.equal(replyInWords({ reply_kind: 'message' }, 'Helen'), 'Helen replied:');
  assert.equal(replyInWords({ reply_kind: 'we_spoke' }, 'Helen'), 'Helen noted that you spoke.');
  assert.equal(replyInWords({ reply_kind: 'call_arranged' }, 'Helen'), 'Helen has arranged a call with you.');
});

const SAVED = {
  relationships: ['partner'],
  needs: ['physical_disability'],
  mental_health_needs: [],
  needs_shared: true,
  co_resident: true,
  hours_band: '20_to_49',
  journey_stage: 'adjusting',
  years_caring: 2,
  carer_category: 'adult',
  under_18: false,
  languages: ['en', 'cy'],
  preferred_language: 'cy',
  interpreter_needed: false,
  postcode_district: 'SE22',
  region: 'london',
  contact_modes: ['phone'],
  availability: [{ day: 'mon', part: 'morning' }, { day: 'tue', part: 'morning' }, { day: 'sat', part: 'evening' }],
  help_with: ['work_and_caring'],
  help_note: '',
  cultures: [],
  faith: null,
  preferences: { gender: null, shared_background: null, same_language: 'nice' },
};

// Everything a carer can say, with a wish of each kind (CarerProfileWrite, as the API returns it).
const WISHFUL = {
  ...SAVED,
  languages: ['en', 'ur', 'pa'],
  preferred_language: 'ur',
  interpreter_needed: true,
  postcode_district: null,
  region: 'west_midlands',
  availability: [{ day: 'mon', part: 'evening' }, { day: 'wed', part: 'morning' }, { day: 'wed', part: 'evening' }],
  cultures: ['asian_pakistani'],
  faith: 'muslim',
  preferences: { gender: { genders: ['woman'], strength: 'must' }, shared_background: 'nice', same_language: 'must' },
};
const written = ({ needs_shared, ...profile }) => profile; // what PUT takes: the profile less what is derived
const filled = (changes = {}) => ({ ...profileFormValues(WISHFUL), ...changes });

test('a profile reads in plain words', () => {
  const rows = Object.fromEntries(profileRows(SAVED).map((row) => [row.key, row.lines]));
  assert.deepEqual(rows.relationships, ['My partner or spouse']);
  assert.deepEqual(rows.co_resident, ['We live together']);
  assert.deepEqual(rows.needs, ['A physical disability']);
  assert.deepEqual(rows.languages, ['English', 'Welsh (preferred)']);
  assert.deepEqual(rows.interpreter_needed, ["I don't need an interpreter"]);
  assert.deepEqual(rows.area, ['SE22']);
  assert.deepEqual(rows.availability, ['Mornings: Monday, Tuesday', 'Evenings: Saturday']);
  assert.deepEqual(rows.help_note, []);
  assert.deepEqual([rows.cultures, rows.faith], [[], []], 'not given');
  assert.deepEqual(rows.preferences, ['Someone who speaks Welsh (nice to have)']);
  const unshared = profileRows({ ...SAVED, needs_shared: false, needs: [] });
  assert.ok(!unshared.some((row) => row.key === 'needs'));
  assert.deepEqual(
    Object.fromEntries(profileRows({ ...SAVED, preferences: { gender: null } }).map((row) => [row.key, row.lines])).preferences,
    ['Nothing in particular'],
  );
});

test('languages, interpreter, region, culture, faith and wishes read in plain words', () => {
  const rows = Object.fromEntries(profileRows(WISHFUL).map((row) => [row.key, row.lines]));
  assert.deepEqual(rows.languages, ['English', 'Urdu (preferred)', 'Punjabi']);
  assert.deepEqual(rows.interpreter_needed, ['I would need an interpreter']);
  assert.deepEqual(rows.area, ['West Midlands'], 'the region when there is no postcode district');
  assert.deepEqual(rows.availability, ['Mornings: Wednesday', 'Evenings: Monday, Wednesday']);
  assert.deepEqual(rows.cultures, ['Asian or Asian British: Pakistani']);
  assert.deepEqual(rows.faith, ['Muslim']);
  assert.deepEqual(rows.preferences, [
    'A woman (a must)',
    'Someone who speaks Urdu (a must)',
    'Someone who shares my culture or faith (nice to have)',
  ]);
  const either = { ...WISHFUL.preferences, gender: { genders: ['non_binary', 'woman'], strength: 'nice' } };
  assert.equal(profileRows({ ...WISHFUL, preferences: either }).find((row) => row.key === 'preferences').lines[0],
    'A woman or non-binary (nice to have)');
});

test('the form sends back exactly what was saved when nothing is changed', () => {
  for (const saved of [SAVED, WISHFUL]) {
    assert.deepEqual(profileBody(profileFormValues(saved), saved, { needsShared: true }), written(saved));
  }
});

test('languages, interpreter, free times and wishes changed on the form go into the body', () => {
  const values = filled({
    languages: ['en', 'ur', 'pa', 'pl'],
    preferred_language: 'pl',
    interpreter_needed: 'no',
    region: '',
    availability: ['sun-afternoon', 'mon-morning'],
    wish_gender: 'nice',
    wish_genders: ['man', 'woman'],
    wish_language: 'none',
    wish_background: 'must',
    cultures: ['asian_pakistani', 'white_irish'],
    faith: '',
  });
  const body = profileBody(values, WISHFUL, { needsShared: true });
  assert.deepEqual(body.languages, ['en', 'ur', 'pa', 'pl']);
  assert.equal(body.preferred_language, 'pl');
  assert.equal(body.interpreter_needed, false);
  assert.equal(body.region, null);
  assert.deepEqual(body.availability, [{ day: 'mon', part: 'morning' }, { day: 'sun', part: 'afternoon' }], 'Monday first');
  assert.deepEqual(body.cultures, ['asian_pakistani', 'white_irish']);
  assert.equal(body.faith, null);
  assert.deepEqual(body.preferences, {
    gender: { genders: ['woman', 'man'], strength: 'nice' },
    shared_background: 'must',
    same_language: null,
  });
  // With one language it is the preferred one, whatever was chosen before.
  const one = profileBody(filled({ languages: ['pa'], preferred_language: 'ur' }), WISHFUL, { needsShared: true });
  assert.deepEqual([one.languages, one.preferred_language], [['pa'], 'pa']);
  // No wishes at all.
  const none = profileBody(filled({ wish_gender: 'none', wish_language: 'none', wish_background: 'none' }), WISHFUL, { needsShared: true });
  assert.deepEqual(none.preferences, { gender: null, shared_background: null, same_language: null });
});

test('the profile form names each field at fault, in the order it asks', () => {
  const values = { ...profileFormValues(SAVED), years_caring: '200', postcode_district: 'not a postcode' };
  assert.deepEqual(validateProfile(values), {
    years_caring: 'Years caring must be a whole number from 0 to 80',
    postcode_district: 'Enter the first half of your postcode, like SE5 or M1',
  });
  const empty = validateProfile(profileFormValues(null));
  assert.deepEqual(Object.keys(empty), [
    'relationships',
    'co_resident',
    'hours_band',
    'journey_stage',
    'years_caring',
    'carer_category',
    'languages',
    'interpreter_needed',
    'contact_modes',
  ]);
  assert.equal(empty.languages, 'Select the languages you speak');
  assert.equal(empty.interpreter_needed, 'Select whether you would need an interpreter');
  assert.deepEqual(validateProfile(profileFormValues(SAVED)), {});
  assert.deepEqual(validateProfile(profileFormValues(WISHFUL)), {});
});

test('the form checks the languages, the preferred one among them, and each wish has what it needs', () => {
  assert.deepEqual(validateProfile(filled({ languages: ['en', 'ur'], preferred_language: 'pl' })), {
    preferred_language: 'Select which language you would prefer to talk in',
  });
  assert.deepEqual(validateProfile(filled({ languages: ['en', 'ur'], preferred_language: '' })), {
    preferred_language: 'Select which language you would prefer to talk in',
  });
  assert.deepEqual(validateProfile(filled({ languages: ['pl'], preferred_language: 'ur' })), {}, 'one language is the preferred one');
  assert.deepEqual(validateProfile(filled({ languages: ['en', 'cy', 'ur', 'pa', 'bn', 'pl', 'ro'] })), {
    languages: 'Select up to 6 languages',
  });
  assert.deepEqual(validateProfile(filled({ languages: [] })), { languages: 'Select the languages you speak' });
  assert.deepEqual(validateProfile(filled({ interpreter_needed: '' })), {
    interpreter_needed: 'Select whether you would need an interpreter',
  });
  assert.deepEqual(validateProfile(filled({ wish_gender: 'must', wish_genders: [] })), {
    wish_genders: 'Select whether you would like your buddy to be a woman, a man or non-binary',
  });
  assert.deepEqual(validateProfile(filled({ wish_gender: 'none', wish_genders: [] })), {});
  assert.deepEqual(validateProfile(filled({ wish_background: 'must', cultures: [], faith: '' })), {
    wish_background: 'To look for a buddy who shares your culture or faith, select your culture or faith below',
  });
  assert.deepEqual(validateProfile(filled({ wish_background: 'nice', cultures: [], faith: 'sikh' })), {});
  assert.deepEqual(validateProfile(filled({ wish_background: 'none', cultures: [], faith: '' })), {});
  assert.deepEqual(validateProfile(filled({ cultures: ['arab', 'white_irish', 'asian_indian', 'other'] })), {
    cultures: 'Select up to 3 cultural backgrounds',
  });
  assert.deepEqual(validateProfile(filled({ region: 'atlantis' })), { region: 'Select a region from the list' });
});

test('a saved profile keeps whether a young adult carer is under 18; needs go only with consent', () => {
  const values = { ...profileFormValues(SAVED), years_caring: ' 3 ', postcode_district: 'se5' };
  const body = profileBody(values, SAVED, { needsShared: true });
  assert.equal(body.years_caring, 3);
  assert.equal(body.postcode_district, 'SE5');
  assert.deepEqual(body.needs, ['physical_disability']);
  assert.deepEqual(profileBody(values, SAVED, { needsShared: false }).needs, []);
  const young = profileBody({ ...values, carer_category: 'young' }, SAVED, { needsShared: true });
  assert.equal(young.under_18, true);
  const youngAdult = { ...values, carer_category: 'young_adult' };
  assert.equal(profileBody(youngAdult, { ...SAVED, under_18: true }, { needsShared: true }).under_18, true);
  assert.equal(profileBody(youngAdult, SAVED, { needsShared: true }).under_18, false);
  const fresh = profileBody({ ...profileFormValues(null), languages: ['so'], postcode_district: '' }, null, { needsShared: false });
  assert.deepEqual([fresh.languages, fresh.preferred_language, fresh.postcode_district], [['so'], 'so', null]);
});

test("the API's field errors land on the profile form's fields", () => {
  assert.equal(formFieldOf('relationships[0]'), 'relationships');
  assert.equal(formFieldOf('availability[3].part'), 'availability');
  assert.equal(formFieldOf('preferences.gender'), 'wish_gender');
  assert.equal(formFieldOf('preferences.gender.strength'), 'wish_gender');
  assert.equal(formFieldOf('preferences.gender.genders'), 'wish_genders');
  assert.equal(formFieldOf('preferences.gender.genders[0]'), 'wish_genders');
  assert.equal(formFieldOf('preferences.shared_background'), 'wish_background');
  assert.equal(formFieldOf('preferences.same_language'), 'wish_language');
  for (const field of ['wish_gender', 'wish_genders', 'wish_background', 'wish_language', 'availability', 'cultures', 'faith']) {
    assert.ok(PROFILE_FIELDS.includes(field), `${field} is a field of the form`);
  }
  assert.deepEqual(
    profileFieldErrors({
      'languages[2]': "We don't know the language code 'xx'.",
      preferred_language: 'Your preferred language must be one of the languages you speak.',
      'preferences.shared_background': 'To look for someone who shares your background, tell us your culture or faith first.',
      'preferences.gender.genders': 'Expected `array` of length >= 1',
      cultures: 'Expected `array` of length <= 3',
    }),
    {
      languages: 'Select up to 6 languages from the list',
      preferred_language: 'Your preferred language must be one of the languages you speak.',
      wish_background: 'To look for someone who shares your background, tell us your culture or faith first.',
      wish_genders: 'Select whether you would like your buddy to be a woman, a man or non-binary',
      cultures: 'Select up to 3 cultural backgrounds from the list',
    },
  );
  const error = new ApiError(422, {
    detail: 'Carers under 18 are young carers (or young adult carers).',
    errors: [{ field: 'under_18', message: 'Carers under 18 are young carers (or young adult carers).' }],
  });
  const mapped = mapApiErrors(error, { fieldMap: { under_18: 'carer_category' }, fields: PROFILE_FIELDS });
  assert.deepEqual(mapped.fields, { carer_category: 'Carers under 18 are young carers (or young adult carers).' });
});

test('a match held after both said yes says so, instead of "waiting for them to say yes"', async () => {
  const { matchStateInWords } = await import('../src/screens/carer/match-logic.js');
  const held = matchStateInWords({ status: 'proposed', my_decision: 'accepted', on_hold: true, viewer: 'carer' }, 'Helen Wright');
  assert.equal(held.title, 'You have both said yes');
  assert.match(held.text, /check a few things before you and Helen can start/);
  const waiting = matchStateInWords({ status: 'proposed', my_decision: 'accepted', on_hold: false, viewer: 'carer' }, 'Helen Wright');
  assert.equal(waiting.title, 'You said yes');
});
