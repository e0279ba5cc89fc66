// A tap-to-call link every role's screens share: "Call Sam on 07700 900123", the number kept on one line.
import { html } from '../../html.js';
import { firstName } from '../../text.js';
import { NO_NUMBER_ON_RECORD, telHref } from './phone-logic.js';

/** A tel: link for ``name`` and ``phone`` (as the API gives it), or nothing when there is no number. */
export function CallLink({ name, phone, block = false }) {
  const href = telHref(phone);
  if (!href) return null;
  const link = html`<a class="call-link" href=${href}>Call ${firstName(name)} on <span class="phone-number">${phone.display}</span></a>`;
  return block ? html`<p>${link}</p>` : link;
}

/** For coordinators: a tap-to-call link for ``name``, or "Sam: no number on record". */
export function CallOrNone({ name, phone }) {
  return telHref(phone)
    ? html`<${CallLink} name=${name} phone=${phone} />`
    : html`<span>${firstName(name)}: ${NO_NUMBER_ON_RECORD.toLowerCase()}</span>`;
}
