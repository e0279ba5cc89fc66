// Reminders on this phone: explain first, ask for permission only on the tap of "Turn on reminders";
// on an iPhone, add carerlink to the Home Screen first; when blocked, how to allow it again.
// Notification settings (/notification-settings): quiet hours, which kinds of notification reach my
// devices, my devices (remove one), and a test notification with what happened on each device; how we
// reach me (issue 14): push, e-mail and text in my order.
import { useEffect, useState } from 'preact/hooks';
import { del, get, patch, post } from '../../api.js';
import { html, rich } from '../../html.js';
import { t } from '../../i18n.js';
import { currentSubscription, isAppleMobile, pushState, RemindersUnavailable, turnOffReminders, turnOnReminders } from '../../push.js';
import { Checkbox, ErrorSummary, TextInput, useForm } from '../../ui/forms.js';
import { Button, formatDate, Inset, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { currentOrganisation, useSession } from '../../session.js';
import { remindersLead } from '../../text.js';
import { ChannelChooser } from './channels.js';
import { parseQuietHours, timeAgo } from './logic.js';

const strong = (text) => html`<strong>${text}</strong>`;
const remindersLink = (text) => html`<a href="/reminders">${text}</a>`;

function AddToHomeScreen() {
  return html`
    <p>${t('account.reminders.installFirst')}</p>
    <ol class="steps">
      <li>${rich(t('account.reminders.installShare'), [(text) => html`<span aria-hidden="true">${text}</span>`])}</li>
      <li>${rich(t('account.reminders.installScroll'), [strong])}</li>
      <li>${rich(t('account.reminders.installAdd'), [strong])}</li>
      <li>${t('account.reminders.installOpen')}</li>
    </ol>
  `;
}

function Blocked() {
  return html`
    <p>${t('account.reminders.blocked')}</p>
    <h2 class="heading-m">${t('account.reminders.turnBackOn')}</h2>
    ${isAppleMobile()
      ? html`<p>${rich(t('account.reminders.allowApple'), [strong])}</p>`
      : html`<p>${rich(t('account.reminders.allowBrowser'), [strong])}</p>`}
    <${Inset}>${t('account.reminders.nothingLost')}</${Inset}>
  `;
}

/**
 * Turning reminders on failed (issue 11): what to try, in order, and that nothing is lost meanwhile.
 * ``reason`` is a known cause (the service has no reminders set up, this device was not saved).
 */
function RemindersFailed({ reason, onRetry, busy }) {
  return html`
    <div class="error-summary" role="alert">
      <h2 class="error-summary-title">${t('account.reminders.failed')}</h2>
      ${reason && html`<p>${reason}</p>`}
      <p>${t('account.reminders.thingsToTry')}</p>
      <ul class="steps">
        <li>${t('account.reminders.tryOnline')}</li>
        <li>${t('account.reminders.tryAllow', { where: isAppleMobile() ? 'app' : 'browser' })}</li>
        <li>${rich(t('account.reminders.tryInstall'), [strong])}</li>
      </ul>
      <p>${rich(t('account.reminders.untilThen'), [(text) => html`<a href="/inbox">${text}</a>`])}</p>
    </div>
    <${Button} type="button" busy=${busy} onClick=${onRetry}>${t('account.reminders.tryAgain')}</${Button}>
  `;
}

export function Reminders() {
  const { me } = useSession();
  const organisation = currentOrganisation(me);
  const paired = organisation && organisation.roles.some((role) => role === 'carer' || role === 'buddy');
  const matches = useResource(paired ? `/api/v1/orgs/${encodeURIComponent(organisation.slug)}/matches` : null);
  const lead = remindersLead({ roles: organisation?.roles, userId: me?.id, matches: matches.data || [] });
  const [state, setState] = useState(pushState);
  const [subscribed, setSubscribed] = useState(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);

  useEffect(() => {
    currentSubscription()
      .then((subscription) => setSubscribed(Boolean(subscription)))
      .catch(() => setSubscribed(false));
  }, [state]);

  async function turnOn() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const permission = await turnOnReminders();
      setState(permission);
      setSubscribed(permission === 'granted');
    } catch (problem) {
      setError({ turningOn: true, reason: problem instanceof RemindersUnavailable ? problem.message : null });
      setState(pushState());
    } finally {
      setBusy(false);
    }
  }

  async function turnOff() {
    setBusy(true);
    setError(null);
    try {
      await turnOffReminders();
      setSubscribed(false);
    } catch {
      setError({ message: t('account.reminders.turnOffFailed') });
    } finally {
      setBusy(false);
    }
  }

  let body;
  if (state === 'needs-install') body = html`<${AddToHomeScreen} />`;
  else if (state === 'unsupported') {
    body = html`<p>${t('account.reminders.unsupported')}</p>`;
  } else if (state === 'denied') body = html`<${Blocked} />`;
  else if (subscribed === undefined) body = html`<${Loading} />`;
  else if (state === 'granted' && subscribed) {
    body = html`
      <${Panel} title=${t('account.reminders.on')} />
      <p>${t('account.reminders.onText')}</p>
      <${Button} type="button" variant="secondary" busy=${busy} onClick=${turnOff}>${t('account.reminders.turnOff')}</${Button}>
    `;
  } else {
    body = html`
      <p class="lead">${lead}</p>
      <p>${t('account.reminders.private')}</p>
      <p>${rich(t('account.reminders.permission'), [strong])}</p>
      <${Button} type="button" busy=${busy} onClick=${turnOn}>${t('account.reminders.turnOn')}</${Button}>
    `;
  }
  return html`
    <${Page} title=${t('account.reminders.title')} back=${{ href: '/', label: t('account.home') }}>
      ${error?.turningOn
        ? html`<${RemindersFailed} reason=${error.reason} onRetry=${turnOn} busy=${busy} />`
        : html`<${Problem} error=${error} />${body}`}
      <p><a href="/notification-settings">${t('account.reminders.settingsLink')}</a></p>
    </${Page}>
  `;
}

