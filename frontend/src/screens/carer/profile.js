// My carer profile in plain words (and who filled it in with me, if a coordinator did), a stepped form
// to change it (shared/profile-steps.js: one topic a page, checked step by step, the API's field errors
// shown on the fields), and the health-data consent on a screen of its own (UK GDPR: explicit and
// separate; saying no deletes what I said about the person's needs at once).
import { useState } from 'preact/hooks';
import { ApiError, api } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { navigate, takeHandedOn } from '../../router.js';
import { Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { profileFieldErrors, profileRows } from './profile-logic.js';
import { carerProfileSteps } from '../shared/profile-carer-steps.js';
import { ConsentForm, HealthConsentSection, ProfileSummary } from '../shared/profile-parts.js';
import { StepForm } from '../shared/profile-steps.js';
import { enteredWithYou } from '../shared/profile-steps-logic.js';
import { isNotFound, useOrganisation } from '../shared/parts.js';

export function MyProfile() {
  const { organisation, base } = useOrganisation();
  const profile = useResource(`${base}/me/carer-profile`);
  const consent = useResource(`${base}/me/health-data-consent`);
  // "Your profile has been saved", handed on by the form that saved it.
  const [message] = useState(() => takeHandedOn().saved || null);
  const missing = isNotFound(profile.error);
  return html`
    <${Page} title=${t('carer.profile.title')} caption=${organisation.name} back=${{ href: '/', label: t('carer.home.back') }}>
      ${message && html`<${Panel} title=${message} />`}
      <p>${t('carer.profile.intro')}</p>
      ${profile.loading && html`<${Loading} />`}
      ${profile.error && !missing && html`<${Problem} error=${profile.error} />`}
      ${missing &&
      html`<p>${t('carer.profile.none')}</p>
        <p><a class="button button-primary" href="/my-profile/edit">${t('carer.profile.tellUs')}</a></p>`}
      ${profile.data && enteredWithYou(profile.data, { timeZone: organisation.time_zone }) &&
      html`<p class="entered-with-you">${enteredWithYou(profile.data, { timeZone: organisation.time_zone })}</p>`}
      ${profile.data &&
      html`<${ProfileSummary} rows=${profileRows(profile.data)} />
        <p><a class="button button-primary" href="/my-profile/edit">${t('carer.profile.change')}</a></p>`}
      <${HealthConsentSection} consent=${consent} timeZone=${organisation.time_zone} href="/my-profile/health-data"
        agreed=${t('carer.profile.agreed')}
        refused=${t('carer.profile.refused')} />
    </${Page}>
  `;
}

export function EditProfile() {
  const { organisation, base } = useOrganisation();
  const profile = useResource(`${base}/me/carer-profile`);
  const consent = useResource(`${base}/me/health-data-consent`);
  const ready = (profile.data || isNotFound(profile.error)) && consent.data;
  const title = profile.data ? t('carer.profile.change') : t('carer.profile.tellUs');
  if (!ready) {
    return html`
      <${Page} title=${title} caption=${organisation.name} back=${{ href: '/my-profile', label: t('carer.profile.title') }}>
        ${profile.error && !isNotFound(profile.error) && html`<${Problem} error=${profile.error} />`}
        <${Problem} error=${consent.error} />
        ${!consent.error && html`<${Loading} />`}
      </${Page}>
    `;
  }
  return html`<${CarerStepForm} base=${base} title=${title} saved=${profile.data} consent=${consent.data} />`;
}

function CarerStepForm({ base, title, saved, consent }) {
  const [parts] = useState(() => carerProfileSteps({ saved, consent }));
  return html`<${StepForm} title=${title} back=${{ href: '/my-profile', label: t('carer.profile.title') }}
    steps=${parts.steps} initial=${parts.initial} basis=${saved?.updated_at} draftKey=${`carerlink:profile:${base}`}
    validate=${parts.validate} rows=${parts.rows} fieldMap=${{ under_18: 'carer_category' }}
    checkIntro=${t('carer.profile.checkIntro')}
    save=${async (values) => {
      try {
        await api('PUT', `${base}/me/carer-profile`, parts.body(values));
      } catch (error) {
        if (error instanceof ApiError) error.fieldErrors = profileFieldErrors(error.fieldErrors);
        throw error;
      }
      navigate('/my-profile', { handOn: { saved: t('carer.profile.saved') } });
    }} />`;
}

export function HealthData() {
  const { organisation, base } = useOrganisation();
  const consent = useResource(`${base}/me/health-data-consent`);
  return html`
    <${Page} title=${t('carer.profile.healthTitle')} caption=${organisation.name}
      back=${{ href: '/my-profile', label: t('carer.profile.title') }}>
      <${Problem} error=${consent.error} />
      ${consent.loading && html`<${Loading} />`}
      ${consent.data &&
      html`<${ConsentForm} url=${`${base}/me/health-data-consent`} consent=${consent.data}
        noHint=${t('carer.profile.noHint')}
        warning=${t('carer.profile.warning')}
        saved=${() => {
          navigate('/my-profile', { handOn: { saved: t('carer.profile.choiceSaved') } });
        }} />`}
    </${Page}>
  `;
}

