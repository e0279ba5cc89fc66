// Small text helpers every screen shares (kept apart from the vocabularies, so the shell stays small).
import { formatList, t } from './i18n.js';

/** "Helen Wright" → "Helen"; an empty name stays empty. */
export const firstName = (name) => (name || '').trim().split(/\s+/)[0] || '';

/**
 * "Helen", "Helen and Sam", "Helen, Sam and Ruth" (``joiner`` "or": "Sam or Ruth"): first names joined
 * as people say them in the current language.
 */
export function namesInWords(names, joiner = 'and') {
  const first = [...new Set(names.map(firstName).filter(Boolean))];
  if (first.length < 2) return first.join('');
  return formatList(first, joiner === 'or' ? 'disjunction' : 'conjunction');
}

/**
 * What reminders will do for me, said before my phone asks for permission: with my buddy's or my
 * carers' names when I have a live match, and what a coordinator hears about.
 */
export function remindersLead({ roles = [], userId = null, matches = [] } = {}) {
  const live = matches.filter((m) => m.status === 'active');
  const buddies = live.filter((m) => m.carer?.user_id === userId).map((m) => m.buddy?.display_name);
  const carers = live.filter((m) => m.buddy?.user_id === userId).map((m) => m.carer?.display_name);
  if (roles.includes('carer') && buddies.length) {
    const buddy = namesInWords(buddies);
    return t('shell.reminders.carer', { buddy });
  }
  if (roles.includes('buddy') && carers.length) {
    return t('shell.reminders.buddy', { carers: namesInWords(carers, 'or') });
  }
  if (roles.includes('coordinator')) {
    return t('shell.reminders.coordinator');
  }
  return t('shell.reminders.default');
}
