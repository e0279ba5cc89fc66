// The answer link's form rules, free of the DOM so node tests check them (issue 14; the carer's own
// screen keeps its rules in screens/carer/checkin-logic.js, which shared/ may not import).
import { currentLocale, formatDate, t } from '../../i18n.js';

export const NOTE_LIMIT = 1000;

const capitalise = (text) => (text ? text[0].toUpperCase() + text.slice(1) : '');

/** The scale's choices as the check-in screen words them: "Doing okay (4 out of 5)". */
export function scaleOptions(scale) {
  return (scale || []).map(({ value, words }) => ({ value: String(value), label: t('account.answerLink.scaleOption', { words: capitalise(words), value }) }));
}

/** Problems before sending: a score, unless "I need help now" (which never waits for anything). */
export function validateLinkAnswer(values) {
  const errors = {};
  if (values.needs_help) return errors;
  if (!values.wellbeing) errors.wellbeing = t('account.answerLink.wellbeingMissing');
  if ((values.note || '').trim().length > NOTE_LIMIT) errors.note = t('account.answerLink.noteTooLong', { limit: NOTE_LIMIT });
  return errors;
}

/** The answer's body (the note cut to the limit with "I need help now": help goes whatever the note). */
export function linkAnswerBody(values) {
  const body = { wants_call: Boolean(values.wants_call), needs_help: Boolean(values.needs_help) };
  if (values.wellbeing) body.wellbeing = Number(values.wellbeing);
  const note = (values.note || '').trim().slice(0, NOTE_LIMIT).trim();
  if (note) body.note = note;
  return body;
}

/** "Monday 2 March at 9am": when the check-in was due, in the carer's own time zone. */
export function dueInWords(dueAt, timeZone) {
  try {
    const when = new Date(dueAt);
    const day = formatDate(when, { weekday: 'long', day: 'numeric', month: 'long', timeZone });
    // English says "9am" and "7:30pm"; other languages their own way of telling the time.
    const time = currentLocale().startsWith('en')
      ? formatDate(when, { hour: 'numeric', minute: '2-digit', hour12: true, timeZone })
          .replace(':00', '')
          .replace(/\s/g, '')
          .toLowerCase()
      : formatDate(when, { hour: 'numeric', minute: '2-digit', timeZone });
    return t('account.answerLink.dueAt', { day, time });
  } catch {
    return '';
  }
}
