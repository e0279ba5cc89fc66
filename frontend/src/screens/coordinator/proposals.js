// Proposals for the whole waiting list: make a draft, review each pair and why, change a buddy, take a
// pair out, add a note, then confirm (everyone is asked) or discard (nobody was told).
import { useState } from 'preact/hooks';
import { del, patch, post } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { navigate } from '../../router.js';
import { ErrorSummary, Radios, TextArea, useForm } from '../../ui/forms.js';
import { Button, Inset, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { Explanation, HOME, Score, useOrganisationApi } from './parts.js';
import { checkRunsOut, loadAfterDraft, loadAfterWords, MATCH_STATES } from './logic.js';

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
    <${Page} title=${t('coordinator.home.proposalsTitle')} caption=${organisation.name} back=${HOME}>
      <p>${t('coordinator.proposals.intro1')}</p>
      <p>${t('coordinator.proposals.intro2')}</p>
      <${Problem} error=${error} />
      <${Button} type="button" busy=${busy} onClick=${make}>${t('coordinator.proposals.make')}</${Button}>
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
    .map((s) => ({ value: s.buddy.membership_id, label: t('coordinator.proposals.buddyWithScore', { name: s.buddy.display_name, score: s.score }), hint: s.explanation.summary }));
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => ({ [id]: !v.buddy && t('coordinator.proposals.chooseBuddyError') }),
      fields: [id],
      action: (v) => onChoose(v.buddy),
    });
  return html`
    <form class="chooser" onSubmit=${onSubmit} novalidate>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <${Problem} error=${suggestions.error} />
      ${suggestions.loading && html`<${Loading} />`}
      ${suggestions.data && options.length === 0 &&
      html`<p>${suggestions.data.on_hold || t('coordinator.proposals.noOtherBuddy', { name: carer.display_name })}</p>`}
      ${options.length > 0 &&
      html`<${Radios} id=${id} legend=${t('coordinator.proposals.chooseBuddyFor', { name: carer.display_name })} value=${form.values.buddy}
        onChange=${form.set('buddy')} error=${form.errors[id]} options=${options} />`}
      <div class="button-group">
        ${options.length > 0 && html`<${Button} busy=${form.busy}>${submitLabel}</${Button}>`}
        <${Button} type="button" variant="secondary" onClick=${onCancel}>${t('coordinator.pairs.cancel')}</${Button}>
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
      <${TextArea} id=${id} label=${t('coordinator.proposals.note')} optional rows="3" hint=${t('coordinator.pairs.onlyCoordinators')}
        value=${form.values.note} onInput=${form.set('note')} error=${form.errors[id]} />
      <div class="button-group">
        <${Button} busy=${form.busy}>${t('coordinator.proposals.saveNote')}</${Button}>
        <${Button} type="button" variant="secondary" onClick=${onCancel}>${t('coordinator.pairs.cancel')}</${Button}>
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
  const pair = t('coordinator.pairs.pairNames', { carer: item.carer.display_name, buddy: item.buddy.display_name });
  const forThis = (what) => editing?.id === item.id && editing.what === what;
  const runsOut = checkRunsOut(buddy);
  const loadWords = loadAfterWords(load);
  return html`
    <li class="card draft-item">
      <h3 class="heading-s">${t('coordinator.proposals.carerWithBuddy', { carer: item.carer.display_name, buddy: item.buddy.display_name })}</h3>
      <p>${t('coordinator.carer.score')} <${Score} score=${item.score} />${item.added_by_hand ? ` · ${t('coordinator.proposals.byHand')}` : ''}</p>
      ${loadWords && html`<p class="draft-load">${item.buddy.display_name}: ${loadWords}</p>`}
      ${runsOut && html`<p><span class="tag tag-warning">${runsOut}</span></p>`}
      <${Explanation} explanation=${withoutLoad(item.explanation)} folded />
      ${item.note && !forThis('note') && html`<p class="quote">${t('coordinator.proposals.noteQuote', { note: item.note })}</p>`}
      ${forThis('buddy') &&
      html`<${BuddyChooser} base=${base} carer=${item.carer} currentBuddyId=${item.buddy.membership_id}
        submitLabel=${t('coordinator.proposals.useBuddy')} onCancel=${() => setEditing(null)}
        onChoose=${(buddyId) => apply(() => post(`${url}/items`, { carer_membership_id: item.carer.membership_id, buddy_membership_id: buddyId, note: item.note }))} />`}
      ${forThis('note') &&
      html`<${NoteForm} item=${item} onCancel=${() => setEditing(null)}
        onSave=${(note) => apply(() => patch(`${url}/items/${item.id}`, { note }))} />`}
      ${!forThis('buddy') && !forThis('note') &&
      html`<div class="button-group">
        <${Button} type="button" variant="secondary" onClick=${() => setEditing({ id: item.id, what: 'buddy' })}>
          ${t('coordinator.proposals.changeBuddy')}<span class="visually-hidden"> ${t('coordinator.proposals.forName', { name: item.carer.display_name })}</span></${Button}>
        <${Button} type="button" variant="secondary" onClick=${() => setEditing({ id: item.id, what: 'note' })}>
          ${item.note ? t('coordinator.proposals.changeNote') : t('coordinator.proposals.addNote')}<span class="visually-hidden"> ${t('coordinator.proposals.aboutPair', { pair })}</span></${Button}>
        <${Button} type="button" variant="secondary" onClick=${() => applyOrShow(() => del(`${url}/items/${item.id}`))}>
          ${t('coordinator.proposals.takeOut')}<span class="visually-hidden"> ${pair}</span></${Button}>
      </div>`}
    </li>
  `;
}

function Confirmed({ result }) {
  return html`
    <${Panel} title=${t('coordinator.proposals.sentCount', { count: result.matches.length })}>
      <p>${t('coordinator.proposals.sentText')}</p>
    </${Panel}>
    <ul class="list">
      ${result.matches.map(
        (m) => html`<li class="list-item" key=${m.id}><span class="list-title">${t('coordinator.proposals.carerWithBuddy', { carer: m.carer.display_name, buddy: m.buddy.display_name })}</span>
          <span class="tag tag-proposed">${MATCH_STATES.proposed}</span></li>`,
      )}
    </ul>
    <p><a href="/coordinator/pairs">${t('coordinator.carer.seeAllPairs')}</a></p>
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
  const title = confirmed
    ? t('coordinator.proposals.sentTitle')
    : d?.status === 'discarded'
      ? t('coordinator.proposals.discardedTitle')
      : t('coordinator.proposals.checkTitle');
  return html`
    <${Page} title=${title} caption=${organisation.name} back=${HOME}>
      <${Problem} error=${error || draft.error} />
      ${draft.loading && html`<${Loading} />`}
      ${confirmed && html`<${Confirmed} result=${confirmed} />`}
      ${!confirmed && d?.status === 'discarded' &&
      html`<p>${t('coordinator.proposals.nobodyTold')} <a href="/coordinator/proposals">${t('coordinator.proposals.makeNew')}</a></p>`}
      ${!confirmed && d?.status === 'confirmed' &&
      html`<p>${t('coordinator.proposals.alreadySent')} <a href="/coordinator/pairs">${t('coordinator.carer.seeAllPairs')}</a></p>`}
      ${!confirmed && d?.status === 'draft' &&
      html`
        <p>${t('coordinator.proposals.summary', { pairs: d.items.length, carers: d.carers_considered, buddies: d.buddies_considered })}
          ${t('coordinator.proposals.nobodyToldUntil')}</p>
        <h2 class="heading-m">${t('coordinator.pairs.title')}</h2>
        ${d.items.length === 0 && html`<p class="hint">${t('coordinator.proposals.noPairsLeft')}</p>`}
        <ol class="draft-items">
          ${d.items.map(
            (item) => html`<${DraftItem} key=${item.id} base=${base} url=${url} item=${item} editing=${editing}
              setEditing=${setEditing} apply=${apply} applyOrShow=${applyOrShow}
              buddy=${buddyById.get(item.buddy.membership_id)} load=${loads[item.buddy.membership_id]} />`,
          )}
        </ol>
        ${d.unplaced.length > 0 &&
        html`<h2 class="heading-m">${t('coordinator.proposals.stillWaiting')}</h2>
          <p>${t('coordinator.proposals.stillWaitingText')}</p>
          <ul class="list unplaced">
            ${d.unplaced.map(
              (carer) => html`<li class="list-item" key=${carer.membership_id}>
                <span class="list-title">${carer.display_name}</span>
                ${editing?.id === carer.membership_id
                  ? html`<${BuddyChooser} base=${base} carer=${carer} submitLabel=${t('coordinator.proposals.addPair')} onCancel=${() => setEditing(null)}
                      onChoose=${(buddyId) => apply(() => post(`${url}/items`, { carer_membership_id: carer.membership_id, buddy_membership_id: buddyId }))} />`
                  : html`<${Button} type="button" variant="secondary" onClick=${() => setEditing({ id: carer.membership_id, what: 'add' })}>
                      ${t('coordinator.proposals.chooseBuddy')}<span class="visually-hidden"> ${t('coordinator.proposals.forName', { name: carer.display_name })}</span></${Button}>`}
              </li>`,
            )}
          </ul>`}
        ${d.items.length > 0 && html`<${Inset}>${t('coordinator.proposals.confirmingAsks')}</${Inset}>`}
        <div class="button-group">
          ${d.items.length > 0 && html`<${Button} type="button" busy=${busy} onClick=${finish('confirm')}>${t('coordinator.proposals.confirmSend', { count: d.items.length })}</${Button}>`}
          <${Button} type="button" variant="secondary" busy=${busy} onClick=${finish('discard')}>${t('coordinator.proposals.discard')}</${Button}>
        </div>`}
    </${Page}>
  `;
}
