// Issue 13, a crisis path a coordinator can act on: when and to whom an alert escalates, in the
// organisation's time, and words that stop saying what stopped being true once it is acknowledged.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alertTitle, clockTime, escalationSoon, escalationWords, untilWords } from '../src/screens/coordinator/logic.js';
import { buddyOverview } from '../src/screens/buddy/logic.js';

const open = {
  status: 'open',
  raised_at: '2026-07-01T08:46:00Z',
  escalate_at: '2026-07-01T09:01:00Z',
  escalated_at: null,
  escalates_to: 'safeguarding_lead',
  safeguarding_lead_name: 'Priya Shah',
  time_zone: 'Europe/London',
};

test('times are told in the organisation’s zone (10:01 in London in summer)', () => {
  assert.equal(clockTime('2026-07-01T09:01:00Z', 'Europe/London'), '10:01');
  assert.equal(clockTime('2026-01-01T09:01:00Z', 'Europe/London'), '09:01');
  assert.equal(clockTime(null, 'Europe/London'), '');
});

test('an open alert says when it goes to the lead, by name, or to every coordinator without one', () => {
  assert.equal(escalationWords(open), 'Goes to the safeguarding lead (Priya Shah) at 10:01 if nobody acknowledges it');
  assert.equal(
    escalationWords({ ...open, escalates_to: 'all_coordinators', safeguarding_lead_name: null }),
    'Goes to every coordinator at 10:01 if nobody acknowledges it',
  );
});

test('an escalated alert says where it went; an acknowledged one says nothing of the sort', () => {
  const went = { ...open, escalated_at: '2026-07-01T09:01:10Z' };
  assert.equal(escalationWords(went), 'Went to the safeguarding lead (Priya Shah) at 10:01');
  assert.equal(escalationWords({ ...went, status: 'acknowledged' }), '');
  assert.equal(escalationWords({ ...open, status: 'acknowledged', escalates_to: null }), '');
  assert.equal(escalationSoon({ ...went, status: 'acknowledged' }), '');
});

test('the alert list stops saying "needs help now" once someone has acknowledged it', () => {
  assert.equal(alertTitle('Sam Carer', open), 'Sam Carer needs help now');
  const done = { ...open, status: 'acknowledged', acknowledged_at: '2026-07-01T09:04:00Z', acknowledged_by_name: 'Morgan Ellis' };
  assert.equal(alertTitle('Sam Carer', done), 'Sam Carer asked for help — acknowledged by Morgan at 10:04');
  assert.doesNotMatch(alertTitle('Sam Carer', done), /needs help now/);
});

test('the home block says how long until it escalates', () => {
  const now = new Date('2026-07-01T08:49:00Z').getTime();
  assert.equal(untilWords(open.escalate_at, now), 'in 12 minutes');
  assert.equal(untilWords(open.escalate_at, new Date('2026-07-01T09:00:30Z').getTime()), 'in 1 minute');
  assert.equal(untilWords(open.escalate_at, new Date('2026-07-01T09:02:00Z').getTime()), 'now');
  assert.equal(escalationSoon(open, now), 'Goes to the safeguarding lead (Priya Shah) in 12 minutes (10:01)');
  assert.equal(
    escalationSoon({ ...open, escalates_to: 'all_coordinators', escalated_at: '2026-07-01T09:01:00Z' }, now),
    'Sent to every coordinator at 10:01',
  );
});

test('the buddy reads that a coordinator is dealing with it once acknowledged, and it goes away later', () => {
  const now = new Date('2026-07-01T10:00:00Z').getTime();
  const entry = (data, at = '2026-07-01T08:46:00Z') => ({ id: 'n1', kind: 'buddy_carer_asked_for_help', created_at: at, data });
  const before = buddyOverview({ meId: 'b', notifications: [entry({ carer_name: 'Sam' })], now });
  assert.deepEqual(before.help.map((h) => [h.name, h.acknowledgedBy]), [['Sam', null]]);
  const after = buddyOverview({ meId: 'b', notifications: [entry({ carer_name: 'Sam', acknowledged_by: 'Morgan' })], now });
  assert.deepEqual(after.help.map((h) => [h.name, h.acknowledgedBy]), [['Sam', 'Morgan']]);
  const old = buddyOverview({
    meId: 'b',
    notifications: [entry({ carer_name: 'Sam', acknowledged_by: 'Morgan' }, '2026-06-30T08:00:00Z')],
    now,
  });
  assert.deepEqual(old.help, []);
});
