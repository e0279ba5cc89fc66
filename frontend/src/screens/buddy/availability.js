// /buddy/availability — a buddy looks after themselves: pause new introductions (until a date, or until
// they come back and say so) and say how many carers they can support (1 to 5). Theirs alone to change.
// Quiet hours are the person's notification settings (issue 12): this screen points there.
import { useEffect, useState } from 'preact/hooks';
import { patch } from '../../api.js';
import { html } from '../../html.js';
import { currentOrganisation, useSession } from '../../session.js';
import { ErrorSummary, Radios, TextInput, useForm } from '../../ui/forms.js';
import { Button, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { formatDay, validatePauseEnd } from './logic.js';

function valuesOf(profile) {
  return {
    paused: profile.paused ? 'paused' : 'open',
    paused_until: profile.paused_until || '',
    capacity: String(profile.capacity),
  };
}

function AvailabilityForm({ form, url, profile, onStart, onSaved }) {
  const onSubmit = (event) => {
    onStart();
    return form.submit(event, {
      validate: (values) => ({
        paused_until: values.paused === 'paused' && validatePauseEnd(values.paused_until),
        capacity: !values.capacity && 'Choose how many carers you can support at once',
      }),
      fields: ['paused', 'paused_until', 'capacity'],
      action: async (values) => {
        const pausing = values.paused === 'paused';
        const saved = await patch(url, {
          paused: pausing,
          paused_until: pausing ? values.paused_until || null : null,
          capacity: Number(values.capacity),
        });
        form.setValues(valuesOf(saved));
        onSaved(saved);
      },
    });
  };
  const places = profile.places_taken;
  return html`
    <form onSubmit=${onSubmit} novalidate>
      <${Radios} id="paused" legend="Can the centre introduce you to new carers?" value=${form.values.paused}
        onChange=${form.set('paused')} error=${form.errors.paused}
        options=${[
          { value: 'open', label: 'Yes, I can take on new carers' },
          {
            value: 'paused',
            label: 'No, pause new introductions for now',
            hint: 'The carers you support now stay with you. You can change this at any time.',
          },
        ]} />
      ${form.values.paused === 'paused' &&
      html`<div class="buddy-pause-until">
        <${TextInput} id="paused_until" label="Until when?" type="date" optional=${true}
          hint="The day you'd like the centre to start introducing new carers again. Leave it empty to pause until you come back here and say so."
          value=${form.values.paused_until} onInput=${form.set('paused_until')} error=${form.errors.paused_until} />
      </div>`}
      <${Radios} id="capacity" legend="How many carers can you support at once?"
        hint=${`You support ${places === 1 ? '1 carer' : `${places} carers`} now. Choosing fewer never ends a match: no one new is introduced until there's room.`}
        value=${form.values.capacity} onChange=${form.set('capacity')} error=${form.errors.capacity}
        options=${[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: n === 1 ? '1 carer' : `${n} carers` }))} />
      <p>Quiet hours are in <a href="/notification-settings">Notification settings</a>: the times we hold back
        notifications, whatever they are about.</p>
      <${Button} busy=${form.busy}>Save changes</${Button}>
    </form>
  `;
}

export function BuddyAvailability() {
  const { me } = useSession();
  const organisation = currentOrganisation(me);
  const url = `/api/v1/orgs/${organisation.id}/me/buddy-profile`;
  const { data, error } = useResource(url);
  const [saved, setSaved] = useState(null);
  const profile = saved || data;
  // The confirmation is at the top: take the reader there (focus on the heading, as a new screen would).
  useEffect(() => {
    if (saved) document.getElementById('page-heading')?.focus();
  }, [saved]);
  return html`
    <${Page} title="Taking on carers" caption=${organisation.name} back=${{ href: '/', label: 'Home' }}>
      ${error?.status === 404
        ? html`<p>You haven't told us about your experience of caring yet.
            <a href="/buddy/profile/edit">Tell us about your caring experience</a></p>`
        : html`<${Problem} error=${error} />`}
      ${!profile && !error && html`<${Loading} />`}
      ${profile && html`<${AvailabilityBody} url=${url} profile=${profile} saved=${saved} onSaved=${setSaved} />`}
    </${Page}>
  `;
}

/** Once the profile is here: the error summary first (top of the page, GOV.UK), then the form. */
function AvailabilityBody({ url, profile, saved, onSaved }) {
  const form = useForm(valuesOf(profile));
  const [confirm, setConfirm] = useState(false);
  const done = (result) => {
    setConfirm(true);
    onSaved(result);
  };
  return html`
    <${ErrorSummary} errors=${form.errors} general=${form.general} />
    ${saved && confirm &&
    html`<${Panel} title="Your changes are saved">
      <p>${saved.paused
        ? saved.paused_until
          ? `You won't be introduced to new carers until ${formatDay(saved.paused_until)}.`
          : "You won't be introduced to new carers until you say so."
        : `You can support up to ${saved.capacity === 1 ? '1 carer' : `${saved.capacity} carers`}.`}</p>
    </${Panel}>`}
    <${EarlierQuietHours} url=${`${url}/wellbeing`} hours=${profile.earlier_quiet_hours} />
    <p>Looking after yourself matters. Take a break from new introductions whenever you need one.</p>
    <${AvailabilityForm} form=${form} url=${`${url}/wellbeing`} profile=${profile}
      onStart=${() => setConfirm(false)} onSaved=${done} />
  `;
}

/**
 * Quiet hours set on this screen before they moved to notification settings, not moved because they would
 * also hold back what the person gets in another role: say so and ask them to set them there (issue 12).
 */
function EarlierQuietHours({ url, hours }) {
  const [shown, setShown] = useState(hours);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  if (!shown) return null;
  const seen = async () => {
    setBusy(true);
    setError(null);
    try {
      await patch(url, { earlier_quiet_hours: null });
      setShown(null);
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  };
  return html`
    <div class="inset" role="status">
      <h2 class="heading-m">Your quiet hours have moved</h2>
      <p>You set quiet hours here of ${shown.start} to ${shown.end}. Quiet hours are now in Notification settings,
        where they hold back every notification we send you, not only the ones about being a buddy, so we
        haven't changed yours there.</p>
      <p><a href="/notification-settings">Set your quiet hours in Notification settings</a></p>
      <${Problem} error=${error} />
      <${Button} type="button" variant="secondary" busy=${busy} onClick=${seen}>I've read this</${Button}>
    </div>
  `;
}
