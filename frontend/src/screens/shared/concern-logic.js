// Concerns (issue 13): the words of a concern's categories, outcomes and target, and what stands out on
// the coordinator's home. A concern is never shown to the carer it is about: only buddy and coordinator
// screens import this.

/** Categories in the order the buddy's form lists them ("Something else" last, and chosen to start with). */
export const CATEGORIES = [
  { value: 'risk_to_carer', label: 'Risk to the carer', hint: 'For example, they talked about harming themselves.' },
  { value: 'risk_to_cared_for', label: 'Risk to the person they care for', hint: 'For example, neglect, harm or danger at home.' },
  { value: 'carers_health', label: "The carer's health", hint: 'Their physical or mental health is getting worse.' },
  { value: 'money_or_housing', label: 'Money or housing' },
  { value: 'boundary', label: 'A boundary issue', hint: 'For example, they offered you money or a gift.' },
  { value: 'other', label: 'Something else' },
];

export const OUTCOMES = [
  { value: 'no_further_action', label: 'No further action' },
  { value: 'support_offered', label: 'Support offered' },
  { value: 'referral_adult_social_care', label: 'Referral made to adult social care' },
  { value: 'referral_childrens_services', label: "Referral made to children's services" },
  { value: 'referral_gp', label: 'Referral made to the GP' },
  { value: 'referral_mental_health_team', label: 'Referral made to the mental health team' },
  { value: 'other', label: 'Other' },
];

function span(minutes) {
  const m = Math.abs(minutes);
  if (m < 60) return m === 1 ? '1 minute' : `${m} minutes`;
  const hours = Math.round(m / 60);
  if (hours < 48) return hours === 1 ? '1 hour' : `${hours} hours`;
  const days = Math.round(hours / 24);
  return `${days} days`;
}

/** "Target in 3 hours", "4 hours past target", "Acknowledged", "Closed": from the API's minutes_to_target. */
export function targetWords(concern) {
  if (concern.status === 'closed') return 'Closed';
  if (concern.status === 'acknowledged') return 'Acknowledged';
  const minutes = concern.minutes_to_target;
  if (minutes < 0) return `${span(minutes)} past target`;
  if (minutes === 0) return 'Target now';
  return `Target in ${span(minutes)}`;
}

/** Open concerns nobody has taken that must stand out: someone at risk now, or past their target. */
export function urgentConcerns(queue = []) {
  return queue.filter((c) => c.status === 'open' && (c.at_risk_now || c.past_target));
}

/** The status word of a concern in the coordinators' queue. */
export function statusWords(concern) {
  if (concern.status === 'closed') return 'Closed';
  if (concern.status === 'acknowledged') return 'Being handled';
  return 'Not acknowledged yet';
}

/** A new Idempotency-Key for one concern being sent (a retry of the same form reuses it). */
export function newRequestKey(random = () => Math.random()) {
  const part = () => Math.floor(random() * 0x100000000).toString(16).padStart(8, '0');
  return `concern-${part()}${part()}${part()}`;
}

/** The home card's line: how many concerns are open and how long until the nearest one's target. */
export function concernsSummary(queue = []) {
  const open = queue.filter((c) => c.status !== 'closed');
  if (!open.length) return 'No open concerns.';
  const waiting = open.filter((c) => c.status === 'open');
  const counted = open.length === 1 ? '1 open concern' : `${open.length} open concerns`;
  if (!waiting.length) return `${counted}, all being handled.`;
  const nearest = waiting.reduce((a, b) => (b.minutes_to_target < a.minutes_to_target ? b : a));
  const taken = waiting.length === 1 ? '1 not yet acknowledged' : `${waiting.length} not yet acknowledged`;
  return `${counted} (${taken}); ${targetWords(nearest).toLowerCase()}.`;
}
