// Part of "Your data" (issue 15): asking to be deleted. What deletion means in plain words, a two-step
// "Ask to be deleted", and the request while it waits (with Cancel). A paused request says only that a
// coordinator will be in touch: never why.
import { useState } from 'preact/hooks';
import { post } from '../../api.js';
import { html } from '../../html.js';
import { currentOrganisation, useSession } from '../../session.js';
import { Button, formatDate, Inset, Loading, Problem, Warning } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { askBody, myRequestWords, openRequest } from './erasure-logic.js';

export function ErasureSection() {
  const { me } = useSession();
  const organisation = currentOrganisation(me);
  const requests = useResource('/api/v1/me/erasure-requests');
  const [step, setStep] = useState('idle'); // idle → confirming
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState(null);
  const waiting = openRequest(requests.data || []);
  const act = async (call) => {
    setBusy(true);
    setProblem(null);
    try {
      await call();
      setStep('idle');
      requests.reload();
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  const ask = () => act(() => post('/api/v1/me/erasure', askBody(organisation)));
  const cancel = () => act(() => post(`/api/v1/me/erasure-requests/${waiting.id}/cancel`));
  return html`
    <section aria-labelledby="erasure-heading">
      <h2 class="heading-m" id="erasure-heading">Ask to be deleted</h2>
      <p>If you ask, ${organisation?.name || 'the centre'} will delete what you told carerlink: your name, email address,
        phone number, emergency contact, profile, notes and devices. You will no longer be able to sign in.</p>
      <p>Some records stay without your name, so the centre's figures and your buddy's own history still make sense
        (for example, that a check-in happened on a date).</p>
      <p>If the centre ever had to act to keep someone safe, it must keep that record, with your name, for 6 years
        after it was closed. Then it is deleted too.</p>
      <p>A coordinator checks and confirms your request.</p>
      <${Problem} error=${problem || requests.error} />
      ${requests.loading && html`<${Loading} />`}
      ${waiting && html`
        <${Inset}>
          <p><strong>Your request to be deleted</strong> (asked ${formatDate(waiting.requested_at)})</p>
          <p>${myRequestWords(waiting)}</p>
        </${Inset}>
        <${Button} type="button" variant="secondary" busy=${busy} onClick=${cancel}>Cancel my request</${Button}>`}
      ${requests.data && !waiting && step === 'idle' && html`
        <${Button} type="button" variant="warning" onClick=${() => setStep('confirming')}>Ask to be deleted</${Button}>`}
      ${requests.data && !waiting && step === 'confirming' && html`
        <${Warning}>Once a coordinator confirms it, this cannot be undone.</${Warning}>
        <p>Are you sure you want to be deleted from ${organisation?.name || 'the centre'}?</p>
        <div class="button-group">
          <${Button} type="button" variant="warning" busy=${busy} onClick=${ask}>Yes, ask to be deleted</${Button}>
          <${Button} type="button" variant="secondary" onClick=${() => setStep('idle')}>No, keep my records</${Button}>
        </div>`}
    </section>
  `;
}
