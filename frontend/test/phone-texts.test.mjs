import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeDigits, textsState } from '../src/screens/shared/phone-texts.js';

test('the texts section says plainly when texts cannot be sent, and otherwise where the number stands', () => {
  assert.equal(textsState(null), 'loading');
  assert.equal(textsState({ texts: 'off', phone: '+447700900123', verified: false }), 'off');
  assert.equal(textsState({ texts: 'not_enabled', phone: '+447700900123', verified: false }), 'not-enabled');
  assert.equal(textsState({ texts: 'available', phone: null, verified: false }), 'no-phone');
  assert.equal(textsState({ texts: 'available', phone: '+447700900123', verified: false }), 'not-verified');
  assert.equal(textsState({ texts: 'available', phone: '+447700900123', verified: true }), 'verified');
  assert.equal(textsState({ texts: 'available', phone: '+447700900123', verified: true, stopped: true }), 'stopped');
});

test('a code keeps only its digits, as typed or pasted', () => {
  assert.equal(codeDigits(' 123 456 '), '123456');
  assert.equal(codeDigits('123-456'), '123456');
  assert.equal(codeDigits(undefined), '');
});
