// Small app rules: problem+json onto form fields, cookies, routes, crisis-line links.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError, readCookie } from '../src/api.js';
import { DEFAULT_LINES, lineHref } from '../src/crisis-lines.js';
import { base64UrlToBytes } from '../src/push-api.js';
import { hashParams, match } from '../src/router.js';
import { namesInWords, remindersLead } from '../src/text.js';
import { mapApiErrors } from '../src/ui/forms.js';

test("problem+json errors[].field land on the form's fields; the rest is a general message", () => {
  const error = new ApiError(422, {
    title: 'Please check what you entered',
    detail: 'Please read and agree to the terms to join.',
    errors: [
      { field: 'consents.terms', message: 'Please read and agree to the terms to join.' },
      { field: 'token', message: 'This link has expired.' },
    ],
  });
  const mapped = mapApiErrors(error, { fieldMap: { 'consents.terms': 'terms' }, fields: ['terms', 'display_name'] });
  assert.deepEqual(mapped.fields, { terms: 'Please read and agree to the terms to join.' });
  assert.equal(mapped.general, 'This link has expired.');
});

test('a problem without fields becomes the general message; offline has its own words', () => {
  const wrong = mapApiErrors(new ApiError(401, { detail: 'The email address or password is not right.' }), { fields: ['email'] });
  assert.deepEqual(wrong, { fields: {}, general: 'The email address or password is not right.' });
  const offline = new ApiError(0, { detail: "You seem to be offline." });
  assert.ok(offline.offline);
  assert.equal(mapApiErrors(offline).general, 'You seem to be offline.');
  assert.match(mapApiErrors(new Error('boom')).general, /Something went wrong/);
});

test('the csrftoken cookie is read from document.cookie', () => {
  assert.equal(readCookie('csrftoken', 'a=1; csrftoken=abc.def; b=2'), 'abc.def');
  assert.equal(readCookie('csrftoken', 'a=1'), null);
});

test('routes match with parameters; tokens are read from the fragment', () => {
  assert.deepEqual(match('/join/:slug', '/join/riverside'), { slug: 'riverside' });
  assert.equal(match('/join/:slug', '/join'), null);
  assert.deepEqual(match('/', '/'), {});
  assert.equal(hashParams('#token=abc_DEF-1').get('token'), 'abc_DEF-1');
});

test('crisis lines dial or text the right number', () => {
  assert.equal(lineHref({ contact: '116 123', how: 'call' }), 'tel:116123');
  assert.equal(lineHref({ contact: '85258', how: 'text' }), 'sms:85258');
  assert.equal(lineHref({ contact: '85258', how: 'text', message: 'SHOUT' }), 'sms:85258?&body=SHOUT');
  assert.equal(lineHref(DEFAULT_LINES.find((line) => line.name === 'Shout')), 'sms:85258?&body=SHOUT');
  assert.ok(DEFAULT_LINES.some((line) => line.contact === '999'));
});

test('the VAPID key decodes from base64url', () => {
  assert.deepEqual([...base64UrlToBytes('AQID_-8')], [1, 2, 3, 255, 239]);
});

test("reminders are explained with the names of the people they are about", () => {
  const me = 'u-sam';
  const match = (status, carer, buddy) => ({
    status,
    carer: { user_id: carer[0], display_name: carer[1] },
    buddy: { user_id: buddy[0], display_name: buddy[1] },
  });
  const live = match('active', [me, 'Sam Clarke'], ['u-helen', 'Helen Wright']);
  assert.equal(
    remindersLead({ roles: ['carer'], userId: me, matches: [live] }),
    "We'll remind you before your check-in with Helen, and tell you when Helen replies.",
  );
  // An introduction not yet agreed is not a buddy yet.
  const proposed = match('proposed', [me, 'Sam Clarke'], ['u-helen', 'Helen Wright']);
  assert.equal(
    remindersLead({ roles: ['carer'], userId: me, matches: [proposed] }),
    "We'll remind you before your check-in with your buddy, and tell you when they reply.",
  );
  const helen = 'u-helen';
  const hers = [
    match('active', ['u-sam', 'Sam Clarke'], [helen, 'Helen Wright']),
    match('active', ['u-ruth', 'Ruth Evans'], [helen, 'Helen Wright']),
    match('ended', ['u-alex', 'Alex Turner'], [helen, 'Helen Wright']),
  ];
  assert.equal(
    remindersLead({ roles: ['buddy'], userId: helen, matches: hers }),
    "We'll tell you when Sam or Ruth answers a check-in, and remind you if an answer is waiting for your reply.",
  );
  assert.match(remindersLead({ roles: ['coordinator'], userId: 'u-morgan', matches: [] }), /asks for help/);
  assert.equal(namesInWords(['Sam Clarke', 'Ruth Evans', 'Alex Turner']), 'Sam, Ruth and Alex');
});
