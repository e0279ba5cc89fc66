// Erasure (issue 15), the parts with no screen: where a request stands in words, what erasing removes
// and keeps, and where a paused request's reasons link to. Shared by "Your data" and the coordinators' pages.
import { currentLocale, t } from '../../i18n.js';

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
  const words = {
    requested: () => t('shared.erasure.mine.requested'),
    paused: () => t('shared.erasure.mine.paused'),
    done: () => t('shared.erasure.mine.done'),
    cancelled: () => t('shared.erasure.mine.cancelled'),
  }[request.state];
  return words ? words() : '';
}

/** The coordinators' tag for a request. */
export function stateWords(state) {
  const words = {
    requested: () => t('shared.erasure.state.requested'),
    paused: () => t('shared.erasure.state.paused'),
    done: () => t('shared.erasure.state.done'),
    cancelled: () => t('shared.erasure.state.cancelled'),
  }[state];
  return words ? words() : state;
}


/** One line per section: "Check-ins: 12 kept without names" (nothing for empty sections). */
export function sectionLines(sections = []) {
  return sections
    .map((s) => {
      const parts = [];
      if (s.deleted) parts.push(t('shared.erasure.deleted', { count: s.deleted }));
      if (s.anonymised) parts.push(t('shared.erasure.anonymised', { count: s.anonymised }));
      if (s.kept) parts.push(t('shared.erasure.kept', { count: s.kept }));
      const text = new Intl.ListFormat(currentLocale(), { type: 'unit', style: 'short' }).format(parts);
      return parts.length ? { section: s.section, title: s.title, text } : null;
    })
    .filter(Boolean)
    .sort((a, b) => a.title.localeCompare(b.title));
}

/** What a kept safeguarding record is, and until when it is kept (or that its time starts once closed). */
export function keptWords(record, years, formatDate = (v) => v) {
  const what = ['crisis_alerts', 'concerns', 'concern_actions'].includes(record.table) ? record.table : 'other';
  const raised = record.raised_at ? 'yes' : 'no';
  const raisedAt = record.raised_at ? formatDate(record.raised_at) : '';
  if (record.kept_until) {
    return t('shared.erasure.keptUntil', { what, raised, raisedAt, until: formatDate(record.kept_until) });
  }
  return t('shared.erasure.keptFor', { what, raised, raisedAt, years });
}

/** Only the real erasure routes: the person's own organisation comes from their session. */
export function askBody(organisation) {
  return organisation?.id ? { organisation_id: organisation.id } : {};
}
