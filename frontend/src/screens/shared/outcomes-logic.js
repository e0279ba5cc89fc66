// Outcome measures and equality monitoring (issue 16), the pure parts: which open ask to offer, checking
// an ask's answers, the equality form, and the coordinator's licensed questions written as plain text.
import { t } from '../../i18n.js';

/** The field id of a question's radio group. */
export const questionField = (question) => `q${question.position}`;

/** Every question answered: errors keyed by question field. */
export function validateAnswers(ask, values) {
  const errors = {};
  for (const question of ask.questions) {
    if (!values[questionField(question)]) errors[questionField(question)] = t('shared.outcomes.error.answer');
  }
  return errors;
}

/** The API body: each question's position with the score chosen. */
export function answersBody(ask, values) {
  const answers = {};
  for (const question of ask.questions) answers[String(question.position)] = Number(values[questionField(question)]);
  return { answers };
}

/** Where a point sits in a carer's support, in words. */
export function pointWords(point) {
  const words = {
    start: () => t('shared.outcomes.point.start'),
    '3_months': () => t('shared.outcomes.point.threeMonths'),
    '6_months': () => t('shared.outcomes.point.sixMonths'),
  }[point];
  return words ? words() : '';
}

export const EQUALITY_FIELDS = ['age_band', 'gender', 'ethnicity'];

/** The equality form: each question answered (Prefer not to say counts), and the consent ticked. */
export function validateEquality(values) {
  const errors = {};
  for (const key of EQUALITY_FIELDS) if (!values[key]) errors[key] = t('shared.equality.error.answer');
  if (!values.agree) errors.agree = t('shared.equality.error.agree');
  return errors;
}

export function equalityBody(values) {
  return { agree: true, age_band: values.age_band, gender: values.gender, ethnicity: values.ethnicity };
}

/** The ethnicity options grouped by their Census 2021 high-level group, "Prefer not to say" on its own. */
export function ethnicityGroups(options) {
  const groups = [];
  for (const option of options || []) {
    const name = option.group || '';
    let group = groups.find((g) => g.name === name);
    if (!group) {
      group = { name, options: [] };
      groups.push(group);
    }
    group.options.push(option);
  }
  return groups;
}

/** A question's answers as text: one a line, its score first ("1 Never"). */
export function optionsText(options) {
  return (options || []).map((o) => `${o.score} ${o.words}`).join('\n');
}

/** Read answers written one a line, each starting with its score: [{score, words}] or an error in words. */
export function parseOptions(text) {
  const lines = String(text || '').split('\n').map((line) => line.trim()).filter(Boolean);
  if (lines.length < 2) return { error: t('shared.outcomes.error.twoAnswers') };
  const options = [];
  for (const line of lines) {
    const found = /^(\d{1,3})\s*[-–=:.)]?\s*(.+)$/.exec(line);
    if (!found || Number(found[1]) > 100) return { error: t('shared.outcomes.error.score', { line }) };
    options.push({ score: Number(found[1]), words: found[2].trim() });
  }
  if (new Set(options.map((o) => o.score)).size !== options.length) return { error: t('shared.outcomes.error.sameScore') };
  if (options.length > 11) return { error: t('shared.outcomes.error.tooMany') };
  return { options };
}

/** A measure's form values from the API's shape (or an empty one to add). */
export function measureValues(measure) {
  return {
    name: measure?.name || '',
    licence_note: measure?.licence_note || '',
    questions: (measure?.questions || [{ wording: '', options: [] }]).map((q) => ({ wording: q.wording, options: optionsText(q.options) })),
  };
}

/** Check a licensed instrument's form: errors keyed name, licence_note, q{i}-wording, q{i}-options. */
export function validateMeasure(values) {
  const errors = {};
  if (!values.name.trim()) errors.name = t('shared.outcomes.error.name');
  if (!values.licence_note.trim()) errors.licence_note = t('shared.outcomes.error.licence');
  if (!values.questions.length) errors.name = errors.name || t('shared.outcomes.error.noQuestions');
  values.questions.forEach((question, index) => {
    if (!question.wording.trim()) errors[`q${index}-wording`] = t('shared.outcomes.error.wording', { number: index + 1 });
    const parsed = parseOptions(question.options);
    if (parsed.error) errors[`q${index}-options`] = parsed.error;
  });
  return errors;
}

/** The API body of a licensed instrument. */
export function measureBody(values) {
  return {
    name: values.name.trim(),
    licence_note: values.licence_note.trim(),
    questions: values.questions.map((q) => ({ wording: q.wording.trim(), options: parseOptions(q.options).options })),
  };
}
