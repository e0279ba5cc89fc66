// The first script of every load (issue 11): it imports nothing, so it runs as soon as its own few
// bytes arrive, while the app's modules are still on their way. It asks who is signed in at once
// (GET /api/v1/session: 200 either way, so a signed-out load logs nothing), and for someone signed
// in starts, in parallel, the chunks of their roles' home sections and, when the app opens on home
// ("/"), home's first data. The app takes each answer once (api.js, session.js) instead of asking
// again. An early answer is only for the first render of home after this load: they are all dropped
// on the first navigation, on any change sent to the server (POST/PUT/PATCH/DELETE, which includes
// signing in and out), or after a short while, so a later screen never shows a state from before
// the carer's last action. Nothing here may throw: the app works without it.
/* global __ROLE_CHUNKS__, __MESSAGE_CHUNKS__ */

const ORG_KEY = 'carerlink.organisation';
// A prefetched answer older than this is not used: the app asks again.
export const FRESH_MS = 30000;
const ROLE_CHUNKS = typeof __ROLE_CHUNKS__ === 'undefined' ? {} : __ROLE_CHUNKS__;
// Each language's catalogue chunks, {locale: {area: url}} (issue 17): the shell's words in the language
// this device last chose (else the browser's) are asked for at once, beside the app's own modules.
const MESSAGE_CHUNKS = typeof __MESSAGE_CHUNKS__ === 'undefined' ? {} : __MESSAGE_CHUNKS__;
const LOCALE_KEY = 'carerlink.locale';
// The areas of the catalogue each role's home needs (src/screens/roles.js): the carer's home has its own
// words ('home-carer', src/i18n.js HOME_BUNDLES).
const ROLE_AREAS = { carer: ['home-carer'], buddy: ['role-buddy'], coordinator: ['role-coordinator'] };
// The only areas boot.js asks for: the build tells it of these chunks alone (a smaller boot.js runs sooner).
export const BOOT_AREAS = ['first', ...new Set(Object.values(ROLE_AREAS).flat())];

/** The app's language for this load, as src/i18n.js guessLocale decides it (kept in step by a test). */
export function startLocale(stored, languages, known = Object.keys(MESSAGE_CHUNKS)) {
  const supported = (tag) => {
    if (!tag || typeof tag !== 'string') return null;
    if (known.includes(tag)) return tag;
    const language = tag.split(/[-_]/)[0].toLowerCase();
    if (language === 'en') return 'en-GB';
    return known.includes(language) ? language : null;
  };
  return supported(stored) || (languages || []).map(supported).find(Boolean) || 'en-GB';
}

/** The catalogue chunks someone signed in needs for their roles, in ``locale``. */
export function roleMessageChunks(locale, roles, chunks = MESSAGE_CHUNKS) {
  const areas = new Set(roles.flatMap((role) => ROLE_AREAS[role] || []));
  return [...areas].map((area) => chunks[locale]?.[area]).filter(Boolean);
}

function storedLocale() {
  try {
    return localStorage.getItem(LOCALE_KEY);
  } catch {
    return null;
  }
}

/** The organisation home shows (the one chosen last on this device, else the first) and my roles there. */
export function homeOrganisation(me, chosenId) {
  const active = (me?.memberships || []).filter((m) => m.status === 'active');
  const chosen = active.find((m) => m.organisation_id === chosenId) || active[0];
  if (!chosen) return null;
  const roles = active.filter((m) => m.organisation_id === chosen.organisation_id).map((m) => m.role);
  return { slug: chosen.organisation_slug, roles };
}

/** Every role I hold anywhere (home loads the section of each, so switching organisation needs no wait). */
export function heldRoles(me) {
  return [...new Set((me?.memberships || []).filter((m) => m.status === 'active').map((m) => m.role))];
}

/**
 * The first requests a home makes, asked for as soon as the session is known, in this order: the
 * carer's place on the waiting list (first: the check-in plan waits for its answer), their open
 * check-ins and their matches; the unread count in the header last. On a slow line the browser's six
 * connections are handed out in the order things are asked for. The URLs are the ones the screens ask
 * for (screens/carer/home.js, app.js); one that drifts is simply asked for again.
 */