const PREFERENCES = '/api/v1/me/notification-preferences';
const QUIET_FIELDS = { 'quiet_hours.start': 'notify_from', 'quiet_hours.end': 'notify_until', quiet_hours: 'notify_from' };

function QuietHoursForm({ form, preferences, onSaved }) {
  const [saved, setSaved] = useState('');
  const save = (event, turnOff = false) => {
    const parsed = turnOff
      ? { quietHours: null, errors: {} }
      : parseQuietHours(form.values.notify_from, form.values.notify_until, {
          startField: 'notify_from',
          endField: 'notify_until',
        });
    setSaved('');
    return form.submit(event, {
      validate: () => parsed.errors,
      fields: ['notify_from', 'notify_until'],
      action: async () => {
        const result = await patch(PREFERENCES, { quiet_hours: parsed.quietHours });
        const now = result.quiet_hours;
        form.setValues({ notify_from: now?.start || '', notify_until: now?.end || '' });
        setSaved(now ? t('account.notifications.quietSaved', { start: now.start, end: now.end }) : t('account.notifications.quietOff'));
        onSaved(result);
      },
    });
  };
  return html`
    <section aria-labelledby="quiet-title">
      <h2 class="heading-m" id="quiet-title">${t('account.notifications.quietHours')}</h2>
      <p>${t('account.notifications.quietText')}</p>
      <form onSubmit=${(event) => save(event)} novalidate>
        <fieldset class="fieldset" aria-describedby="notify-times-hint">
          <legend class="visually-hidden">${t('account.notifications.quietHours')}</legend>
          <p class="hint" id="notify-times-hint">${t('account.notifications.quietHint', { zone: preferences.time_zone.replaceAll('_', ' ') })}</p>
          <div class="buddy-times">
            <${TextInput} id="notify_from" label=${t('account.notifications.from')} inputmode="numeric" autocomplete="off" width="5"
              value=${form.values.notify_from} onInput=${form.set('notify_from')} error=${form.errors.notify_from} />
            <${TextInput} id="notify_until" label=${t('account.notifications.until')} inputmode="numeric" autocomplete="off" width="5"
              value=${form.values.notify_until} onInput=${form.set('notify_until')} error=${form.errors.notify_until} />
          </div>
        </fieldset>
        <p class="settings-saved" role="status">${saved}</p>
        <div class="button-group">
          <${Button} busy=${form.busy}>${t('account.notifications.saveQuiet')}</${Button}>
          ${preferences.quiet_hours &&
          html`<${Button} type="button" variant="secondary" busy=${form.busy}
            onClick=${(event) => save(event, true)}>${t('account.notifications.quietTurnOff')}</${Button}>`}
        </div>
      </form>
    </section>
  `;
}

