// "I'm worried about Sam" (issue 13): a buddy raises a concern about a carer they support, and sees where
// the concerns they raised stand ("A coordinator is looking at this", "Handled"), never what was decided.
// When someone is at risk right now, the crisis lines and "call 999" come first, also when the phone is
// offline or the concern could not be sent (the lines saved on this phone, else the UK defaults).
import { useEffect, useState } from 'preact/hooks';
import { ApiError, post } from '../../api.js';
import { html } from '../../html.js';
import { isQueued, onQueueChange, queueRequest } from '../../offline/index.js';
import { currentOrganisation, useSession } from '../../session.js';
import { ErrorSummary, Radios, TextArea, useForm } from '../../ui/forms.js';
import { Button, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { CrisisLineList, useCrisisLines } from '../shared/crisis.js';
import { CATEGORIES, newRequestKey } from '../shared/concern-logic.js';
import { firstName, formatDateTime } from './logic.js';

const LIMIT = 4000;
const BACK = { href: '/buddy', label: 'Your carers' };

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
    <${Panel} title="Your concern has been sent">
      <p>${answer.at_risk_now
        ? "The coordinators on duty have been alerted now, by phone and e-mail. You don't have to handle this alone."
        : 'The coordinators have it. One of them will pick it up, and we will tell you when they do.'}</p>
    </${Panel}>
    <p>You won't be told what is decided about ${name}: that stays between ${name} and the centre. Thank you for
      raising it.</p>
    <p><a href="/buddy/concerns">Concerns you have raised</a></p>
    <p><a href="/buddy">Back to your carers</a></p>
  `;
}

function NotSent({ failure, queued, atRisk, slug, onRetry, busy }) {
  const offline = !(failure instanceof ApiError) || failure.status === 0 || failure.status >= 500;
  return html`
    ${atRisk && html`<${AtRiskHelp} slug=${slug} lines=${null} />`}
    <div class="error-summary" role="alert" tabindex="-1">
      <h2 class="error-summary-title">Your concern has not been sent yet</h2>
      <p>${queued
        ? "We couldn't reach the centre. It is saved on this phone and will be sent by itself as soon as there is a connection."
        : offline
          ? "We couldn't reach the centre. Check your signal and try again."
          : failure.message}</p>
      ${atRisk && html`<p><strong>If someone is in danger now, call 999.</strong> Don't wait for this to send.</p>`}
    </div>
    <${Button} type="button" busy=${busy} onClick=${onRetry}>Try sending again</${Button}>
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
  const name = match.data ? firstName(match.data.carer.display_name) : 'this carer';
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
      await queueRequest({ method: 'POST', url: `${base}/concerns`, body: body(values), label: `Your concern about ${name}`, key });
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
        at_risk_now: !v.at_risk_now && 'Say whether someone is at risk right now',
        what_happened: !v.what_happened.trim()
          ? 'Tell us what happened or what worries you'
          : v.what_happened.length > LIMIT && `Keep it to ${LIMIT.toLocaleString('en-GB')} characters or fewer`,
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
  const title = answer ? 'Thank you for telling us' : `I'm worried about ${name}`;
  if (!carerId) {
    return html`<${Page} title="Raise a concern" back=${BACK}>
      <p>Start from the carer you're worried about, on <a href="/buddy">your carers</a>.</p></${Page}>`;
  }
  return html`
    <${Page} title=${title} caption="A concern for the centre" back=${BACK}>
      ${answer && html`<${Sent} answer=${answer} name=${name} slug=${organisation.slug} />`}
      ${!answer && failure && html`<${NotSent} failure=${failure} queued=${queued} atRisk=${form.values.at_risk_now === 'yes'}
        slug=${organisation.slug} busy=${form.busy} onRetry=${onSubmit} />`}
      ${!answer && !failure && html`
        <p>Only the centre's coordinators read this. ${name} is never shown it.</p>
        <form onSubmit=${onSubmit} novalidate>
          <${ErrorSummary} errors=${form.errors} general=${form.general} />
          <${Radios} id="at_risk_now" legend="Is someone at risk right now?" big
            hint="If someone is in danger now, call 999 first."
            value=${form.values.at_risk_now} onChange=${form.set('at_risk_now')} error=${form.errors.at_risk_now}
            options=${[
              { value: 'yes', label: 'Yes, someone is at risk right now' },
              { value: 'no', label: 'No' },
            ]} />
          ${form.values.at_risk_now === 'yes' && html`<div class="emergency">
            <p class="emergency-text">If someone's life is in danger, call 999 now, then send this.</p>
            <a class="button button-emergency" href="tel:999">Call 999</a>
          </div>`}
          <${TextArea} id="what_happened" label="What happened, or what worries you?" rows="5"
            hint="Say what you saw or heard, and when. You can keep it short."
            value=${form.values.what_happened} onInput=${form.set('what_happened')} error=${form.errors.what_happened} />
          <${Radios} id="category" legend="What is it about?" hint="Leave “Something else” if you're not sure."
            value=${form.values.category} onChange=${form.set('category')} error=${form.errors.category}
            options=${CATEGORIES} />
          <${Button} busy=${form.busy}>Send to the coordinators</${Button}>
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
    <${Page} title="Concerns you have raised" back=${BACK}>
      <${Problem} error=${list.error} />
      ${list.loading && html`<${Loading} />`}
      ${list.data && mine.length === 0 && html`<p>You haven't raised any concerns. If you're ever worried about a carer
        you support, use “I'm worried about…” beside their name.</p>`}
      <ul class="list">
        ${mine.map(
          (c) => html`<li class="list-item" key=${c.id}>
            <span class="list-title">About ${c.carer_name}: ${c.category_words.toLowerCase()}</span>
            <span class="list-meta">Raised ${formatDateTime(c.raised_at)}</span>
            <span class=${c.status === 'closed' ? 'tag' : 'tag tag-help'}>${c.status_words}</span>
          </li>`,
        )}
      </ul>
      <p class="hint">You're told when a coordinator picks a concern up and when it has been handled. What is decided
        stays between the carer and the centre.</p>
    </${Page}>
  `;
}
