// The carer's profile as steps (issue 16), for the carer's own form and for a coordinator filling it in
// with them (``withThem``: the health-data consent is read out and recorded as given out loud). The
// questions, checks and PUT body are the one-page form's (carer/profile-logic.js); this file only
// groups them one topic a page.
import { t } from '../../i18n.js';
import { html } from '../../html.js';
import { CheckboxGroup, Radios, Select, TextArea, TextInput } from '../../ui/forms.js';
import { Inset } from '../../ui/page.js';
import {
  preferredLanguageOf,
  PROFILE_FIELDS,
  profileBody,
  profileFormValues,
  profileRows,
  validateProfile,
} from './profile-carer-logic.js';
import {
  CARER_CATEGORIES,
  CONTACT_MODES,
  GENDERS,
  HELP_WITH,
  HOURS,
  JOURNEY,
  languageChoices,
  MENTAL_HEALTH_NEEDS,
  NEEDS,
  REGIONS,
  RELATIONSHIPS,
} from './profile-logic.js';
import { AvailabilityField, BackgroundFields } from './profile-parts.js';
import { consentChoice, consentRow, WITH_THEM_FIELDS } from './profile-steps-logic.js';
import { VerbalConsentField } from './profile-with-them.js';

const options = (words) => Object.entries(words).map(([value, label]) => ({ value, label }));
const yesNo = () => [
  { value: 'yes', label: t('shared.carerForm.yes') },
  { value: 'no', label: t('shared.carerForm.no') },
];

// A wish for a buddy: no wish, or "nice to have", or "a must" (which can make the wait longer).
const wishOptions = () => [
  { value: 'none', label: t('shared.carerForm.wishNone') },
  { value: 'nice', label: t('shared.carerForm.wishNice'), hint: t('shared.carerForm.wishNiceHint') },
  { value: 'must', label: t('shared.carerForm.wishMust'), hint: t('shared.carerForm.wishMustHint') },
];

/** The form's fields, the consent answer of a coordinator's form included. */
export const CARER_STEP_FIELDS = [...PROFILE_FIELDS, ...WITH_THEM_FIELDS];

/**
 * Everything the stepped form needs for a carer's profile: {steps, initial, validate, rows, body}.
 * ``consent``: the carer's health-data consent (HealthConsentRead); ``withThem``: a coordinator is
 * filling it in with the carer.
 */