function KindsForm({ form, preferences, onSaved }) {
  const switchable = preferences.kinds.filter((kind) => kind.can_switch_off);
  const always = preferences.kinds.filter((kind) => !kind.can_switch_off);
  const [saved, setSaved] = useState('');
  const onSubmit = (event) => {
    setSaved('');
    return form.submit(event, {
      fields: [],
      action: async (values) => {
        const kinds = Object.fromEntries(switchable.map((kind) => [kind.kind, Boolean(values[`kind-${kind.kind}`])]));
        const result = await patch(PREFERENCES, { kinds });
        setSaved(t('account.notifications.kindsSaved'));
        onSaved(result);
      },
    });
  };
  if (!preferences.kinds.length) return null;
  return html`
    <section aria-labelledby="kinds-title">
      <h2 class="heading-m" id="kinds-title">${t('account.notifications.kindsTitle')}</h2>
      <form onSubmit=${onSubmit} novalidate>
        ${switchable.length > 0 &&
        html`<fieldset class="fieldset">
          <legend class="legend">${t('account.notifications.kindsLegend')}</legend>
          <p class="hint">${t('account.notifications.kindsHint')}</p>
          ${switchable.map(
            (kind) => html`<${Checkbox} key=${kind.kind} id=${`kind-${kind.kind}`} label=${kind.label}
              hint=${kind.during_quiet_hours ? t('account.notifications.duringQuiet') : undefined}
              checked=${form.values[`kind-${kind.kind}`]} onChange=${form.set(`kind-${kind.kind}`)} />`,
          )}
        </fieldset>`}
        ${always.length > 0 &&
        html`<p>${t('account.notifications.alwaysCome')}</p>
          <ul>${always.map((kind) => html`<li key=${kind.kind}>${kind.label}</li>`)}</ul>`}
        <p class="settings-saved" role="status">${saved}</p>
        ${switchable.length > 0 && html`<${Button} busy=${form.busy}>${t('account.notifications.saveKinds')}</${Button}>`}
      </form>
    </section>
  `;
}

function Devices({ devices, thisEndpoint, onChanged }) {
  const [error, setError] = useState(null);
  const [removed, setRemoved] = useState('');
  const remove = (device) => async () => {
    setError(null);
    setRemoved('');
    try {
      if (device.endpoint === thisEndpoint) await turnOffReminders();
      else await del(`/api/v1/push/subscriptions/${device.id}`);
      setRemoved(t('account.notifications.deviceRemoved', { device: device.label }));
      onChanged();
    } catch (problem) {
      setError(problem);
    }
  };
  return html`
    <section aria-labelledby="devices-title">
      <h2 class="heading-m" id="devices-title">${t('account.notifications.devices')}</h2>
      <${Problem} error=${error} />
      <p class="settings-saved" role="status">${removed}</p>
      ${devices.length === 0
        ? html`<p>${rich(t('account.notifications.noDevices'), [remindersLink])}</p>`
        : html`<ul class="list">
            ${devices.map(
              (device) => html`<li class="list-item" key=${device.id}>
                <span class="list-title">${device.endpoint === thisEndpoint
                  ? t('account.notifications.thisPhone', { device: device.label })
                  : device.label}</span>
                <span class="list-meta">${t('account.notifications.added', { date: formatDate(device.created_at) })}
                  ${device.last_success_at
                    ? ` ${t('account.notifications.lastReached', { ago: timeAgo(device.last_success_at) })}`
                    : ` ${t('account.notifications.notReached')}`}</span>
                <${Button} type="button" variant="secondary" onClick=${remove(device)}>
                  ${rich(t('account.notifications.remove', { device: device.label }), [
                    (text) => html`<span class="visually-hidden">${text}</span>`,
                  ])}</${Button}>
              </li>`,
            )}
          </ul>`}
    </section>
  `;
}

