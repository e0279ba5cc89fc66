// An app address that does not exist.
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { Page } from '../../ui/page.js';

export function NotFound() {
  return html`
    <${Page} title=${t('shell.notFound.title')}>
      <p>${t('shell.notFound.typed')}</p>
      <p><a href="/">${t('shell.notFound.home')}</a> ${t('shell.notFound.or')} <a href="/help">${t('shell.notFound.help')}</a>${t('shell.notFound.after')}</p>
    </${Page}>
  `;
}
