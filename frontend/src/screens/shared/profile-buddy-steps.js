// The buddy's profile as steps (issue 16), for the buddy's own form and for a coordinator filling it in
// with them (``withThem``). "I'm 18 or over" and how many carers they support are the buddy's own to
// say: a coordinator's form does not ask them. The questions, checks and PUT body are the one-page
// form's (buddy/profile-logic.js); this file only groups them one topic a page.
import { t } from '../../i18n.js';
import { html } from '../../html.js';
import { CheckboxGroup, Radios, Select, TextArea, TextInput } from '../../ui/forms.js';
import { Inset } from '../../ui/page.js';
import {
  ABOUT_ME_LIMIT,
  ADULT,
  buddyProfileBody,
  buddyProfileFormValues,
  buddyProfileRows,
  CARING_STATUS,
  CURRENT_JOURNEY,
  validateBuddyProfile,
} from './profile-buddy-logic.js';
import { BUDDY_GENDERS, CONTACT_MODES, languageChoices, MENTAL_HEALTH_NEEDS, NEEDS, REGIONS, RELATIONSHIPS } from './profile-logic.js';
import { AvailabilityField, BackgroundFields } from './profile-parts.js';
import { consentChoice, consentRow } from './profile-steps-logic.js';
import { VerbalConsentField } from './profile-with-them.js';

// "You have 120 characters remaining" (the same words as the buddy's messages).
function charactersLeft(text, limit) {
  const left = limit - (text || '').length;
  return left >= 0 ? t('shared.charactersLeft', { count: left }) : t('shared.charactersOver', { count: -left });
}

const options = (words) => Object.entries(words).map(([value, label]) => ({ value, label }));
const OWN_ONLY = ['confirmed_adult', 'capacity'];

/**
 * Everything the stepped form needs for a buddy's profile: {steps, initial, validate, rows, body}.
 * ``consent``: the buddy's health-data consent; ``withThem``: a coordinator is filling it in with them.
 */
