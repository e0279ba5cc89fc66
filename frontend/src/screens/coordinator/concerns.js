// Concerns for coordinators (issue 13): the queue beside crisis alerts (open ones first, with the time to
// the response target), and a concern's page to acknowledge it, record what was done and close it with an
// outcome. The buddy who raised it is told only that it is being handled, then that it was.
import { useState } from 'preact/hooks';
import { post } from '../../api.js';
import { navigate } from '../../router.js';
import { html } from '../../html.js';
import { CallOrNone } from '../shared/phone-parts.js';
import { ErrorSummary, Radios, TextArea, useForm } from '../../ui/forms.js';
import { Button, Loading, Page, Panel, Problem, Warning } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { CATEGORIES, newRequestKey, OUTCOMES, statusWords, targetWords } from '../shared/concern-logic.js';
import { HOME, useOrganisationApi, usePeople } from './parts.js';
import { ago, timeAndDate } from './logic.js';

const QUEUE = { href: '/coordinator/concerns', label: 'Concerns' };

function ConcernItem({ concern }) {
  const open = concern.status === 'open';
  const urgent = open && (concern.at_risk_now || concern.past_target);
  return html`
    <li class=${urgent ? 'list-item alert-open' : 'list-item'}>
      <a class="list-title" href=${`/coordinator/concerns/${concern.id}`}>About ${concern.carer_name}: ${concern.category_words.toLowerCase()}</a>
      <span class="list-meta">Raised by ${concern.raised_by_name || 'someone who has left'} ${ago(concern.raised_at)}</span>
      ${concern.at_risk_now && open && html`<span class="tag tag-urgent">Someone at risk now</span>`}
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
    <${Page} title="Concerns" caption=${organisation.name} back=${HOME}>
      <p>Concerns buddies and coordinators have raised about carers. Carers never see them. Acknowledge each one
        before its target, or it goes to the safeguarding lead.</p>
      <p><a href="/coordinator/alerts">Crisis alerts</a></p>
      <h2 class="heading-m">${showClosed ? 'Closed concerns' : `Open concerns (${queue.length})`}</h2>
      <${Problem} error=${list.error} />
      ${list.loading && html`<${Loading} />`}
      ${list.data && queue.length === 0 && html`<p class="hint">${showClosed ? 'No closed concerns yet.' : 'No open concerns.'}</p>`}
      <ul class="list">${queue.map((c) => html`<${ConcernItem} key=${c.id} concern=${c} />`)}</ul>
      <${Button} type="button" variant="secondary" onClick=${() => setShowClosed(!showClosed)}>
        ${showClosed ? 'Show open concerns' : 'Show closed concerns'}</${Button}>
    </${Page}>
  `;
}

function ActionForm({ base, concern, onDone }) {
  const form = useForm({ text: '' });
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => ({ text: !v.text.trim() && 'Enter what you did' }),
      action: async (v) => {
        const updated = await post(`${base}/concerns/${concern.id}/actions`, { text: v.text.trim() });
        form.setValues({ text: '' });
        onDone(updated, 'Recorded');
      },
    });
  return html`
    <form onSubmit=${onSubmit} novalidate>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <${TextArea} id="text" label="Record something you did" rows="3"
        hint=${`For example: “Rang ${concern.carer_name.split(' ')[0]}; GP appointment tomorrow.” Kept on record.`}
        value=${form.values.text} onInput=${form.set('text')} error=${form.errors.text} />
      <${Button} variant="secondary" busy=${form.busy}>Record</${Button}>
    </form>
  `;
}

