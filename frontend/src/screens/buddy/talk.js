// /buddy/talk — "I'd like to talk something through" (issue 13): a buddy asks a coordinator for a
// debrief (how soon, an optional note), is told kindly that someone will be in touch, and sees where
// each ask stands and the supervision sessions they have had (dates and kinds; never the notes).
// TalkCard is the buddy home's way in (one tap to the form).
import { useState } from 'preact/hooks';
import { post } from '../../api.js';
import { html } from '../../html.js';
import { currentOrganisation, useSession } from '../../session.js';
import { ErrorSummary, Radios, TextArea, useForm } from '../../ui/forms.js';
import { Button, Card, formatDate, LinkButton, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { formatDateTime } from './logic.js';
import { homeWords, latestToShow, NOTE_LIMIT, SESSION_NAMES, talkStatus, URGENCY_OPTIONS, urgencyWords, validateTalk } from './talk-logic.js';

function newKey() {
  return globalThis.crypto.randomUUID();
}

function TalkForm({ base, onSent }) {
  const form = useForm({ urgency: '', note: '' });
  const [key] = useState(newKey);
  const onSubmit = (event) =>
    form.submit(event, {
      validate: validateTalk,
      action: async (v) =>
        onSent(await post(`${base}/debriefs`, { urgency: v.urgency, note: v.note.trim() }, { headers: { 'Idempotency-Key': key } })),
    });
  return html`
    <form onSubmit=${onSubmit} novalidate>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <${Radios} id="urgency" legend="When would you like to talk?" value=${form.values.urgency}
        onChange=${form.set('urgency')} error=${form.errors.urgency} options=${URGENCY_OPTIONS} />
      <${TextArea} id="note" label="Anything you'd like the coordinator to know first" optional rows="4"
        hint=${`Only the centre's coordinators read this. Up to ${NOTE_LIMIT.toLocaleString('en-GB')} characters.`}
        value=${form.values.note} onInput=${form.set('note')} error=${form.errors.note} />
      <${Button} busy=${form.busy}>Ask to talk</${Button}>
    </form>
  `;
}

function Asks({ requests }) {
  if (!requests.length) return null;
  return html`
    <h2 class="heading-m">Your requests</h2>
    <ul class="list">
      ${requests.map(
        (r) => html`<li class="list-item" key=${r.id}>
          <span class="list-title">You asked on ${formatDateTime(r.asked_at)}</span>
          <span class=${r.taken_up_at ? 'tag tag-complete' : 'tag'}>${r.taken_up_at ? 'Taken up' : 'Waiting'}</span>
          <span class="list-meta">${urgencyWords(r.urgency)}. ${talkStatus(r)}</span>
        </li>`,
      )}
    </ul>
  `;
}

function Sessions({ base }) {
  const mine = useResource(`${base}/me/supervision`);
  const sessions = mine.data?.sessions || [];
  return html`
    <h2 class="heading-m">Your supervision</h2>
    <p>The centre offers every buddy regular supervision: time with a coordinator to talk about how it's going.
      What the coordinator writes down stays with the centre's coordinators.</p>
    <${Problem} error=${mine.error} />
    ${mine.data && sessions.length === 0 && html`<p class="hint">No sessions recorded yet.</p>`}
    <ul class="list">
      ${sessions.map(
        (s, index) => html`<li class="list-item" key=${index}>
          <span class="list-title">${SESSION_NAMES[s.kind] || s.kind}</span>
          <span class="list-meta">${formatDate(s.held_on)}, ${s.duration_minutes} minutes</span>
        </li>`,
      )}
    </ul>
  `;
}

export function BuddyTalk() {
  const { me } = useSession();
  const organisation = currentOrganisation(me);
  const base = `/api/v1/orgs/${organisation.id}`;
  const requests = useResource(`${base}/debriefs`);
  const [sent, setSent] = useState(null);
  const onSent = (request) => {
    setSent(request);
    requests.reload();
    globalThis.scrollTo?.(0, 0);
  };
  return html`
    <${Page} title="I'd like to talk something through" caption="As a buddy" back=${{ href: '/', label: 'Home' }}>
      ${sent
        ? html`<${Panel} title="We've let the coordinators know">
            <p>A coordinator will be in touch. If someone is in danger, call 999.</p>
          </${Panel}>`
        : html`
          <p>Supporting someone can stir things up. You don't have to carry it on your own: a coordinator can talk it
            through with you, whatever it is.</p>
          <p>If someone is in danger, call 999.</p>
          <${TalkForm} base=${base} onSent=${onSent} />`}
      <${Problem} error=${requests.error} />
      ${requests.loading && html`<${Loading} />`}
      <${Asks} requests=${requests.data || []} />
      <${Sessions} base=${base} />
    </${Page}>
  `;
}

/** The buddy home's card: one tap to ask, and where the latest ask stands. */
export function TalkCard({ organisation }) {
  const requests = useResource(`/api/v1/orgs/${organisation.id}/debriefs`);
  const latest = latestToShow(requests.data);
  return html`
    <${Card} title="Looking after yourself">
      ${latest
        ? html`<p>${homeWords(latest)}</p>`
        : html`<p>Supporting someone can be hard. A coordinator can talk things through with you.</p>`}
      <${LinkButton} href="/buddy/talk" variant="secondary">I'd like to talk something through</${LinkButton}>
    </${Card}>
  `;
}
