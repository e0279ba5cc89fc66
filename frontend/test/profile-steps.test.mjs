// The stepped profile form (issue 16): step labels, one step's problems, Continue/Back/Change, the
// answers kept for a reload, "filled in with you", and the spoken consent a coordinator records.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkSections,
  clearDraft,
  consentChoice,
  consentHow,
  consentRow,
  enteredWithYou,
  loadDraft,
  mergeDraft,
  nextStep,
  previousStep,
  saveDraft,
  stepErrors,
  stepLabel,
  stepOfFields,
} from '../src/screens/shared/profile-steps-logic.js';

const STEPS = [
  { key: 'a', title: 'About you', fields: ['name', 'age'], rows: ['name', 'age'] },
  { key: 'b', title: 'Their needs', fields: ['needs'], rows: ['needs', 'missing'] },
  { key: 'c', title: 'Anything else', fields: ['note'], rows: [] },
];

function memoryStorage() {
  const kept = new Map();
  return {
    getItem: (key) => (kept.has(key) ? kept.get(key) : null),
    setItem: (key, value) => kept.set(key, String(value)),
    removeItem: (key) => kept.delete(key),
  };
}

test('a step says where the person is', () => {
  assert.equal(stepLabel(1, 6), 'Step 2 of 6');
});

test("a step checks only its own questions, in the step's order", () => {
  const errors = { needs: 'Select one', age: 'Enter your age', name: 'Enter your name' };
  assert.deepEqual(Object.keys(stepErrors(errors, STEPS[0])), ['name', 'age']);
  assert.deepEqual(stepErrors(errors, STEPS[2]), {});
});

test('an error from the server takes the person to the step that asks it', () => {
  assert.equal(stepOfFields(STEPS, ['note', 'needs']), 1);
  assert.equal(stepOfFields(STEPS, ['unknown']), -1);
});

test('Continue goes on, then to "Check your answers"; after a Change link, straight back there', () => {
  assert.equal(nextStep(0, 3), 1);
  assert.equal(nextStep(2, 3), 3);
  assert.equal(nextStep(0, 3, { returning: true }), 3);
  assert.equal(previousStep(1), 0);
  assert.equal(previousStep(0), -1);
});

test('"Check your answers" groups the answers by step and leaves out empty steps', () => {
  const rows = [
    { key: 'age', label: 'Age', lines: ['40'] },
    { key: 'name', label: 'Name', lines: ['Ann'] },
    { key: 'needs', label: 'Needs', lines: [] },
  ];
  const sections = checkSections(STEPS, rows);
  assert.deepEqual(
    sections.map((s) => [s.index, s.title, s.rows.map((r) => r.key)]),
    [
      [0, 'About you', ['name', 'age']],
      [1, 'Their needs', ['needs']],
    ],
  );
});

test('answers are kept for a reload, only against the profile they were started from', () => {
  const storage = memoryStorage();
  saveDraft(storage, 'k', '2026-12-01T10:00:00Z', { name: 'Ann', age: ['x'] }, 2);
  assert.deepEqual(loadDraft(storage, 'k', '2026-12-01T10:00:00Z'), { values: { name: 'Ann', age: ['x'] }, step: 2 });
  assert.equal(loadDraft(storage, 'k', '2026-12-02T10:00:00Z'), null); // changed since: the saved profile wins
  clearDraft(storage, 'k');
  assert.equal(loadDraft(storage, 'k', '2026-12-01T10:00:00Z'), null);
  storage.setItem('bad', '{not json');
  assert.equal(loadDraft(storage, 'bad', null), null);
  assert.equal(loadDraft(null, 'k', null), null);
});

test('a draft only fills in known answers of the right kind', () => {
  const initial = { name: '', needs: [], age: '' };
  assert.deepEqual(mergeDraft(initial, { name: 'Ann', needs: 'oops', other: 1, age: 3 }), { name: 'Ann', needs: [], age: '' });
});

test('the person sees who filled their profile in with them, and when', () => {
  const profile = { entered_by_name: 'Morgan Ellis', entered_at: '2026-12-03T10:00:00Z' };
  assert.equal(
    enteredWithYou(profile, { timeZone: 'Europe/London' }),
    'Morgan filled this in with you on 3 December 2026. You can change any of it.',
  );
  assert.equal(enteredWithYou({ entered_by_name: null, entered_at: null }), null);
});

