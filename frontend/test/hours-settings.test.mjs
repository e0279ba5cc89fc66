// Volunteer hours and settings (issue 16): hours in words, the log-time form's checks, the certificate's
// period, and the settings screen's checks, crisis line moves and "Changed by … on …".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  countedWords,
  dayWords,
  hoursAndMinutes,
  minutesOf,
  monthWords,
  periodWords,
  timeBody,
  validateTime,
} from '../src/screens/shared/hours-logic.js';
import {
  changeDetails,
  changeWords,
  crisisLineField,
  crisisLinesBody,
  LADDER,
  lastChanged,
  moveLine,
  numbersOf,
  validateCrisisLines,
  validateNumbers,
} from '../src/screens/coordinator/settings-logic.js';

test('minutes read as hours and minutes', () => {
  assert.equal(hoursAndMinutes(0), '0 minutes');
  assert.equal(hoursAndMinutes(45), '45 minutes');
  assert.equal(hoursAndMinutes(60), '1 hour');
  assert.equal(hoursAndMinutes(61), '1 hour 1 minute');
  assert.equal(hoursAndMinutes(135), '2 hours 15 minutes');
  assert.equal(monthWords('2026-03'), 'March 2026');
  assert.equal(dayWords('2026-12-03'), '3 December 2026');
  assert.equal(periodWords('2026-01-01', '2026-03-31'), 'from 1 January 2026 to 31 March 2026');
  assert.equal(periodWords('2026-01-01', '2026-01-01'), 'on 1 January 2026');
  assert.match(countedWords(10), /10 minutes for each check-in/);
  assert.match(countedWords(0), /only the time you log/);
});

test('the log-time form checks what the API checks and sends minutes', () => {
  const today = '2026-03-02';
  assert.deepEqual(validateTime({ given_on: today, hours: '1', minutes: '30' }, today), {});
  assert.equal(minutesOf({ hours: '1', minutes: '30' }), 90);
  assert.equal(minutesOf({ hours: '', minutes: '45' }), 45);
  assert.equal(minutesOf({ hours: 'one', minutes: '' }), null);
  assert.deepEqual(Object.keys(validateTime({ given_on: '2026-03-03', hours: '1' }, today)), ['given_on']);
  assert.deepEqual(Object.keys(validateTime({ given_on: '', hours: '1' }, today)), ['given_on']);
  assert.deepEqual(Object.keys(validateTime({ given_on: today, hours: '', minutes: '' }, today)), ['minutes']);
  assert.deepEqual(Object.keys(validateTime({ given_on: today, hours: '12', minutes: '1' }, today)), ['minutes']);
  assert.deepEqual(Object.keys(validateTime({ given_on: today, hours: '12', minutes: '0' }, today)), []);
  assert.deepEqual(Object.keys(validateTime({ given_on: today, minutes: '5', note: 'x'.repeat(1001) }, today)), ['note']);
  assert.deepEqual(timeBody({ given_on: today, hours: '2', minutes: '', kind: 'visit', note: '  Tea  ' }), {
    given_on: today,
    minutes: 120,
    kind: 'visit',
    note: 'Tea',
  });
});

test('settings numbers are checked against their limits, naming the setting', () => {
  const values = { ...Object.fromEntries(LADDER.map((s) => [s.key, '24'])), low_score_run: '3' };
  assert.deepEqual(validateNumbers(values, LADDER), { low_score_threshold: 'Low wellbeing score: enter a number from 1 to 4' });
  values.low_score_threshold = '2';
  assert.deepEqual(validateNumbers(values, LADDER), {});
  assert.equal(numbersOf(values, LADDER).nudge_after_hours, 24);
  values.nudge_after_hours = '1.5';
  assert.match(validateNumbers(values, LADDER).nudge_after_hours, /whole number/);
});

test('crisis lines: checked, moved, sent and mapped back from the API', () => {
  const line = { name: 'Samaritans', contact: '116 123', how: 'call', description: '', message: '' };
  const text = { name: 'Shout', contact: '85258', how: 'text', description: '', message: 'SHOUT' };
  assert.deepEqual(validateCrisisLines([line, text]), {});
  assert.deepEqual(Object.keys(validateCrisisLines([])), ['lines']);
  assert.deepEqual(Object.keys(validateCrisisLines([{ ...line, name: ' ', contact: '116;123' }])), [
    'line-0-name',
    'line-0-contact',
  ]);
  assert.deepEqual(moveLine([line, text], 1, -1), [text, line]);
  assert.deepEqual(moveLine([line, text], 0, -1), [line, text]);
  assert.equal(crisisLinesBody([{ ...line, message: 'X' }]).crisis_lines[0].message, '');
  assert.equal(crisisLineField('crisis_lines[1].contact'), 'line-1-contact');
  assert.equal(crisisLineField('crisis_lines.0.name'), 'line-0-name');
  assert.equal(crisisLineField('name'), null);
});

test('each section says who changed it last and when; the history says what', () => {
  const now = new Date('2026-12-07T10:00:00Z');
  const history = [
    { id: '2', at: '2026-12-05T09:00:00Z', by_name: 'Jo Kent', changes: [{ field: 'duty', old: true, new: false }] },
    {
      id: '1',
      at: '2026-12-03T09:00:00Z',
      by_name: 'Morgan Ellis',
      changes: [{ field: 'crisis_lines' }, { field: 'settings.checkins' }],
    },
  ];
  assert.equal(lastChanged(history, 'crisis', now), 'Changed by Morgan Ellis on 3 December');
  assert.equal(lastChanged(history, 'ladder', now), 'Changed by Morgan Ellis on 3 December');
  assert.equal(lastChanged(history, 'safeguarding', now), 'Changed by Jo Kent on 5 December');
  assert.equal(lastChanged(history, 'matching', now), '');
  assert.equal(changeWords(history[0]), 'Jo Kent went off duty');
  assert.equal(changeWords(history[1]), 'Morgan Ellis changed the crisis lines and the check-in timings');
});

test('the history shows what each change was, old to new', () => {
  const change = {
    by_name: 'Morgan Ellis',
    changes: [
      { field: 'settings.checkins', old: { nudge_after_hours: 24, missed_after_hours: 120 }, new: { nudge_after_hours: 36, missed_after_hours: 120 } },
      { field: 'crisis_lines', old: [{ name: 'Samaritans', contact: '116 123' }, { name: '111' }], new: [{ name: 'Samaritans', contact: '116 124' }, { name: 'Shout' }] },
      { field: 'settings.volunteer_minutes_per_reply', old: 0, new: 10 },
      { field: 'settings.young_carers_programme', old: false, new: true },
      { field: 'settings.safeguarding_lead_user_id', old: null, new: 'a-uuid' },
      { field: 'duty', old: true, new: false },
    ],
  };
  assert.deepEqual(changeDetails(change), [
    'Remind the carer after (hours): 24 → 36',
    'Crisis lines: added Shout; took away 111; the details of Samaritans',
    'Minutes each check-in and reply counts: 0 → 10',
    "The young carers' programme: no → yes",
    'A new safeguarding lead was chosen',
  ]);
});
