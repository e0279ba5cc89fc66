// The service worker's handlers: push payloads to notifications, taps to deep links, which requests
// the shell cache answers.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { notificationFromPush, openNotification, safePath, showPush, tellOpenWindows } from '../src/sw/notifications.js';

const ORIGIN = 'https://carerlink.example';
const pushData = (value) => ({ json: () => (typeof value === 'string' ? JSON.parse(value) : value) });

describe('push → notification', () => {
  test('the Declarative Web Push shape becomes a notification with its tag and deep link', () => {
    const { title, options } = notificationFromPush(
      pushData({
        web_push: 8030,
        notification: { title: 'Time to check in', body: 'How are you doing this week?', navigate: '/checkins/42', tag: 'checkin-42', lang: 'en-GB' },
      }),
      ORIGIN,
    );
    assert.equal(title, 'Time to check in');
    assert.equal(options.body, 'How are you doing this week?');
    assert.equal(options.tag, 'checkin-42');
    assert.deepEqual(options.data, { navigate: '/checkins/42' });
    assert.equal(options.icon, '/icons/icon-192.png');
  });

  test('an absolute same-origin link is kept as a path; another origin becomes the home page', () => {
    assert.equal(safePath(`${ORIGIN}/inbox?x=1#y`, ORIGIN), '/inbox?x=1#y');
    assert.equal(safePath('https://evil.example/phish', ORIGIN), '/');
    assert.equal(safePath('//evil.example/phish', ORIGIN), '/');
    assert.equal(safePath('javascript:alert(1)', ORIGIN), '/');
    assert.equal(safePath(undefined, ORIGIN), '/');
  });

  test('an unreadable push still shows a notification (browsers require one for every push)', () => {
    for (const data of [null, { json: () => { throw new SyntaxError('bad'); } }, pushData({ web_push: 8030 }), pushData({ notification: { title: '' } })]) {
      const { title, options } = notificationFromPush(data, ORIGIN);
      assert.equal(title, 'carerlink');
      assert.match(options.body, /something new/);
      assert.equal(options.tag, undefined);
      assert.deepEqual(options.data, { navigate: '/' });
    }
  });

  test('showPush hands the notification to the registration and sets the app badge', async () => {
    const shown = [];
    const badges = [];
    await showPush(
      { showNotification: async (title, options) => shown.push([title, options.tag]) },
      pushData({ web_push: 8030, notification: { title: 'New reply', navigate: '/', tag: 't1', app_badge: 2 } }),
      ORIGIN,
      { setAppBadge: async (n) => badges.push(n) },
    );
    assert.deepEqual(shown, [['New reply', 't1']]);
    assert.deepEqual(badges, [2]);
  });
});

describe('a push while the app is open', () => {
  test('the open windows are told which page it is for (never what it says), so that page refreshes', async () => {
    const app = { url: `${ORIGIN}/matches/m1`, messages: [], postMessage(m) { this.messages.push(m); } };
    const other = { url: 'https://elsewhere.example/', messages: [], postMessage(m) { this.messages.push(m); } };
    const path = await showPush(
      { showNotification: async () => {} },
      pushData({ web_push: 8030, notification: { title: 'New message from Helen', body: 'Open carerlink to read it.', navigate: '/matches/m1', tag: 'messages-m1' } }),
      ORIGIN,
      null,
    );
    assert.equal(path, '/matches/m1');
    await tellOpenWindows({ matchAll: async () => [app, other] }, path, ORIGIN);
    assert.deepEqual(app.messages, [{ type: 'pushed', path: '/matches/m1' }]);
    assert.deepEqual(other.messages, []);
  });
});

