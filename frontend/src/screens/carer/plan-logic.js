// When a pair checks in, without the DOM: the plan in words and the form's own checks (tested in node).
// One way of writing times everywhere (issue 11): the GOV.UK "7pm", "10:30am", "midday", in the
// box as in the sentences; the box also takes "19:00". Zones in plain words: "UK time".
import { DAY_NAME } from '../../generated/vocabulary.js';
import { currentLocale, formatList, t } from '../../i18n.js';
import { clockWords } from './checkin-logic.js';

const DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The days of the week in the current language, Monday first (the server's words). */
export function weekdays() {
  return DAY_KEYS.map((key) => DAY_NAME[key]);
}

/** {0: "Monday", …, 6: "Sunday"} in the current language (the form's day boxes). */
export function dayWords() {
  return Object.fromEntries(weekdays().map((name, day) => [day, name]));
}

/** "19:00" → "7pm", "10:30" → "10:30am", "12:00" → "midday", "00:00" → "midnight". */
export function clockInWords(localTime) {
  const found = /^(\d{1,2}):(\d{2})/.exec(localTime || '');
  if (!found) return localTime || '';
  return clockWords(Number(found[1]) % 24, found[2]);
}

/**
 * The time as the box shows it: "7pm" in English (parseClock reads it back); in another language
 * "19:00", which parseClock reads whatever the language's words for the part of the day.
 */
export function clockForBox(localTime) {
  if (currentLocale() === 'en-GB') return clockInWords(localTime);
  const found = /^(\d{1,2}):(\d{2})/.exec(localTime || '');
  return found ? `${found[1].padStart(2, '0')}:${found[2]}` : localTime || '';
}

/** What someone typed ("7pm", "7.30 pm", "10:30am", "19:00", "midday") as "HH:MM", or null. */
export function parseClock(text) {
  const value = (text || '').trim().toLowerCase().replace(/\s+/g, '');
  if (value === 'midday' || value === 'noon') return '12:00';
  if (value === 'midnight') return '00:00';
  const found = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)?$/.exec(value);
  if (!found) return null;
  let hour = Number(found[1]);
  const minute = found[2] === undefined ? 0 : Number(found[2]);
  const half = found[3];
  if (minute > 59) return null;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  } else if (hour > 23 || found[2] === undefined) {
    return null; // "7" alone: morning or evening? Ask.
  }
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** A time zone in plain words: "UK time", "New York time". */
export function zoneInWords(timeZone) {
  if (!timeZone || timeZone === 'Europe/London' || timeZone === 'GB') return t('carer.plan.ukTime');
  return t('carer.plan.zoneTime', { place: timeZone.split('/').pop().replace(/_/g, ' ') });
}

/** The plan in words: "Every week on Tuesday and Friday at 7pm, UK time". */
export function planInWords(plan) {
  if (!plan) return '';
  const names = weekdays();
  return t('carer.plan.inWords', {
    frequency: plan.frequency === 'fortnightly' ? 'fortnightly' : 'weekly',
    days: formatList(plan.weekdays.map((day) => names[day])),
    time: clockInWords(plan.local_time),
    zone: zoneInWords(plan.time_zone),
  });
}

/**
 * The hint under the time box, for whoever is reading: the carer reads "your time"; the buddy or a
 * coordinator reads whose time it is ("Sam's time"), each with the zone in plain words.
 */
export function timeHint({ viewerIsCarer, carerName, timeZone }) {
  const zone = zoneInWords(timeZone);
  if (viewerIsCarer) return t('carer.plan.hintYours', { zone });
  if (carerName) return t('carer.plan.hintNamed', { name: carerName, zone });
  return t('carer.plan.hintCarer', { zone });
}

/** Check the form before sending; messages name what to do. */
export function validatePlan(values) {
  return {
    frequency: !values.frequency && t('carer.plan.chooseFrequency'),
    weekdays: values.weekdays.length === 0 && t('carer.plan.chooseDay'),
    local_time: !parseClock(values.local_time) && t('carer.plan.enterTime'),
  };
}
