// The home cards an ending leaves (issue 10 §3): the carer's "Would you like another buddy?" and
// "Tell us how it went", a buddy's feedback. Apart from the ending's screens (match-ending.js), so a
// home's part does not carry them.
import { post } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { useSession } from '../../session.js';
import { firstName } from '../../text.js';
import { ErrorSummary, Radios, useForm } from '../../ui/forms.js';
import { Button, Card } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { endedCard, endedForFeedback, REMATCH_OPTIONS } from './match-ending-logic.js';

/** "Would you like another buddy?": yes or no, sent at once. */
export function RematchQuestion({ url, onAnswered, legend = t('shared.ending.another') }) {
  const form = useForm({ rematch: '' });
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => ({ rematch: !v.rematch && t('shared.ending.error.rematch') }),
      fields: ['rematch'],
      action: async (v) => onAnswered(await post(`${url}/rematch`, { wants_rematch: v.rematch === 'yes' })),
    });
  return html`
    <form onSubmit=${onSubmit} novalidate>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <${Radios} id="rematch" legend=${legend} value=${form.values.rematch} onChange=${form.set('rematch')}
        error=${form.errors.rematch} options=${REMATCH_OPTIONS} />
      <${Button} busy=${form.busy}>${t('shared.ending.sendAnswer')}</${Button}>
    </form>
  `;
}

/** The carer's home card after an ending: "Would you like another buddy?" and "Tell us how it went". */
export function CarerEndedCard({ base, waiting, onChanged }) {
  const card = endedCard(waiting);
  if (!card) return null;
  const url = `${base}/matches/${card.matchId}`;
  return html`
    <${Card} title=${card.title}>
      ${card.words && html`<p>${card.words} ${t('shared.ending.thanksTime')}</p>`}
      ${card.ask && html`<${RematchQuestion} url=${url} onAnswered=${onChanged} />`}
      ${card.askAgain &&
      html`<p>${t('shared.ending.notWaiting')}</p>
        <${RematchQuestion} url=${url} onAnswered=${onChanged} legend=${t('shared.ending.buddyNow')} />`}
      ${card.feedback && html`<p><a href=${`/matches/${card.matchId}/ended`}>${t('shared.ending.tellUs')}</a></p>`}
      <p><a href=${`/matches/${card.matchId}`}>${t('shared.ending.yourMessages', { name: card.name })}</a></p>
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
    <${Card} title=${ended.length === 1 ? t('shared.ending.title', { name: ended[0].carer.display_name }) : t('shared.ending.matchesEnded')}>
      <ul class="list buddy-list">
        ${ended.map((m) => html`<li class="list-item" key=${m.id}>
          <a href=${`/matches/${m.id}/ended`}>${t('shared.ending.tellUsWith', { name: firstName(m.carer.display_name) })}</a>
        </li>`)}
      </ul>
    </${Card}>
  `;
}
