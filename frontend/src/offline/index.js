// The offline queue as the app uses it: queue a request, replay at start and on "online" (the
// service worker replays on "sync"), count what waits, and wipe it all at sign-out.
import { CSRF_COOKIE, readCookie } from '../api.js';
import { asksForHelp, createQueue } from './queue.js';
import { exclusive, replay, sendWithFetch } from './replay.js';
import { deleteStore, openStore } from './store.js';
import { SYNC_TAG } from './sync-tag.js';

export { SYNC_TAG };
export const PUBLIC_CACHE = 'carerlink-public';

let opened = null;
let owner = null;
let listening = false;
const listeners = new Set();
// Items the server refused for good while replaying (the person is told, and can answer again).
let notSent = [];

function store() {
  opened ||= openStore().catch((error) => {
    opened = null;
    throw error;
  });
  return opened;
}

async function queue() {
  return createQueue({ store: await store() });
}

function changed() {
  for (const listener of listeners) listener();
}

/** Call ``listener`` whenever the queue may have changed; returns the unsubscribe function. */
export function onQueueChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** How many requests wait to be sent (0 when IndexedDB is unavailable). */
export async function queuedCount() {
  try {
    return await (await queue()).count();
  } catch {
    return 0;
  }
}

/** Start for the signed-in person: note who owns the queue, then replay now and whenever back online. */
export async function startOfflineQueue(userId) {
  owner = userId;
  const db = await store();
  await db.setMeta('owner', userId);
  await db.setMeta('csrf', readCookie(CSRF_COOKIE));
  if (!listening) {
    listening = true;
    addEventListener('online', () => replayQueue());
    navigator.serviceWorker?.addEventListener('message', (event) => {
      if (event.data?.type === 'queue-changed') changed();
    });
  }
  await replayQueue();
}

/** Send what is queued, once; resolves to the replay summary (or null when offline or signed out). */
export async function replayQueue() {
  if (!owner || navigator.onLine === false) return null;
  const summary = await exclusive(async () =>
    replay({
      queue: await queue(),
      owner,
      send: (item) => sendWithFetch(item, { csrfToken: readCookie(CSRF_COOKIE) }),
      onRejected: (item, status, { kept = false } = {}) => {
        // A refused help request stays queued (tried again at each replay): report it once.
        if (kept && notSent.some((earlier) => earlier.key === item.key)) return;
        notSent.push({ label: item.label, status, key: item.key, help: kept }); // help: the centre not told
      },
    }),
  );
  changed();
  return summary;
}

/** How many requests for help wait to be sent (0 when IndexedDB is unavailable). */
export async function queuedHelpCount() {
  try {
    return (await (await queue()).items()).filter(asksForHelp).length;
  } catch {
    return 0;
  }
}

/**
 * What could not be sent since the person last dismissed the notice: [{label, status, key, help}];
 * ``help``: a request for help the server refused without telling the centre (it stays queued).
 */
export function notSentItems() {
  return notSent;
}

export function dismissNotSent() {
  notSent = [];
  changed();
}

/** Queue a request to send when back online (and ask for a background sync where supported). */
export async function queueRequest({ method, url, body, label, key, help = false }) {
  if (!owner) throw new Error('sign in first');
  const item = await (await queue()).enqueue({ method, url, body, owner, label, key, help });
  await (await store()).setMeta('csrf', readCookie(CSRF_COOKIE));
  try {
    const registration = await navigator.serviceWorker?.ready;
    await registration?.sync?.register(SYNC_TAG);
  } catch {
    // No Background Sync (Safari, Firefox): the "online" event and the next start replay instead.
  }
  changed();
  return item;
}

/** Forget everything kept on this device for the signed-in person (sign-out). */
export async function wipeOfflineData() {
  owner = null;
  notSent = [];
  if (opened) {
    try {
      (await opened).close();
    } catch {
      // it never opened
    }
    opened = null;
  }
  await deleteStore().catch(() => {});
  await globalThis.caches?.delete(PUBLIC_CACHE).catch(() => {});
  try {
    localStorage.clear();
  } catch {
    // storage may be disabled
  }
  changed();
}
