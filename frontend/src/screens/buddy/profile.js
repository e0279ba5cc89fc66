// /buddy/profile — my experience of caring in plain words (and who filled it in with me, if a
// coordinator did), and /buddy/profile/edit to fill it in or change it, a step at a time (checked here,
// the API's field errors shown on the fields). Without a profile a buddy cannot be matched, so a new buddy starts here. /buddy/profile/health-data is the buddy's own
// health-data consent (UK GDPR: explicit and separate from a carer's; saying no deletes what the
// person they cared for lives with at once), and the form asks about it only with that consent. Built
// from the parts both profile forms share (shared/profile-parts.js: the free-times control, culture
// and faith, the summary list, the consent form).
import { useState } from 'preact/hooks';
import { ApiError, put } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { navigate, takeHandedOn } from '../../router.js';
import { Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { buddyFieldErrors, buddyProfileRows } from './profile-logic.js';
import { buddyProfileSteps } from '../shared/profile-buddy-steps.js';
import { isNotFound, useOrganisation } from '../shared/parts.js';
import { ConsentForm, HealthConsentSection, ProfileSummary } from '../shared/profile-parts.js';
import { StepForm } from '../shared/profile-steps.js';
import { enteredWithYou } from '../shared/profile-steps-logic.js';

const consentUrl = (base) => `${base}/me/buddy-profile/health-data-consent`;

export function MyBuddyProfile() {
  const { organisation, base } = useOrganisation();
  const profile = useResource(`${base}/me/buddy-profile`);
  const consent = useResource(consentUrl(base));
  // "Your profile has been saved", handed on by the form that saved it.
  const [message] = useState(() => takeHandedOn().saved || null);
  const missing = isNotFound(profile.error);
  return html`
    <${Page} title=${t('buddy.profile.title')} caption=${organisation.name} back=${{ href: '/', label: t('buddy.home') }}>
      ${message && html`<${Panel} title=${message} />`}
      <p>${t('buddy.profile.intro')}</p>
      ${profile.loading && html`<${Loading} />`}
      ${profile.error && !missing && html`<${Problem} error=${profile.error} />`}
      ${missing &&
      html`<p>${t('buddy.profile.notYet')} ${t('buddy.profile.cannotIntroduce')}</p>
        <p><a class="button button-primary" href="/buddy/profile/edit">${t('buddy.profile.tellUs')}</a></p>`}
      ${profile.data && enteredWithYou(profile.data, { timeZone: organisation.time_zone }) &&
      html`<p class="entered-with-you">${enteredWithYou(profile.data, { timeZone: organisation.time_zone })}</p>`}
      ${profile.data &&
      html`<${ProfileSummary} rows=${buddyProfileRows(profile.data)} />
        <p><a class="button button-primary" href="/buddy/profile/edit">${t('buddy.profile.change')}</a></p>
        <p><a href="/buddy/availability">${t('buddy.links.availability')}</a></p>`}
      <${HealthConsentSection} consent=${consent} timeZone=${organisation.time_zone} href="/buddy/profile/health-data"
        agreed=${t('buddy.profile.agreed')}
        refused=${t('buddy.profile.refused')} />
    </${Page}>
  `;
}

export function EditBuddyProfile() {
  const { organisation, base } = useOrganisation();
  const profile = useResource(`${base}/me/buddy-profile`);
  const consent = useResource(consentUrl(base));
  const missing = isNotFound(profile.error);
  const ready = (profile.data || missing) && consent.data;
  const title = profile.data ? t('buddy.profile.change') : t('buddy.profile.tellUs');
  if (!ready) {
    return html`
      <${Page} title=${title} caption=${organisation.name} back=${{ href: '/buddy/profile', label: t('buddy.profile.title') }}>
        ${profile.error && !missing && html`<${Problem} error=${profile.error} />`}
        <${Problem} error=${consent.error} />
        ${!consent.error && !(profile.error && !missing) && html`<${Loading} />`}
      </${Page}>
    `;
  }
  return html`<${BuddyStepForm} base=${base} title=${title} saved=${profile.data} consent=${consent.data} />`;
}

function BuddyStepForm({ base, title, saved, consent }) {
  const [parts] = useState(() => buddyProfileSteps({ saved, consent }));
  return html`<${StepForm} title=${title} back=${{ href: '/buddy/profile', label: t('buddy.profile.title') }}
    steps=${parts.steps} initial=${parts.initial} basis=${saved?.updated_at} draftKey=${`carerlink:buddy-profile:${base}`}
    validate=${parts.validate} rows=${parts.rows}
    intro=${html`<p>${t('buddy.profile.stepIntro')}</p>`}
    checkIntro=${t('buddy.profile.checkIntro')}
    save=${async (values) => {
      try {
        await put(`${base}/me/buddy-profile`, parts.body(values));
      } catch (error) {
        if (error instanceof ApiError) error.fieldErrors = buddyFieldErrors(error.fieldErrors);
        throw error;
      }
      navigate('/buddy/profile', { handOn: { saved: t('buddy.profile.saved') } });
    }} />`;
}

export function BuddyHealthData() {
  const { organisation, base } = useOrganisation();
  const consent = useResource(consentUrl(base));
  return html`
    <${Page} title=${t('buddy.profile.healthTitle')} caption=${organisation.name}
      back=${{ href: '/buddy/profile', label: t('buddy.profile.title') }}>
      <${Problem} error=${consent.error} />
      ${consent.loading && html`<${Loading} />`}
      ${consent.data &&
      html`<${ConsentForm} url=${consentUrl(base)} consent=${consent.data}
        noHint=${t('buddy.profile.noHint')}
        warning=${t('buddy.profile.warning')}
        saved=${() => {
          navigate('/buddy/profile', { handOn: { saved: t('buddy.profile.choiceSaved') } });
        }} />`}
    </${Page}>
  `;
}
