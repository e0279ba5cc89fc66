// Replaying the offline queue from the service worker (the "sync" event), then telling open windows.
import { createQueue } from '../offline/queue.js';
import { exclusive, replay, sendWithFetch } from '../offline/replay.js';
import { openStore } from '../offline/store.js';
import { workerCsrfToken } from './subscription.js';

/** Send what is queued; rejects when items must wait, so the browser tries the sync again later. */
export async function replayFromWorker(scope) {
  const store = await openStore();
  let summary;
  try {
    const owner = await store.getMeta('owner');
    const csrfToken = await workerCsrfToken(scope);
    summary = await exclusive(() =>
      replay({ queue: createQueue({ store }), owner, send: (item) => sendWithFetch(item, { csrfToken }) }),
    );
  } finally {
    store.close();
  }
  for (const client of await scope.clients.matchAll({ type: 'window', includeUncontrolled: true })) {
    client.postMessage({ type: 'queue-changed', helpSent: summary?.helpSent || [] });
  }
  if (summary.stoppedBy === 'retry') throw new Error('offline queue: some items must wait');
  return summary;
}
