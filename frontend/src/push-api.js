// The web-push API (issue 3) in one place, for the app and the service worker alike:
// GET /api/v1/push/vapid-public-key → {"publicKey": "<base64url>"};
// POST /api/v1/push/subscriptions with PushSubscription.toJSON(); GET lists mine;
// DELETE removes one by endpoint; POST /api/v1/push/test sends a test to each of my devices.

export const PUSH_API = '/api/v1/push';

/** The bytes of a base64url string (the VAPID public key is one). */
export function base64UrlToBytes(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function jsonHeaders(csrfToken) {
  return { Accept: 'application/json', 'Content-Type': 'application/json', 'X-CSRFToken': csrfToken || '' };
}

/** The server's VAPID public key as bytes, or null when this server has no push. */
export async function fetchVapidKey({ fetch = globalThis.fetch } = {}) {
  const response = await fetch(`${PUSH_API}/vapid-public-key`, { credentials: 'same-origin' });
  if (!response.ok) return null;
  const { publicKey } = await response.json();
  return publicKey ? base64UrlToBytes(publicKey) : null;
}

/** Tell the server about this device's subscription (an upsert by endpoint); resolves to the status. */
export async function saveSubscription(subscription, { csrfToken, fetch = globalThis.fetch }) {
  const response = await fetch(`${PUSH_API}/subscriptions`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: jsonHeaders(csrfToken),
    body: JSON.stringify(subscription.toJSON ? subscription.toJSON() : subscription),
  });
  return response.status;
}

/** Ask the server to forget one subscription. */
export async function removeSubscription(endpoint, { csrfToken, fetch = globalThis.fetch }) {
  const response = await fetch(`${PUSH_API}/subscriptions?endpoint=${encodeURIComponent(endpoint)}`, {
    method: 'DELETE',
    credentials: 'same-origin',
    headers: jsonHeaders(csrfToken),
  });
  return response.status;
}

/** Subscribe this browser with the server's key. */
export function subscribe(registration, applicationServerKey) {
  return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey });
}
