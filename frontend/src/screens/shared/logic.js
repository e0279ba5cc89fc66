// Small DOM-free rules more than one role's screens use (tested in node): times in words, deep links
// from the server, and quiet hours typed into two fields.
import { formatDate, t } from '../../i18n.js';

/** "just now", "5 minutes ago", "3 hours ago", "yesterday", else the date. */
export function timeAgo(value, now = Date.now()) {
  const minutes = Math.round((now - new Date(value).getTime()) / 60000);
  if (minutes < 1) return t('account.time.justNow');
  if (minutes < 60) return t('account.time.minutesAgo', { count: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 24) return t('account.time.hoursAgo', { count: hours });
  if (hours < 48) return t('account.time.yesterday');
  return formatDate(value, { day: 'numeric', month: 'long', year: 'numeric' });
}

/** A deep link from the server is followed only when it is a path in this app (never another site). */
export function appPath(url) {
  return typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') && !url.includes('\\')
    ? url
    : null;
}

/**
 * A time typed by a person as HH:MM for the API: "9:30" → "09:30", "2130" → "21:30", "21.30" → "21:30".
 * null when it is not a time of day.
 */
export function normaliseTime(text) {
  const value = (text || '').trim();
  const found = /^(\d{1,2})(?:[:.]?(\d{2}))?$/.exec(value);
  if (!found) return null;
  const hours = Number(found[1]);
  const minutes = Number(found[2] || '0');
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/**
 * Quiet hours from two fields ``start`` and ``end``: {quietHours: {start, end} | null, errors}.
 * Both empty turns them off; one of the two, or the same time twice, is an error.
 */
export function parseQuietHours(startText, endText, { startField = 'quiet_start', endField = 'quiet_end' } = {}) {
  const errors = {};
  const startBlank = !(startText || '').trim();
  const endBlank = !(endText || '').trim();
  if (startBlank && endBlank) return { quietHours: null, errors };
  const start = normaliseTime(startText);
  const end = normaliseTime(endText);
  if (startBlank) errors[startField] = t('account.quietHours.startMissing');
  else if (!start) errors[startField] = t('account.quietHours.startInvalid');
  if (endBlank) errors[endField] = t('account.quietHours.endMissing');
  else if (!end) errors[endField] = t('account.quietHours.endInvalid');
  if (start && end && start === end) errors[endField] = t('account.quietHours.sameTime');
  return { quietHours: Object.keys(errors).length ? null : { start, end }, errors };
}

