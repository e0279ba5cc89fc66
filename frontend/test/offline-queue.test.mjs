// The offline queue's rules: retention, ownership, order, exactly-once replay and the IndexedDB store.
import 'fake-indexeddb/auto';
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { asksForHelp, createQueue, QueueFull } from '../src/offline/queue.js';
import { classify, exclusive, replay, sendWithFetch } from '../src/offline/replay.js';
import { deleteStore, openStore } from '../src/offline/store.js';

const HOUR = 60 * 60 * 1000;
let databaseCounter = 0;

async function freshStore() {
  databaseCounter += 1;
  return openStore({ name: `test-offline-${databaseCounter}` });
}

function clockAt(start) {
  const clock = { now: start };
  clock.fn = () => clock.now;
  return clock;
}

function keys() {
  let n = 0;
  return () => `key-${++n}`;
}

describe('queue', () => {
  let store;
  let clock;
  let queue;
  beforeEach(async () => {
    store = await freshStore();
    clock = clockAt(Date.UTC(2026, 2, 2, 9));
    queue = createQueue({ store, now: clock.fn, newKey: keys(), maxAgeMs: 24 * HOUR, maxItems: 3 });
  });

  test('an item keeps the minimum and gets its own idempotency key', async () => {
    const item = await queue.enqueue({ method: 'POST', url: '/api/v1/x', body: { score: 3 }, owner: 'u1' });
    assert.deepEqual(
      { ...item, id: undefined },
      { id: undefined, method: 'POST', url: '/api/v1/x', body: { score: 3 }, owner: 'u1', label: '', key: 'key-1', createdAt: clock.now, attempts: 0 },
    );
    const second = await queue.enqueue({ method: 'POST', url: '/api/v1/x', body: { score: 4 }, owner: 'u1' });
    assert.notEqual(second.key, item.key);
    // An answer first tried online keeps that attempt's key, so if it did arrive the replay is the same answer.
    const retried = await queue.enqueue({ method: 'POST', url: '/api/v1/x', body: {}, owner: 'u1', key: 'tried-online' });
    assert.equal(retried.key, 'tried-online');
  });

  test('an item without an owner is refused', async () => {
    await assert.rejects(queue.enqueue({ method: 'POST', url: '/x', body: {} }), TypeError);
  });

  test('items older than the retention limit are dropped unsent', async () => {
    await queue.enqueue({ method: 'POST', url: '/old', body: {}, owner: 'u1' });
    clock.now += 23 * HOUR;
    await queue.enqueue({ method: 'POST', url: '/new', body: {}, owner: 'u1' });
    clock.now += 2 * HOUR;
    assert.deepEqual((await queue.items()).map((i) => i.url), ['/new']);
    assert.equal(await queue.prune(), 1);
    assert.equal(await store.count(), 1);
  });

  test('no more than maxItems wait at once', async () => {
    for (let i = 0; i < 3; i++) await queue.enqueue({ method: 'POST', url: `/${i}`, body: {}, owner: 'u1' });
    await assert.rejects(queue.enqueue({ method: 'POST', url: '/3', body: {}, owner: 'u1' }), QueueFull);
  });
});

