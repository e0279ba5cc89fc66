// Outcome measures and equality monitoring (issue 16): the ask offered, answers checked and sent, the
// equality form, the licensed questions read from plain text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  answersBody,
  equalityBody,
  ethnicityGroups,
  measureBody,
  measureValues,
  optionsText,
  parseOptions,
  validateAnswers,
  validateEquality,
  validateMeasure,
} from '../src/screens/shared/outcomes-logic.js';
import { askToOffer } from '../src/screens/carer/outcome-card-logic.js';

const ASK = { id: 'a', state: 'open', not_now_until: null, questions: [{ position: 1 }, { position: 2 }] };

test('the ask offered is the oldest open one not put off with "Not now"', () => {
  const now = new Date('2026-05-01T12:00:00Z');
  const later = { ...ASK, id: 'b', not_now_until: '2026-05-03T12:00:00Z' };
  assert.equal(askToOffer([later], now), null);
  assert.equal(askToOffer([later, ASK], now).id, 'a');
  assert.equal(askToOffer([{ ...later, not_now_until: '2026-04-30T00:00:00Z' }], now).id, 'b');
  assert.equal(askToOffer(null, now), null);
});

test('every question needs an answer, and the body carries each position with its score', () => {
  assert.deepEqual(Object.keys(validateAnswers(ASK, { q1: '3' })), ['q2']);
  assert.deepEqual(validateAnswers(ASK, { q1: '3', q2: '5' }), {});
  assert.deepEqual(answersBody(ASK, { q1: '3', q2: '5' }), { answers: { 1: 3, 2: 5 } });
});

test('equality needs an answer to each question and the consent ticked', () => {
  assert.deepEqual(Object.keys(validateEquality({})).sort(), ['age_band', 'agree', 'ethnicity', 'gender']);
  const values = { age_band: 'prefer_not_to_say', gender: 'woman', ethnicity: 'white_roma', agree: true };
  assert.deepEqual(validateEquality(values), {});
  assert.deepEqual(equalityBody(values), { agree: true, age_band: 'prefer_not_to_say', gender: 'woman', ethnicity: 'white_roma' });
});

test('ethnicity options are grouped under their Census group, Prefer not to say last on its own', () => {
  const groups = ethnicityGroups([
    { key: 'white_irish', words: 'Irish', group: 'White' },
    { key: 'white_roma', words: 'Roma', group: 'White' },
    { key: 'other_arab', words: 'Arab', group: 'Other ethnic group' },
    { key: 'prefer_not_to_say', words: 'Prefer not to say', group: null },
  ]);
  assert.deepEqual(groups.map((g) => [g.name, g.options.length]), [['White', 2], ['Other ethnic group', 1], ['', 1]]);
});

test('a licensed question\'s answers are read one a line with the score first', () => {
  assert.deepEqual(parseOptions('1 Never\n2 - Sometimes\n\n3: Often'), {
    options: [{ score: 1, words: 'Never' }, { score: 2, words: 'Sometimes' }, { score: 3, words: 'Often' }],
  });
  assert.match(parseOptions('1 Never').error, /at least two/);
  assert.match(parseOptions('Never\n2 Often').error, /Start each answer with its score/);
  assert.match(parseOptions('1 Never\n1 Often').error, /own score/);
  assert.equal(optionsText([{ score: 0, words: 'No' }, { score: 1, words: 'Yes' }]), '0 No\n1 Yes');
});

test('a licensed instrument is checked and sent as the API wants it', () => {
  const empty = measureValues(null);
  assert.deepEqual(Object.keys(validateMeasure(empty)).sort(), ['licence_note', 'name', 'q0-options', 'q0-wording']);
  const values = { name: ' Scale ', licence_note: 'Ours', questions: [{ wording: 'How?', options: '0 No\n1 Yes' }] };
  assert.deepEqual(validateMeasure(values), {});
  assert.deepEqual(measureBody(values), {
    name: 'Scale',
    licence_note: 'Ours',
    questions: [{ wording: 'How?', options: [{ score: 0, words: 'No' }, { score: 1, words: 'Yes' }] }],
  });
  assert.equal(measureValues({ name: 'A', licence_note: 'B', questions: [{ wording: 'Q', options: [{ score: 1, words: 'x' }] }] }).questions[0].options, '1 x');
});
