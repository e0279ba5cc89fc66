// Concerns for coordinators (issue 13): the queue beside crisis alerts (open ones first, with the time to
// the response target), and a concern's page to acknowledge it, record what was done and close it with an
// outcome. The buddy who raised it is told only that it is being handled, then that it was.
import { useState } from 'preact/hooks';
import { post } from '../../api.js';
import { navigate } from '../../router.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { CallOrNone } from '../shared/phone-parts.js';
import { ErrorSummary, Radios, TextArea, useForm } from '../../ui/forms.js';
import { Button, Loading, Page, Panel, Problem, Warning } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { CATEGORIES, newRequestKey, OUTCOMES, statusWords, targetWords } from '../shared/concern-logic.js';
import { HOME, useOrganisationApi, usePeople } from './parts.js';
import { ago, timeAndDate } from './logic.js';
import { roleWords } from './records-logic.js';

const QUEUE = Object.freeze({
  href: '/coordinator/concerns',
  get label() {
    return t('coordinator.home.concernsTitle');
  },
});

function ConcernItem({ concern }) {
  const open = concern.status === 'open';
  const urgent = open && (concern.at_risk_now || concern.past_target);
  return html`
    <li class=${urgent ? 'list-item alert-open' : 'list-item'}>
      <a class="list-title" href=${`/coordinator/concerns/${concern.id}`}>${t('coordinator.concerns.about', { name: concern.carer_name, category: concern.category_words.toLowerCase() })}</a>
      <span class="list-meta">${t('coordinator.concerns.raisedBy', { name: concern.raised_by_name || t('coordinator.concerns.someoneWhoLeft'), ago: ago(concern.raised_at) })}</span>
      ${concern.at_risk_now && open && html`<span class="tag tag-urgent">${t('coordinator.concerns.atRiskNow')}</span>`}
      <span class=${urgent ? 'tag tag-urgent' : 'tag'}>${open ? targetWords(concern) : statusWords(concern)}</span>
    </li>
  `;
}

/** /coordinator/concerns: open and being handled first (the most urgent at the top), then closed ones. */
export function Concerns() {
  const { organisation, base } = useOrganisationApi();
  const [showClosed, setShowClosed] = useState(false);
  const list = useResource(`${base}/concerns?status=${showClosed ? 'closed' : 'open'}`);
  const queue = list.data?.queue || [];
  return html`
    <${Page} title=${t('coordinator.home.concernsTitle')} caption=${organisation.name} back=${HOME}>
      <p>${t('coordinator.concerns.intro')}</p>
      <p><a href="/coordinator/alerts">${t('coordinator.attentionPage.alertsTitle')}</a></p>
      <h2 class="heading-m">${showClosed ? t('coordinator.concerns.closedHeading') : t('coordinator.concerns.openHeading', { count: queue.length })}</h2>
      <${Problem} error=${list.error} />
      ${list.loading && html`<${Loading} />`}
      ${list.data && queue.length === 0 && html`<p class="hint">${showClosed ? t('coordinator.concerns.noClosed') : t('coordinator.concerns.noOpen')}</p>`}
      <ul class="list">${queue.map((c) => html`<${ConcernItem} key=${c.id} concern=${c} />`)}</ul>
      <${Button} type="button" variant="secondary" onClick=${() => setShowClosed(!showClosed)}>
        ${showClosed ? t('coordinator.concerns.showOpen') : t('coordinator.concerns.showClosed')}</${Button}>
    </${Page}>
  `;
}

function ActionForm({ base, concern, onDone }) {
  const form = useForm({ text: '' });
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => ({ text: !v.text.trim() && t('coordinator.concerns.enterWhatYouDid') }),
      action: async (v) => {
        const updated = await post(`${base}/concerns/${concern.id}/actions`, { text: v.text.trim() });
        form.setValues({ text: '' });
        onDone(updated, t('coordinator.attentionPage.recorded'));
      },
    });
  return html`
    <form onSubmit=${onSubmit} novalidate>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <${TextArea} id="text" label=${t('coordinator.concerns.recordLabel')} rows="3"
        hint=${t('coordinator.concerns.recordHint', { name: concern.carer_name.split(' ')[0] })}
        value=${form.values.text} onInput=${form.set('text')} error=${form.errors.text} />
      <${Button} variant="secondary" busy=${form.busy}>${t('coordinator.concerns.record')}</${Button}>
    </form>
  `;
}

function CloseForm({ base, concern, onDone }) {
  const form = useForm({ outcome: '', note: '' });
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => ({ outcome: !v.outcome && t('coordinator.concerns.chooseOutcome') }),
      action: async (v) =>
        onDone(await post(`${base}/concerns/${concern.id}/close`, { outcome: v.outcome, note: v.note.trim() }), t('coordinator.concerns.closedDone')),
    });
  return html`
    <form onSubmit=${onSubmit} novalidate>
      <h2 class="heading-m">${t('coordinator.concerns.close')}</h2>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <${Radios} id="outcome" legend=${t('coordinator.concerns.outcomeLegend')} value=${form.values.outcome}
        onChange=${form.set('outcome')} error=${form.errors.outcome} options=${OUTCOMES} />
      <${TextArea} id="note" label=${t('coordinator.proposals.note')} optional rows="3" hint=${t('coordinator.concerns.noteHint')}
        value=${form.values.note} onInput=${form.set('note')} error=${form.errors.note} />
      <${Button} busy=${form.busy}>${t('coordinator.concerns.close')}</${Button}>
    </form>
  `;
}

