// The app's words in the person's language (issue 17). Every text a person reads goes through t(id,
// values): the message with that id in the current language's catalogue, an ICU message (plural and
// select rules, https://unicode-org.github.io/icu/userguide/format_parse/messages/) formatted by
// intl-messageformat. The catalogues are frontend/locales/<locale>/<area>.json; the build compiles each
// into a chunk of its own (src/generated/messages/<locale>/<area>.js, tools/messages.mjs) holding the
// messages already parsed, so the app ships intl-messageformat without its parser and a language's
// words are fetched only when that language is used. The shell's words come with the first load; a
// role's words with that role's screens (screens/roles.js). Dates, times and numbers go through Intl
// in the current language.
import { IntlMessageFormat } from 'intl-messageformat';
import { useEffect, useState } from 'preact/hooks';
// The words of the way to help ("Help now", the crisis lines, "I need help now") in English come with
// the app itself: should a language's catalogue not arrive, a call for help is never blocked by it.
import CRISIS_FALLBACK from './generated/messages/crisis-fallback.js';

export const DEFAULT_LOCALE = 'en-GB';
// The languages carerlink is written in, each named in its own words (the language switch never
// translates these: a person looks for the name of their own language).
export const LANGUAGES = [
  { locale: 'en-GB', name: 'English' },
  { locale: 'cy', name: 'Cymraeg' },
  { locale: 'ur', name: 'اردو' },
  { locale: 'pl', name: 'Polski' },
];
// A made-up language for the tests only (accented and lengthened English): any English left on a
// screen in it was never translated. Never offered in the switch.
export const PSEUDO_LOCALE = 'en-XA';
const RIGHT_TO_LEFT = new Set(['ur']);
const LOCALE_KEY = 'carerlink.locale';
// The catalogue's areas: 'first' (crisis and shell together, tools/messages.mjs) comes with the first
// load; the pages of joining and my details load 'account' (app.js), each part of the app the others it
// needs (screens/roles.js).
export const AREAS = ['first', 'account', 'shared', 'vocabulary', 'carer', 'buddy', 'coordinator', 'running'];
const FIRST_AREAS = ['first'];
// A role's words in one chunk (tools/messages.mjs writes them): asking for one loads all its areas.
export const BUNDLES = {
  'role-carer': ['account', 'shared', 'vocabulary', 'carer'],
  'role-buddy': ['account', 'shared', 'vocabulary', 'buddy'],
  'role-coordinator': ['account', 'shared', 'vocabulary', 'coordinator'],
};
// A role's home with only the words it shows (tools/messages.mjs HOME_BUNDLES finds them in its modules):
// the carer's home on a slow line waits for these, and the role's bundle, which holds them all, comes with
// the role's other screens.
export const HOME_BUNDLES = { 'home-carer': 'role-carer' };
const holds = (locale, area) =>
  (BUNDLES[area] || [area]).every((part) => loadedAreas.has(`${locale}/${part}`)) ||
  loadedAreas.has(`${locale}/${area}`) ||
  (area in HOME_BUNDLES && holds(locale, HOME_BUNDLES[area]));
function markLoaded(locale, area) {
  loadedAreas.add(`${locale}/${area}`);
  for (const part of BUNDLES[area] || []) loadedAreas.add(`${locale}/${part}`);
}

let current = DEFAULT_LOCALE;
let messages = {}; // id → string (a message without arguments) or a parsed ICU message
const loadedAreas = new Set(); // "locale/area" of what is in ``messages``
const wantedAreas = new Set(); // every area asked for so far: a change of language brings them all
let switching = 0; // the latest setLocale wins over one still on its way
let version = 0; // how many times the words changed (useWordsVersion)
const formatters = new Map();
const listeners = new Set();

/** ``tag`` as one of the app's languages ("cy-GB" → "cy", "en-US" → "en-GB"), else null. */
export function supportedLocale(tag) {
  if (!tag || typeof tag !== 'string') return null;
  if (tag === PSEUDO_LOCALE) return PSEUDO_LOCALE;
  const language = tag.split(/[-_]/)[0].toLowerCase();
  if (language === 'en') return DEFAULT_LOCALE;
  return LANGUAGES.some((l) => l.locale === language) ? language : null;
}

/** The first guess before anyone has chosen: this device's last choice, else the browser's languages. */
export function guessLocale({ stored = readStored(), languages = globalThis.navigator?.languages || [] } = {}) {
  const fromDevice = supportedLocale(stored);
  if (fromDevice) return fromDevice;
  for (const tag of languages) {
    const found = supportedLocale(tag);
    if (found) return found;
  }
  return DEFAULT_LOCALE;
}

function readStored() {
  try {
    return globalThis.localStorage?.getItem(LOCALE_KEY) || null;
  } catch {
    return null;
  }
}

/** Remember ``locale`` on this device (the sign-in page's switch, My details). */
export function rememberLocale(locale) {
  try {
    globalThis.localStorage?.setItem(LOCALE_KEY, locale);
  } catch {
    // Private browsing without storage: the choice lasts this visit.
  }
}

export function currentLocale() {
  return current;
}

let requested = DEFAULT_LOCALE;

/** The language last asked for (setLocale), which may still be on its way: the one the app is going to. */
export function requestedLocale() {
  return requested;
}

/** "rtl" for a language written right to left (Urdu), else "ltr". */
export function directionOf(locale = current) {
  return RIGHT_TO_LEFT.has(locale) ? 'rtl' : 'ltr';
}

