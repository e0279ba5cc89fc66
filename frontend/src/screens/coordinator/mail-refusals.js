// E-mails that could not be delivered (issue 14): the mail server refused them, or we gave up after
// trying for an hour. For whom (a link to their page), what kind, why in plain words, when — never what
// the e-mail said. A section of the "Needs attention" screen.
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { Loading, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { ago, timeAndDate } from './logic.js';
import { mailKindWords, personHref } from './mail-refusals-logic.js';

function Refusal({ refusal }) {
  const name = refusal.display_name || t('coordinator.attentionPage.someoneWhoLeft');
  const href = personHref(refusal);
  return html`
    <li class="list-item">
      ${href ? html`<a class="list-title" href=${href}>${name}</a>` : html`<span class="list-title">${name}</span>`}
      <span class="list-meta">${mailKindWords(refusal.category)}</span>
      <span class="list-meta"><strong>${refusal.reason_words}</strong></span>
      <span class="list-meta">${ago(refusal.failed_at)} (${timeAndDate(refusal.failed_at)})</span>
    </li>
  `;
}

export function MailRefusals({ base }) {
  const refusals = useResource(`${base}/mail-refusals`);
  const list = refusals.data || [];
  return html`
    <section aria-labelledby="mail-refusals-heading">
      <h2 class="heading-m" id="mail-refusals-heading">${t('coordinator.mailRefusals.heading', { count: list.length })}</h2>
      <${Problem} error=${refusals.error} />
      ${refusals.loading && html`<${Loading} />`}
      ${refusals.data && list.length === 0 && html`<p class="hint">${t('coordinator.mailRefusals.none')}</p>`}
      ${list.length > 0 && html`<p class="hint">${t('coordinator.mailRefusals.hint')}</p>`}
      <ul class="list">${list.map((refusal) => html`<${Refusal} key=${refusal.mail_id} refusal=${refusal} />`)}</ul>
    </section>
  `;
}
