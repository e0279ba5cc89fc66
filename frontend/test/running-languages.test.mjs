// Running the service in other languages (issue 17): import counts with each language's plural forms,
// a report's period with dates in the language, and the settings' history joined as the language joins.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { useLocaleForTests } from '../src/i18n.js';
import { countsWords } from '../src/screens/coordinator/imports-logic.js';
import { periodWords } from '../src/screens/coordinator/reports-logic.js';
import { changeWords, lastChanged, LADDER, validateNumbers } from '../src/screens/coordinator/settings-logic.js';

after(() => useLocaleForTests('en-GB'));

test('Polish counts take the form each number needs', async () => {
  await useLocaleForTests('pl');
  const checked = (total, errors) => countsWords({ status: 'checked', rows_total: total, rows_ready: 1, rows_with_errors: errors, duplicates: 0 });
  assert.equal(checked(1, 0), 'Sprawdzono 1 wiersz, gotowe do wczytania: 1.');
  assert.equal(checked(3, 2), 'Sprawdzono 3 wiersze, gotowe do wczytania: 1, 2 wiersze z problemami.');
  assert.equal(checked(5, 5), 'Sprawdzono 5 wierszy, gotowe do wczytania: 1, 5 wierszy z problemami.');
  assert.equal(countsWords({ status: 'imported', rows_total: 22, rows_imported: 22 }), 'Wczytano 22 osoby.');
  assert.equal(periodWords('2026-01-01', '2026-03-31'), '1 stycznia 2026 – 31 marca 2026');
  assert.equal(LADDER[0].label, 'Przypomnienie dla opiekuna po (godzinach)');
});

test('Welsh: dates, lists and checks in Welsh', async () => {
  await useLocaleForTests('cy');
  assert.equal(periodWords('2025-10-01', '2026-03-31'), '1 Hydref 2025 i 31 Mawrth 2026');
  const change = { by_name: 'Morgan Ellis', changes: [{ field: 'crisis_lines' }, { field: 'settings.checkins' }] };
  assert.match(changeWords(change), /^Newidiodd Morgan Ellis y llinellau argyfwng (a|ac|a\(c\)) amseroedd y gwiriadau$/);
  const history = [{ id: '1', at: '2026-12-03T09:00:00Z', by_name: 'Jo Kent', changes: [{ field: 'duty' }] }];
  assert.equal(lastChanged(history, 'safeguarding', new Date('2026-12-07T10:00:00Z')), 'Newidiwyd gan Jo Kent ar 3 Rhagfyr 2026');
  const values = Object.fromEntries(LADDER.map((s) => [s.key, '24']));
  assert.equal(validateNumbers(values, LADDER).low_score_threshold, 'Sgôr lles isel: rhowch rif o 1 i 4');
});
