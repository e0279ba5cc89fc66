// The buddy's profile as steps (issue 16), for the buddy's own form and for a coordinator filling it in
// with them (``withThem``). "I'm 18 or over" and how many carers they support are the buddy's own to
// say: a coordinator's form does not ask them. The questions, checks and PUT body are the one-page
// form's (buddy/profile-logic.js); this file only groups them one topic a page.
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
  const count = Math.abs(left).toLocaleString('en-GB');
  const noun = Math.abs(left) === 1 ? 'character' : 'characters';
  return left >= 0 ? `You have ${count} ${noun} remaining` : `You have ${count} ${noun} too many`;
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
    return html`<${CheckboxGroup} id="needs" legend="What does or did the person you care for live with? (optional)"
        hint="Select all that apply. It helps us introduce you to carers looking after someone with the same condition."
        error=${errors.needs} values=${values.needs} onChange=${setList(form, 'needs')} words=${NEEDS} />
      ${values.needs.includes('mental_health') &&
      html`<${CheckboxGroup} id="mental_health_needs" legend="Which mental health condition?"
        hint="Select all that apply, or none." error=${errors.mental_health_needs} values=${values.mental_health_needs}
        onChange=${setList(form, 'mental_health_needs')} words=${MENTAL_HEALTH_NEEDS} />`}`;
  };

  const steps = [
    {
      key: 'caring',
      title: 'Your experience of caring',
      fields: own(['confirmed_adult', 'relationships', 'caring_status', 'journey_stage', 'years_caring']),
      rows: own(['confirmed_adult', 'relationships', 'caring_status', 'journey_stage', 'years_caring']),
      render: (form) => {
        const { values, errors, set } = form;
        return html`
          ${!withThem &&
          html`<${Radios} id="confirmed_adult" legend="Are you 18 or over?"
            hint="Buddies must be adults. The centre can't introduce you to carers until you've confirmed you're 18 or over."
            error=${errors.confirmed_adult} value=${values.confirmed_adult} onChange=${set('confirmed_adult')}
            options=${options(ADULT)} />`}
          <${CheckboxGroup} id="relationships" legend="Who do you care for, or who did you care for?"
            hint="Select all that apply." error=${errors.relationships} values=${values.relationships}
            onChange=${setList(form, 'relationships')} words=${RELATIONSHIPS} />
          <${Radios} id="caring_status" legend="Are you caring now?" error=${errors.caring_status}
            value=${values.caring_status} onChange=${set('caring_status')} options=${options(CARING_STATUS)} />
          ${values.caring_status === 'current' &&
          html`<${Radios} id="journey_stage" legend="Where are you with caring at the moment?" error=${errors.journey_stage}
            hint="The centre introduces you to carers who are not as far along as you."
            value=${values.journey_stage} onChange=${set('journey_stage')} options=${options(CURRENT_JOURNEY)} />`}
          <${TextInput} id="years_caring" label="How many years have you been caring, or did you care?"
            hint="Enter 0 if it's less than a year." error=${errors.years_caring} value=${values.years_caring}
            onInput=${set('years_caring')} inputmode="numeric" width="10" />`;
      },
    },
    {
      key: 'needs',
      title: 'The person you care or cared for',
      fields: ['health_agreed', 'needs', 'mental_health_needs'],
      rows: ['health_consent', 'needs'],
      render: (form) => {
        if (withThem) {
          return html`<${VerbalConsentField} form=${form} consent=${consent}
            question="Can the centre keep what the person they care or cared for lives with?" />
            ${shared(form.values) && needsQuestions(form)}`;
        }
        return agreedBefore
          ? needsQuestions(form)
          : html`<${Inset}>You haven't agreed to us keeping health information, so we don't ask what the person you
              care or cared for lives with. <a href="/buddy/profile/health-data">Change your choice about health information</a></${Inset}>`;
      },
    },
    {
      key: 'talk',
      title: 'How and when to talk',
      fields: ['languages', 'contact_modes', 'availability', 'postcode_district', 'region'],
      rows: ['languages', 'contact_modes', 'availability', 'area'],
      render: (form) => {
        const { values, errors, set } = form;
        return html`
          <${CheckboxGroup} id="languages" legend="Which languages can you support a carer in?"
            hint="Select up to 6." error=${errors.languages} values=${values.languages}
            onChange=${setList(form, 'languages')} words=${languageChoices(saved?.languages)} />
          <${CheckboxGroup} id="contact_modes" legend="How can you keep in touch with a carer?"
            hint="Select all that apply." error=${errors.contact_modes} values=${values.contact_modes}
            onChange=${setList(form, 'contact_modes')} words=${CONTACT_MODES} />
          <${AvailabilityField} id="availability" legend="When are you usually free to talk or meet? (optional)"
            hint="Select all the times that usually suit you. The centre looks for carers who are free at the same times."
            error=${errors.availability} values=${values.availability} onChange=${setList(form, 'availability')} />
          <${TextInput} id="postcode_district" label="The first half of your postcode" optional=${true}
            hint="For example, SE5. It helps if a carer would like to meet in person." error=${errors.postcode_district}
            value=${values.postcode_district} onInput=${set('postcode_district')} autocomplete="off" width="10" />
          <${Select} id="region" label="Your region" optional=${true} hint="If you'd rather not give your postcode."
            error=${errors.region} value=${values.region} onChange=${set('region')}
            options=${[{ value: '', label: 'Not given' }, ...options(REGIONS)]} />`;
      },
    },
    {
      key: 'you',
      title: 'About you',
      fields: own(['gender', 'cultures', 'faith', 'about_me', 'capacity']),
      rows: own(['gender', 'cultures', 'faith', 'about_me', 'capacity']),
      render: (form) => {
        const { values, errors, set } = form;
        const tooLong = values.about_me.length > ABOUT_ME_LIMIT;
        return html`
          <${Radios} id="gender" legend="How do you describe your gender? (optional)"
            hint="Carers can ask for a buddy of a particular gender, so telling us helps the centre introduce you."
            error=${errors.gender} value=${values.gender} onChange=${set('gender')}
            options=${[...options(BUDDY_GENDERS), { value: '', label: 'Prefer not to say' }]} />
          <${BackgroundFields} values=${values} errors=${errors} onCultures=${setList(form, 'cultures')} onFaith=${set('faith')}
            cultureHint="Some carers would like a buddy who shares their culture or faith. Only tell us if you're happy for the centre to use it for that. Select up to 3."
            faithHint="Only if you're happy for the centre to use it to introduce you to carers who share it." />
          <div class="buddy-message">
            <${TextArea} id="about_me" label="About you" optional=${true} rows="6"
              hint="A few words a carer will read when the centre introduces you, like what helped you. You can write up to 500 characters."
              error=${errors.about_me} value=${values.about_me} onInput=${set('about_me')} />
            <p class=${tooLong ? 'character-count character-count-over' : 'character-count hint'} aria-live="polite">
              ${charactersLeft(values.about_me, ABOUT_ME_LIMIT)}</p>
          </div>
          ${!withThem &&
          html`<${Radios} id="capacity" legend="How many carers can you support at once?"
            hint="You can change this, or take a break, at any time." error=${errors.capacity}
            value=${values.capacity} onChange=${set('capacity')}
            options=${[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: n === 1 ? '1 carer' : `${n} carers` }))} />`}`;
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
          problems.health_agreed = 'Select whether they agreed to the centre keeping health information';
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
