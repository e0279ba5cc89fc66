// The coordinator screens' words: waits, what needs attention, counts, and a caring situation in plain English.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ago,
  attentionSummary,
  attentionWords,
  checkTypeWords,
  count,
  ladderStepWords,
  matchCounts,
  profileRows,
  waitWords,
  mistakeWords,
  wellbeingOverTime,
} from '../src/screens/coordinator/logic.js';

test('waits are told in days, and someone who joined today is not "0 days"', () => {
  assert.equal(waitWords(0), 'Joined today');
  assert.equal(waitWords(1), '1 day');
  assert.equal(waitWords(64), '64 days');
  assert.equal(count(1, 'carer'), '1 carer');
  assert.equal(count(3, 'buddy', 'buddies'), '3 buddies');
});

test('how long ago, in minutes, hours, then days', () => {
  const now = Date.parse('2025-03-03T12:00:00Z');
  assert.equal(ago('2025-03-03T11:59:40Z', now), 'just now');
  assert.equal(ago('2025-03-03T11:55:00Z', now), '5 minutes ago');
  assert.equal(ago('2025-03-03T11:00:00Z', now), '1 hour ago');
  assert.equal(ago('2025-02-28T12:00:00Z', now), '3 days ago');
});

test('each attention reason names who has gone quiet', () => {
  const item = { carer_name: 'Alex Turner', buddy_name: 'Priya Shah' };
  assert.equal(attentionWords({ ...item, reason: 'missed' }), "Alex hasn't answered a check-in.");
  assert.equal(attentionWords({ ...item, reason: 'tell_coordinator' }), "Priya hasn't replied to Alex's check-in.");
  assert.match(attentionWords({ ...item, reason: 'low_score_review' }), /^Alex has given several low scores/);
});

test('the home counts: only open alerts count, and matches by state', () => {
  const alerts = [{ status: 'open' }, { status: 'acknowledged' }, { status: 'open' }];
  assert.deepEqual(attentionSummary(alerts, [{}, {}, {}]), { alerts: 2, items: 3, total: 5 });
  assert.deepEqual(attentionSummary(null, null), { alerts: 0, items: 0, total: 0 });
  // Reported messages waiting for a look are things that need the coordinator too.
  assert.deepEqual(attentionSummary(alerts, [{}], { open: 2 }), { alerts: 2, items: 3, total: 5 });
  const statuses = ['active', 'active', 'proposed', 'paused', 'ended', 'declined'];
  assert.deepEqual(matchCounts(statuses.map((status) => ({ status }))), { proposed: 1, active: 2, paused: 1 });
});

test("a carer's situation in plain words, leaving out what they did not say", () => {
  const rows = Object.fromEntries(
    profileRows({
      relationships: ['parent_of_adult_child', 'partner'],
      needs: ['dementia', 'mental_health'],
      mental_health_needs: ['psychosis'],
      needs_shared: true,
      co_resident: false,
      hours_band: '50_or_more',
      journey_stage: 'crisis',
      years_caring: 0,
      under_18: false,
      languages: ['en', 'gd'],
      interpreter_needed: true,
      postcode_district: null,
      region: 'north_east',
      contact_modes: ['phone'],
      availability: [
        { day: 'mon', part: 'evening' },
        { day: 'mon', part: 'morning' },
      ],
      help_with: [],
      help_note: '',
    }),
  );
  assert.equal(rows['Cares for'], 'An adult son or daughter and a partner');
  assert.equal(rows['Their needs'], 'A mental health condition (psychosis or schizophrenia), dementia');
  assert.equal(rows['Lives with them'], 'No');
  assert.equal(rows['Years caring'], 'Less than a year');
  assert.equal(rows.Languages, 'English and Scottish Gaelic (needs an interpreter)');
  assert.equal(rows.Area, 'North East England');
  assert.equal(rows.Free, 'Mon evening, morning');
  assert.equal(rows['Would like help with'], undefined);
  assert.equal(rows['In their words'], undefined);
  assert.equal(rows.Age, undefined);
  assert.equal(rows.Culture, undefined);
  assert.equal(rows.Faith, undefined);
  assert.equal(rows['Wishes for a buddy'], undefined);
});

