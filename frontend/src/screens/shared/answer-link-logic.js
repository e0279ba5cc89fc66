// The answer link's form rules, free of the DOM so node tests check them (issue 14; the carer's own
// screen keeps its rules in screens/carer/checkin-logic.js, which shared/ may not import).

export const NOTE_LIMIT = 1000;

const capitalise = (text) => (text ? text[0].toUpperCase() + text.slice(1) : '');

/** The scale's choices as the check-in screen words them: "Doing okay (4 out of 5)". */
export function scaleOptions(scale) {
  return (scale || []).map(({ value, words }) => ({ value: String(value), label: `${capitalise(words)} (${value} out of 5)` }));
}

/** Problems before sending: a score, unless "I need help now" (which never waits for anything). */
export function validateLinkAnswer(values) {
  const errors = {};
  if (values.needs_help) return errors;
  if (!values.wellbeing) errors.wellbeing = "Choose how you're doing";
  if ((values.note || '').trim().length > NOTE_LIMIT) errors.note = 'Your note must be 1,000 characters or fewer';
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
    const day = when.toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone });
    const time = when
      .toLocaleTimeString('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone })
      .replace(':00', '')
      .replace(/\s/g, '')
      .toLowerCase();
    return `${day} at ${time}`;
  } catch {
    return '';
  }
}
