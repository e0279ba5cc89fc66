// A small path router: the History API for pages, the hash left alone (invitation and reset links
// carry their token after "#", which never reaches the server or its logs).
import { useEffect, useState } from 'preact/hooks';
import { discardEarlyAnswers } from './api.js';

const listeners = new Set();

function current() {
  return { path: location.pathname, hash: location.hash, search: location.search };
}

/**
 * Go to an app path without reloading; ``replace`` keeps the back button tidy for redirects.
 * ``handOn`` is what the screen opened should know from the one that opened it ("Your profile has
 * been saved", the answer just sent): it travels with this history entry, read once by
 * takeHandedOn, rather than in a variable one screen sets and another reads.
 */
export function navigate(to, { replace = false, handOn = null } = {}) {
  discardEarlyAnswers(); // boot.js's early answers are for the first home only
  if (replace) history.replaceState(handOn, '', to);
  else history.pushState(handOn, '', to);
  for (const listener of listeners) listener(current());
}

/**
 * What the screen that navigated here handed on ({} when nothing), once: it is cleared from the
 * history entry, so a reload, "back" or "forward" does not show it again.
 */
export function takeHandedOn() {
  const handedOn = history.state;
  if (handedOn === null || typeof handedOn !== 'object') return {};
  history.replaceState(null, '', location.href);
  return handedOn;
}

/** The current location; re-renders when it changes. */
export function useLocation() {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const onPop = () => {
      discardEarlyAnswers();
      setLocation(current());
    };
    listeners.add(setLocation);
    addEventListener('popstate', onPop);
    // A child's effect may have navigated before this one subscribed (effects run child first: a
    // Redirect drawn in the very first render): catch up with where we are now.
    setLocation((shown) => {
      const now = current();
      return shown.path === now.path && shown.search === now.search && shown.hash === now.hash ? shown : now;
    });
    return () => {
      listeners.delete(setLocation);
      removeEventListener('popstate', onPop);
    };
  }, []);
  return location;
}

/** Match ``/join/:slug`` against a path: the params, or null. */
export function match(pattern, path) {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

/** Read ``key=value`` pairs after "#" (``#token=abc``). */
export function hashParams(hash) {
  return new URLSearchParams((hash || '').replace(/^#/, ''));
}

/**
 * Links inside the app navigate without a reload: a click on <a href="/x"> is routed here unless it
 * opens elsewhere (modifier keys, another origin, tel:, a download, or an in-page #fragment).
 */
export function interceptLinks(root) {
  root.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target.closest?.('a[href]');
    if (!link || link.target || link.hasAttribute('download') || link.dataset.reload !== undefined) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin) return;
    if (url.pathname === location.pathname && url.hash && link.getAttribute('href').startsWith('#')) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
}
