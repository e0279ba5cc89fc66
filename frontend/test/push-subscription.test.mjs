// pushsubscriptionchange: the service worker subscribes again when it must and keeps the server in step.
import 'fake-indexeddb/auto';
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { resubscribe, workerCsrfToken } from '../src/sw/subscription.js';
import { openStore } from '../src/offline/store.js';

const KEY = 'BAEC'; // base64url of bytes 4, 1, 2

function subscriptionAt(endpoint) {
  return { endpoint, toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh: 'p', auth: 'a' } }) };
}

let calls;
beforeEach(() => {
  calls = [];
  globalThis.fetch = async (url, init = {}) => {
    calls.push({ url, method: init.method || 'GET', headers: init.headers || {}, body: init.body ? JSON.parse(init.body) : null });
    if (url.endsWith('/vapid-public-key')) return { ok: true, status: 200, json: async () => ({ publicKey: KEY }) };
    return { ok: true, status: 201 };
  };
});

function workerScope({ existing = null, cookie = 'cookie-token' } = {}) {
  const subscribed = [];
  return {
    subscribed,
    cookieStore: { get: async (name) => (name === 'csrftoken' && cookie ? { value: cookie } : null) },
    registration: {
      pushManager: {
        getSubscription: async () => existing,
        subscribe: async (options) => (subscribed.push(options), subscriptionAt('https://push.example/new')),
      },
    },
  };
}

test('a new subscription from the browser is sent, and the old endpoint is forgotten', async () => {
  const scope = workerScope();
  await resubscribe(scope, {
    oldSubscription: subscriptionAt('https://push.example/old'),
    newSubscription: subscriptionAt('https://push.example/renewed'),
  });
  assert.deepEqual(scope.subscribed, []);
  assert.deepEqual(
    calls.map((c) => [c.method, c.url, c.body?.endpoint, c.headers['X-CSRFToken']]),
    [
      ['POST', '/api/v1/push/subscriptions', 'https://push.example/renewed', 'cookie-token'],
      ['DELETE', '/api/v1/push/subscriptions?endpoint=https%3A%2F%2Fpush.example%2Fold', undefined, 'cookie-token'],
    ],
  );
});

test('without a new subscription the worker subscribes again with the server key', async () => {
  const scope = workerScope();
  await resubscribe(scope, { oldSubscription: subscriptionAt('https://push.example/old') });
  assert.equal(scope.subscribed.length, 1);
  assert.equal(scope.subscribed[0].userVisibleOnly, true);
  assert.deepEqual([...scope.subscribed[0].applicationServerKey], [4, 1, 2]);
  assert.deepEqual(calls.map((c) => c.method), ['GET', 'POST', 'DELETE']);
  assert.equal(calls[1].body.endpoint, 'https://push.example/new');
});

test('a server without push leaves the device alone', async () => {
  globalThis.fetch = async (url) => (calls.push(url), { ok: false, status: 404 });
  const scope = workerScope();
  await resubscribe(scope, {});
  assert.deepEqual(scope.subscribed, []);
  assert.deepEqual(calls, ['/api/v1/push/vapid-public-key']);
});

test('without Cookie Store the worker uses the CSRF token the app saved', async () => {
  const store = await openStore();
  await store.setMeta('csrf', 'saved-token');
  store.close();
  assert.equal(await workerCsrfToken({}), 'saved-token');
  assert.equal(await workerCsrfToken(workerScope({ cookie: 'from-cookie' })), 'from-cookie');
});
