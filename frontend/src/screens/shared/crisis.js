// "I need help now": numbers to call or text, at once, with or without a connection. For a signed-in
// carer (or, opened offline, the carer this phone's queue belongs to), the page also says plainly
// whether the centre has been told, and offers to tell it. The help status (told, waiting to be sent,
// not told) and its words live here only; the check-in and "I'd like to talk" screens show the same.
import { useEffect, useState } from 'preact/hooks';
import { lineHref, loadCrisisLines } from '../../crisis-lines.js';
import { deliver, clearHelpNotSaved, helpState, onHelpChange, tellTheCentre } from '../../help-request.js';
import { helpTold, onHelpTold } from '../../help-status.js';
import { html } from '../../html.js';
import { formatDate, t } from '../../i18n.js';
import { onQueueChange, queuedHelpCount, storedCarer } from '../../offline/index.js';
import { CRISIS_ORG_KEY, currentOrganisation, organisationsOf, useSession } from '../../session.js';
import { Button, Page } from '../../ui/page.js';

// The words every help screen uses (issue 11: said in one place), read in the current language each
// time (getters: never computed when the module loads).
export const HELP_WORDS = {
  get told() {
    return t('crisis.told');
  },
  get toldText() {
    return t('crisis.toldText');
  },
  waitingTitle: (online) => (online ? t('crisis.waitingTitleOnline') : t('crisis.waitingTitleOffline')),
  // ``also``: more people told with the coordinators (" and your buddy"), already in the current language.
  waitingText: (also = '') => (also ? t('crisis.waitingTextAlso', { also }) : t('crisis.waitingText')),
  get danger() {
    return t('crisis.danger');
  },
  get volunteer() {
    return t('crisis.volunteer');
  },
};

