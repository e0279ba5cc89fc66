// The screens of each role (carer, buddy, coordinator) are not part of the first load: someone
// signing in, joining or looking for help downloads only the shell. They come in parts (esbuild
// splits each into chunks, which the service worker precaches, so they also open offline once
// installed): home waits only for the parts holding the sections of the roles the person has (boot.js
// preloads those the moment the session is known, issue 11); a page the shell does not know waits
// for every part, and the rest follow quietly once home is on screen.

import { loadAreas } from '../i18n.js';

/** Each part: what it adds to the route table, and the home section it owns (if any). */
// Each part's screens come with their words (issue 17): the catalogue areas they use, in the app's
// current language (src/i18n.js), fetched beside the part's own chunks.
const withWords = (areas, load) => () => Promise.all([load(), loadAreas(areas)]).then(([found]) => found);
const PARTS = {
  // The carer's home section alone, with only the words it shows ('home-carer': tools/messages.mjs
  // finds them in its modules), so a carer's home on a slow line waits for two small chunks.
  carer: withWords(['home-carer'], () => import('./carer/home.js').then((m) => ({ routes: [], section: m.CarerHome }))),
  // Every other carer screen (a check-in, the match, the plan, the history, the profile, the outcome
  // and equality questions): kept out of the part home waits for, with all the carer's words.
  'carer-pages': withWords(['role-carer'], () =>
    import('./carer/pages.js').then((m) => ({ routes: [...m.CARER_ROUTES, ...m.CARER_PAGE_ROUTES] })),
  ),
  buddy: withWords(['role-buddy'], () =>
    import('./buddy/home.js').then((m) => ({ routes: m.BUDDY_ROUTES, section: m.BuddyHome })),
  ),
  coordinator: withWords(['role-coordinator'], () =>
    import('./coordinator/home.js').then((m) => ({ routes: [], section: m.CoordinatorHome })),
  ),
  'coordinator-pages': withWords(['role-coordinator', 'running'], () =>
    import('./coordinator/pages.js').then((m) => ({ routes: m.COORDINATOR_ROUTES })),
  ),
  // Everyone's data rights (issue 15): a copy of their data, who looked, asking to be deleted.
  rights: withWords(['account', 'shared', 'vocabulary'], () => import('./shared/my-data.js').then((m) => ({ routes: m.RIGHTS_ROUTES }))),
  // Running the service (issue 16): imports, profiles filled in with people, reports, hours, settings.
  running: withWords(['role-coordinator', 'running'], () =>
    import('./coordinator/running.js').then((m) => ({ routes: m.RUNNING_ROUTES })),
  ),
};
export const ALL_PARTS = Object.keys(PARTS);
const ROLES = ['carer', 'buddy', 'coordinator'];
// The parts holding each role's own screens: a page the shell does not know is looked for in these
// first (a carer tapping a check-in on home waits for the carer's pages, not for every role's).
const ROLE_PARTS = { carer: ['carer', 'carer-pages'], buddy: ['buddy'], coordinator: ['coordinator', 'coordinator-pages', 'running'] };

const loading = new Map();
const loaded = new Map();

/** The parts home needs for ``me``: one per role held in any of their organisations (to switch). */
export function homeParts(me) {
  const held = new Set();
  for (const membership of me?.memberships || []) {
    if (membership.status === 'active' && ROLES.includes(membership.role)) held.add(membership.role);
  }
  return ROLES.filter((role) => held.has(role));
}

/** The parts of my own roles (in any of my organisations): where most of my pages are. */
export function ownParts(me) {
  const own = new Set(homeParts(me).flatMap((role) => ROLE_PARTS[role]));
  return ALL_PARTS.filter((part) => own.has(part));
}

/** What has arrived so far: {routes, sections}, or null until every one of ``parts`` is here. */
export function roleScreens(parts = ALL_PARTS) {
  if (!parts.every((part) => loaded.has(part))) return null;
  const routes = [];
  const sections = {};
  for (const part of ALL_PARTS) {
    const found = loaded.get(part);
    if (!found) continue;
    routes.push(...found.routes);
    if (found.section) sections[part] = found.section;
  }
  return { routes, sections, complete: loaded.size === ALL_PARTS.length };
}

/** Fetch ``parts`` once each; resolves to roleScreens(parts) (a failed fetch can be tried again). */
export function loadRoleScreens(parts = ALL_PARTS) {
  return Promise.all(
    parts.map((part) => {
      if (!loading.has(part)) {
        loading.set(
          part,
          PARTS[part]().then(
            (found) => loaded.set(part, found),
            (error) => {
              loading.delete(part);
              throw error;
            },
          ),
        );
      }
      return loading.get(part);
    }),
  ).then(() => roleScreens(parts));
}
