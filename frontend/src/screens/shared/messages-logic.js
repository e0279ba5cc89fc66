// The words and order of a pair's message thread (issue 18), kept apart from the screen for node tests.
import { formatDate, t } from '../../i18n.js';

export const MAX_MESSAGE = 2000;
export const MUTE_DAYS = 3;

/** What is wrong with a message before it is sent ('' when nothing). */
export function messageProblem(text) {
  const trimmed = (text || '').trim();
  if (!trimmed) return t('shared.messages.error.empty');
  if (trimmed.length > MAX_MESSAGE) return t('shared.messages.error.tooLong', { max: MAX_MESSAGE });
  return '';
}

/**
 * The thread as shown: the server's messages (oldest first), then mine still waiting on this phone
 * (``waiting``: [{key, text, at}]) that the server does not have yet.
 */
export function threadItems(messages, waiting = []) {
  const shown = (messages || []).map((m) => ({ ...m, waiting: false }));
  const pending = waiting.map((w) => ({ id: `waiting-${w.key}`, key: w.key, mine: true, text: w.text, sent_at: w.at, read_at: null, waiting: true }));
  return [...shown, ...pending];
}

/** The small line under a message of mine: waiting, sent, or read. */
export function receiptWords(item, otherName) {
  if (!item.mine) return '';
  if (item.waiting) return t('shared.messages.waiting');
  return item.read_at ? t('shared.messages.readBy', { name: otherName }) : t('shared.messages.sent');
}

/** "Today 14:05", "Yesterday 09:30" or "3 Mar 18:00" in the phone's time zone. */
export function timeWords(iso, now = new Date()) {
  const at = new Date(iso);
  const time = formatDate(at, { hour: '2-digit', minute: '2-digit' });
  const day = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((day(now) - day(at)) / 86400000);
  if (days === 0) return t('shared.messages.today', { time });
  if (days === 1) return t('shared.messages.yesterday', { time });
  return t('shared.messages.dayTime', { day: formatDate(at, { day: 'numeric', month: 'short' }), time });
}

/** Who wrote it, as a screen reader hears it. */
export function authorWords(item, otherName) {
  return item.mine ? t('shared.messages.you') : otherName;
}

/** Whether opening the thread should send read receipts (a message from the other person is unread). */
export function hasUnread(messages) {
  return (messages || []).some((m) => !m.mine && !m.read_at);
}

/** Until when a buddy's mute lasts if they choose it now. */
export function muteUntil(now = new Date(), days = MUTE_DAYS) {
  return new Date(now.getTime() + days * 86400000).toISOString();
}

/** The buddy's own words about their mute ('' when not muted). */
export function mutedWords(mutedUntil) {
  if (!mutedUntil) return '';
  const until = formatDate(mutedUntil, { weekday: 'long', day: 'numeric', month: 'long' });
  return t('shared.messages.muted', { until });
}

// The words are read when shown (getters), in the language of the moment.
export const REPORT_REASONS = [
  {
    value: 'worried',
    get label() {
      return t('shared.messages.report.worried');
    },
  },
  {
    value: 'not_ok',
    get label() {
      return t('shared.messages.report.notOk');
    },
  },
];
