// When a pair checks in: the plan in words, and the form's own checks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clockInWords, parseClock, planInWords, timeHint, validatePlan, zoneInWords } from '../src/screens/carer/plan-logic.js';

test('a plan reads as a sentence with its days, one way of writing the time, and the zone in plain words', () => {
  const plan = { frequency: 'weekly', weekdays: [1, 4], local_time: '19:00', time_zone: 'America/New_York' };
  assert.equal(planInWords(plan), 'Every week on Tuesday and Friday at 7pm, New York time');
  assert.equal(
    planInWords({ ...plan, frequency: 'fortnightly', weekdays: [0, 2, 6], local_time: '10:30', time_zone: 'Europe/London' }),
    'Every other week on Monday, Wednesday and Sunday at 10:30am, UK time',
  );
  assert.equal(planInWords(null), '');
});

test('times are written the GOV.UK way and typed any usual way', () => {
  assert.deepEqual(['19:00', '10:30', '12:00', '00:00', '09:05'].map(clockInWords), ['7pm', '10:30am', 'midday', 'midnight', '9:05am']);
  assert.equal(parseClock('7pm'), '19:00');
  assert.equal(parseClock(' 7.30 PM '), '19:30');
  assert.equal(parseClock('10:30am'), '10:30');
  assert.equal(parseClock('12am'), '00:00');
  assert.equal(parseClock('19:00'), '19:00');
  assert.equal(parseClock('midday'), '12:00');
  for (const wrong of ['7', '25:00', '13pm', '7:75pm', 'evening', '']) assert.equal(parseClock(wrong), null, wrong);
});

test('the hint says "your time" to the carer and whose time to anyone else, never an IANA name', () => {
  assert.equal(zoneInWords('Europe/London'), 'UK time');
  assert.equal(timeHint({ viewerIsCarer: true, timeZone: 'Europe/London' }), 'Your time (UK time), for example 7pm or 10:30am');
  assert.equal(timeHint({ viewerIsCarer: false, carerName: 'Sam', timeZone: 'Europe/London' }), "Sam's time (UK time), for example 7pm or 10:30am");
});

test('the form says what is missing before anything is sent', () => {
  const problems = validatePlan({ frequency: '', weekdays: [], local_time: '7' });
  assert.deepEqual(Object.keys(problems).filter((key) => problems[key]), ['frequency', 'weekdays', 'local_time']);
  const fine = validatePlan({ frequency: 'weekly', weekdays: [3], local_time: '7:30am' });
  assert.deepEqual(Object.values(fine).filter(Boolean), []);
});
