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

const { deliver, helpState, shouldQueue, tellTheCentre } = await import('../src/help-request.js');
const { forgetHelpTold, helpTold, onHelpTold } = await import('../src/help-status.js');
const { queuedCount, queuedHelpCount, registerSync, replayQueue, startOfflineQueue } = await import(
  '../src/offline/index.js'
);
await startOfflineQueue('carer-1');

const BASE = '/api/v1/orgs/riverside';
const ask = () => tellTheCentre({ base: BASE, organisationName: 'Riverside Carers Centre' });

afterEach(async () => {
  navigator.onLine = true;
  forgetHelpTold();
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
  assert.equal(helpTold().alertId, 'alert-7');
  assert.equal(helpTold().base, BASE);
  assert.equal(helpTold().organisation, 'Riverside Carers Centre');
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

// The one queueing rule (help-request.js ``deliver``) for every way a carer asks for help.

test('the queueing rule: a call for help is queued whenever retrying could work, anything else only offline', () => {
  for (const status of [0, 408, 425, 429, 500, 502, 503]) assert.equal(shouldQueue(status, { help: true }), true, status);
  for (const status of [400, 403, 404, 409, 422]) assert.equal(shouldQueue(status, { help: true }), false, status);
  assert.equal(shouldQueue(0, { help: false }), true);
  assert.equal(shouldQueue(503, { help: false }), false);
  assert.equal(shouldQueue(503, { retry: true }), true, 'the mistake link goes whatever the line does');
});

test('a check-in answer with help hit by a 503 is queued with its key, sent once later, and the centre is told', async () => {
  const url = '/api/v1/checkins/c1/answer';
  respond = () => ({ status: 503, body: { title: 'Busy' } });
  const body = { wants_call: false, needs_help: true };
  assert.deepEqual(await deliver({ url, body, key: 'answer-key', label: 'check-in answer', help: true }), {
    outcome: 'queued',
  });
  assert.equal(await queuedHelpCount(), 1);
  assert.equal(helpTold(), null, 'not claimed before the server has it');
  respond = () => ({ status: 201, body: { checkin: {}, alert_id: 'alert-3', crisis_lines: [] } });
  await replayQueue();
  await replayQueue();
  assert.deepEqual(
    sent.map((request) => [request.url, request.key]),
    [
      [url, 'answer-key'],
      [url, 'answer-key'],
    ],
  );
  assert.equal(await queuedHelpCount(), 0);
  assert.equal(helpTold().alertId, 'alert-3');
});

test('an answer without help that meets server trouble is not queued: the form says so', async () => {
  respond = () => ({ status: 503, body: { title: 'Busy', detail: 'Try again.' } });
  await assert.rejects(
    deliver({ url: '/api/v1/checkins/c2/answer', body: { wellbeing: 3 }, label: 'check-in answer' }),
    (error) => error.status === 503,
  );
  assert.equal(await queuedCount(), 0);
});

test('help is recorded only when the server says the centre was told', async () => {
  const heard = [];
  const stop = onHelpTold((record) => heard.push(record));
  const url = '/api/v1/checkins/c3/answer';
  respond = () => ({ status: 409, body: { title: 'Closed', centre_told: true } });
  await assert.rejects(deliver({ url, body: { needs_help: true }, help: true, base: BASE }));
  assert.equal(helpTold().base, BASE);
  forgetHelpTold();
  respond = () => ({ status: 422, body: { title: 'No' } });
  await assert.rejects(deliver({ url, body: { needs_help: true }, help: true }));
  assert.equal(helpTold(), null);
  respond = () => ({ status: 201, body: { checkin: {} } });
  await deliver({ url, body: { wellbeing: 4 } });
  assert.equal(helpTold(), null, 'an answer without help tells the centre nothing');
  stop();
  assert.equal(heard.filter(Boolean).length, 1);
});

test('queueing never waits for a service worker that is not there', async () => {
  const never = { ready: new Promise(() => {}) };
  assert.equal(await registerSync({ container: never, waitMs: 20 }), false);
  const registered = [];
  const working = { ready: Promise.resolve({ sync: { register: async (tag) => registered.push(tag) } }) };
  assert.equal(await registerSync({ container: working, waitMs: 20 }), true);
  assert.equal(registered.length, 1);

  navigator.serviceWorker = never; // as in a private window: ready never settles
  try {
    navigator.onLine = false;
    const outcome = await Promise.race([
      ask(),
      new Promise((resolve) => setTimeout(() => resolve('stuck'), 1000)),
    ]);
    assert.equal(outcome, 'queued');
    assert.equal(helpState().sending, false);
  } finally {
    delete navigator.serviceWorker;
  }
});
