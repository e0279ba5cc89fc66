// How we reach a person (issue 14): order, moving, switching, what can't be used and why.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { channelRows, chosenWithWords, move, nothingLeftWarning, toggle, unavailableReason } from '../src/screens/shared/channels-logic.js';

const reach = (over = {}) => ({
  push_devices: 0,
  email: 'sam@example.org',
  email_refused: false,
  sms: { available: true, reason: null, phone: '07700 900123', verified: true, stopped: false },
  ...over,
});

test('channels move within the chosen ones and switch on at the end', () => {
  assert.deepEqual(move(['push', 'email'], 'email', -1), ['email', 'push']);
  assert.deepEqual(move(['push', 'email'], 'push', -1), ['push', 'email']);
  assert.deepEqual(toggle(['email'], 'sms', true), ['email', 'sms']);
  assert.deepEqual(toggle(['email', 'sms'], 'email', false), ['sms']);
  assert.deepEqual(channelRows(['email']).map((r) => [r.channel, r.on]), [['email', true], ['push', false], ['sms', false]]);
});

test('texts say plainly why they cannot be used', () => {
  const off = reach({ sms: { available: false, reason: "This centre doesn't send text messages.", phone: null, verified: false, stopped: false } });
  assert.equal(unavailableReason('sms', off), "This centre doesn't send text messages.");
  assert.equal(unavailableReason('sms', reach({ sms: { ...reach().sms, verified: false } })), 'Verify your number first.');
  assert.equal(unavailableReason('sms', reach()), null);
  assert.equal(unavailableReason('email', reach()), null);
});

test('a warning when nothing but the app is left', () => {
  assert.match(nothingLeftWarning([], reach()), /only be in carerlink/);
  assert.match(nothingLeftWarning(['push'], reach()), /None of these can reach you/);
  assert.equal(nothingLeftWarning(['push', 'email'], reach()), null);
  assert.equal(chosenWithWords({ name: 'Morgan', at: '2026-12-03T10:00:00Z' }), 'Chosen with Morgan on 3 December.');
});
