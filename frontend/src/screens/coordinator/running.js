// Running the service (issue 16), for coordinators: bringing records in, filling in profiles with people,
// reports, volunteer hours, outcome measures and the organisation's settings. A part of its own (see
// ../roles.js): none of it is needed to answer an alert or match a pair. /coordinator/running is the hub.
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { Page } from '../../ui/page.js';
import { useOrganisationApi } from './parts.js';
import { HOURS_ROUTES } from './hours.js';
import { IMPORT_ROUTES } from './imports.js';
import { OUTCOME_ROUTES } from './outcomes.js';
import { PROFILE_ENTRY_ROUTES } from './profile-entry.js';
import { REPORT_ROUTES } from './reports.js';
import { SETTINGS_ROUTES } from './settings.js';

// What the hub offers: where, what it is called, and one plain sentence (in the current language).
function places() {
  return [
    { href: '/coordinator/reports', title: t('running.hub.reports'), says: t('running.hub.reportsSays') },
    { href: '/coordinator/imports', title: t('running.hub.imports'), says: t('running.hub.importsSays') },
    { href: '/coordinator/hours', title: t('running.hub.hours'), says: t('running.hub.hoursSays') },
    { href: '/coordinator/outcomes', title: t('running.hub.outcomes'), says: t('running.hub.outcomesSays') },
    { href: '/coordinator/settings', title: t('running.hub.settings'), says: t('running.hub.settingsSays') },
  ];
}

function Running() {
  const { organisation } = useOrganisationApi();
  return html`
    <${Page} title=${t('running.hub.title')} caption=${organisation.name} back=${{ href: '/', label: t('running.home') }}>
      <ul class="list">
        ${places().map(
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
