// A copy of someone's data (issue 15): its state in words, calm polling, and the coordinators' checks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  dayWords,
  decisionWords,
  latestCopy,
  nextPoll,
  reviewCount,
  stateWords,
  validateDecision,
  validateMemberCopy,
} from '../src/screens/shared/export-logic.js';

const errors = (found) => Object.fromEntries(Object.entries(found).filter(([, message]) => message));

test('the newest copy is shown, and a copy being made is looked at again calmly', () => {
  assert.equal(latestCopy([]), null);
  assert.equal(latestCopy([{ id: 'b' }, { id: 'a' }]).id, 'b');
  assert.equal(nextPoll(null), null);
  assert.equal(nextPoll({ state: 'ready' }), null);
  assert.equal(nextPoll({ state: 'pending' }, 0), 3000);
  assert.equal(nextPoll({ state: 'pending' }, 3), 9000);
  assert.equal(nextPoll({ state: 'pending' }, 100), 15000);
});

test('a copy says where it stands in plain words, its last day in the reader\'s time zone', () => {
  assert.equal(stateWords({ state: 'pending' }), 'Being prepared');
  // 23:30 UTC on 12 December is already the 13th in Auckland.
  const copy = { state: 'ready', expires_at: '2026-12-12T23:30:00Z' };
  assert.equal(stateWords(copy, 'Europe/London'), 'Ready to download until 12 December 2026');
  assert.equal(dayWords(copy.expires_at, 'Pacific/Auckland'), '13 December 2026');
  assert.equal(stateWords({ state: 'expired' }), 'No longer available');
  assert.equal(stateWords({ state: 'failed' }), 'Could not be made');
  assert.equal(reviewCount(0), '');
  assert.equal(reviewCount(1), '1 record to review');
  assert.equal(reviewCount(2), '2 records to review');
});

test('a member\'s copy needs whom, the identity check and how it was done', () => {
  assert.deepEqual(Object.keys(errors(validateMemberCopy({}))), ['membership_id', 'identity_checked', 'identity_note']);
  const good = { membership_id: 'm', identity_checked: true, identity_note: 'Rang back on the number we hold' };
  assert.deepEqual(errors(validateMemberCopy(good)), {});
  assert.deepEqual(Object.keys(errors(validateMemberCopy({ ...good, identity_note: 'x'.repeat(301) }))), ['identity_note']);
});

test('withholding a record needs a reason; releasing does not; nothing is chosen for the coordinator', () => {
  assert.deepEqual(Object.keys(errors(validateDecision('', ''))), ['decision']);
  assert.deepEqual(errors(validateDecision('released', '')), {});
  assert.deepEqual(Object.keys(errors(validateDecision('withheld', '  '))), ['reason']);
  assert.deepEqual(errors(validateDecision('withheld', 'Would put someone at risk')), {});
  assert.deepEqual(Object.keys(errors(validateDecision('withheld', 'x'.repeat(501)))), ['reason']);
  assert.equal(decisionWords({ decision: 'pending' }), 'Waiting for a decision');
  assert.equal(decisionWords({ decision: 'released' }), 'Released to them');
});
