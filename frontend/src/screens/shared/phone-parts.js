// A tap-to-call link every role's screens share: "Call Sam on 07700 900123", the number kept on one line.
import { html, rich } from '../../html.js';
import { t } from '../../i18n.js';
import { firstName } from '../../text.js';
import { telHref } from './phone-logic.js';

/** A tel: link for ``name`` and ``phone`` (as the API gives it), or nothing when there is no number. */
export function CallLink({ name, phone, block = false }) {
  const href = telHref(phone);
  if (!href) return null;
  const words = t('account.phone.callLink', { name: firstName(name), number: phone.display });
  const link = html`<a class="call-link" href=${href}>${rich(words, [(number) => html`<span class="phone-number">${number}</span>`])}</a>`;
  return block ? html`<p>${link}</p>` : link;
}

/** For coordinators: a tap-to-call link for ``name``, or "Sam: no number on record". */
export function CallOrNone({ name, phone }) {
  return telHref(phone)
    ? html`<${CallLink} name=${name} phone=${phone} />`
    : html`<span>${t('account.phone.nameNoNumber', { name: firstName(name) })}</span>`;
}