test("a carer's culture, faith and wishes for a buddy are in words a coordinator can act on", () => {
  const rows = Object.fromEntries(
    profileRows({
      relationships: ['parent'],
      needs: [],
      needs_shared: true,
      years_caring: 3,
      languages: ['en', 'ur'],
      preferred_language: 'ur',
      cultures: ['asian_pakistani'],
      faith: 'muslim',
      preferences: {
        gender: { genders: ['woman'], strength: 'must' },
        same_language: 'nice',
        shared_background: 'nice',
      },
    }),
  );
  assert.equal(rows.Culture, 'Asian or Asian British: Pakistani');
  assert.equal(rows.Faith, 'Muslim');
  assert.equal(
    rows['Wishes for a buddy'],
    'A woman (a must); Someone who speaks Urdu (nice to have); Someone who shares their culture or faith (nice to have)',
  );
});

test('needs the carer chose not to share say so; a young carer is marked', () => {
  const rows = Object.fromEntries(
    profileRows({ relationships: ['sibling'], needs: [], needs_shared: false, under_18: true, years_caring: 2, languages: ['xx'] }),
  );
  assert.equal(rows['Their needs'], 'Not shared');
  assert.equal(rows.Age, 'Under 18 (young carer)');
  assert.equal(rows['Years caring'], '2 years');
  assert.equal(rows.Languages, 'Xx');
  assert.equal(checkTypeWords('pvg_adults'), 'PVG (adults)');
  assert.equal(checkTypeWords('something_new'), 'something_new');
});

test('every step of the ladder is said in words that name the people', () => {
  const item = { carer_name: 'Sam Clarke', buddy_name: 'Helen Wright' };
  assert.equal(ladderStepWords('prompt', item), 'Sam was asked how things are');
  assert.equal(ladderStepWords('tell_buddy', item), "Helen was told Sam hasn't answered");
  assert.equal(ladderStepWords('buddy_reminder', item), 'Helen was reminded to reply');
  for (const step of ['nudge', 'missed', 'tell_coordinator', 'low_score_review']) {
    assert.notEqual(ladderStepWords(step, item), step);
  }
});

test('a carer who says they asked for help by mistake is named, and the coordinator still asked to check', () => {
  const at = '2026-03-02T10:05:00Z';
  assert.equal(mistakeWords('Sam Clarke', { status: 'open', mistake_reported_at: null }), '');
  const open = mistakeWords('Sam Clarke', { status: 'open', mistake_reported_at: at });
  assert.match(open, /^Sam says this was pressed by mistake at \d\d:05 on 2 March 2026 — please still check they're okay\.$/);
  const done = mistakeWords('Sam Clarke', { status: 'acknowledged', mistake_reported_at: at });
  assert.ok(done.startsWith('Sam says this was pressed by mistake') && !done.includes('please still check'));
});

test("a carer's first check-in with a score against their latest, in words and dates; nothing before one", () => {
  const answer = (id, wellbeing, at, words) => ({ checkin_id: id, wellbeing, answered_at: at, wellbeing_words: words });
  const first = answer('a', 2, '2025-12-03T12:00:00Z', 'finding it hard');
  const latest = answer('b', 4, '2026-02-10T12:00:00Z', 'doing okay');
  assert.equal(
    wellbeingOverTime({ answers: 5, first, latest }, 'Alex Turner'),
    'How Alex Turner has been: first check-in finding it hard (3 December 2025), latest doing okay (10 February 2026)',
  );
  assert.equal(
    wellbeingOverTime({ answers: 1, first, latest: first }, 'Alex Turner'),
    'How Alex Turner has been: one check-in so far, finding it hard (3 December 2025)',
  );
  // Without the API's words, the same words from the build (checkins/wellbeing.py).
  assert.match(wellbeingOverTime({ answers: 2, first: { ...first, wellbeing_words: null }, latest }, 'Alex'), /first check-in finding it hard/);
  assert.equal(wellbeingOverTime({ answers: 0, first: null, latest: null }, 'Alex'), null);
  assert.equal(wellbeingOverTime(undefined, 'Alex'), null);
});