export function firstData(organisation) {
  if (!organisation) return [];
  const base = `/api/v1/orgs/${encodeURIComponent(organisation.slug)}`;
  const urls = [];
  if (organisation.roles.includes('carer')) {
    urls.push(`${base}/me/waiting`, '/api/v1/me/checkins?awaiting=true', `${base}/matches`);
  }
  urls.push('/api/v1/notifications?limit=1');
  return urls;
}

/** After the carer's place on the waiting list: their check-in plan, when they have a live match. */
export function dataAfterWaiting(organisation, waiting) {
  if (!organisation || !waiting?.match_id || waiting.state !== 'matched') return [];
  const base = `/api/v1/orgs/${encodeURIComponent(organisation.slug)}`;
  return [`${base}/matches/${waiting.match_id}/checkin-plan`];
}

/**
 * One GET, kept as {status, data, at}; status 0 when the network failed. No extra headers: the
 * session probe must match index.html's <link rel=preload as=fetch>, which the browser started
 * before any script arrived.
 */
function ask(url, answers, now) {
  const answer = fetch(url, { credentials: 'same-origin' })
    .then(async (response) => {
      const type = response.headers.get('content-type') || '';
      const data = type.includes('json') ? await response.json().catch(() => null) : null;
      return { status: response.status, data };
    })
    .catch(() => ({ status: 0, data: null }));
  answers.set(url, { answer, at: now() });
  return answer;
}

function preloadModules(urls) {
  if (typeof document === 'undefined') return;
  for (const url of urls) {
    if (document.querySelector(`link[rel="modulepreload"][href="${url}"]`)) continue;
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = url;
    document.head.append(link);
  }
}

function chosenOrganisation() {
  try {
    return localStorage.getItem(ORG_KEY);
  } catch {
    return null;
  }
}

/**
 * Start: ask for the session; for someone signed in, their role chunks and, when opening on home
 * (``path`` "/"), home's first data.
 */
export function boot({ now = Date.now, path = globalThis.location?.pathname ?? '/' } = {}) {
  const answers = new Map();
  let discarded = false;
  const early = (url) => {
    if (!discarded) ask(url, answers, now);
    return answers.get(url)?.answer;
  };
  let locale = startLocale(storedLocale(), globalThis.navigator?.languages);
  preloadModules([MESSAGE_CHUNKS[locale]?.first].filter(Boolean));
  const session = ask('/api/v1/session', answers, now).then((found) => {
    const me = found.status === 200 && found.data?.signed_in ? found.data.me : null;
    if (!me) return found;
    if (me.app_locale && MESSAGE_CHUNKS[me.app_locale]?.first) {
      locale = me.app_locale;
      preloadModules([MESSAGE_CHUNKS[locale].first].filter(Boolean));
    }
    // Home's data before the role's chunks: its longest chain (waiting place, then check-in plan)
    // starts first; the chunks arrive meanwhile.
    if (path === '/' && !discarded) {
      const organisation = homeOrganisation(me, chosenOrganisation());
      for (const url of firstData(organisation)) {
        const answer = early(url);
        if (answer && url.endsWith('/me/waiting')) {
          answer.then((waiting) => {
            if (waiting.status === 200) for (const next of dataAfterWaiting(organisation, waiting.data)) early(next);
          });
        }
      }
    }
    preloadModules(heldRoles(me).flatMap((role) => ROLE_CHUNKS[role] || []));
    preloadModules(roleMessageChunks(locale, heldRoles(me)));
    return found;
  });
  return {
    session,
    /** The answer to ``url`` asked for at start, once, while fresh and not discarded; else null. */
    take(url) {
      const found = answers.get(url);
      if (!found || discarded) return null;
      answers.delete(url);
      return now() - found.at < FRESH_MS ? found.answer : null;
    },
    /** The first navigation, a change sent to the server, a sign-in or out: no early answer is used any more. */
    discard() {
      discarded = true;
      answers.clear();
    },
  };
}

if (typeof document !== 'undefined' && !globalThis.carerlinkBoot) {
  try {
    globalThis.carerlinkBoot = boot();
  } catch {
    // the app asks for itself
  }
}
