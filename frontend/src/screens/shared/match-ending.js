// Endings that are handled (issue 10 §3): "Take a break, change or end" for the carer and the buddy
// (ask the centre for a break or a different buddy, or end the match at once), the ended match with
// its feedback form and, for the carer, "Would you like another buddy?". The home cards an ending
// leaves are in match-ending-cards.js.
import { t } from '../../i18n.js';
import { useState } from 'preact/hooks';
import { post } from '../../api.js';
import { html } from '../../html.js';
import { firstName } from '../../text.js';
import { ErrorSummary, Radios, TextArea, useForm } from '../../ui/forms.js';
import { Button, Inset, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { isNotFound, useOrganisation } from './parts.js';
import {
  askWords,
  buddyEndReasons,
  carerEndReasons,
  endBody,
  REMATCH_OPTIONS,
  validateEnd,
} from './match-ending-logic.js';
import { RematchQuestion } from './match-ending-cards.js';

function otherName(match) {
  return match.viewer === 'buddy' ? match.carer.display_name : match.buddy.display_name;
}

function useMatch(params) {
  const { base } = useOrganisation();
  const url = base && `${base}/matches/${encodeURIComponent(params.id)}`;
  return { url, loaded: useResource(url) };
}

function NotLoaded({ title, loaded }) {
  return html`<${Page} title=${title} back=${{ href: '/', label: t('shared.home') }}>
    ${loaded.error && isNotFound(loaded.error) && html`<p>${t('shared.ending.notFound')}</p>`}
    ${loaded.error && !isNotFound(loaded.error) && html`<${Problem} error=${loaded.error} />`}
    ${!loaded.error && html`<${Loading} />`}
  </${Page}>`;
}

function FeedbackForm({ url, other, onSent }) {
  const form = useForm({ feedback: '' });
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => ({
        feedback: !v.feedback.trim()
          ? t('shared.ending.error.feedbackMissing')
          : v.feedback.length > 1000 && t('shared.ending.error.feedbackLong'),
      }),
      fields: ['feedback'],
      action: async (v) => onSent(await post(`${url}/feedback`, { feedback: v.feedback.trim() })),
    });
  return html`
    <form onSubmit=${onSubmit} novalidate>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <${TextArea} id="feedback" label=${t('shared.ending.howDidItGo')}
        hint=${t('shared.ending.feedbackHint', { name: firstName(other) })}
        error=${form.errors.feedback} value=${form.values.feedback} onInput=${form.set('feedback')} />
      <${Button} busy=${form.busy}>${t('shared.send')}</${Button}>
    </form>
  `;
}

