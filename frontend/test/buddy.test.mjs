// The buddy screens' rules: the overview from the API's lists, the reply form's checks, quiet hours as
// people type them, screening reasons in the buddy's own words, and deep links kept inside the app.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  buddyOverview,
  charactersLeft,
  formatDay,
  isoToday,
  nextCheckinText,
  pauseWords,
  replyBody,
  screeningReason,
  validatePauseEnd,
  validateReply,
  wellbeingWords,
} from '../src/screens/buddy/logic.js';
import { appPath, normaliseTime, parseQuietHours, timeAgo } from '../src/screens/shared/logic.js';

const HELEN = 'u-helen';
const person = (id, name) => ({ membership_id: `m-${id}`, user_id: id, display_name: name });

function match(id, status, carer, buddy = person(HELEN, 'Helen Wright')) {
  return { id, status, carer, buddy, proposed_at: '2025-05-01T10:00:00Z', activated_at: null, closed_at: null };
}

test('the overview lists my carers by first name, my introductions, and answers waiting for my reply', () => {
  const matches = [
    // The API counts the carer's messages I haven't read (issue 18); a server without it counts none.
    { ...match('m1', 'active', person('u-sam', 'Sam Clarke')), unread_messages: 2 },
    match('m2', 'proposed', person('u-alex', 'Alex Turner')),
    match('m3', 'paused', person('u-jo', 'Jo Bloggs')),
    match('m4', 'ended', person('u-old', 'Old Carer')),
    // The same person as a carer with another buddy: not one of "my carers".
    match('m5', 'active', person(HELEN, 'Helen Wright'), person('u-priya', 'Priya Shah')),
  ];
  const awaiting = [
    { id: 'c2', match_id: 'm1', state: 'answered', answered_at: '2025-05-08T10:00:00Z', due_at: '2025-05-08T09:00:00Z' },
    { id: 'c1', match_id: 'm1', state: 'answered', answered_at: '2025-05-01T10:00:00Z', due_at: '2025-05-01T09:00:00Z' },
    { id: 'c9', match_id: 'gone', state: 'answered', answered_at: '2025-05-09T10:00:00Z', due_at: '2025-05-09T09:00:00Z' },
    { id: 'c3', match_id: 'm1', state: 'replied', answered_at: '2025-05-02T10:00:00Z', due_at: '2025-05-02T09:00:00Z' },
  ];
  const overview = buddyOverview({ meId: HELEN, matches, awaiting });
  assert.deepEqual(overview.carers, [
    { matchId: 'm1', carerUserId: 'u-sam', name: 'Sam', paused: false, phone: null, unread: 2 },
    { matchId: 'm3', carerUserId: 'u-jo', name: 'Jo', paused: true, phone: null, unread: 0 },
  ]);
  assert.deepEqual(overview.proposals.map((p) => [p.matchId, p.name, p.saidYes]), [['m2', 'Alex', false]]);
  // An introduction I said yes to waits for the carer; one I said no to is gone from my overview.
  const answered = buddyOverview({
    meId: HELEN,
    matches: [
      { ...match('m6', 'proposed', person('u-kim', 'Kim Lee')), my_decision: 'accepted' },
      { ...match('m7', 'proposed', person('u-ola', 'Ola Nowak')), my_decision: 'declined' },
    ],
  });
  assert.deepEqual(answered.proposals.map((p) => [p.matchId, p.saidYes]), [['m6', true]]);
  // Oldest first: the one that has waited longest is read first.
  assert.deepEqual(overview.waiting.map((c) => [c.id, c.carerName]), [['c1', 'Sam'], ['c2', 'Sam'], ['c9', 'Your carer']]);
});

test('a carer who asked for help in the last day shows; older alerts and other kinds do not', () => {
  const now = Date.parse('2025-05-10T12:00:00Z');
  const notifications = [
    { id: 'n1', kind: 'buddy_carer_asked_for_help', data: { carer_name: 'Sam' }, created_at: '2025-05-10T11:00:00Z' },
    { id: 'n2', kind: 'buddy_carer_asked_for_help', data: { carer_name: 'Jo' }, created_at: '2025-05-08T11:00:00Z' },
    { id: 'n3', kind: 'buddy_new_answer', data: { carer_name: 'Sam' }, created_at: '2025-05-10T11:30:00Z' },
  ];
  const { help } = buddyOverview({ meId: HELEN, notifications, now });
  assert.deepEqual(help.map((h) => h.name), ['Sam']);
});

test("the next check-in is the first one to come, or the open one the carer hasn't answered", () => {
  assert.equal(nextCheckinText([], 'Sam'), 'No check-ins planned at the moment.');
  assert.equal(
    nextCheckinText([{ state: 'open', due_at: '2025-05-10T09:00:00Z' }], 'Sam'),
    'A check-in is open now: waiting for Sam to answer.',
  );
  assert.match(nextCheckinText([{ state: 'scheduled', due_at: '2025-05-13T09:00:00Z' }], 'Sam'), /^Next check-in: Tuesday 13 May at \d\d:00\.$/);
});

