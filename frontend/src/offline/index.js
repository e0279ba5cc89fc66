// The offline queue as the app uses it: queue a request, replay at start and on "online" (the
// service worker replays on "sync"), count what waits, and wipe it all at sign-out.
import { CSRF_COOKIE, readCookie } from '../api.js';
import { recordDelivered } from '../help-status.js';
import { t } from '../i18n.js';
import { asksForHelp, createQueue, QueueFull } from './queue.js';
import { exclusive, replay, sendWithFetch } from './replay.js';
import { deleteStore, openStore } from './store.js';
import { SYNC_TAG } from './sync-tag.js';

export { SYNC_TAG };
export const PUBLIC_CACHE = 'carerlink-public';
// How long a queued request waits for the service worker before giving up on Background Sync.
const SYNC_WAIT_MS = 2000;

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

/** Whether a request with this Idempotency-Key still waits to be sent (false once sent, or unknown). */
export async function isQueued(key) {
  try {
    return (await (await queue()).items()).some((item) => item.key === key);
  } catch {
    return false;
  }
}

function listen() {
  if (listening) return;
  listening = true;
  addEventListener('online', () => replayQueue());
  navigator.serviceWorker?.addEventListener('message', (event) => {
    if (event.data?.type !== 'queue-changed') return;
    recordDelivered(event.data.helpSent);
    changed();
  });
}

/**
 * Start for the signed-in person: note who owns the queue (and, for a carer, the organisation the help
 * page tells: {slug, name}, so it can offer "Tell the centre I need help" when the app opens offline),
 * then replay now and whenever back online.
 */
export async function startOfflineQueue(userId, helpOrganisation = null) {
  owner = userId;
  const db = await store();
  await db.setMeta('owner', userId);
  await db.setMeta('help-organisation', helpOrganisation);
  await db.setMeta('csrf', readCookie(CSRF_COOKIE));
  listen();
  await replayQueue();
}

/**
 * Opened with no connection (the session is unknown): the carer this phone's queue belongs to, from
 * the last sign-in. Resolves to the organisation to tell ({slug, name}) and makes queueing possible,
 * or null (nobody signed in here, not a carer, or nothing kept on this phone).
 */
export async function storedCarer() {
  try {
    const db = await store();
    const [userId, organisation] = await Promise.all([db.getMeta('owner'), db.getMeta('help-organisation')]);
    if (!userId || !organisation?.slug) return null;
    owner ||= userId;
    listen();
    return organisation;
  } catch {
    return null;
  }
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
  recordDelivered(summary?.helpSent);
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

/**
 * Ask the service worker for a background sync, best effort and never awaited by queueing:
 * ``navigator.serviceWorker.ready`` never settles without an active service worker (a first visit, a
 * private window), and a request for help must not wait on it.
 */
export function registerSync({ container = globalThis.navigator?.serviceWorker, waitMs = SYNC_WAIT_MS } = {}) {
  if (!container?.ready) return Promise.resolve(false);
  let timer;
  const late = new Promise((resolve) => {
    timer = setTimeout(() => resolve(null), waitMs);
  });
  return Promise.race([container.ready, late])
    .then(async (registration) => {
      if (!registration?.sync) return false;
      await registration.sync.register(SYNC_TAG);
      return true;
    })
    .catch(() => false) // No Background Sync (Safari, Firefox): the "online" event and the next start replay instead.
    .finally(() => clearTimeout(timer));
}

/** Queue a request to send when back online (and ask for a background sync where supported). */
export async function queueRequest({ method, url, body, label, key, help = false }) {
  if (!owner) throw new Error('sign in first');
  let item;
  try {
    item = await (await queue()).enqueue({ method, url, body, owner, label, key, help });
  } catch (error) {
    // queue.js is shared with the service worker, which has no catalogue: the words are put in here.
    if (error instanceof QueueFull) error.message = t('shell.offline.queueFull');
    throw error;
  }
  try {
    await (await store()).setMeta('csrf', readCookie(CSRF_COOKIE));
  } catch {
    // the item is stored; the token is read again when replaying from this window
  }
  registerSync();
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
    sessionStorage.clear(); // help-status.js: whether the centre was told
  } catch {
    // storage may be disabled
  }
  changed();
}