/** /coordinator/concerns/:id (the deep link of the push and the e-mail): read, acknowledge, act, close. */
export function ConcernPage({ params }) {
  const { organisation, base } = useOrganisationApi();
  const people = usePeople(base);
  const found = useResource(`${base}/concerns/${params.id}`);
  const [done, setDone] = useState(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState(null);
  const c = found.data;
  if (!c) {
    return html`<${Page} title=${t('coordinator.concerns.concern')} caption=${organisation.name} back=${QUEUE}>
      <${Problem} error=${found.error} />${found.loading && html`<${Loading} />`}
    </${Page}>`;
  }
  const update = (updated, words) => {
    found.set(updated);
    setDone(words);
  };
  const acknowledge = async () => {
    setBusy(true);
    setProblem(null);
    try {
      update(await post(`${base}/concerns/${c.id}/acknowledge`), t('coordinator.attentionPage.acknowledged'));
    } catch (error) {
      setProblem(error);
      found.reload();
    } finally {
      setBusy(false);
    }
  };
  const open = c.status === 'open';
  const closed = c.status === 'closed';
  const member = people.byUser.get(c.carer_user_id);
  const carer = member?.role === 'carer' ? member : null;
  return html`
    <${Page} title=${t('coordinator.concerns.aboutTitle', { name: c.carer_name })} caption=${organisation.name} back=${QUEUE}>
      ${done && html`<${Panel} title=${done}><p>${closed ? t('coordinator.concerns.buddyToldClosed') : t('coordinator.concerns.buddyToldHandling')}</p></${Panel}>`}
      ${c.at_risk_now && open && html`<${Warning}>${t('coordinator.concerns.atRiskWarning', { name: c.carer_name.split(' ')[0] })}</${Warning}>`}
      <dl class="summary-list">
        <div class="summary-row"><dt>${t('coordinator.alertPage.status')}</dt><dd><span class=${open ? 'tag tag-urgent' : 'tag'}>${statusWords(c)}</span>${open ? ` · ${targetWords(c)}` : ''}</dd></div>
        <div class="summary-row"><dt>${t('coordinator.concerns.aboutLabel')}</dt><dd>${c.category_words}</dd></div>
        <div class="summary-row"><dt>${t('coordinator.concerns.atRiskLabel')}</dt><dd>${c.at_risk_now ? t('coordinator.concerns.yes') : t('coordinator.concerns.no')}</dd></div>
        <div class="summary-row"><dt>${t('coordinator.concerns.whatHappened')}</dt><dd class="pre-line">${c.what_happened}</dd></div>
        <div class="summary-row"><dt>${t('coordinator.concerns.raisedByLabel')}</dt><dd>${t('coordinator.concerns.raisedByValue', { name: c.raised_by_name || t('coordinator.attentionPage.someoneWhoLeft'), role: roleWords(c.raised_by_role), when: timeAndDate(c.raised_at) })}</dd></div>
        ${c.checkin_id && html`<div class="summary-row"><dt>${t('coordinator.concerns.checkin')}</dt><dd><a href=${`/coordinator/checkins/${c.checkin_id}`}>${t('coordinator.concerns.seeCheckin')}</a></dd></div>`}
        ${c.escalated_at && html`<div class="summary-row"><dt>${t('coordinator.concerns.sentToLead')}</dt><dd>${timeAndDate(c.escalated_at)}</dd></div>`}
        ${c.acknowledged_at && html`<div class="summary-row"><dt>${t('coordinator.attentionPage.acknowledged')}</dt><dd>${c.acknowledged_by_name ? t('coordinator.alertPage.acknowledgedBy', { when: timeAndDate(c.acknowledged_at), name: c.acknowledged_by_name }) : timeAndDate(c.acknowledged_at)}</dd></div>`}
        ${closed && html`<div class="summary-row"><dt>${t('coordinator.concerns.outcome')}</dt><dd>${c.outcome_words}${c.outcome_note ? html`<p class="pre-line">${c.outcome_note}</p>` : ''}</dd></div>`}
      </dl>
      <section class="alert-reach" aria-labelledby="concern-reach-heading">
        <h2 class="heading-m" id="concern-reach-heading">${t('coordinator.parts.howToReach', { name: c.carer_name.split(' ')[0] })}</h2>
        <dl class="summary-list">
          <div class="summary-row"><dt>${t('coordinator.parts.phone')}</dt><dd><${CallOrNone} name=${c.carer_name} phone=${c.carer_phone} /></dd></div>
          <div class="summary-row"><dt>${t('coordinator.parts.emergencyContact')}</dt><dd>${c.emergency_contact
            ? html`${c.emergency_contact.name} (${c.emergency_contact.relationship})<br />
              <${CallOrNone} name=${c.emergency_contact.name} phone=${c.emergency_contact.phone} />`
            : t('coordinator.parts.noneOnRecord')}</dd></div>
          ${carer && html`<div class="summary-row"><dt>${t('coordinator.alertPage.email')}</dt><dd><a href=${`mailto:${carer.email}`}>${carer.email}</a></dd></div>`}
          ${c.raised_by_name && c.raised_by_role === 'buddy' && html`<div class="summary-row"><dt>${t('coordinator.concerns.buddyWhoRaised')}</dt><dd><${CallOrNone} name=${c.raised_by_name} phone=${c.raised_by_phone} /></dd></div>`}
        </dl>
      </section>
      ${c.actions.length > 0 && html`
        <h2 class="heading-m">${t('coordinator.concerns.whatHasBeenDone')}</h2>
        <ol class="steps">${c.actions.map((a) => html`<li key=${a.id}><p class="pre-line">${a.text}</p>
          <p class="hint">${t('coordinator.attentionPage.step', { step: a.recorded_by_name || t('coordinator.concerns.aCoordinator'), when: timeAndDate(a.recorded_at) })}</p></li>`)}</ol>`}
      <${Problem} error=${problem} />
      ${open && html`<p>${t('coordinator.concerns.acknowledgingText')}</p>
        <${Button} type="button" busy=${busy} onClick=${acknowledge}>${t('coordinator.alertPage.acknowledge')}</${Button}>`}
      ${!closed && html`<${ActionForm} base=${base} concern=${c} onDone=${update} />
        <${CloseForm} base=${base} concern=${c} onDone=${update} />`}
      ${carer && html`<p><a href=${`/coordinator/carers/${carer.membership_id}`}>${t('coordinator.alertPage.namesPage', { name: c.carer_name })}</a></p>`}
    </${Page}>
  `;
}


/** /coordinator/concerns/new?carer=<membership>: a coordinator raises a concern about a carer (from their page). */
export function NewConcern() {
  const { organisation, base } = useOrganisationApi();
  const people = usePeople(base);
  const membershipId = new URLSearchParams(location.search).get('carer');
  const carer = (people.members || []).find((m) => m.membership_id === membershipId && m.role === 'carer');
  const form = useForm({ at_risk_now: '', what_happened: '', category: 'other' });
  const [key] = useState(() => newRequestKey());
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => ({
        at_risk_now: !v.at_risk_now && t('coordinator.newConcern.sayAtRisk'),
        what_happened: !v.what_happened.trim() && t('coordinator.newConcern.enterWhat'),
      }),
      action: async (v) => {
        const raised = await post(
          `${base}/concerns`,
          { carer_user_id: carer.user_id, category: v.category, at_risk_now: v.at_risk_now === 'yes', what_happened: v.what_happened.trim() },
          { headers: { 'Idempotency-Key': key } },
        );
        navigate(`/coordinator/concerns/${raised.concern_id}`);
      },
    });
  const back = carer ? { href: `/coordinator/carers/${carer.membership_id}`, label: carer.display_name } : QUEUE;
  if (!carer) {
    return html`<${Page} title=${t('coordinator.newConcern.title')} caption=${organisation.name} back=${back}>
      <${Problem} error=${people.error} />${people.loaded ? html`<p>${t('coordinator.newConcern.startFromCarer')}</p>` : html`<${Loading} />`}
    </${Page}>`;
  }
  return html`
    <${Page} title=${t('coordinator.carer.raiseConcern', { name: carer.display_name })} caption=${organisation.name} back=${back}>
      <p>${t('coordinator.newConcern.intro', { name: carer.display_name.split(' ')[0] })}</p>
      <form onSubmit=${onSubmit} novalidate>
        <${ErrorSummary} errors=${form.errors} general=${form.general} />
        <${Radios} id="at_risk_now" legend=${t('coordinator.newConcern.atRiskLegend')} hint=${t('coordinator.newConcern.atRiskHint')}
          value=${form.values.at_risk_now} onChange=${form.set('at_risk_now')} error=${form.errors.at_risk_now}
          options=${[{ value: 'yes', label: t('coordinator.newConcern.yesAtRisk') }, { value: 'no', label: t('coordinator.concerns.no') }]} />
        <${TextArea} id="what_happened" label=${t('coordinator.newConcern.whatLabel')} rows="5"
          value=${form.values.what_happened} onInput=${form.set('what_happened')} error=${form.errors.what_happened} />
        <${Radios} id="category" legend=${t('coordinator.newConcern.aboutLegend')} value=${form.values.category}
          onChange=${form.set('category')} error=${form.errors.category} options=${CATEGORIES} />
        <${Button} busy=${form.busy}>${t('coordinator.newConcern.raise')}</${Button}>
      </form>
    </${Page}>
  `;
}
