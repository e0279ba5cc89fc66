// What the buddy screens share: dates in words, and the small rules that
// turn the API's lists into the buddy's overview (kept free of the DOM so node tests can run them).
import { WELLBEING_WORDS } from '../../generated/vocabulary.js';
import { firstName as firstNameOf } from '../../text.js';

export function firstName(name) {
  return firstNameOf(name) || 'your carer';
}

/** "Tuesday 14 May at 10:00", in this phone's time zone. */
export function formatDateTime(value, { zone } = {}) {
  if (!value) return '';
  const when = new Date(value);
  const options = zone ? { timeZone: zone } : {};
  const day = when.toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', ...options });
  const time = when.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', ...options });
  return `${day} at ${time}`;
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
  const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' }).format(day);
  const date = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    ...(farOff ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(day);
  return `${weekday} ${date}`;
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
    return `You're paused until ${until}. The centre won't introduce you to new carers until then. The carers you support now still have you as their buddy.`;
  }
  return "You're paused until you resume: the centre won't introduce you to new carers. The carers you support now still have you as their buddy.";
}

/** "Until when?" on the pause form: empty is fine (until I resume); a date must be after today. */
export function validatePauseEnd(value, today = isoToday()) {
  if (!value) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'Enter the date as a day, month and year, like 3 January';
  if (value <= today) return "The date you're paused until must be after today";
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
    .map((c) => ({ ...c, carerName: names.get(c.match_id) || 'Your carer', carerPhone: phones.get(c.match_id) || null }))
    .sort((a, b) => new Date(a.answered_at || a.due_at) - new Date(b.answered_at || b.due_at));
  const help = notifications
    .filter((n) => n.kind === HELP_KIND && now - new Date(n.created_at).getTime() < HELP_SHOWN_FOR_MS)
    .map((n) => ({
      id: n.id,
      name: n.data?.carer_name || 'A carer you support',
      at: n.created_at,
      // Set when a coordinator acknowledged the alert (issue 13): "a coordinator is dealing with it".
      acknowledgedBy: n.data?.acknowledged_by || null,
    }));
  return { carers, proposals, waiting, help };
}

/** The next check-in of a pair, in words: from the plan's upcoming list. */
export function nextCheckinText(upcoming, name) {
  const next = (upcoming || []).find((u) => u.state === 'scheduled' || u.state === 'open');
  if (!next) return 'No check-ins planned at the moment.';
  if (next.state === 'open') return `A check-in is open now: waiting for ${name} to answer.`;
  return `Next check-in: ${formatDateTime(next.due_at)}.`;
}

/**
 * The carer's answer in words ("Getting by"): the API's words, else the same words from the build
 * (checkins/wellbeing.py), else "Sam didn't give a score"
 * (sent with help now; coordinators read "No score given", the carer "You didn't give a score").
 */
export function wellbeingWords(checkin, name = 'They') {
  const words = checkin.wellbeing_words || WELLBEING_WORDS[checkin.wellbeing];
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : `${name} didn't give a score`;
}

export const MESSAGE_LIMIT = 2000;

/** Client-side checks of the reply form (the API checks again). */
export function validateReply({ kind, message }, name) {
  const text = (message || '').trim();
  const errors = {};
  if (!kind) errors.kind = 'Choose how you want to reply';
  else if (kind === 'message' && !text) errors.message = `Write your message to ${name}`;
  if (kind === 'message' && message.length > MESSAGE_LIMIT) {
    errors.message = `Your message must be ${MESSAGE_LIMIT.toLocaleString('en-GB')} characters or fewer`;
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
  const count = Math.abs(left).toLocaleString('en-GB');
  const noun = Math.abs(left) === 1 ? 'character' : 'characters';
  return left >= 0 ? `You have ${count} ${noun} remaining` : `You have ${count} ${noun} too many`;
}

/** Plain words for a buddy's own screening, from the API's reason codes (its own message otherwise). */
export function screeningReason(reason, { pausedUntil = null } = {}) {
  const course = /:\s*(.+?)\.?$/.exec(reason.message || '')?.[1];
  switch (reason.code) {
    case 'no_profile':
      return "You haven't filled in your buddy profile yet.";
    case 'not_adult':
      return "You haven't confirmed in your profile that you're 18 or over.";
    case 'not_approved':
      return "A coordinator hasn't approved you as a buddy yet.";
    case 'training_missing':
      return course ? `You still need to do the ${course} training.` : 'You still need to do some training.';
    case 'training_expired':
      return course ? `Your ${course} training needs doing again.` : 'Some of your training needs doing again.';
    case 'check_missing':
      return "Your safeguarding check (DBS) hasn't been recorded yet.";
    case 'check_not_accepted':
      return "The safeguarding check on record isn't the kind this role needs. The centre will tell you what to do.";
    case 'check_overdue':
      return 'Your safeguarding check (DBS) is due to be renewed.';
    case 'paused':
      return pausedUntil ? `You've paused new matches until ${formatDay(pausedUntil)}.` : "You've paused new matches.";
    case 'full':
      return "You're supporting as many carers as you said you can.";
    default:
      return reason.message;
  }
}
