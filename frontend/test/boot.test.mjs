// boot.js (issue 11): what a cold open asks for at once, and that each early answer is used once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boot, dataAfterWaiting, FRESH_MS, firstData, heldRoles, homeOrganisation } from '../src/boot.js';

const SAM = {
  id: 'u1',
  memberships: [
    { organisation_id: 'o1', organisation_slug: 'riverside', role: 'carer', status: 'active' },
    { organisation_id: 'o2', organisation_slug: 'hillside', role: 'buddy', status: 'active' },
    { organisation_id: 'o2', organisation_slug: 'hillside', role: 'coordinator', status: 'ended' },
  ],
};

test('home shows the organisation chosen last on this phone, else the first; ended roles do not count', () => {
  assert.deepEqual(homeOrganisation(SAM, null), { slug: 'riverside', roles: ['carer'] });
  assert.deepEqual(homeOrganisation(SAM, 'o2'), { slug: 'hillside', roles: ['buddy'] });
  assert.deepEqual(homeOrganisation(SAM, 'gone'), { slug: 'riverside', roles: ['carer'] });
  assert.equal(homeOrganisation({ memberships: [] }, null), null);
  assert.deepEqual(heldRoles(SAM), ['carer', 'buddy']);
});

test("a carer's home data is asked for at once; the check-in plan only for a live match", () => {
  const riverside = { slug: 'riverside', roles: ['carer'] };
  assert.deepEqual(firstData(riverside), [
    '/api/v1/orgs/riverside/me/waiting',
    '/api/v1/me/checkins?awaiting=true',
    '/api/v1/orgs/riverside/matches',
    '/api/v1/notifications?limit=1',
  ]);
  assert.deepEqual(firstData({ slug: 'x', roles: ['buddy'] }), ['/api/v1/notifications?limit=1']);
  assert.deepEqual(firstData(null), []);
  assert.deepEqual(dataAfterWaiting(riverside, { state: 'matched', match_id: 'm1' }), [
    '/api/v1/orgs/riverside/matches/m1/checkin-plan',
  ]);
  assert.deepEqual(dataAfterWaiting(riverside, { state: 'introduction', match_id: 'm1' }), []);
  assert.deepEqual(dataAfterWaiting(riverside, { state: 'waiting', match_id: null }), []);
});

function fakeFetch(answers, asked) {
  return async (url) => {
    asked.push(url);
    const found = answers[url];
    if (!found) throw new TypeError('offline');
    return {
      status: found.status,
      headers: { get: () => 'application/json' },
      json: async () => found.data,
    };
  };
}

test('boot asks for the session, then the home data in parallel; each answer is taken once while fresh', async () => {
  const asked = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = fakeFetch(
    {
      '/api/v1/session': { status: 200, data: { signed_in: true, me: SAM } },
      '/api/v1/orgs/riverside/me/waiting': { status: 200, data: { state: 'matched', match_id: 'm1' } },
      '/api/v1/orgs/riverside/matches': { status: 200, data: [] },
      '/api/v1/me/checkins?awaiting=true': { status: 200, data: [] },
      '/api/v1/notifications?limit=1': { status: 200, data: { unread: 0 } },
      '/api/v1/orgs/riverside/matches/m1/checkin-plan': { status: 200, data: { upcoming: [] } },
    },
    asked,
  );
  let clock = 1000;
  try {
    const started = boot({ now: () => clock });
    const session = await started.session;
    assert.equal(session.data.me.id, 'u1');
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(asked.slice(0, 1), ['/api/v1/session']);
    assert.ok(asked.includes('/api/v1/orgs/riverside/matches/m1/checkin-plan'));
    assert.equal(asked.length, 6);
    assert.deepEqual(await started.take('/api/v1/orgs/riverside/me/waiting'), {
      status: 200,
      data: { state: 'matched', match_id: 'm1' },
    });
    assert.equal(started.take('/api/v1/orgs/riverside/me/waiting'), null, 'used once');
    assert.equal(started.take('/api/v1/never-asked'), null);
    clock += FRESH_MS;
    assert.equal(started.take('/api/v1/orgs/riverside/matches'), null, 'too old: asked again');
  } finally {
    globalThis.fetch = realFetch;
  }
});

test('signed out or offline, boot asks for nothing more', async () => {
  const realFetch = globalThis.fetch;
  for (const answers of [{ '/api/v1/session': { status: 200, data: { signed_in: false, me: null } } }, {}]) {
    const asked = [];
    globalThis.fetch = fakeFetch(answers, asked);
    try {
      const started = boot();
      await started.session;
      await new Promise((resolve) => setTimeout(resolve, 5));
      assert.deepEqual(asked, ['/api/v1/session']);
    } finally {
      globalThis.fetch = realFetch;
    }
  }
});

test('early answers are only for the first home: not fetched off home, dropped on the first navigation or change', async () => {
  const realFetch = globalThis.fetch;
  const answers = {
    '/api/v1/session': { status: 200, data: { signed_in: true, me: SAM } },
    '/api/v1/orgs/riverside/me/waiting': { status: 200, data: { state: 'matched', match_id: 'm1' } },
    '/api/v1/orgs/riverside/matches': { status: 200, data: [] },
    '/api/v1/me/checkins?awaiting=true': { status: 200, data: [{ id: 'c1' }] },
    '/api/v1/notifications?limit=1': { status: 200, data: { unread: 0 } },
    '/api/v1/orgs/riverside/matches/m1/checkin-plan': { status: 200, data: { upcoming: [] } },
  };
  try {
    const offHome = [];
    globalThis.fetch = fakeFetch(answers, offHome);
    const help = boot({ path: '/help' });
    await help.session;
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(offHome, ['/api/v1/session'], 'opened on /help: only the session is asked for');

    const asked = [];
    globalThis.fetch = fakeFetch(answers, asked);
    const home = boot({ path: '/' });
    await home.session;
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.ok(home.take('/api/v1/orgs/riverside/me/waiting'), 'the first home takes its answer');
    home.discard(); // an answer sent, a navigation, a sign-in or out
    assert.equal(home.take('/api/v1/me/checkins?awaiting=true'), null, 'a later home asks again');
    assert.equal(home.take('/api/v1/session'), null);
  } finally {
    globalThis.fetch = realFetch;
  }
});
