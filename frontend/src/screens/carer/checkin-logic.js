// The check-in rules the carer's screens follow, kept free of the DOM so node tests can check them:
// the wellbeing scale in words (the server's words, src/generated/vocabulary.js), what an answer
// sends and when it can be sent, dates in words, and the buddy's reply in words.
import { WELLBEING_WORDS } from '../../generated/vocabulary.js';
import { formatDate, t } from '../../i18n.js';

export const NOTE_LIMIT = 1000;

const capitalise = (text) => (text ? text[0].toUpperCase() + text.slice(1) : '');

/** The scale's options in the current language (a function: the words load after this module). */
export function wellbeingOptions() {
  return [1, 2, 3, 4, 5].map((score) => ({
    value: String(score),
    label: t('carer.wellbeing.option', { words: capitalise(WELLBEING_WORDS[score]), score }),
  }));
}

export function wellbeingInWords(score, words) {
  if (!score) return '';
  return t('carer.wellbeing.option', { words: capitalise(words || WELLBEING_WORDS[score]), score });
}

/**
 * Problems with an answer before it is sent: {field: message}. "I need help now" never waits for a score,
 * and is never held back by anything else either (issue 10): with it ticked a note over the limit is
 * cut to the limit (see answerBody and noteCut), and the carer is told afterwards.
 */
export function validateAnswer(values) {
  const errors = {};
  if (values.needs_help) return errors;
  if (!WELLBEING_WORDS[values.wellbeing]) errors.wellbeing = t('carer.answer.chooseWellbeing');
  if ((values.note || '').trim().length > NOTE_LIMIT) {
    errors.note = t('carer.answer.noteTooLong');
  }
  return errors;
}

/** Whether sending ``values`` cuts the note to the limit (only with "I need help now" ticked). */
export function noteCut(values) {
  return Boolean(values.needs_help) && (values.note || '').trim().length > NOTE_LIMIT;
}

/**
 * The answer's body: the score only when one was chosen (with "I need help now" it may not be), the
 * note only when the person typed one (the offline queue keeps the minimum), cut to the limit when
 * help is asked for (the help goes whatever the note).
 */
export function answerBody(values) {
  const body = {
    wants_call: Boolean(values.wants_call),
    needs_help: Boolean(values.needs_help),
  };
  if (WELLBEING_WORDS[values.wellbeing]) body.wellbeing = Number(values.wellbeing);
  let note = (values.note || '').trim();
  if (noteCut(values)) note = note.slice(0, NOTE_LIMIT).trim();
  if (note) body.note = note;
  return body;
}

/** Whether the carer can answer this check-in now (the server has the last word). */
export function isAnswerable(checkin, now = new Date()) {
  if (!checkin) return false;
  if (checkin.state === 'open' || checkin.state === 'missed') return true;
  return checkin.state === 'scheduled' && new Date(checkin.due_at) <= now;
}

/** The check-in to show on home: one waiting for my answer, else the next planned one. */
export function nextCheckin(awaiting, upcoming, now = new Date()) {
  const open = (awaiting || []).find((checkin) => isAnswerable(checkin, now));
  if (open) return { checkin: open, open: true };
  const next = (upcoming || []).find((checkin) => checkin.state === 'open' || checkin.state === 'scheduled');
  return next ? { checkin: next, open: isAnswerable(next, now) } : null;
}

export function isAnswered(checkin) {
  return checkin?.state === 'answered' || checkin?.state === 'replied';
}

function dayKey(date, timeZone) {
  return date.toLocaleDateString('en-CA', { timeZone });
}

/**
 * "3pm", "7:30pm", "midday" from the hour (0-23) and minutes ("00", "30"): the GOV.UK way of writing
 * times, in the current language's words (the part of the day in words where a language says it so).
 */
export function clockWords(hour, minutes) {
  const minute = minutes === '00' ? '' : `:${minutes}`;
  if (!minute && hour === 0) return t('carer.time.midnight');
  if (!minute && hour === 12) return t('carer.time.midday');
  const period = hour < 5 ? 'night' : hour < 12 ? 'morning' : hour < 18 ? 'afternoon' : 'evening';
  return t('carer.time.clock', { hour: String(hour % 12 || 12), minute, period });
}

/** "3pm", "7:30pm", "midday": the GOV.UK way of writing times. */
export function timeInWords(date, timeZone) {
  const parts = {};
  for (const part of new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hourCycle: 'h23', timeZone }).formatToParts(date)) {
    parts[part.type] = part.value;
  }
  return clockWords(Number(parts.hour) % 24, parts.minute);
}

/** "today at 3pm", "tomorrow at 7:30pm", "yesterday at 9am", "Thursday 12 June at 3pm". */
export function whenInWords(value, { now = new Date(), timeZone } = {}) {
  if (!value) return '';
  const date = new Date(value);
  const time = timeInWords(date, timeZone);
  const day = dayKey(date, timeZone);
  const oneDay = 24 * 60 * 60 * 1000;
  if (day === dayKey(now, timeZone)) return t('carer.when.today', { time });
  if (day === dayKey(new Date(now.getTime() + oneDay), timeZone)) return t('carer.when.tomorrow', { time });
  if (day === dayKey(new Date(now.getTime() - oneDay), timeZone)) return t('carer.when.yesterday', { time });
  const sameYear = date.getFullYear() === now.getFullYear();
  const dateText = formatDate(date, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: sameYear ? undefined : 'numeric',
    timeZone,
  });
  // en-GB puts a comma after the weekday once a year is shown: GOV.UK leaves it out.
  return t('carer.when.onDay', { date: dateText.replace(',', ''), time });
}

/** What the buddy did with an answer, in words. */
export function replyInWords(checkin, buddyName = t('carer.buddy.yourBuddyCapital')) {
  switch (checkin?.reply_kind) {
    case 'message':
      return t('carer.reply.message', { name: buddyName });
    case 'we_spoke':
      return t('carer.reply.weSpoke', { name: buddyName });
    case 'call_arranged':
      return t('carer.reply.callArranged', { name: buddyName });
    default:
      return t('carer.reply.none', { name: buddyName });
  }
}
