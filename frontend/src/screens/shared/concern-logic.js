// Concerns (issue 13): the words of a concern's categories, outcomes and target, and what stands out on
// the coordinator's home. A concern is never shown to the carer it is about: only buddy and coordinator
// screens import this.
import { currentLocale, t } from '../../i18n.js';

/** Categories in the order the buddy's form lists them ("Something else" last, and chosen to start with). */
// An option whose words are read when shown (getters), in the language of the moment.
function option(value, labelId, hintId) {
  const found = Object.defineProperty({ value }, 'label', { get: () => t(labelId), enumerable: true });
  if (hintId) Object.defineProperty(found, 'hint', { get: () => t(hintId), enumerable: true });
  return found;
}

export const CATEGORIES = [
  option('risk_to_carer', 'shared.concerns.category.riskToCarer', 'shared.concerns.category.riskToCarerHint'),
  option('risk_to_cared_for', 'shared.concerns.category.riskToCaredFor', 'shared.concerns.category.riskToCaredForHint'),
  option('carers_health', 'shared.concerns.category.carersHealth', 'shared.concerns.category.carersHealthHint'),
  option('money_or_housing', 'shared.concerns.category.money'),
  option('boundary', 'shared.concerns.category.boundary', 'shared.concerns.category.boundaryHint'),
  option('other', 'shared.concerns.category.other'),
];

export const OUTCOMES = [
  option('no_further_action', 'shared.concerns.outcome.none'),
  option('support_offered', 'shared.concerns.outcome.support'),
  option('referral_adult_social_care', 'shared.concerns.outcome.adultSocialCare'),
  option('referral_childrens_services', 'shared.concerns.outcome.childrensServices'),
  option('referral_gp', 'shared.concerns.outcome.gp'),
  option('referral_mental_health_team', 'shared.concerns.outcome.mentalHealthTeam'),
  option('other', 'shared.concerns.outcome.other'),
];

/** A span of minutes as {unit, count}: minutes under an hour, hours under two days, else days. */
function span(minutes) {
  const m = Math.abs(minutes);
  if (m < 60) return { unit: 'minute', count: m };
  const hours = Math.round(m / 60);
  if (hours < 48) return { unit: 'hour', count: hours };
  return { unit: 'day', count: Math.round(hours / 24) };
}

/** "Target in 3 hours", "4 hours past target", "Acknowledged", "Closed": from the API's minutes_to_target. */
export function targetWords(concern) {
  if (concern.status === 'closed') return t('shared.concerns.closed');
  if (concern.status === 'acknowledged') return t('shared.concerns.acknowledged');
  const minutes = concern.minutes_to_target;
  if (minutes < 0) return t('shared.concerns.pastTarget', span(minutes));
  if (minutes === 0) return t('shared.concerns.targetNow');
  return t('shared.concerns.targetIn', span(minutes));
}

/** Open concerns nobody has taken that must stand out: someone at risk now, or past their target. */
export function urgentConcerns(queue = []) {
  return queue.filter((c) => c.status === 'open' && (c.at_risk_now || c.past_target));
}

/** The status word of a concern in the coordinators' queue. */
export function statusWords(concern) {
  if (concern.status === 'closed') return t('shared.concerns.closed');
  if (concern.status === 'acknowledged') return t('shared.concerns.beingHandled');
  return t('shared.concerns.notAcknowledged');
}

/** A new Idempotency-Key for one concern being sent (a retry of the same form reuses it). */
export function newRequestKey(random = () => Math.random()) {
  const part = () => Math.floor(random() * 0x100000000).toString(16).padStart(8, '0');
  return `concern-${part()}${part()}${part()}`;
}

/** The home card's line: how many concerns are open and how long until the nearest one's target. */
export function concernsSummary(queue = []) {
  const open = queue.filter((c) => c.status !== 'closed');
  if (!open.length) return t('shared.concerns.summary.none');
  const waiting = open.filter((c) => c.status === 'open');
  if (!waiting.length) return t('shared.concerns.summary.allHandled', { count: open.length });
  const nearest = waiting.reduce((a, b) => (b.minutes_to_target < a.minutes_to_target ? b : a));
  return t('shared.concerns.summary.waiting', {
    open: t('shared.concerns.summary.open', { count: open.length }),
    waiting: t('shared.concerns.summary.notAcknowledged', { count: waiting.length }),
    target: targetWords(nearest).toLocaleLowerCase(currentLocale()),
  });
}
