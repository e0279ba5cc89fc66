// Reminders on this phone: explain first, ask for permission only on the tap of "Turn on reminders";
// on an iPhone, add carerlink to the Home Screen first; when blocked, how to allow it again.
// Notification settings (/notification-settings): quiet hours, which kinds of notification reach my
// devices, my devices (remove one), and a test notification with what happened on each device; how we
// reach me (issue 14): push, e-mail and text in my order.
import { useEffect, useState } from 'preact/hooks';
import { del, get, patch, post } from '../../api.js';
import { html } from '../../html.js';
import { currentSubscription, isAppleMobile, pushState, RemindersUnavailable, turnOffReminders, turnOnReminders } from '../../push.js';
import { Checkbox, ErrorSummary, TextInput, useForm } from '../../ui/forms.js';
import { Button, formatDate, Inset, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { currentOrganisation, useSession } from '../../session.js';
import { remindersLead } from '../../text.js';
import { ChannelChooser } from './channels.js';
import { parseQuietHours, timeAgo } from './logic.js';

function AddToHomeScreen() {
  return html`
    <p>On an iPhone or iPad, reminders only work once carerlink is on your Home Screen.</p>
    <ol class="steps">
      <li>Tap the Share button <span aria-hidden="true">(a square with an arrow pointing up)</span> at the bottom
        or top of Safari.</li>
      <li>Scroll down and tap <strong>Add to Home Screen</strong>.</li>
      <li>Tap <strong>Add</strong>.</li>
      <li>Open carerlink from your Home Screen, then come back to this page.</li>
    </ol>
  `;
}

function Blocked() {
  return html`
    <p>Notifications from carerlink are turned off in this phone's settings, so we can't remind you.</p>
    <h2 class="heading-m">To turn them back on</h2>
    ${isAppleMobile()
      ? html`<p>Open <strong>Settings</strong>, tap <strong>Notifications</strong>, find carerlink and turn
          on <strong>Allow Notifications</strong>.</p>`
      : html`<p>Tap the icon beside the web address (or open the browser's menu),
          choose <strong>Site settings</strong> or <strong>Permissions</strong>, and set Notifications to <strong>Allow</strong>. Then come back to this page.</p>`}
    <${Inset}>You can still see everything in carerlink when you open it: nothing is lost without reminders.</${Inset}>
  `;
}

/**
 * Turning reminders on failed (issue 11): what to try, in order, and that nothing is lost meanwhile.
 * ``reason`` is a known cause (the service has no reminders set up, this device was not saved).
 */
function RemindersFailed({ reason, onRetry, busy }) {
  return html`
    <div class="error-summary" role="alert">
      <h2 class="error-summary-title">Reminders didn't turn on</h2>
      ${reason && html`<p>${reason}</p>`}
      <p>Things to try:</p>
      <ul class="steps">
        <li>Check this phone is online, then try again.</li>
        <li>In your phone's settings, make sure notifications are allowed
          for ${isAppleMobile() ? 'carerlink' : 'this browser'}.</li>
        <li>On an iPhone or iPad, add carerlink to your Home Screen first
          (Share, then <strong>Add to Home Screen</strong>), and open it from there.</li>
      </ul>
      <p>Until then, nothing is lost: check-ins, replies and messages still arrive in
        your <a href="/inbox">inbox</a> whenever you open carerlink.</p>
    </div>
    <${Button} type="button" busy=${busy} onClick=${onRetry}>Try again</${Button}>
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
      setError({ message: 'We could not turn off reminders. Please try again.' });
    } finally {
      setBusy(false);
    }
  }

  let body;
  if (state === 'needs-install') body = html`<${AddToHomeScreen} />`;
  else if (state === 'unsupported') {
    body = html`<p>This browser can't show reminders. You can still see everything in carerlink when you open it.</p>`;
  } else if (state === 'denied') body = html`<${Blocked} />`;
  else if (subscribed === undefined) body = html`<${Loading} />`;
  else if (state === 'granted' && subscribed) {
    body = html`
      <${Panel} title="Reminders are on for this phone" />
      <p>We'll remind you before a check-in and tell you when your buddy replies.</p>
      <${Button} type="button" variant="secondary" busy=${busy} onClick=${turnOff}>Turn off reminders on this phone</${Button}>
    `;
  } else {
    body = html`
      <p class="lead">${lead}</p>
      <p>Reminders never show anything private: just "You have a new check-in" and similar.</p>
      <p>When you tap the button, your phone will ask whether carerlink may send notifications.
        Choose <strong>Allow</strong>.</p>
      <${Button} type="button" busy=${busy} onClick=${turnOn}>Turn on reminders</${Button}>
    `;
  }
  return html`
    <${Page} title="Reminders" back=${{ href: '/', label: 'Home' }}>
      ${error?.turningOn
        ? html`<${RemindersFailed} reason=${error.reason} onRetry=${turnOn} busy=${busy} />`
        : html`<${Problem} error=${error} />${body}`}
      <p><a href="/notification-settings">Quiet hours, what we tell you about, and your devices</a></p>
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
        setSaved(now ? `Quiet hours saved: ${now.start} to ${now.end}.` : 'Quiet hours are off.');
        onSaved(result);
      },
    });
  };
  return html`
    <section aria-labelledby="quiet-title">
      <h2 class="heading-m" id="quiet-title">Quiet hours</h2>
      <p>Notifications wait until your quiet hours end before they reach your devices. You can still see them
        in carerlink at any time. Urgent alerts still come.</p>
      <form onSubmit=${(event) => save(event)} novalidate>
        <fieldset class="fieldset" aria-describedby="notify-times-hint">
          <legend class="visually-hidden">Quiet hours</legend>
          <p class="hint" id="notify-times-hint">On the 24-hour clock, in your time zone
            (${preferences.time_zone.replaceAll('_', ' ')}). For example, 22:00 to 07:00. Leave both empty for none.</p>
          <div class="buddy-times">
            <${TextInput} id="notify_from" label="From" inputmode="numeric" autocomplete="off" width="5"
              value=${form.values.notify_from} onInput=${form.set('notify_from')} error=${form.errors.notify_from} />
            <${TextInput} id="notify_until" label="Until" inputmode="numeric" autocomplete="off" width="5"
              value=${form.values.notify_until} onInput=${form.set('notify_until')} error=${form.errors.notify_until} />
          </div>
        </fieldset>
        <p class="settings-saved" role="status">${saved}</p>
        <div class="button-group">
          <${Button} busy=${form.busy}>Save quiet hours</${Button}>
          ${preferences.quiet_hours &&
          html`<${Button} type="button" variant="secondary" busy=${form.busy}
            onClick=${(event) => save(event, true)}>Turn off quiet hours</${Button}>`}
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
        setSaved('Your choices are saved.');
        onSaved(result);
      },
    });
  };
  if (!preferences.kinds.length) return null;
  return html`
    <section aria-labelledby="kinds-title">
      <h2 class="heading-m" id="kinds-title">What we tell you about</h2>
      <form onSubmit=${onSubmit} novalidate>
        ${switchable.length > 0 &&
        html`<fieldset class="fieldset">
          <legend class="legend">Send a notification to my devices:</legend>
          <p class="hint">Whatever you choose, everything still appears in your notifications in carerlink.</p>
          ${switchable.map(
            (kind) => html`<${Checkbox} key=${kind.kind} id=${`kind-${kind.kind}`} label=${kind.label}
              hint=${kind.during_quiet_hours ? 'Comes even during quiet hours.' : undefined}
              checked=${form.values[`kind-${kind.kind}`]} onChange=${form.set(`kind-${kind.kind}`)} />`,
          )}
        </fieldset>`}
        ${always.length > 0 &&
        html`<p>These always come, even during quiet hours, because someone may need help now:</p>
          <ul>${always.map((kind) => html`<li key=${kind.kind}>${kind.label}</li>`)}</ul>`}
        <p class="settings-saved" role="status">${saved}</p>
        ${switchable.length > 0 && html`<${Button} busy=${form.busy}>Save choices</${Button}>`}
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
      setRemoved(`${device.label} removed. It won't get notifications any more.`);
      onChanged();
    } catch (problem) {
      setError(problem);
    }
  };
  return html`
    <section aria-labelledby="devices-title">
      <h2 class="heading-m" id="devices-title">Your devices</h2>
      <${Problem} error=${error} />
      <p class="settings-saved" role="status">${removed}</p>
      ${devices.length === 0
        ? html`<p>No devices get notifications from carerlink at the moment.${' '}
            <a href="/reminders">Turn on reminders on this phone</a>.</p>`
        : html`<ul class="list">
            ${devices.map(
              (device) => html`<li class="list-item" key=${device.id}>
                <span class="list-title">${device.label}${device.endpoint === thisEndpoint && ' (this phone)'}</span>
                <span class="list-meta">Added ${formatDate(device.created_at)}.
                  ${device.last_success_at ? ` Last reached ${timeAgo(device.last_success_at)}.` : ' Not reached yet.'}</span>
                <${Button} type="button" variant="secondary" onClick=${remove(device)}>
                  Remove<span class="visually-hidden"> ${device.label}</span></${Button}>
              </li>`,
            )}
          </ul>`}
    </section>
  `;
}

