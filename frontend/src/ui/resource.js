// Loading what a screen shows from the API: the data or the error, and reload() after a change.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';

/**
 * Load ``url`` (nothing while it is null); ``reload()`` fetches again and keeps showing the old data
 * meanwhile, so a list does not flash empty after each change. ``set(data)`` shows an answer the API
 * already gave (a POST that returns the new state) without another request.
 */
export function useResource(url) {
  const [state, setState] = useState({ data: null, error: null });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!url) return undefined;
    let live = true;
    get(url)
      .then((data) => live && setState({ data, error: null }))
      .catch((error) => live && setState((old) => ({ data: old.data, error })));
    return () => {
      live = false;
    };
  }, [url, version]);
  return {
    ...state,
    loading: Boolean(url) && state.data === null && state.error === null,
    reload: () => setVersion((n) => n + 1),
    set: (data) => setState({ data, error: null }),
  };
}
