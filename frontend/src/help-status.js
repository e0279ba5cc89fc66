// Whether the centre has been told that this carer needs help: the one record every way of asking
// writes to (home's button, the help page's "Tell the centre I need help", a check-in or "I'd like to
// talk" answer with "I need help now", a queued request that later went through). It is written only
// when the server said so (an answer carrying the alert, or a refusal saying the centre was told all
// the same), so the app never claims the centre knows when it doesn't. Kept for the signed-in session
// in sessionStorage (a reload keeps it; sign-out wipes it with the rest: offline/index.js).

const KEY = 'carerlink.help-told';
const listeners = new Set();
let memory = null; // when sessionStorage is unavailable (a private window): this page load only

function storage() {
  try {
    return globalThis.sessionStorage || null;
  } catch {
    return null;
  }
}

/** The last time the centre was told: {at (ms), organisation (name or null), base, alertId} or null. */
export function helpTold() {
  const store = storage();
  if (!store) return memory;
  try {
    const saved = JSON.parse(store.getItem(KEY) || 'null');
    return saved && typeof saved.at === 'number' ? saved : null;
  } catch {
    return null;
  }
}

/** The centre was told (the server said so). ``alertId`` lets the carer say it was a mistake. */
export function recordHelpTold({ organisation = null, base = null, alertId = null, at = Date.now() } = {}) {
  const record = { at, organisation, base, alertId };
  memory = record;
  try {
    storage()?.setItem(KEY, JSON.stringify(record));
  } catch {
    // full or disabled: kept in memory for this page load
  }
  for (const listener of listeners) listener(record);
  return record;
}

/** Forget it (sign-out wipes sessionStorage too; this is for this page load's copy). */
export function forgetHelpTold() {
  memory = null;
  try {
    storage()?.removeItem(KEY);
  } catch {
    // nothing kept
  }
  for (const listener of listeners) listener(null);
}

/** Call ``listener(record)`` whenever the centre is told; returns the unsubscribe function. */
export function onHelpTold(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The organisation's API prefix in a URL ("/api/v1/orgs/riverside/..." → "/api/v1/orgs/riverside"), else null. */
export function baseOf(url) {
  const found = /^\/api\/v1\/orgs\/[^/]+/.exec(url || '');
  return found ? found[0] : null;
}

/** A queued request that asked for help reached the centre (the replay's answer): record it. */
export function recordDelivered(sent) {
  for (const item of sent || []) recordHelpTold({ base: baseOf(item.url), alertId: item.alertId || null, at: item.at });
}
