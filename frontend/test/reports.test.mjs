// Reports (issue 16): the period choices, custom dates, words, downloads and chart scaling.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useLocaleForTests } from '../src/i18n.js';
import {
  chartsFor,
  dayWords,
  downloads,
  fewer,
  figureWords,
  isRealDate,
  niceMax,
  periodFor,
  periodWords,
  reasonWords,
  scaleBars,
  shortMonth,
  summaryUrl,
  validateCustom,
} from '../src/screens/coordinator/reports-logic.js';

test('a period choice means whole quarters or the year around today', () => {
  assert.deepEqual(periodFor('this_quarter', '2026-03-02'), { from: '2026-01-01', to: '2026-03-31' });
  assert.deepEqual(periodFor('this_quarter', '2026-05-20'), { from: '2026-04-01', to: '2026-06-30' });
  assert.deepEqual(periodFor('last_quarter', '2026-03-02'), { from: '2025-10-01', to: '2025-12-31' });
  assert.deepEqual(periodFor('last_quarter', '2026-08-31'), { from: '2026-04-01', to: '2026-06-30' });
  assert.deepEqual(periodFor('this_year', '2026-08-31'), { from: '2026-01-01', to: '2026-12-31' });
  assert.deepEqual(periodFor('custom', '2026-08-31', { from: '2026-02-01', to: '2026-02-28' }), { from: '2026-02-01', to: '2026-02-28' });
  assert.deepEqual(periodFor('this_quarter', '2024-11-15'), { from: '2024-10-01', to: '2024-12-31' });
});

test('custom dates must be real, and the last day not before the first', () => {
  assert.equal(isRealDate('2026-02-29'), false);
  assert.equal(isRealDate('2024-02-29'), true);
  assert.equal(isRealDate('29/02/2024'), false);
  assert.deepEqual(validateCustom({ from: '', to: '' }), { from: 'Enter the first day of the period', to: 'Enter the last day of the period' });
  assert.deepEqual(validateCustom({ from: '2026-04-31', to: '2026-05-01' }), { from: 'Enter a real date, like 1 April 2026' });
  assert.deepEqual(validateCustom({ from: '2026-05-02', to: '2026-05-01' }), { to: 'The last day must be on or after the first day' });
  assert.deepEqual(validateCustom({ from: '2026-05-01', to: '2026-05-01' }), {});
});

test('the period in words', () => {
  assert.equal(dayWords('2026-01-01'), '1 January 2026');
  assert.equal(periodWords('2026-01-01', '2026-03-31'), '1 January to 31 March 2026');
  assert.equal(periodWords('2025-10-01', '2026-03-31'), '1 October 2025 to 31 March 2026');
});

test('a withheld figure says "fewer than 5", never a number', () => {
  assert.equal(fewer(), 'fewer than 5');
  assert.equal(figureWords({ value: null, suppressed: true, words: 'fewer than 5' }), 'fewer than 5');
  assert.equal(figureWords({ value: 3, suppressed: true }), 'fewer than 5');
  assert.equal(figureWords({ value: 12, suppressed: false, words: '12' }), '12');
  assert.equal(figureWords({ value: null, suppressed: false }), 'none');
  assert.equal(figureWords({ value: 0, suppressed: false }), '0');
});

test('downloads: the summary and check-in counts carry the period, the records do not', () => {
  const links = downloads('/api/v1/orgs/o', { from: '2026-01-01', to: '2026-03-31' });
  assert.deepEqual(links.map((l) => l.href), [
    '/api/v1/orgs/o/reports/summary.csv?from=2026-01-01&to=2026-03-31',
    '/api/v1/orgs/o/reports/carers.csv',
    '/api/v1/orgs/o/reports/buddies.csv',
    '/api/v1/orgs/o/reports/matches.csv',
    '/api/v1/orgs/o/reports/checkins.csv?from=2026-01-01&to=2026-03-31',
  ]);
  assert.equal(summaryUrl('/b', { from: '2026-01-01', to: '2026-03-31' }), '/b/reports/summary?from=2026-01-01&to=2026-03-31');
});

test('bars scale to a round top; withheld bars have no height', () => {
  assert.equal(niceMax(0), 1);
  assert.equal(niceMax(7), 10);
  assert.equal(niceMax(12), 20);
  assert.equal(niceMax(45), 50);
  assert.equal(niceMax(100), 100);
  const { max, bars } = scaleBars(
    [
      { key: 'a', label: 'January 2026', value: 20, suppressed: false, words: '20' },
      { key: 'b', label: 'February 2026', value: null, suppressed: true, words: 'fewer than 5' },
      { key: 'c', label: 'March 2026', value: 5, suppressed: false, words: '5' },
    ],
    100,
  );
  assert.equal(max, 20);
  assert.deepEqual(bars.map((b) => [b.height, b.suppressed, b.words]), [[100, false, '20'], [0, true, 'fewer than 5'], [25, false, '5']]);
  assert.equal(scaleBars([{ key: 'm', value: 2.5 }], 50, 5).bars[0].height, 25);
  assert.deepEqual(shortMonth('January 2026', '2026-01'), { month: 'Jan', year: '2026', january: true });
  assert.deepEqual(shortMonth('September 2026', '2026-09'), { month: 'Sep', year: '2026', january: false });
});

test('months and ending reasons come from the keys, in the current language (never the English labels)', async () => {
  assert.equal(reasonWords({ key: 'ended_caring_ended', label: 'Ended: Caring role ended' }), 'Caring role ended');
  assert.equal(reasonWords({ key: 'ended_unrecorded', label: 'Ended: No reason recorded' }), 'No reason recorded');
  assert.equal(reasonWords({ key: 'ended_other', label: 'Ended: Another reason' }), 'Another reason');
  await useLocaleForTests('cy');
  try {
    assert.equal(reasonWords({ key: 'ended_goals_met', label: 'Wedi dod i ben: Nodau wedi’u cyflawni' }), 'Nodau wedi’u cyflawni');
    assert.equal(shortMonth('Ionawr 2026', '2026-01').year, '2026');
    assert.notEqual(shortMonth('Ionawr 2026', '2026-01').month, 'Jan');
  } finally {
    await useLocaleForTests('en-GB');
  }
});

test('each chart goes under its section; monthly ones under "Month by month"', () => {
  const charts = [{ key: 'referrals_by_month' }, { key: 'ended_by_reason' }, { key: 'wellbeing_compare' }];
  assert.deepEqual(chartsFor('matches', charts).map((c) => c.key), ['ended_by_reason']);
  assert.deepEqual(chartsFor('months', charts).map((c) => c.key), ['referrals_by_month']);
  assert.deepEqual(chartsFor('carers', charts), []);
});
