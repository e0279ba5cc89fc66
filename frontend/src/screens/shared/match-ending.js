// Endings that are handled (issue 10 §3): "Take a break, change or end" for the carer and the buddy
// (ask the centre for a break or a different buddy, or end the match at once), the ended match with
// its feedback form and, for the carer, "Would you like another buddy?", and the home cards an ending
// leaves (the carer's answer and feedback; a buddy's feedback).
import { useState } from 'preact/hooks';
import { post } from '../../api.js';
import { html } from '../../html.js';
import { useSession } from '../../session.js';
import { firstName } from '../../text.js';
import { ErrorSummary, Radios, TextArea, useForm } from '../../ui/forms.js';
import { Button, Card, Inset, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { isNotFound, useOrganisation } from './parts.js';
import {
  askWords,
  buddyEndReasons,
  carerEndReasons,
  endBody,
  endedCard,
  endedForFeedback,
  REMATCH_OPTIONS,
  validateEnd,
} from './match-ending-logic.js';

function otherName(match) {
  return match.viewer === 'buddy' ? match.carer.display_name : match.buddy.display_name;
}

function useMatch(params) {
  const { base } = useOrganisation();
  const url = base && `${base}/matches/${encodeURIComponent(params.id)}`;
  return { url, loaded: useResource(url) };
}

function NotLoaded({ title, loaded }) {
  return html`<${Page} title=${title} back=${{ href: '/', label: 'Home' }}>
    ${loaded.error && isNotFound(loaded.error) && html`<p>We can't find this match.</p>`}
    ${loaded.error && !isNotFound(loaded.error) && html`<${Problem} error=${loaded.error} />`}
    ${!loaded.error && html`<${Loading} />`}
  </${Page}>`;
}

/** "Would you like another buddy?": yes or no, sent at once. */
function RematchQuestion({ url, onAnswered, legend = 'Would you like another buddy?' }) {
  const form = useForm({ rematch: '' });
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => ({ rematch: !v.rematch && 'Say whether you would like another buddy' }),
      fields: ['rematch'],
      action: async (v) => onAnswered(await post(`${url}/rematch`, { wants_rematch: v.rematch === 'yes' })),
    });
  return html`
    <form onSubmit=${onSubmit} novalidate>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <${Radios} id="rematch" legend=${legend} value=${form.values.rematch} onChange=${form.set('rematch')}
        error=${form.errors.rematch} options=${REMATCH_OPTIONS} />
      <${Button} busy=${form.busy}>Send my answer</${Button}>
    </form>
  `;
}

function FeedbackForm({ url, other, onSent }) {
  const form = useForm({ feedback: '' });
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => ({
        feedback: !v.feedback.trim()
          ? 'Tell us how it went, or go back home if you would rather not'
          : v.feedback.length > 1000 && 'What you tell us must be 1,000 characters or fewer',
      }),
      fields: ['feedback'],
      action: async (v) => onSent(await post(`${url}/feedback`, { feedback: v.feedback.trim() })),
    });
  return html`
    <form onSubmit=${onSubmit} novalidate>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <${TextArea} id="feedback" label="How did it go?"
        hint=${`Only the centre's coordinators read this, not ${firstName(other)}. It helps them support other carers and buddies.`}
        error=${form.errors.feedback} value=${form.values.feedback} onInput=${form.set('feedback')} />
      <${Button} busy=${form.busy}>Send</${Button}>
    </form>
  `;
}

/** /matches/:id/ended: why it ended (as far as it is said to both), feedback, and "another buddy?". */
export function EndedMatchScreen({ params }) {
  const { url, loaded } = useMatch(params);
  const [changed, setChanged] = useState(null);
  const [thanks, setThanks] = useState(null);
  const match = changed || loaded.data;
  if (!match) return html`<${NotLoaded} title="Your match has ended" loaded=${loaded} />`;
  const other = otherName(match);
  if (match.status !== 'ended') {
    return html`<${Page} title=${`You and ${other}`} back=${{ href: '/', label: 'Home' }}>
      <p>This match hasn't ended.</p><p><a href="/">Go to your home page</a></p>
    </${Page}>`;
  }
  const carer = match.viewer === 'carer';
  const update = (message) => (next) => {
    setChanged(next);
    setThanks(message);
  };
  return html`
    <${Page} title=${`Your match with ${firstName(other)} has ended`} back=${{ href: '/', label: 'Home' }}>
      ${thanks && html`<${Panel} title=${thanks} />`}
      <p>${match.ending_words} Thank you for the time you spent together.</p>
      ${carer && (match.wants_rematch === null || match.wants_rematch === undefined) &&
      html`<${RematchQuestion} url=${url} onAnswered=${update('Thank you for letting us know')} />`}
      ${carer && match.wants_rematch === true &&
      html`<p>You're back on the waiting list, in the place you had when you first joined.</p>`}
      ${carer && match.wants_rematch === false &&
      html`<p>You're not on the waiting list. If you change your mind, you can ask for a buddy from your home page.</p>`}
      ${match.viewer !== 'coordinator' && !match.my_feedback &&
      html`<h2 class="heading-m">Tell us how it went</h2>
        <${FeedbackForm} url=${url} other=${other} onSent=${update('Thank you for telling us how it went')} />`}
      ${match.my_feedback && html`<p>You've told us how it went. Thank you.</p>`}
      <p><a href="/">Go to your home page</a></p>
    </${Page}>
  `;
}

function AskConfirm({ url, kind, viewer, other, onAsked, onCancel }) {
  const words = askWords(kind, viewer, other);
  const form = useForm({});
  const onSubmit = (event) =>
    form.submit(event, { action: async () => onAsked(await post(`${url}/requests`, { kind })) });
  return html`
    <form onSubmit=${onSubmit} novalidate>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <h2 class="heading-m">${words.question}</h2>
      <p>${words.explain}</p>
      <div class="button-group">
        <${Button} busy=${form.busy}>${words.confirm}</${Button}>
        <${Button} type="button" variant="secondary" onClick=${onCancel}>Go back</${Button}>
      </div>
    </form>
  `;
}

function EndForm({ url, match, other, onEnded, onCancel }) {
  const viewer = match.viewer;
  const form = useForm({ reason: '', rematch: '', feedback: '' });
  const reasons = viewer === 'carer' ? carerEndReasons() : buddyEndReasons(other);
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => validateEnd(v, viewer),
      fields: ['reason', 'rematch', 'feedback'],
      action: async (v) => onEnded(await post(`${url}/end`, endBody(v, viewer))),
    });
  return html`
    <form onSubmit=${onSubmit} novalidate>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <h2 class="heading-m">End the match now</h2>
      <p>${`${firstName(other)} will be told that the match has ended. Only a neutral reason, such as a move, is shared with them.`}</p>
      <${Radios} id="reason" legend="Why are you ending it?" value=${form.values.reason} onChange=${form.set('reason')}
        error=${form.errors.reason} options=${reasons} />
      ${viewer === 'carer' &&
      html`<${Radios} id="rematch" legend="Would you like another buddy?" value=${form.values.rematch}
        onChange=${form.set('rematch')} error=${form.errors.rematch} options=${REMATCH_OPTIONS} />`}
      <${TextArea} id="feedback" label="How did it go?" optional=${true} rows="3"
        hint=${`Only the centre's coordinators read this, not ${firstName(other)}.`}
        error=${form.errors.feedback} value=${form.values.feedback} onInput=${form.set('feedback')} />
      <div class="button-group">
        <${Button} variant="warning" busy=${form.busy}>End the match</${Button}>
        <${Button} type="button" variant="secondary" onClick=${onCancel}>Go back</${Button}>
      </div>
    </form>
  `;
}

/** /matches/:id/change: ask for a break or a different buddy (a coordinator plans it), or end now. */
export function ChangeMatchScreen({ params }) {
  const { url, loaded } = useMatch(params);
  const [step, setStep] = useState(null); // 'break' | 'different_buddy' | 'end' | null
  const [asked, setAsked] = useState([]);
  const [ended, setEnded] = useState(null);
  const match = loaded.data;
  if (!match) return html`<${NotLoaded} title="Take a break, change or end" loaded=${loaded} />`;
  const other = otherName(match);
  const viewer = match.viewer;
  if (ended) {
    return html`<${Page} title="The match has ended" back=${{ href: '/', label: 'Home' }}>
      <${Panel} title=${`Your match with ${firstName(other)} has ended`}>
        <p>We've let ${firstName(other)} know. Thank you for the time you spent together.</p>
      </${Panel}>
      ${viewer === 'carer' && ended.wants_rematch &&
      html`<p>You're back on the waiting list, in the place you had when you first joined.</p>`}
      ${viewer === 'carer' && ended.wants_rematch === false &&
      html`<p>You're not on the waiting list. If you change your mind, you can ask for a buddy from your home page.</p>`}
      ${!ended.my_feedback && html`<p><a href=${`/matches/${match.id}/ended`}>Tell us how it went</a></p>`}
      <p><a href="/">Go to your home page</a></p>
    </${Page}>`;
  }
  const open = ['active', 'paused'].includes(match.status);
  const pending = [...(match.my_requests || []), ...asked];
  const kinds = viewer === 'carer' || viewer === 'buddy' ? ['break', 'different_buddy'] : [];
  return html`
    <${Page} title="Take a break, change or end" caption=${`You and ${other}`} back=${{ href: '/', label: 'Home' }}>
      ${!open && html`<${Inset}><p>This match isn't active, so there is nothing to change.</p></${Inset}>`}
      ${open && pending.map((kind) => html`<${Panel} key=${kind} title=${askWords(kind, viewer, other).done}>
        <p>A coordinator will be in touch to plan it with you.</p></${Panel}>`)}
      ${open && step === null &&
      html`<p>If something isn't working, or you need time out, the centre can plan a break or a change with you both. You can also end the match yourself, straight away.</p>
        <div class="button-group">
          ${kinds.filter((kind) => kind !== 'break' || match.status === 'active').filter((kind) => !pending.includes(kind)).map(
            (kind) => html`<${Button} key=${kind} type="button" variant="secondary" onClick=${() => setStep(kind)}>${askWords(kind, viewer, other).button}</${Button}>`,
          )}
          <${Button} type="button" variant="warning" onClick=${() => setStep('end')}>End the match now</${Button}>
        </div>`}
      ${open && (step === 'break' || step === 'different_buddy') &&
      html`<${AskConfirm} url=${url} kind=${step} viewer=${viewer} other=${other} onCancel=${() => setStep(null)}
        onAsked=${(request) => { setAsked((old) => [...old, request.kind]); setStep(null); }} />`}
      ${open && step === 'end' &&
      html`<${EndForm} url=${url} match=${match} other=${other} onEnded=${setEnded} onCancel=${() => setStep(null)} />`}
    </${Page}>
  `;
}

/** The carer's home card after an ending: "Would you like another buddy?" and "Tell us how it went". */
export function CarerEndedCard({ base, waiting, onChanged }) {
  const card = endedCard(waiting);
  if (!card) return null;
  const url = `${base}/matches/${card.matchId}`;
  return html`
    <${Card} title=${card.title}>
      ${card.words && html`<p>${card.words} Thank you for the time you spent together.</p>`}
      ${card.ask && html`<${RematchQuestion} url=${url} onAnswered=${onChanged} />`}
      ${card.askAgain &&
      html`<p>You're not on the waiting list for a buddy.</p>
        <${RematchQuestion} url=${url} onAnswered=${onChanged} legend="Would you like a buddy now?" />`}
      ${card.feedback && html`<p><a href=${`/matches/${card.matchId}/ended`}>Tell us how it went</a></p>`}
    </${Card}>
  `;
}

/** A buddy's home card for ended matches they haven't told us about yet. */
export function BuddyEndedCard({ base }) {
  const { me } = useSession();
  const { data } = useResource(base && `${base}/matches?status=ended`);
  const ended = endedForFeedback(data, me?.id);
  if (!ended.length) return null;
  return html`
    <${Card} title=${ended.length === 1 ? `Your match with ${ended[0].carer.display_name} has ended` : 'Matches that have ended'}>
      <ul class="list buddy-list">
        ${ended.map((m) => html`<li class="list-item" key=${m.id}>
          <a href=${`/matches/${m.id}/ended`}>Tell us how it went with ${firstName(m.carer.display_name)}</a>
        </li>`)}
      </ul>
    </${Card}>
  `;
}
