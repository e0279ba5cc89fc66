// The carer's profile as steps (issue 16), for the carer's own form and for a coordinator filling it in
// with them (``withThem``: the health-data consent is read out and recorded as given out loud). The
// questions, checks and PUT body are the one-page form's (carer/profile-logic.js); this file only
// groups them one topic a page.
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
const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

// A wish for a buddy: no wish, or "nice to have", or "a must" (which can make the wait longer).
const WISH_OPTIONS = [
  { value: 'none', label: "No, it doesn't matter" },
  { value: 'nice', label: 'Yes, it would be nice to have', hint: "We'll look for it, but it won't keep you waiting for a buddy." },
  {
    value: 'must',
    label: "Yes, it's a must",
    hint: "We'll only introduce you to a buddy who fits. This can make your wait for a buddy longer.",
  },
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
    return html`<${CheckboxGroup} id="needs" legend="What does the person you care for live with?" hint="Select all that apply."
        error=${errors.needs} values=${values.needs} onChange=${setList(form, 'needs')} words=${NEEDS} />
      ${values.needs.includes('mental_health') &&
      html`<${CheckboxGroup} id="mental_health_needs" legend="Which mental health condition?" hint="Select all that apply, or none."
        error=${errors.mental_health_needs} values=${values.mental_health_needs}
        onChange=${setList(form, 'mental_health_needs')} words=${MENTAL_HEALTH_NEEDS} />`}`;
  };

  const steps = [
    {
      key: 'caring',
      title: 'About your caring',
      fields: ['relationships', 'co_resident', 'hours_band', 'journey_stage', 'years_caring', 'carer_category'],
      rows: ['relationships', 'co_resident', 'hours_band', 'journey_stage', 'years_caring', 'carer_category'],
      render: (form) => {
        const { values, errors, set } = form;
        return html`
          <${CheckboxGroup} id="relationships" legend="Who do you care for?" hint="Select all that apply."
            error=${errors.relationships} values=${values.relationships} onChange=${setList(form, 'relationships')} words=${RELATIONSHIPS} />
          <${Radios} id="co_resident" legend="Do you live with them?" error=${errors.co_resident} value=${values.co_resident}
            onChange=${set('co_resident')} options=${YES_NO} />
          <${Radios} id="hours_band" legend="About how many hours a week do you care?" error=${errors.hours_band}
            value=${values.hours_band} onChange=${set('hours_band')} options=${options(HOURS)} />
          <${Radios} id="journey_stage" legend="Where are you with caring at the moment?" error=${errors.journey_stage}
            hint="Your buddy will usually be a little further along than you."
            value=${values.journey_stage} onChange=${set('journey_stage')} options=${options(JOURNEY)} />
          <${TextInput} id="years_caring" label="How many years have you been caring?" hint="Enter 0 if it's less than a year."
            error=${errors.years_caring} value=${values.years_caring} onInput=${set('years_caring')} inputmode="numeric"
            width="10" />
          <${Radios} id="carer_category" legend="Which of these describes you best?" error=${errors.carer_category}
            value=${values.carer_category} onChange=${set('carer_category')} options=${options(CARER_CATEGORIES)} />`;
      },
    },
    {
      key: 'needs',
      title: 'The person you care for',
      fields: ['health_agreed', 'needs', 'mental_health_needs'],
      rows: ['health_consent', 'needs'],
      render: (form) => {
        if (withThem) {
          return html`<${VerbalConsentField} form=${form} consent=${consent}
            question="Can the centre keep what the person they care for lives with?" />
            ${shared(form.values) && needsQuestions(form)}`;
        }
        return agreedBefore
          ? needsQuestions(form)
          : html`<${Inset}>You haven't agreed to us keeping health information, so we don't ask what the person you
              care for lives with. <a href="/my-profile/health-data">Change your choice about health information</a></${Inset}>`;
      },
    },
    {
      key: 'language',
      title: 'Language',
      fields: ['languages', 'preferred_language', 'interpreter_needed'],
      rows: ['languages', 'interpreter_needed'],
      render: (form) => {
        const { values, errors, set } = form;
        return html`
          <${CheckboxGroup} id="languages" legend="Which languages do you speak?"
            hint="Select up to 6. We'll look for a buddy you can talk to." error=${errors.languages}
            values=${values.languages} onChange=${setList(form, 'languages')} words=${languages} />
          ${values.languages.length > 1 &&
          html`<${Radios} id="preferred_language" legend="Which language would you prefer to talk in?"
            error=${errors.preferred_language} value=${preferredLanguageOf(values)} onChange=${set('preferred_language')}
            options=${values.languages.map((code) => ({ value: code, label: languages[code] }))} />`}
          <${Radios} id="interpreter_needed" legend="Would you need an interpreter?"
            hint="Say yes if you'd like an interpreter to help you talk with your buddy. The centre can then also introduce you to buddies who don't speak your languages."
            error=${errors.interpreter_needed} value=${values.interpreter_needed} onChange=${set('interpreter_needed')}
            options=${YES_NO} />`;
      },
    },
    {
      key: 'talk',
      title: 'How and when to talk',
      fields: ['contact_modes', 'availability', 'postcode_district', 'region'],
      rows: ['contact_modes', 'availability', 'area'],
      render: (form) => {
        const { values, errors, set } = form;
        return html`
          <${CheckboxGroup} id="contact_modes" legend="How would you like to keep in touch with your buddy?"
            hint="Select all that apply." error=${errors.contact_modes} values=${values.contact_modes}
            onChange=${setList(form, 'contact_modes')} words=${CONTACT_MODES} />
          <${AvailabilityField} id="availability" legend="When are you usually free? (optional)"
            hint="Select all the times that usually suit you. We'll look for a buddy who is free at the same times."
            error=${errors.availability} values=${values.availability} onChange=${setList(form, 'availability')} />
          <${TextInput} id="postcode_district" label="The first half of your postcode" optional=${true}
            hint="For example, SE5. It helps if you'd like to meet in person." error=${errors.postcode_district}
            value=${values.postcode_district} onInput=${set('postcode_district')} autocomplete="off" width="10" />
          <${Select} id="region" label="Your region" optional=${true} hint="If you'd rather not give your postcode."
            error=${errors.region} value=${values.region} onChange=${set('region')}
            options=${[{ value: '', label: 'Not given' }, ...options(REGIONS)]} />`;
      },
    },
    {
      key: 'buddy',
      title: "What you'd like in a buddy",
      fields: ['wish_gender', 'wish_genders', 'wish_language', 'wish_background', 'cultures', 'faith'],
      rows: ['preferences', 'cultures', 'faith'],
      render: (form) => {
        const { values, errors, set } = form;
        const preferred = preferredLanguageOf(values);
        return html`
          <p>You don't have to choose anything here. A wish that is "nice to have" helps us choose between buddies.
            A "must" means we'll only introduce you to buddies who fit it, so you may wait longer for one.</p>
          <${Radios} id="wish_gender" legend="Would you like your buddy to be a woman, a man or non-binary?" error=${errors.wish_gender}
            value=${values.wish_gender} onChange=${set('wish_gender')} options=${WISH_OPTIONS} />
          ${values.wish_gender !== 'none' &&
          html`<${CheckboxGroup} id="wish_genders" legend="Which would you like your buddy to be?"
            hint="Select all you'd be happy with." error=${errors.wish_genders} values=${values.wish_genders}
            onChange=${setList(form, 'wish_genders')} words=${GENDERS} />`}
          <${Radios} id="wish_language" legend=${`Would you like your buddy to speak ${languages[preferred] || 'the language you prefer to talk in'}?`}
            error=${errors.wish_language} value=${values.wish_language} onChange=${set('wish_language')} options=${WISH_OPTIONS} />
          <${Radios} id="wish_background" legend="Would you like your buddy to share your culture or faith?" error=${errors.wish_background}
            value=${values.wish_background} onChange=${set('wish_background')} options=${WISH_OPTIONS} />
          <${BackgroundFields} values=${values} errors=${errors} onCultures=${setList(form, 'cultures')} onFaith=${set('faith')}
            cultureHint="Only if you'd like a buddy who shares it. Select up to 3."
            faithHint="Only if you'd like a buddy who shares it." />`;
      },
    },
    {
      key: 'more',
      title: 'Anything else',
      fields: ['help_with', 'help_note'],
      rows: ['help_with', 'help_note'],
      render: (form) => {
        const { values, errors, set } = form;
        return html`
          <${CheckboxGroup} id="help_with" legend="What would you like help with? (optional)" hint="Select all that apply."
            error=${errors.help_with} values=${values.help_with} onChange=${setList(form, 'help_with')} words=${HELP_WITH} />
          <${TextArea} id="help_note" label="Anything else you'd like the centre to know?" optional=${true}
            hint="Up to 500 characters." error=${errors.help_note} value=${values.help_note} onInput=${set('help_note')} />`;
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
        problems.health_agreed = 'Select whether they agreed to the centre keeping health information';
      }
      return problems;
    },
    rows: (values) => {
      const found = profileRows({ ...body(values), needs_shared: shared(values) });
      if (!shared(values)) {
        found.push({
          key: 'needs',
          label: 'What the person I care for lives with',
          lines: [withThem ? "Not kept: they didn't agree to the centre keeping it" : "Not asked: you haven't agreed to us keeping health information"],
        });
      }
      if (withThem) found.push(consentRow(values, consent));
      return found;
    },
    body,
  };
}
