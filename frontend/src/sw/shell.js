// The app shell cache: precached at install under a versioned name (the build puts the version and
// the list of hashed files in), served for navigations when the network is unreachable.
/* global __PRECACHE__, __VERSION__ */

export const PRECACHE = __PRECACHE__;
export const SHELL_CACHE = `carerlink-shell-${__VERSION__}`;
const SHELL_PAGE = '/index.html';
const NOT_THE_APP = ['/api/', '/schema', '/healthz', '/readyz', '/metrics'];
// On a weak signal, wait this long for the network before showing the saved shell: the crisis page
// must not hang behind a connection that never answers.
export const NAVIGATION_TIMEOUT_MS = 4000;

/** Put the shell (index.html, the hashed JS and CSS, the manifest, an icon) in this version's cache. */
export async function precacheShell(caches) {
  const cache = await caches.open(SHELL_CACHE);
  // "reload": skip the HTTP cache so the shell and its assets are from the same build.
  await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })));
}

/** Delete the shell caches of earlier versions (the crisis-lines cache is kept). */
export async function removeOldShells(caches) {
  for (const name of await caches.keys()) {
    if (name.startsWith('carerlink-shell-') && name !== SHELL_CACHE) await caches.delete(name);
  }
}

async function networkThenShell(caches, request, timeoutMs) {
  const network = fetch(request);
  const tooSlow = new Promise((resolve) => setTimeout(resolve, timeoutMs, 'too slow'));
  try {
    const first = await Promise.race([network, tooSlow]);
    if (first !== 'too slow') return first;
  } catch {
    // offline: the saved shell below
  }
  const cached = await caches.match(SHELL_PAGE, { cacheName: SHELL_CACHE });
  return cached || network.catch(() => Response.error());
}

async function cacheThenNetwork(caches, request) {
  const cached = await caches.match(request, { cacheName: SHELL_CACHE });
  return cached || fetch(request);
}

/** How to answer a request: a Promise of a Response, or null to let the browser fetch it as usual. */
export function respond(caches, request, origin, { timeoutMs = NAVIGATION_TIMEOUT_MS } = {}) {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url);
  if (url.origin !== origin || NOT_THE_APP.some((prefix) => url.pathname.startsWith(prefix))) return null;
  if (request.mode === 'navigate') return networkThenShell(caches, request, timeoutMs);
  if (url.pathname.startsWith('/assets/') || PRECACHE.includes(url.pathname)) {
    return cacheThenNetwork(caches, request);
  }
  return null;
}
