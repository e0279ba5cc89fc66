// /buddy/availability — a buddy looks after themselves: pause new introductions (until a date, or until
// they come back and say so) and say how many carers they can support (1 to 5). Theirs alone to change.
// Quiet hours are the person's notification settings (issue 12): this screen points there.
import { useEffect, useState } from 'preact/hooks';
import { patch } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
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
        capacity: !values.capacity && t('buddy.availability.chooseCapacity'),
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
      <${Radios} id="paused" legend=${t('buddy.availability.canIntroduce')} value=${form.values.paused}
        onChange=${form.set('paused')} error=${form.errors.paused}
        options=${[
          { value: 'open', label: t('buddy.availability.open') },
          {
            value: 'paused',
            label: t('buddy.availability.pause'),
            hint: t('buddy.availability.pauseHint'),
          },
        ]} />
      ${form.values.paused === 'paused' &&
      html`<div class="buddy-pause-until">
        <${TextInput} id="paused_until" label=${t('buddy.availability.untilWhen')} type="date" optional=${true}
          hint=${t('buddy.availability.untilHint')}
          value=${form.values.paused_until} onInput=${form.set('paused_until')} error=${form.errors.paused_until} />
      </div>`}
      <${Radios} id="capacity" legend=${t('buddy.availability.howMany')}
        hint=${t('buddy.availability.howManyHint', { count: places })}
        value=${form.values.capacity} onChange=${form.set('capacity')} error=${form.errors.capacity}
        options=${[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: t('buddy.availability.carers', { count: n }) }))} />
      <p>${t('buddy.availability.quietBefore')} <a href="/notification-settings">${t('buddy.availability.quietLink')}</a>${t('buddy.availability.quietAfter')}</p>
      <${Button} busy=${form.busy}>${t('buddy.availability.save')}</${Button}>
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
    <${Page} title=${t('buddy.availability.title')} caption=${organisation.name} back=${{ href: '/', label: t('buddy.home') }}>
      ${error?.status === 404
        ? html`<p>${t('buddy.profile.notYet')}
            <a href="/buddy/profile/edit">${t('buddy.profile.tellUs')}</a></p>`
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
    html`<${Panel} title=${t('buddy.availability.saved')}>
      <p>${saved.paused
        ? saved.paused_until
          ? t('buddy.availability.savedUntil', { until: formatDay(saved.paused_until) })
          : t('buddy.availability.savedUntilSay')
        : t('buddy.availability.savedCapacity', { count: saved.capacity })}</p>
    </${Panel}>`}
    <${EarlierQuietHours} url=${`${url}/wellbeing`} hours=${profile.earlier_quiet_hours} />
    <p>${t('buddy.availability.intro')}</p>
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
      <h2 class="heading-m">${t('buddy.availability.movedTitle')}</h2>
      <p>${t('buddy.availability.movedText', { start: shown.start, end: shown.end })}</p>
      <p><a href="/notification-settings">${t('buddy.availability.movedLink')}</a></p>
      <${Problem} error=${error} />
      <${Button} type="button" variant="secondary" busy=${busy} onClick=${seen}>${t('buddy.availability.read')}</${Button}>
    </div>
  `;
}
