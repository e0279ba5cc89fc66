import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  callWords,
  contactBody,
  contactValues,
  noNumberForBuddy,
  phoneHint,
  sharingHint,
  telHref,
  validateContact,
} from '../src/screens/shared/phone-logic.js';

const SAM = { number: '+447700900123', display: '07700 900123', kind: 'mobile' };

test('a number becomes a tap-to-call link with words saying whom', () => {
  assert.equal(telHref(SAM), 'tel:+447700900123');
  assert.equal(telHref(null), null);
  assert.equal(callWords('Sam Clarke', SAM), 'Call Sam on 07700 900123');
  assert.match(noNumberForBuddy('Sam Clarke'), /^Sam hasn't shared a number\. You can reply here, or ask the centre\.$/);
  assert.match(sharingHint('Helen Wright'), /Only Helen and the centre's coordinators/);
});

test('my details: an empty number or contact removes it; a half-filled contact is refused', () => {
  const me = { phone: SAM, emergency_contact: { name: 'Chris', relationship: 'My brother', phone: SAM } };
  assert.deepEqual(contactValues(me), {
    phone: '07700 900123',
    ec_name: 'Chris',
    ec_relationship: 'My brother',
    ec_phone: '07700 900123',
  });
  assert.deepEqual(contactBody({ phone: ' ', ec_name: '', ec_relationship: '', ec_phone: '' }, { carer: true }), {
    phone: null,
    emergency_contact: null,
  });
  assert.deepEqual(contactBody({ phone: '07700 900123' }, { carer: false }), { phone: '07700 900123' });
  const half = validateContact({ phone: '', ec_name: 'Chris', ec_relationship: '', ec_phone: '' }, { carer: true });
  assert.deepEqual(Object.keys(half).sort(), ['ec_phone', 'ec_relationship']);
  assert.deepEqual(validateContact({ phone: '', ec_name: 'x' }, { carer: false }), {});
});

test('my details says who sees my number, by the roles I hold', () => {
  const as = (...roles) => ({ memberships: roles.map((role) => ({ role, status: 'active' })) });
  assert.match(phoneHint(as('carer')), /Your buddy sees it only if you choose/);
  assert.match(phoneHint(as('buddy')), /Your carer sees it only if you choose/);
  assert.match(phoneHint(as('carer', 'buddy')), /Your buddy or carer sees it/);
  assert.equal(phoneHint(as('coordinator')), "UK numbers or +country code. The centre's coordinators can see it.");
  assert.match(phoneHint({ memberships: [{ role: 'carer', status: 'ended' }] }), /coordinators can see it\.$/);
});
