// Requests to be deleted (issue 15): the list on the People's data hub, a request's page (who, what will be
// removed and kept, Confirm with a second confirmation, why it is paused with links to the open records,
// Cancel), and a small form to record a request a member made by phone or in person.
import { useState } from 'preact/hooks';
import { post } from '../../api.js';
import { html } from '../../html.js';
import { navigate } from '../../router.js';
import { ErrorSummary, Select, useForm } from '../../ui/forms.js';
import { Button, formatDate, Loading, Page, Panel, Problem, Warning } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { keptWords, OPEN_STATES, sectionLines, stateWords } from '../shared/erasure-logic.js';
import { useOrganisationApi } from './parts.js';
import { ago } from './logic.js';

const HUB = { href: '/coordinator/data-rights', label: "People's data" };

function RequestItem({ request }) {
  const open = OPEN_STATES.includes(request.state);
  return html`
    <li class=${request.state === 'paused' ? 'list-item alert-open' : 'list-item'}>
      <a class="list-title" href=${`/coordinator/erasures/${request.id}`}>${request.person_name}${request.role ? ` (${request.role})` : ''}</a>
      <span class="list-meta">Asked ${ago(request.requested_at)}${request.requested_by_self ? '' : ` · recorded by ${request.requested_by_name || 'a coordinator'}`}</span>
      <span class=${open ? 'tag tag-urgent' : 'tag'}>${stateWords(request.state)}</span>
    </li>
  `;
}

function AskForMember({ base, onDone }) {
  const members = useResource(`${base}/members`);
  const form = useForm({ membership: '' });
  const options = [{ value: '', label: 'Choose a person' }].concat(
    (members.data || [])
      .filter((m) => m.status !== 'ended')
      .map((m) => ({ value: m.membership_id, label: `${m.display_name} (${m.role})` })),
  );
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => ({ membership: !v.membership && 'Choose the person who asked' }),
      action: async (v) => onDone(await post(`${base}/members/${v.membership}/erasure`)),
    });
  return html`
    <form onSubmit=${onSubmit} novalidate>
      <h3 class="heading-s">Someone asked by phone or in person</h3>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <${Select} id="membership" label="Who asked to be deleted?" hint="Check it is really them before you record it."
        value=${form.values.membership} onChange=${form.set('membership')} error=${form.errors.membership} options=${options} />
      <${Button} variant="secondary" busy=${form.busy}>Record their request</${Button}>
    </form>
  `;
}

/** On the People's data hub: requests waiting or paused first, then done and cancelled ones. */
export function ErasureRequests() {
  const { base } = useOrganisationApi();
  const list = useResource(`${base}/erasure-requests`);
  const requests = list.data?.requests || [];
  return html`
    <section aria-labelledby="erasures-heading">
      <h2 class="heading-m" id="erasures-heading">Requests to be deleted${list.data ? ` (${list.data.open} waiting)` : ''}</h2>
      <${Problem} error=${list.error} />
      ${list.loading && html`<${Loading} />`}
      ${list.data && requests.length === 0 && html`<p class="hint">Nobody has asked to be deleted.</p>`}
      <ul class="list">${requests.map((r) => html`<${RequestItem} key=${r.id} request=${r} />`)}</ul>
      <${AskForMember} base=${base} onDone=${(made) => navigate(`/coordinator/erasures/${made.id}`)} />
    </section>
  `;
}

