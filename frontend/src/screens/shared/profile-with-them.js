// The parts of the stepped profile form a coordinator sees when filling a profile in with the person
// (issue 16): the health-data consent words to read out to them, and whether they agreed (recorded as
// given out loud, with the version of the words read). The person's own form asks for none of this.
import { t } from '../../i18n.js';
import { html } from '../../html.js';
import { Radios } from '../../ui/forms.js';
import { formatDate, Inset } from '../../ui/page.js';
import { consentHow } from './profile-steps-logic.js';

export { consentChoice, consentRow, WITH_THEM_FIELDS } from './profile-steps-logic.js';

/** The consent already given, or the words to read out and "They agreed" / "They didn't agree". */
export function VerbalConsentField({ form, consent, question }) {
  if (consent.agreed) {
    const words = t('shared.withThem.agreedAlready', {
      dated: consent.given_at ? 'yes' : 'no',
      date: consent.given_at ? formatDate(consent.given_at) : '',
      how: consent.method || 'none',
    });
    const how = consentHow(consent);
    return html`<${Inset}><p>${words}</p>${how && html`<p>${how}</p>`}</${Inset}>`;
  }
  return html`
    <h2 class="heading-m">${t('shared.profile.healthInformation')}</h2>
    <p>${t('shared.withThem.readOut')}</p>
    <div class="consent-text consent-read-out" aria-label=${t('shared.withThem.wordsLabel')}>
      ${consent.text.split(/\n\n+/).map((paragraph) => html`<p key=${paragraph}>${paragraph}</p>`)}
      <p class="hint">${t('shared.withThem.version', { version: consent.version })}</p>
    </div>
    <${Radios} id="health_agreed" legend=${question} error=${form.errors.health_agreed}
      value=${form.values.health_agreed} onChange=${form.set('health_agreed')}
      options=${[
        { value: 'yes', label: t('shared.withThem.yes'), hint: t('shared.withThem.yesHint', { version: consent.version }) },
        { value: 'no', label: t('shared.withThem.no'), hint: t('shared.withThem.noHint') },
      ]} />
  `;
}