/** /matches/:id/ended: why it ended (as far as it is said to both), feedback, and "another buddy?". */
export function EndedMatchScreen({ params }) {
  const { url, loaded } = useMatch(params);
  const [changed, setChanged] = useState(null);
  const [thanks, setThanks] = useState(null);
  const match = changed || loaded.data;
  if (!match) return html`<${NotLoaded} title=${t('shared.ending.endedTitle')} loaded=${loaded} />`;
  const other = otherName(match);
  if (match.status !== 'ended') {
    return html`<${Page} title=${t('shared.ending.youAnd', { name: other })} back=${{ href: '/', label: t('shared.home') }}>
      <p>${t('shared.ending.notEnded')}</p><p><a href="/">${t('shared.ending.goHome')}</a></p>
    </${Page}>`;
  }
  const carer = match.viewer === 'carer';
  const update = (message) => (next) => {
    setChanged(next);
    setThanks(message);
  };
  return html`
    <${Page} title=${t('shared.ending.title', { name: firstName(other) })} back=${{ href: '/', label: t('shared.home') }}>
      ${thanks && html`<${Panel} title=${thanks} />`}
      <p>${match.ending_words} ${t('shared.ending.thanksTime')}</p>
      ${carer && (match.wants_rematch === null || match.wants_rematch === undefined) &&
      html`<${RematchQuestion} url=${url} onAnswered=${update(t('shared.ending.thanksAnswer'))} />`}
      ${carer && match.wants_rematch === true &&
      html`<p>${t('shared.ending.backOnList')}</p>`}
      ${carer && match.wants_rematch === false &&
      html`<p>${t('shared.ending.notOnList')}</p>`}
      ${match.viewer !== 'coordinator' && !match.my_feedback &&
      html`<h2 class="heading-m">${t('shared.ending.tellUs')}</h2>
        <${FeedbackForm} url=${url} other=${other} onSent=${update(t('shared.ending.thanksFeedback'))} />`}
      ${match.my_feedback && html`<p>${t('shared.ending.feedbackGiven')}</p>`}
      ${carer && html`<p><a href=${`/matches/${match.id}`}>${t('shared.ending.yourMessages', { name: firstName(other) })}</a></p>`}
      <p><a href="/">${t('shared.ending.goHome')}</a></p>
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
        <${Button} type="button" variant="secondary" onClick=${onCancel}>${t('shared.ending.goBack')}</${Button}>
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
      <h2 class="heading-m">${t('shared.ending.endNow')}</h2>
      <p>${t('shared.ending.endExplain', { name: firstName(other) })}</p>
      <${Radios} id="reason" legend=${t('shared.ending.why')} value=${form.values.reason} onChange=${form.set('reason')}
        error=${form.errors.reason} options=${reasons} />
      ${viewer === 'carer' &&
      html`<${Radios} id="rematch" legend=${t('shared.ending.another')} value=${form.values.rematch}
        onChange=${form.set('rematch')} error=${form.errors.rematch} options=${REMATCH_OPTIONS} />`}
      <${TextArea} id="feedback" label=${t('shared.ending.howDidItGo')} optional=${true} rows="3"
        hint=${t('shared.ending.feedbackHintShort', { name: firstName(other) })}
        error=${form.errors.feedback} value=${form.values.feedback} onInput=${form.set('feedback')} />
      <div class="button-group">
        <${Button} variant="warning" busy=${form.busy}>${t('shared.ending.endButton')}</${Button}>
        <${Button} type="button" variant="secondary" onClick=${onCancel}>${t('shared.ending.goBack')}</${Button}>
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
  if (!match) return html`<${NotLoaded} title=${t('shared.ending.changeTitle')} loaded=${loaded} />`;
  const other = otherName(match);
  const viewer = match.viewer;
  if (ended) {
    return html`<${Page} title=${t('shared.ending.hasEnded')} back=${{ href: '/', label: t('shared.home') }}>
      <${Panel} title=${t('shared.ending.title', { name: firstName(other) })}>
        <p>${t('shared.ending.letKnow', { name: firstName(other) })} ${t('shared.ending.thanksTime')}</p>
      </${Panel}>
      ${viewer === 'carer' && ended.wants_rematch &&
      html`<p>${t('shared.ending.backOnList')}</p>`}
      ${viewer === 'carer' && ended.wants_rematch === false &&
      html`<p>${t('shared.ending.notOnList')}</p>`}
      ${!ended.my_feedback && html`<p><a href=${`/matches/${match.id}/ended`}>${t('shared.ending.tellUs')}</a></p>`}
      <p><a href="/">${t('shared.ending.goHome')}</a></p>
    </${Page}>`;
  }
  const open = ['active', 'paused'].includes(match.status);
  const pending = [...(match.my_requests || []), ...asked];
  const kinds = viewer === 'carer' || viewer === 'buddy' ? ['break', 'different_buddy'] : [];
  return html`
    <${Page} title=${t('shared.ending.changeTitle')} caption=${t('shared.ending.youAnd', { name: other })} back=${{ href: '/', label: t('shared.home') }}>
      ${!open && html`<${Inset}><p>${t('shared.ending.notActive')}</p></${Inset}>`}
      ${open && pending.map((kind) => html`<${Panel} key=${kind} title=${askWords(kind, viewer, other).done}>
        <p>${t('shared.ending.inTouch')}</p></${Panel}>`)}
      ${open && step === null &&
      html`<p>${t('shared.ending.changeIntro')}</p>
        <div class="button-group">
          ${kinds.filter((kind) => kind !== 'break' || match.status === 'active').filter((kind) => !pending.includes(kind)).map(
            (kind) => html`<${Button} key=${kind} type="button" variant="secondary" onClick=${() => setStep(kind)}>${askWords(kind, viewer, other).button}</${Button}>`,
          )}
          <${Button} type="button" variant="warning" onClick=${() => setStep('end')}>${t('shared.ending.endNow')}</${Button}>
        </div>`}
      ${open && (step === 'break' || step === 'different_buddy') &&
      html`<${AskConfirm} url=${url} kind=${step} viewer=${viewer} other=${other} onCancel=${() => setStep(null)}
        onAsked=${(request) => { setAsked((old) => [...old, request.kind]); setStep(null); }} />`}
      ${open && step === 'end' &&
      html`<${EndForm} url=${url} match=${match} other=${other} onEnded=${setEnded} onCancel=${() => setStep(null)} />`}
    </${Page}>
  `;
}
