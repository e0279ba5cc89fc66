// My details: name, time zone, phone number and (carers) an emergency contact; signing out here or on
// every device. Who sees the number is said where it is asked (coordinators always; a buddy or carer
// only if shared on the pair's page).
import { useState } from 'preact/hooks';
import { patch } from '../../api.js';
import { html } from '../../html.js';
import { currentLocale, t } from '../../i18n.js';
import { HelpNotSent, signOut, updateMe, useSession } from '../../session.js';
import { ErrorSummary, Select, TextInput, timeZoneOptions, useForm } from '../../ui/forms.js';
import { LanguageChoice, chooseLanguage } from '../../ui/language.js';
import { Button, Page, Panel, Problem } from '../../ui/page.js';
import { CONTACT_FIELDS, contactBody, contactValues, phoneHint, validateContact } from './phone-logic.js';
import { PhoneTexts } from './phone-texts.js';

const isCarer = (me) => (me.memberships || []).some((m) => m.role === 'carer' && m.status !== 'ended');
// Issue 16: equality monitoring is asked of carers and buddies, on a page of its own.
const isCarerOrBuddy = (me) =>
  (me.memberships || []).some((m) => (m.role === 'carer' || m.role === 'buddy') && m.status !== 'ended');

/** The language carerlink shows and sends me (issue 17): saved to my account, on every device. */
function ChooseLanguage({ me }) {
  const [value, setValue] = useState(me.locale_chosen ? me.locale : currentLocale());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const onSubmit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      updateMe(await patch('/api/v1/me', { locale: value }));
      await chooseLanguage(value);
    } catch (failed) {
      setError(failed);
      setBusy(false);
    }
  };
  return html`<form class="language-choice" onSubmit=${onSubmit} novalidate>
    <${Problem} error=${error} />
    <${LanguageChoice} value=${value} onChange=${setValue} />
    <p class="hint">${t('account.myDetails.languageHint')}</p>
    <${Button} busy=${busy} variant="secondary">${t('account.myDetails.languageSave')}</${Button}>
  </form>`;
}

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
      validate: (v) => ({ display_name: !v.display_name.trim() && t('account.myDetails.nameMissing'), ...validateContact(v, { carer }) }),
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
    <${Page} title=${t('account.myDetails.title')} back=${{ href: '/', label: t('account.home') }}>
      <${ChooseLanguage} me=${me} />
      ${saved && html`<${Panel} title=${t('account.myDetails.saved')} />`}
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <form onSubmit=${onSubmit} novalidate>
        <${TextInput} id="display_name" label=${t('account.myDetails.name')} autocomplete="name" value=${form.values.display_name}
          onInput=${form.set('display_name')} error=${form.errors.display_name} />
        <div class="field">
          <p class="label">${t('account.myDetails.email')}</p>
          <p>${me.email}</p>
          <p class="hint">${t('account.myDetails.emailHint')}</p>
        </div>
        <${Select} id="time_zone" label=${t('account.myDetails.timeZone')} hint=${t('account.myDetails.timeZoneHint')}
          value=${form.values.time_zone} onChange=${form.set('time_zone')}
          options=${timeZoneOptions(form.values.time_zone)} error=${form.errors.time_zone} />
        <${TextInput} id="phone" label=${t('account.myDetails.phone')} optional type="tel" autocomplete="tel" width="20"
          hint=${phoneHint(me)}
          value=${form.values.phone} onInput=${form.set('phone')} error=${form.errors.phone} />
        ${carer &&
        html`<fieldset class="fieldset">
          <legend class="legend heading-s">${t('account.myDetails.emergencyContact')}</legend>
          <p class="hint">${t('account.myDetails.emergencyContactHint')}</p>
          <${TextInput} id="ec_name" label=${t('account.myDetails.ecName')} autocomplete="off" value=${form.values.ec_name}
            onInput=${form.set('ec_name')} error=${form.errors.ec_name} />
          <${TextInput} id="ec_relationship" label=${t('account.myDetails.ecRelationship')} hint=${t('account.myDetails.ecRelationshipHint')}
            autocomplete="off" width="20" value=${form.values.ec_relationship} onInput=${form.set('ec_relationship')}
            error=${form.errors.ec_relationship} />
          <${TextInput} id="ec_phone" label=${t('account.myDetails.ecPhone')} hint=${t('account.myDetails.ecPhoneHint')} type="tel"
            autocomplete="off" width="20" value=${form.values.ec_phone} onInput=${form.set('ec_phone')}
            error=${form.errors.ec_phone} />
        </fieldset>`}
        <${Button} busy=${form.busy}>${t('account.myDetails.save')}</${Button}>
      </form>

      <${PhoneTexts} version=${savedTimes} />

      <h2 class="heading-m">${t('account.myDetails.reminders')}</h2>
      <p><a href="/reminders">${t('account.myDetails.remindersLink')}</a></p>

      ${isCarerOrBuddy(me) &&
      html`<h2 class="heading-m">${t('account.myDetails.equality')}</h2>
        <p><a href="/my-details/equality">${t('account.myDetails.equalityLink')}</a></p>`}

      <h2 class="heading-m">${t('account.myDetails.data')}</h2>
      <p><a href="/my-data">${t('account.myDetails.dataLink')}</a></p>

      <h2 class="heading-m">${t('account.myDetails.signOutTitle')}</h2>
      <${Problem} error=${signOutError} />
      ${helpWaits &&
      html`<p><a href="/help">${t('account.myDetails.helpNumbers')}</a></p>
        <p><${Button} type="button" variant="warning" onClick=${leave(false, true)}>${t('account.myDetails.signOutAnyway')}</${Button}></p>`}
      <p>${t('account.myDetails.signOutText')}</p>
      <div class="button-group">
        <${Button} type="button" variant="secondary" onClick=${leave(false)}>${t('account.myDetails.signOut')}</${Button}>
        <${Button} type="button" variant="secondary" onClick=${leave(true)}>${t('account.myDetails.signOutEverywhere')}</${Button}>
      </div>
      <p class="hint">${t('account.myDetails.signOutEverywhereHint')}</p>
    </${Page}>
  `;
}
