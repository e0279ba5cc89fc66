// The words and order of a pair's message thread (issue 18), kept apart from the screen for node tests.
import { formatDate, t } from '../../i18n.js';

export const MAX_MESSAGE = 2000;
// The counter shows once this few characters are left: calm until the limit is near.
export const COUNTER_FROM = 200;
// A buddy mutes a thread for at most this many days (messaging/policy.py MAX_MUTE_DAYS).
export const MAX_MUTE_DAYS = 14;
// "Until tomorrow morning" ends at this hour on the phone's clock.
const MORNING_HOUR = 8;
const DAY_MS = 86400000;

/** How long a text is as the server counts it: in Unicode code points (an emoji is one, not two). */
export function characterCount(text) {
  return [...(text || '')].length;
}

/** What is wrong with a message before it is sent ('' when nothing). */
export function messageProblem(text) {
  const trimmed = (text || '').trim();
  if (!trimmed) return t('shared.messages.error.empty');
  if (characterCount(trimmed) > MAX_MESSAGE) return t('shared.messages.error.tooLong', { max: MAX_MESSAGE });
  return '';
}

/** The counter under the compose box: '' while far from the limit, then what is left (or too many). */
export function counterWords(text, limit = MAX_MESSAGE) {
  const left = limit - characterCount(text);
  if (left > COUNTER_FROM) return '';
  return left >= 0 ? t('shared.charactersLeft', { count: left }) : t('shared.charactersOver', { count: -left });
}

// The crisis words' folding (messaging/policy.py ``fold``, ThreadRead's docstring): apostrophes go,
// these letters are written alike (Polish ł as l, Arabic yeh, kaf and heh as Urdu's, as phones with an
// Arabic keyboard type them).
const APOSTROPHES = /['\u2018\u2019\u02bc`\u00b4]/g;
const ALIKE = { 'ł': 'l', '\u064a': '\u06cc', '\u0649': '\u06cc', '\u0643': '\u06a9', '\u0647': '\u06c1' };

/**
 * A text as the server compares it with the crisis words (messaging/policy.py ``fold``): lower case;
 * apostrophes removed ("can't" is "cant"); NFKD with every combining mark removed ("się" is "sie");
 * ł as l, Arabic yeh, kaf and heh as Urdu's; every run of what is not a letter or a digit one space,
 * trimmed.
 */
export function foldForCrisis(text) {
  return (text || '')
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ł\u064a\u0649\u0643\u0647]/g, (c) => ALIKE[c])
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Whether ``text`` reads as a crisis against ``words`` (the thread's ``crisis_words``: the server's
 * phrases for English and the carer's language, already folded): the same rule as the server's, so a
 * message written with no signal shows the crisis lines at once; online, the server's own answer is what
 * shows. A phrase matches from the start of a word, whatever follows it (a stem matches its longer forms).
 */
export function readsAsCrisis(text, words) {
  const folded = ` ${foldForCrisis(text)}`;
  return (words || []).some((phrase) => {
    const wanted = foldForCrisis(phrase);
    return wanted !== '' && folded.includes(` ${wanted}`);
  });
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

/**
 * Older pages in front of the latest one, each message once (the latest copy wins: its read receipt
 * and report mark are the newest), oldest first.
 */
export function withEarlier(earlier, latest) {
  const byId = new Map();
  for (const message of [...(earlier || []), ...(latest || [])]) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => new Date(a.sent_at) - new Date(b.sent_at));
}

/**
 * Where the page before the oldest shown starts (``?before=``), or null when there is none: the server's
 * ``earlier_before``; from a server without it, the oldest message's time when it says there is more.
 */
export function earlierCursor(thread, oldest = thread?.messages?.[0]) {
  if (!thread) return null;
  if (thread.earlier_before !== undefined) return thread.earlier_before || null;
  return thread.earlier && oldest ? oldest.sent_at : null;
}

/** The messages from the other person that came in since ``before`` (the ids shown until now). */
export function newFromThem(messages, before) {
  if (!before) return [];
  return (messages || []).filter((m) => !m.mine && !before.has(m.id));
}

/** The small line under a message of mine: waiting, sent, or read. */
export function receiptWords(item, otherName) {
  if (!item.mine) return '';
  if (item.waiting) return t('shared.messages.waiting');
  return item.read_at ? t('shared.messages.readBy', { name: otherName }) : t('shared.messages.sent');
}

/** Whether a message can be reported by me: someone else's words, sent, and not reported by me yet. */
export function canReport(item) {
  return !item.mine && !item.waiting && Boolean(item.text) && !item.reported_by_me;
}

/** "Today 14:05", "Yesterday 09:30" or "3 Mar 18:00" in the phone's time zone. */
export function timeWords(iso, now = new Date()) {
  const at = new Date(iso);
  const time = formatDate(at, { hour: '2-digit', minute: '2-digit' });
  const day = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((day(now) - day(at)) / DAY_MS);
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

/** The morning after ``now`` on the phone's clock (this morning, in the small hours). */
function nextMorning(now) {
  const morning = new Date(now.getFullYear(), now.getMonth(), now.getDate(), MORNING_HOUR);
  if (now.getHours() >= 5) morning.setDate(morning.getDate() + 1);
  return morning;
}

/**
 * A buddy's choices of how long to mute a thread: until tomorrow morning, 3 days, a week (each at most
 * MAX_MUTE_DAYS ahead, as the server allows). ``until`` is what the API takes.
 */
export function muteChoices(now = new Date()) {
  return [
    { value: 'morning', until: nextMorning(now).toISOString(), label: t('shared.messages.mute.morning') },
    { value: 'days', until: new Date(now.getTime() + 3 * DAY_MS).toISOString(), label: t('shared.messages.mute.days') },
    { value: 'week', until: new Date(now.getTime() + 7 * DAY_MS).toISOString(), label: t('shared.messages.mute.week') },
  ];
}

/** The buddy's own words about their mute ('' when not muted): until which day and time. */
export function mutedWords(mutedUntil) {
  if (!mutedUntil) return '';
  const until = formatDate(mutedUntil, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
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
