// Phone numbers on screen (kept free of the DOM for node tests): tap-to-call links, what to say when
// no number may be shown, and My details' phone and emergency contact fields as the API wants them.
import { firstName } from '../../text.js';

/** The tel: link of a number the API gave ({number: E.164, display}), or null. */
export function telHref(phone) {
  return phone?.number ? `tel:${phone.number}` : null;
}

/** "Call Sam on 07700 900123". */
export function callWords(name, phone) {
  return `Call ${firstName(name)} on ${phone.display}`;
}

/** What a buddy reads when the carer's number isn't shown to them. */
export function noNumberForBuddy(name) {
  const first = firstName(name);
  return `${first} hasn't shared a number. You can reply here, or ask the centre.`;
}

/** What a coordinator reads when there is no number on record. */
export const NO_NUMBER_ON_RECORD = 'No number on record';

/** Who sees my number, in words, for the "Show my number to Helen" choice on the pair's page. */
export function sharingHint(other) {
  const first = firstName(other);
  return `Only ${first} and the centre's coordinators will see it. The coordinators always have your number. You can stop showing it at any time, and it stops when your match ends.`;
}

/** Who sees my number, for My details' hint: a carer or buddy chooses per match; coordinators see it. */
export function phoneHint(me) {
  const roles = new Set((me.memberships || []).filter((m) => m.status !== 'ended').map((m) => m.role));
  const paired = roles.has('carer') || roles.has('buddy');
  const other = roles.has('carer') && roles.has('buddy') ? 'buddy or carer' : roles.has('carer') ? 'buddy' : 'carer';
  return paired
    ? `UK numbers or +country code. The centre's coordinators can always see it. Your ${other} sees it only if you choose to show it to them.`
    : "UK numbers or +country code. The centre's coordinators can see it.";
}

/** My details' form values from the API's me. */
export function contactValues(me) {
  const contact = me.emergency_contact;
  return {
    phone: me.phone?.display || '',
    ec_name: contact?.name || '',
    ec_relationship: contact?.relationship || '',
    ec_phone: contact?.phone?.display || '',
  };
}

/** The API's field names → My details' field ids (the error summary links to the field). */
export const CONTACT_FIELDS = {
  'emergency_contact.name': 'ec_name',
  'emergency_contact.relationship': 'ec_relationship',
  'emergency_contact.phone': 'ec_phone',
  emergency_contact: 'ec_name',
};

/** Checks before sending: an emergency contact needs all three parts, or none to remove it. */
export function validateContact(values, { carer }) {
  const errors = {};
  if ((values.phone || '').trim().length > 40) errors.phone = 'Enter a phone number of 40 characters or fewer';
  if (!carer) return errors;
  const parts = ['ec_name', 'ec_relationship', 'ec_phone'].map((k) => (values[k] || '').trim());
  if (parts.some(Boolean)) {
    if (!parts[0]) errors.ec_name = "Enter your emergency contact's name";
    if (!parts[1]) errors.ec_relationship = 'Enter who they are to you, for example my sister';
    if (!parts[2]) errors.ec_phone = "Enter your emergency contact's phone number";
  }
  return errors;
}

/** The PATCH /api/v1/me body's phone parts: an empty number or contact removes it. */
export function contactBody(values, { carer }) {
  const body = { phone: (values.phone || '').trim() || null };
  if (carer) {
    const name = (values.ec_name || '').trim();
    const relationship = (values.ec_relationship || '').trim();
    const phone = (values.ec_phone || '').trim();
    body.emergency_contact = name || relationship || phone ? { name, relationship, phone } : null;
  }
  return body;
}
