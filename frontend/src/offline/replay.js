// Replaying the offline queue: send each item once, oldest first, with its Idempotency-Key, so a
// request that reached the server before the connection dropped is not recorded twice. Replay runs
// on the service worker's ``sync`` event, on the window's ``online`` event and at every start; only
// one replay runs at a time per browser (Web Locks), and within one script context.

import { asksForHelp } from './queue.js';

export const REPLAY_LOCK = 'carerlink-offline-replay';

/** What an HTTP status means for a queued item. */
export function classify(status) {
  if (status >= 200 && status < 300) return 'sent';
  if (status === 401) return 'signed-out'; // keep it until the same person signs in again
  if (status === 0 || status === 408 || status === 425 || status === 429 || status >= 500) return 'retry';
  return 'rejected'; // the server refused it for good (invalid, gone, not allowed): sending again won't help
}

/**
 * Send what is queued for ``owner``. ``send(item)`` resolves to the HTTP status (0 when the network
 * failed), or to ``{status, centreTold}``. Items of another owner (an earlier sign-in on a shared
 * phone) are dropped unsent, except requests for help, which wait for their owner.
 * Stops at the first item that must wait (offline, server trouble, signed out), keeping the order.
 * A request for help the server refuses is kept (and reported) unless the refusal says the centre
 * was told all the same (``centre_told``): it is never dropped silently.
 * Resolves to a summary: counts of sent, rejected, dropped and held items, what remains, and why it stopped.
 */
export async function replay({ queue, send, owner, onRejected = () => {} }) {
  const summary = {
    sent: 0,
    rejected: 0,
    dropped: await queue.prune(),
    held: 0,
    remaining: 0,
    stoppedBy: null,
    helpSent: [], // requests for help that reached the centre: [{url, alertId, at}] (help-status.js)
  };
  const items = await queue.items();
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (!owner || item.owner !== owner) {
      if (asksForHelp(item)) {
        summary.held++;
        continue;
      }
      await queue.remove(item.id);
      summary.dropped++;
      continue;
    }
    let result;
    try {
      result = await send(item);
    } catch {
      result = 0;
    }
    const { status, centreTold = false, alertId = null } = typeof result === 'number' ? { status: result } : result;
    const outcome = classify(status);
    if (asksForHelp(item) && (outcome === 'sent' || (outcome === 'rejected' && centreTold))) {
      summary.helpSent.push({ url: item.url, alertId, at: Date.now() });
    }
    if (outcome === 'sent') {
      await queue.remove(item.id);
      summary.sent++;
    } else if (outcome === 'rejected' && asksForHelp(item) && !centreTold) {
      await queue.noteAttempt(item);
      summary.held++;
      onRejected(item, status, { centreTold, kept: true });
    } else if (outcome === 'rejected') {
      await queue.remove(item.id);
      summary.rejected++;
      onRejected(item, status, { centreTold, kept: false });
    } else {
      await queue.noteAttempt(item);
      summary.stoppedBy = outcome;
      summary.remaining = items.length - index;
      return summary;
    }
  }
  return summary;
}

/** Run ``task`` alone: across tabs and the service worker with Web Locks, else within this context. */
export function exclusive(task, { locks = globalThis.navigator?.locks } = {}) {
  if (locks?.request) return locks.request(REPLAY_LOCK, () => task());
  const previous = exclusive.chain || Promise.resolve();
  const next = previous.then(task, task);
  exclusive.chain = next.catch(() => {});
  return next;
}

/**
 * Send one queued item with fetch: JSON body, its Idempotency-Key and the CSRF token.
 * Resolves to ``{status, centreTold, alertId}``: ``centreTold`` when a refusal says the help it carried was
 * passed on; ``alertId`` the alert a request for help raised.
 */
export async function sendWithFetch(item, { csrfToken, fetch = globalThis.fetch }) {
  const response = await fetch(item.url, {
    method: item.method,
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'Idempotency-Key': item.key,
      'X-CSRFToken': csrfToken || '',
    },
    body: item.body === null ? undefined : JSON.stringify(item.body),
  });
  let centreTold = false;
  let alertId = null;
  if (asksForHelp(item)) {
    const answer = await Promise.resolve(response.json?.()).catch(() => null);
    if (response.status >= 400) centreTold = answer?.centre_told === true;
    else alertId = answer?.alert_id || null;
  }
  return { status: response.status, centreTold, alertId };
}
