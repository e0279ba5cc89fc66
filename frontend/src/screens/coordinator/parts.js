// Pieces the coordinator screens share: the organisation's API base, people's names by user id, a
// match explanation, the on-duty switch, and how to reach someone (their number, an emergency contact).
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { currentOrganisation, useSession } from '../../session.js';
import { useResource } from '../../ui/resource.js';
import { Button, Problem } from '../../ui/page.js';
import { firstName } from '../../text.js';
import { noNumberOnRecord } from '../shared/phone-logic.js';
import { CallLink } from '../shared/phone-parts.js';

export function useOrganisationApi() {
  const { me } = useSession();
  const organisation = currentOrganisation(me);
  return { organisation, base: `/api/v1/orgs/${organisation.id}`, me };
}

/** Everyone in the organisation by user id (alerts name people by user id only). */
export function usePeople(base) {
  const members = useResource(`${base}/members`);
  const byUser = new Map();
  for (const member of members.data || []) {
    const known = byUser.get(member.user_id);
    // A person who is both carer and buddy: the carer membership is the one a crisis alert is about.
    if (!known || member.role === 'carer') byUser.set(member.user_id, member);
  }
  return { byUser, members: members.data, error: members.error, loaded: Boolean(members.data) };
}

// The way back home (the label in the current language, read when the page is drawn).
export const HOME = Object.freeze({
  href: '/',
  get label() {
    return t('coordinator.parts.home');
  },
});

/** Why two people were suggested, best reasons first, then what to bear in mind; folded away in long lists. */
export function Explanation({ explanation, folded = false }) {
  if (!explanation) return null;
  const { reasons, compromises, summary } = explanation;
  const points = (title, list) =>
    list.length > 0 &&
    html`<p class="explanation-title">${title}</p>
      <ul class="explanation-list">${list.map((point) => html`<li key=${point.factor + point.text}>${point.text}</li>`)}</ul>`;
  const body = html`
    ${reasons.length === 0 && summary && html`<p>${summary}</p>`}
    ${points(t('coordinator.parts.whySuggested'), reasons)}
    ${points(t('coordinator.parts.worthKnowing'), compromises)}
  `;
  if (!folded) return html`<div class="explanation">${body}</div>`;
  return html`
    <details class="details explanation">
      <summary class="details-summary">${compromises.length > 0 ? t('coordinator.parts.whySuggestedAndBear') : t('coordinator.parts.whySuggested')}</summary>
      <div class="details-text">${body}</div>
    </details>
  `;
}

export function Score({ score }) {
  return html`<span class="score"><strong>${score}</strong> ${t('coordinator.parts.outOf100')}</span>`;
}

/** Whether crisis alerts reach me at once, and a button to change it. */
export function DutySwitch({ base }) {
  const duty = useResource(`${base}/duty`);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const change = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      duty.set(await api('PUT', `${base}/duty`, { on_duty: !duty.data.on_duty }));
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  };
  if (!duty.data) return html`<${Problem} error=${duty.error} />`;
  const on = duty.data.on_duty;
  return html`
    <section class=${on ? 'duty duty-on' : 'duty'} aria-labelledby="duty-title">
      <h2 class="card-title" id="duty-title">${on ? t('coordinator.parts.onDuty') : t('coordinator.parts.offDuty')}</h2>
      <p aria-live="polite">
        ${on ? t('coordinator.parts.onDutyText') : t('coordinator.parts.offDutyText')}
      </p>
      <${Problem} error=${error} />
      <${Button} type="button" variant="secondary" busy=${busy} onClick=${change}>
        ${on ? t('coordinator.parts.goOffDuty') : t('coordinator.parts.goOnDuty')}</${Button}>
    </section>
  `;
}

/** How to reach a member: their number and, for a carer, their emergency contact (coordinators always see these). */
export function ContactDetails({ base, membershipId }) {
  const contact = useResource(membershipId ? `${base}/members/${membershipId}/contact` : null);
  const c = contact.data;
  if (!c) return html`<${Problem} error=${contact.error} />`;
  return html`
    <section aria-labelledby=${`contact-${membershipId}`}>
      <h2 class="heading-m" id=${`contact-${membershipId}`}>${t('coordinator.parts.howToReach', { name: firstName(c.display_name) })}</h2>
      <dl class="contact-list">
        <div class="summary-row"><dt>${t('coordinator.parts.phone')}</dt><dd>${c.phone
          ? html`<${CallLink} name=${c.display_name} phone=${c.phone} />`
          : noNumberOnRecord()}</dd></div>
        ${c.role === 'carer' &&
        html`<div class="summary-row"><dt>${t('coordinator.parts.emergencyContact')}</dt><dd>${c.emergency_contact
          ? html`${c.emergency_contact.name} (${c.emergency_contact.relationship})<br />
            <${CallLink} name=${c.emergency_contact.name} phone=${c.emergency_contact.phone} />`
          : t('coordinator.parts.noneOnRecord')}</dd></div>`}
      </dl>
    </section>
  `;
}
