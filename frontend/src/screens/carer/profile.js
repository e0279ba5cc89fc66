// My carer profile in plain words, a form to change it (checked here, and the API's field errors
// shown on the fields), and the health-data consent on a screen of its own (UK GDPR: explicit and
// separate; saying no deletes what I said about the person's needs at once).
import { useState } from 'preact/hooks';
import { ApiError, api } from '../../api.js';
import { html } from '../../html.js';
import { navigate, takeHandedOn } from '../../router.js';
import {
  CheckboxGroup,
  ErrorSummary,
  Radios,
  Select,
  TextArea,
  TextInput,
  useForm,
} from '../../ui/forms.js';
import { Button, Inset, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import {
  preferredLanguageOf,
  PROFILE_FIELDS,
  profileBody,
  profileFieldErrors,
  profileFormValues,
  profileRows,
  validateProfile,
} from './profile-logic.js';
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
} from '../shared/profile-logic.js';
import { AvailabilityField, BackgroundFields, ConsentForm, HealthConsentSection, ProfileSummary } from '../shared/profile-parts.js';
import { isNotFound, useOrganisation } from '../shared/parts.js';

const options = (words) => Object.entries(words).map(([value, label]) => ({ value, label }));

export function MyProfile() {
  const { organisation, base } = useOrganisation();
  const profile = useResource(`${base}/me/carer-profile`);
  const consent = useResource(`${base}/me/health-data-consent`);
  // "Your profile has been saved", handed on by the form that saved it.
  const [message] = useState(() => takeHandedOn().saved || null);
  const missing = isNotFound(profile.error);
  return html`
    <${Page} title="Your profile" caption=${organisation.name} back=${{ href: '/', label: 'Home' }}>
      ${message && html`<${Panel} title=${message} />`}
      <p>This is what you've told us about your caring. The centre uses it to find you a buddy who has been through
        something similar. Only the centre's coordinators see it; your buddy sees a short introduction.</p>
      ${profile.loading && html`<${Loading} />`}
      ${profile.error && !missing && html`<${Problem} error=${profile.error} />`}
      ${missing &&
      html`<p>You haven't told us about your caring yet.</p>
        <p><a class="button button-primary" href="/my-profile/edit">Tell us about your caring</a></p>`}
      ${profile.data &&
      html`<${ProfileSummary} rows=${profileRows(profile.data)} />
        <p><a class="button button-primary" href="/my-profile/edit">Change your profile</a></p>`}
      <${HealthConsentSection} consent=${consent} href="/my-profile/health-data"
        agreed="You have agreed that the centre can keep what you tell us about what the person you care for lives with."
        refused="You haven't agreed to the centre keeping what the person you care for lives with, so we don't keep it." />
    </${Page}>
  `;
}

export function EditProfile() {
  const { organisation, base } = useOrganisation();
  const profile = useResource(`${base}/me/carer-profile`);
  const consent = useResource(`${base}/me/health-data-consent`);
  const ready = (profile.data || isNotFound(profile.error)) && consent.data;
  return html`
    <${Page} title=${profile.data ? 'Change your profile' : 'Tell us about your caring'} caption=${organisation.name}
      back=${{ href: '/my-profile', label: 'Your profile' }}>
      ${profile.error && !isNotFound(profile.error) && html`<${Problem} error=${profile.error} />`}
      <${Problem} error=${consent.error} />
      ${!ready && !consent.error && html`<${Loading} />`}
      ${ready && html`<${ProfileForm} base=${base} saved=${profile.data} needsShared=${consent.data.agreed} />`}
    </${Page}>
  `;
}

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

