// Filling in a carer's or a buddy's profile with them during an assessment (issue 16), for coordinators:
// /coordinator/carers/:id/profile and /coordinator/buddies/:id/profile. The same stepped form the person
// has (shared/profile-carer-steps.js, profile-buddy-steps.js, profile-steps.js), asked of them out loud.
// The health-data step shows the exact words to read out and records "They agreed" with the version
// read; a buddy's "I'm 18 or over" and how many carers they support are not asked (theirs to say).
// Saved through PUT …/carers|buddies/{id}/profile, which records that it was filled in with them.
import { useState } from 'preact/hooks';
import { ApiError, put } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { navigate } from '../../router.js';
import { Loading, Page, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { buddyFieldErrors } from '../shared/profile-buddy-logic.js';
import { buddyProfileSteps } from '../shared/profile-buddy-steps.js';
import { profileFieldErrors } from '../shared/profile-carer-logic.js';
import { carerProfileSteps } from '../shared/profile-carer-steps.js';
import { StepForm } from '../shared/profile-steps.js';
import { useOrganisationApi } from './parts.js';

const CONSENT_FIELDS = { 'health_consent.agreed': 'health_agreed', 'health_consent.version': 'health_agreed' };

const KINDS = {
  carers: {
    steps: carerProfileSteps,
    words: profileFieldErrors,
    back: (id) => ({ href: `/coordinator/carers/${id}`, label: t('running.profile.theirPage') }),
    fieldMap: { under_18: 'carer_category', ...CONSENT_FIELDS },
  },
  buddies: {
    steps: buddyProfileSteps,
    words: buddyFieldErrors,
    back: (id) => ({ href: `/buddies/${id}/checks`, label: t('running.profile.theirChecks') }),
    fieldMap: CONSENT_FIELDS,
  },
};

function ProfileEntry({ kind, id }) {
  const { organisation, base } = useOrganisationApi();
  const profile = useResource(`${base}/${kind}/${id}/profile`);
  const consent = useResource(`${base}/${kind}/${id}/health-data-consent`);
  const missing = profile.error?.status === 404;
  const ready = (profile.data || missing) && consent.data;
  const back = KINDS[kind].back(id);
  if (!ready) {
    return html`
      <${Page} title=${t('running.profile.title')} caption=${organisation.name} back=${back}>
        ${profile.error && !missing && html`<${Problem} error=${profile.error} />`}
        <${Problem} error=${consent.error} />
        ${!consent.error && !(profile.error && !missing) && html`<${Loading} />`}
      </${Page}>
    `;
  }
  return html`<${EntryForm} kind=${kind} id=${id} base=${base} back=${back} saved=${profile.data} consent=${consent.data} />`;
}

function EntryForm({ kind, id, base, back, saved, consent }) {
  const { steps, words, fieldMap } = KINDS[kind];
  const [parts] = useState(() => steps({ saved, consent, withThem: true }));
  const name = saved?.display_name;
  return html`<${StepForm} title=${saved ? t('running.profile.changeTitle', { name }) : t('running.profile.title')} back=${back}
    steps=${parts.steps} initial=${parts.initial} basis=${saved?.updated_at} draftKey=${`carerlink:with-them:${kind}:${id}`}
    validate=${parts.validate} rows=${parts.rows} fieldMap=${fieldMap}
    intro=${html`<p>${t('running.profile.intro')}</p>`}
    checkIntro=${t('running.profile.checkIntro')}
    saveLabel=${t('running.profile.save')}
    save=${async (values) => {
      try {
        await put(`${base}/${kind}/${id}/profile`, parts.body(values));
      } catch (error) {
        if (error instanceof ApiError) {
          const rest = {};
          const consentErrors = {};
          for (const [field, message] of Object.entries(error.fieldErrors)) {
            if (CONSENT_FIELDS[field]) consentErrors[CONSENT_FIELDS[field]] ??= message;
            else rest[field] = message;
          }
          error.fieldErrors = { ...words(rest), ...consentErrors };
        }
        throw error;
      }
      navigate(kind === 'carers' ? `/coordinator/carers/${id}` : `/buddies/${id}/checks`);
    }} />`;
}

/** Routes of this screen: {path, screen, access}. */
export const PROFILE_ENTRY_ROUTES = [
  {
    path: '/coordinator/carers/:id/profile',
    screen: ({ params }) => html`<${ProfileEntry} kind="carers" id=${params.id} key=${params.id} />`,
    access: 'coordinator',
  },
  {
    path: '/coordinator/buddies/:id/profile',
    screen: ({ params }) => html`<${ProfileEntry} kind="buddies" id=${params.id} key=${params.id} />`,
    access: 'coordinator',
  },
];
