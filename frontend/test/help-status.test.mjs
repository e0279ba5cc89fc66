// Whether the centre has been told (help-status.js): kept in sessionStorage for the signed-in session,
// written only from the server's answers (a replayed request included), wiped at sign-out.
import 'fake-indexeddb/auto';
import assert from 'node:assert/strict';
import { test } from 'node:test';

class MemoryStorage {
  #items = new Map();
  getItem(key) {
    return this.#items.has(key) ? this.#items.get(key) : null;
  }
  setItem(key, value) {
    this.#items.set(key, String(value));
  }
  removeItem(key) {
    this.#items.delete(key);
  }
  clear() {
    this.#items.clear();
  }
}
globalThis.sessionStorage = new MemoryStorage();
globalThis.localStorage = new MemoryStorage();
globalThis.navigator = { onLine: true };
globalThis.addEventListener = () => {};

const { baseOf, helpTold, recordDelivered, recordHelpTold } = await import('../src/help-status.js');
const { wipeOfflineData } = await import('../src/offline/index.js');

test('nothing is claimed until the centre was told, and what was told survives a reload of the page', () => {
  assert.equal(helpTold(), null);
  recordHelpTold({ organisation: 'Riverside Carers Centre', base: '/api/v1/orgs/riverside', alertId: 'a1', at: 5 });
  const saved = JSON.parse(sessionStorage.getItem('carerlink.help-told'));
  assert.deepEqual(saved, { at: 5, organisation: 'Riverside Carers Centre', base: '/api/v1/orgs/riverside', alertId: 'a1' });
  assert.deepEqual(helpTold(), saved);
});

test('a queued request that went through later is recorded with its alert and organisation prefix', () => {
  recordDelivered([{ url: '/api/v1/orgs/riverside/help', alertId: 'a2', at: 9 }]);
  assert.deepEqual(helpTold(), { at: 9, organisation: null, base: '/api/v1/orgs/riverside', alertId: 'a2' });
  assert.equal(baseOf('/api/v1/orgs/hill%20side/matches/m1/checkins'), '/api/v1/orgs/hill%20side');
  assert.equal(baseOf('/api/v1/checkins/c1/answer'), null);
  recordDelivered([]);
  assert.equal(helpTold().alertId, 'a2', 'nothing delivered changes nothing');
});

test('signing out wipes it with the rest', async () => {
  recordHelpTold({ alertId: 'a3' });
  await wipeOfflineData();
  assert.equal(sessionStorage.getItem('carerlink.help-told'), null);
  assert.equal(helpTold(), null);
});
