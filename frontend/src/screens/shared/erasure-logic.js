// Erasure (issue 15), the parts with no screen: where a request stands in words, what erasing removes
// and keeps, and where a paused request's reasons link to. Shared by "Your data" and the coordinators' pages.

export const OPEN_STATES = ['requested', 'paused'];

/** The person's request still waiting (asked, or paused), if any: the newest first, as the API lists. */
export function openRequest(requests = []) {
  return requests.find((r) => OPEN_STATES.includes(r.state)) || null;
}

/**
 * What the person reads about their own request. A paused one says only that a coordinator will be in
 * touch: never why (a concern about them must not be revealed).
 */
export function myRequestWords(request) {
  if (!request) return '';
  return {
    requested: 'You asked to be deleted. A coordinator will check and confirm it, usually within a few days.',
    paused: 'You asked to be deleted. A coordinator will be in touch with you about this.',
    done: 'Your records were deleted.',
    cancelled: 'You cancelled your request. Nothing was deleted.',
  }[request.state] || '';
}

/** The coordinators' tag for a request. */
export function stateWords(state) {
  return { requested: 'Waiting to be confirmed', paused: 'Paused', done: 'Done', cancelled: 'Cancelled' }[state] || state;
}

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** One line per section: "Check-ins: 12 kept without names" (nothing for empty sections). */
export function sectionLines(sections = []) {
  return sections
    .map((s) => {
      const parts = [];
      if (s.deleted) parts.push(`${plural(s.deleted, 'record', 'records')} deleted`);
      if (s.anonymised) parts.push(`${plural(s.anonymised, 'record', 'records')} kept without their name`);
      if (s.kept) parts.push(`${plural(s.kept, 'record', 'records')} kept for safeguarding`);
      return parts.length ? { section: s.section, title: s.title, text: parts.join(', ') } : null;
    })
    .filter(Boolean)
    .sort((a, b) => a.title.localeCompare(b.title));
}

const KEPT_NAMES = { crisis_alerts: 'A crisis alert', concerns: 'A concern', concern_actions: 'An action on a concern' };

/** What a kept safeguarding record is, and until when it is kept (or that its time starts once closed). */
export function keptWords(record, years, formatDate = (v) => v) {
  const what = KEPT_NAMES[record.table] || 'A safeguarding record';
  const raised = record.raised_at ? ` raised ${formatDate(record.raised_at)}` : '';
  if (record.kept_until) return `${what}${raised}: kept until ${formatDate(record.kept_until)}`;
  return `${what}${raised}: kept for ${years} years after it is closed`;
}

/** Only the real erasure routes: the person's own organisation comes from their session. */
export function askBody(organisation) {
  return organisation?.id ? { organisation_id: organisation.id } : {};
}
