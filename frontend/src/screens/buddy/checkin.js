// /buddy/checkins/:id — a carer's answer (how they are in words, their note, "would like a call") and
// the buddy's reply: a message of up to 2,000 characters, "we spoke" or "call arranged". Where a
// "Sam has checked in", "hasn't checked in" or "waiting for your reply" notification leads. Once the match
// has ended the API leaves the carer's answers out (answers_shown: false): the former buddy sees that it
// ended and their own reply.
import { useState } from 'preact/hooks';
import { get, post } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { currentOrganisation, useSession } from '../../session.js';
import { ErrorSummary, Radios, TextArea, useForm } from '../../ui/forms.js';
import { Button, Inset, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { noNumberForBuddy, telHref } from '../shared/phone-logic.js';
import { CallLink } from '../shared/phone-parts.js';
import { useResource } from '../../ui/resource.js';
import {
  charactersLeft,
  firstName,
  formatDateTime,
  MESSAGE_LIMIT,
  replyBody,
  validateReply,
  wellbeingWords,
} from './logic.js';

/** What I replied, in words, when it was not a message. */
function replyWords(kind) {
  if (kind === 'we_spoke') return t('buddy.checkin.saidSpoke');
  if (kind === 'call_arranged') return t('buddy.checkin.saidCall');
  return t('buddy.checkin.replied');
}

const QUIET_AFTER_MS = 2 * 24 * 60 * 60 * 1000;

/** Unanswered for days: the moment the "hasn't checked in" notification suggests a call. */
function quiet(checkin) {
  return checkin.state === 'missed' || (checkin.state === 'open' && Date.now() - new Date(checkin.due_at) > QUIET_AFTER_MS);
}

async function loadCheckin(organisationId, id) {
  const [checkin, matches] = await Promise.all([
    get(`/api/v1/checkins/${id}`),
    get(`/api/v1/orgs/${organisationId}/matches`).catch(() => []),
  ]);
  const match = matches.find((m) => m.id === checkin.match_id);
  return { checkin, name: match ? firstName(match.carer.display_name) : t('buddy.yourCarerCapital'), carerUserId: match?.carer.user_id };
}

function Answer({ checkin, name }) {
  if (checkin.state === 'open' || checkin.state === 'missed' || !checkin.answered_at) {
    return html`
      <p>${t('buddy.checkin.notAnswered', { name })}</p>
      ${quiet(checkin) && html`<p>${t('buddy.checkin.quiet', { name })}</p>
        <${CallLink} name=${name} phone=${checkin.carer_phone} block=${true} />`}
    `;
  }
  return html`
    <dl class="summary">
      <div class="summary-row">
        <dt>${t('buddy.checkin.howDoing', { name })}</dt>
        <dd>${wellbeingWords(checkin, name)}</dd>
      </div>
      <div class="summary-row">
        <dt>${t('buddy.checkin.note', { name })}</dt>
        <dd>${checkin.note ? html`<p class="buddy-note">${checkin.note}</p>` : html`<span class="hint">${t('buddy.checkin.noNote')}</span>`}</dd>
      </div>
      <div class="summary-row">
        <dt>${t('buddy.wantsCall')}</dt>
        <dd>${checkin.wants_call ? t('buddy.yes') : t('buddy.no')}</dd>
      </div>
    </dl>
    ${checkin.wants_call && checkin.state !== 'replied' &&
    html`<${Inset}>
      <p>${t('buddy.checkin.wouldLikeCall', { name })}</p>
      ${telHref(checkin.carer_phone)
        ? html`<${CallLink} name=${name} phone=${checkin.carer_phone} block=${true} />`
        : html`<p>${noNumberForBuddy(name)}</p>`}
      <p>${t('buddy.checkin.saySoBelow')}</p>
    </${Inset}>`}
  `;
}

function Reply({ checkin, name, justSent }) {
  const body = html`
    <p class="hint">${formatDateTime(checkin.replied_at)}</p>
    ${checkin.reply_kind === 'message'
      ? html`<p class="buddy-note">${checkin.reply_message}</p>`
      : html`<p>${replyWords(checkin.reply_kind)}</p>
        ${checkin.reply_message && html`<p class="buddy-note">${checkin.reply_message}</p>`}`}
  `;
  if (justSent) {
    return html`<${Panel} title=${t('buddy.checkin.replySent')}><p>${t('buddy.checkin.letKnow', { name })}</p></${Panel}>
      <h2 class="heading-m">${t('buddy.checkin.yourReply')}</h2>${body}`;
  }
  return html`<h2 class="heading-m">${t('buddy.checkin.yourReply')}</h2>${body}`;
}

function ReplyForm({ form, checkin, name, onSent }) {
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (values) => validateReply(values, name),
      fields: ['kind', 'message'],
      action: async (values) => onSent(await post(`/api/v1/checkins/${checkin.id}/reply`, replyBody(values))),
    });
  const long = form.values.message.length > MESSAGE_LIMIT;
  return html`
    <h2 class="heading-m">${t('buddy.checkin.replyTo', { name })}</h2>
    <form onSubmit=${onSubmit} novalidate>
      <${Radios} id="kind" legend=${t('buddy.checkin.how')} value=${form.values.kind} onChange=${form.set('kind')}
        error=${form.errors.kind}
        options=${[
          { value: 'message', label: t('buddy.checkin.sendMessage', { name }) },
          { value: 'we_spoke', label: t('buddy.checkin.weSpoke'), hint: t('buddy.checkin.weSpokeHint') },
          { value: 'call_arranged', label: t('buddy.checkin.callArranged') },
        ]} />
      ${form.values.kind === 'message' &&
      html`<div class="buddy-message">
        <${TextArea} id="message" label=${t('buddy.checkin.messageLabel', { name })} rows="6"
          hint=${t('buddy.checkin.messageHint', { name })}
          value=${form.values.message} onInput=${form.set('message')} error=${form.errors.message} />
        <p class=${long ? 'character-count character-count-over' : 'character-count hint'} aria-live="polite">
          ${charactersLeft(form.values.message)}</p>
      </div>`}
      <${Button} busy=${form.busy}>${t('buddy.checkin.send')}</${Button}>
    </form>
  `;
}