describe('notification tap', () => {
  function fakeClients(windows) {
    const opened = [];
    return {
      opened,
      matchAll: async () => windows,
      openWindow: async (url) => (opened.push(url), { url }),
    };
  }
  function fakeWindow(url, focused = false) {
    const window = { url, focused, messages: [], focusCalls: 0 };
    window.focus = async () => (window.focusCalls++, window);
    window.postMessage = (message) => window.messages.push(message);
    return window;
  }

  test('an open window is brought forward and asked to show the deep link', async () => {
    const other = fakeWindow('https://elsewhere.example/');
    const app = fakeWindow(`${ORIGIN}/`);
    const clients = fakeClients([other, app]);
    const result = await openNotification(clients, { data: { navigate: '/checkins/42' } }, ORIGIN);
    assert.equal(result, app);
    assert.equal(app.focusCalls, 1);
    assert.deepEqual(app.messages, [{ type: 'navigate', path: '/checkins/42' }]);
    assert.deepEqual(clients.opened, []);
    assert.equal(other.focusCalls, 0);
  });

  test('the focused window is preferred when several are open', async () => {
    const first = fakeWindow(`${ORIGIN}/a`);
    const focused = fakeWindow(`${ORIGIN}/b`, true);
    await openNotification(fakeClients([first, focused]), { data: { navigate: '/x' } }, ORIGIN);
    assert.equal(focused.messages.length, 1);
    assert.equal(first.messages.length, 0);
  });

  test('with no window open, a new one opens at the deep link', async () => {
    const clients = fakeClients([]);
    await openNotification(clients, { data: { navigate: '/inbox' } }, ORIGIN);
    assert.deepEqual(clients.opened, [`${ORIGIN}/inbox`]);
  });

  test('a deep link to another site is never opened', async () => {
    const clients = fakeClients([]);
    await openNotification(clients, { data: { navigate: 'https://evil.example/' } }, ORIGIN);
    assert.deepEqual(clients.opened, [`${ORIGIN}/`]);
  });
});

describe('shell cache routing', async () => {
  globalThis.__PRECACHE__ = ['/index.html', '/assets/app-ABC.js', '/assets/style-DEF.css', '/manifest.webmanifest'];
  globalThis.__VERSION__ = 'v1';
  const { respond, removeOldShells, SHELL_CACHE } = await import('../src/sw/shell.js');
  const request = (path, { method = 'GET', mode = 'cors' } = {}) => ({ url: ORIGIN + path, method, mode });
  const caches = { match: async () => null };

  test('offline, a navigation to any app page gets the cached shell', async () => {
    const shell = { page: 'index.html' };
    const caches = { match: async (url, options) => (url === '/index.html' && options.cacheName === SHELL_CACHE ? shell : null) };
    globalThis.fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    assert.equal(await respond(caches, request('/help', { mode: 'navigate' }), ORIGIN), shell);
    const online = { page: 'from the network' };
    globalThis.fetch = async () => online;
    assert.equal(await respond(caches, request('/help', { mode: 'navigate' }), ORIGIN), online);
  });

  test('on a network that never answers, a navigation gets the saved shell after the timeout', async () => {
    const shell = { page: 'index.html' };
    const caches = { match: async (url) => (url === '/index.html' ? shell : null) };
    globalThis.fetch = () => new Promise(() => {});
    const started = Date.now();
    assert.equal(await respond(caches, request('/help', { mode: 'navigate' }), ORIGIN, { timeoutMs: 50 }), shell);
    assert.ok(Date.now() - started < 1000);
  });

  test('hashed assets come from the cache first', async () => {
    const cached = { asset: 'cached' };
    const caches = { match: async (req) => (req.url.endsWith('/assets/app-ABC.js') ? cached : null) };
    globalThis.fetch = async () => ({ asset: 'network' });
    assert.equal(await respond(caches, request('/assets/app-ABC.js'), ORIGIN), cached);
    assert.deepEqual(await respond(caches, request('/assets/app-NEW.js'), ORIGIN), { asset: 'network' });
  });

  test('API calls, other methods and other origins are left to the browser', () => {
    const caches = { match: async () => null };
    assert.equal(respond(caches, request('/api/v1/me'), ORIGIN), null);
    assert.equal(respond(caches, request('/api/v1/orgs/x/public', { mode: 'navigate' }), ORIGIN), null);
    assert.equal(respond(caches, request('/healthz'), ORIGIN), null);
    assert.equal(respond(caches, request('/assets/app-ABC.js', { method: 'POST' }), ORIGIN), null);
    assert.equal(respond(caches, { url: 'https://other.example/a.js', method: 'GET', mode: 'cors' }, ORIGIN), null);
  });

  test('activation deletes older shells and keeps the saved crisis lines', async () => {
    const names = ['carerlink-shell-old', SHELL_CACHE, 'carerlink-public'];
    const deleted = [];
    await removeOldShells({ keys: async () => names, delete: async (name) => deleted.push(name) });
    assert.deepEqual(deleted, ['carerlink-shell-old']);
  });
});
