// My carer profile in plain words, a form to change it (checked here, and the API's field errors
// shown on the fields), and the health-data consent on a screen of its own (UK GDPR: explicit and
// separate; saying no deletes what I said about the person's needs at once).
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.js';
import { html } from '../html.js';
import { navigate } from '../router.js';
import { CheckboxGroup, ErrorSummary, Radios, TextArea, TextInput, useForm } from '../ui/forms.js';
import { Button, Inset, Loading, Page, Panel, Problem, Warning } from '../ui/page.js';
import { useResource } from '../ui/resource.js';
import {
  CATEGORIES,
  CONTACT_MODES,
  formFieldOf,
  HELP_WITH,
  HOURS,
  JOURNEY,
  MENTAL_HEALTH_NEEDS,
  NEEDS,
  PROFILE_FIELDS,
  profileBody,
  profileFormValues,
  profileRows,
  RELATIONSHIPS,
  validateProfile,
} from './carer-logic.js';
import { isNotFound, useOrganisation } from './carer-parts.js';

// A message for the next screen after saving ("Your profile has been saved").
let flash = null;

const options = (words) => Object.entries(words).map(([value, label]) => ({ value, label }));

/** A profile as a summary list: the carer's rows, or ``rows`` of another profile (the buddy's). */
export function ProfileSummary({ profile, rows = profileRows(profile) }) {
  return html`
    <dl class="carer-summary">
      ${rows.map(
        (row) => html`<div class="carer-summary-row" key=${row.key}>
          <dt>${row.label}</dt>
          <dd>${row.lines.length ? row.lines.map((line) => html`<span class="carer-line" key=${line}>${line}</span>`) : html`<span class="hint">Not given</span>`}</dd>
        </div>`,
      )}
    </dl>
  `;
}

export function MyProfile() {
  const { organisation, base } = useOrganisation();
  const profile = useResource(`${base}/me/carer-profile`);
  const consent = useResource(`${base}/me/health-data-consent`);
  const [message] = useState(() => {
    const shown = flash;
    flash = null;
    return shown;
  });
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
      html`<${ProfileSummary} profile=${profile.data} />
        <p><a class="button button-primary" href="/my-profile/edit">Change your profile</a></p>`}
      <section class="carer-section" aria-labelledby="health-data-heading">
        <h2 class="heading-m" id="health-data-heading">Health information</h2>
        ${consent.loading && html`<${Loading} />`}
        <${Problem} error=${consent.error} />
        ${consent.data &&
        html`<p>${consent.data.agreed
          ? 'You have agreed that the centre can keep what you tell us about what the person you care for lives with.'
          : "You haven't agreed to the centre keeping what the person you care for lives with, so we don't keep it."}</p>
          <p><a href="/my-profile/health-data">Change your choice about health information</a></p>`}
      </section>
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

// The API's words for a field are for developers ("Expected `int` <= 80"); people read these.
const API_FIELD_MESSAGES = {
  years_caring: 'Years caring must be a whole number from 0 to 80',
  postcode_district: 'Enter the first half of your postcode, like SE5 or M1',
};

function ProfileForm({ base, saved, needsShared }) {
  const form = useForm(profileFormValues(saved), { fieldMap: { under_18: 'carer_category' } });
  const { values, errors, set, setValues } = form;
  const setList = (name) => (list) => setValues((old) => ({ ...old, [name]: list }));

  const onSubmit = (event) =>
    form.submit(event, {
      validate: validateProfile,
      fields: PROFILE_FIELDS,
      action: async (current) => {
        try {
          await api('PUT', `${base}/me/carer-profile`, profileBody(current, saved, { needsShared }));
        } catch (error) {
          if (error instanceof ApiError) {
            const fieldErrors = {};
            for (const [field, message] of Object.entries(error.fieldErrors)) {
              const name = formFieldOf(field);
              fieldErrors[name] ??= API_FIELD_MESSAGES[name] || message;
            }
            error.fieldErrors = fieldErrors;
          }
          throw error;
        }
        flash = 'Your profile has been saved';
        navigate('/my-profile');
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
        value=${values.carer_category} onChange=${set('carer_category')} options=${options(CATEGORIES)} />
      ${needsShared
        ? html`<${CheckboxGroup} id="needs" legend="What does the person you care for live with?" hint="Select all that apply."
            error=${errors.needs} values=${values.needs} onChange=${setList('needs')} words=${NEEDS} />
          ${values.needs.includes('mental_health') &&
          html`<${CheckboxGroup} id="mental_health_needs" legend="Which mental health condition?" hint="Select all that apply, or none."
            error=${errors.mental_health_needs} values=${values.mental_health_needs}
            onChange=${setList('mental_health_needs')} words=${MENTAL_HEALTH_NEEDS} />`}`
        : html`<${Inset}>You haven't agreed to us keeping health information, so we don't ask what the person you
            care for lives with. <a href="/my-profile/health-data">Change your choice about health information</a></${Inset}>`}
      <${TextInput} id="postcode_district" label="The first half of your postcode" optional=${true}
        hint="For example, SE5. It helps if you'd like to meet in person." error=${errors.postcode_district}
        value=${values.postcode_district} onInput=${set('postcode_district')} autocomplete="off" width="10" />
      <${CheckboxGroup} id="contact_modes" legend="How would you like to keep in touch with your buddy?"
        hint="Select all that apply." error=${errors.contact_modes} values=${values.contact_modes}
        onChange=${setList('contact_modes')} words=${CONTACT_MODES} />
      <${CheckboxGroup} id="help_with" legend="What would you like help with? (optional)" hint="Select all that apply."
        error=${errors.help_with} values=${values.help_with} onChange=${setList('help_with')} words=${HELP_WITH} />
      <${TextArea} id="help_note" label="Anything else you'd like the centre to know?" optional=${true}
        hint="Up to 500 characters." error=${errors.help_note} value=${values.help_note} onInput=${set('help_note')} />
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
      ${consent.data && html`<${ConsentForm} base=${base} consent=${consent.data} />`}
    </${Page}>
  `;
}

function ConsentForm({ base, consent }) {
  const form = useForm({ agree: consent.agreed ? 'yes' : 'no' });
  const onSubmit = (event) =>
    form.submit(event, {
      fields: ['agree'],
      validate: (values) => ({ agree: values.agree ? null : 'Choose yes or no' }),
      action: async (values) => {
        await api('PUT', `${base}/me/health-data-consent`, { agree: values.agree === 'yes' });
        flash = 'Your choice about health information has been saved';
        navigate('/my-profile');
      },
    });
  const withdrawing = consent.agreed && form.values.agree === 'no';
  return html`
    <form onSubmit=${onSubmit} novalidate>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <div class="consent-text">${consent.text.split(/\n\n+/).map((paragraph) => html`<p key=${paragraph}>${paragraph}</p>`)}</div>
      <${Radios} id="agree" legend="Can the centre keep this information?" error=${form.errors.agree}
        value=${form.values.agree} onChange=${form.set('agree')}
        options=${[
          { value: 'yes', label: 'Yes, you can keep it' },
          { value: 'no', label: 'No, please don\'t keep it', hint: 'You can still have a buddy. We match you on everything else.' },
        ]} />
      ${withdrawing &&
      html`<${Warning}>If you say no, we'll delete what you told us about what the person you care for lives with
        straight away.</${Warning}>`}
      <${Button} busy=${form.busy}>Save your choice</${Button}>
    </form>
  `;
}
