// Pairs: active, paused and proposed matches, with pause, restart, end (with a reason) and withdraw.
import { useState } from 'preact/hooks';
import { post } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { ErrorSummary, Radios, TextArea, useForm } from '../../ui/forms.js';
import { Button, formatDate, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { HOME, useOrganisationApi } from './parts.js';
import { firstName } from '../../text.js';
import { CallLink } from '../shared/phone-parts.js';
import { endReasons, MATCH_STATES } from './logic.js';

const groups = () => [
  ['active', t('coordinator.pairs.active')],
  ['paused', t('coordinator.pairs.paused')],
  ['proposed', t('coordinator.pairs.proposed')],
];

function EndForm({ base, match, onDone, onCancel }) {
  const form = useForm({ reason: '', note: '' });
  const reasonId = `reason-${match.id}`;
  const noteId = `end-note-${match.id}`;
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => ({ [reasonId]: !v.reason && t('coordinator.pairs.chooseReason') }),
      fields: [reasonId, noteId],
      action: async (v) => onDone(await post(`${base}/matches/${match.id}/end`, { reason: v.reason, note: v.note.trim() })),
    });
  return html`
    <form class="end-form" onSubmit=${onSubmit} novalidate>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <${Radios} id=${reasonId} legend=${t('coordinator.pairs.whyEnding')} value=${form.values.reason} onChange=${form.set('reason')}
        error=${form.errors[reasonId]} options=${endReasons().map(([value, label]) => ({ value, label }))} />
      <${TextArea} id=${noteId} label=${t('coordinator.pairs.anythingToAdd')} optional rows="3" hint=${t('coordinator.pairs.onlyCoordinators')}
        value=${form.values.note} onInput=${form.set('note')} error=${form.errors[noteId]} />
      <div class="button-group">
        <${Button} variant="warning" busy=${form.busy}>${t('coordinator.pairs.endPair')}</${Button}>
        <${Button} type="button" variant="secondary" onClick=${onCancel}>${t('coordinator.pairs.cancel')}</${Button}>
      </div>
    </form>
  `;
}

function CallOrNone({ person }) {
  return person.phone
    ? html`<${CallLink} name=${person.display_name} phone=${person.phone} />`
    : html`<span class="list-meta">${t('coordinator.pairs.noNumber', { name: firstName(person.display_name) })}</span>`;
}

function PairItem({ base, match, ending, setEnding, act }) {
  const pair = t('coordinator.pairs.pairNames', { carer: match.carer.display_name, buddy: match.buddy.display_name });
  const hidden = html`<span class="visually-hidden"> ${pair}</span>`;
  return html`
    <li class="list-item">
      <span class="list-title"><a href=${`/coordinator/carers/${match.carer.membership_id}`}>${match.carer.display_name}</a> ${t('coordinator.pairs.with', { buddy: match.buddy.display_name })}</span>
      <span class="list-meta">${match.activated_at ? t('coordinator.pairs.togetherSince', { date: formatDate(match.activated_at) }) : t('coordinator.pairs.proposedOn', { date: formatDate(match.proposed_at) })}</span>
      <span class=${`tag tag-${match.status}`}>${MATCH_STATES[match.status]}</span>
      ${match.status !== 'proposed' &&
      html`<span class="call-links"><${CallOrNone} person=${match.carer} /><${CallOrNone} person=${match.buddy} /></span>`}
      ${match.status !== 'proposed' && html`<a href=${`/matches/${match.id}/check-ins`}>${t('coordinator.pairs.whenTheyCheckIn')}${hidden}</a>`}
      ${ending === match.id
        ? html`<${EndForm} base=${base} match=${match} onCancel=${() => setEnding(null)}
            onDone=${() => { setEnding(null); act(match, null, t('coordinator.pairs.ended', { pair })); }} />`
        : html`<div class="button-group">
            ${match.status === 'active' && html`<${Button} type="button" variant="secondary" onClick=${() => act(match, 'pause', t('coordinator.pairs.pausedDone', { pair }))}>${t('coordinator.pairs.pause')}${hidden}</${Button}>`}
            ${match.status === 'paused' && html`<${Button} type="button" variant="secondary" onClick=${() => act(match, 'resume', t('coordinator.pairs.restarted', { pair }))}>${t('coordinator.pairs.restart')}${hidden}</${Button}>`}
            ${match.status === 'proposed' && html`<${Button} type="button" variant="secondary" onClick=${() => act(match, 'withdraw', t('coordinator.pairs.withdrawn', { pair }))}>${t('coordinator.pairs.withdraw')}<span class="visually-hidden"> ${t('coordinator.pairs.forPair', { pair })}</span></${Button}>`}
            ${match.status !== 'proposed' && html`<${Button} type="button" variant="secondary" onClick=${() => setEnding(match.id)}>${t('coordinator.pairs.end')}${hidden}</${Button}>`}
          </div>`}
    </li>
  `;
}

export function Pairs() {
  const { organisation, base } = useOrganisationApi();
  const matches = useResource(`${base}/matches`);
  const [ending, setEnding] = useState(null);
  const [message, setMessage] = useState(null);
  const [error, setError] = useState(null);

  // action null: already done (the end form posted it); either way the list is loaded again.
  const act = async (match, action, done) => {
    setError(null);
    setMessage(null);
    try {
      if (action) await post(`${base}/matches/${match.id}/${action}`, action === 'withdraw' ? { reason: '' } : undefined);
      setMessage(done);
    } catch (problem) {
      setError(problem);
    }
    matches.reload();
  };

  const all = matches.data || [];
  const closed = all.filter((m) => !['active', 'paused', 'proposed'].includes(m.status)).length;
  return html`
    <${Page} title=${t('coordinator.pairs.title')} caption=${organisation.name} back=${HOME}>
      ${message && html`<${Panel} title=${message} />`}
      <${Problem} error=${error || matches.error} />
      ${matches.loading && html`<${Loading} />`}
      ${matches.data &&
      groups().map(([status, heading]) => {
        const group = all.filter((m) => m.status === status);
        return html`<section key=${status} aria-labelledby=${`group-${status}`}>
          <h2 class="heading-m" id=${`group-${status}`}>${heading} (${group.length})</h2>
          ${group.length === 0 && html`<p class="hint">${t('coordinator.pairs.none')}</p>`}
          <ul class="list">
            ${group.map((m) => html`<${PairItem} key=${m.id} base=${base} match=${m} ending=${ending} setEnding=${setEnding} act=${act} />`)}
          </ul>
        </section>`;
      })}
      ${closed > 0 && html`<p class="hint">${t('coordinator.pairs.closed', { count: closed })}</p>`}
    </${Page}>
  `;
}
