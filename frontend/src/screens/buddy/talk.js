// /buddy/talk — "I'd like to talk something through" (issue 13): a buddy asks a coordinator for a
// debrief (how soon, an optional note), is told kindly that someone will be in touch, and sees where
// each ask stands and the supervision sessions they have had (dates and kinds; never the notes).
// TalkCard is the buddy home's way in (one tap to the form).
import { useState } from 'preact/hooks';
import { post } from '../../api.js';
import { html } from '../../html.js';
import { formatNumber, t } from '../../i18n.js';
import { currentOrganisation, useSession } from '../../session.js';
import { ErrorSummary, Radios, TextArea, useForm } from '../../ui/forms.js';
import { Button, Card, formatDate, LinkButton, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { formatDateTime } from './logic.js';
import { homeWords, latestToShow, NOTE_LIMIT, sessionName, talkStatus, urgencyOptions, urgencyWords, validateTalk } from './talk-logic.js';

function newKey() {
  return globalThis.crypto.randomUUID();
}

function TalkForm({ base, onSent }) {
  const form = useForm({ urgency: '', note: '' });
  const [key] = useState(newKey);
  const onSubmit = (event) =>
    form.submit(event, {
      validate: validateTalk,
      action: async (v) =>
        onSent(await post(`${base}/debriefs`, { urgency: v.urgency, note: v.note.trim() }, { headers: { 'Idempotency-Key': key } })),
    });
  return html`
    <form onSubmit=${onSubmit} novalidate>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <${Radios} id="urgency" legend=${t('buddy.talk.when')} value=${form.values.urgency}
        onChange=${form.set('urgency')} error=${form.errors.urgency} options=${urgencyOptions()} />
      <${TextArea} id="note" label=${t('buddy.talk.noteLabel')} optional rows="4"
        hint=${t('buddy.talk.noteHint', { limit: formatNumber(NOTE_LIMIT) })}
        value=${form.values.note} onInput=${form.set('note')} error=${form.errors.note} />
      <${Button} busy=${form.busy}>${t('buddy.talk.ask')}</${Button}>
    </form>
  `;
}

function Asks({ requests }) {
  if (!requests.length) return null;
  return html`
    <h2 class="heading-m">${t('buddy.talk.requests')}</h2>
    <ul class="list">
      ${requests.map(
        (r) => html`<li class="list-item" key=${r.id}>
          <span class="list-title">${t('buddy.talk.youAsked', { when: formatDateTime(r.asked_at) })}</span>
          <span class=${r.taken_up_at ? 'tag tag-complete' : 'tag'}>${r.taken_up_at ? t('buddy.talk.takenUpTag') : t('buddy.talk.waitingTag')}</span>
          <span class="list-meta">${t('buddy.talk.urgencyAndStatus', { urgency: urgencyWords(r.urgency), status: talkStatus(r) })}</span>
        </li>`,
      )}
    </ul>
  `;
}

function Sessions({ base }) {
  const mine = useResource(`${base}/me/supervision`);
  const sessions = mine.data?.sessions || [];
  return html`
    <h2 class="heading-m">${t('buddy.talk.supervisionTitle')}</h2>
    <p>${t('buddy.talk.supervisionText')}</p>
    <${Problem} error=${mine.error} />
    ${mine.data && sessions.length === 0 && html`<p class="hint">${t('buddy.talk.noSessions')}</p>`}
    <ul class="list">
      ${sessions.map(
        (s, index) => html`<li class="list-item" key=${index}>
          <span class="list-title">${sessionName(s.kind)}</span>
          <span class="list-meta">${t('buddy.talk.session', { date: formatDate(s.held_on), minutes: s.duration_minutes })}</span>
        </li>`,
      )}
    </ul>
  `;
}

export function BuddyTalk() {
  const { me } = useSession();
  const organisation = currentOrganisation(me);
  const base = `/api/v1/orgs/${organisation.id}`;
  const requests = useResource(`${base}/debriefs`);
  const [sent, setSent] = useState(null);
  const onSent = (request) => {
    setSent(request);
    requests.reload();
    globalThis.scrollTo?.(0, 0);
  };
  return html`
    <${Page} title=${t('buddy.talk.title')} caption=${t('buddy.asBuddy')} back=${{ href: '/', label: t('buddy.home') }}>
      ${sent
        ? html`<${Panel} title=${t('buddy.talk.sentTitle')}>
            <p>${t('buddy.talk.sentText')}</p>
          </${Panel}>`
        : html`
          <p>${t('buddy.talk.intro')}</p>
          <p>${t('buddy.talk.danger')}</p>
          <${TalkForm} base=${base} onSent=${onSent} />`}
      <${Problem} error=${requests.error} />
      ${requests.loading && html`<${Loading} />`}
      <${Asks} requests=${requests.data || []} />
      <${Sessions} base=${base} />
    </${Page}>
  `;
}

/** The buddy home's card: one tap to ask, and where the latest ask stands. */
export function TalkCard({ organisation }) {
  const requests = useResource(`/api/v1/orgs/${organisation.id}/debriefs`);
  const latest = latestToShow(requests.data);
  return html`
    <${Card} title=${t('buddy.talk.cardTitle')}>
      ${latest
        ? html`<p>${homeWords(latest)}</p>`
        : html`<p>${t('buddy.talk.cardText')}</p>`}
      <${LinkButton} href="/buddy/talk" variant="secondary">${t('buddy.talk.title')}</${LinkButton}>
    </${Card}>
  `;
}
