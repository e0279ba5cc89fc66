// "I need help now" to the centre (help-request.js), from home's button and the help page's: a second
// tap joins the first, offline it is queued once, server trouble queues it with the key already used,
// and a refusal is said, not queued. The network is a stub; the offline queue is the real one.
import 'fake-indexeddb/auto';
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';

globalThis.navigator = { onLine: true };
globalThis.addEventListener = () => {};

const sent = [];
let respond = () => ({ status: 201, body: { help_is_coming: true, crisis_lines: [], alert_id: 'alert-1' } });
globalThis.fetch = async (url, init = {}) => {
  if (url === '/healthz') return new Response(null, { status: 200 });
  sent.push({ url, key: init.headers['Idempotency-Key'] });
  const { status, body } = await respond();
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
};

const { helpState, lastHelpAnswer, tellTheCentre } = await import('../src/help-request.js');
const { queuedHelpCount, replayQueue, startOfflineQueue } = await import('../src/offline/index.js');
await startOfflineQueue('carer-1');

const BASE = '/api/v1/orgs/riverside';
const ask = () => tellTheCentre({ base: BASE, organisationName: 'Riverside Carers Centre' });

afterEach(async () => {
  navigator.onLine = true;
  respond = () => ({ status: 201, body: { help_is_coming: true, crisis_lines: [], alert_id: 'alert-1' } });
  await replayQueue();
  sent.length = 0;
});

test('a second tap while the first is on its way joins it: one request', async () => {
  let answer;
  respond = () => new Promise((resolve) => {
    answer = resolve;
  });
  const first = ask();
  const second = ask();
  assert.equal(first, second);
  assert.equal(helpState().sending, true);
  await new Promise((resolve) => setTimeout(resolve, 10));
  answer({ status: 201, body: { help_is_coming: true, crisis_lines: [{ contact: '999' }], alert_id: 'alert-7' } });
  assert.equal(await first, 'sent');
  assert.equal(sent.length, 1);
  assert.equal(helpState().sending, false);
  assert.equal(lastHelpAnswer().alert_id, 'alert-7');
  assert.equal(lastHelpAnswer().base, BASE);
});

test('offline, the request is queued once however often it is pressed, and sent once back online', async () => {
  navigator.onLine = false;
  assert.equal(await ask(), 'queued');
  assert.equal(await ask(), 'queued');
  assert.equal(sent.length, 0);
  assert.equal(await queuedHelpCount(), 1);
  navigator.onLine = true;
  await replayQueue();
  assert.deepEqual(
    sent.map((request) => request.url),
    [`${BASE}/help`],
  );
  assert.equal(await queuedHelpCount(), 0);
});

test('server trouble: the request is queued with the key it was sent with, so it counts once', async () => {
  respond = () => ({ status: 503, body: { title: 'Busy', detail: 'Try again.' } });
  assert.equal(await ask(), 'queued');
  assert.equal(await queuedHelpCount(), 1);
  respond = () => ({ status: 201, body: { help_is_coming: true, crisis_lines: [], alert_id: 'alert-2' } });
  await replayQueue();
  assert.equal(sent.length, 2);
  assert.ok(sent[0].key);
  assert.equal(sent[1].key, sent[0].key);
  assert.equal(await queuedHelpCount(), 0);
});

test('a refusal is said on the help page, not queued', async () => {
  respond = () => ({ status: 403, body: { title: "You can't do that", detail: 'The help button is for carers.' } });
  assert.equal(await ask(), 'refused');
  assert.equal(helpState().refused, 'The help button is for carers.');
  assert.equal(await queuedHelpCount(), 0);
});

test('each call for help after one has reached the centre is a new one (a new key)', async () => {
  await ask();
  await ask();
  assert.equal(sent.length, 2);
  assert.notEqual(sent[0].key, sent[1].key);
});
