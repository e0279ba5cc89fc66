// "Your data" (issue 15): everyone's data rights on one page, each part in its own file: a copy of
// their data (my-data-export.js), who at the centre looked at their record (my-data-access.js), and
// asking to be deleted (my-data-erasure.js).
import { html } from '../../html.js';
import { Page } from '../../ui/page.js';
import { AccessLogSection } from './my-data-access.js';
import { ErasureSection } from './my-data-erasure.js';
import { ExportSection } from './my-data-export.js';

export function MyData() {
  return html`
    <${Page} title="Your data" back=${{ href: '/me', label: 'My details' }}>
      <p>The centre keeps what you tell carerlink to run the buddy service. You can have a copy of all of it,
        see who at the centre looked at your record, and ask to be deleted.</p>
      <${ExportSection} />
      <${AccessLogSection} />
      <${ErasureSection} />
    </${Page}>
  `;
}

export const RIGHTS_ROUTES = [{ path: '/my-data', screen: MyData, access: 'signed-in' }];
