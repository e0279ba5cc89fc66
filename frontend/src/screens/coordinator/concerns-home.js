// On the coordinator's home, at the top (issue 13): concerns someone must take now (at risk right now, or
// past their response target, and nobody has acknowledged them) stand out, not one card among many.
// Apart from home.js so the change there stays one line and one element.
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { useResource } from '../../ui/resource.js';
import { concernsSummary, targetWords, urgentConcerns } from '../shared/concern-logic.js';
import { ago } from './logic.js';

const first = (name) => name.split(' ')[0];

function title(urgent) {
  if (urgent.length > 1) return t('coordinator.concernsHome.many', { count: urgent.length });
  const [only] = urgent;
  return only.at_risk_now
    ? t('coordinator.concernsHome.atRisk', { name: first(only.carer_name) })
    : t('coordinator.concernsHome.pastTarget', { name: first(only.carer_name) });
}

/** The open concerns, fetched once for the stand-out block and the Concerns card. */
export function useOpenConcerns(base) {
  return useResource(`${base}/concerns?status=open`);
}

export function ConcernsStandOut({ list }) {
  const urgent = urgentConcerns(list.data?.queue);
  if (!urgent.length) return null;
  const [only] = urgent;
  const href = urgent.length === 1 ? `/coordinator/concerns/${only.id}` : '/coordinator/concerns';
  return html`
    <section class="card card-crisis" aria-labelledby="concern-card-title">
      <h2 class="card-title" id="concern-card-title"><a class="card-link" href=${href}>${title(urgent)}</a></h2>
      <p>${urgent.length === 1
        ? t('coordinator.concernsHome.raised', { ago: ago(only.raised_at), target: targetWords(only) })
        : t('coordinator.concernsHome.someoneAtRisk')} ${t('coordinator.concernsHome.acknowledge')}</p>
    </section>
  `;
}

/** The Concerns card's words: how many are open and the nearest target (none shown while loading). */
export function ConcernsSummary({ list }) {
  if (!list.data) return html`<p>${t('coordinator.concernsHome.card')}</p>`;
  return html`<p>${concernsSummary(list.data.queue)}</p>`;
}
