// The parts of the stepped profile form a coordinator sees when filling a profile in with the person
// (issue 16): the health-data consent words to read out to them, and whether they agreed (recorded as
// given out loud, with the version of the words read). The person's own form asks for none of this.
import { html } from '../../html.js';
import { Radios } from '../../ui/forms.js';
import { formatDate, Inset } from '../../ui/page.js';

export { consentChoice, consentRow, WITH_THEM_FIELDS } from './profile-steps-logic.js';

const HOW = { in_app: 'in the app', verbal: 'when a coordinator read them the words', imported: 'before they joined' };

/** The consent already given, or the words to read out and "They agreed" / "They didn't agree". */
export function VerbalConsentField({ form, consent, question }) {
  if (consent.agreed) {
    const when = consent.given_at ? ` on ${formatDate(consent.given_at)}` : '';
    const how = consent.method ? `, ${HOW[consent.method] || consent.method}` : '';
    return html`<${Inset}>They have agreed to the centre keeping health information${when}${how}.</${Inset}>`;
  }
  return html`
    <h2 class="heading-m">Health information</h2>
    <p>Read these words out to them, then ask whether they agree.</p>
    <div class="consent-text consent-read-out" aria-label="The words to read out">
      ${consent.text.split(/\n\n+/).map((paragraph) => html`<p key=${paragraph}>${paragraph}</p>`)}
      <p class="hint">Version ${consent.version}</p>
    </div>
    <${Radios} id="health_agreed" legend=${question} error=${form.errors.health_agreed}
      value=${form.values.health_agreed} onChange=${form.set('health_agreed')}
      options=${[
        { value: 'yes', label: 'They agreed', hint: `We'll record that you read them these words (version ${consent.version}) and they agreed.` },
        { value: 'no', label: "They didn't agree, or would rather not say", hint: "We won't ask about the person's health." },
      ]} />
  `;
}