function CloseForm({ base, concern, onDone }) {
  const form = useForm({ outcome: '', note: '' });
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => ({ outcome: !v.outcome && 'Choose the outcome' }),
      action: async (v) =>
        onDone(await post(`${base}/concerns/${concern.id}/close`, { outcome: v.outcome, note: v.note.trim() }), 'Concern closed'),
    });
  return html`
    <form onSubmit=${onSubmit} novalidate>
      <h2 class="heading-m">Close the concern</h2>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <${Radios} id="outcome" legend="What was the outcome?" value=${form.values.outcome}
        onChange=${form.set('outcome')} error=${form.errors.outcome} options=${OUTCOMES} />
      <${TextArea} id="note" label="Note" optional rows="3" hint="Only coordinators read this. The buddy is told only that it was handled."
        value=${form.values.note} onInput=${form.set('note')} error=${form.errors.note} />
      <${Button} busy=${form.busy}>Close the concern</${Button}>
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
    return html`<${Page} title="Concern" caption=${organisation.name} back=${QUEUE}>
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
      update(await post(`${base}/concerns/${c.id}/acknowledge`), 'Acknowledged');
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
    <${Page} title=${`A concern about ${c.carer_name}`} caption=${organisation.name} back=${QUEUE}>
      ${done && html`<${Panel} title=${done}><p>${closed ? 'The buddy has been told it was handled (not the outcome).' : 'The buddy who raised it has been told it is being handled.'}</p></${Panel}>`}
      ${c.at_risk_now && open && html`<${Warning}>The buddy said someone is at risk right now. Contact ${c.carer_name.split(' ')[0]} now. If a life is at risk, call 999.</${Warning}>`}
      <dl class="summary-list">
        <div class="summary-row"><dt>Status</dt><dd><span class=${open ? 'tag tag-urgent' : 'tag'}>${statusWords(c)}</span>${open ? ` · ${targetWords(c)}` : ''}</dd></div>
        <div class="summary-row"><dt>About</dt><dd>${c.category_words}</dd></div>
        <div class="summary-row"><dt>Someone at risk right now</dt><dd>${c.at_risk_now ? 'Yes' : 'No'}</dd></div>
        <div class="summary-row"><dt>What happened</dt><dd class="pre-line">${c.what_happened}</dd></div>
        <div class="summary-row"><dt>Raised by</dt><dd>${c.raised_by_name || 'Someone who has left'} (${c.raised_by_role}), ${timeAndDate(c.raised_at)}</dd></div>
        ${c.checkin_id && html`<div class="summary-row"><dt>Check-in</dt><dd><a href=${`/coordinator/checkins/${c.checkin_id}`}>See the check-in it came from</a></dd></div>`}
        ${c.escalated_at && html`<div class="summary-row"><dt>Sent to the safeguarding lead</dt><dd>${timeAndDate(c.escalated_at)}</dd></div>`}
        ${c.acknowledged_at && html`<div class="summary-row"><dt>Acknowledged</dt><dd>${timeAndDate(c.acknowledged_at)}${c.acknowledged_by_name ? ` by ${c.acknowledged_by_name}` : ''}</dd></div>`}
        ${closed && html`<div class="summary-row"><dt>Outcome</dt><dd>${c.outcome_words}${c.outcome_note ? html`<p class="pre-line">${c.outcome_note}</p>` : ''}</dd></div>`}
      </dl>
      <section class="alert-reach" aria-labelledby="concern-reach-heading">
        <h2 class="heading-m" id="concern-reach-heading">How to reach ${c.carer_name.split(' ')[0]}</h2>
        <dl class="summary-list">
          <div class="summary-row"><dt>Phone</dt><dd><${CallOrNone} name=${c.carer_name} phone=${c.carer_phone} /></dd></div>
          <div class="summary-row"><dt>Emergency contact</dt><dd>${c.emergency_contact
            ? html`${c.emergency_contact.name} (${c.emergency_contact.relationship})<br />
              <${CallOrNone} name=${c.emergency_contact.name} phone=${c.emergency_contact.phone} />`
            : 'None on record'}</dd></div>
          ${carer && html`<div class="summary-row"><dt>Email</dt><dd><a href=${`mailto:${carer.email}`}>${carer.email}</a></dd></div>`}
          ${c.raised_by_name && c.raised_by_role === 'buddy' && html`<div class="summary-row"><dt>The buddy who raised it</dt><dd><${CallOrNone} name=${c.raised_by_name} phone=${c.raised_by_phone} /></dd></div>`}
        </dl>
      </section>
      ${c.actions.length > 0 && html`
        <h2 class="heading-m">What has been done</h2>
        <ol class="steps">${c.actions.map((a) => html`<li key=${a.id}><p class="pre-line">${a.text}</p>
          <p class="hint">${a.recorded_by_name || 'A coordinator'}, ${timeAndDate(a.recorded_at)}</p></li>`)}</ol>`}
      <${Problem} error=${problem} />
      ${open && html`<p>Acknowledging it stops it going to the safeguarding lead and tells the buddy it is being handled.</p>
        <${Button} type="button" busy=${busy} onClick=${acknowledge}>Acknowledge</${Button}>`}
      ${!closed && html`<${ActionForm} base=${base} concern=${c} onDone=${update} />
        <${CloseForm} base=${base} concern=${c} onDone=${update} />`}
      ${carer && html`<p><a href=${`/coordinator/carers/${carer.membership_id}`}>${c.carer_name}'s page</a></p>`}
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
        at_risk_now: !v.at_risk_now && 'Say whether someone is at risk right now',
        what_happened: !v.what_happened.trim() && 'Enter what happened or what worries you',
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
    return html`<${Page} title="Raise a concern" caption=${organisation.name} back=${back}>
      <${Problem} error=${people.error} />${people.loaded ? html`<p>Start from the carer's page.</p>` : html`<${Loading} />`}
    </${Page}>`;
  }
  return html`
    <${Page} title=${`Raise a concern about ${carer.display_name}`} caption=${organisation.name} back=${back}>
      <p>It goes into the concerns queue with a response target. ${carer.display_name.split(' ')[0]} is never shown it.</p>
      <form onSubmit=${onSubmit} novalidate>
        <${ErrorSummary} errors=${form.errors} general=${form.general} />
        <${Radios} id="at_risk_now" legend="Is someone at risk right now?" hint="If someone is in danger now, call 999 first."
          value=${form.values.at_risk_now} onChange=${form.set('at_risk_now')} error=${form.errors.at_risk_now}
          options=${[{ value: 'yes', label: 'Yes, someone is at risk right now' }, { value: 'no', label: 'No' }]} />
        <${TextArea} id="what_happened" label="What happened, or what worries you?" rows="5"
          value=${form.values.what_happened} onInput=${form.set('what_happened')} error=${form.errors.what_happened} />
        <${Radios} id="category" legend="What is it about?" value=${form.values.category}
          onChange=${form.set('category')} error=${form.errors.category} options=${CATEGORIES} />
        <${Button} busy=${form.busy}>Raise the concern</${Button}>
      </form>
    </${Page}>
  `;
}