/** A test notification's outcome on one device, in a word or two (the API's own word when it's new). */
function outcomeTitle(outcome) {
  if (outcome === 'sent') return t('account.notifications.outcomeSent');
  if (outcome === 'gone') return t('account.notifications.outcomeGone');
  if (outcome === 'retry') return t('account.notifications.outcomeRetry');
  if (outcome === 'rate_limited' || outcome === 'deferred') return t('account.notifications.outcomeNotSent');
  if (outcome === 'rejected') return t('account.notifications.outcomeRejected');
  return outcome;
}

function TestNotification({ onDone }) {
  const [report, setReport] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  async function send() {
    if (busy) return;
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const result = await post('/api/v1/push/test');
      setReport(result);
      if (result.devices.some((device) => device.outcome === 'gone')) onDone();
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  }
  return html`
    <section aria-labelledby="test-title">
      <h2 class="heading-m" id="test-title">${t('account.notifications.testTitle')}</h2>
      <p>${t('account.notifications.testText')}</p>
      <${Problem} error=${error} />
      <${Button} type="button" variant="secondary" busy=${busy} onClick=${send}>${t('account.notifications.testSend')}</${Button}>
      <div role="status" class="test-report">
        ${report &&
        (report.devices.length === 0
          ? html`<p>${rich(t('account.notifications.testNoDevices'), [remindersLink])}</p>`
          : html`<ul class="list">
              ${report.devices.map(
                (device) => html`<li class="list-item" key=${device.subscription_id}>
                  <span class="list-title">${t('account.notifications.testOutcome', { device: device.label, outcome: outcomeTitle(device.outcome) })}</span>
                  <span>${device.message}</span>
                </li>`,
              )}
            </ul>`)}
      </div>
    </section>
  `;
}

async function loadSettings() {
  const [preferences, devices, subscription] = await Promise.all([
    get(PREFERENCES),
    get('/api/v1/push/subscriptions'),
    currentSubscription().catch(() => null),
  ]);
  return { preferences, devices, thisEndpoint: subscription?.endpoint || null };
}

/** Once loaded: one error summary at the top for both forms (GOV.UK), then each section. */
function SettingsBody({ data, reload }) {
  const [preferences, setPreferences] = useState(data.preferences);
  const quiet = preferences.quiet_hours;
  const quietForm = useForm({ notify_from: quiet?.start || '', notify_until: quiet?.end || '' }, { fieldMap: QUIET_FIELDS });
  const kindsForm = useForm(
    Object.fromEntries(preferences.kinds.filter((k) => k.can_switch_off).map((k) => [`kind-${k.kind}`, k.enabled])),
  );
  return html`
    <${ErrorSummary} errors=${{ ...quietForm.errors, ...kindsForm.errors }} general=${quietForm.general || kindsForm.general} />
    <p><a href="/reminders">${t('account.notifications.remindersLink')}</a></p>
    <section aria-labelledby="reach-title">
      <h2 class="heading-m" id="reach-title">${t('account.notifications.reachTitle')}</h2>
      <p>${t('account.notifications.reachText')}</p>
      <${ChannelChooser} channels=${preferences.channels} setBy=${preferences.channels_set_by}
        reach=${preferences.reach} onSave=${(channels) => patch(PREFERENCES, { channels })} />
    </section>
    <${QuietHoursForm} form=${quietForm} preferences=${preferences} onSaved=${setPreferences} />
    <${KindsForm} form=${kindsForm} preferences=${preferences} onSaved=${setPreferences} />
    <${Devices} devices=${data.devices} thisEndpoint=${data.thisEndpoint} onChanged=${reload} />
    <${TestNotification} onDone=${reload} />
    <p><a href="/inbox">${t('account.notifications.inboxLink')}</a></p>
  `;
}

/** /notification-settings */
export function NotificationSettings() {
  const { data, error, reload } = useResource(loadSettings, []);
  return html`
    <${Page} title=${t('account.notifications.title')} back=${{ href: '/', label: t('account.home') }}>
      <${Problem} error=${error} />
      ${!data && !error && html`<${Loading} />`}
      ${data && html`<${SettingsBody} data=${data} reload=${reload} />`}
    </${Page}>
  `;
}
