// /buddy/profile — my experience of caring in plain words, and /buddy/profile/edit to fill it in or
// change it (checked here, the API's field errors shown on the fields). Without a profile a buddy
// cannot be matched, so a new buddy starts here. /buddy/profile/health-data is the buddy's own
// health-data consent (UK GDPR: explicit and separate from a carer's; saying no deletes what the
// person they cared for lives with at once), and the form asks about it only with that consent. Built
// from the parts both profile forms share (shared/profile-parts.js: the free-times control, culture
// and faith, the summary list, the consent form).
import { useState } from 'preact/hooks';
import { ApiError, put } from '../../api.js';
import { html } from '../../html.js';
import { navigate, takeHandedOn } from '../../router.js';
import { CheckboxGroup, ErrorSummary, Radios, Select, TextArea, TextInput, useForm } from '../../ui/forms.js';
import { Button, Inset, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { charactersLeft } from './logic.js';
import {
  ABOUT_ME_LIMIT,
  ADULT,
  BUDDY_PROFILE_FIELDS,
  buddyFieldErrors,
  buddyProfileBody,
  buddyProfileFormValues,
  buddyProfileRows,
  CARING_STATUS,
  CURRENT_JOURNEY,
  validateBuddyProfile,
} from './profile-logic.js';
import {
  BUDDY_GENDERS,
  CONTACT_MODES,
  languageChoices,
  MENTAL_HEALTH_NEEDS,
  NEEDS,
  REGIONS,
  RELATIONSHIPS,
} from '../shared/profile-logic.js';
import { isNotFound, useOrganisation } from '../shared/parts.js';
import { AvailabilityField, BackgroundFields, ConsentForm, HealthConsentSection, ProfileSummary } from '../shared/profile-parts.js';

const options = (words) => Object.entries(words).map(([value, label]) => ({ value, label }));
const consentUrl = (base) => `${base}/me/buddy-profile/health-data-consent`;

export function MyBuddyProfile() {
  const { organisation, base } = useOrganisation();
  const profile = useResource(`${base}/me/buddy-profile`);
  const consent = useResource(consentUrl(base));
  // "Your profile has been saved", handed on by the form that saved it.
  const [message] = useState(() => takeHandedOn().saved || null);
  const missing = isNotFound(profile.error);
  return html`
    <${Page} title="Your profile" caption=${organisation.name} back=${{ href: '/', label: 'Home' }}>
      ${message && html`<${Panel} title=${message} />`}
      <p>This is what you've told us about your own experience of caring. The centre uses it to introduce you to
        carers going through something similar. Coordinators see all of it; a carer you're introduced to sees a
        short introduction and what you wrote about yourself.</p>
      ${profile.loading && html`<${Loading} />`}
      ${profile.error && !missing && html`<${Problem} error=${profile.error} />`}
      ${missing &&
      html`<p>You haven't told us about your experience of caring yet. The centre can't introduce you to carers
          until you have.</p>
        <p><a class="button button-primary" href="/buddy/profile/edit">Tell us about your caring experience</a></p>`}
      ${profile.data &&
      html`<${ProfileSummary} rows=${buddyProfileRows(profile.data)} />
        <p><a class="button button-primary" href="/buddy/profile/edit">Change your profile</a></p>
        <p><a href="/buddy/availability">Take a break or change how many carers you support</a></p>`}
      <${HealthConsentSection} consent=${consent} href="/buddy/profile/health-data"
        agreed="You have agreed that the centre can keep what the person you care or cared for lives with, and show it to carers you are introduced to."
        refused="You haven't agreed to the centre keeping what the person you care or cared for lives with, so we don't keep it." />
    </${Page}>
  `;
}

export function EditBuddyProfile() {
  const { organisation, base } = useOrganisation();
  const profile = useResource(`${base}/me/buddy-profile`);
  const consent = useResource(consentUrl(base));
  const missing = isNotFound(profile.error);
  const ready = (profile.data || missing) && consent.data;
  return html`
    <${Page} title=${profile.data ? 'Change your profile' : 'Tell us about your caring experience'}
      caption=${organisation.name} back=${{ href: '/buddy/profile', label: 'Your profile' }}>
      ${profile.error && !missing && html`<${Problem} error=${profile.error} />`}
      <${Problem} error=${consent.error} />
      ${!ready && !consent.error && !(profile.error && !missing) && html`<${Loading} />`}
      ${ready && html`<${BuddyProfileForm} base=${base} saved=${profile.data} needsShared=${consent.data.agreed} />`}
    </${Page}>
  `;
}

export function BuddyHealthData() {
  const { organisation, base } = useOrganisation();
  const consent = useResource(consentUrl(base));
  return html`
    <${Page} title="Health information about the person you care or cared for" caption=${organisation.name}
      back=${{ href: '/buddy/profile', label: 'Your profile' }}>
      <${Problem} error=${consent.error} />
      ${consent.loading && html`<${Loading} />`}
      ${consent.data &&
      html`<${ConsentForm} url=${consentUrl(base)} consent=${consent.data}
        noHint="You can still be a buddy. The centre introduces you to carers on everything else."
        warning="If you say no, we'll delete what you told us about what the person you care or cared for lives with straight away."
        saved=${() => {
          navigate('/buddy/profile', { handOn: { saved: 'Your choice about health information has been saved' } });
        }} />`}
    </${Page}>
  `;
}

function BuddyProfileForm({ base, saved, needsShared }) {
  const form = useForm(buddyProfileFormValues(saved));
  const { values, errors, set, setValues } = form;
  const setList = (name) => (list) => setValues((old) => ({ ...old, [name]: list }));
  const tooLong = values.about_me.length > ABOUT_ME_LIMIT;

  const onSubmit = (event) =>
    form.submit(event, {
      validate: validateBuddyProfile,
      fields: BUDDY_PROFILE_FIELDS,
      action: async (current) => {
        try {
          await put(`${base}/me/buddy-profile`, buddyProfileBody(current, { needsShared }));
        } catch (error) {
          if (error instanceof ApiError) error.fieldErrors = buddyFieldErrors(error.fieldErrors);
          throw error;
        }
        navigate('/buddy/profile', { handOn: { saved: 'Your profile has been saved' } });
      },
    });

  return html`
    <form onSubmit=${onSubmit} novalidate>
      <${ErrorSummary} errors=${errors} general=${form.general} />
      <p>Carers find it easier to talk to someone who has been through something similar. Tell us about your own
        caring, so the centre can introduce you to the right carers.</p>
      <${Radios} id="confirmed_adult" legend="Are you 18 or over?"
        hint="Buddies must be adults. The centre can't introduce you to carers until you've confirmed you're 18 or over."
        error=${errors.confirmed_adult} value=${values.confirmed_adult} onChange=${set('confirmed_adult')}
        options=${options(ADULT)} />
      <${CheckboxGroup} id="relationships" legend="Who do you care for, or who did you care for?"
        hint="Select all that apply." error=${errors.relationships} values=${values.relationships}
        onChange=${setList('relationships')} words=${RELATIONSHIPS} />
      <${Radios} id="caring_status" legend="Are you caring now?" error=${errors.caring_status}
        value=${values.caring_status} onChange=${set('caring_status')} options=${options(CARING_STATUS)} />
      ${values.caring_status === 'current' &&
      html`<${Radios} id="journey_stage" legend="Where are you with caring at the moment?" error=${errors.journey_stage}
        hint="The centre introduces you to carers who are not as far along as you."
        value=${values.journey_stage} onChange=${set('journey_stage')} options=${options(CURRENT_JOURNEY)} />`}
      <${TextInput} id="years_caring" label="How many years have you been caring, or did you care?"
        hint="Enter 0 if it's less than a year." error=${errors.years_caring} value=${values.years_caring}
        onInput=${set('years_caring')} inputmode="numeric" width="10" />
      ${needsShared
        ? html`<${CheckboxGroup} id="needs" legend="What does or did the person you care for live with? (optional)"
            hint="Select all that apply. It helps us introduce you to carers looking after someone with the same condition."
            error=${errors.needs} values=${values.needs} onChange=${setList('needs')} words=${NEEDS} />
          ${values.needs.includes('mental_health') &&
          html`<${CheckboxGroup} id="mental_health_needs" legend="Which mental health condition?"
            hint="Select all that apply, or none." error=${errors.mental_health_needs} values=${values.mental_health_needs}
            onChange=${setList('mental_health_needs')} words=${MENTAL_HEALTH_NEEDS} />`}`
        : html`<${Inset}>You haven't agreed to us keeping health information, so we don't ask what the person you
            care or cared for lives with. <a href="/buddy/profile/health-data">Change your choice about health information</a></${Inset}>`}
      <${CheckboxGroup} id="languages" legend="Which languages can you support a carer in?"
        hint="Select up to 6." error=${errors.languages} values=${values.languages}
        onChange=${setList('languages')} words=${languageChoices(saved?.languages)} />
      <${CheckboxGroup} id="contact_modes" legend="How can you keep in touch with a carer?"
        hint="Select all that apply." error=${errors.contact_modes} values=${values.contact_modes}
        onChange=${setList('contact_modes')} words=${CONTACT_MODES} />
      <${TextInput} id="postcode_district" label="The first half of your postcode" optional=${true}
        hint="For example, SE5. It helps if a carer would like to meet in person." error=${errors.postcode_district}
        value=${values.postcode_district} onInput=${set('postcode_district')} autocomplete="off" width="10" />
      <${Select} id="region" label="Your region" optional=${true} hint="If you'd rather not give your postcode."
        error=${errors.region} value=${values.region} onChange=${set('region')}
        options=${[{ value: '', label: 'Not given' }, ...options(REGIONS)]} />
      <${AvailabilityField} id="availability" legend="When are you usually free to talk or meet? (optional)"
        hint="Select all the times that usually suit you. The centre looks for carers who are free at the same times."
        error=${errors.availability} values=${values.availability} onChange=${setList('availability')} />
      <${Radios} id="gender" legend="How do you describe your gender? (optional)"
        hint="Carers can ask for a buddy of a particular gender, so telling us helps the centre introduce you."
        error=${errors.gender} value=${values.gender} onChange=${set('gender')}
        options=${[...options(BUDDY_GENDERS), { value: '', label: 'Prefer not to say' }]} />
      <${BackgroundFields} values=${values} errors=${errors} onCultures=${setList('cultures')} onFaith=${set('faith')}
        cultureHint="Some carers would like a buddy who shares their culture or faith. Only tell us if you're happy for the centre to use it for that. Select up to 3."
        faithHint="Only if you're happy for the centre to use it to introduce you to carers who share it." />
      <div class="buddy-message">
        <${TextArea} id="about_me" label="About you" optional=${true} rows="6"
          hint="A few words a carer will read when the centre introduces you, like what helped you. You can write up to 500 characters."
          error=${errors.about_me} value=${values.about_me} onInput=${set('about_me')} />
        <p class=${tooLong ? 'character-count character-count-over' : 'character-count hint'} aria-live="polite">
          ${charactersLeft(values.about_me, ABOUT_ME_LIMIT)}</p>
      </div>
      <${Radios} id="capacity" legend="How many carers can you support at once?"
        hint="You can change this, or take a break, at any time." error=${errors.capacity}
        value=${values.capacity} onChange=${set('capacity')}
        options=${[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: n === 1 ? '1 carer' : `${n} carers` }))} />
      <${Button} busy=${form.busy}>Save your profile</${Button}>
    </form>
  `;
}