const OUTCOME_TITLES = { sent: 'Sent', gone: 'Removed', retry: 'Not sent yet', rate_limited: 'Not sent', deferred: 'Not sent', rejected: 'Refused' };

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
      <h2 class="heading-m" id="test-title">Check notifications work</h2>
      <p>We'll send "Notifications are working" to each of your devices and tell you what happened.</p>
      <${Problem} error=${error} />
      <${Button} type="button" variant="secondary" busy=${busy} onClick=${send}>Send a test notification</${Button}>
      <div role="status" class="test-report">
        ${report &&
        (report.devices.length === 0
          ? html`<p>You have no devices with notifications turned on, so there was nothing to send.${' '}
              <a href="/reminders">Turn on reminders on this phone</a> first.</p>`
          : html`<ul class="list">
              ${report.devices.map(
                (device) => html`<li class="list-item" key=${device.subscription_id}>
                  <span class="list-title">${device.label}: ${OUTCOME_TITLES[device.outcome] || device.outcome}</span>
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
    <p><a href="/reminders">Turn reminders on or off on this phone</a></p>
    <section aria-labelledby="reach-title">
      <h2 class="heading-m" id="reach-title">How we reach you</h2>
      <p>We send each reminder the first way on this list that works. If it doesn't get through, we try
        the next one, once. Quiet hours and your choices below apply to all of them.</p>
      <${ChannelChooser} channels=${preferences.channels} setBy=${preferences.channels_set_by}
        reach=${preferences.reach} onSave=${(channels) => patch(PREFERENCES, { channels })} />
    </section>
    <${QuietHoursForm} form=${quietForm} preferences=${preferences} onSaved=${setPreferences} />
    <${KindsForm} form=${kindsForm} preferences=${preferences} onSaved=${setPreferences} />
    <${Devices} devices=${data.devices} thisEndpoint=${data.thisEndpoint} onChanged=${reload} />
    <${TestNotification} onDone=${reload} />
    <p><a href="/inbox">See your notifications</a></p>
  `;
}

/** /notification-settings */
export function NotificationSettings() {
  const { data, error, reload } = useResource(loadSettings, []);
  return html`
    <${Page} title="Notification settings" back=${{ href: '/', label: 'Home' }}>
      <${Problem} error=${error} />
      ${!data && !error && html`<${Loading} />`}
      ${data && html`<${SettingsBody} data=${data} reload=${reload} />`}
    </${Page}>
  `;
}
