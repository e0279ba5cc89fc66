// "Stop reminder e-mails?": the page a reminder e-mail's unsubscribe link opens (issue 14). Opening it
// changes nothing (mail scanners open every link); the one button turns reminder e-mails off for the
// person the link names, whoever is signed in here. Mail clients do the same by RFC 8058's one click.
import { useState } from 'preact/hooks';
import { ApiError, post } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { ErrorSummary } from '../../ui/forms.js';
import { Button, Page, Panel } from '../../ui/page.js';

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
      setProblem(error.message || t('account.unsubscribe.failed'));
      setState('asking');
    }
  };

  if (state === 'done') {
    const off = t('account.unsubscribe.off');
    return html`<${Page} title=${off}>
      <${Panel} title=${off}><p>${t('account.unsubscribe.turnOnAgain')}</p></${Panel}>
      <p><a href="/reminders">${t('account.unsubscribe.settings')}</a></p>
    </${Page}>`;
  }
  if (state === 'gone') {
    return html`<${Page} title=${t('account.unsubscribe.gone')}>
      <p>${t('account.unsubscribe.goneText')}</p>
      <p><a href="/reminders">${t('account.unsubscribe.settings')}</a></p>
    </${Page}>`;
  }
  return html`<${Page} title=${t('account.unsubscribe.title')}>
    <${ErrorSummary} errors=${{}} general=${problem} />
    <p>${t('account.unsubscribe.lead')}</p>
    <p>${t('account.unsubscribe.anyTime')}</p>
    <form onSubmit=${onSubmit} class="unsubscribe-form">
      <${Button} busy=${state === 'busy'}>${t('account.unsubscribe.stop')}</${Button}>
    </form>
  </${Page}>`;
}