function WhatHappens({ request }) {
  const lines = sectionLines(request.sections);
  const done = request.state === 'done';
  return html`
    <h2 class="heading-m">${done ? 'What was removed and kept' : 'What confirming will do'}</h2>
    ${request.account_anonymised === true && html`<p>${done ? 'Their account was' : 'Their account will be'} closed: name, email address, phone number and sign-in removed.</p>`}
    ${request.account_anonymised === false && html`<p>They belong to another organisation too, so their account stays; only this centre's records ${done ? 'were' : 'are'} removed.</p>`}
    <dl class="summary-list">
      ${lines.map((l) => html`<div class="summary-row" key=${l.section}><dt>${l.title}</dt><dd>${l.text}</dd></div>`)}
    </dl>
    <h3 class="heading-s">Kept for safeguarding</h3>
    ${request.kept.length === 0
      ? html`<p>No safeguarding records: nothing is kept with their name.</p>`
      : html`<p>These stay, with their name, for ${request.safeguarding_years} years after they were closed, then are deleted.</p>
        <ul class="list">${request.kept.map((k) => html`<li key=${k.id}>${k.link ? html`<a href=${k.link}>${keptWords(k, request.safeguarding_years, formatDate)}</a>` : keptWords(k, request.safeguarding_years, formatDate)}</li>`)}</ul>`}
  `;
}

/** /coordinator/erasures/:id (the deep link of the notification). */
export function ErasurePage({ params }) {
  const { organisation, base } = useOrganisationApi();
  const found = useResource(`${base}/erasure-requests/${params.id}`);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState(null);
  const r = found.data;
  if (!r) {
    return html`<${Page} title="Request to be deleted" caption=${organisation.name} back=${HUB}>
      <${Problem} error=${found.error} />${found.loading && html`<${Loading} />`}
    </${Page}>`;
  }
  const act = async (what) => {
    setBusy(true);
    setProblem(null);
    try {
      found.set(await post(`${base}/erasure-requests/${r.id}/${what}`));
      setConfirming(false);
    } catch (error) {
      setProblem(error);
      found.reload();
    } finally {
      setBusy(false);
    }
  };
  const open = OPEN_STATES.includes(r.state);
  return html`
    <${Page} title=${`${r.person_name} asked to be deleted`} caption=${organisation.name} back=${HUB}>
      ${r.state === 'done' && html`<${Panel} title="Deleted"><p>Their records were removed on ${formatDate(r.completed_at)}. This page stays as proof, with counts only.</p></${Panel}>`}
      ${r.state === 'paused' && html`
        <${Warning}>Paused: something is still open. Deal with it first, then confirm again.</${Warning}>
        <ul class="list">${r.paused_reasons.map((p) => html`<li key=${p.object_id}>${p.link ? html`<a href=${p.link}>${p.words}</a>` : p.words}</li>`)}</ul>
        <p class="hint">The person is told only that a coordinator will be in touch.</p>`}
      <dl class="summary-list">
        <div class="summary-row"><dt>Status</dt><dd><span class=${open ? 'tag tag-urgent' : 'tag'}>${stateWords(r.state)}</span></dd></div>
        <div class="summary-row"><dt>Asked</dt><dd>${formatDate(r.requested_at)}${r.requested_by_self ? ' by them, in the app' : `, recorded by ${r.requested_by_name || 'a coordinator'}`}</dd></div>
        ${r.decided_at && html`<div class="summary-row"><dt>Decided</dt><dd>${formatDate(r.decided_at)}${r.decided_by_name ? ` by ${r.decided_by_name}` : ''}</dd></div>`}
      </dl>
      <${WhatHappens} request=${r} />
      <${Problem} error=${problem} />
      ${open && !confirming && html`
        <div class="button-group">
          <${Button} type="button" variant="warning" onClick=${() => setConfirming(true)}>Confirm deletion</${Button}>
          <${Button} type="button" variant="secondary" busy=${busy} onClick=${() => act('cancel')}>Cancel the request</${Button}>
        </div>`}
      ${open && confirming && html`
        <${Warning}>This deletes ${r.person_name}'s records now and cannot be undone. Check it is what they asked for.</${Warning}>
        <div class="button-group">
          <${Button} type="button" variant="warning" busy=${busy} onClick=${() => act('confirm')}>Yes, delete their records</${Button}>
          <${Button} type="button" variant="secondary" onClick=${() => setConfirming(false)}>No, go back</${Button}>
        </div>`}
    </${Page}>
  `;
}
