// Replies carers texted that no check-in could take (none open, or words without a score), on the
// attention list until a coordinator deals with them (issue 14). Coordinators only: it is what they wrote.
import { useState } from 'preact/hooks';
import { post } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { Button, Problem } from '../../ui/page.js';
import { CallOrNone } from '../shared/phone-parts.js';
import { ago, timeAndDate } from './logic.js';

/** A texted reply on the attention list. */
export const isTextReply = (item) => item.reason === 'text_received';

/** "Sam sent a text" (the words follow, quoted). */
export const textReplyTitle = (item) =>
  t('coordinator.textReplies.title', { name: item.carer_name.split(' ')[0] || t('coordinator.textReplies.someone') });

export function TextReplyItem({ base, item, onDone }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const dealtWith = async () => {
    setBusy(true);
    setError(null);
    try {
      await post(`${base}/attention/${item.id}/resolve`, {});
      onDone(item);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return html`
    <li class="card attention-item">
      <h3 class="heading-s">${t('coordinator.textReplies.heading', { title: textReplyTitle(item) })}</h3>
      <blockquote class="quote pre-line">${item.note}</blockquote>
      <p class="list-meta">${item.carer_name} · ${t('coordinator.textReplies.received', { ago: ago(item.at), when: timeAndDate(item.at) })}</p>
      <p class="call-links"><${CallOrNone} name=${item.carer_name} phone=${item.carer_phone} /></p>
      ${item.checkin_id && html`<p><a href=${`/coordinator/checkins/${item.checkin_id}`}>${t('coordinator.attentionPage.seeCheckin')}<span class="visually-hidden"> ${t('coordinator.proposals.forName', { name: item.carer_name })}</span></a></p>`}
      <${Problem} error=${error} />
      <${Button} type="button" variant="secondary" busy=${busy} onClick=${dealtWith}>${t('coordinator.textReplies.dealtWith')}<span class="visually-hidden"> ${t('coordinator.textReplies.dealtWithHidden', { name: item.carer_name })}</span></${Button}>
    </li>
  `;
}
