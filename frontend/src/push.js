// Reminders on this device: what the browser can do, asking for permission only after a tap, and
// keeping the server's list of my devices in step (at every start, too).
import { CSRF_COOKIE, readCookie } from './api.js';
import { t } from './i18n.js';
import { fetchVapidKey, removeSubscription, saveSubscription, subscribe } from './push-api.js';

/** iPhone and iPad (iPadOS reports itself as a Mac with a touch screen). */
export function isAppleMobile(nav = navigator) {
  return /iPad|iPhone|iPod/.test(nav.userAgent) || (nav.platform === 'MacIntel' && nav.maxTouchPoints > 1);
}

export function isInstalled(win = globalThis) {
  return Boolean(win.matchMedia?.('(display-mode: standalone)').matches || win.navigator?.standalone);
}

/**
 * What this device can do about reminders:
 * "needs-install" (an iPhone shows web push only for apps on the home screen), "unsupported",
 * "denied" (blocked in settings), "granted" or "default" (not asked yet).
 */
export function pushState(win = globalThis) {
  const supported = 'serviceWorker' in win.navigator && 'PushManager' in win && 'Notification' in win;
  if (!supported) return isAppleMobile(win.navigator) && !isInstalled(win) ? 'needs-install' : 'unsupported';
  return win.Notification.permission; // "default" | "granted" | "denied"
}

async function registration() {
  return navigator.serviceWorker.ready;
}

export async function currentSubscription() {
  if (pushState() !== 'granted') return null;
  return (await registration()).pushManager.getSubscription();
}

export class RemindersUnavailable extends Error {}

// Whether this person turned reminders on in this browser (and has not turned them off since): a
// subscription the browser dropped while permission stays granted is then made again at start.
const WANTED = 'carerlink.reminders.wanted';

function remember(wanted, storage = globalThis.localStorage) {
  try {
    if (wanted) storage?.setItem(WANTED, '1');
    else storage?.removeItem(WANTED);
  } catch {
    // storage blocked (private mode): reminders still work, they just aren't re-made at start
  }
}

function wanted(storage = globalThis.localStorage) {
  try {
    return storage?.getItem(WANTED) === '1';
  } catch {
    return false;
  }
}

/** After the tap on "Turn on reminders": ask, subscribe with the server's key, send the subscription. */
export async function turnOnReminders() {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return permission;
  const key = await fetchVapidKey();
  if (!key) throw new RemindersUnavailable(t('shell.push.notSetUp'));
  const reg = await registration();
  const subscription = (await reg.pushManager.getSubscription()) || (await subscribe(reg, key));
  const status = await saveSubscription(subscription, { csrfToken: readCookie(CSRF_COOKIE) });
  if (status >= 300) throw new RemindersUnavailable(t('shell.push.couldNotSave'));
  remember(true);
  return 'granted';
}

/** Stop reminders on this device: tell the server, then unsubscribe. */
export async function turnOffReminders() {
  remember(false);
  const subscription = await currentSubscription();
  if (!subscription) return;
  await removeSubscription(subscription.endpoint, { csrfToken: readCookie(CSRF_COOKIE) });
  await subscription.unsubscribe();
}

/**
 * At every start: make sure the server still has this device's subscription (an upsert), and when
 * the browser has dropped it while reminders are wanted and allowed, subscribe again first.
 */
export async function refreshSubscription() {
  try {
    if (pushState() !== 'granted') return;
    const reg = await registration();
    let subscription = await reg.pushManager.getSubscription();
    if (!subscription && wanted()) {
      const key = await fetchVapidKey();
      if (key) subscription = await subscribe(reg, key);
    }
    if (!subscription) return;
    remember(true); // a subscription made before this was remembered counts as wanted
    await saveSubscription(subscription, { csrfToken: readCookie(CSRF_COOKIE) });
  } catch {
    // offline, or push not available on this server: the inbox still works
  }
}
