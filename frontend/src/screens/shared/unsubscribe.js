// "Stop reminder e-mails?": the page a reminder e-mail's unsubscribe link opens (issue 14). Opening it
// changes nothing (mail scanners open every link); the one button turns reminder e-mails off for the
// person the link names, whoever is signed in here. Mail clients do the same by RFC 8058's one click.
import { useState } from 'preact/hooks';
import { ApiError, post } from '../../api.js';
import { html } from '../../html.js';
import { ErrorSummary } from '../../ui/forms.js';
import { Button, Page, Panel } from '../../ui/page.js';

const OFF = 'Reminder e-mails are off';

export function Unsubscribe({ params }) {
  const [state, setState] = useState('asking'); // asking | busy | done | gone
  const [problem, setProblem] = useState(null);

  const onSubmit = async (event) => {
    event.preventDefault();
    if (state === 'busy') return;
    setState('busy');
    setProblem(null);
    try {
      await post(`/unsubscribe/${encodeURIComponent(params.token)}`, {});
      setState('done');
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        setState('gone');
        return;
      }
      setProblem(error.message || 'Something went wrong. Please try again.');
      setState('asking');
    }
  };

  if (state === 'done') {
    return html`<${Page} title=${OFF}>
      <${Panel} title=${OFF}><p>You can turn them on again in Reminders settings.</p></${Panel}>
      <p><a href="/reminders">Reminders settings</a></p>
    </${Page}>`;
  }
  if (state === 'gone') {
    return html`<${Page} title="This link isn't valid any more">
      <p>You can turn reminder e-mails off in your Reminders settings.</p>
      <p><a href="/reminders">Reminders settings</a></p>
    </${Page}>`;
  }
  return html`<${Page} title="Stop reminder e-mails?">
    <${ErrorSummary} errors=${{}} general=${problem} />
    <p>We'll stop sending you reminder e-mails about check-ins and replies. You'll still see them in the app's inbox,
      and by any other way you chose.</p>
    <p>You can turn them on again at any time in Reminders settings.</p>
    <form onSubmit=${onSubmit} class="unsubscribe-form">
      <${Button} busy=${state === 'busy'}>Stop reminder e-mails</${Button}>
    </form>
  </${Page}>`;
}
