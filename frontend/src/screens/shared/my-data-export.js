// Part of "Your data" (issue 15): a copy of everything the centre holds about the person. Asking starts
// it; it is made in the background (this section looks again calmly while it is being prepared, and
// the person is told when it is ready); then a download link works for 7 days.
import { t } from '../../i18n.js';
import { useEffect, useState } from 'preact/hooks';
import { post } from '../../api.js';
import { html } from '../../html.js';
import { useSession } from '../../session.js';
import { mapApiErrors } from '../../ui/forms.js';
import { Button, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { dayWords, latestCopy, nextPoll } from './export-logic.js';

const MINE = '/api/v1/me/exports';

function AskButton({ label, variant, onAsked }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  async function ask() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onAsked(await post('/api/v1/me/export'));
    } catch (caught) {
      setError(mapApiErrors(caught).general);
    } finally {
      setBusy(false);
    }
  }
  return html`
    <${Problem} error=${error} />
    <${Button} type="button" variant=${variant} busy=${busy} onClick=${ask} id="ask-for-copy">${label}</${Button}>
  `;
}

function CopyState({ copy, timeZone, onAsked }) {
  if (!copy) {
    return html`<${AskButton} label=${t('shared.export.get')} variant="primary" onAsked=${onAsked} />`;
  }
  if (copy.state === 'pending') {
    return html`
      <div class="inset" role="status" id="copy-state">
        <p><strong>${t('shared.export.preparing')}</strong></p>
        <p>${t('shared.export.preparingMore')}</p>
      </div>
    `;
  }
  if (copy.state === 'ready') {
    return html`
      <div class="inset" role="status" id="copy-state">
        <p><strong>${t('shared.export.ready')}</strong></p>
        <p>${t('shared.export.availableUntil', { day: dayWords(copy.expires_at, timeZone) })}</p>
        <p><a class="button button-primary" href=${copy.download_url} download>${t('shared.export.download')}</a></p>
        <p class="hint">${t('shared.export.zip')}</p>
      </div>
      <${AskButton} label=${t('shared.export.getNew')} variant="secondary" onAsked=${onAsked} />
    `;
  }
  if (copy.state === 'expired') {
    return html`
      <p role="status" id="copy-state">${t('shared.export.expired')}</p>
      <${AskButton} label=${t('shared.export.get')} variant="primary" onAsked=${onAsked} />
    `;
  }
  return html`
    <p role="status" id="copy-state">${t('shared.export.failed')}</p>
    <${AskButton} label=${t('shared.export.tryAgain')} variant="primary" onAsked=${onAsked} />
  `;
}

export function ExportSection() {
  const { me } = useSession();
  const copies = useResource(MINE);
  const [tries, setTries] = useState(0);
  const copy = latestCopy(copies.data);
  const wait = nextPoll(copy, tries);
  useEffect(() => {
    if (wait === null) return undefined;
    const timer = setTimeout(() => {
      setTries((n) => n + 1);
      copies.reload();
    }, wait);
    return () => clearTimeout(timer);
  }, [wait, copies.data]);
  const onAsked = (asked) => {
    setTries(0);
    copies.set([asked, ...(copies.data || []).filter((c) => c.id !== asked.id)]);
  };
  return html`
    <section aria-labelledby="copy-heading">
      <h2 class="heading-m" id="copy-heading">${t('shared.export.title')}</h2>
      <p>${t('shared.export.intro')}</p>
      <${Problem} error=${copies.error} />
      ${copies.data && html`<${CopyState} copy=${copy} timeZone=${me?.time_zone} onAsked=${onAsked} />`}
    </section>
  `;
}
