// Part of "Your data" (issue 15): who at the centre looked at or changed your record, newest first,
// in calm words; "Show more" loads older entries.
import { t } from '../../i18n.js';
import { useEffect, useState } from 'preact/hooks';
import { get } from '../../api.js';
import { html } from '../../html.js';
import { Button, Loading, Problem } from '../../ui/page.js';
import { accessLine, accessUrl } from './my-data-access-logic.js';

export function AccessLogSection() {
  const [log, setLog] = useState({ entries: [], next: null, loaded: false });
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  async function load(before = null) {
    setBusy(true);
    setError(null);
    try {
      const page = await get(accessUrl(before));
      setLog((old) => ({
        entries: before ? [...old.entries, ...page.entries] : page.entries,
        next: page.next_before,
        loaded: true,
      }));
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    load();
  }, []);

  return html`
    <section aria-labelledby="access-log-heading">
      <h2 class="heading-m" id="access-log-heading">${t('shared.access.title')}</h2>
      <p>${t('shared.access.intro')}</p>
      <${Problem} error=${error} />
      ${!log.loaded && !error && html`<${Loading} />`}
      ${log.loaded && log.entries.length === 0 && html`<p class="hint">${t('shared.access.none')}</p>`}
      <ul class="list">
        ${log.entries.map((entry) => {
          const line = accessLine(entry);
          return html`<li class="list-item" key=${entry.id}>
            <span class="list-title">${line.text}</span><span class="list-meta">${line.when}</span></li>`;
        })}
      </ul>
      ${log.next && html`<${Button} type="button" variant="secondary" busy=${busy} onClick=${() => load(log.next)}>${t('shared.access.more')}</${Button}>`}
    </section>
  `;
}
