// Crisis lines for the "I need help now" page, which must work with no network: the organisation's
// own list from /api/v1/orgs/{slug}/public (kept in the Cache API each time it is fetched), else the
// UK defaults built into the app (DOMAIN.md "Crisis lines"; organisations edit their own list).
import { t } from './i18n.js';
import { PUBLIC_CACHE } from './offline/index.js';

// The built-in lines' descriptions (and the generic "Emergency services") are carerlink's own words,
// read in the current language when shown (getters); the services' names, numbers and the word to
// text (SHOUT) are theirs and stay as they are.
export const DEFAULT_LINES = [
  {
    get name() {
      return t('crisis.line.emergencyName');
    },
    contact: '999',
    how: 'call',
    get description() {
      return t('crisis.line.emergency');
    },
  },
  {
    name: 'NHS 111, option 2',
    contact: '111',
    how: 'call',
    get description() {
      return t('crisis.line.nhs111');
    },
  },
  {
    name: 'Samaritans',
    contact: '116 123',
    how: 'call',
    get description() {
      return t('crisis.line.samaritans');
    },
  },
  {
    name: 'Shout',
    contact: '85258',
    how: 'text',
    get description() {
      return t('crisis.line.shout');
    },
    message: 'SHOUT',
  },
  {
    name: 'Carers UK helpline',
    contact: '0808 808 7777',
    how: 'call',
    get description() {
      return t('crisis.line.carersUk');
    },
  },
];

export function publicUrl(slug) {
  return `/api/v1/orgs/${encodeURIComponent(slug)}/public`;
}

const DEFAULTS = { lines: DEFAULT_LINES, organisation: null, source: 'default' };

function fromSaved(saved) {
  return { lines: saved.crisis_lines, organisation: saved.name, source: 'saved' };
}

/**
 * The crisis lines to show: {lines, organisation, source: "network" | "saved" | "default"}.
 * Each network answer is saved, so the page shows the same numbers later with no signal. ``early``
 * is called at once with the saved list (else the UK defaults) while the network is still being
 * asked, so the numbers are there even on a line that hardly answers (issue 11).
 */
export async function loadCrisisLines(slug, early = null) {
  if (!slug) {
    early?.(DEFAULTS);
    return DEFAULTS;
  }
  const url = publicUrl(slug);
  let answered = false;
  if (early) savedCopy(url).then((saved) => answered || early(saved ? fromSaved(saved) : DEFAULTS));
  try {
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (response.ok) {
      const copy = response.clone();
      const data = await response.json();
      answered = true;
      await saveCopy(url, copy);
      return { lines: data.crisis_lines, organisation: data.name, source: 'network' };
    }
  } catch {
    // offline: try the saved copy
  }
  answered = true;
  const saved = await savedCopy(url);
  return saved ? fromSaved(saved) : DEFAULTS;
}

/** Fetch and keep an organisation's lines now (at start), so the help page has them offline later. */
export async function rememberCrisisLines(slug) {
  if (!slug || !globalThis.caches) return;
  try {
    const response = await fetch(publicUrl(slug), { credentials: 'same-origin' });
    if (response.ok) await saveCopy(publicUrl(slug), response);
  } catch {
    // offline now; the last saved copy stays
  }
}

async function saveCopy(url, response) {
  try {
    const cache = await caches.open(PUBLIC_CACHE);
    await cache.put(url, response);
  } catch {
    // no Cache API (a private window): the page still has the defaults
  }
}

async function savedCopy(url) {
  try {
    const cache = await caches.open(PUBLIC_CACHE);
    const response = await cache.match(url);
    return response ? await response.json() : null;
  } catch {
    return null;
  }
}

/**
 * The link that dials or texts a line: tel:116123, or sms:85258?&body=SHOUT with the message filled in
 * (the "?&" form is the one both iPhone and Android messaging apps read).
 */
export function lineHref(line) {
  const number = line.contact.replace(/[^0-9+]/g, '');
  if (line.how !== 'text') return `tel:${number}`;
  return line.message ? `sms:${number}?&body=${encodeURIComponent(line.message)}` : `sms:${number}`;
}
