// The answer link's form rules (issue 14): the scale as the check-in screen words it, a score unless
// "I need help now", the body sent (the note cut to the limit, never blocking help), the due time in words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dueInWords, linkAnswerBody, scaleOptions, validateLinkAnswer } from '../src/screens/shared/answer-link-logic.js';

test('the scale reads as on the check-in screen', () => {
  assert.deepEqual(scaleOptions([{ value: 4, words: 'doing okay' }]), [{ value: '4', label: 'Doing okay (4 out of 5)' }]);
});

test('a score is needed unless help is asked for', () => {
  assert.deepEqual(validateLinkAnswer({ wellbeing: '', note: '' }), { wellbeing: "Choose how you're doing" });
  assert.deepEqual(validateLinkAnswer({ wellbeing: '', note: 'x'.repeat(2000), needs_help: true }), {});
  assert.ok(validateLinkAnswer({ wellbeing: '3', note: 'x'.repeat(1001) }).note);
});

test('the body holds only what was given, the note cut to the limit', () => {
  assert.deepEqual(linkAnswerBody({ wellbeing: '3', note: '  ', wants_call: true, needs_help: false }), {
    wants_call: true,
    needs_help: false,
    wellbeing: 3,
  });
  const body = linkAnswerBody({ wellbeing: '', note: 'y'.repeat(1500), wants_call: false, needs_help: true });
  assert.equal(body.note.length, 1000);
  assert.equal(body.wellbeing, undefined);
});

test('the due time is in the carer’s zone, in words', () => {
  assert.equal(dueInWords('2026-03-02T09:00:00Z', 'Europe/London'), 'Monday 2 March at 9am');
  assert.equal(dueInWords('2026-07-06T18:30:00Z', 'Europe/London'), 'Monday 6 July at 7:30pm');
});
