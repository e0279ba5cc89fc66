// Issue 11: a buddy's places after a draft (the same on every pair), and a check running out soon.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkRunsOut, dayInWords, loadAfterDraft, loadAfterWords } from '../src/screens/coordinator/logic.js';

test("each buddy's places after a draft count every pair of the draft on top of those taken", () => {
  const buddies = [
    { membership_id: 'priya', places_taken: 0, capacity: 2 },
    { membership_id: 'tom', places_taken: 1, capacity: 3 },
  ];
  const items = [{ buddy: { membership_id: 'priya' } }, { buddy: { membership_id: 'tom' } }, { buddy: { membership_id: 'priya' } }];
  const after = loadAfterDraft(items, buddies);
  assert.deepEqual(after, { priya: { taken: 2, capacity: 2 }, tom: { taken: 2, capacity: 3 } });
  assert.equal(loadAfterWords(after.priya), '2 of 2 places taken after these proposals (full)');
  assert.equal(loadAfterWords(after.tom), '2 of 3 places taken after these proposals');
  assert.equal(loadAfterWords(loadAfterDraft(items, null).priya), null, 'no buddies list yet: nothing said');
});

test('a check running out within the window reads "Check runs out on 26 December"; past, "ran out"', () => {
  const today = new Date(2026, 11, 6, 12);
  assert.equal(dayInWords('2026-12-26', today), '26 December');
  assert.equal(dayInWords('2027-01-04', today), '4 January 2027');
  assert.equal(checkRunsOut({ recheck_soon: true, recheck_due: '2026-12-26' }, today), 'Check runs out on 26 December');
  assert.equal(checkRunsOut({ recheck_soon: true, recheck_due: '2026-12-01' }, today), 'Check ran out on 1 December');
  assert.equal(checkRunsOut({ recheck_soon: false, recheck_due: '2026-12-26' }, today), null);
  assert.equal(checkRunsOut(undefined, today), null);
});
