// My check-ins, newest first, each with what I said and my buddy's reply.
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { Loading, Page, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { isAnswerable, isAnswered, replyInWords, wellbeingInWords, whenInWords } from './checkin-logic.js';
import { firstName } from '../../text.js';
import { useOrganisation } from '../shared/parts.js';
import { useBuddyNames } from './parts.js';

function HistoryItem({ checkin, buddyName }) {
  const buddy = firstName(buddyName) || t('carer.buddy.yourBuddyCapital');
  const when = whenInWords(checkin.answered_at || checkin.due_at);
  const heading = checkin.kind === 'unscheduled' ? t('carer.history.gotInTouch', { when }) : t('carer.checkin.caption', { when });
  let detail;
  if (isAnswered(checkin)) {
    detail = html`
      <p>${checkin.wellbeing
        ? t('carer.history.youSaid', { words: wellbeingInWords(checkin.wellbeing, checkin.wellbeing_words).toLowerCase() })
        : t('carer.history.askedHelp')}</p>
      <p class="carer-history-reply">${replyInWords(checkin, buddy)}</p>
      ${checkin.reply_kind === 'message' && checkin.reply_message &&
      html`<blockquote class="carer-reply">${checkin.reply_message}</blockquote>`}
      <p><a href=${`/checkins/${checkin.id}`}>${t('carer.history.see')}<span class="visually-hidden"> (${when})</span></a></p>
    `;
  } else if (isAnswerable(checkin)) {
    detail = html`<p><a href=${`/checkins/${checkin.id}`}>${t('carer.history.answer')}<span class="visually-hidden">
      (${when})</span></a></p>`;
  } else {
    detail = html`<p class="hint">${t('carer.history.notAnswered')}</p>`;
  }
  return html`<li class="carer-history-item">
    <h2 class="heading-s">${heading}</h2>
    ${detail}
  </li>`;
}

export function History() {
  const { base } = useOrganisation();
  const checkins = useResource('/api/v1/me/checkins');
  const names = useBuddyNames(base);
  const list = checkins.data || [];
  return html`
    <${Page} title=${t('carer.history.title')} back=${{ href: '/', label: t('carer.home.back') }}>
      <${Problem} error=${checkins.error} />
      ${checkins.loading && html`<${Loading} />`}
      ${checkins.data && list.length === 0 &&
      html`<p>${t('carer.history.none')}</p>`}
      ${list.length > 0 &&
      html`<ol class="carer-history">
        ${list.map((checkin) => html`<${HistoryItem} key=${checkin.id} checkin=${checkin} buddyName=${names[checkin.match_id]} />`)}
      </ol>`}
    </${Page}>
  `;
}
