// Debriefs and supervision in words (issue 13): when supervision is due, the most urgent ask to talk
// first, the checks of both forms, and where a buddy's ask stands.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  buddyItemWords,
  byUrgency,
  dueSoon,
  dueWords,
  isBuddyItem,
  sessionKindWords,
  validateSession,
} from '../src/screens/coordinator/supervision-logic.js';
import { homeWords, latestToShow, talkStatus, validateTalk } from '../src/screens/buddy/talk-logic.js';

const errors = (found) => Object.fromEntries(Object.entries(found).filter(([, message]) => message));

test('supervision due and overdue in words, in days then weeks', () => {
  const today = '2026-03-02';
  assert.equal(dueWords('2026-03-23', today), 'Due in 3 weeks');
  assert.equal(dueWords('2026-03-02', today), 'Due today');
  assert.equal(dueWords('2026-03-03', today), 'Due tomorrow');
  assert.equal(dueWords('2026-03-07', today), 'Due in 5 days');
  assert.equal(dueWords('2026-03-01', today), 'Overdue by 1 day');
  assert.equal(dueWords('2026-02-16', today), 'Overdue by 2 weeks');
  assert.equal(dueWords('2026-02-20', today), 'Overdue by 10 days');
  assert.equal(dueWords(null, today), '');
  assert.equal(dueSoon('2026-03-10', today), true);
  assert.equal(dueSoon('2026-04-10', today), false);
  assert.equal(dueSoon('2026-02-10', today), false); // overdue is more than "soon"
});

test('asks to talk: today first, then this week, then whenever; the oldest first within each', () => {
  const items = [
    { id: 'a', urgency: 'whenever', at: '2026-03-01T09:00:00Z' },
    { id: 'b', urgency: 'this_week', at: '2026-03-02T09:00:00Z' },
    { id: 'c', urgency: 'today', at: '2026-03-02T10:00:00Z' },
    { id: 'd', urgency: 'today', at: '2026-03-02T08:00:00Z' },
  ];
  assert.deepEqual(byUrgency(items).map((i) => i.id), ['d', 'c', 'b', 'a']);
  assert.equal(isBuddyItem({ reason: 'debrief_requested' }), true);
  assert.equal(isBuddyItem({ reason: 'missed' }), false);
  assert.equal(buddyItemWords({ reason: 'debrief_requested', buddy_name: 'Helen Wright' }), 'Helen would like to talk something through.');
  assert.equal(buddyItemWords({ reason: 'supervision_overdue', buddy_name: 'Tom Okafor' }), "Tom's supervision is overdue.");
  assert.equal(sessionKindWords('group_supervision'), 'Group supervision');
});

test('recording a session: every field checked, in plain words', () => {
  const today = '2026-03-02';
  assert.deepEqual(Object.keys(errors(validateSession({ kind: '', held_on: '', duration_minutes: '', notes: '' }, today))), [
    'kind',
    'held_on',
    'duration_minutes',
  ]);
  const good = { kind: 'supervision', held_on: today, duration_minutes: '60', notes: '' };
  assert.deepEqual(errors(validateSession(good, today)), {});
  assert.match(errors(validateSession({ ...good, held_on: '2026-03-03' }, today)).held_on, /future/);
  assert.match(errors(validateSession({ ...good, duration_minutes: '4' }, today)).duration_minutes, /between 5 and 480/);
  assert.match(errors(validateSession({ ...good, duration_minutes: 'an hour' }, today)).duration_minutes, /between 5 and 480/);
  assert.ok(errors(validateSession({ ...good, notes: 'x'.repeat(4001) }, today)).notes);
});

test("a buddy's ask: how soon is needed, and its status names who took it up and when", () => {
  assert.deepEqual(Object.keys(errors(validateTalk({ urgency: '', note: '' }))), ['urgency']);
  assert.ok(errors(validateTalk({ urgency: 'today', note: 'x'.repeat(2001) })).note);
  assert.deepEqual(errors(validateTalk({ urgency: 'today', note: '' })), {});
  assert.equal(talkStatus({ taken_up_at: null }), 'Waiting for a coordinator. They will be in touch.');
  assert.equal(
    talkStatus({ taken_up_at: '2026-03-03T14:05:00Z', taken_up_by_name: 'Morgan Ellis' }, { zone: 'Europe/London' }),
    'Morgan took this up on Tuesday 3 March at 14:05.',
  );
  assert.equal(
    homeWords({ asked_at: '2026-03-02T10:30:00Z', taken_up_at: null }, { zone: 'Europe/London' }),
    'You asked to talk on Monday 2 March at 10:30. A coordinator will be in touch.',
  );
  const now = Date.parse('2026-03-20T12:00:00Z');
  const old = { id: 'old', taken_up_at: '2026-03-01T12:00:00Z' };
  const recent = { id: 'recent', taken_up_at: '2026-03-19T12:00:00Z' };
  const open = { id: 'open', taken_up_at: null };
  assert.equal(latestToShow([recent, open], now).id, 'open');
  assert.equal(latestToShow([recent, old], now).id, 'recent');
  assert.equal(latestToShow([old], now), null);
  assert.equal(latestToShow(null, now), null);
});
