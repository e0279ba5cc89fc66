// Talking to the carerlink API: same origin, the CSRF token echoed on unsafe requests, and
// RFC 9457 problem+json answers turned into an ApiError whose fieldErrors name the fields at fault.
import { currentLocale, t } from './i18n.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_COOKIE = 'csrftoken';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || t('shell.somethingWrong'));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem || {};
    /** field name (as the API spells it, e.g. "consents.terms") → message */
    this.fieldErrors = {};
    for (const item of this.problem.errors || []) {
      if (item && item.field && !(item.field in this.fieldErrors)) {
        this.fieldErrors[item.field] = item.message || this.message;
      }
    }
  }

  get offline() {
    return this.status === 0;
  }
}

/** The problem of a request that never reached the server, in the current language. */
function offlineProblem() {
  return { title: t('shell.api.offlineTitle'), detail: t('shell.api.offlineDetail') };
}

/** The csrftoken cookie's value, or null. */
export function readCookie(name, cookieString = globalThis.document?.cookie || '') {
  for (const part of cookieString.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

async function csrfToken() {
  let token = readCookie(CSRF_COOKIE);
  if (!token) {
    // Any response sets the cookie when it is missing; /healthz is the cheapest.
    await fetch('/healthz', { credentials: 'same-origin' });
    token = readCookie(CSRF_COOKIE);
  }
  return token || '';
}

/**
 * Send one request and return the decoded JSON (or null for 204).
 * Throws ApiError: status 0 when the network is unreachable.
 */
export async function api(method, url, body, { headers = {} } = {}) {
  if (UNSAFE.has(method)) discardEarlyAnswers(); // what home showed before this change is out of date
  // The server answers in the language on screen: problem+json details, consent texts, words (issue 17).
  const language = { 'Accept-Language': currentLocale() };
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json', ...language, ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    if (UNSAFE.has(method)) init.headers['X-CSRFToken'] = await csrfToken();
    response = await fetch(url, init);
  } catch {
    throw new ApiError(0, offlineProblem());
  }
  if (response.status === 204) return null;
  const type = response.headers.get('content-type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/**
 * Drop the answers boot.js asked for at start: they are only for the first render of home after the
 * load (router.js calls this on the first navigation, api() on every change sent, session.js at
 * sign-in and sign-out). Safe when boot.js never ran.
 */
export function discardEarlyAnswers() {
  try {
    globalThis.carerlinkBoot?.discard?.();
  } catch {
    // nothing kept
  }
}

/**
 * GET ``url``: the answer boot.js asked for at start if it is still usable (each is used once, and
 * only until discardEarlyAnswers), else asked now. A prefetch the network failed is asked again.
 */
export async function get(url) {
  const early = globalThis.carerlinkBoot?.take?.(url);
  if (early) {
    const { status, data } = await early;
    if (status >= 200 && status < 300) return data;
    if (status !== 0) throw new ApiError(status, data);
  }
  return api('GET', url);
}
export const post = (url, body, options) => api('POST', url, body ?? {}, options);
export const patch = (url, body) => api('PATCH', url, body);
export const put = (url, body) => api('PUT', url, body);
export const del = (url, body) => api('DELETE', url, body);
