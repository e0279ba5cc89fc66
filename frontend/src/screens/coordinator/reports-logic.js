// Reports (issue 16), pure logic: which dates a period choice means, checking custom dates, the
// period and figures in words, the download links, and how tall each bar of a chart is.
import { currentLocale, formatDate, t } from '../../i18n.js';

/** What a withheld figure says: "fewer than 5". */
export const fewer = () => t('running.reports.fewer');

/** The period choices, in the current language. */
export function periodChoices() {
  return [
    { value: 'this_quarter', label: t('running.reports.thisQuarter') },
    { value: 'last_quarter', label: t('running.reports.lastQuarter') },
    { value: 'this_year', label: t('running.reports.thisYear') },
    { value: 'custom', label: t('running.reports.chooseDates') },
  ];
}

const pad = (n) => String(n).padStart(2, '0');
/** A date (year, month 1–12, day) as the API reads it: YYYY-MM-DD. */
export const isoDay = (year, month, day) => `${year}-${pad(month)}-${pad(day)}`;
const lastDay = (year, month) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Today's date as YYYY-MM-DD, in the browser's own time zone. */
export function todayIso(now = new Date()) {
  return isoDay(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** The first and last day of the choice, around ``today`` (YYYY-MM-DD); custom dates as given. */
export function periodFor(choice, today, custom = {}) {
  const [year, month] = today.split('-').map(Number);
  const q = Math.floor((month - 1) / 3);
  const quarter = (y, index) => ({ from: isoDay(y, index * 3 + 1, 1), to: isoDay(y, index * 3 + 3, lastDay(y, index * 3 + 3)) });
  if (choice === 'last_quarter') return q === 0 ? quarter(year - 1, 3) : quarter(year, q - 1);
  if (choice === 'this_year') return { from: isoDay(year, 1, 1), to: isoDay(year, 12, 31) };
  if (choice === 'custom') return { from: custom.from || '', to: custom.to || '' };
  return quarter(year, q);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether ``text`` is a real date (YYYY-MM-DD, as a date field sends it). */
export function isRealDate(text) {
  const m = DATE.exec(text || '');
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= lastDay(y, mo);
}

/** Problems with custom dates, per field (none: an empty object). */
export function validateCustom({ from, to }) {
  const errors = {};
  if (!from) errors.from = t('running.reports.enterFirst');
  else if (!isRealDate(from)) errors.from = t('running.reports.realFirst');
  if (!to) errors.to = t('running.reports.enterLast');
  else if (!isRealDate(to)) errors.to = t('running.reports.realLast');
  if (!errors.from && !errors.to && to < from) errors.to = t('running.reports.lastAfterFirst');
  return errors;
}

const DAY = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' };
const DAY_AND_MONTH = { day: 'numeric', month: 'long', timeZone: 'UTC' };
const calendarDay = (m) => new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));

/** "1 January 2026", from YYYY-MM-DD (a calendar day, never shifted by a time zone). */
export function dayWords(iso, options = DAY) {
  const m = DATE.exec(iso || '');
  if (!m) return iso || '';
  return formatDate(calendarDay(m), options);
}

/**
 * "1 January to 31 March 2026" (in English the year once when both days share it; other languages say
 * it twice, as Intl's day and month alone read oddly in some: Welsh "Ionawr 1").
 */
export function periodWords(from, to) {
  const sameYear = from.slice(0, 4) === to.slice(0, 4) && currentLocale() === 'en-GB';
  return t('running.reports.period', { from: dayWords(from, sameYear ? DAY_AND_MONTH : DAY), to: dayWords(to) });
}

/** A figure in words: the server's words, "fewer than 5" when withheld. */
export function figureWords(figure) {
  if (figure.suppressed) return fewer();
  if (figure.words) return figure.words;
  return figure.value == null ? t('running.reports.none') : String(figure.value);
}

/** The query of a period: ?from=…&to=… */
export function periodQuery({ from, to }) {
  return `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
}

/** The JSON summary's URL. */
export const summaryUrl = (base, period) => `${base}/reports/summary?${periodQuery(period)}`;

/** Every CSV a coordinator can download: the summary and the row-level records. */
export function downloads(base, period) {
  const q = periodQuery(period);
  return [
    { key: 'summary', href: `${base}/reports/summary.csv?${q}`, label: t('running.reports.csvSummary'), hint: t('running.reports.csvSummaryHint') },
    { key: 'carers', href: `${base}/reports/carers.csv`, label: t('running.reports.csvCarers'), hint: t('running.reports.csvCarersHint') },
    { key: 'buddies', href: `${base}/reports/buddies.csv`, label: t('running.reports.csvBuddies'), hint: t('running.reports.csvBuddiesHint') },
    { key: 'matches', href: `${base}/reports/matches.csv`, label: t('running.reports.csvMatches'), hint: t('running.reports.csvMatchesHint') },
    { key: 'checkins', href: `${base}/reports/checkins.csv?${q}`, label: t('running.reports.csvCheckins'), hint: t('running.reports.csvCheckinsHint') },
  ];
}

/** A round number at or above ``n`` for the top of a chart's scale (1, 2, 5 × 10^k). */
export function niceMax(n) {
  if (!(n > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  for (const step of [1, 2, 5, 10]) if (step * power >= n) return step * power;
  return 10 * power;
}

/**
 * Bars of a chart, scaled to ``height``: each with its label, words, height and whether it is withheld
 * (a withheld bar has no height and says "fewer than 5"). ``max``: the top of the scale.
 */
export function scaleBars(bars, height, fixedMax) {
  const shown = bars.filter((b) => !b.suppressed && typeof b.value === 'number');
  const max = fixedMax ?? niceMax(Math.max(0, ...shown.map((b) => b.value)));
  return {
    max,
    bars: bars.map((b) => {
      const withheld = b.suppressed || typeof b.value !== 'number';
      return {
        key: b.key,
        label: b.label,
        words: figureWords(b),
        suppressed: Boolean(b.suppressed),
        height: withheld ? 0 : Math.round((Math.max(0, b.value) / max) * height),
      };
    }),
  };
}

const MONTH_KEY = /^(\d{4})-(\d{2})$/;

/**
 * A month's short label for an axis: "Jan", with its year and whether it is January (the year shows
 * under January and the first bar). From the bar's key ("2026-01") in the current language; a bar
 * without a month key keeps its label as the server wrote it.
 */
export function shortMonth(label, key) {
  const m = MONTH_KEY.exec(key || '');
  if (!m) return { month: String(label ?? ''), year: '', january: false };
  const words = formatDate(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)), { month: 'short', timeZone: 'UTC' });
  // English axes keep three letters ("Sep", where Intl's en-GB says "Sept").
  return { month: currentLocale() === 'en-GB' ? words.slice(0, 3) : words, year: m[1], january: m[2] === '01' };
}

const ENDED = /^ended_([a-z_]+)$/;

/**
 * Why matches ended, for a bar of the "by reason" chart: from the bar's key ("ended_goals_met") in the
 * current language ("Goals met"); a bar with another key keeps the server's label.
 */
export function reasonWords(bar) {
  const m = ENDED.exec(bar.key || '');
  return m ? t('running.charts.endReason', { reason: m[1] }) : bar.label;
}

/** Where each section's charts go: the monthly ones under "Month by month", the others in their section. */
export function chartsFor(sectionKey, charts) {
  const home = { ended_by_reason: 'matches', wellbeing_compare: 'wellbeing' };
  return (charts || []).filter((c) => (home[c.key] || 'months') === sectionKey);
}
