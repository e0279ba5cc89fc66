// Part of "Your data" (issue 15): asking to be deleted. What deletion means in plain words, a two-step
// "Ask to be deleted", and the request while it waits (with Cancel). A paused request says only that a
// coordinator will be in touch: never why.
import { t } from '../../i18n.js';
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
      <h2 class="heading-m" id="erasure-heading">${t('shared.erasure.title')}</h2>
      <p>${t('shared.erasure.whatGoes', { organisation: organisation?.name || t('shared.erasure.theCentre') })}</p>
      <p>${t('shared.erasure.whatStays')}</p>
      <p>${t('shared.erasure.safeguarding')}</p>
      <p>${t('shared.erasure.checked')}</p>
      <${Problem} error=${problem || requests.error} />
      ${requests.loading && html`<${Loading} />`}
      ${waiting && html`
        <${Inset}>
          <p><strong>${t('shared.erasure.yourRequest')}</strong> ${t('shared.erasure.askedOn', { date: formatDate(waiting.requested_at) })}</p>
          <p>${myRequestWords(waiting)}</p>
        </${Inset}>
        <${Button} type="button" variant="secondary" busy=${busy} onClick=${cancel}>${t('shared.erasure.cancel')}</${Button}>`}
      ${requests.data && !waiting && step === 'idle' && html`
        <${Button} type="button" variant="warning" onClick=${() => setStep('confirming')}>${t('shared.erasure.title')}</${Button}>`}
      ${requests.data && !waiting && step === 'confirming' && html`
        <${Warning}>${t('shared.erasure.warning')}</${Warning}>
        <p>${t('shared.erasure.sure', { organisation: organisation?.name || t('shared.erasure.theCentre') })}</p>
        <div class="button-group">
          <${Button} type="button" variant="warning" busy=${busy} onClick=${ask}>${t('shared.erasure.yes')}</${Button}>
          <${Button} type="button" variant="secondary" onClick=${() => setStep('idle')}>${t('shared.erasure.no')}</${Button}>
        </div>`}
    </section>
  `;
}
