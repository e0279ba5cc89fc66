// Running the service (issue 16), for coordinators: bringing records in, filling in profiles with people,
// reports, volunteer hours, outcome measures and the organisation's settings. A part of its own (see
// ../roles.js): none of it is needed to answer an alert or match a pair. /coordinator/running is the hub.
import { html } from '../../html.js';
import { Page } from '../../ui/page.js';
import { useOrganisationApi } from './parts.js';
import { HOURS_ROUTES } from './hours.js';
import { IMPORT_ROUTES } from './imports.js';
import { OUTCOME_ROUTES } from './outcomes.js';
import { PROFILE_ENTRY_ROUTES } from './profile-entry.js';
import { REPORT_ROUTES } from './reports.js';
import { SETTINGS_ROUTES } from './settings.js';

// What the hub offers: where, what it is called, and one plain sentence.
const PLACES = [
  { href: '/coordinator/reports', title: 'Reports', says: 'Figures for a period for funders and the council, with charts and CSV downloads.' },
  { href: '/coordinator/imports', title: 'Bring records in', says: 'Add carers and buddies from a spreadsheet: checked first, nothing sent until you confirm.' },
  { href: '/coordinator/hours', title: 'Volunteer hours', says: "The time each buddy has given, logged by them and counted from check-ins." },
  { href: '/coordinator/outcomes', title: 'Outcome measures', says: 'What carers are asked at the start, after 3 and after 6 months, and equality monitoring.' },
  { href: '/coordinator/settings', title: 'Settings', says: 'Crisis lines, check-in timings, the safeguarding lead, matching weights and more.' },
];

function Running() {
  const { organisation } = useOrganisationApi();
  return html`
    <${Page} title="Running the service" caption=${organisation.name} back=${{ href: '/', label: 'Home' }}>
      <ul class="list">
        ${PLACES.map(
          (place) => html`<li key=${place.href}>
            <a href=${place.href}>${place.title}</a>
            <p class="hint">${place.says}</p>
          </li>`,
        )}
      </ul>
    </${Page}>
  `;
}

export const RUNNING_ROUTES = [
  { path: '/coordinator/running', screen: Running, access: 'coordinator' },
  ...IMPORT_ROUTES,
  ...PROFILE_ENTRY_ROUTES,
  ...REPORT_ROUTES,
  ...HOURS_ROUTES,
  ...OUTCOME_ROUTES,
  ...SETTINGS_ROUTES,
];