export function carerProfileSteps({ saved, consent, withThem = false }) {
  const languages = languageChoices(saved?.languages);
  const agreedBefore = Boolean(consent?.agreed);
  const shared = (values) => agreedBefore || (withThem && values.health_agreed === 'yes');
  const setList = (form, name) => (list) => form.setValues((old) => ({ ...old, [name]: list }));

  const needsQuestions = (form) => {
    const { values, errors } = form;
    return html`<${CheckboxGroup} id="needs" legend=${t('shared.carerForm.needs')} hint=${t('shared.profile.selectAll')}
        error=${errors.needs} values=${values.needs} onChange=${setList(form, 'needs')} words=${NEEDS} />
      ${values.needs.includes('mental_health') &&
      html`<${CheckboxGroup} id="mental_health_needs" legend=${t('shared.profile.mentalHealth')} hint=${t('shared.profile.selectAllOrNone')}
        error=${errors.mental_health_needs} values=${values.mental_health_needs}
        onChange=${setList(form, 'mental_health_needs')} words=${MENTAL_HEALTH_NEEDS} />`}`;
  };

  const steps = [
    {
      key: 'caring',
      title: t('shared.carerForm.stepCaring'),
      fields: ['relationships', 'co_resident', 'hours_band', 'journey_stage', 'years_caring', 'carer_category'],
      rows: ['relationships', 'co_resident', 'hours_band', 'journey_stage', 'years_caring', 'carer_category'],
      render: (form) => {
        const { values, errors, set } = form;
        return html`
          <${CheckboxGroup} id="relationships" legend=${t('shared.carerForm.relationships')} hint=${t('shared.profile.selectAll')}
            error=${errors.relationships} values=${values.relationships} onChange=${setList(form, 'relationships')} words=${RELATIONSHIPS} />
          <${Radios} id="co_resident" legend=${t('shared.carerForm.together')} error=${errors.co_resident} value=${values.co_resident}
            onChange=${set('co_resident')} options=${yesNo()} />
          <${Radios} id="hours_band" legend=${t('shared.carerForm.hours')} error=${errors.hours_band}
            value=${values.hours_band} onChange=${set('hours_band')} options=${options(HOURS)} />
          <${Radios} id="journey_stage" legend=${t('shared.profile.journey')} error=${errors.journey_stage}
            hint=${t('shared.carerForm.journeyHint')}
            value=${values.journey_stage} onChange=${set('journey_stage')} options=${options(JOURNEY)} />
          <${TextInput} id="years_caring" label=${t('shared.carerForm.years')} hint=${t('shared.profile.yearsHint')}
            error=${errors.years_caring} value=${values.years_caring} onInput=${set('years_caring')} inputmode="numeric"
            width="10" />
          <${Radios} id="carer_category" legend=${t('shared.carerForm.category')} error=${errors.carer_category}
            value=${values.carer_category} onChange=${set('carer_category')} options=${options(CARER_CATEGORIES)} />`;
      },
    },
    {
      key: 'needs',
      title: t('shared.carerForm.stepNeeds'),
      fields: ['health_agreed', 'needs', 'mental_health_needs'],
      rows: ['health_consent', 'needs'],
      render: (form) => {
        if (withThem) {
          return html`<${VerbalConsentField} form=${form} consent=${consent}
            question=${t('shared.carerForm.consentQuestion')} />
            ${shared(form.values) && needsQuestions(form)}`;
        }
        return agreedBefore
          ? needsQuestions(form)
          : html`<${Inset}>${t('shared.carerForm.notAsked')} <a href="/my-profile/health-data">${t('shared.profile.changeHealthChoice')}</a></${Inset}>`;
      },
    },
    {
      key: 'language',
      title: t('shared.carerForm.stepLanguage'),
      fields: ['languages', 'preferred_language', 'interpreter_needed'],
      rows: ['languages', 'interpreter_needed'],
      render: (form) => {
        const { values, errors, set } = form;
        return html`
          <${CheckboxGroup} id="languages" legend=${t('shared.carerForm.languages')}
            hint=${t('shared.carerForm.languagesHint')} error=${errors.languages}
            values=${values.languages} onChange=${setList(form, 'languages')} words=${languages} />
          ${values.languages.length > 1 &&
          html`<${Radios} id="preferred_language" legend=${t('shared.carerForm.preferred')}
            error=${errors.preferred_language} value=${preferredLanguageOf(values)} onChange=${set('preferred_language')}
            options=${values.languages.map((code) => ({ value: code, label: languages[code] }))} />`}
          <${Radios} id="interpreter_needed" legend=${t('shared.carerForm.interpreter')}
            hint=${t('shared.carerForm.interpreterHint')}
            error=${errors.interpreter_needed} value=${values.interpreter_needed} onChange=${set('interpreter_needed')}
            options=${yesNo()} />`;
      },
    },
    {
      key: 'talk',
      title: t('shared.profile.stepTalk'),
      fields: ['contact_modes', 'availability', 'postcode_district', 'region'],
      rows: ['contact_modes', 'availability', 'area'],
      render: (form) => {
        const { values, errors, set } = form;
        return html`
          <${CheckboxGroup} id="contact_modes" legend=${t('shared.carerForm.contact')}
            hint=${t('shared.profile.selectAll')} error=${errors.contact_modes} values=${values.contact_modes}
            onChange=${setList(form, 'contact_modes')} words=${CONTACT_MODES} />
          <${AvailabilityField} id="availability" legend=${t('shared.carerForm.availability')}
            hint=${t('shared.carerForm.availabilityHint')}
            error=${errors.availability} values=${values.availability} onChange=${setList(form, 'availability')} />
          <${TextInput} id="postcode_district" label=${t('shared.profile.postcode')} optional=${true}
            hint=${t('shared.carerForm.postcodeHint')} error=${errors.postcode_district}
            value=${values.postcode_district} onInput=${set('postcode_district')} autocomplete="off" width="10" />
          <${Select} id="region" label=${t('shared.profile.region')} optional=${true} hint=${t('shared.profile.regionHint')}
            error=${errors.region} value=${values.region} onChange=${set('region')}
            options=${[{ value: '', label: t('shared.profile.notGiven') }, ...options(REGIONS)]} />`;
      },
    },
    {
      key: 'buddy',
      title: t('shared.carerForm.stepBuddy'),
      fields: ['wish_gender', 'wish_genders', 'wish_language', 'wish_background', 'cultures', 'faith'],
      rows: ['preferences', 'cultures', 'faith'],
      render: (form) => {
        const { values, errors, set } = form;
        const preferred = preferredLanguageOf(values);
        return html`
          <p>${t('shared.carerForm.wishIntro')}</p>
          <${Radios} id="wish_gender" legend=${t('shared.carerForm.wishGender')} error=${errors.wish_gender}
            value=${values.wish_gender} onChange=${set('wish_gender')} options=${wishOptions()} />
          ${values.wish_gender !== 'none' &&
          html`<${CheckboxGroup} id="wish_genders" legend=${t('shared.carerForm.wishGenders')}
            hint=${t('shared.carerForm.wishGendersHint')} error=${errors.wish_genders} values=${values.wish_genders}
            onChange=${setList(form, 'wish_genders')} words=${GENDERS} />`}
          <${Radios} id="wish_language" legend=${languages[preferred] ? t('shared.carerForm.wishLanguage', { language: languages[preferred] }) : t('shared.carerForm.wishLanguageAny')}
            error=${errors.wish_language} value=${values.wish_language} onChange=${set('wish_language')} options=${wishOptions()} />
          <${Radios} id="wish_background" legend=${t('shared.carerForm.wishBackground')} error=${errors.wish_background}
            value=${values.wish_background} onChange=${set('wish_background')} options=${wishOptions()} />
          <${BackgroundFields} values=${values} errors=${errors} onCultures=${setList(form, 'cultures')} onFaith=${set('faith')}
            cultureHint=${t('shared.carerForm.culturesHint')}
            faithHint=${t('shared.carerForm.faithHint')} />`;
      },
    },
    {
      key: 'more',
      title: t('shared.carerForm.stepMore'),
      fields: ['help_with', 'help_note'],
      rows: ['help_with', 'help_note'],
      render: (form) => {
        const { values, errors, set } = form;
        return html`
          <${CheckboxGroup} id="help_with" legend=${t('shared.carerForm.helpWith')} hint=${t('shared.profile.selectAll')}
            error=${errors.help_with} values=${values.help_with} onChange=${setList(form, 'help_with')} words=${HELP_WITH} />
          <${TextArea} id="help_note" label=${t('shared.carerForm.helpNote')} optional=${true}
            hint=${t('shared.carerForm.helpNoteHint')} error=${errors.help_note} value=${values.help_note} onInput=${set('help_note')} />`;
      },
    },
  ];

  const body = (values) => {
    const answers = profileBody(values, saved, { needsShared: shared(values) });
    return withThem ? { ...answers, health_consent: consentChoice(values, consent) } : answers;
  };

  return {
    steps,
    initial: { ...profileFormValues(saved), health_agreed: '' },
    validate: (values) => {
      const problems = validateProfile(values);
      if (withThem && !agreedBefore && !['yes', 'no'].includes(values.health_agreed)) {
        problems.health_agreed = t('shared.withThem.error');
      }
      return problems;
    },
    rows: (values) => {
      const found = profileRows({ ...body(values), needs_shared: shared(values) });
      if (!shared(values)) {
        found.push({
          key: 'needs',
          label: t('shared.carer.row.needs'),
          lines: [withThem ? t('shared.carerForm.needsNotKept') : t('shared.carerForm.needsNotAsked')],
        });
      }
      if (withThem) found.push(consentRow(values, consent));
      return found;
    },
    body,
  };
}
