// /buddy/checkins/:id — a carer's answer (how they are in words, their note, "would like a call") and
// the buddy's reply: a message of up to 2,000 characters, "we spoke" or "call arranged". Where a
// "Sam has checked in", "hasn't checked in" or "waiting for your reply" notification leads. Once the match
// has ended the API leaves the carer's answers out (answers_shown: false): the former buddy sees that it
// ended and their own reply.
import { useState } from 'preact/hooks';
import { get, post } from '../../api.js';
import { html } from '../../html.js';
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

const REPLY_WORDS = {
  we_spoke: 'You said you spoke.',
  call_arranged: 'You said a call is arranged.',
};

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
  return { checkin, name: match ? firstName(match.carer.display_name) : 'Your carer', carerUserId: match?.carer.user_id };
}

function Answer({ checkin, name }) {
  if (checkin.state === 'open' || checkin.state === 'missed' || !checkin.answered_at) {
    return html`
      <p>${name} hasn't answered this check-in yet.</p>
      ${quiet(checkin) && html`<p>It's been a few days. Maybe give ${name} a ring? When you've spoken, you can say
        so below.</p>
        <${CallLink} name=${name} phone=${checkin.carer_phone} block=${true} />`}
    `;
  }
  return html`
    <dl class="summary">
      <div class="summary-row">
        <dt>How ${name} is doing</dt>
        <dd>${wellbeingWords(checkin, name)}</dd>
      </div>
      <div class="summary-row">
        <dt>${name}'s note</dt>
        <dd>${checkin.note ? html`<p class="buddy-note">${checkin.note}</p>` : html`<span class="hint">No note</span>`}</dd>
      </div>
      <div class="summary-row">
        <dt>Would like a call</dt>
        <dd>${checkin.wants_call ? 'Yes' : 'No'}</dd>
      </div>
    </dl>
    ${checkin.wants_call && checkin.state !== 'replied' &&
    html`<${Inset}>
      <p>${name} would like a call.</p>
      ${telHref(checkin.carer_phone)
        ? html`<${CallLink} name=${name} phone=${checkin.carer_phone} block=${true} />`
        : html`<p>${noNumberForBuddy(name)}</p>`}
      <p>When you've spoken, or arranged a time, say so below.</p>
    </${Inset}>`}
  `;
}

function Reply({ checkin, name, justSent }) {
  const body = html`
    <p class="hint">${formatDateTime(checkin.replied_at)}</p>
    ${checkin.reply_kind === 'message'
      ? html`<p class="buddy-note">${checkin.reply_message}</p>`
      : html`<p>${REPLY_WORDS[checkin.reply_kind] || 'You replied.'}</p>
        ${checkin.reply_message && html`<p class="buddy-note">${checkin.reply_message}</p>`}`}
  `;
  if (justSent) {
    return html`<${Panel} title="Reply sent"><p>We've let ${name} know.</p></${Panel}>
      <h2 class="heading-m">Your reply</h2>${body}`;
  }
  return html`<h2 class="heading-m">Your reply</h2>${body}`;
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
    <h2 class="heading-m">Reply to ${name}</h2>
    <form onSubmit=${onSubmit} novalidate>
      <${Radios} id="kind" legend="How do you want to reply?" value=${form.values.kind} onChange=${form.set('kind')}
        error=${form.errors.kind}
        options=${[
          { value: 'message', label: `Send ${name} a message` },
          { value: 'we_spoke', label: 'We spoke', hint: 'By phone, on a video call or in person.' },
          { value: 'call_arranged', label: 'We have arranged a call' },
        ]} />
      ${form.values.kind === 'message' &&
      html`<div class="buddy-message">
        <${TextArea} id="message" label=${`Your message to ${name}`} rows="6"
          hint=${`Only ${name} will see it. You can write up to 2,000 characters.`}
          value=${form.values.message} onInput=${form.set('message')} error=${form.errors.message} />
        <p class=${long ? 'character-count character-count-over' : 'character-count hint'} aria-live="polite">
          ${charactersLeft(form.values.message)}</p>
      </div>`}
      <${Button} busy=${form.busy}>Send reply</${Button}>
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
  const name = data?.name || 'Your carer';
  const checkin = sent || data?.checkin;
  const title = data ? `${name}'s check-in` : 'Check-in';
  const notFound = error?.status === 404 || error?.status === 403 || error?.status === 422;
  return html`
    <${Page} title=${title} caption=${checkin ? formatDateTime(checkin.answered_at || checkin.due_at) : undefined}
      back=${{ href: '/buddy', label: 'Your carers' }}>
      ${!sent && html`<${ErrorSummary} errors=${form.errors} general=${form.general} />`}
      ${notFound
        ? html`<p>We can't find this check-in. It may belong to a carer you no longer support.</p>`
        : html`<${Problem} error=${error} />`}
      ${!data && !error && html`<${Loading} />`}
      ${checkin && checkin.answers_shown === false &&
      html`
        <${Inset}>Your match with ${name} has ended, so their check-ins are no longer shown to you. Thank you
          for the support you gave.</${Inset}>
        ${checkin.state === 'replied' && html`<${Reply} checkin=${checkin} name=${name} justSent=${false} />`}
      `}
      ${checkin && checkin.answers_shown !== false &&
      html`
        ${checkin.needs_help && !checkin.help_acknowledged &&
        html`<div class="buddy-help"><p><strong>${name} asked for help.</strong> The coordinators have been alerted
          and will respond. You don't need to do anything now.</p></div>`}
        ${checkin.needs_help && checkin.help_acknowledged &&
        html`<div class="buddy-status buddy-help-handled"><p><strong>${name} asked for help.</strong> A coordinator is
          dealing with it. You don't need to do anything.</p></div>`}
        <${Answer} checkin=${checkin} name=${name} />
        ${data?.carerUserId && html`<p><a class="concern-link" href=${`/buddy/concerns/new?match=${checkin.match_id}&carer=${data.carerUserId}&checkin=${checkin.id}`}>I'm worried about ${name}</a></p>`}
        ${checkin.state === 'replied'
          ? html`<${Reply} checkin=${checkin} name=${name} justSent=${Boolean(sent)} />`
          : ['open', 'answered', 'missed'].includes(checkin.state)
            ? html`<${ReplyForm} form=${form} checkin=${checkin} name=${name} onSent=${setSent} />`
            : html`<p>This check-in isn't due yet.</p>`}
      `}
    </${Page}>
  `;
}
