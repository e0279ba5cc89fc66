// When a pair checks in: the plan in words, and the form's own checks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planInWords, validatePlan } from '../src/screens/checkin-plan-logic.js';

test('a plan reads as a sentence with its days, time and time zone', () => {
  const plan = { frequency: 'weekly', weekdays: [1, 4], local_time: '19:00', time_zone: 'America/New_York' };
  assert.equal(planInWords(plan), 'Every week on Tuesday and Friday at 19:00 (America/New York time)');
  assert.equal(
    planInWords({ ...plan, frequency: 'fortnightly', weekdays: [0, 2, 6] }),
    'Every other week on Monday, Wednesday and Sunday at 19:00 (America/New York time)',
  );
  assert.equal(planInWords(null), '');
});

test('the form says what is missing before anything is sent', () => {
  const problems = validatePlan({ frequency: '', weekdays: [], local_time: '7pm' });
  assert.deepEqual(Object.keys(problems).filter((key) => problems[key]), ['frequency', 'weekdays', 'local_time']);
  const fine = validatePlan({ frequency: 'weekly', weekdays: [3], local_time: '07:30' });
  assert.deepEqual(Object.values(fine).filter(Boolean), []);
});
