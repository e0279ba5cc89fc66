// Who looked and how long records are kept (issue 15): the audit log's query and sentences, the people
// and groups to filter by, the period and retention form checks, a run's counts in words, the access log.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  actionOptions,
  actorWords,
  auditUrl,
  entrySentence,
  peopleOptions,
  periodsBody,
  removedPhrases,
  runSummary,
  validatePeriod,
  validatePeriods,
} from '../src/screens/coordinator/records-logic.js';
import { accessLine, accessUrl } from '../src/screens/shared/my-data-access-logic.js';

test('the audit log URL carries only the filters chosen, and the page cursor', () => {
  assert.equal(auditUrl('/api/v1/orgs/o', {}), '/api/v1/orgs/o/audit?limit=30');
  assert.equal(
    auditUrl('/api/v1/orgs/o', { person: 'u1', action: 'profiles.', from: '2026-03-01', to: '' }, 'abc'),
    '/api/v1/orgs/o/audit?person=u1&action=profiles.&from=2026-03-01&before=abc&limit=30',
  );
});

test('who did it and what, in one sentence; a job is carerlink', () => {
  const entry = { actor_user_id: 'm', actor_name: 'Morgan Ellis', actor_role: 'coordinator', action_words: "looked at Alex Turner's profile" };
  assert.equal(entrySentence(entry), "Morgan Ellis (coordinator) looked at Alex Turner's profile");
  assert.equal(actorWords({ actor_user_id: null }), 'carerlink');
  assert.equal(actorWords({ actor_user_id: 'x', actor_name: null, actor_role: null }), 'Someone no longer here');
  assert.equal(entrySentence({ actor_user_id: null, action: 'odd.code', action_words: '' }), 'carerlink odd.code');
});

test('each person once, with their roles, by name; "Anyone" first', () => {
  const options = peopleOptions([
    { user_id: 'b', display_name: 'Priya Shah', role: 'buddy' },
    { user_id: 'a', display_name: 'Alex Turner', role: 'carer' },
    { user_id: 'b', display_name: 'Priya Shah', role: 'carer' },
  ]);
  assert.deepEqual(options, [
    { value: '', label: 'Anyone' },
    { value: 'a', label: 'Alex Turner (carer)' },
    { value: 'b', label: 'Priya Shah (buddy, carer)' },
  ]);
  assert.deepEqual(actionOptions([{ prefix: 'profiles.', words: 'Profiles' }]), [
    { value: '', label: 'Everything' },
    { value: 'profiles.', label: 'Profiles' },
  ]);
});

test('a period: dates well formed, the last day not before the first', () => {
  assert.deepEqual(validatePeriod({ from: '', to: '' }), {});
  assert.deepEqual(validatePeriod({ from: '2026-03-02', to: '2026-03-02' }), {});
  assert.match(validatePeriod({ from: '2/3/2026' }).from, /date/);
  assert.match(validatePeriod({ from: '2026-03-05', to: '2026-03-01' }).to, /after the first day/);
});

test('the retention form: whole numbers within limits, sent as numbers', () => {
  const good = { checkin_notes_months: '12', declined_referrals_months: '6', ended_memberships_months: '24', safeguarding_years: '6', audit_years: ' 7 ' };
  assert.deepEqual(validatePeriods(good), {});
  assert.deepEqual(periodsBody(good), { checkin_notes_months: 12, declined_referrals_months: 6, ended_memberships_months: 24, safeguarding_years: 6, audit_years: 7 });
  const bad = validatePeriods({ ...good, checkin_notes_months: '0', safeguarding_years: '30', audit_years: 'six' });
  assert.equal(bad.checkin_notes_months, 'Enter between 1 and 240 months');
  assert.equal(bad.safeguarding_years, 'Enter between 1 and 25 years');
  assert.equal(bad.audit_years, 'Enter a whole number of years');
});

test("a run's counts in words; nothing due; never run", () => {
  assert.deepEqual(removedPhrases({ declined_referrals: 1, checkin_notes: 3, audit: 0 }), ['3 check-in notes and replies', '1 declined referral']);
  assert.equal(runSummary({ removed: { declined_referrals: 1 } }), 'Removed 1 declined referral.');
  assert.equal(runSummary({ removed: { declined_referrals: 2, audit: 1, exports: 1 } }),
    'Removed 2 declined referrals, 1 old audit record and 1 expired copy of someone’s data.');
  assert.equal(runSummary({ removed: { audit: 0 } }), 'Nothing was due.');
  assert.match(runSummary(null), /every day/);
});

test('the access log: its pages and a calm line', () => {
  assert.equal(accessUrl(), '/api/v1/me/access-log?limit=20');
  assert.equal(accessUrl('xyz'), '/api/v1/me/access-log?limit=20&before=xyz');
  const line = accessLine({ who: 'Morgan, coordinator', what: 'looked at your profile', at: '2026-03-03T10:05:00Z' });
  assert.equal(line.text, 'Morgan, coordinator, looked at your profile');
  assert.match(line.when, /3 March 2026/);
});
