// Choosing a language (issue 17): the switch the sign-in and invitation pages always show, the choice
// in My details, the organisation's language offer (the Welsh Active Offer: Welsh first, to everyone
// who has not chosen), and following a person's own choice on every device they sign in on.
//
// The switch names each language in its own words and its own script (lang set on each, so a screen
// reader says it right). The offer (ui/language-offer.js) is fetched only where a centre makes one.
import { html } from '../html.js';
import {
  currentLocale,
  directionOf,
  LANGUAGES,
  PSEUDO_LOCALE,
  rememberLocale,
  requestedLocale,
  setLocale,
  supportedLocale,
  t,
} from '../i18n.js';
// A language chosen with the switch on this visit (sign-in and invitation send it: it becomes the
// person's own choice). A choice remembered from an earlier visit is only this device's first guess.
let chosenHere = null;

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
  // The tests' pseudo-locale, set on this device, stays whatever the person chose.
  if (!wanted || requestedLocale() === PSEUDO_LOCALE) return Promise.resolve(requestedLocale());
  if (me.locale_chosen) rememberLocale(wanted);
  // Compared with the language the app is going to (its first guess may still be arriving).
  return wanted === requestedLocale() ? Promise.resolve(wanted) : setLocale(wanted);
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
    <nav class="language-switch" aria-label=${t('shell.language.label')}>
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

/** The choice in My details: a radio group of the languages, each in its own name. */
export function LanguageChoice({ value, onChange, legend }) {
  return html`
    <fieldset class="fieldset">
      <legend class="legend">${legend || t('shell.language.label')}</legend>
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
