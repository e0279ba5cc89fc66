// Who is signed in: loaded from /api/v1/session at start (boot.js asks before the app has arrived)
// and after sign-in, shared by every screen. The probe answers 200 for nobody signed in, so a
// signed-out load logs no error; /api/v1/me keeps its 401 for other clients.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, discardEarlyAnswers, get, post } from './api.js';
import { t } from './i18n.js';
import { followPersonLanguage } from './ui/language.js';
import { queuedHelpCount, replayQueue, wipeOfflineData } from './offline/index.js';

const ORG_KEY = 'carerlink.organisation';
export const CRISIS_ORG_KEY = 'carerlink.crisis-organisation';

let state = { status: 'loading', me: null };
const subscribers = new Set();

function setState(next) {
  state = next;
  for (const subscriber of subscribers) subscriber(state);
  // The language this person uses, on every device (issue 17): their choice, or their centre's offer.
  if (next.me) followPersonLanguage(next.me).catch(() => {});
}

/** The session state: {status: loading | signed-in | signed-out | offline, me}. */
export function useSession() {
  const [value, setValue] = useState(state);
  useEffect(() => {
    subscribers.add(setValue);
    setValue(state);
    return () => subscribers.delete(setValue);
  }, []);
  return value;
}

// Started offline: find out who is signed in as soon as the network is back (queued answers then go).
addEventListener('online', () => {
  if (state.status === 'offline') loadSession();
});

export function sessionState() {
  return state;
}

/** Ask the server who is signed in. */
export async function loadSession() {
  try {
    const answer = await get('/api/v1/session');
    setState(answer?.signed_in ? { status: 'signed-in', me: answer.me } : { status: 'signed-out', me: null });
  } catch (error) {
    if (error instanceof ApiError && error.offline) setState({ status: 'offline', me: null });
    else setState({ status: 'signed-out', me: null });
  }
  return state;
}

/** After a sign-in or an accepted invitation: the answer of /api/v1/me, or load it. */
export async function signedIn(me) {
  discardEarlyAnswers(); // the session asked for at start was someone else's (or nobody's)
  if (me && me.memberships) setState({ status: 'signed-in', me });
  else await loadSession();
}

export function updateMe(me) {
  setState({ status: 'signed-in', me });
}

/**
 * The organisations I belong to, each with my active roles there, and the one I am looking at
 * (the one chosen last on this device, else the first).
 */
export function organisationsOf(me) {
  const byId = new Map();
  for (const membership of me?.memberships || []) {
    if (membership.status !== 'active') continue;
    const entry = byId.get(membership.organisation_id) || {
      id: membership.organisation_id,
      name: membership.organisation_name,
      slug: membership.organisation_slug,
      roles: [],
    };
    entry.roles.push(membership.role);
    byId.set(entry.id, entry);
  }
  return [...byId.values()];
}

export function currentOrganisation(me) {
  const organisations = organisationsOf(me);
  let chosen = null;
  try {
    chosen = localStorage.getItem(ORG_KEY);
  } catch {
    chosen = null;
  }
  return organisations.find((o) => o.id === chosen) || organisations[0] || null;
}

export function chooseOrganisation(id) {
  try {
    localStorage.setItem(ORG_KEY, id);
  } catch {
    // private mode: the first organisation is used
  }
}

/** Signing out would delete a call for help that has not reached the centre yet. */
export class HelpNotSent extends Error {
  constructor() {
    super(t('shell.signOut.helpWaits'));
    this.name = 'HelpNotSent';
  }
}

/**
 * Sign out (here, or on every device): send what is queued while the sign-in still works, wipe this
 * device's data, then reload the app. A request for help that still cannot be sent stops it
 * (``HelpNotSent``) unless ``evenIfHelpWaits``.
 */
export async function signOut({ everywhere = false, evenIfHelpWaits = false } = {}) {
  discardEarlyAnswers();
  await replayQueue().catch(() => null);
  if (!evenIfHelpWaits && (await queuedHelpCount()) > 0) throw new HelpNotSent();
  await wipeOfflineData();
  try {
    await post(everywhere ? '/api/v1/auth/logout-everywhere' : '/api/v1/auth/logout');
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
  }
  // A full load: nothing of the last person stays in memory, and the service worker starts afresh.
  location.assign('/sign-in?signed-out=1');
}
