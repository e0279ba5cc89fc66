// Asking the centre for help, every way a carer can: home's "I need help now", the help page's "Tell the
// centre I need help", and a check-in or "I'd like to talk" answer with "I need help now" ticked. One
// rule for all of them (``deliver``): sent at once with an Idempotency-Key; with no signal, or when
// sending fails in a way worth retrying (no network, server trouble, too many requests: replay.js
// ``classify``), the request goes to the offline queue with the same key, so it is sent once when back
// online. A call for help is never dropped: it is sent, queued, or the carer is told plainly that it
// could not even be kept. Whatever reached the centre is recorded in help-status.js.
import { ApiError, post } from './api.js';
import { baseOf, recordHelpTold } from './help-status.js';
import { t } from './i18n.js';
import { queuedHelpCount, queueRequest } from './offline/index.js';
import { newIdempotencyKey } from './offline/queue.js';
import { classify } from './offline/replay.js';

// No answer within this time (a weak signal): show the numbers rather than keep someone waiting.
const HELP_WAIT_MS = 4000;

/**
 * Whether a request that failed with ``status`` (0: no network) goes to the offline queue: a request
 * asking for help whenever trying again could work; any other answer only when there is no network
 * (a form shows the server's problem and can be sent again). ``retry``: treat it like a request for
 * help (the mistake link, which must reach the coordinators too).
 */
export function shouldQueue(status, { help = false, retry = help } = {}) {
  return retry ? classify(status) === 'retry' : status === 0;
}

/**
 * Send ``body`` to ``url`` (POST) under the one rule. Resolves to {outcome: "sent", answer} or
 * {outcome: "queued"}; with ``once``, a request for help is not queued when one already waits (the
 * centre will be told by that one). Throws the ApiError of a refusal (4xx); the refusal's problem says
 * ``centre_told`` when help was passed on all the same (recorded here). A request for help that cannot
 * even be queued rejects with ``HelpNotSaved``.
 */
export async function deliver({
  url,
  body = {},
  key = newIdempotencyKey(),
  label,
  help = false,
  retry = help, // also "I asked for help by mistake": worth sending whatever the line does
  once = false,
  organisation = null, // the centre's name and API prefix, for help-status.js
  base = null,
}) {
  const keep = async () => {
    try {
      if (!(once && (await queuedHelpCount()) > 0)) {
        await queueRequest({ method: 'POST', url, body, label, key, help });
      }
    } catch (error) {
      throw help ? new HelpNotSaved(error) : new ApiError(503, { detail: error.message });
    }
    return { outcome: 'queued' };
  };
  if (navigator.onLine === false) return keep();
  try {
    const answer = await post(url, body, { headers: { 'Idempotency-Key': key } });
    if (help && answer?.alert_id) recordHelpTold({ organisation, base: base || baseOf(url), alertId: answer.alert_id });
    return { outcome: 'sent', answer };
  } catch (error) {
    const status = error instanceof ApiError ? error.status : 0;
    if (shouldQueue(status, { retry })) return keep();
    if (help && error instanceof ApiError && error.problem.centre_told) recordHelpTold({ organisation, base: base || baseOf(url) });
    throw error;
  }
}

/** A request for help this phone could not even keep to send later (a private window, storage full). */
export class HelpNotSaved extends Error {
  constructor(cause) {
    super(t('crisis.notSaved'));
    this.name = 'HelpNotSaved';
    this.cause = cause;
  }
}

let state = { sending: false, notSaved: false, refused: null };
let pending = null;
const listeners = new Set();

function update(changes) {
  state = { ...state, ...changes };
  for (const listener of listeners) listener(state);
}

/** What is happening: {sending, notSaved (could not be kept to send later), refused (the server's words)}. */
export function helpState() {
  return state;
}

/** Call ``listener(state)`` whenever it changes; returns the unsubscribe function. */
export function onHelpChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The help page has shown that the last request could not be kept: forget it. */
export function clearHelpNotSaved() {
  if (state.notSaved) update({ notSaved: false });
}

/**
 * Tell the centre (POST {base}/help) under ``deliver``'s rule. Resolves to "sent" (recorded in
 * help-status.js), "queued" (to send when back online), "not-saved" (it could not even be queued) or
 * "refused" (the server said no, and why is in helpState().refused). A call while one is on its way
 * joins it; a request already waiting in the queue is not queued twice.
 */
export function tellTheCentre({ base, organisationName }) {
  if (pending) return pending;
  update({ sending: true, refused: null, notSaved: false });
  pending = deliver({ url: `${base}/help`, label: 'help request', help: true, once: true, organisation: organisationName })
    .then(({ outcome }) => outcome)
    .catch((error) => {
      if (error instanceof HelpNotSaved) {
        update({ notSaved: true });
        return 'not-saved';
      }
      update({ refused: error instanceof ApiError ? error.message : t('crisis.somethingWrong') });
      return 'refused';
    })
    .finally(() => {
      pending = null;
      update({ sending: false });
    });
  return pending;
}

/** ``promise``, or "slow" if it has not settled within ``ms`` (it carries on: see helpState().sending). */
export function orSlow(promise, ms = HELP_WAIT_MS) {
  let timer;
  const slow = new Promise((resolve) => {
    timer = setTimeout(() => resolve('slow'), ms);
  });
  return Promise.race([promise, slow]).finally(() => clearTimeout(timer));
}
