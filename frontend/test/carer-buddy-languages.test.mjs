// The carer's and the buddy's screens in another language (issue 17): their logic gives the
// language's words, with the plural forms the language needs, and English again afterwards.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useLocaleForTests } from '../src/i18n.js';
import { charactersLeft, validateReply } from '../src/screens/buddy/logic.js';
import { urgencyOptions } from '../src/screens/buddy/talk-logic.js';
import { replyInWords, wellbeingOptions } from '../src/screens/carer/checkin-logic.js';
import { clockInWords, planInWords } from '../src/screens/carer/plan-logic.js';

test('Polish: the character count takes the plural form of its number', async () => {
  try {
    await useLocaleForTests('pl');
    assert.equal(charactersLeft('x'.repeat(1999)), 'Pozostał 1 znak');
    assert.equal(charactersLeft('x'.repeat(1997)), 'Pozostały 3 znaki');
    assert.equal(charactersLeft('x'.repeat(1995)), 'Pozostało 5 znaków');
    assert.equal(urgencyOptions()[1].label, 'W tym tygodniu');
    assert.equal(clockInWords('19:00'), '7 wieczorem');
  } finally {
    await useLocaleForTests('en-GB');
  }
});

test('Welsh: replies, times and the plan in Welsh; English again afterwards', async () => {
  try {
    await useLocaleForTests('cy');
    assert.equal(replyInWords({ reply_kind: 'call_arranged' }, 'Helen'), 'Mae Helen wedi trefnu galwad gyda chi.');
    assert.equal(clockInWords('10:30'), '10:30yb');
    assert.match(planInWords({ frequency: 'fortnightly', weekdays: [1], local_time: '19:00', time_zone: 'Europe/London' }), /^Bob pythefnos ar .+ am 7yh, amser y DU$/);
    assert.equal(validateReply({ kind: '', message: '' }, 'Sam').kind, 'Dewiswch sut rydych chi am ateb');
    assert.match(wellbeingOptions()[0].label, /\(1 allan o 5\)$/);
  } finally {
    await useLocaleForTests('en-GB');
  }
  assert.equal(clockInWords('19:00'), '7pm');
  assert.equal(charactersLeft('x'.repeat(1999)), 'You have 1 character remaining');
});
