// Whether a carer's home offers the outcome questions (issue 16): pure, and apart from the questions'
// own logic (shared/outcomes-logic.js) so the part holding the carer's home has no chunk shared with the
// questions' page.
import { t } from '../../i18n.js';

/** The heading of the carer's card and of the questions' page. */
export function outcomesTitle() {
  return t('carer.outcomes.title');
}

/** The open ask to offer now: the oldest not put off with "Not now" (or put off until a time now past). */
export function askToOffer(asks, now = new Date()) {
  return (asks || []).find((ask) => ask.state === 'open' && (!ask.not_now_until || new Date(ask.not_now_until) <= now)) || null;
}