function catalogue(locale, area) {
  // esbuild turns this into one chunk per file of src/generated/messages/ (a language's area).
  return import(`./generated/messages/${locale}/${area}.js`).then((module) => module.default);
}

/**
 * Fetch ``areas`` of the current language's catalogue (once each). Resolves when they are here; a
 * catalogue that cannot be fetched is tried again next time (its messages show their ids meanwhile).
 */
export async function loadAreas(areas) {
  for (const area of areas) wantedAreas.add(area);
  const locale = current;
  const wanted = areas.filter((area) => !holds(locale, area));
  if (!wanted.length) return;
  const found = await Promise.all(wanted.map((area) => catalogue(locale, area)));
  if (locale !== current) return loadAreas(areas); // the language changed meanwhile: these, in it
  messages = Object.assign({ ...messages }, ...found);
  for (const area of wanted) markLoaded(locale, area);
  formatters.clear();
}

/**
 * Show the app in ``locale``: fetch every area already in use in that language, then switch (the page's
 * lang and dir follow) and re-render whoever listens (useWordsVersion). An unknown language is English.
 */
export async function setLocale(locale) {
  const chosen = supportedLocale(locale) || DEFAULT_LOCALE;
  requested = chosen;
  const areas = new Set([...FIRST_AREAS, ...wantedAreas]);
  if (chosen === current && [...areas].every((area) => holds(chosen, area))) return chosen;
  const turn = ++switching;
  const found = await Promise.all([...areas].map((area) => catalogue(chosen, area)));
  if (turn !== switching) return current; // another language was asked for since: it wins
  current = chosen;
  messages = Object.assign({}, ...found);
  loadedAreas.clear();
  for (const area of areas) markLoaded(chosen, area);
  formatters.clear();
  const root = globalThis.document?.documentElement;
  if (root) {
    root.lang = chosen;
    root.dir = directionOf(chosen);
  }
  version += 1;
  for (const listener of listeners) listener(chosen);
  return chosen;
}

/**
 * Re-render when the words change: returns "<locale>#<n>", new whenever a language's words arrive (a
 * switch, or the first catalogue arriving after the app had to start without it).
 */
export function useWordsVersion() {
  const [value, setValue] = useState(`${current}#${version}`);
  useEffect(() => {
    const listener = () => setValue(`${current}#${version}`);
    listeners.add(listener);
    listener();
    return () => listeners.delete(listener);
  }, []);
  return value;
}

/**
 * For a screen whose words are in ``areas`` (beyond the first load): 'ready' once they are here (at once
 * when they already are), 'waiting' meanwhile, 'failed' when they could not be fetched.
 */
export function useWords(areas) {
  const key = `${current}|${areas.join(' ')}`;
  const ready = () => areas.every((area) => holds(current, area));
  const [state, setState] = useState({ key, status: ready() ? 'ready' : 'waiting' });
  useEffect(() => {
    if (ready()) return undefined;
    let live = true;
    loadAreas(areas).then(
      () => live && setState({ key, status: 'ready' }),
      () => live && setState({ key, status: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  if (ready()) return 'ready';
  return state.key === key && state.status === 'failed' ? 'failed' : 'waiting';
}

/** Is there a message ``id`` in the current language (loaded)? */
export function hasMessage(id) {
  return id in messages;
}

/**
 * The message ``id`` in the current language, with ``values`` put in ({name}, {count, plural, …},
 * {role, select, …}). A message not loaded (its catalogue could not be fetched) shows its id.
 */
export function t(id, values) {
  const message = messages[id] ?? CRISIS_FALLBACK[id];
  if (message === undefined) return id;
  if (typeof message === 'string') return message;
  let formatter = formatters.get(id);
  if (!formatter) {
    formatter = new IntlMessageFormat(message, id in messages ? intlLocale() : DEFAULT_LOCALE);
    formatters.set(id, formatter);
  }
  return String(formatter.format(values));
}

const intlLocale = () => (current === PSEUDO_LOCALE ? DEFAULT_LOCALE : current);

/** A date (a Date, or an ISO string) in the current language: "Monday 7 December 2026" by default. */
export function formatDate(value, options = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }) {
  const date = value instanceof Date ? value : new Date(value);
  return new Intl.DateTimeFormat(intlLocale(), options).format(date);
}

/** A number in the current language (Urdu keeps the digits people read, 0-9, as Pakistan does). */
export function formatNumber(value, options = {}) {
  return new Intl.NumberFormat(intlLocale(), options).format(value);
}

/** Names joined as people say them in the current language: "Helen and Sam", "Helen, Sam a Ruth". */
export function formatList(items, type = 'conjunction') {
  const joined = new Intl.ListFormat(intlLocale(), { style: 'long', type }).format(items);
  // Welsh "and" is "ac" before a vowel and "a" otherwise; CLDR leaves it as "a(c)".
  return current === 'cy' ? joined.replace(/ a\(c\) (?=(\S))/g, (_, next) => (/[aeiouwyâêîôûŵŷ]/i.test(next) ? ' ac ' : ' a ')) : joined;
}

/** For the node tests: load ``areas`` of ``locale`` and make it current. */
export async function useLocaleForTests(locale = DEFAULT_LOCALE, areas = AREAS) {
  await setLocale(locale);
  await loadAreas(areas);
}
