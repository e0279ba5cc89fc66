// At every start the app keeps this device's reminders working: it re-sends the subscription the
// browser has, and makes a new one when the browser dropped it while reminders are still wanted.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { refreshSubscription, turnOffReminders } from '../src/push.js';

const KEY = 'BAEC'; // base64url of bytes 4, 1, 2

function subscriptionAt(endpoint) {
  return { endpoint, toJSON: () => ({ endpoint, keys: { p256dh: 'p', auth: 'a' } }), unsubscribe: async () => true };
}

let calls;
let browser;

function memoryStorage() {
  const items = new Map();
  return {
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => items.set(key, String(value)),
    removeItem: (key) => items.delete(key),
  };
}

function phone({ permission = 'granted', existing = null } = {}) {
  const state = { current: existing, subscribed: 0 };
  const pushManager = {
    getSubscription: async () => state.current,
    subscribe: async (options) => {
      assert.deepEqual([...options.applicationServerKey], [4, 1, 2]);
      state.subscribed += 1;
      state.current = subscriptionAt('https://push.example/again');
      return state.current;
    },
  };
  globalThis.navigator = { userAgent: 'test', serviceWorker: { ready: Promise.resolve({ pushManager }) } };
  globalThis.PushManager = function PushManager() {};
  globalThis.Notification = { permission };
  return state;
}

beforeEach(() => {
  calls = [];
  globalThis.localStorage = memoryStorage();
  globalThis.fetch = async (url, init = {}) => {
    calls.push([init.method || 'GET', url, init.body ? JSON.parse(init.body).endpoint : undefined]);
    if (url.endsWith('/vapid-public-key')) return { ok: true, status: 200, json: async () => ({ publicKey: KEY }) };
    return { ok: true, status: 201 };
  };
  browser = undefined;
});

test('the subscription the browser still has is given to the server again', async () => {
  browser = phone({ existing: subscriptionAt('https://push.example/kept') });
  await refreshSubscription();
  assert.equal(browser.subscribed, 0);
  assert.deepEqual(calls, [['POST', '/api/v1/push/subscriptions', 'https://push.example/kept']]);
});

test('a subscription the browser dropped is made again when reminders were turned on here', async () => {
  browser = phone({ existing: subscriptionAt('https://push.example/kept') });
  await refreshSubscription(); // remembered as wanted from the subscription it had
  browser.current = null; // the browser dropped it (cleared, expired) while permission stays granted
  calls = [];
  await refreshSubscription();
  assert.equal(browser.subscribed, 1);
  assert.deepEqual(calls, [
    ['GET', '/api/v1/push/vapid-public-key', undefined],
    ['POST', '/api/v1/push/subscriptions', 'https://push.example/again'],
  ]);
});

test('after "Turn off reminders" nothing is made again at start', async () => {
  browser = phone({ existing: subscriptionAt('https://push.example/kept') });
  await refreshSubscription();
  await turnOffReminders();
  browser.current = null;
  calls = [];
  await refreshSubscription();
  assert.equal(browser.subscribed, 0);
  assert.deepEqual(calls, []);
});

test('nothing is asked or made where reminders were never allowed', async () => {
  browser = phone({ permission: 'default' });
  globalThis.localStorage.setItem('carerlink.reminders.wanted', '1');
  await refreshSubscription();
  assert.equal(browser.subscribed, 0);
  assert.deepEqual(calls, []);
});
