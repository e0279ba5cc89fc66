// Phone numbers on screen (kept free of the DOM for node tests): tap-to-call links, what to say when
// no number may be shown, and My details' phone and emergency contact fields as the API wants them.
import { t } from '../../i18n.js';
import { firstName } from '../../text.js';

/** The tel: link of a number the API gave ({number: E.164, display}), or null. */
export function telHref(phone) {
  return phone?.number ? `tel:${phone.number}` : null;
}

/** "Call Sam on 07700 900123". */
export function callWords(name, phone) {
  return t('account.phone.call', { name: firstName(name), number: phone.display });
}

/** What a buddy reads when the carer's number isn't shown to them. */
export function noNumberForBuddy(name) {
  return t('account.phone.noNumberForBuddy', { name: firstName(name) });
}

/** What a coordinator reads when there is no number on record. */
export const noNumberOnRecord = () => t('account.phone.noNumberOnRecord');

/** Who sees my number, in words, for the "Show my number to Helen" choice on the pair's page. */
export function sharingHint(other) {
  return t('account.phone.sharingHint', { name: firstName(other) });
}

/** Who sees my number, for My details' hint: a carer or buddy chooses per match; coordinators see it. */
export function phoneHint(me) {
  const roles = new Set((me.memberships || []).filter((m) => m.status !== 'ended').map((m) => m.role));
  const paired = roles.has('carer') || roles.has('buddy');
  const other = roles.has('carer') && roles.has('buddy') ? 'both' : roles.has('carer') ? 'buddy' : 'carer';
  return paired ? t('account.phone.hintPaired', { other }) : t('account.phone.hint');
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
  if ((values.phone || '').trim().length > 40) errors.phone = t('account.phone.tooLong');
  if (!carer) return errors;
  const parts = ['ec_name', 'ec_relationship', 'ec_phone'].map((k) => (values[k] || '').trim());
  if (parts.some(Boolean)) {
    if (!parts[0]) errors.ec_name = t('account.emergencyContact.nameMissing');
    if (!parts[1]) errors.ec_relationship = t('account.emergencyContact.relationshipMissing');
    if (!parts[2]) errors.ec_phone = t('account.emergencyContact.phoneMissing');
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
