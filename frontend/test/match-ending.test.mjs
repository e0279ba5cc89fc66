// Endings that are handled (issue 10 §3): what ending sends, which home card an ending leaves, the
// words of an ask for a break or a different buddy, and how the coordinators' list names each ask.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  askWords,
  buddyEndReasons,
  carerEndReasons,
  endBody,
  endedCard,
  endedCopies,
  endedForFeedback,
  validateEnd,
} from '../src/screens/shared/match-ending-logic.js';
import { attentionWords, isAsk } from '../src/screens/coordinator/logic.js';

test('the carer ending a match says whether they want another buddy; a buddy is never asked', () => {
  assert.deepEqual(endBody({ reason: 'caring_ended', rematch: 'no', feedback: ' Thanks ' }, 'carer'), {
    reason: 'caring_ended',
    feedback: 'Thanks',
    wants_rematch: false,
  });
  assert.deepEqual(endBody({ reason: 'lost_contact', rematch: '', feedback: '' }, 'buddy'), {
    reason: 'lost_contact',
    feedback: '',
  });
  assert.ok(validateEnd({ reason: 'goals_met', rematch: '' }, 'carer').rematch);
  assert.ok(!validateEnd({ reason: 'goals_met', rematch: '' }, 'buddy').rematch);
  assert.ok(validateEnd({ reason: '', rematch: 'yes' }, 'carer').reason);
  // nobody ends a match "for safeguarding" themselves: that is the coordinators' to record
  for (const reasons of [carerEndReasons(), buddyEndReasons('Sam Clarke')]) {
    assert.ok(!reasons.some((r) => r.value === 'safeguarding'));
  }
  assert.ok(buddyEndReasons('Sam Clarke').some((r) => r.label === "I'd like to stop supporting Sam"));
});

test("the carer's home asks about another buddy until they answer, and for feedback until given", () => {
  const last = { match_id: 'm1', buddy_name: 'Priya', ending_words: 'The match has ended.', wants_rematch: null, feedback_given: false };
  const asked = endedCard({ state: 'waiting', last_ending: last });
  assert.equal(asked.title, 'Your match with Priya has ended');
  assert.equal(asked.ask, true);
  assert.equal(asked.feedback, true);
  assert.equal(endedCard({ state: 'waiting', last_ending: { ...last, wants_rematch: true, feedback_given: true } }), null);
  const saidNo = endedCard({ state: 'ended', last_ending: { ...last, wants_rematch: false, feedback_given: true } });
  assert.equal(saidNo.ask, false);
  assert.equal(saidNo.askAgain, true); // they can still ask for a buddy later
  assert.equal(endedCard({ state: 'waiting', last_ending: null }), null);
});

test('after an ending the carer keeps a link to their copy of the messages; a former buddy has none', () => {
  const me = 'u-sam';
  const person = (id, name) => ({ user_id: id, display_name: name });
  const last = { match_id: 'm1', buddy_name: 'Helen Wright', wants_rematch: true, feedback_given: true };
  // The card is gone once everything is answered: the link stays (home lists it).
  assert.equal(endedCard({ state: 'waiting', last_ending: last }), null);
  const matches = [
    { id: 'm3', status: 'active', carer: person(me, 'Sam Clarke'), buddy: person('u-ruth', 'Ruth Jones') },
    { id: 'm1', status: 'ended', carer: person(me, 'Sam Clarke'), buddy: person('u-helen', 'Helen Wright') },
    { id: 'm2', status: 'ended', carer: person(me, 'Sam Clarke'), buddy: person('u-priya', 'Priya Shah') },
    // Where I was the buddy: my copy ended with the match.
    { id: 'm4', status: 'ended', carer: person('u-jo', 'Jo Bloggs'), buddy: person(me, 'Sam Clarke') },
  ];
  assert.deepEqual(endedCopies({ state: 'matched', last_ending: last }, matches, me), [
    { matchId: 'm1', name: 'Helen' },
    { matchId: 'm2', name: 'Priya' },
  ]);
  assert.deepEqual(endedCopies({ state: 'waiting', last_ending: null }, null, me), []);
  assert.equal(endedCard({ state: 'ended', last_ending: { ...last, wants_rematch: null } }).name, 'Helen');
});

test('asks say what happens next, and the buddy asks on the carer’s behalf', () => {
  assert.equal(askWords('break', 'carer', 'Priya Shah').question, 'Ask the centre for a break from your check-ins with Priya?');
  assert.match(askWords('break', 'carer', 'Priya Shah').explain, /Nothing changes until then/);
  assert.equal(askWords('different_buddy', 'carer', 'Priya Shah').button, 'Ask for a different buddy');
  assert.equal(askWords('different_buddy', 'buddy', 'Sam Clarke').button, 'Ask the centre to find Sam a different buddy');
});

test('the coordinators’ list names who asked for what', () => {
  const ask = { reason: 'asked_for_break', asked_by: 'buddy', carer_name: 'Sam Clarke', buddy_name: 'Helen Wright' };
  assert.ok(isAsk(ask));
  assert.equal(attentionWords(ask), 'Helen asked for a break from the match between Sam and Helen.');
  assert.equal(
    attentionWords({ ...ask, reason: 'asked_for_different_buddy', asked_by: 'carer' }),
    'Sam asked for a different buddy instead of Helen.',
  );
  assert.ok(!isAsk({ reason: 'missed' }));
});

test('a buddy is asked for feedback on their own ended matches only', () => {
  const matches = [
    { id: 'a', status: 'ended', buddy: { user_id: 'me' }, my_feedback_given: false },
    { id: 'b', status: 'ended', buddy: { user_id: 'me' }, my_feedback_given: true },
    { id: 'c', status: 'ended', buddy: { user_id: 'someone' }, my_feedback_given: false },
    { id: 'd', status: 'active', buddy: { user_id: 'me' } },
  ];
  assert.deepEqual(endedForFeedback(matches, 'me').map((m) => m.id), ['a']);
});
