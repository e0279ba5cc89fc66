// My details: name, time zone, phone number and (carers) an emergency contact; signing out here or on
// every device. Who sees the number is said where it is asked (coordinators always; a buddy or carer
// only if shared on the pair's page).
import { useState } from 'preact/hooks';
import { patch } from '../../api.js';
import { html } from '../../html.js';
import { HelpNotSent, signOut, updateMe, useSession } from '../../session.js';
import { ErrorSummary, Select, TextInput, timeZoneOptions, useForm } from '../../ui/forms.js';
import { Button, Page, Panel, Problem } from '../../ui/page.js';
import { CONTACT_FIELDS, contactBody, contactValues, phoneHint, validateContact } from './phone-logic.js';
import { PhoneTexts } from './phone-texts.js';

const isCarer = (me) => (me.memberships || []).some((m) => m.role === 'carer' && m.status !== 'ended');
// Issue 16: equality monitoring is asked of carers and buddies, on a page of its own.
const isCarerOrBuddy = (me) =>
  (me.memberships || []).some((m) => (m.role === 'carer' || m.role === 'buddy') && m.status !== 'ended');

export function MyDetails() {
  const { me } = useSession();
  const carer = isCarer(me);
  const form = useForm(
    { display_name: me.display_name, time_zone: me.time_zone, ...contactValues(me) },
    { fieldMap: CONTACT_FIELDS },
  );
  const [saved, setSaved] = useState(false);
  const [savedTimes, setSavedTimes] = useState(0); // a new number is verified again: look at it anew
  const [signOutError, setSignOutError] = useState(null);

  const onSubmit = (event) => {
    setSaved(false);
    return form.submit(event, {
      validate: (v) => ({ display_name: !v.display_name.trim() && 'Enter your name', ...validateContact(v, { carer }) }),
      action: async (v) => {
        const updated = await patch('/api/v1/me', {
          display_name: v.display_name.trim(),
          time_zone: v.time_zone,
          ...contactBody(v, { carer }),
        });
        updateMe(updated);
        form.setValues((old) => ({ ...old, ...contactValues(updated) }));
        setSaved(true);
        setSavedTimes((n) => n + 1);
      },
    });
  };
  const [helpWaits, setHelpWaits] = useState(false);
  const leave = (everywhere, evenIfHelpWaits = false) => () =>
    signOut({ everywhere, evenIfHelpWaits }).catch((error) => {
      setHelpWaits(error instanceof HelpNotSent);
      setSignOutError(error);
    });

  return html`
    <${Page} title="My details" back=${{ href: '/', label: 'Home' }}>
      ${saved && html`<${Panel} title="Your details have been saved" />`}
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <form onSubmit=${onSubmit} novalidate>
        <${TextInput} id="display_name" label="Your name" autocomplete="name" value=${form.values.display_name}
          onInput=${form.set('display_name')} error=${form.errors.display_name} />
        <div class="field">
          <p class="label">Email address</p>
          <p>${me.email}</p>
          <p class="hint">To change it, ask the centre.</p>
        </div>
        <${Select} id="time_zone" label="Your time zone" hint="Reminders arrive at the right time of day for you."
          value=${form.values.time_zone} onChange=${form.set('time_zone')}
          options=${timeZoneOptions(form.values.time_zone)} error=${form.errors.time_zone} />
        <${TextInput} id="phone" label="Your phone number" optional type="tel" autocomplete="tel" width="20"
          hint=${phoneHint(me)}
          value=${form.values.phone} onInput=${form.set('phone')} error=${form.errors.phone} />
        ${carer &&
        html`<fieldset class="fieldset">
          <legend class="legend heading-s">Emergency contact (optional)</legend>
          <p class="hint">Someone the centre can ring if they can't reach you in a crisis. Only the centre's coordinators see it.
            Leave it empty to remove it.</p>
          <${TextInput} id="ec_name" label="Their name" autocomplete="off" value=${form.values.ec_name}
            onInput=${form.set('ec_name')} error=${form.errors.ec_name} />
          <${TextInput} id="ec_relationship" label="Who they are to you" hint="For example, my sister or a neighbour."
            autocomplete="off" width="20" value=${form.values.ec_relationship} onInput=${form.set('ec_relationship')}
            error=${form.errors.ec_relationship} />
          <${TextInput} id="ec_phone" label="Their phone number" hint="UK numbers or +country code." type="tel"
            autocomplete="off" width="20" value=${form.values.ec_phone} onInput=${form.set('ec_phone')}
            error=${form.errors.ec_phone} />
        </fieldset>`}
        <${Button} busy=${form.busy}>Save my details</${Button}>
      </form>

      <${PhoneTexts} version=${savedTimes} />

      <h2 class="heading-m">Reminders</h2>
      <p><a href="/reminders">Reminders on this phone</a></p>

      ${isCarerOrBuddy(me) &&
      html`<h2 class="heading-m">Equality monitoring</h2>
        <p><a href="/my-details/equality">Answer a few optional equality questions, or change or withdraw your answers</a></p>`}

      <h2 class="heading-m">Your data</h2>
      <p><a href="/my-data">Get a copy of your data, see who at the centre looked at your record, or ask to be deleted</a></p>

      <h2 class="heading-m">Sign out</h2>
      <${Problem} error=${signOutError} />
      ${helpWaits &&
      html`<p><a href="/help">Numbers to ring for help now</a></p>
        <p><${Button} type="button" variant="warning" onClick=${leave(false, true)}>Sign out anyway</${Button}></p>`}
      <p>Signing out deletes anything carerlink has kept on this phone.</p>
      <div class="button-group">
        <${Button} type="button" variant="secondary" onClick=${leave(false)}>Sign out</${Button}>
        <${Button} type="button" variant="secondary" onClick=${leave(true)}>Sign out on every device</${Button}>
      </div>
      <p class="hint">Use "every device" if you have lost a phone or signed in on someone else's.</p>
    </${Page}>
  `;
}
