// Reminders on this phone: explain first, ask for permission only on the tap of "Turn on reminders";
// on an iPhone, add carerlink to the Home Screen first; when blocked, how to allow it again.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { currentSubscription, isAppleMobile, pushState, RemindersUnavailable, turnOffReminders, turnOnReminders } from '../push.js';
import { Button, Inset, Loading, Page, Panel, Problem } from '../ui/page.js';

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
      ? html`<p>Open <strong>Settings</strong>, tap <strong>Notifications</strong>, find carerlink and turn on
          <strong>Allow Notifications</strong>.</p>`
      : html`<p>Tap the icon beside the web address (or open the browser's menu), choose <strong>Site settings</strong>
          or <strong>Permissions</strong>, and set Notifications to <strong>Allow</strong>. Then come back to this page.</p>`}
    <${Inset}>You can still see everything in carerlink when you open it: nothing is lost without reminders.</${Inset}>
  `;
}

export function Reminders() {
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
      setError(problem instanceof RemindersUnavailable ? problem : { message: 'We could not turn on reminders. Please try again.' });
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
      <p class="lead">We'll remind you before your check-in with your buddy, and tell you when they reply.</p>
      <p>Reminders never show anything private: just "You have a new check-in" and similar.</p>
      <p>When you tap the button, your phone will ask whether carerlink may send notifications. Choose
        <strong>Allow</strong>.</p>
      <${Button} type="button" busy=${busy} onClick=${turnOn}>Turn on reminders</${Button}>
    `;
  }
  return html`
    <${Page} title="Reminders" back=${{ href: '/', label: 'Home' }}>
      <${Problem} error=${error} />
      ${body}
    </${Page}>
  `;
}
