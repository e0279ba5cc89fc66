// The shared screens' words in Welsh and Polish (issue 17): plurals of the language, not of English.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useLocaleForTests } from '../src/i18n.js';
import { targetWords } from '../src/screens/shared/concern-logic.js';
import { hoursAndMinutes } from '../src/screens/shared/hours-logic.js';
import { buddyProfileRows } from '../src/screens/shared/profile-buddy-logic.js';

test('Polish and Welsh counts take their own plural forms', async () => {
  try {
    await useLocaleForTests('pl');
    assert.equal(hoursAndMinutes(125), '2 godziny 5 minut');
    assert.equal(targetWords({ status: 'open', minutes_to_target: 60 }), 'Termin za 1 godzinę');
    const rows = buddyProfileRows({ caring_status: 'former', years_caring: 5, capacity: 2 });
    assert.deepEqual(rows.find((row) => row.key === 'capacity').lines, ['2 opiekunów']);
    await useLocaleForTests('cy');
    assert.equal(hoursAndMinutes(60), '1 awr');
    const years = buddyProfileRows({ caring_status: 'current', years_caring: 2, capacity: 1 });
    assert.deepEqual(years.find((row) => row.key === 'years_caring').lines, ['2 flynedd']);
  } finally {
    await useLocaleForTests('en-GB');
  }
});
