// Erasure (issue 15): where a request stands in words (never why it is paused, to the person), what
// erasing removes and keeps, and what a kept safeguarding record says.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { askBody, keptWords, myRequestWords, openRequest, sectionLines, stateWords } from '../src/screens/shared/erasure-logic.js';

test('the waiting request is the newest asked or paused one', () => {
  const requests = [
    { id: 'c', state: 'cancelled' },
    { id: 'p', state: 'paused' },
    { id: 'r', state: 'requested' },
  ];
  assert.equal(openRequest(requests).id, 'p');
  assert.equal(openRequest([{ id: 'd', state: 'done' }]), null);
  assert.equal(openRequest(), null);
});

test('a paused request tells the person only that a coordinator will be in touch', () => {
  const words = myRequestWords({ state: 'paused' });
  assert.match(words, /coordinator will be in touch/);
  assert.doesNotMatch(words, /concern|alert|safeguard|paused/i);
  assert.match(myRequestWords({ state: 'requested' }), /coordinator will check/);
  assert.equal(myRequestWords(null), '');
  assert.equal(stateWords('requested'), 'Waiting to be confirmed');
});

test('sections say what is deleted, kept without a name and kept for safeguarding; empty ones are left out', () => {
  const lines = sectionLines([
    { section: 'checkins', title: 'Check-ins', deleted: 0, anonymised: 3, kept: 0 },
    { section: 'devices', title: 'Devices', deleted: 1, anonymised: 0, kept: 0 },
    { section: 'nothing', title: 'Nothing', deleted: 0, anonymised: 0, kept: 0 },
    { section: 'alerts', title: 'Crisis alerts', deleted: 0, anonymised: 0, kept: 2 },
  ]);
  assert.deepEqual(lines.map((l) => l.text), [
    '3 records kept without their name',
    '2 records kept for safeguarding',
    '1 record deleted',
  ]);
});

test('a kept record says until when, or that its time starts once closed', () => {
  const date = (v) => v.slice(0, 10);
  assert.equal(
    keptWords({ table: 'concerns', raised_at: '2026-01-02T10:00:00Z', kept_until: '2032-02-03T10:00:00Z' }, 6, date),
    'A concern raised 2026-01-02: kept until 2032-02-03',
  );
  assert.equal(keptWords({ table: 'crisis_alerts', kept_until: null }, 6), 'A crisis alert: kept for 6 years after it is closed');
  assert.deepEqual(askBody({ id: 'org-1' }), { organisation_id: 'org-1' });
  assert.deepEqual(askBody(null), {});
});
