// Concerns: the target in words, what stands out on the coordinator's home, and the request key.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATEGORIES, concernsSummary, newRequestKey, targetWords, urgentConcerns } from '../src/screens/shared/concern-logic.js';

test('the time to target is said in minutes, hours or days, before and after it', () => {
  assert.equal(targetWords({ status: 'open', minutes_to_target: 180 }), 'Target in 3 hours');
  assert.equal(targetWords({ status: 'open', minutes_to_target: 14 }), 'Target in 14 minutes');
  assert.equal(targetWords({ status: 'open', minutes_to_target: -240 }), '4 hours past target');
  assert.equal(targetWords({ status: 'open', minutes_to_target: -1 }), '1 minute past target');
  assert.equal(targetWords({ status: 'open', minutes_to_target: 60 * 72 }), 'Target in 3 days');
  assert.equal(targetWords({ status: 'acknowledged', minutes_to_target: -30 }), 'Acknowledged');
});

test('only open concerns at risk now or past target stand out on home', () => {
  const queue = [
    { id: 'a', status: 'open', at_risk_now: true, past_target: false },
    { id: 'b', status: 'open', at_risk_now: false, past_target: true },
    { id: 'c', status: 'open', at_risk_now: false, past_target: false },
    { id: 'd', status: 'acknowledged', at_risk_now: true, past_target: true },
  ];
  assert.deepEqual(urgentConcerns(queue).map((c) => c.id), ['a', 'b']);
});

test('every category has plain words, and the request key fits the Idempotency-Key pattern', () => {
  assert.equal(CATEGORIES.length, 6);
  assert.ok(CATEGORIES.every((c) => c.label && !c.label.includes('_')));
  assert.match(newRequestKey(), /^[A-Za-z0-9_.:-]{8,80}$/);
  assert.notEqual(newRequestKey(), newRequestKey());
});

test("the home card says how many concerns are open and the nearest target", () => {
  assert.equal(concernsSummary([]), 'No open concerns.');
  const waiting = { status: 'open', minutes_to_target: 240 };
  const late = { status: 'open', minutes_to_target: -120 };
  const taken = { status: 'acknowledged', minutes_to_target: -600 };
  assert.equal(concernsSummary([waiting]), '1 open concern (1 not yet acknowledged); target in 4 hours.');
  assert.equal(concernsSummary([waiting, late, taken]), '3 open concerns (2 not yet acknowledged); 2 hours past target.');
  assert.equal(concernsSummary([taken]), '1 open concern, all being handled.');
  assert.equal(concernsSummary([{ status: 'closed', minutes_to_target: 5 }]), 'No open concerns.');
});
