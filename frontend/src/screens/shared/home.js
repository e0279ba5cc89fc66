// Home: one section per role I hold in the organisation I'm looking at; each role's module owns its
// section (carer/home.js, buddy/home.js, coordinator/home.js), loaded through ../roles.js before Home is shown
// (the parts of every role held in any organisation, so switching needs no wait).
import { useEffect, useState } from 'preact/hooks';
import { patch } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { chooseOrganisation, currentOrganisation, organisationsOf, updateMe, useSession } from '../../session.js';
import { chooseLanguage } from '../../ui/language.js';
import { Page } from '../../ui/page.js';
import { roleScreens } from '../roles.js';

const ROLE_ORDER = ['carer', 'buddy', 'coordinator'];
const roleTitle = (role) => t('shell.home.roleTitle', { role });

/**
 * The centre's language offer to someone who has not chosen (issue 17: the Welsh Active Offer), fetched
 * only when there is one. Choosing saves it to the account: it is then theirs on every device.
 */
function Offer({ me }) {
  const [Card, setCard] = useState(null);
  const offered = !me.locale_chosen && me.language_offer;
  useEffect(() => {
    if (!offered || Card) return;
    import('../../ui/language-offer.js').then((m) => setCard(() => m.LanguageOffer), () => {});
  }, [offered]);
  if (!offered || !Card) return null;
  const onChoose = async (locale) => {
    const saved = await patch('/api/v1/me', { locale });
    updateMe(saved);
    await chooseLanguage(locale);
  };
  return html`<${Card} offer=${me.language_offer} onChoose=${onChoose} />`;
}

export function Home() {
  const { me } = useSession();
  const [, redraw] = useState(0);
  const organisation = currentOrganisation(me);
  const organisations = organisationsOf(me);
  const firstName = me.display_name.split(' ')[0];
  if (!organisation) {
    return html`<${Page} title=${t('shell.home.hello', { name: firstName })}>
      <p>${t('shell.home.noCentre')}</p>
    </${Page}>`;
  }
  const roles = ROLE_ORDER.filter((role) => organisation.roles.includes(role));
  return html`
    <${Page} title=${t('shell.home.hello', { name: firstName })} caption=${organisation.name}>
      <${Offer} me=${me} />
      ${organisations.length > 1 &&
      html`<p class="switch-organisation">
        ${organisations
          .filter((o) => o.id !== organisation.id)
          .map(
            (o) => html`<button type="button" class="link-button" key=${o.id}
              onClick=${() => { chooseOrganisation(o.id); redraw((n) => n + 1); }}>${t('shell.home.switchTo', { organisation: o.name })}</button>`,
          )}
      </p>`}
      ${roles.map((role) => {
        const Section = roleScreens([]).sections[role];
        if (!Section) return null;
        return html`<div class="role-section" key=${role}>
          ${roles.length > 1 && html`<h2 class="heading-l">${roleTitle(role)}</h2>`}
          <${Section} organisation=${organisation} />
        </div>`;
      })}
      <ul class="links">
        <li><a href="/reminders">${t('shell.home.remindersLink')}</a></li>
        <li><a href="/me">${t('shell.home.meLink')}</a></li>
      </ul>
    </${Page}>
  `;
}
