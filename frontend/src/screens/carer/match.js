// An introduction: the other person in a proposed match (for the carer, their buddy; for the buddy,
// the carer), why the centre suggested them, and "Yes, I'd like to meet" or "No, thank you". Nothing
// starts until both have said yes (DOMAIN.md "Matching"); afterwards the screen says where it stands.
import { useEffect, useState } from 'preact/hooks';
import { post, put } from '../../api.js';
import { html } from '../../html.js';
import { ErrorSummary, TextArea, useForm } from '../../ui/forms.js';
import { Button, Inset, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { matchStateInWords } from './match-logic.js';
import { firstName } from '../../text.js';
import { isNotFound, useOrganisation } from '../shared/parts.js';
import { sharingHint, telHref } from '../shared/phone-logic.js';
import { CallLink } from '../shared/phone-parts.js';

/** Reaching each other by phone: the other's number if they show it, and my own choice to show mine. */
function PhoneNumbers({ url, match, other, onChanged }) {
  const mine = match[match.viewer];
  const theirs = match[match.viewer === 'carer' ? 'buddy' : 'carer'];
  const name = firstName(other);
  // The box follows the tap at once; if the server refuses, it goes back and says why.
  const [sharing, setSharing] = useState(mine.shares_phone);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState(null);
  const choose = async (event) => {
    const share = event.currentTarget.checked;
    setSharing(share);
    setBusy(true);
    setProblem(null);
    try {
      onChanged(await put(`${url}/phone-sharing`, { share }));
    } catch (failure) {
      setSharing(!share);
      setProblem(failure);
    } finally {
      setBusy(false);
    }
  };
  return html`
    <section aria-labelledby="phone-heading">
      <h2 class="heading-m" id="phone-heading">Phone numbers</h2>
      ${telHref(theirs.phone)
        ? html`<${CallLink} name=${other} phone=${theirs.phone} block=${true} />`
        : html`<p>${name} hasn't shared a number with you. You can still keep in touch here, or ask the centre.</p>`}
      <${Problem} error=${problem} />
      ${mine.phone
        ? html`<div class="field">
            <div class="choice">
              <input class="choice-input" type="checkbox" id="share-phone" checked=${sharing} aria-busy=${busy ? 'true' : undefined}
                onChange=${choose} aria-describedby="share-phone-hint" />
              <label class="choice-label" for="share-phone">Show my number (${mine.phone.display}) to ${name}</label>
              <p class="choice-hint hint" id="share-phone-hint">${sharingHint(other)}</p>
            </div>
          </div>
          <p class="hint" aria-live="polite">${busy ? 'Saving…' : mine.shares_phone ? `${name} can see your number.` : `${name} can't see your number.`}</p>`
        : html`<p>To show ${name} your number, first <a href="/me">add it to your details</a>.</p>`}
    </section>
  `;
}

function Introduction({ match, other }) {
  const intro = match.introduction;
  const name = firstName(other);
  return html`
    ${intro?.lines?.length > 0 &&
    html`<ul class="carer-intro-lines">${intro.lines.map((line) => html`<li key=${line}>${line}</li>`)}</ul>`}
    ${intro?.in_their_words &&
    html`<h2 class="heading-m">In ${name}'s words</h2><blockquote class="carer-reply">${intro.in_their_words}</blockquote>`}
    ${match.explanation &&
    html`<h2 class="heading-m">Why we suggested ${name}</h2>
      ${match.explanation.reasons?.length > 0
        ? html`<ul class="carer-intro-lines">${match.explanation.reasons.map((r) => html`<li key=${r.text}>${r.text}</li>`)}</ul>`
        : html`<p>${match.explanation.summary}</p>`}`}
  `;
}

function Decide({ url, other, onDecided }) {
  const [declining, setDeclining] = useState(false);
  const form = useForm({ reason: '' });
  const name = firstName(other);
  const accept = (event) => form.submit(event, { action: async () => onDecided(await post(`${url}/accept`)) });
  const decline = (event) =>
    form.submit(event, {
      fields: ['reason'],
      validate: (values) => ({ reason: values.reason.length > 500 ? 'Your reason must be 500 characters or fewer' : null }),
      action: async (values) => onDecided(await post(`${url}/decline`, { reason: values.reason.trim() })),
    });
  if (declining) {
    return html`
      <form onSubmit=${decline} novalidate>
        <${ErrorSummary} errors=${form.errors} general=${form.general} />
        <${TextArea} id="reason" label="Would you like to tell us why?" optional=${true}
          hint=${`Only the centre's coordinators see this, not ${name}. It helps them find a better match.`}
          error=${form.errors.reason} value=${form.values.reason} onInput=${form.set('reason')} />
        <div class="button-group">
          <${Button} busy=${form.busy}>Send my answer</${Button}>
          <${Button} type="button" variant="secondary" onClick=${() => setDeclining(false)}>Go back</${Button}>
        </div>
      </form>
    `;
  }
  return html`
    <form onSubmit=${accept} novalidate>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <h2 class="heading-m">Would you like to meet ${name}?</h2>
      <p>Nothing starts until you have both said yes. Saying no is fine: nobody will mind.</p>
      <div class="button-group">
        <${Button} busy=${form.busy}>Yes, I'd like to meet</${Button}>
        <${Button} type="button" variant="secondary" onClick=${() => setDeclining(true)}>No, thank you</${Button}>
      </div>
    </form>
  `;
}

/** The pair's messages, loaded only when this page shows them (they are not part of the carer's home). */
function Messages({ base, matchId }) {
  const { organisation } = useOrganisation();
  const [part, setPart] = useState(null);
  useEffect(() => {
    import('../shared/messages.js').then(setPart).catch(() => setPart({ failed: true }));
  }, []);
  if (!part) return html`<${Loading} />`;
  if (part.failed) return html`<p>Messages can't be shown just now. Please try again later.</p>`;
  return html`<${part.MessageThread} base=${base} matchId=${matchId} organisation=${organisation} />`;
}

export function MatchScreen({ params }) {
  const { base } = useOrganisation();
  const url = base && `${base}/matches/${encodeURIComponent(params.id)}`;
  const loaded = useResource(url);
  const [decided, setDecided] = useState(null);
  const match = decided || loaded.data;
  if (!match) {
    return html`<${Page} title="Introduction" back=${{ href: '/', label: 'Home' }}>
      ${loaded.error && isNotFound(loaded.error) && html`<p>We can't find this introduction.</p>`}
      ${loaded.error && !isNotFound(loaded.error) && html`<${Problem} error=${loaded.error} />`}
      ${!base && html`<p>We can't find this introduction.</p>`}
      ${base && !loaded.error && html`<${Loading} />`}
    </${Page}>`;
  }
  const other = match.viewer === 'buddy' ? match.carer.display_name : match.buddy.display_name;
  const state = matchStateInWords(match, other);
  const undecided = match.status === 'proposed' && !match.my_decision && match.viewer !== 'coordinator';
  return html`
    <${Page} title=${`Meet ${other}`} caption=${match.viewer === 'buddy' ? 'A carer for you' : 'Your buddy'}
      back=${{ href: '/', label: 'Home' }}>
      ${state && state.good &&
      html`<${Panel} title=${state.title}>${state.text && html`<p>${state.text}</p>`}</${Panel}>`}
      ${state && !state.good &&
      html`<${Inset}><h2 class="heading-m">${state.title}</h2>${state.text && html`<p>${state.text}</p>`}</${Inset}>`}
      ${['active', 'paused'].includes(match.status) && match.viewer !== 'coordinator' &&
      html`<${PhoneNumbers} url=${url} match=${match} other=${other} onChanged=${setDecided} />`}
      ${(['active', 'paused'].includes(match.status) || (match.status === 'ended' && match.viewer === 'carer')) &&
      match.viewer !== 'coordinator' && html`<${Messages} base=${base} matchId=${match.id} />`}
      <${Introduction} match=${match} other=${other} />
      ${match.viewer === 'coordinator' && ['active', 'paused'].includes(match.status) &&
      html`<h2 class="heading-m">Phone numbers</h2>
        <ul class="list">${['carer', 'buddy'].map((side) => html`<li class="list-item" key=${side}>${telHref(match[side].phone)
          ? html`<${CallLink} name=${match[side].display_name} phone=${match[side].phone} />`
          : html`${match[side].display_name}: No number on record`}</li>`)}</ul>`}
      ${undecided && html`<${Decide} url=${url} other=${other} onDecided=${setDecided} />`}
      ${match.status === 'active' && match.viewer === 'carer' &&
      html`<p><a href="/">See your next check-in</a></p>`}
    </${Page}>
  `;
}
