// An app address that does not exist.
import { html } from '../../html.js';
import { Page } from '../../ui/page.js';

export function NotFound() {
  return html`
    <${Page} title="Page not found">
      <p>If you typed the web address, check it is correct.</p>
      <p><a href="/">Go to the home page</a> or <a href="/help">get help now</a>.</p>
    </${Page}>
  `;
}
