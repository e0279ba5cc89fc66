// The offline queue: what waits to be sent. It keeps the minimum needed to send a request once
// (method, URL, JSON body, whose it is, an Idempotency-Key) and enforces the retention limits: an
// item older than ``maxAgeMs`` is dropped unsent, and no more than ``maxItems`` wait at once.
// A request for help ("I need help now", or an answer that ticks it) is exempt from both: it is
// never expired and never refused for room, because losing it could leave a carer in danger alone.
// Storage is the store's job (store.js); sending is replay.js's.

export const DEFAULT_MAX_AGE_MS = 3 * 24 * 60 * 60 * 1000; // a check-in answer older than this is stale
export const DEFAULT_MAX_ITEMS = 20;

export class QueueFull extends Error {
  constructor() {
    super('Too many answers are waiting to be sent. Please connect to the internet first.');
    this.name = 'QueueFull';
  }
}

/** A fresh Idempotency-Key: the server stores a request sent with the same key once. */
export function newIdempotencyKey() {
  return globalThis.crypto.randomUUID();
}

/** Whether ``item`` asks for help: a help request, or a check-in answer with "I need help now". */
export function asksForHelp(item) {
  return Boolean(item?.help || item?.body?.needs_help === true);
}

/**
 * A queue over ``store`` (see store.js for the methods it needs).
 * ``now`` and ``newKey`` can be replaced in tests.
 */
export function createQueue({
  store,
  now = () => Date.now(),
  maxAgeMs = DEFAULT_MAX_AGE_MS,
  maxItems = DEFAULT_MAX_ITEMS,
  newKey = newIdempotencyKey,
}) {
  const isExpired = (item) => !asksForHelp(item) && now() - item.createdAt > maxAgeMs;

  return {
    /** Queue a request for ``owner`` (the signed-in person's id); resolves to the stored item. */
    /** ``key``: the Idempotency-Key an online attempt already used, so a lost answer is not sent twice. */
    /** ``help``: a request for help (kept until the centre is told; see asksForHelp). */
    async enqueue({ method, url, body, owner, label = '', key = null, help = false }) {
      if (!method || !url || !owner) throw new TypeError('method, url and owner are required');
      await this.prune();
      const item = { method, url, body: body ?? null, owner, label, key: key || newKey(), createdAt: now(), attempts: 0 };
      if (help) item.help = true;
      if (!asksForHelp(item) && (await store.count()) >= maxItems) throw new QueueFull();
      return store.add(item);
    },

    /** Drop items past the retention limit; resolves to how many were dropped. */
    async prune() {
      let dropped = 0;
      for (const item of await store.all()) {
        if (isExpired(item)) {
          await store.remove(item.id);
          dropped++;
        }
      }
      return dropped;
    },

    /** Items still worth sending, oldest first. */
    async items() {
      const items = await store.all();
      return items.filter((item) => !isExpired(item)).sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
    },

    async count() {
      return (await this.items()).length;
    },

    /** An item was sent (or can never be): forget it. */
    remove: (id) => store.remove(id),

    /** Count a failed attempt (kept for the next replay). */
    async noteAttempt(item) {
      await store.update({ ...item, attempts: (item.attempts || 0) + 1, lastAttemptAt: now() });
    },

    /** Forget everything (sign-out). */
    clear: () => store.clear(),
  };
}
