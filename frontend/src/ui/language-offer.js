// The organisation's language offer (issue 17): the Welsh Active Offer, Welsh first to everyone who has
// not chosen. It asks in the offered language and in the one on screen, so its few words come in every
// language at once (a module of its own, fetched only where a centre makes an offer).
import { IntlMessageFormat } from 'intl-messageformat';
import { html } from '../html.js';
import { currentLocale, directionOf, LANGUAGES, supportedLocale } from '../i18n.js';
import CY from '../generated/messages/cy/switch.js';
import EN from '../generated/messages/en-GB/switch.js';
import XA from '../generated/messages/en-XA/switch.js';
import PL from '../generated/messages/pl/switch.js';
import UR from '../generated/messages/ur/switch.js';

const WORDS = { 'en-GB': EN, cy: CY, ur: UR, pl: PL, 'en-XA': XA };

/** The offer's message ``id`` in ``locale`` (its words are in every language at once). */
export function wordsIn(locale, id, values) {
  const words = WORDS[supportedLocale(locale)] || EN;
  const message = words[id] ?? EN[id];
  if (typeof message === 'string') return message;
  return String(new IntlMessageFormat(message, supportedLocale(locale) === 'en-XA' ? 'en-GB' : supportedLocale(locale) || 'en-GB').format(values));
}

/** The code a message's {code, select, …} takes for ``locale``. */
const codeOf = (locale) => (locale === 'en-GB' ? 'en' : locale);

/**
 * The organisation's offer to someone who has not chosen: the question in the offered language and, when
 * the screen is in another, in that one too; a button for each. ``onChoose(locale)`` saves the choice.
 */
export function LanguageOffer({ offer, onChoose }) {
  const offered = supportedLocale(offer);
  if (!offered) return null;
  const current = currentLocale();
  const askIn = [...new Set([offered, current === offered ? 'en-GB' : current])];
  const options = [...new Set([offered, 'en-GB'])];
  return html`
    <section class="language-offer" aria-labelledby="language-offer-question">
      <h2 class="heading-s" id="language-offer-question">
        ${askIn.map(
          (locale, index) => html`<span key=${locale} lang=${locale} dir=${directionOf(locale)} class="language-offer-line"
            >${index ? ' / ' : ''}${wordsIn(locale, 'switch.offer.question', { code: codeOf(offered) })}</span
          >`,
        )}
      </h2>
      <div class="language-offer-buttons">
        ${options.map((locale) => {
          const name = LANGUAGES.find((l) => l.locale === locale).name;
          return html`<button type="button" class="button ${locale === offered ? 'button-primary' : 'button-secondary'}"
            lang=${locale} dir=${directionOf(locale)} onClick=${() => onChoose(locale)}>${name}</button>`;
        })}
      </div>
      <p class="hint">${wordsIn(currentLocale(), 'switch.offer.later')}</p>
    </section>
  `;
}