function ProfileForm({ base, saved, needsShared }) {
  const form = useForm(profileFormValues(saved), { fieldMap: { under_18: 'carer_category' } });
  const { values, errors, set, setValues } = form;
  const setList = (name) => (list) => setValues((old) => ({ ...old, [name]: list }));
  const languages = languageChoices(saved?.languages);
  const preferred = preferredLanguageOf(values);

  const onSubmit = (event) =>
    form.submit(event, {
      validate: validateProfile,
      fields: PROFILE_FIELDS,
      action: async (current) => {
        try {
          await api('PUT', `${base}/me/carer-profile`, profileBody(current, saved, { needsShared }));
        } catch (error) {
          if (error instanceof ApiError) error.fieldErrors = profileFieldErrors(error.fieldErrors);
          throw error;
        }
        navigate('/my-profile', { handOn: { saved: 'Your profile has been saved' } });
      },
    });

  return html`
    <form onSubmit=${onSubmit} novalidate>
      <${ErrorSummary} errors=${errors} general=${form.general} />
      <${CheckboxGroup} id="relationships" legend="Who do you care for?" hint="Select all that apply."
        error=${errors.relationships} values=${values.relationships} onChange=${setList('relationships')} words=${RELATIONSHIPS} />
      <${Radios} id="co_resident" legend="Do you live with them?" error=${errors.co_resident} value=${values.co_resident}
        onChange=${set('co_resident')} options=${[{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }]} />
      <${Radios} id="hours_band" legend="About how many hours a week do you care?" error=${errors.hours_band}
        value=${values.hours_band} onChange=${set('hours_band')} options=${options(HOURS)} />
      <${Radios} id="journey_stage" legend="Where are you with caring at the moment?" error=${errors.journey_stage}
        hint="Your buddy will usually be a little further along than you."
        value=${values.journey_stage} onChange=${set('journey_stage')} options=${options(JOURNEY)} />
      <${TextInput} id="years_caring" label="How many years have you been caring?" hint="Enter 0 if it's less than a year."
        error=${errors.years_caring} value=${values.years_caring} onInput=${set('years_caring')} inputmode="numeric"
        width="10" />
      <${Radios} id="carer_category" legend="Which of these describes you best?" error=${errors.carer_category}
        value=${values.carer_category} onChange=${set('carer_category')} options=${options(CARER_CATEGORIES)} />
      ${needsShared
        ? html`<${CheckboxGroup} id="needs" legend="What does the person you care for live with?" hint="Select all that apply."
            error=${errors.needs} values=${values.needs} onChange=${setList('needs')} words=${NEEDS} />
          ${values.needs.includes('mental_health') &&
          html`<${CheckboxGroup} id="mental_health_needs" legend="Which mental health condition?" hint="Select all that apply, or none."
            error=${errors.mental_health_needs} values=${values.mental_health_needs}
            onChange=${setList('mental_health_needs')} words=${MENTAL_HEALTH_NEEDS} />`}`
        : html`<${Inset}>You haven't agreed to us keeping health information, so we don't ask what the person you
            care for lives with. <a href="/my-profile/health-data">Change your choice about health information</a></${Inset}>`}
      <${CheckboxGroup} id="languages" legend="Which languages do you speak?"
        hint="Select up to 6. We'll look for a buddy you can talk to." error=${errors.languages}
        values=${values.languages} onChange=${setList('languages')} words=${languages} />
      ${values.languages.length > 1 &&
      html`<${Radios} id="preferred_language" legend="Which language would you prefer to talk in?"
        error=${errors.preferred_language} value=${preferred} onChange=${set('preferred_language')}
        options=${values.languages.map((code) => ({ value: code, label: languages[code] }))} />`}
      <${Radios} id="interpreter_needed" legend="Would you need an interpreter?"
        hint="Say yes if you'd like an interpreter to help you talk with your buddy. The centre can then also introduce you to buddies who don't speak your languages."
        error=${errors.interpreter_needed} value=${values.interpreter_needed} onChange=${set('interpreter_needed')}
        options=${[{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }]} />
      <${TextInput} id="postcode_district" label="The first half of your postcode" optional=${true}
        hint="For example, SE5. It helps if you'd like to meet in person." error=${errors.postcode_district}
        value=${values.postcode_district} onInput=${set('postcode_district')} autocomplete="off" width="10" />
      <${Select} id="region" label="Your region" optional=${true} hint="If you'd rather not give your postcode."
        error=${errors.region} value=${values.region} onChange=${set('region')}
        options=${[{ value: '', label: 'Not given' }, ...options(REGIONS)]} />
      <${CheckboxGroup} id="contact_modes" legend="How would you like to keep in touch with your buddy?"
        hint="Select all that apply." error=${errors.contact_modes} values=${values.contact_modes}
        onChange=${setList('contact_modes')} words=${CONTACT_MODES} />
      <${AvailabilityField} id="availability" legend="When are you usually free? (optional)"
        hint="Select all the times that usually suit you. We'll look for a buddy who is free at the same times."
        error=${errors.availability} values=${values.availability} onChange=${setList('availability')} />
      <${CheckboxGroup} id="help_with" legend="What would you like help with? (optional)" hint="Select all that apply."
        error=${errors.help_with} values=${values.help_with} onChange=${setList('help_with')} words=${HELP_WITH} />
      <${TextArea} id="help_note" label="Anything else you'd like the centre to know?" optional=${true}
        hint="Up to 500 characters." error=${errors.help_note} value=${values.help_note} onInput=${set('help_note')} />

      <h2 class="heading-m">What you'd like in a buddy</h2>
      <p>You don't have to choose anything here. A wish that is "nice to have" helps us choose between buddies.
        A "must" means we'll only introduce you to buddies who fit it, so you may wait longer for one.</p>
      <${Radios} id="wish_gender" legend="Would you like your buddy to be a woman, a man or non-binary?" error=${errors.wish_gender}
        value=${values.wish_gender} onChange=${set('wish_gender')} options=${WISH_OPTIONS} />
      ${values.wish_gender !== 'none' &&
      html`<${CheckboxGroup} id="wish_genders" legend="Which would you like your buddy to be?"
        hint="Select all you'd be happy with." error=${errors.wish_genders} values=${values.wish_genders}
        onChange=${setList('wish_genders')} words=${GENDERS} />`}
      <${Radios} id="wish_language" legend=${`Would you like your buddy to speak ${languages[preferred] || 'the language you prefer to talk in'}?`}
        error=${errors.wish_language} value=${values.wish_language} onChange=${set('wish_language')} options=${WISH_OPTIONS} />
      <${Radios} id="wish_background" legend="Would you like your buddy to share your culture or faith?" error=${errors.wish_background}
        value=${values.wish_background} onChange=${set('wish_background')} options=${WISH_OPTIONS} />
      <${BackgroundFields} values=${values} errors=${errors} onCultures=${setList('cultures')} onFaith=${set('faith')}
        cultureHint="Only if you'd like a buddy who shares it. Select up to 3."
        faithHint="Only if you'd like a buddy who shares it." />
      <${Button} busy=${form.busy}>Save your profile</${Button}>
    </form>
  `;
}

export function HealthData() {
  const { organisation, base } = useOrganisation();
  const consent = useResource(`${base}/me/health-data-consent`);
  return html`
    <${Page} title="Health information about the person you care for" caption=${organisation.name}
      back=${{ href: '/my-profile', label: 'Your profile' }}>
      <${Problem} error=${consent.error} />
      ${consent.loading && html`<${Loading} />`}
      ${consent.data &&
      html`<${ConsentForm} url=${`${base}/me/health-data-consent`} consent=${consent.data}
        noHint="You can still have a buddy. We match you on everything else."
        warning="If you say no, we'll delete what you told us about what the person you care for lives with straight away."
        saved=${() => {
          navigate('/my-profile', { handOn: { saved: 'Your choice about health information has been saved' } });
        }} />`}
    </${Page}>
  `;
}

