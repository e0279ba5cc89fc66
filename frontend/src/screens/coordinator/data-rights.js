// People's data (issue 15), the coordinators' hub: copies of people's data and the records held for
// review (data-rights-exports.js), requests to be deleted (data-rights-erasure.js), and links to who
// looked at whose record (audit.js) and how long records are kept (retention.js).
import { html } from '../../html.js';
import { Page } from '../../ui/page.js';
import { ExportRequests } from './data-rights-exports.js';
import { ErasureRequests } from './data-rights-erasure.js';

export function DataRights() {
  return html`
    <${Page} title="People's data" back=${{ href: '/', label: 'Home' }}>
      <p>A person can ask for a copy of their data or to be deleted at any time, in the app or by ringing the centre.
        The law gives the centre one month to answer.</p>
      <${ErasureRequests} />
      <${ExportRequests} />
      <h2 class="heading-m">Records</h2>
      <ul class="list">
        <li><a href="/coordinator/audit">Who looked at whose record</a></li>
        <li><a href="/coordinator/retention">How long records are kept</a></li>
      </ul>
    </${Page}>
  `;
}