function useOnline() {
  const [online, setOnline] = useState(navigator.onLine !== false);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine !== false);
    addEventListener('online', update);
    addEventListener('offline', update);
    return () => {
      removeEventListener('online', update);
      removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/**
 * The help status, for a carer: {told (help-status.js record or null), waiting (requests for help in
 * the offline queue), sending, refused, notSaved, online}. ``carer``: false for someone else (nothing
 * is counted).
 */
export function useHelpStatus(carer = true) {
  const [told, setTold] = useState(helpTold);
  const [waiting, setWaiting] = useState(0);
  const [sending, setSending] = useState(helpState);
  const online = useOnline();
  useEffect(() => onHelpTold(setTold), []);
  useEffect(() => onHelpChange(setSending), []);
  useEffect(() => {
    if (!carer) return undefined;
    let live = true;
    const check = () => queuedHelpCount().then((count) => live && setWaiting(count));
    check();
    const stop = onQueueChange(check);
    return () => {
      live = false;
      stop();
    };
  }, [carer]);
  return { told, waiting, online, ...sending };
}

/** "10:05": when the centre was told, in the phone's time. */
function clockTime(at) {
  return formatDate(new Date(at), { hour: '2-digit', minute: '2-digit' });
}

/** The centre has been told (the server said so): when, and "I asked for help by mistake". */
export function HelpToldPanel({ told, children = null }) {
  return html`
    <div class="panel help-told" role="status">
      <h2 class="panel-title">${HELP_WORDS.told}</h2>
      <div class="panel-body">
        <p>${HELP_WORDS.toldText}</p>
        ${told?.at &&
        html`<p>${told.organisation
          ? t('crisis.toldAtNamed', { organisation: told.organisation, time: clockTime(told.at) })
          : t('crisis.toldAt', { time: clockTime(told.at) })}</p>`}
      </div>
    </div>
    ${told?.alertId && html`<${MistakeLink} base=${told.base} alertId=${told.alertId} />`}
    ${children}
  `;
}

/** A request for help waits in the queue on this phone: the numbers first, and plainly that the centre waits. */
export function HelpWaitingNotice({ online = navigator.onLine !== false, also = '' }) {
  return html`<div class="inset" role="status">
    <h2 class="heading-m">${HELP_WORDS.waitingTitle(online)}</h2>
    <p>${HELP_WORDS.waitingText(also)}</p>
    <p><strong>${HELP_WORDS.danger}</strong></p>
  </div>`;
}

/**
 * What the centre knows, for a carer, and a way to tell it: waiting to be sent; told (with when, "I asked
 * for help by mistake" and "Tell the centre again"); couldn't be kept; or not told, with "Tell the centre
 * I need help" (home's request: help-request.js, queued the same way). ``organisation``: {slug, name}.
 */
export function HelpForCarer({ organisation, status }) {
  const { told, waiting, sending, refused, notSaved, online } = status;
  if (waiting > 0) return html`<${HelpWaitingNotice} online=${online} />`;
  const base = `/api/v1/orgs/${encodeURIComponent(organisation.slug)}`;
  const onClick = () => {
    if (!sending) tellTheCentre({ base, organisationName: organisation.name });
  };
  const button = html`<${Button} type="button" busy=${sending} onClick=${onClick}>
    ${told ? t('crisis.tellAgain') : t('crisis.tellNeedHelp')}</${Button}>`;
  const problem = html`
    ${notSaved &&
    html`<div class="inset" role="alert">
      <h2 class="heading-m">${t('crisis.couldNotTell')}</h2>
      <p><strong>${HELP_WORDS.danger}</strong></p>
    </div>`}
    ${refused && html`<p class="field-error" role="alert">${t('crisis.refused', { reason: refused })}</p>`}
  `;
  if (told && !sending) {
    return html`<${HelpToldPanel} told=${told}>
      ${problem}
      <div class="help-tell"><p>${t('crisis.helpAgain')}</p>${button}</div>
    </${HelpToldPanel}>`;
  }
  return html`
    ${problem}
    <section class="inset help-tell" aria-labelledby="help-tell-title">
      <h2 class="heading-m" id="help-tell-title">${sending ? t('crisis.telling') : t('crisis.notTold')}</h2>
      ${sending
        ? html`<p role="status">${t('crisis.sendingNow')}</p>`
        : html`<p>${t('crisis.notToldText', { organisation: organisation.name })}</p>
          ${!online && html`<p>${t('crisis.offlineKeep')}</p>`}`}
      ${button}
    </section>
  `;
}

/**
 * "I asked for help by mistake", after a call for help: the coordinators who were alerted are told. It
 * never cancels the alert (someone in crisis may say it was a mistake), so a coordinator still checks,
 * and the words say so before and after. Sent under the same rule as a call for help (help-request.js
 * ``deliver``): with no signal or server trouble it waits in the queue and goes when back online.
 */
export function MistakeLink({ base, alertId }) {
  const [state, setState] = useState({ step: 'ready' });
  if (!base || !alertId) return null;
  const url = `${base}/alerts/${encodeURIComponent(alertId)}/mistake`;
  const onClick = async () => {
    if (state.step === 'sending') return;
    setState({ step: 'sending' });
    try {
      const { outcome } = await deliver({ url, label: 'message that you asked for help by mistake', retry: true });
      setState({ step: outcome });
    } catch (error) {
      setState({ step: 'ready', error: error.message });
    }
  };
  if (state.step === 'sent' || state.step === 'queued') {
    return html`
      <div class="inset" role="status">
        <h2 class="heading-m">${state.step === 'sent' ? t('crisis.mistake.told') : t('crisis.mistake.queued')}</h2>
        <p>${t('crisis.mistake.stillContact')}</p>
      </div>
    `;
  }
  return html`
    <div class="help-mistake">
      <button type="button" class="link-button" onClick=${onClick} aria-describedby="help-mistake-hint"
        aria-disabled=${state.step === 'sending' ? 'true' : undefined}>${t('crisis.mistake.button')}</button>
      <p class="hint" id="help-mistake-hint">${t('crisis.mistake.hint')}</p>
      ${state.error && html`<p class="field-error" role="alert">${t('crisis.mistake.error', { error: state.error })}</p>`}
    </div>
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

/** Opened with no connection: the carer this phone's offline queue belongs to (offline/index.js), or null. */
function useStoredCarer(status, slug) {
  const [stored, setStored] = useState(null);
  const unknown = status === 'offline' || status === 'loading';
  useEffect(() => {
    if (!unknown) return undefined;
    let live = true;
    storedCarer().then((organisation) => live && setStored(organisation));
    return () => {
      live = false;
    };
  }, [unknown]);
  if (!unknown || !stored || (slug && stored.slug !== slug)) return null;
  return stored;
}

function rememberedSlug() {
  try {
    return localStorage.getItem(CRISIS_ORG_KEY);
  } catch {
    return null;
  }
}

/** The saved (or built-in) crisis lines, shown at once, then the organisation's latest when they come. */
export function useCrisisLines(slug) {
  const [found, setFound] = useState(null);
  useEffect(() => {
    let live = true;
    const show = (result) => live && setFound(result);
    loadCrisisLines(slug, show).then(show);
    return () => {
      live = false;
    };
  }, [slug]);
  return found;
}

export function Crisis({ params }) {
  const session = useSession();
  const slug = params.slug || currentOrganisation(session.me)?.slug || rememberedSlug();
  const found = useCrisisLines(slug);
  const stored = useStoredCarer(session.status, params.slug);
  const carerOf = carerOrganisation(session, params.slug) || stored;
  const status = useHelpStatus(Boolean(carerOf));
  // "We couldn't tell the centre" is shown while this page is open, then forgotten.
  useEffect(() => () => clearHelpNotSaved(), []);

  const notice = html`
    ${carerOf && html`<${HelpForCarer} organisation=${carerOf} status=${status} />`}
    ${!status.online && html`<p class="inset">${t('crisis.offline')}</p>`}
  `;
  return html`
    <${Page} title=${t('crisis.getHelpNow')}>
      <${CrisisLineList} lines=${found?.lines || []} notice=${notice} />
      ${found?.organisation && html`<p class="hint">${t('crisis.chosenBy', { organisation: found.organisation })}</p>`}
      ${(session.status === 'signed-in' || carerOf) && html`<p>${HELP_WORDS.volunteer}</p>`}
    </${Page}>
  `;
}

/** Numbers to call or text: 999 first and always, then the organisation's lines (``notice`` between). */
export function CrisisLineList({ lines, notice = null }) {
  const others = lines.filter((line) => line.contact.replace(/\D/g, '') !== '999');
  return html`
    <div class="emergency">
      <p class="emergency-text">${t('crisis.lifeAtRisk')}</p>
      <a class="button button-emergency" href="tel:999">${t('crisis.call999')}</a>
    </div>
    ${notice}
    <h2 class="heading-m">${t('crisis.talkNow')}</h2>
    <p>${t('crisis.free')}</p>
    <ul class="crisis-lines">
      ${others.map(
        (line) => html`
          <li class="crisis-line" key=${line.name}>
            <h3 class="crisis-line-name">${line.name}</h3>
            ${line.description && html`<p class="crisis-line-description">${line.description}</p>`}
            <a class="button button-secondary crisis-line-action" href=${lineHref(line)}>
              ${t('crisis.lineAction', { how: line.how === 'text' ? 'text' : 'call', contact: line.contact })}
            </a>
          </li>
        `,
      )}
    </ul>
  `;
}

/** The saved (or built-in) crisis lines, at once (for the check-in and "I'd like to talk" screens). */
export function SavedCrisisLines({ slug }) {
  const found = useCrisisLines(slug);
  return found ? html`<${CrisisLineList} lines=${found.lines} />` : null;
}