describe('replay', () => {
  let queue;
  let clock;
  beforeEach(async () => {
    clock = clockAt(Date.UTC(2026, 2, 2, 9));
    queue = createQueue({ store: await freshStore(), now: clock.fn, newKey: keys() });
  });

  async function fill(...urls) {
    for (const url of urls) {
      await queue.enqueue({ method: 'POST', url, body: { url }, owner: 'u1' });
      clock.now += 1000;
    }
  }

  test('sends each item once, oldest first, and empties the queue', async () => {
    await fill('/a', '/b', '/c');
    const sent = [];
    const summary = await replay({ queue, owner: 'u1', send: async (item) => (sent.push([item.url, item.key]), 201) });
    assert.deepEqual(sent, [['/a', 'key-1'], ['/b', 'key-2'], ['/c', 'key-3']]);
    assert.deepEqual(summary, { sent: 3, rejected: 0, dropped: 0, held: 0, remaining: 0, stoppedBy: null, helpSent: [] });
    const again = await replay({ queue, owner: 'u1', send: async () => assert.fail('nothing is left to send') });
    assert.equal(again.sent, 0);
  });

  test('stops at the first item that must wait, keeping it and everything after it in order', async () => {
    await fill('/a', '/b', '/c');
    const answers = [201, 503];
    const summary = await replay({ queue, owner: 'u1', send: async () => answers.shift() });
    assert.equal(summary.sent, 1);
    assert.equal(summary.stoppedBy, 'retry');
    assert.equal(summary.remaining, 2);
    const left = await queue.items();
    assert.deepEqual(left.map((i) => [i.url, i.key, i.attempts]), [['/b', 'key-2', 1], ['/c', 'key-3', 0]]);
  });

  test('a network failure keeps the item with the same key for the next try', async () => {
    await fill('/a');
    const first = await replay({ queue, owner: 'u1', send: async () => { throw new TypeError('Failed to fetch'); } });
    assert.equal(first.stoppedBy, 'retry');
    const keysSeen = [];
    await replay({ queue, owner: 'u1', send: async (item) => (keysSeen.push(item.key), 200) });
    assert.deepEqual(keysSeen, ['key-1']);
    assert.equal((await queue.items()).length, 0);
  });

  test('a refused item is dropped and reported, and the rest still go', async () => {
    await fill('/bad', '/good');
    const rejected = [];
    const summary = await replay({
      queue,
      owner: 'u1',
      send: async (item) => (item.url === '/bad' ? 422 : 201),
      onRejected: (item, status) => rejected.push([item.url, status]),
    });
    assert.deepEqual(rejected, [['/bad', 422]]);
    assert.equal(summary.sent, 1);
    assert.equal((await queue.items()).length, 0);
  });

  test('a signed-out answer keeps everything for when the person signs in again', async () => {
    await fill('/a');
    const summary = await replay({ queue, owner: 'u1', send: async () => 401 });
    assert.equal(summary.stoppedBy, 'signed-out');
    assert.equal((await queue.items()).length, 1);
  });

  test("another person's items (a shared phone) are dropped, never sent as me", async () => {
    await fill('/mine');
    await queue.enqueue({ method: 'POST', url: '/theirs', body: {}, owner: 'someone-else' });
    const sent = [];
    const summary = await replay({ queue, owner: 'u1', send: async (item) => (sent.push(item.url), 201) });
    assert.deepEqual(sent, ['/mine']);
    assert.equal(summary.dropped, 1);
    assert.equal((await queue.items()).length, 0);
  });

  test('without anyone signed in nothing is sent', async () => {
    await fill('/a');
    const summary = await replay({ queue, owner: null, send: async () => assert.fail('must not send') });
    assert.equal(summary.dropped, 1);
  });

  test('expired items are dropped before sending', async () => {
    await fill('/a');
    clock.now += 4 * 24 * HOUR;
    const summary = await replay({ queue, owner: 'u1', send: async () => assert.fail('must not send') });
    assert.equal(summary.dropped, 1);
  });

  test('two replays at once send each item exactly once', async () => {
    await fill('/a', '/b');
    const sent = [];
    const send = async (item) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      sent.push(item.url);
      return 201;
    };
    await Promise.all([
      exclusive(() => replay({ queue, owner: 'u1', send }), { locks: null }),
      exclusive(() => replay({ queue, owner: 'u1', send }), { locks: null }),
    ]);
    assert.deepEqual(sent, ['/a', '/b']);
  });
});

test('HTTP statuses map to what happens to an item', () => {
  assert.equal(classify(200), 'sent');
  assert.equal(classify(201), 'sent');
  assert.equal(classify(204), 'sent');
  assert.equal(classify(401), 'signed-out');
  for (const status of [0, 408, 425, 429, 500, 502, 503]) assert.equal(classify(status), 'retry', String(status));
  for (const status of [400, 403, 404, 409, 410, 422]) assert.equal(classify(status), 'rejected', String(status));
});

test('an item is sent as JSON with its Idempotency-Key and the CSRF token', async () => {
  const calls = [];
  const fetch = async (url, init) => (calls.push([url, init]), { status: 201 });
  const { status } = await sendWithFetch(
    { method: 'POST', url: '/api/v1/answers', body: { score: 2 }, key: 'abc' },
    { csrfToken: 'tok', fetch },
  );
  assert.equal(status, 201);
  const [url, init] = calls[0];
  assert.equal(url, '/api/v1/answers');
  assert.equal(init.method, 'POST');
  assert.equal(init.headers['Idempotency-Key'], 'abc');
  assert.equal(init.headers['X-CSRFToken'], 'tok');
  assert.equal(init.body, '{"score":2}');
});

