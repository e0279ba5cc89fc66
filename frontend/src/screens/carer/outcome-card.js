// The gentle card on a carer's home while an outcome ask is open (issue 16). Apart from the questions'
// screen (outcomes.js, in the carer-pages part), so the home's own part stays small on a slow line.
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { Card } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { askToOffer, outcomesTitle } from './outcome-card-logic.js';

/** The gentle card on a carer's home while an ask is open (and not put off with "Not now"). */
export function OutcomeCard({ base }) {
  const asks = useResource(`${base}/me/outcome-asks`);
  const ask = askToOffer(asks.data);
  if (!ask) return null;
  return html`
    <${Card} title=${outcomesTitle()}>
      <p>${t('carer.outcomes.cardText')}</p>
      <p><a class="button button-secondary carer-card-button" href=${`/outcomes/${ask.id}`}>${t('carer.outcomes.answer')}</a></p>
    </${Card}>
  `;
}
