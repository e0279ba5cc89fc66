// Copies of people's data (issue 15), for coordinators: on the People's data hub, the copies asked for
// here with how many records wait for review, and a form to ask for a member's copy once you have checked
// it is really them asking; a copy's own page to release or withhold each safeguarding record held back.
import { useState } from 'preact/hooks';
import { post } from '../../api.js';
import { navigate } from '../../router.js';
import { html } from '../../html.js';
import { Checkbox, ErrorSummary, Radios, Select, TextArea, TextInput, useForm } from '../../ui/forms.js';
import { Button, Loading, Page, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import {
  decisionWords,
  reviewCount,
  stateWords,
  validateDecision,
  validateMemberCopy,
} from '../shared/export-logic.js';
import { useOrganisationApi } from './parts.js';
import { timeAndDate } from './logic.js';

const HUB = { href: '/coordinator/data-rights', label: "People's data" };

function AskForMember({ base }) {
  const members = useResource(`${base}/members`);
  const form = useForm({ membership_id: '', identity_checked: false, identity_note: '' });
  const active = (members.data || []).filter((m) => m.status === 'active');
  const onSubmit = (event) =>
    form.submit(event, {
      validate: validateMemberCopy,
      action: async (v) => {
        const copy = await post(`${base}/members/${v.membership_id}/export`, {
          identity_checked: v.identity_checked,
          identity_note: v.identity_note.trim(),
        });
        navigate(`/coordinator/exports/${copy.id}`);
      },
    });
  return html`
    <details class="details">
      <summary class="details-summary">Ask for a copy for someone</summary>
      <div class="details-text">
        <form onSubmit=${onSubmit} noValidate>
          <${ErrorSummary} errors=${form.errors} general=${form.general} />
          <p>Before you ask, check it is really them: for example, ring them back on the number the centre holds.
            The copy covers what this centre holds about them.</p>
          <${Select} id="membership_id" label="Whose data" value=${form.values.membership_id}
            onChange=${form.set('membership_id')} error=${form.errors.membership_id}
            options=${[{ value: '', label: 'Choose someone' }, ...active.map((m) => ({ value: m.membership_id, label: `${m.display_name} (${m.role})` }))]} />
          <${Checkbox} id="identity_checked" label="I have checked it is really them asking"
            checked=${form.values.identity_checked} onChange=${form.set('identity_checked')} error=${form.errors.identity_checked} />
          <${TextInput} id="identity_note" label="How you checked" hint="For example: Rang back on the number we hold"
            value=${form.values.identity_note} onInput=${form.set('identity_note')} error=${form.errors.identity_note} />
          <${Button} busy=${form.busy}>Ask for the copy</${Button}>
        </form>
      </div>
    </details>
  `;
}

/** On the hub: copies asked for here, and any with records of this centre to review. */
export function ExportRequests() {
  const { base } = useOrganisationApi();
  const list = useResource(`${base}/exports`);
  const copies = list.data || [];
  return html`
    <section aria-labelledby="copies-heading">
      <h2 class="heading-m" id="copies-heading">Copies of people's data</h2>
      <p>Copies are made in a few minutes. Concerns, crisis alerts and supervision notes are held back until a
        coordinator releases or withholds each one.</p>
      <${Problem} error=${list.error} />
      ${list.loading && html`<${Loading} />`}
      ${list.data && copies.length === 0 && html`<p class="hint">No copies asked for yet.</p>`}
      <ul class="list" id="copies">
        ${copies.map(
          (c) => html`
            <li class="list-item" key=${c.id}>
              <a class="list-title" href=${`/coordinator/exports/${c.id}`}>${c.member_name}</a>
              <span class="list-meta">Asked ${c.asked_by_name ? `by ${c.asked_by_name}` : 'by them'} at ${timeAndDate(c.requested_at)}.
                ${stateWords(c)}</span>
              ${c.reviews_pending > 0 && html`<span class="tag tag-urgent">${reviewCount(c.reviews_pending)}</span>`}
            </li>
          `,
        )}
      </ul>
      <${AskForMember} base=${base} />
    </section>
  `;
}

function ReviewItem({ base, copy, review, onDecided }) {
  const [decision, setDecision] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState({});
  const [general, setGeneral] = useState(null);
  const [busy, setBusy] = useState(false);
  const id = `review-${review.id}`;
  async function decide(event) {
    event.preventDefault();
    const found = Object.fromEntries(Object.entries(validateDecision(decision, reason)).filter(([, m]) => m));
    setErrors(found);
    if (Object.keys(found).length || busy) return;
    setBusy(true);
    try {
      onDecided(await post(`${base}/exports/${copy.id}/reviews/${review.id}`, { decision, reason: reason.trim() || null }));
    } catch (caught) {
      setGeneral(caught.message || 'Something went wrong. Please try again.');
    } finally {
      setBusy(false);
    }
  }
  return html`
    <li class="list-item" key=${review.id}>
      <span class="list-title">${review.what}</span>
      <span class="list-meta">${review.at ? timeAndDate(review.at) : ''}${review.link ? ' · ' : ''}
        ${review.link && html`<a href=${review.link}>Open the record</a>`}</span>
      ${review.decision !== 'pending'
        ? html`<p><strong>${decisionWords(review)}</strong>${review.decided_by_name ? ` by ${review.decided_by_name}` : ''}
            ${review.reason ? html`<br />Reason: ${review.reason}` : ''}</p>`
        : html`
          <form onSubmit=${decide} noValidate>
            ${general && html`<${Problem} error=${general} />`}
            <${Radios} id=${`${id}-decision`} legend="Give this record to them?" value=${decision}
              error=${errors.decision}
              onChange=${(e) => setDecision(e.currentTarget.value)}
              options=${[
                { value: 'released', label: 'Release it', hint: 'It is added to a further copy for them.' },
                { value: 'withheld', label: 'Withhold it', hint: 'Where telling them would put someone at risk.' },
              ]} />
            <${TextArea} id=${`${id}-reason`} label="Why" optional=${decision !== 'withheld'} rows=${3}
              value=${reason} onInput=${(e) => setReason(e.currentTarget.value)} error=${errors.reason} />
            <${Button} busy=${busy}>Save decision</${Button}>
          </form>
        `}
    </li>
  `;
}

/** /coordinator/exports/:id — one copy: who asked, how identity was checked, the records to review. */
export function ExportPage({ params }) {
  const { organisation, base } = useOrganisationApi();
  const found = useResource(`${base}/exports/${params.id}`);
  const copy = found.data;
  const pending = copy ? copy.reviews.filter((r) => r.decision === 'pending').length : 0;
  return html`
    <${Page} title=${copy ? `Copy of ${copy.member_name}'s data` : 'Copy of someone\u2019s data'} caption=${organisation.name} back=${HUB}>
      <${Problem} error=${found.error} />
      ${found.loading && html`<${Loading} />`}
      ${copy &&
      html`
        <dl class="summary-list">
          <div class="summary-row"><dt>Where it stands</dt><dd id="copy-state">${stateWords(copy)}</dd></div>
          <div class="summary-row"><dt>Asked</dt><dd>by ${copy.asked_by_name || copy.member_name} at ${timeAndDate(copy.requested_at)}</dd></div>
          ${copy.identity_note && html`<div class="summary-row"><dt>How identity was checked</dt><dd>${copy.identity_note}</dd></div>`}
          ${copy.includes_released && html`<div class="summary-row"><dt>Released records</dt><dd>Included</dd></div>`}
        </dl>
        ${copy.download_url && html`<p><a class="button button-primary" href=${copy.download_url} download>Download the copy</a></p>`}
        <h2 class="heading-m">Records held back for review${pending ? ` (${pending} waiting)` : ''}</h2>
        ${copy.reviews.length === 0
          ? html`<p class="hint">Nothing of this centre was held back.</p>`
          : html`<p>None of these is in the copy. Release a record to give it to them in a further copy, or withhold it
              where telling them would put someone at risk. They are never told a withheld record exists.</p>
            <ul class="list" id="reviews">
              ${copy.reviews.map((r) => html`<${ReviewItem} key=${r.id} base=${base} copy=${copy} review=${r} onDecided=${found.set} />`)}
            </ul>`}
      `}
    </${Page}>
  `;
}
