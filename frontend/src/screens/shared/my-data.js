// "Your data" (issue 15): everyone's data rights on one page, each part in its own file: a copy of
// their data (my-data-export.js), who at the centre looked at their record (my-data-access.js), and
// asking to be deleted (my-data-erasure.js).
import { t } from '../../i18n.js';
import { html } from '../../html.js';
import { Page } from '../../ui/page.js';
import { AccessLogSection } from './my-data-access.js';
import { ErasureSection } from './my-data-erasure.js';
import { ExportSection } from './my-data-export.js';

export function MyData() {
  return html`
    <${Page} title=${t('shared.myData.title')} back=${{ href: '/me', label: t('shared.myDetails') }}>
      <p>${t('shared.myData.intro')}</p>
      <${ExportSection} />
      <${AccessLogSection} />
      <${ErasureSection} />
    </${Page}>
  `;
}

export const RIGHTS_ROUTES = [{ path: '/my-data', screen: MyData, access: 'signed-in' }];
