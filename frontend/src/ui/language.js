// Choosing a language (issue 17): the switch the sign-in and invitation pages always show, the choice
// in My details, the organisation's language offer (the Welsh Active Offer: Welsh first, to everyone
// who has not chosen), and following a person's own choice on every device they sign in on.
//
// The switch names each language in its own words and its own script (lang set on each, so a screen
// reader says it right). Its few words are in every language at once (the offer asks in the offered
// language and in the one on screen), so they come with the app itself rather than a catalogue chunk.
import { IntlMessageFormat } from 'intl-messageformat';
import { html } from '../html.js';
import { currentLocale, directionOf, LANGUAGES, rememberLocale, setLocale, supportedLocale } from '../i18n.js';
import CY from '../generated/messages/cy/switch.js';
import EN from '../generated/messages/en-GB/switch.js';
import XA from '../generated/messages/en-XA/switch.js';
import PL from '../generated/messages/pl/switch.js';
import UR from '../generated/messages/ur/switch.js';

const WORDS = { 'en-GB': EN, cy: CY, ur: UR, pl: PL, 'en-XA': XA };
// A language chosen with the switch on this visit (sign-in and invitation send it: it becomes the
// person's own choice). A choice remembered from an earlier visit is only this device's first guess.
let chosenHere = null;

/** The switch's message ``id`` in ``locale`` (its words are in every language at once). */
export function wordsIn(locale, id, values) {
  const words = WORDS[supportedLocale(locale)] || WORDS[currentLocale()] || EN;
  const message = words[id] ?? EN[id];
  if (typeof message === 'string') return message;
  return String(new IntlMessageFormat(message, supportedLocale(locale) || 'en-GB').format(values));
}

const words = (id, values) => wordsIn(currentLocale(), id, values);

/** The code a message's {code, select, …} takes for ``locale``. */
const codeOf = (locale) => (locale === 'en-GB' ? 'en' : locale);

/** The language chosen with the switch on this visit, or null. */
export function languageChosenHere() {
  return chosenHere;
}

/** Show carerlink in ``locale`` and remember it on this device. */
export async function chooseLanguage(locale) {
  const chosen = await setLocale(locale);
  rememberLocale(chosen);
  chosenHere = chosen;
  return chosen;
}

/**
 * After signing in, and whenever the session is loaded: the language the server says this person
 * uses (their own choice, or their organisation's offer until they choose) wins over this device's
 * guess; their own choice is remembered on the device for the next cold start.
 */
export function followPersonLanguage(me) {
  const wanted = supportedLocale(me?.app_locale);
  if (!wanted) return Promise.resolve(currentLocale());
  if (me.locale_chosen) rememberLocale(wanted);
  return wanted === currentLocale() ? Promise.resolve(wanted) : setLocale(wanted);
}

/**
 * The language switch: every language in its own name, the current one marked. ``onChoose`` runs after
 * the app has switched (My details saves the choice to the account).
 */
export function LanguageSwitch({ onChoose = null }) {
  const current = currentLocale();
  const choose = async (locale) => {
    await chooseLanguage(locale);
    if (onChoose) await onChoose(locale);
  };
  return html`
    <nav class="language-switch" aria-label=${words('switch.label')}>
      <ul class="language-switch-list">
        ${LANGUAGES.map(
          ({ locale, name }) => html`<li key=${locale}>
            <button
              type="button"
              class="language-switch-button"
              lang=${locale}
              dir=${directionOf(locale)}
              aria-pressed=${locale === current ? 'true' : 'false'}
              onClick=${() => choose(locale)}
            >${name}</button>
          </li>`,
        )}
      </ul>
    </nav>
  `;
}

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
    <section class="language-offer panel" aria-labelledby="language-offer-question">
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
      <p class="hint">${words('switch.offer.later')}</p>
    </section>
  `;
}

/** The choice in My details: a radio group of the languages, each in its own name. */
export function LanguageChoice({ value, onChange, legend }) {
  return html`
    <fieldset class="fieldset">
      <legend class="legend">${legend || words('switch.label')}</legend>
      <div class="choices">
        ${LANGUAGES.map(
          ({ locale, name }) => html`<div class="choice" key=${locale}>
            <input class="choice-input" type="radio" name="language" id=${`language-${locale}`} value=${locale}
              checked=${value === locale} onChange=${() => onChange(locale)} />
            <label class="choice-label" for=${`language-${locale}`} lang=${locale} dir=${directionOf(locale)}>${name}</label>
          </div>`,
        )}
      </div>
    </fieldset>
  `;
}
