// Proposals for the whole waiting list: make a draft, review each pair and why, change a buddy, take a
// pair out, add a note, then confirm (everyone is asked) or discard (nobody was told).
import { useState } from 'preact/hooks';
import { del, patch, post } from '../../api.js';
import { html } from '../../html.js';
import { navigate } from '../../router.js';
import { ErrorSummary, Radios, TextArea, useForm } from '../../ui/forms.js';
import { Button, Inset, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { Explanation, HOME, Score, useOrganisationApi } from './parts.js';
import { checkRunsOut, count, loadAfterDraft, loadAfterWords } from './logic.js';

export function Proposals() {
  const { organisation, base } = useOrganisationApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const make = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const draft = await post(`${base}/match-drafts`);
      navigate(`/coordinator/proposals/${draft.id}`);
    } catch (problem) {
      setError(problem);
      setBusy(false);
    }
  };
  return html`
    <${Page} title="Proposals for everyone waiting" caption=${organisation.name} back=${HOME}>
      <p>carerlink can suggest a buddy for every carer on the waiting list at once, choosing the pairs that
        suit everyone best together.</p>
      <p>You can check each pair and why it was suggested, change or remove pairs, then confirm.
        Nobody is told anything until you confirm.</p>
      <${Problem} error=${error} />
      <${Button} type="button" busy=${busy} onClick=${make}>Make proposals</${Button}>
    </${Page}>
  `;
}

/** Choose a buddy for a carer from their suggestions (the server checks every rule again). */
function BuddyChooser({ base, carer, currentBuddyId, submitLabel, onChoose, onCancel }) {
  const suggestions = useResource(`${base}/carers/${carer.membership_id}/suggestions?limit=10`);
  const form = useForm({ buddy: '' });
  const id = `buddy-${carer.membership_id}`;
  const options = (suggestions.data?.suggestions || [])
    .filter((s) => s.buddy.membership_id !== currentBuddyId)
    .map((s) => ({ value: s.buddy.membership_id, label: `${s.buddy.display_name} (score ${s.score})`, hint: s.explanation.summary }));
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => ({ [id]: !v.buddy && 'Choose a buddy' }),
      fields: [id],
      action: (v) => onChoose(v.buddy),
    });
  return html`
    <form class="chooser" onSubmit=${onSubmit} novalidate>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <${Problem} error=${suggestions.error} />
      ${suggestions.loading && html`<${Loading} />`}
      ${suggestions.data && options.length === 0 &&
      html`<p>${suggestions.data.on_hold || `No other buddy can be matched with ${carer.display_name} at the moment.`}</p>`}
      ${options.length > 0 &&
      html`<${Radios} id=${id} legend=${`Choose a buddy for ${carer.display_name}`} value=${form.values.buddy}
        onChange=${form.set('buddy')} error=${form.errors[id]} options=${options} />`}
      <div class="button-group">
        ${options.length > 0 && html`<${Button} busy=${form.busy}>${submitLabel}</${Button}>`}
        <${Button} type="button" variant="secondary" onClick=${onCancel}>Cancel</${Button}>
      </div>
    </form>
  `;
}

function NoteForm({ item, onSave, onCancel }) {
  const form = useForm({ note: item.note || '' });
  const id = `note-${item.id}`;
  const onSubmit = (event) =>
    form.submit(event, { fields: [id], action: (v) => onSave(v.note.trim()) });
  return html`
    <form onSubmit=${onSubmit} novalidate>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <${TextArea} id=${id} label="Note" optional rows="3" hint="Only coordinators see this."
        value=${form.values.note} onInput=${form.set('note')} error=${form.errors[id]} />
      <div class="button-group">
        <${Button} busy=${form.busy}>Save note</${Button}>
        <${Button} type="button" variant="secondary" onClick=${onCancel}>Cancel</${Button}>
      </div>
    </form>
  `;
}

/** A draft's explanation without its "places taken" point: the load after the draft is said once, above. */
function withoutLoad(explanation) {
  const keep = (points) => points.filter((point) => point.factor !== 'load');
  return { ...explanation, reasons: keep(explanation.reasons), compromises: keep(explanation.compromises) };
}

function DraftItem({ base, url, item, editing, setEditing, apply, applyOrShow, buddy, load }) {
  const pair = `${item.carer.display_name} and ${item.buddy.display_name}`;
  const forThis = (what) => editing?.id === item.id && editing.what === what;
  const runsOut = checkRunsOut(buddy);
  const loadWords = loadAfterWords(load);
  return html`
    <li class="card draft-item">
      <h3 class="heading-s">${item.carer.display_name} with ${item.buddy.display_name}</h3>
      <p>Score: <${Score} score=${item.score} />${item.added_by_hand ? ' · chosen by a coordinator' : ''}</p>
      ${loadWords && html`<p class="draft-load">${item.buddy.display_name}: ${loadWords}</p>`}
      ${runsOut && html`<p><span class="tag tag-warning">${runsOut}</span></p>`}
      <${Explanation} explanation=${withoutLoad(item.explanation)} folded />
      ${item.note && !forThis('note') && html`<p class="quote">Note: ${item.note}</p>`}
      ${forThis('buddy') &&
      html`<${BuddyChooser} base=${base} carer=${item.carer} currentBuddyId=${item.buddy.membership_id}
        submitLabel="Use this buddy" onCancel=${() => setEditing(null)}
        onChoose=${(buddyId) => apply(() => post(`${url}/items`, { carer_membership_id: item.carer.membership_id, buddy_membership_id: buddyId, note: item.note }))} />`}
      ${forThis('note') &&
      html`<${NoteForm} item=${item} onCancel=${() => setEditing(null)}
        onSave=${(note) => apply(() => patch(`${url}/items/${item.id}`, { note }))} />`}
      ${!forThis('buddy') && !forThis('note') &&
      html`<div class="button-group">
        <${Button} type="button" variant="secondary" onClick=${() => setEditing({ id: item.id, what: 'buddy' })}>
          Change buddy<span class="visually-hidden"> for ${item.carer.display_name}</span></${Button}>
        <${Button} type="button" variant="secondary" onClick=${() => setEditing({ id: item.id, what: 'note' })}>
          ${item.note ? 'Change note' : 'Add a note'}<span class="visually-hidden"> about ${pair}</span></${Button}>
        <${Button} type="button" variant="secondary" onClick=${() => applyOrShow(() => del(`${url}/items/${item.id}`))}>
          Take out<span class="visually-hidden"> ${pair}</span></${Button}>
      </div>`}
    </li>
  `;
}

