// "I need help now": numbers to call or text, at once, with or without a connection.
import { useEffect, useState } from 'preact/hooks';
import { lineHref, loadCrisisLines } from '../crisis-lines.js';
import { html } from '../html.js';
import { CRISIS_ORG_KEY, currentOrganisation, useSession } from '../session.js';
import { Page } from '../ui/page.js';

function rememberedSlug() {
  try {
    return localStorage.getItem(CRISIS_ORG_KEY);
  } catch {
    return null;
  }
}

export function Crisis({ params }) {
  const session = useSession();
  const slug = params.slug || currentOrganisation(session.me)?.slug || rememberedSlug();
  const [found, setFound] = useState(null);
  const [online, setOnline] = useState(navigator.onLine !== false);

  useEffect(() => {
    let live = true;
    loadCrisisLines(slug).then((result) => live && setFound(result));
    return () => {
      live = false;
    };
  }, [slug]);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine !== false);
    addEventListener('online', update);
    addEventListener('offline', update);
    return () => {
      removeEventListener('online', update);
      removeEventListener('offline', update);
    };
  }, []);

  const notice = !online && html`<p class="inset">You're offline. These numbers still work from your phone.</p>`;
  return html`
    <${Page} title="Get help now">
      <${CrisisLineList} lines=${found?.lines || []} notice=${notice} />
      ${found?.organisation && html`<p class="hint">These numbers were chosen by ${found.organisation}.</p>`}
      ${session.status === 'signed-in' &&
      html`<p>Your buddy is a volunteer, not an emergency service. In a crisis, use these numbers.</p>`}
    </${Page}>
  `;
}

/** Numbers to call or text: 999 first and always, then the organisation's lines (``notice`` between). */
export function CrisisLineList({ lines, notice = null }) {
  const others = lines.filter((line) => line.contact.replace(/\D/g, '') !== '999');
  return html`
    <div class="emergency">
      <p class="emergency-text">If someone's life is at risk, call 999 now.</p>
      <a class="button button-emergency" href="tel:999">Call 999</a>
    </div>
    ${notice}
    <h2 class="heading-m">Talk to someone now</h2>
    <p>These services are free and confidential. You don't have to be in danger to call.</p>
    <ul class="crisis-lines">
      ${others.map(
        (line) => html`
          <li class="crisis-line" key=${line.name}>
            <h3 class="crisis-line-name">${line.name}</h3>
            ${line.description && html`<p class="crisis-line-description">${line.description}</p>`}
            <a class="button button-secondary crisis-line-action" href=${lineHref(line)}>
              ${line.how === 'text' ? 'Text' : 'Call'} ${line.contact}
            </a>
          </li>
        `,
      )}
    </ul>
  `;
}
