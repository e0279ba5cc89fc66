// "I need help now": numbers to call or text, at once, with or without a connection.
import { useEffect, useState } from 'preact/hooks';
import { lineHref, loadCrisisLines } from '../crisis-lines.js';
import { html } from '../html.js';
import { onQueueChange, queuedHelpCount } from '../offline/index.js';
import { CRISIS_ORG_KEY, currentOrganisation, useSession } from '../session.js';
import { Page, Panel } from '../ui/page.js';

// "I need help now" could not be sent and this phone could not keep it to send later.
let helpNotSaved = false;

/** The help request could not be queued: the help page tells the carer the centre was not told. */
export function noteHelpNotSaved() {
  helpNotSaved = true;
}

/**
 * Whether a request for help waits in the offline queue, and whether one just went: ``waiting`` is
 * how many wait; ``delivered`` turns true when the last of them was sent while this page was open.
 */
function useQueuedHelp(signedIn) {
  const [state, setState] = useState({ waiting: 0, delivered: false });
  useEffect(() => {
    if (!signedIn) return undefined;
    let live = true;
    let before = 0;
    const check = () =>
      queuedHelpCount().then((waiting) => {
        if (!live) return;
        const delivered = before > 0 && waiting === 0 && navigator.onLine !== false;
        before = waiting;
        setState((old) => ({ waiting, delivered: old.delivered || delivered }));
      });
    check();
    const stop = onQueueChange(check);
    return () => {
      live = false;
      stop();
    };
  }, [signedIn]);
  return state;
}

/** What the centre knows: told, to be told when back online, or not told at all. */
function HelpStatus({ waiting, delivered, notSaved, online }) {
  if (waiting > 0) {
    return html`<div class="inset" role="status">
      <h2 class="heading-m">${online ? "We're telling the centre now" : "The centre will be told when you're back online"}</h2>
      <p>We haven't been able to tell the centre yet. Your request for help is saved on this phone, and we'll tell the
        centre's coordinators as soon as your phone is back online. You don't need to do anything.</p>
      <p><strong>If you're in danger, call 999 now, or call one of the numbers below.</strong></p>
    </div>`;
  }
  if (delivered) {
    return html`<${Panel} title="We've told the centre">
      <p>Your request for help has been sent. A coordinator will contact you as soon as they can.</p>
    </${Panel}>`;
  }
  if (notSaved) {
    return html`<div class="inset" role="alert">
      <h2 class="heading-m">We couldn't tell the centre</h2>
      <p><strong>If you're in danger, call 999 now, or call one of the numbers below.</strong></p>
    </div>`;
  }
  return null;
}

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
  const queuedHelp = useQueuedHelp(session.status === 'signed-in');
  const [notSaved] = useState(() => {
    const noted = helpNotSaved;
    helpNotSaved = false;
    return noted;
  });

  useEffect(() => {
    let live = true;
    const show = (result) => live && setFound(result);
    loadCrisisLines(slug, show).then(show);
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

  const notice = html`
    <${HelpStatus} ...${queuedHelp} notSaved=${notSaved} online=${online} />
    ${!online && html`<p class="inset">You're offline. These numbers still work from your phone.</p>`}
  `;
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
