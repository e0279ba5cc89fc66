// Bringing records in (issue 16): counts, problems per row and column, people's state, the code sheet.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeSheet, countsWords, personState, problemRows, warningRows } from '../src/screens/coordinator/imports-logic.js';

test('a dry run says how many rows are ready, have problems, and are duplicates', () => {
  const summary = { status: 'checked', rows_total: 3, rows_ready: 1, rows_with_errors: 2, duplicates: 1 };
  assert.equal(countsWords(summary), '3 rows checked, 1 ready to bring in, 2 rows have problems, 1 duplicate.');
  const done = { status: 'imported', rows_total: 3, rows_imported: 2 };
  assert.equal(countsWords(done), '2 people were brought in; 1 row was skipped.');
});

test('problems are listed by row, naming the column as the file does', () => {
  const rows = [
    { id: 'a', row_number: 2, name: 'Pat', problems: [], duplicate: false },
    { id: 'b', row_number: 3, name: 'Sam', duplicate: true, problems: [{ column: 'email', message: 'The same e-mail address as row 2.' }] },
  ];
  assert.deepEqual(problemRows(rows), [
    { id: 'b', heading: 'Row 3 (Sam)', duplicate: true, lines: ['email: The same e-mail address as row 2.'] },
  ]);
});

test('an imported person is "invited, not yet joined" until they join', () => {
  const row = { outcome: 'imported', invited_how: 'by e-mail', joined: false, problems: [] };
  assert.equal(personState(row), 'Invited by e-mail.'); // the tag beside it says "Invited, not yet joined"
  assert.equal(personState({ ...row, joined: true }), 'Invited by e-mail. Joined.');
  assert.match(personState({ outcome: 'skipped', problems: [] }), /Skipped/);
  assert.deepEqual(codeSheet([{ id: 'x', name: 'Win', code: 'ABCD-EFGH' }, { id: 'y', name: 'Dot', code: null }]), [
    { id: 'x', name: 'Win', code: 'ABCD-EFGH' },
  ]);
});

test('a shared phone number is a warning apart from the errors: the row still comes in', () => {
  const shared = { column: 'phone', message: 'The same phone number as row 2: a shared landline? It will be kept for both.' };
  const rows = [
    { id: 'a', row_number: 2, name: 'Pat', problems: [], warnings: [], duplicate: false },
    { id: 'b', row_number: 3, name: 'Sam', problems: [], warnings: [shared], duplicate: true },
    {
      id: 'c',
      row_number: 4,
      name: 'Kim',
      problems: [{ column: 'email', message: 'The email address is empty.' }],
      warnings: [shared],
      duplicate: true,
    },
  ];
  assert.deepEqual(warningRows(rows), [
    { id: 'b', heading: 'Row 3 (Sam)', lines: [`phone: ${shared.message}`] },
  ]);
  // A row skipped for its errors lists its warning with them (fixed together), not as "still brought in".
  assert.deepEqual(problemRows(rows), [
    { id: 'c', heading: 'Row 4 (Kim)', duplicate: true, lines: ['email: The email address is empty.', `phone: ${shared.message}`] },
  ]);
  assert.deepEqual(warningRows([{ id: 'x', row_number: 2, name: 'Old', problems: [], duplicate: false }]), []);
});

test('a person whose invitation text could not be sent is told apart from one still to join', () => {
  const row = { outcome: 'imported', invited_how: 'by text message', joined: false, problems: [], text_not_sent: true };
  assert.equal(personState(row), 'Invited by text message, but the text could not be sent: they have not had their invitation.');
  assert.equal(personState({ ...row, text_not_sent: false }), 'Invited by text message.');
  assert.equal(personState({ ...row, joined: true }), 'Invited by text message. Joined.'); // joined by a code after all
});