function Confirmed({ result }) {
  return html`
    <${Panel} title=${`${count(result.matches.length, 'proposal')} sent`}>
      <p>We've asked each carer and buddy if they'd like to be introduced. Nothing starts until both say yes.</p>
    </${Panel}>
    <ul class="list">
      ${result.matches.map(
        (m) => html`<li class="list-item" key=${m.id}><span class="list-title">${m.carer.display_name} with ${m.buddy.display_name}</span>
          <span class="tag tag-proposed">Waiting for both to say yes</span></li>`,
      )}
    </ul>
    <p><a href="/coordinator/pairs">See all pairs</a></p>
  `;
}

export function DraftPage({ params }) {
  const { organisation, base } = useOrganisationApi();
  const url = `${base}/match-drafts/${params.id}`;
  const draft = useResource(url);
  const [editing, setEditing] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [confirmed, setConfirmed] = useState(null);

  // Every change answers with the whole draft. In a form, a refusal shows on the form (useForm catches it).
  const apply = async (send) => {
    setError(null);
    draft.set(await send());
    setEditing(null);
  };
  const applyOrShow = (send) => apply(send).catch(setError);
  const finish = (action) => async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await post(`${url}/${action}`);
      if (action === 'confirm') setConfirmed(answer);
      else draft.set(answer);
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  };

  const d = draft.data;
  // Each buddy's places after the draft, and whether their check runs out soon (the buddies list).
  const buddies = useResource(`${base}/buddies`);
  const buddyById = new Map((buddies.data || []).map((buddy) => [buddy.membership_id, buddy]));
  const loads = loadAfterDraft(d?.items, buddies.data);
  const title = confirmed ? 'Proposals sent' : d?.status === 'discarded' ? 'Proposals discarded' : 'Check the proposals';
  return html`
    <${Page} title=${title} caption=${organisation.name} back=${HOME}>
      <${Problem} error=${error || draft.error} />
      ${draft.loading && html`<${Loading} />`}
      ${confirmed && html`<${Confirmed} result=${confirmed} />`}
      ${!confirmed && d?.status === 'discarded' &&
      html`<p>Nobody was told about them. <a href="/coordinator/proposals">Make new proposals</a></p>`}
      ${!confirmed && d?.status === 'confirmed' &&
      html`<p>These proposals have been sent. <a href="/coordinator/pairs">See all pairs</a></p>`}
      ${!confirmed && d?.status === 'draft' &&
      html`
        <p>${count(d.items.length, 'pair')} for the ${count(d.carers_considered, 'carer')} waiting, from ${count(d.buddies_considered, 'buddy', 'buddies')} who can be matched.
          Nobody is told anything until you confirm.</p>
        <h2 class="heading-m">Pairs</h2>
        ${d.items.length === 0 && html`<p class="hint">No pairs left.</p>`}
        <ol class="draft-items">
          ${d.items.map(
            (item) => html`<${DraftItem} key=${item.id} base=${base} url=${url} item=${item} editing=${editing}
              setEditing=${setEditing} apply=${apply} applyOrShow=${applyOrShow}
              buddy=${buddyById.get(item.buddy.membership_id)} load=${loads[item.buddy.membership_id]} />`,
          )}
        </ol>
        ${d.unplaced.length > 0 &&
        html`<h2 class="heading-m">Still waiting</h2>
          <p>These carers are not in the proposals, so they stay on the waiting list. You can choose a buddy for them.</p>
          <ul class="list unplaced">
            ${d.unplaced.map(
              (carer) => html`<li class="list-item" key=${carer.membership_id}>
                <span class="list-title">${carer.display_name}</span>
                ${editing?.id === carer.membership_id
                  ? html`<${BuddyChooser} base=${base} carer=${carer} submitLabel="Add this pair" onCancel=${() => setEditing(null)}
                      onChoose=${(buddyId) => apply(() => post(`${url}/items`, { carer_membership_id: carer.membership_id, buddy_membership_id: buddyId }))} />`
                  : html`<${Button} type="button" variant="secondary" onClick=${() => setEditing({ id: carer.membership_id, what: 'add' })}>
                      Choose a buddy<span class="visually-hidden"> for ${carer.display_name}</span></${Button}>`}
              </li>`,
            )}
          </ul>`}
        ${d.items.length > 0 && html`<${Inset}>Confirming asks each carer and buddy if they'd like to be introduced.</${Inset}>`}
        <div class="button-group">
          ${d.items.length > 0 && html`<${Button} type="button" busy=${busy} onClick=${finish('confirm')}>Confirm and send ${count(d.items.length, 'proposal')}</${Button}>`}
          <${Button} type="button" variant="secondary" busy=${busy} onClick=${finish('discard')}>Discard these proposals</${Button}>
        </div>`}
    </${Page}>
  `;
}