test('the reply form: a way to reply is needed, a message needs words, and at most 2,000 characters', () => {
  assert.deepEqual(validateReply({ kind: '', message: '' }, 'Sam'), { kind: 'Choose how you want to reply' });
  assert.deepEqual(validateReply({ kind: 'message', message: '   ' }, 'Sam'), { message: 'Write your message to Sam' });
  assert.deepEqual(validateReply({ kind: 'message', message: 'x'.repeat(2000) }, 'Sam'), {});
  assert.deepEqual(validateReply({ kind: 'message', message: 'x'.repeat(2001) }, 'Sam'), {
    message: 'Your message must be 2,000 characters or fewer',
  });
  assert.deepEqual(validateReply({ kind: 'we_spoke', message: '' }, 'Sam'), {});
  assert.deepEqual(replyBody({ kind: 'message', message: '  See you Thursday  ' }), { kind: 'message', message: 'See you Thursday' });
  assert.deepEqual(replyBody({ kind: 'we_spoke', message: 'left over from before' }), { kind: 'we_spoke' });
  assert.equal(charactersLeft('x'.repeat(1999)), 'You have 1 character remaining');
  assert.equal(charactersLeft('x'.repeat(2003)), 'You have 3 characters too many');
  assert.equal(charactersLeft(''), 'You have 2,000 characters remaining');
});

test('quiet hours are read as people type them; half-filled or equal times are errors', () => {
  assert.equal(normaliseTime('9:30'), '09:30');
  assert.equal(normaliseTime('2130'), '21:30');
  assert.equal(normaliseTime('21.30'), '21:30');
  assert.equal(normaliseTime('7'), '07:00');
  assert.equal(normaliseTime('24:00'), null);
  assert.equal(normaliseTime('10pm'), null);
  assert.deepEqual(parseQuietHours('', ''), { quietHours: null, errors: {} });
  assert.deepEqual(parseQuietHours('22:00', '7:00'), { quietHours: { start: '22:00', end: '07:00' }, errors: {} });
  assert.deepEqual(Object.keys(parseQuietHours('22:00', '').errors), ['quiet_end']);
  assert.deepEqual(Object.keys(parseQuietHours('25:00', '07:00').errors), ['quiet_start']);
  const same = parseQuietHours('21:00', '2100', { startField: 'a', endField: 'b' });
  assert.equal(same.quietHours, null);
  assert.match(same.errors.b, /different time/);
});

test("screening reasons speak to the buddy; an unknown reason keeps the API's words", () => {
  assert.equal(
    screeningReason({ code: 'training_missing', message: 'Required training not done: Safeguarding adults.' }),
    'You still need to do the Safeguarding adults training.',
  );
  assert.equal(screeningReason({ code: 'paused', message: 'The buddy has paused new matches.' }), "You've paused new matches.");
  assert.equal(screeningReason({ code: 'something_new', message: 'A new rule.' }), 'A new rule.');
});

test('wellbeing in words, deep links only inside the app, and times in words', () => {
  assert.equal(wellbeingWords({ wellbeing: 3, wellbeing_words: 'getting by' }), 'Getting by');
  assert.equal(wellbeingWords({ wellbeing: 2, wellbeing_words: null }), 'Finding it hard');
  // "I'd like to talk" with only "I need help now" comes without a score (issue 10).
  assert.equal(wellbeingWords({ wellbeing: null, wellbeing_words: null }, 'Sam'), "Sam didn't give a score");
  assert.equal(appPath('/buddy/checkins/1'), '/buddy/checkins/1');
  assert.equal(appPath('//evil.example/x'), null);
  assert.equal(appPath('https://evil.example/x'), null);
  assert.equal(appPath('/\\evil.example'), null);
  const now = Date.parse('2025-05-10T12:00:00Z');
  assert.equal(timeAgo('2025-05-10T11:59:50Z', now), 'just now');
  assert.equal(timeAgo('2025-05-10T11:55:00Z', now), '5 minutes ago');
  assert.equal(timeAgo('2025-05-10T09:00:00Z', now), '3 hours ago');
  assert.equal(timeAgo('2025-05-09T09:00:00Z', now), 'yesterday');
  assert.equal(timeAgo('2025-05-01T09:00:00Z', now), '1 May 2025');
});

test('a pause reads with the day it ends, or until I resume, and is not shown once it no longer holds', () => {
  const now = new Date('2026-12-06T12:00:00Z');
  assert.equal(formatDay('2027-01-02', now), 'Saturday 2 January');
  assert.equal(formatDay('2027-12-24', now), 'Friday 24 December 2027'); // far off: with the year
  assert.equal(
    pauseWords({ paused: true, paused_until: '2027-01-02' }, now),
    "You're paused until Saturday 2 January. The centre won't introduce you to new carers until then. The carers you support now still have you as their buddy.",
  );
  assert.match(pauseWords({ paused: true, paused_until: null }, now), /^You're paused until you resume:/);
  // The API's "paused" is whether the pause holds today: after its day, nothing is said.
  assert.equal(pauseWords({ paused: false, paused_until: null }, now), null);
  assert.equal(
    screeningReason({ code: 'paused', message: '' }, { pausedUntil: '2027-01-02' }),
    `You've paused new matches until ${formatDay('2027-01-02')}.`,
  );
});

test('"Until when?" may be empty, and a date must be after today', () => {
  assert.equal(isoToday(new Date(2026, 11, 6, 23, 30)), '2026-12-06');
  assert.equal(validatePauseEnd('', '2026-12-06'), null);
  assert.equal(validatePauseEnd('2026-12-07', '2026-12-06'), null);
  assert.equal(validatePauseEnd('2026-12-06', '2026-12-06'), "The date you're paused until must be after today");
  assert.equal(validatePauseEnd('2026-11-30', '2026-12-06'), "The date you're paused until must be after today");
  assert.match(validatePauseEnd('3rd', '2026-12-06'), /^Enter the date/);
});
