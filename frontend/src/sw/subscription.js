// Keeping this device's push subscription known to the server when the browser replaces it.
import { fetchVapidKey, removeSubscription, saveSubscription, subscribe } from '../push-api.js';
import { openStore } from '../offline/store.js';

/** The CSRF token in the service worker: from Cookie Store where supported, else what the app saved. */
export async function workerCsrfToken(scope) {
  try {
    const cookie = await scope.cookieStore?.get('csrftoken');
    if (cookie?.value) return cookie.value;
  } catch {
    // no Cookie Store API here
  }
  try {
    const store = await openStore();
    try {
      return (await store.getMeta('csrf')) || '';
    } finally {
      store.close();
    }
  } catch {
    return '';
  }
}

/** On ``pushsubscriptionchange``: subscribe again if needed, send the new one, forget the old one. */
export async function resubscribe(scope, event) {
  let subscription = event.newSubscription || (await scope.registration.pushManager.getSubscription());
  if (!subscription) {
    const key = await fetchVapidKey();
    if (!key) return;
    subscription = await subscribe(scope.registration, key);
  }
  const csrfToken = await workerCsrfToken(scope);
  await saveSubscription(subscription, { csrfToken });
  const old = event.oldSubscription;
  if (old && old.endpoint !== subscription.endpoint) await removeSubscription(old.endpoint, { csrfToken });
}
