// The coordinator's words in Welsh and Polish (issue 17): counts take each language's plural forms.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useLocaleForTests } from '../src/i18n.js';
import { ago, waitWords } from '../src/screens/coordinator/logic.js';
import { dueWords } from '../src/screens/coordinator/supervision-logic.js';
import { runSummary } from '../src/screens/coordinator/records-logic.js';

test('waits, times ago and due dates in Polish take the right plural', async () => {
  await useLocaleForTests('pl');
  try {
    assert.equal(waitWords(1), '1 dzień');
    assert.equal(waitWords(3), '3 dni');
    const now = Date.parse('2026-03-03T12:00:00Z');
    assert.equal(ago(now - 2 * 60000, now), '2 minuty temu');
    assert.equal(ago(now - 5 * 60000, now), '5 minut temu');
    assert.equal(dueWords('2026-03-24', '2026-03-03'), 'Termin za 3 tygodnie');
    assert.equal(runSummary({ removed: { declined_referrals: 5 } }), 'Usunięto: 5 odrzuconych zgłoszeń.');
  } finally {
    await useLocaleForTests('en-GB');
  }
});

test('Welsh counts read as Welsh', async () => {
  await useLocaleForTests('cy');
  try {
    assert.equal(waitWords(0), 'Ymunodd heddiw');
    assert.equal(waitWords(2), '2 ddiwrnod');
  } finally {
    await useLocaleForTests('en-GB');
  }
});