export function buddyProfileSteps({ saved, consent, withThem = false }) {
  const agreedBefore = Boolean(consent?.agreed);
  const shared = (values) => agreedBefore || (withThem && values.health_agreed === 'yes');
  const setList = (form, name) => (list) => form.setValues((old) => ({ ...old, [name]: list }));
  const own = (fields) => (withThem ? fields.filter((field) => !OWN_ONLY.includes(field)) : fields);

  const needsQuestions = (form) => {
    const { values, errors } = form;
    return html`<${CheckboxGroup} id="needs" legend=${t('shared.buddyForm.needs')}
        hint=${t('shared.buddyForm.needsHint')}
        error=${errors.needs} values=${values.needs} onChange=${setList(form, 'needs')} words=${NEEDS} />
      ${values.needs.includes('mental_health') &&
      html`<${CheckboxGroup} id="mental_health_needs" legend=${t('shared.profile.mentalHealth')}
        hint=${t('shared.profile.selectAllOrNone')} error=${errors.mental_health_needs} values=${values.mental_health_needs}
        onChange=${setList(form, 'mental_health_needs')} words=${MENTAL_HEALTH_NEEDS} />`}`;
  };

  const steps = [
    {
      key: 'caring',
      title: t('shared.buddyForm.stepCaring'),
      fields: own(['confirmed_adult', 'relationships', 'caring_status', 'journey_stage', 'years_caring']),
      rows: own(['confirmed_adult', 'relationships', 'caring_status', 'journey_stage', 'years_caring']),
      render: (form) => {
        const { values, errors, set } = form;
        return html`
          ${!withThem &&
          html`<${Radios} id="confirmed_adult" legend=${t('shared.buddyForm.adult')}
            hint=${t('shared.buddyForm.adultHint')}
            error=${errors.confirmed_adult} value=${values.confirmed_adult} onChange=${set('confirmed_adult')}
            options=${options(ADULT)} />`}
          <${CheckboxGroup} id="relationships" legend=${t('shared.buddyForm.relationships')}
            hint=${t('shared.profile.selectAll')} error=${errors.relationships} values=${values.relationships}
            onChange=${setList(form, 'relationships')} words=${RELATIONSHIPS} />
          <${Radios} id="caring_status" legend=${t('shared.buddyForm.caringStatus')} error=${errors.caring_status}
            value=${values.caring_status} onChange=${set('caring_status')} options=${options(CARING_STATUS)} />
          ${values.caring_status === 'current' &&
          html`<${Radios} id="journey_stage" legend=${t('shared.profile.journey')} error=${errors.journey_stage}
            hint=${t('shared.buddyForm.journeyHint')}
            value=${values.journey_stage} onChange=${set('journey_stage')} options=${options(CURRENT_JOURNEY)} />`}
          <${TextInput} id="years_caring" label=${t('shared.buddyForm.years')}
            hint=${t('shared.profile.yearsHint')} error=${errors.years_caring} value=${values.years_caring}
            onInput=${set('years_caring')} inputmode="numeric" width="10" />`;
      },
    },
    {
      key: 'needs',
      title: t('shared.buddyForm.stepNeeds'),
      fields: ['health_agreed', 'needs', 'mental_health_needs'],
      rows: ['health_consent', 'needs'],
      render: (form) => {
        if (withThem) {
          return html`<${VerbalConsentField} form=${form} consent=${consent}
            question=${t('shared.buddyForm.consentQuestion')} />
            ${shared(form.values) && needsQuestions(form)}`;
        }
        return agreedBefore
          ? needsQuestions(form)
          : html`<${Inset}>${t('shared.buddyForm.notAsked')} <a href="/buddy/profile/health-data">${t('shared.profile.changeHealthChoice')}</a></${Inset}>`;
      },
    },
    {
      key: 'talk',
      title: t('shared.profile.stepTalk'),
      fields: ['languages', 'contact_modes', 'availability', 'postcode_district', 'region'],
      rows: ['languages', 'contact_modes', 'availability', 'area'],
      render: (form) => {
        const { values, errors, set } = form;
        return html`
          <${CheckboxGroup} id="languages" legend=${t('shared.buddyForm.languages')}
            hint=${t('shared.buddyForm.languagesHint')} error=${errors.languages} values=${values.languages}
            onChange=${setList(form, 'languages')} words=${languageChoices(saved?.languages)} />
          <${CheckboxGroup} id="contact_modes" legend=${t('shared.buddyForm.contact')}
            hint=${t('shared.profile.selectAll')} error=${errors.contact_modes} values=${values.contact_modes}
            onChange=${setList(form, 'contact_modes')} words=${CONTACT_MODES} />
          <${AvailabilityField} id="availability" legend=${t('shared.buddyForm.availability')}
            hint=${t('shared.buddyForm.availabilityHint')}
            error=${errors.availability} values=${values.availability} onChange=${setList(form, 'availability')} />
          <${TextInput} id="postcode_district" label=${t('shared.profile.postcode')} optional=${true}
            hint=${t('shared.buddyForm.postcodeHint')} error=${errors.postcode_district}
            value=${values.postcode_district} onInput=${set('postcode_district')} autocomplete="off" width="10" />
          <${Select} id="region" label=${t('shared.profile.region')} optional=${true} hint=${t('shared.profile.regionHint')}
            error=${errors.region} value=${values.region} onChange=${set('region')}
            options=${[{ value: '', label: t('shared.profile.notGiven') }, ...options(REGIONS)]} />`;
      },
    },
    {
      key: 'you',
      title: t('shared.buddyForm.stepYou'),
      fields: own(['gender', 'cultures', 'faith', 'about_me', 'capacity']),
      rows: own(['gender', 'cultures', 'faith', 'about_me', 'capacity']),
      render: (form) => {
        const { values, errors, set } = form;
        const tooLong = values.about_me.length > ABOUT_ME_LIMIT;
        return html`
          <${Radios} id="gender" legend=${t('shared.buddyForm.gender')}
            hint=${t('shared.buddyForm.genderHint')}
            error=${errors.gender} value=${values.gender} onChange=${set('gender')}
            options=${[...options(BUDDY_GENDERS), { value: '', label: t('shared.buddyForm.genderNone') }]} />
          <${BackgroundFields} values=${values} errors=${errors} onCultures=${setList(form, 'cultures')} onFaith=${set('faith')}
            cultureHint=${t('shared.buddyForm.culturesHint')}
            faithHint=${t('shared.buddyForm.faithHint')} />
          <div class="buddy-message">
            <${TextArea} id="about_me" label=${t('shared.buddyForm.aboutMe')} optional=${true} rows="6"
              hint=${t('shared.buddyForm.aboutMeHint')}
              error=${errors.about_me} value=${values.about_me} onInput=${set('about_me')} />
            <p class=${tooLong ? 'character-count character-count-over' : 'character-count hint'} aria-live="polite">
              ${charactersLeft(values.about_me, ABOUT_ME_LIMIT)}</p>
          </div>
          ${!withThem &&
          html`<${Radios} id="capacity" legend=${t('shared.buddyForm.capacity')}
            hint=${t('shared.buddyForm.capacityHint')} error=${errors.capacity}
            value=${values.capacity} onChange=${set('capacity')}
            options=${[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: t('shared.buddy.carers', { count: n }) }))} />`}`;
      },
    },
  ];

  const body = (values) => {
    const answers = buddyProfileBody(values, { needsShared: shared(values) });
    if (!withThem) return answers;
    const { confirmed_adult: _adult, capacity: _capacity, ...theirs } = answers;
    return { ...theirs, health_consent: consentChoice(values, consent) };
  };

  return {
    steps,
    initial: { ...buddyProfileFormValues(saved), health_agreed: '' },
    validate: (values) => {
      const problems = validateBuddyProfile(values);
      if (withThem) {
        for (const field of OWN_ONLY) delete problems[field];
        if (!agreedBefore && !['yes', 'no'].includes(values.health_agreed)) {
          problems.health_agreed = t('shared.withThem.error');
        }
      }
      return problems;
    },
    rows: (values) => {
      const answers = buddyProfileBody(values, { needsShared: shared(values) });
      const found = buddyProfileRows({ ...answers, needs_shared: shared(values) });
      if (withThem) found.push(consentRow(values, consent));
      return found;
    },
    body,
  };
}
