// Copies of people's data (issue 15), for coordinators: on the People's data hub, the copies asked for
// here with how many records wait for review, and a form to ask for a member's copy once you have checked
// it is really them asking; a copy's own page to release or withhold each safeguarding record held back.
import { useState } from 'preact/hooks';
import { post } from '../../api.js';
import { navigate } from '../../router.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
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
import { roleWords } from './records-logic.js';

const HUB = Object.freeze({
  href: '/coordinator/data-rights',
  get label() {
    return t('coordinator.home.dataTitle');
  },
});

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
      <summary class="details-summary">${t('coordinator.exports.askForSomeone')}</summary>
      <div class="details-text">
        <form onSubmit=${onSubmit} noValidate>
          <${ErrorSummary} errors=${form.errors} general=${form.general} />
          <p>${t('coordinator.exports.checkFirst')}</p>
          <${Select} id="membership_id" label=${t('coordinator.exports.whoseData')} value=${form.values.membership_id}
            onChange=${form.set('membership_id')} error=${form.errors.membership_id}
            options=${[{ value: '', label: t('coordinator.exports.chooseSomeone') }, ...active.map((m) => ({ value: m.membership_id, label: t('coordinator.audit.nameWithRole', { name: m.display_name, role: roleWords(m.role) }) }))]} />
          <${Checkbox} id="identity_checked" label=${t('coordinator.exports.checked')}
            checked=${form.values.identity_checked} onChange=${form.set('identity_checked')} error=${form.errors.identity_checked} />
          <${TextInput} id="identity_note" label=${t('coordinator.exports.howChecked')} hint=${t('coordinator.exports.howCheckedHint')}
            value=${form.values.identity_note} onInput=${form.set('identity_note')} error=${form.errors.identity_note} />
          <${Button} busy=${form.busy}>${t('coordinator.exports.ask')}</${Button}>
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
      <h2 class="heading-m" id="copies-heading">${t('coordinator.exports.heading')}</h2>
      <p>${t('coordinator.exports.intro')}</p>
      <${Problem} error=${list.error} />
      ${list.loading && html`<${Loading} />`}
      ${list.data && copies.length === 0 && html`<p class="hint">${t('coordinator.exports.none')}</p>`}
      <ul class="list" id="copies">
        ${copies.map(
          (c) => html`
            <li class="list-item" key=${c.id}>
              <a class="list-title" href=${`/coordinator/exports/${c.id}`}>${c.member_name}</a>
              <span class="list-meta">${c.asked_by_name ? t('coordinator.exports.askedBy', { name: c.asked_by_name, when: timeAndDate(c.requested_at) }) : t('coordinator.exports.askedByThem', { when: timeAndDate(c.requested_at) })}
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
      setGeneral(caught.message || t('coordinator.exports.wentWrong'));
    } finally {
      setBusy(false);
    }
  }
  return html`
    <li class="list-item" key=${review.id}>
      <span class="list-title">${review.what}</span>
      <span class="list-meta">${review.at ? timeAndDate(review.at) : ''}${review.link ? ' · ' : ''}
        ${review.link && html`<a href=${review.link}>${t('coordinator.exports.openRecord')}</a>`}</span>
      ${review.decision !== 'pending'
        ? html`<p><strong>${decisionWords(review)}</strong>${review.decided_by_name ? ` ${t('coordinator.exports.byName', { name: review.decided_by_name })}` : ''}
            ${review.reason ? html`<br />${t('coordinator.exports.reason', { reason: review.reason })}` : ''}</p>`
        : html`
          <form onSubmit=${decide} noValidate>
            ${general && html`<${Problem} error=${general} />`}
            <${Radios} id=${`${id}-decision`} legend=${t('coordinator.exports.giveLegend')} value=${decision}
              error=${errors.decision}
              onChange=${(e) => setDecision(e.currentTarget.value)}
              options=${[
                { value: 'released', label: t('coordinator.exports.release'), hint: t('coordinator.exports.releaseHint') },
                { value: 'withheld', label: t('coordinator.exports.withhold'), hint: t('coordinator.exports.withholdHint') },
              ]} />
            <${TextArea} id=${`${id}-reason`} label=${t('coordinator.exports.why')} optional=${decision !== 'withheld'} rows=${3}
              value=${reason} onInput=${(e) => setReason(e.currentTarget.value)} error=${errors.reason} />
            <${Button} busy=${busy}>${t('coordinator.exports.save')}</${Button}>
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
    <${Page} title=${copy ? t('coordinator.exports.copyOf', { name: copy.member_name }) : t('coordinator.exports.copyOfSomeone')} caption=${organisation.name} back=${HUB}>
      <${Problem} error=${found.error} />
      ${found.loading && html`<${Loading} />`}
      ${copy &&
      html`
        <dl class="summary-list">
          <div class="summary-row"><dt>${t('coordinator.exports.whereItStands')}</dt><dd id="copy-state">${stateWords(copy)}</dd></div>
          <div class="summary-row"><dt>${t('coordinator.erasure.askedLabel')}</dt><dd>${t('coordinator.exports.byAt', { name: copy.asked_by_name || copy.member_name, when: timeAndDate(copy.requested_at) })}</dd></div>
          ${copy.identity_note && html`<div class="summary-row"><dt>${t('coordinator.exports.identityChecked')}</dt><dd>${copy.identity_note}</dd></div>`}
          ${copy.includes_released && html`<div class="summary-row"><dt>${t('coordinator.exports.releasedRecords')}</dt><dd>${t('coordinator.exports.included')}</dd></div>`}
          ${copy.message_words > 0 && html`<div class="summary-row"><dt>${t('coordinator.exports.messagesLabel')}</dt><dd id="copy-messages">${t('coordinator.exports.messageWords', { count: copy.message_words })}</dd></div>`}
        </dl>
        ${copy.download_url && html`<p><a class="button button-primary" href=${copy.download_url} download>${t('coordinator.exports.download')}</a></p>`}
        <h2 class="heading-m">${pending ? t('coordinator.exports.heldBackWaiting', { count: pending }) : t('coordinator.exports.heldBack')}</h2>
        ${copy.reviews.length === 0
          ? html`<p class="hint">${t('coordinator.exports.nothingHeld')}</p>`
          : html`<p>${t('coordinator.exports.noneInCopy')}</p>
            <ul class="list" id="reviews">
              ${copy.reviews.map((r) => html`<${ReviewItem} key=${r.id} base=${base} copy=${copy} review=${r} onDecided=${found.set} />`)}
            </ul>`}
      `}
    </${Page}>
  `;
}