test('the spoken consent records the version read out, only when they agreed now', () => {
  const consent = { agreed: false, version: 'health-data-2026-11' };
  assert.deepEqual(consentChoice({ health_agreed: 'yes' }, consent), { version: 'health-data-2026-11', agreed: true });
  assert.equal(consentChoice({ health_agreed: 'no' }, consent), null);
  assert.equal(consentChoice({ health_agreed: 'yes' }, { ...consent, agreed: true }), null);
  assert.match(consentRow({ health_agreed: 'yes' }, consent).lines[0], /version health-data-2026-11/);
  assert.match(consentRow({ health_agreed: 'no' }, consent).lines[0], /didn't agree/);
});

test('every question of the profile forms is on exactly one step; a coordinator never asks a buddy their age', async () => {
  const { carerProfileSteps, CARER_STEP_FIELDS } = await import('../src/screens/shared/profile-carer-steps.js');
  const { buddyProfileSteps } = await import('../src/screens/shared/profile-buddy-steps.js');
  const { BUDDY_PROFILE_FIELDS } = await import('../src/screens/shared/profile-buddy-logic.js');
  const consent = { agreed: false, version: 'v1', text: 'words' };
  const carer = carerProfileSteps({ saved: null, consent }).steps.flatMap((s) => s.fields);
  assert.deepEqual([...carer].sort(), [...CARER_STEP_FIELDS].sort());
  const buddy = buddyProfileSteps({ saved: null, consent }).steps;
  assert.deepEqual(buddy.flatMap((s) => s.fields).sort(), [...BUDDY_PROFILE_FIELDS, 'health_agreed'].sort());
  assert.ok(buddy.every((s) => s.fields.length <= 6));
  const withThem = buddyProfileSteps({ saved: null, consent, withThem: true });
  const fields = withThem.steps.flatMap((s) => s.fields);
  assert.ok(!fields.includes('confirmed_adult') && !fields.includes('capacity'));
  const problems = withThem.validate(withThem.initial);
  assert.ok(!('confirmed_adult' in problems));
  assert.equal(problems.health_agreed, 'Select whether they agreed to the centre keeping health information');
  const body = withThem.body({ ...withThem.initial, health_agreed: 'yes', needs: ['dementia'], years_caring: '2' });
  assert.deepEqual(body.health_consent, { version: 'v1', agreed: true });
  assert.deepEqual(body.needs, ['dementia']);
  assert.ok(!('confirmed_adult' in body) && !('capacity' in body));
});

test('how a health-data consent was given and who took it, to the person and to a coordinator', () => {
  const imported = {
    agreed: true,
    given_at: '2025-05-20T12:00:00Z',
    method: 'imported',
    taken_by_name: 'Jo Bloggs',
    recorded_by_name: 'Morgan Ellis',
  };
  assert.equal(
    consentHow(imported, { you: true, timeZone: 'Europe/London' }),
    'You agreed on 20 May 2025, before you joined carerlink. Taken by Jo, recorded here by Morgan.',
  );
  assert.equal(consentHow(imported), 'Taken by Jo Bloggs, recorded by Morgan Ellis.');
  const verbal = { ...imported, method: 'verbal', taken_by_name: null, given_at: '2026-12-03T10:00:00Z' };
  assert.equal(
    consentHow(verbal, { you: true, timeZone: 'Europe/London' }),
    'You agreed on 3 December 2026, when Morgan read you the words.',
  );
  assert.equal(consentHow(verbal), 'Recorded by Morgan Ellis.');
  const inApp = { agreed: true, given_at: '2026-12-03T10:00:00Z', method: 'in_app', recorded_by_name: null };
  assert.equal(consentHow(inApp, { you: true, timeZone: 'Europe/London' }), 'You agreed in the app on 3 December 2026.');
  assert.equal(consentHow(inApp), null); // the coordinator's sentence already says "in the app"
  // Brought in before names were kept with the consent: no name is made up.
  assert.equal(
    consentHow({ ...imported, taken_by_name: null }, { you: true, timeZone: 'Europe/London' }),
    'You agreed on 20 May 2025, before you joined carerlink.',
  );
  assert.equal(consentHow({ ...imported, taken_by_name: null }), null);
  assert.equal(consentHow({ agreed: false, given_at: null, version: 'health-data-2026-11' }, { you: true }), null);
});
