// Bringing records in (issue 16): counts, problems per row and column, people's state, the code sheet.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeSheet, countsWords, personState, problemRows } from '../src/screens/coordinator/imports-logic.js';

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
