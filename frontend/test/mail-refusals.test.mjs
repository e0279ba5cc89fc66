// Undelivered e-mails: what kind in plain words, and the link to the person's page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mailKindWords, personHref } from '../src/screens/coordinator/mail-refusals-logic.js';

test('what kind of e-mail, in plain words, even for a kind we have no words for yet', () => {
  assert.equal(mailKindWords('checkin_due'), 'Check-in reminder');
  assert.equal(mailKindWords('password-reset'), 'Password reset');
  assert.equal(mailKindWords('recheck_due'), 'Recheck due');
  assert.equal(mailKindWords(''), 'E-mail');
});

test("a carer's and a buddy's own page; a coordinator's the people list; someone who left, none", () => {
  const id = 'a1';
  assert.equal(personHref({ membership_id: id, role: 'carer' }), '/coordinator/carers/a1');
  assert.equal(personHref({ membership_id: id, role: 'buddy' }), '/buddies/a1/checks');
  assert.equal(personHref({ membership_id: id, role: 'coordinator' }), '/members');
  assert.equal(personHref({ membership_id: null, role: null }), null);
});
