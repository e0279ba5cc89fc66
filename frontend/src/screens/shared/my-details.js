// My details: name and time zone; signing out here or on every device.
import { useState } from 'preact/hooks';
import { patch } from '../../api.js';
import { html } from '../../html.js';
import { HelpNotSent, signOut, updateMe, useSession } from '../../session.js';
import { ErrorSummary, Select, TextInput, timeZoneOptions, useForm } from '../../ui/forms.js';
import { Button, Page, Panel, Problem } from '../../ui/page.js';

export function MyDetails() {
  const { me } = useSession();
  const form = useForm({ display_name: me.display_name, time_zone: me.time_zone });
  const [saved, setSaved] = useState(false);
  const [signOutError, setSignOutError] = useState(null);

  const onSubmit = (event) => {
    setSaved(false);
    return form.submit(event, {
      validate: (v) => ({ display_name: !v.display_name.trim() && 'Enter your name' }),
      action: async (v) => {
        updateMe(await patch('/api/v1/me', { display_name: v.display_name.trim(), time_zone: v.time_zone }));
        setSaved(true);
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
        <${Button} busy=${form.busy}>Save my details</${Button}>
      </form>

      <h2 class="heading-m">Reminders</h2>
      <p><a href="/reminders">Reminders on this phone</a></p>

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
