// The logic of "Who at the centre looked at your record" (issue 15).
import { formatDate, t } from '../../i18n.js';

/** The access log's URL, for the first page or the one after ``before``. */
export function accessUrl(before = null) {
  const params = new URLSearchParams({ limit: '20' });
  if (before) params.set('before', before);
  return `/api/v1/me/access-log?${params}`;
}

/** "Morgan, coordinator, looked at your profile" and "14:05 on 3 March 2026". */
export function accessLine(entry) {
  const at = new Date(entry.at);
  const time = formatDate(at, { hour: '2-digit', minute: '2-digit' });
  const day = formatDate(at, { day: 'numeric', month: 'long', year: 'numeric' });
  const who = entry.who.includes(',') ? `${entry.who},` : entry.who;
  return { text: `${who} ${entry.what}`, when: t('shared.access.when', { time, day }) };
}
