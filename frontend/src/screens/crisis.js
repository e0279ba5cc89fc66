// "I need help now": numbers to call or text, at once, with or without a connection. For a signed-in
// carer, the page also says plainly whether the centre has been told, and offers to tell it.
import { useEffect, useState } from 'preact/hooks';
import { lineHref, loadCrisisLines } from '../crisis-lines.js';
import { clearHelpNotSaved, helpState, lastHelpAnswer, onHelpChange, tellTheCentre } from '../help-request.js';
import { html } from '../html.js';
import { onQueueChange, queuedHelpCount } from '../offline/index.js';
import { navigate } from '../router.js';
import { CRISIS_ORG_KEY, currentOrganisation, organisationsOf, useSession } from '../session.js';
import { Button, Page, Panel } from '../ui/page.js';

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

/**
 * Sending to the centre from this page or from home (a request on its way is joined, not repeated).
 * Once one reaches the centre while this page is open, the help-sent page takes over.
 */
function useHelpSending(carer) {
  const [state, setState] = useState(helpState);
  const [answerBefore] = useState(lastHelpAnswer);
  useEffect(() => onHelpChange(setState), []);
  useEffect(() => {
    if (carer && !state.sending && lastHelpAnswer() && lastHelpAnswer() !== answerBefore) {
      navigate('/help-sent', { replace: true });
    }
  }, [carer, state.sending]);
  return state;
}

/** "10:05": when the centre was told, in the phone's time. */
function clockTime(date) {
  return date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

/**
 * For a signed-in carer: whether the centre has been told, in plain words, and a button that tells it
 * (the same request as home's "I need help now"; offline it is queued the same way). Until it is
 * pressed the page says the centre has NOT been told, so nobody mistakes seeing numbers for help coming.
 */
function TellTheCentre({ organisation, sending, refused, online }) {
  const base = `/api/v1/orgs/${encodeURIComponent(organisation.slug)}`;
  const earlier = lastHelpAnswer(); // told from this phone since the app was opened
  const onClick = () => {
    if (!sending) tellTheCentre({ base, organisationName: organisation.name });
  };
  let words;
  if (sending) {
    words = html`<p role="status">We're sending your request for help now. You can ring any of these numbers while you
      wait.</p>`;
  } else if (earlier) {
    words = html`<p>We told ${earlier.organisation} that you need help at ${clockTime(earlier.at)}. A coordinator will
      contact you as soon as they can. If you need help again, press the button.</p>`;
  } else {
    words = html`<p>These numbers are for you to ring. The centre has not been told. Press the button to tell them, and a
        coordinator from ${organisation.name} will contact you as soon as they can.</p>
      ${!online && html`<p>You're offline: we'll keep your request on this phone and send it as soon as you're back online.</p>`}`;
  }
  const heading = sending ? 'Telling the centre…' : earlier ? "We've told the centre" : 'The centre has not been told';
  return html`
    <section class="inset help-tell" aria-labelledby="help-tell-title">
      <h2 class="heading-m" id="help-tell-title">${heading}</h2>
      ${words}
      ${refused && html`<p class="field-error" role="alert">We couldn't tell the centre: ${refused} If you're in danger, call 999 now.</p>`}
      <${Button} type="button" busy=${sending} onClick=${onClick}>
        ${earlier ? 'Tell the centre again' : 'Tell the centre I need help'}</${Button}>
    </section>
  `;
}

/** The organisation a signed-in carer would tell from this page (``slug`` when the link names one). */
function carerOrganisation(session, slug) {
  if (session.status !== 'signed-in') return null;
  const mine = organisationsOf(session.me).filter((organisation) => organisation.roles.includes('carer'));
  if (slug) return mine.find((organisation) => organisation.slug === slug) || null;
  const current = currentOrganisation(session.me);
  return mine.find((organisation) => organisation.id === current?.id) || mine[0] || null;
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
  const carerOf = carerOrganisation(session, params.slug);
  const sending = useHelpSending(Boolean(carerOf));
  // "We couldn't tell the centre" is shown while this page is open, then forgotten.
  useEffect(() => () => clearHelpNotSaved(), []);

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

  // The centre has heard (or will, once back online) when a request went or waits in the queue.
  const told = queuedHelp.waiting > 0 || queuedHelp.delivered;
  const notice = html`
    <${HelpStatus} ...${queuedHelp} notSaved=${sending.notSaved} online=${online} />
    ${carerOf && !told &&
    html`<${TellTheCentre} organisation=${carerOf} sending=${sending.sending} refused=${sending.refused} online=${online} />`}
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
