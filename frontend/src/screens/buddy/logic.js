// What the buddy screens share: dates in words, and the small rules that
// turn the API's lists into the buddy's overview (kept free of the DOM so node tests can run them).
import { WELLBEING_WORDS } from '../../generated/vocabulary.js';
import { formatDate, formatNumber, t } from '../../i18n.js';
import { firstName as firstNameOf } from '../../text.js';

export function firstName(name) {
  return firstNameOf(name) || t('buddy.yourCarer');
}

/** "Tuesday 14 May at 10:00", in this phone's time zone. */
export function formatDateTime(value, { zone } = {}) {
  if (!value) return '';
  const when = new Date(value);
  const options = zone ? { timeZone: zone } : {};
  const day = formatDate(when, { weekday: 'long', day: 'numeric', month: 'long', ...options });
  const time = formatDate(when, { hour: '2-digit', minute: '2-digit', ...options });
  return t('buddy.dateTime', { day, time });
}

/**
 * A date-only value from the API ("2027-01-03", the centre's date) in words: "Sunday 3 January", with
 * the year when it is not within the next eleven months. Read as a calendar day, never shifted by the
 * phone's time zone.
 */
export function formatDay(isoDate, now = new Date()) {
  if (!isoDate) return '';
  const day = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return '';
  const farOff = day.getTime() - now.getTime() > 335 * 24 * 60 * 60 * 1000;
  // The weekday on its own: en-GB puts a comma after it once a year is shown ("Friday, 24 December 2027").
  const weekday = formatDate(day, { weekday: 'long', timeZone: 'UTC' });
  const date = formatDate(day, {
    day: 'numeric',
    month: 'long',
    ...(farOff ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  });
  return t('buddy.weekdayDate', { weekday, date });
}

/** Today's date on this phone as the API writes dates ("2026-12-06"). */
export function isoToday(now = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * What the buddy's home says while they are paused (the API's ``paused`` is whether the pause holds
 * today, so a pause whose day has come is simply not shown): with the day it ends when there is one.
 */
export function pauseWords(profile, now = new Date()) {
  if (!profile?.paused) return null;
  if (profile.paused_until) {
    const until = formatDay(profile.paused_until, now);
    return t('buddy.pause.until', { until });
  }
  return t('buddy.pause.untilResume');
}

/** "Until when?" on the pause form: empty is fine (until I resume); a date must be after today. */
export function validatePauseEnd(value, today = isoToday()) {
  if (!value) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return t('buddy.pause.enterDate');
  if (value <= today) return t('buddy.pause.afterToday');
  return null;
}

const HELP_KIND = 'buddy_carer_asked_for_help';
const HELP_SHOWN_FOR_MS = 24 * 60 * 60 * 1000;

/**
 * The buddy's overview from the API's answers: my carers (active and paused matches where I am the
 * buddy), introductions waiting for my yes or no, answers waiting for my reply (with the carer's
 * first name), and carers who asked for help in the last day.
 */
export function buddyOverview({ meId, matches = [], awaiting = [], notifications = [], now = Date.now() }) {
  const mine = matches.filter((m) => m.buddy.user_id === meId);
  const names = new Map(mine.map((m) => [m.id, firstName(m.carer.display_name)]));
  // The carer's number only when the API gives it (they chose to show it and the match is open).
  const phones = new Map(mine.map((m) => [m.id, m.carer.phone || null]));
  const carers = mine
    .filter((m) => m.status === 'active' || m.status === 'paused')
    .map((m) => ({
      matchId: m.id,
      carerUserId: m.carer.user_id,
      name: firstName(m.carer.display_name),
      paused: m.status === 'paused',
      phone: m.carer.phone || null,
      // Messages from the carer I haven't read (issue 18), when the API says.
      unread: m.unread_messages || 0,
    }));
  const proposals = mine
    .filter((m) => m.status === 'proposed' && m.my_decision !== 'declined')
    .map((m) => ({
      matchId: m.id,
      name: firstName(m.carer.display_name),
      proposedAt: m.proposed_at,
      saidYes: m.my_decision === 'accepted',
    }));
  const waiting = awaiting
    .filter((c) => c.state === 'answered')
    .map((c) => ({ ...c, carerName: names.get(c.match_id) || t('buddy.yourCarerCapital'), carerPhone: phones.get(c.match_id) || null }))
    .sort((a, b) => new Date(a.answered_at || a.due_at) - new Date(b.answered_at || b.due_at));
  const help = notifications
    .filter((n) => n.kind === HELP_KIND && now - new Date(n.created_at).getTime() < HELP_SHOWN_FOR_MS)
    .map((n) => ({
      id: n.id,
      name: n.data?.carer_name || t('buddy.aCarer'),
      at: n.created_at,
      // Set when a coordinator acknowledged the alert (issue 13): "a coordinator is dealing with it".
      acknowledgedBy: n.data?.acknowledged_by || null,
    }));
  return { carers, proposals, waiting, help };
}

/** The next check-in of a pair, in words: from the plan's upcoming list. */
export function nextCheckinText(upcoming, name) {
  const next = (upcoming || []).find((u) => u.state === 'scheduled' || u.state === 'open');
  if (!next) return t('buddy.next.none');
  if (next.state === 'open') return t('buddy.next.open', { name });
  return t('buddy.next.at', { when: formatDateTime(next.due_at) });
}

/**
 * The carer's answer in words ("Getting by"): the API's words, else the same words from the build
 * (checkins/wellbeing.py), else "Sam didn't give a score"
 * (sent with help now; coordinators read "No score given", the carer "You didn't give a score").
 */
export function wellbeingWords(checkin, name) {
  const words = checkin.wellbeing_words || WELLBEING_WORDS[checkin.wellbeing];
  if (words) return words.charAt(0).toUpperCase() + words.slice(1);
  return name ? t('buddy.reply.noScore', { name }) : t('buddy.reply.noScoreThey');
}

export const MESSAGE_LIMIT = 2000;

/** Client-side checks of the reply form (the API checks again). */
export function validateReply({ kind, message }, name) {
  const text = (message || '').trim();
  const errors = {};
  if (!kind) errors.kind = t('buddy.reply.chooseKind');
  else if (kind === 'message' && !text) errors.message = t('buddy.reply.writeMessage', { name });
  if (kind === 'message' && message.length > MESSAGE_LIMIT) {
    errors.message = t('buddy.reply.tooLong', { limit: formatNumber(MESSAGE_LIMIT) });
  }
  return errors;
}

/** The reply as the API wants it: the message only when one was written. */
export function replyBody({ kind, message }) {
  const text = kind === 'message' ? (message || '').trim() : '';
  return text ? { kind, message: text } : { kind };
}

/** "You have 15 characters remaining" or "You have 3 characters too many" (GOV.UK character count). */
export function charactersLeft(text, limit = MESSAGE_LIMIT) {
  const left = limit - (text || '').length;
  const count = Math.abs(left);
  return left >= 0 ? t('buddy.reply.remaining', { count }) : t('buddy.reply.tooMany', { count });
}

/** Plain words for a buddy's own screening, from the API's reason codes (its own message otherwise). */
export function screeningReason(reason, { pausedUntil = null } = {}) {
  const course = /:\s*(.+?)\.?$/.exec(reason.message || '')?.[1];
  switch (reason.code) {
    case 'no_profile':
      return t('buddy.screening.noProfile');
    case 'not_adult':
      return t('buddy.screening.notAdult');
    case 'not_approved':
      return t('buddy.screening.notApproved');
    case 'training_missing':
      return course ? t('buddy.screening.trainingMissing', { course }) : t('buddy.screening.someTrainingMissing');
    case 'training_expired':
      return course ? t('buddy.screening.trainingExpired', { course }) : t('buddy.screening.someTrainingExpired');
    case 'check_missing':
      return t('buddy.screening.checkMissing');
    case 'check_not_accepted':
      return t('buddy.screening.checkNotAccepted');
    case 'check_overdue':
      return t('buddy.screening.checkOverdue');
    case 'paused':
      return pausedUntil ? t('buddy.screening.pausedUntil', { until: formatDay(pausedUntil) }) : t('buddy.screening.paused');
    case 'full':
      return t('buddy.screening.full');
    default:
      return reason.message;
  }
}
