// The gentle card on a carer's home while an outcome ask is open (issue 16). Apart from the questions'
// screen (outcomes.js, in the carer-pages part), so the home's own part stays small on a slow line.
import { html } from '../../html.js';
import { Card } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { askToOffer, OUTCOMES_TITLE as TITLE } from './outcome-card-logic.js';

/** The gentle card on a carer's home while an ask is open (and not put off with "Not now"). */
export function OutcomeCard({ base }) {
  const asks = useResource(`${base}/me/outcome-asks`);
  const ask = askToOffer(asks.data);
  if (!ask) return null;
  return html`
    <${Card} title=${TITLE}>
      <p>The centre would like to know how things are for you. It takes about two minutes, and you can say "Not now".</p>
      <p><a class="button button-secondary carer-card-button" href=${`/outcomes/${ask.id}`}>Answer the questions</a></p>
    </${Card}>
  `;
}
