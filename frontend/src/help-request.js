// "I need help now" sent to the centre, from home's button and from the help page's "Tell the centre I
// need help": one request at a time, so a second tap (or home, then the help page while the first is
// still on its way) joins the first and raises one alert; its Idempotency-Key goes with it into the
// offline queue, so a request that did arrive is not counted twice. With no signal, or when sending fails in
// a way worth retrying, the request goes to the offline queue (once: a request already waiting is not
// queued twice) and is sent when back online. The answer (the crisis lines and the alert's id) is kept
// in memory for the help-sent page, never stored on the phone.
import { ApiError, post } from './api.js';
import { queuedHelpCount, queueRequest } from './offline/index.js';
import { newIdempotencyKey } from './offline/queue.js';
import { classify } from './offline/replay.js';

// No answer within this time (a weak signal): show the numbers rather than keep someone waiting.
const HELP_WAIT_MS = 4000;

let state = { sending: false, notSaved: false, refused: null };
let answer = null;
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

/** The last answer to a call for help from this page load: {crisis_lines, alert_id, organisation, base, at}. */
export function lastHelpAnswer() {
  return answer;
}

/** The help request could not be kept on this phone: the help page says the centre was not told. */
function noteHelpNotSaved() {
  update({ notSaved: true });
}

/** The help page has shown that the last request could not be kept: forget it. */
export function clearHelpNotSaved() {
  if (state.notSaved) update({ notSaved: false });
}

async function keepForLater(url, requestKey) {
  try {
    if ((await queuedHelpCount()) === 0) {
      await queueRequest({ method: 'POST', url, body: {}, label: 'help request', key: requestKey, help: true });
    }
    return 'queued';
  } catch {
    noteHelpNotSaved(); // this phone keeps nothing (a private window): the help page says so
    return 'not-saved';
  }
}

/**
 * Tell the centre (POST {base}/help). Resolves to "sent" (see lastHelpAnswer), "queued" (to send when
 * back online), "not-saved" (it could not even be queued) or "refused" (the server said no, and why is
 * in helpState().refused). A call while one is on its way joins it.
 */
export function tellTheCentre({ base, organisationName }) {
  if (pending) return pending;
  const url = `${base}/help`;
  const requestKey = newIdempotencyKey(); // a retry of this request (the queue) carries the same one
  update({ sending: true, refused: null, notSaved: false });
  pending = (async () => {
    if (navigator.onLine === false) return keepForLater(url, requestKey);
    try {
      const sent = await post(url, undefined, { headers: { 'Idempotency-Key': requestKey } });
      answer = { ...sent, organisation: organisationName, base, at: new Date() };
      return 'sent';
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      if (classify(status) === 'retry') return keepForLater(url, requestKey);
      update({ refused: error instanceof ApiError ? error.message : 'Something went wrong.' });
      return 'refused';
    }
  })().finally(() => {
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