test('the store keeps items and metadata across connections, and deleting it forgets everything', async () => {
  const name = 'test-offline-persist';
  let store = await openStore({ name });
  await store.add({ method: 'POST', url: '/a', createdAt: 1 });
  await store.setMeta('owner', 'u1');
  store.close();
  store = await openStore({ name });
  assert.equal(await store.count(), 1);
  assert.equal(await store.getMeta('owner'), 'u1');
  await deleteStore({ name }); // resolves although this connection is still open (it closes itself)
  store = await openStore({ name });
  assert.equal(await store.count(), 0);
  assert.equal(await store.getMeta('owner'), undefined);
  store.close();
});

describe('a request for help', () => {
  let queue;
  let clock;
  beforeEach(async () => {
    clock = clockAt(Date.UTC(2026, 2, 2, 9));
    queue = createQueue({ store: await freshStore(), now: clock.fn, newKey: keys(), maxAgeMs: 24 * HOUR, maxItems: 1 });
  });

  test('is never expired and never refused for room, keeping the key it was first sent with', async () => {
    await queue.enqueue({ method: 'POST', url: '/answer', body: { wellbeing: 3 }, owner: 'u1' });
    const help = await queue.enqueue({ method: 'POST', url: '/help', body: {}, owner: 'u1', key: 'pressed-once', help: true });
    await queue.enqueue({ method: 'POST', url: '/answer2', body: { wellbeing: 1, needs_help: true }, owner: 'u1' });
    assert.equal(help.key, 'pressed-once');
    assert.ok(asksForHelp(help));
    clock.now += 30 * 24 * HOUR;
    assert.equal(await queue.prune(), 1); // only the plain answer expires
    assert.deepEqual((await queue.items()).map((i) => [i.url, i.key]), [['/help', 'pressed-once'], ['/answer2', 'key-2']]);
  });

  test('stays queued through failures and a refusal, and goes once the server takes it', async () => {
    await queue.enqueue({ method: 'POST', url: '/help', body: {}, owner: 'u1', key: 'pressed-once', help: true });
    const reported = [];
    const onRejected = (item, status, info) => reported.push([item.key, status, info.kept]);
    for (const answer of [0, 503, 403, 403]) {
      await replay({ queue, owner: 'u1', send: async () => answer, onRejected });
      assert.equal((await queue.items()).length, 1, `kept after ${answer}`);
    }
    assert.deepEqual(reported, [['pressed-once', 403, true], ['pressed-once', 403, true]]); // not silent
    const keysSent = [];
    const summary = await replay({ queue, owner: 'u1', send: async (item) => (keysSent.push(item.key), 201) });
    assert.equal(summary.sent, 1);
    assert.deepEqual(keysSent, ['pressed-once']);
    assert.equal((await queue.items()).length, 0);
  });

  test('an answer with "I need help now" refused with the centre told is removed, and not before', async () => {
    await queue.enqueue({ method: 'POST', url: '/late', body: { wellbeing: 1, needs_help: true }, owner: 'u1' });
    await replay({ queue, owner: 'u1', send: async () => ({ status: 409, centreTold: false }) });
    assert.equal((await queue.items()).length, 1);
    const summary = await replay({ queue, owner: 'u1', send: async () => ({ status: 409, centreTold: true }) });
    assert.equal(summary.rejected, 1);
    assert.equal((await queue.items()).length, 0);
  });

  test("is kept for its owner, not dropped, when someone else signs in", async () => {
    await queue.enqueue({ method: 'POST', url: '/help', body: {}, owner: 'u1', help: true });
    const summary = await replay({ queue, owner: 'u2', send: async () => assert.fail('not as someone else') });
    assert.equal(summary.held, 1);
    assert.equal((await queue.items()).length, 1);
  });
});

test('sendWithFetch reads whether a refusal says the centre was told', async () => {
  const fetch = async () => ({ status: 409, json: async () => ({ status: 409, centre_told: true }) });
  const told = await sendWithFetch({ method: 'POST', url: '/a', body: { needs_help: true }, key: 'k' }, { fetch });
  assert.deepEqual(told, { status: 409, centreTold: true, alertId: null });
  const plain = await sendWithFetch({ method: 'POST', url: '/a', body: { wellbeing: 2 }, key: 'k' }, { fetch });
  assert.deepEqual(plain, { status: 409, centreTold: false, alertId: null });
  const ok = async () => ({ status: 201, json: async () => ({ alert_id: 'alert-9' }) });
  const sent = await sendWithFetch({ method: 'POST', url: '/a', body: {}, key: 'k', help: true }, { fetch: ok });
  assert.deepEqual(sent, { status: 201, centreTold: false, alertId: 'alert-9' });
});
