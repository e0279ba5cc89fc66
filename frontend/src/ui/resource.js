// Loading what a screen shows from the API: the data or the error, and reload() after a change.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';

/**
 * Load ``source`` — a URL, or a function returning a promise (several requests at once); nothing
 * while it is null. ``deps`` say when to load again (the URL by default). ``reload()`` fetches again
 * and keeps showing the old data meanwhile, so a list does not flash empty after each change.
 * ``set(data)`` shows an answer the API already gave (a POST that returns the new state) without
 * another request.
 */
export function useResource(source, deps = [source]) {
  const [state, setState] = useState({ data: null, error: null });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!source) return undefined;
    let live = true;
    const load = typeof source === 'function' ? source : () => get(source);
    load()
      .then((data) => live && setState({ data, error: null }))
      .catch((error) => live && setState((old) => ({ data: old.data, error })));
    return () => {
      live = false;
    };
  }, [...deps, version]);
  return {
    ...state,
    loading: Boolean(source) && state.data === null && state.error === null,
    reload: () => setVersion((n) => n + 1),
    set: (data) => setState({ data, error: null }),
  };
}
