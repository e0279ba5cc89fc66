// People's data (issue 15), the coordinators' hub: copies of people's data and the records held for
// review (data-rights-exports.js), requests to be deleted (data-rights-erasure.js), and links to who
// looked at whose record (audit.js) and how long records are kept (retention.js).
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { Page } from '../../ui/page.js';
import { ExportRequests } from './data-rights-exports.js';
import { ErasureRequests } from './data-rights-erasure.js';

export function DataRights() {
  return html`
    <${Page} title=${t('coordinator.home.dataTitle')} back=${{ href: '/', label: t('coordinator.parts.home') }}>
      <p>${t('coordinator.dataRights.intro')}</p>
      <${ErasureRequests} />
      <${ExportRequests} />
      <h2 class="heading-m">${t('coordinator.dataRights.records')}</h2>
      <ul class="list">
        <li><a href="/coordinator/audit">${t('coordinator.audit.title')}</a></li>
        <li><a href="/coordinator/retention">${t('coordinator.retention.title')}</a></li>
      </ul>
    </${Page}>
  `;
}
