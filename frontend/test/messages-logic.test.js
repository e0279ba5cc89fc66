import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  hasUnread,
  messageProblem,
  muteUntil,
  mutedWords,
  receiptWords,
  threadItems,
  timeWords,
} from '../src/screens/shared/messages-logic.js';

test('a message must have words and at most 2,000 characters', () => {
  assert.equal(messageProblem(''), 'Please write a message');
  assert.equal(messageProblem('  \n '), 'Please write a message');
  assert.match(messageProblem('x'.repeat(2001)), /2,000 characters or fewer/);
  assert.equal(messageProblem('Hello Helen\nHow are you?'), '');
});

test('messages waiting on the phone come after the sent ones, marked as waiting', () => {
  const items = threadItems(
    [{ id: 'a', mine: false, text: 'Hi', sent_at: '2026-03-02T09:00:00Z', read_at: null }],
    [{ key: 'k1', text: 'On my way', at: '2026-03-02T10:00:00Z' }],
  );
  assert.deepEqual(items.map((i) => [i.text, i.mine, i.waiting]), [['Hi', false, false], ['On my way', true, true]]);
  assert.match(receiptWords(items[1], 'Helen'), /Waiting to send/);
});

test('the read receipt names the other person once they read it', () => {
  assert.equal(receiptWords({ mine: true, read_at: null }, 'Helen'), 'Sent');
  assert.equal(receiptWords({ mine: true, read_at: '2026-03-02T10:00:00Z' }, 'Helen'), 'Read by Helen');
  assert.equal(receiptWords({ mine: false, read_at: null }, 'Helen'), '');
});

test('times say today, yesterday or the date', () => {
  const now = new Date(2026, 2, 4, 12, 0);
  assert.match(timeWords(new Date(2026, 2, 4, 9, 5).toISOString(), now), /^Today 09:05$/);
  assert.match(timeWords(new Date(2026, 2, 3, 18, 0).toISOString(), now), /^Yesterday 18:00$/);
  assert.match(timeWords(new Date(2026, 1, 27, 8, 0).toISOString(), now), /27 Feb 08:00/);
});

test('read receipts go only when the other person wrote something unread', () => {
  assert.equal(hasUnread([{ mine: true, read_at: null }]), false);
  assert.equal(hasUnread([{ mine: false, read_at: null }]), true);
  assert.equal(hasUnread([{ mine: false, read_at: 'x' }]), false);
});

test('a mute lasts three days and the buddy is told messages still arrive', () => {
  const now = new Date('2026-03-02T09:00:00Z');
  assert.equal(muteUntil(now), '2026-03-05T09:00:00.000Z');
  assert.match(mutedWords('2026-03-05T09:00:00Z'), /paused until .*Messages still arrive here/);
  assert.equal(mutedWords(null), '');
});
