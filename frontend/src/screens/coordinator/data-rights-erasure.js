// Requests to be deleted (issue 15): the list on the People's data hub, a request's page (who, what will be
// removed and kept, Confirm with a second confirmation, why it is paused with links to the open records,
// Cancel), and a small form to record a request a member made by phone or in person.
import { useState } from 'preact/hooks';
import { post } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { navigate } from '../../router.js';
import { ErrorSummary, Select, useForm } from '../../ui/forms.js';
import { Button, formatDate, Loading, Page, Panel, Problem, Warning } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { keptWords, OPEN_STATES, sectionLines, stateWords } from '../shared/erasure-logic.js';
import { useOrganisationApi } from './parts.js';
import { ago } from './logic.js';
import { roleWords } from './records-logic.js';

const HUB = Object.freeze({
  href: '/coordinator/data-rights',
  get label() {
    return t('coordinator.home.dataTitle');
  },
});

function RequestItem({ request }) {
  const open = OPEN_STATES.includes(request.state);
  return html`
    <li class=${request.state === 'paused' ? 'list-item alert-open' : 'list-item'}>
      <a class="list-title" href=${`/coordinator/erasures/${request.id}`}>${request.role ? t('coordinator.audit.nameWithRole', { name: request.person_name, role: roleWords(request.role) }) : request.person_name}</a>
      <span class="list-meta">${t('coordinator.erasure.asked', { ago: ago(request.requested_at) })}${request.requested_by_self ? '' : ` · ${t('coordinator.supervision.recordedBy', { name: request.requested_by_name || t('coordinator.alert.aCoordinator') })}`}</span>
      <span class=${open ? 'tag tag-urgent' : 'tag'}>${stateWords(request.state)}</span>
    </li>
  `;
}

function AskForMember({ base, onDone }) {
  const members = useResource(`${base}/members`);
  const form = useForm({ membership: '' });
  const options = [{ value: '', label: t('coordinator.erasure.choosePerson') }].concat(
    (members.data || [])
      .filter((m) => m.status !== 'ended')
      .map((m) => ({ value: m.membership_id, label: t('coordinator.audit.nameWithRole', { name: m.display_name, role: roleWords(m.role) }) })),
  );
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => ({ membership: !v.membership && t('coordinator.erasure.choosePersonError') }),
      action: async (v) => onDone(await post(`${base}/members/${v.membership}/erasure`)),
    });
  return html`
    <form onSubmit=${onSubmit} novalidate>
      <h3 class="heading-s">${t('coordinator.erasure.byPhone')}</h3>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <${Select} id="membership" label=${t('coordinator.erasure.whoAsked')} hint=${t('coordinator.erasure.whoAskedHint')}
        value=${form.values.membership} onChange=${form.set('membership')} error=${form.errors.membership} options=${options} />
      <${Button} variant="secondary" busy=${form.busy}>${t('coordinator.erasure.record')}</${Button}>
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
      <h2 class="heading-m" id="erasures-heading">${list.data ? t('coordinator.erasure.headingWaiting', { count: list.data.open }) : t('coordinator.erasure.heading')}</h2>
      <${Problem} error=${list.error} />
      ${list.loading && html`<${Loading} />`}
      ${list.data && requests.length === 0 && html`<p class="hint">${t('coordinator.erasure.nobody')}</p>`}
      <ul class="list">${requests.map((r) => html`<${RequestItem} key=${r.id} request=${r} />`)}</ul>
      <${AskForMember} base=${base} onDone=${(made) => navigate(`/coordinator/erasures/${made.id}`)} />
    </section>
  `;
}

function WhatHappens({ request }) {
  const lines = sectionLines(request.sections);
  const done = request.state === 'done';
  return html`
    <h2 class="heading-m">${done ? t('coordinator.erasure.whatWasRemoved') : t('coordinator.erasure.whatConfirmingDoes')}</h2>
    ${request.account_anonymised === true && html`<p>${done ? t('coordinator.erasure.accountClosed') : t('coordinator.erasure.accountWillClose')}</p>`}
    ${request.account_anonymised === false && html`<p>${done ? t('coordinator.erasure.otherOrgDone') : t('coordinator.erasure.otherOrg')}</p>`}
    <dl class="summary-list">
      ${lines.map((l) => html`<div class="summary-row" key=${l.section}><dt>${l.title}</dt><dd>${l.text}</dd></div>`)}
    </dl>
    <h3 class="heading-s">${t('coordinator.erasure.keptForSafeguarding')}</h3>
    ${request.kept.length === 0
      ? html`<p>${t('coordinator.erasure.noneKept')}</p>`
      : html`<p>${t('coordinator.erasure.keptFor', { count: request.safeguarding_years })}</p>
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
    return html`<${Page} title=${t('coordinator.erasure.title')} caption=${organisation.name} back=${HUB}>
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
    <${Page} title=${t('coordinator.erasure.askedTitle', { name: r.person_name })} caption=${organisation.name} back=${HUB}>
      ${r.state === 'done' && html`<${Panel} title=${t('coordinator.erasure.deleted')}><p>${t('coordinator.erasure.deletedText', { date: formatDate(r.completed_at) })}</p></${Panel}>`}
      ${r.state === 'paused' && html`
        <${Warning}>${t('coordinator.erasure.paused')}</${Warning}>
        <ul class="list">${r.paused_reasons.map((p) => html`<li key=${p.object_id}>${p.link ? html`<a href=${p.link}>${p.words}</a>` : p.words}</li>`)}</ul>
        <p class="hint">${t('coordinator.erasure.personTold')}</p>`}
      <dl class="summary-list">
        <div class="summary-row"><dt>${t('coordinator.alertPage.status')}</dt><dd><span class=${open ? 'tag tag-urgent' : 'tag'}>${stateWords(r.state)}</span></dd></div>
        <div class="summary-row"><dt>${t('coordinator.erasure.askedLabel')}</dt><dd>${r.requested_by_self ? t('coordinator.erasure.askedInApp', { date: formatDate(r.requested_at) }) : t('coordinator.erasure.askedRecorded', { date: formatDate(r.requested_at), name: r.requested_by_name || t('coordinator.alert.aCoordinator') })}</dd></div>
        ${r.decided_at && html`<div class="summary-row"><dt>${t('coordinator.erasure.decided')}</dt><dd>${r.decided_by_name ? t('coordinator.alertPage.acknowledgedBy', { when: formatDate(r.decided_at), name: r.decided_by_name }) : formatDate(r.decided_at)}</dd></div>`}
      </dl>
      <${WhatHappens} request=${r} />
      <${Problem} error=${problem} />
      ${open && !confirming && html`
        <div class="button-group">
          <${Button} type="button" variant="warning" onClick=${() => setConfirming(true)}>${t('coordinator.erasure.confirm')}</${Button}>
          <${Button} type="button" variant="secondary" busy=${busy} onClick=${() => act('cancel')}>${t('coordinator.erasure.cancel')}</${Button}>
        </div>`}
      ${open && confirming && html`
        <${Warning}>${t('coordinator.erasure.confirmWarning', { name: r.person_name })}</${Warning}>
        <div class="button-group">
          <${Button} type="button" variant="warning" busy=${busy} onClick=${() => act('confirm')}>${t('coordinator.erasure.yesDelete')}</${Button}>
          <${Button} type="button" variant="secondary" onClick=${() => setConfirming(false)}>${t('coordinator.erasure.goBack')}</${Button}>
        </div>`}
    </${Page}>
  `;
}
