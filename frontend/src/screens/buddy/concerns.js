// "I'm worried about Sam" (issue 13): a buddy raises a concern about a carer they support, and sees where
// the concerns they raised stand ("A coordinator is looking at this", "Handled"), never what was decided.
// When someone is at risk right now, the crisis lines and "call 999" come first, also when the phone is
// offline or the concern could not be sent (the lines saved on this phone, else the UK defaults).
import { useEffect, useState } from 'preact/hooks';
import { ApiError, post } from '../../api.js';
import { html } from '../../html.js';
import { formatNumber, t } from '../../i18n.js';
import { isQueued, onQueueChange, queueRequest } from '../../offline/index.js';
import { currentOrganisation, useSession } from '../../session.js';
import { ErrorSummary, Radios, TextArea, useForm } from '../../ui/forms.js';
import { Button, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { CrisisLineList, useCrisisLines } from '../shared/crisis.js';
import { CATEGORIES, newRequestKey } from '../shared/concern-logic.js';
import { firstName, formatDateTime } from './logic.js';

const LIMIT = 4000;
const back = () => ({ href: '/buddy', label: t('buddy.carers.title') });

function query() {
  return new URLSearchParams(location.search);
}

/** The lines to show at once: the organisation's (from the answer, else saved on this phone, else UK defaults). */
function AtRiskHelp({ slug, lines }) {
  const saved = useCrisisLines(slug);
  const shown = lines?.length ? lines : saved?.lines || [];
  return html`<div class="concern-crisis"><${CrisisLineList} lines=${shown} /></div>`;
}

function Sent({ answer, name, slug }) {
  return html`
    ${answer.at_risk_now && html`<${AtRiskHelp} slug=${slug} lines=${answer.crisis_lines} />`}
    <${Panel} title=${t('buddy.concern.sent')}>
      <p>${answer.at_risk_now ? t('buddy.concern.sentAtRisk') : t('buddy.concern.sentText')}</p>
    </${Panel}>
    <p>${t('buddy.concern.notTold', { name })}</p>
    <p><a href="/buddy/concerns">${t('buddy.concerns.title')}</a></p>
    <p><a href="/buddy">${t('buddy.concern.backToCarers')}</a></p>
  `;
}

function NotSent({ failure, queued, atRisk, slug, onRetry, busy }) {
  const offline = !(failure instanceof ApiError) || failure.status === 0 || failure.status >= 500;
  return html`
    ${atRisk && html`<${AtRiskHelp} slug=${slug} lines=${null} />`}
    <div class="error-summary" role="alert" tabindex="-1">
      <h2 class="error-summary-title">${t('buddy.concern.notSent')}</h2>
      <p>${queued
        ? t('buddy.concern.queued')
        : offline
          ? t('buddy.concern.offline')
          : failure.message}</p>
      ${atRisk && html`<p><strong>${t('buddy.concern.danger999')}</strong> ${t('buddy.concern.dontWait')}</p>`}
    </div>
    <${Button} type="button" busy=${busy} onClick=${onRetry}>${t('buddy.concern.retry')}</${Button}>
  `;
}

/** /buddy/concerns/new?match=…&carer=…[&checkin=…]: the short form, sent in three taps from the carer list. */
export function RaiseConcern() {
  const { me } = useSession();
  const organisation = currentOrganisation(me);
  const params = query();
  const matchId = params.get('match');
  const carerId = params.get('carer');
  const checkinId = params.get('checkin');
  const base = `/api/v1/orgs/${organisation.id}`;
  const match = useResource(matchId ? `${base}/matches/${matchId}` : null);
  const name = match.data ? firstName(match.data.carer.display_name) : t('buddy.concern.thisCarer');
  const form = useForm({ at_risk_now: '', what_happened: '', category: 'other' });
  const [key] = useState(() => newRequestKey());
  const [answer, setAnswer] = useState(null);
  const [failure, setFailure] = useState(null);
  const [queued, setQueued] = useState(false);

  const body = (values) => ({
    carer_user_id: carerId,
    category: values.category,
    at_risk_now: values.at_risk_now === 'yes',
    what_happened: values.what_happened.trim(),
    ...(checkinId ? { checkin_id: checkinId } : {}),
  });
  const send = (values) => post(`${base}/concerns`, body(values), { headers: { 'Idempotency-Key': key } });
  // Not sent (offline, the server down): kept on this phone with the same Idempotency-Key and sent by
  // itself when the connection is back ("online", background sync, the next start), exactly once.
  const keep = async (values) => {
    if (queued) return;
    try {
      await queueRequest({ method: 'POST', url: `${base}/concerns`, body: body(values), label: t('buddy.concern.label', { name }), key });
      setQueued(true);
    } catch {
      // No IndexedDB (a private window): "Try sending again" is the way.
    }
  };
  useEffect(() => {
    if (!queued || answer) return undefined;
    return onQueueChange(async () => {
      if (await isQueued(key)) return;
      setAnswer({ at_risk_now: form.values.at_risk_now === 'yes', crisis_lines: null });
      setFailure(null);
    });
  }, [queued, answer]);
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => ({
        at_risk_now: !v.at_risk_now && t('buddy.concern.sayAtRisk'),
        what_happened: !v.what_happened.trim()
          ? t('buddy.concern.tellWhat')
          : v.what_happened.length > LIMIT && t('buddy.concern.tooLong', { limit: formatNumber(LIMIT) }),
      }),
      fields: ['at_risk_now', 'what_happened', 'category'],
      action: async (v) => {
        try {
          setAnswer(await send(v));
          setFailure(null);
        } catch (error) {
          if (error instanceof ApiError && error.status > 0 && error.status < 500 && error.status !== 408) throw error;
          setFailure(error); // offline or the server is down: the crisis lines if needed, and kept to send
          await keep(v);
        }
      },
    });
  const title = answer ? t('buddy.concern.thanks') : t('buddy.worried', { name });
  if (!carerId) {
    return html`<${Page} title=${t('buddy.concern.raise')} back=${back()}>
      <p>${t('buddy.concern.startBefore')} <a href="/buddy">${t('buddy.concern.startLink')}</a>.</p></${Page}>`;
  }
  return html`
    <${Page} title=${title} caption=${t('buddy.concern.caption')} back=${back()}>
      ${answer && html`<${Sent} answer=${answer} name=${name} slug=${organisation.slug} />`}
      ${!answer && failure && html`<${NotSent} failure=${failure} queued=${queued} atRisk=${form.values.at_risk_now === 'yes'}
        slug=${organisation.slug} busy=${form.busy} onRetry=${onSubmit} />`}
      ${!answer && !failure && html`
        <p>${t('buddy.concern.onlyCoordinators', { name })}</p>
        <form onSubmit=${onSubmit} novalidate>
          <${ErrorSummary} errors=${form.errors} general=${form.general} />
          <${Radios} id="at_risk_now" legend=${t('buddy.concern.atRisk')} big
            hint=${t('buddy.concern.atRiskHint')}
            value=${form.values.at_risk_now} onChange=${form.set('at_risk_now')} error=${form.errors.at_risk_now}
            options=${[
              { value: 'yes', label: t('buddy.concern.atRiskYes') },
              { value: 'no', label: t('buddy.no') },
            ]} />
          ${form.values.at_risk_now === 'yes' && html`<div class="emergency">
            <p class="emergency-text">${t('buddy.concern.lifeInDanger')}</p>
            <a class="button button-emergency" href="tel:999">${t('buddy.concern.call999')}</a>
          </div>`}
          <${TextArea} id="what_happened" label=${t('buddy.concern.what')} rows="5"
            hint=${t('buddy.concern.whatHint')}
            value=${form.values.what_happened} onInput=${form.set('what_happened')} error=${form.errors.what_happened} />
          <${Radios} id="category" legend=${t('buddy.concern.about')} hint=${t('buddy.concern.aboutHint')}
            value=${form.values.category} onChange=${form.set('category')} error=${form.errors.category}
            options=${CATEGORIES} />
          <${Button} busy=${form.busy}>${t('buddy.concern.send')}</${Button}>
        </form>
      `}
    </${Page}>
  `;
}

/** /buddy/concerns: the concerns I raised, and where each stands (never what was decided). */
export function MyConcerns() {
  const { me } = useSession();
  const organisation = currentOrganisation(me);
  const list = useResource(`/api/v1/orgs/${organisation.id}/concerns`);
  const mine = list.data?.raised_by_me || [];
  return html`
    <${Page} title=${t('buddy.concerns.title')} back=${back()}>
      <${Problem} error=${list.error} />
      ${list.loading && html`<${Loading} />`}
      ${list.data && mine.length === 0 && html`<p>${t('buddy.concerns.none')}</p>`}
      <ul class="list">
        ${mine.map(
          (c) => html`<li class="list-item" key=${c.id}>
            <span class="list-title">${t('buddy.concerns.item', { name: c.carer_name, category: c.category_words.toLowerCase() })}</span>
            <span class="list-meta">${t('buddy.concerns.raised', { when: formatDateTime(c.raised_at) })}</span>
            <span class=${c.status === 'closed' ? 'tag' : 'tag tag-help'}>${c.status_words}</span>
          </li>`,
        )}
      </ul>
      <p class="hint">${t('buddy.concerns.hint')}</p>
    </${Page}>
  `;
}
