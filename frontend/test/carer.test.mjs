// The carer screens' rules: what an answer sends (the note only when typed), when a check-in can be
// answered, dates and replies in words, and the profile form's checks and body.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../src/api.js';
import {
  answerBody,
  formFieldOf,
  isAnswerable,
  nextCheckin,
  PROFILE_FIELDS,
  profileBody,
  profileFormValues,
  profileRows,
  replyInWords,
  validateAnswer,
  validateProfile,
  WELLBEING_OPTIONS,
  wellbeingInWords,
  whenInWords,
} from '../src/screens/carer-logic.js';
import { mapApiErrors } from '../src/ui/forms.js';

const LONDON = 'Europe/London';

test('the wellbeing scale has words for every score, as the API names them', () => {
  assert.deepEqual(
    WELLBEING_OPTIONS.map((option) => option.label),
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

test('an answer needs a score, and a note of at most 1,000 characters', () => {
  assert.deepEqual(validateAnswer({ wellbeing: '', note: '' }), { wellbeing: "Choose how you're doing" });
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

test('a profile reads in plain words', () => {
  const rows = Object.fromEntries(profileRows(SAVED).map((row) => [row.key, row.lines]));
  assert.deepEqual(rows.relationships, ['My partner or spouse']);
  assert.deepEqual(rows.co_resident, ['We live together']);
  assert.deepEqual(rows.needs, ['A physical disability']);
  assert.deepEqual(rows.languages, ['English', 'Welsh (preferred)']);
  assert.deepEqual(rows.availability, ['Mornings: Monday, Tuesday', 'Evenings: Saturday']);
  assert.deepEqual(rows.help_note, []);
  const unshared = profileRows({ ...SAVED, needs_shared: false, needs: [] });
  assert.ok(!unshared.some((row) => row.key === 'needs'));
});

test('the profile form names each field at fault', () => {
  const values = { ...profileFormValues(SAVED), years_caring: '200', postcode_district: 'not a postcode' };
  assert.deepEqual(validateProfile(values), {
    years_caring: 'Years caring must be a whole number from 0 to 80',
    postcode_district: 'Enter the first half of your postcode, like SE5 or M1',
  });
  const empty = validateProfile(profileFormValues(null));
  assert.deepEqual(Object.keys(empty).sort(), [
    'carer_category',
    'co_resident',
    'contact_modes',
    'hours_band',
    'journey_stage',
    'relationships',
    'years_caring',
  ]);
  assert.deepEqual(validateProfile(profileFormValues(SAVED)), {});
});

test('a saved profile keeps what the form does not show; needs go only with consent', () => {
  const values = { ...profileFormValues(SAVED), years_caring: ' 3 ', postcode_district: 'se5' };
  const body = profileBody(values, SAVED, { needsShared: true });
  assert.equal(body.years_caring, 3);
  assert.equal(body.postcode_district, 'SE5');
  assert.deepEqual(body.languages, ['en', 'cy']);
  assert.equal(body.preferred_language, 'cy');
  assert.deepEqual(body.availability, SAVED.availability);
  assert.deepEqual(body.preferences, SAVED.preferences);
  assert.deepEqual(body.needs, ['physical_disability']);
  assert.deepEqual(profileBody(values, SAVED, { needsShared: false }).needs, []);
  const young = profileBody({ ...values, carer_category: 'young' }, SAVED, { needsShared: true });
  assert.equal(young.under_18, true);
  const fresh = profileBody({ ...values, postcode_district: '' }, null, { needsShared: false });
  assert.deepEqual([fresh.languages, fresh.preferred_language, fresh.postcode_district], [['en'], 'en', null]);
});

test("the API's field errors land on the profile form's fields", () => {
  assert.equal(formFieldOf('relationships[0]'), 'relationships');
  assert.equal(formFieldOf('preferences.gender'), 'preferences');
  const error = new ApiError(422, {
    detail: 'Carers under 18 are young carers (or young adult carers).',
    errors: [{ field: 'under_18', message: 'Carers under 18 are young carers (or young adult carers).' }],
  });
  const mapped = mapApiErrors(error, { fieldMap: { under_18: 'carer_category' }, fields: PROFILE_FIELDS });
  assert.deepEqual(mapped.fields, { carer_category: 'Carers under 18 are young carers (or young adult carers).' });
});