export function BuddyCheckin({ params }) {
  const { me } = useSession();
  const organisation = currentOrganisation(me);
  const { data, error } = useResource(() => loadCheckin(organisation.id, params.id), [organisation.id, params.id]);
  const [sent, setSent] = useState(null);
  // The form's state lives here so that its error summary can sit at the top of the page (GOV.UK).
  const form = useForm({ kind: '', message: '' });
  const name = data?.name || t('buddy.yourCarerCapital');
  const checkin = sent || data?.checkin;
  const title = data ? t('buddy.checkin.title', { name }) : t('buddy.checkin.titleBare');
  const notFound = error?.status === 404 || error?.status === 403 || error?.status === 422;
  return html`
    <${Page} title=${title} caption=${checkin ? formatDateTime(checkin.answered_at || checkin.due_at) : undefined}
      back=${{ href: '/buddy', label: t('buddy.carers.title') }}>
      ${!sent && html`<${ErrorSummary} errors=${form.errors} general=${form.general} />`}
      ${notFound
        ? html`<p>${t('buddy.checkin.notFound')}</p>`
        : html`<${Problem} error=${error} />`}
      ${!data && !error && html`<${Loading} />`}
      ${checkin && checkin.answers_shown === false &&
      html`
        <${Inset}>${t('buddy.checkin.ended', { name })}</${Inset}>
        ${checkin.state === 'replied' && html`<${Reply} checkin=${checkin} name=${name} justSent=${false} />`}
      `}
      ${checkin && checkin.answers_shown !== false &&
      html`
        ${checkin.needs_help && !checkin.help_acknowledged &&
        html`<div class="buddy-help"><p><strong>${t('buddy.checkin.askedHelp', { name })}</strong> ${t('buddy.help.alerted')}</p></div>`}
        ${checkin.needs_help && checkin.help_acknowledged &&
        html`<div class="buddy-status buddy-help-handled"><p><strong>${t('buddy.checkin.askedHelp', { name })}</strong> ${t('buddy.checkin.dealing')}</p></div>`}
        <${Answer} checkin=${checkin} name=${name} />
        ${data?.carerUserId && html`<p><a class="concern-link" href=${`/buddy/concerns/new?match=${checkin.match_id}&carer=${data.carerUserId}&checkin=${checkin.id}`}>${t('buddy.worried', { name })}</a></p>`}
        ${checkin.state === 'replied'
          ? html`<${Reply} checkin=${checkin} name=${name} justSent=${Boolean(sent)} />`
          : ['open', 'answered', 'missed'].includes(checkin.state)
            ? html`<${ReplyForm} form=${form} checkin=${checkin} name=${name} onSent=${setSent} />`
            : html`<p>${t('buddy.checkin.notDue')}</p>`}
      `}
    </${Page}>
  `;
}
