// A pair's messages (issue 18), beside the check-ins on the pair's page, for the carer and the buddy.
// Loaded only when the pair's page shows it (not part of the carer's home). The calm boundary line with
// Help now one tap away (one message of the app's catalogue, its link where each language puts it); a
// thread that stays fresh while it is on screen (every 20 s, at once when the page comes back into view
// and when a push for this pair arrives) and reaches back with "Earlier messages"; a compose box that
// works offline through the queue (an Idempotency-Key: sent once) and counts characters as the server
// does; a carer's message that reads as a crisis shows the lines and "Tell the centre" (checked on the
// phone too, so it shows with no signal; nothing is escalated by itself); "This worried me" / "This
// wasn't OK", remembered; a buddy's mute for a while, and the carer's notice.
import { t } from '../../i18n.js';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { get, post } from '../../api.js';
import { lineHref } from '../../crisis-lines.js';
import { deliver, tellTheCentre } from '../../help-request.js';
import { html, rich } from '../../html.js';
import { isQueued, onQueueChange } from '../../offline/index.js';
import { newIdempotencyKey } from '../../offline/queue.js';
import { ErrorSummary, TextArea, useForm } from '../../ui/forms.js';
import { Button, Inset, Loading, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import {
  REPORT_REASONS,
  authorWords,
  canReport,
  characterCount,
  counterWords,
  earlierCursor,
  hasUnread,
  MAX_MESSAGE,
  messageProblem,
  muteChoices,
  mutedWords,
  newFromThem,
  readsAsCrisis,
  receiptWords,
  threadItems,
  timeWords,
  withEarlier,
} from './messages-logic.js';

// How often an open thread asks for what is new while it is on screen (never while hidden).
const REFRESH_MS = 20000;
// A focus and a visibilitychange come together: one look is enough.
const REFRESH_GAP_MS = 2000;

const onScreen = () => globalThis.document?.visibilityState !== 'hidden';

/**
 * Keep the thread fresh while it is on screen: every REFRESH_MS, at once when the page is shown again or
 * the window takes focus, and when the service worker says a push for this pair arrived (sw/sw.js).
 */
function useFreshness(reload, path) {
  useEffect(() => {
    let last = Date.now();
    let timer = null;
    const refresh = () => {
      if (!onScreen() || Date.now() - last < REFRESH_GAP_MS) return;
      last = Date.now();
      reload();
    };
    const tick = () => {
      clearInterval(timer);
      timer = onScreen() ? setInterval(refresh, REFRESH_MS) : null;
    };
    const shown = () => {
      refresh();
      tick();
    };
    const pushed = (event) => {
      if (event.data?.type === 'pushed' && event.data.path === path) {
        last = 0;
        refresh();
      }
    };
    tick();
    document.addEventListener('visibilitychange', shown);
    window.addEventListener('focus', refresh);
    navigator.serviceWorker?.addEventListener('message', pushed);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', shown);
      window.removeEventListener('focus', refresh);
      navigator.serviceWorker?.removeEventListener('message', pushed);
    };
  }, [path]);
}

function CrisisLines({ lines }) {
  return html`<ul class="list message-lines">${(lines || []).map(
    (line) => html`<li class="list-item" key=${line.name}><a href=${lineHref(line)}>${line.name}: ${line.contact}</a>
      ${line.description && html`<span class="hint"> ${line.description}</span>`}</li>`,
  )}</ul>`;
}

/** "Messages are not watched all the time…": one sentence in every language, Help now a link inside it. */
function Boundary({ thread }) {
  const words = rich(t('shared.messages.boundary'), [(text) => html`<a href="/help">${text}</a>`]);
  return html`<div class="message-boundary">
    <p>${words}</p>
    <details><summary>${t('shared.messages.numbers')}</summary><${CrisisLines} lines=${thread.crisis_lines} /></details>
  </div>`;
}

function CrisisResponse({ lines, base, organisation }) {
  const [told, setTold] = useState(null);
  const tell = async () => setTold(await tellTheCentre({ base, organisationName: organisation?.name }));
  return html`<div class="message-crisis" role="alert">
    <h3 class="heading-s">${t('shared.messages.noWait')}</h3>
    <p>${t('shared.messages.crisisWords')}</p>
    <${CrisisLines} lines=${lines} />
    ${told === 'sent' || told === 'queued'
      ? html`<p><strong>${told === 'sent' ? t('shared.messages.told') : t('shared.messages.toldLater')}</strong></p>`
      : html`<${Button} type="button" variant="secondary" onClick=${tell}>${t('shared.messages.tell')}</${Button}>`}
  </div>`;
}

/** Report someone else's message; once reported (now, or before: ``reported_by_me``), say so instead. */
function Report({ url, item }) {
  const [done, setDone] = useState(null);
  const [error, setError] = useState(null);
  if (done) return html`<p class="hint message-reported" role="status">${done}</p>`;
  if (item.reported_by_me) return html`<p class="hint message-reported">${t('shared.messages.reported')}</p>`;
  if (!canReport(item)) return null;
  const report = async (reason) => {
    setError(null);
    try {
      setDone((await post(`${url}/${item.id}/report`, { reason })).detail);
    } catch (failure) {
      setError(failure);
    }
  };
  return html`<details class="message-report">
    <summary>${t('shared.messages.report')}</summary>
    <${Problem} error=${error} />
    <div class="button-group">${REPORT_REASONS.map(
      (r) => html`<${Button} key=${r.value} type="button" variant="secondary" onClick=${() => report(r.value)}>${r.label}</${Button}>`,
    )}</div>
  </details>`;
}

/** The buddy's pause on notifications: until tomorrow morning, 3 days or a week; or back on. */
function Mute({ url, thread, other, onChanged }) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const change = async (until) => {
    if (busy) return;
    setError(null);
    setBusy(true);
    try {
      await post(`${url}/mute`, { until });
      onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return html`<section class="message-mute" aria-labelledby="mute-heading">
    <h3 class="heading-s" id="mute-heading">${t('shared.messages.mute.title')}</h3>
    <${Problem} error=${error} />
    ${thread.muted_until
      ? html`<p>${mutedWords(thread.muted_until)}</p>
        <${Button} type="button" variant="secondary" busy=${busy} onClick=${() => change(null)}>${t('shared.messages.unmute')}</${Button}>`
      : html`<p class="hint">${t('shared.messages.mute.hint', { name: other })}</p>
        <div class="button-group">${muteChoices().map(
          (choice) => html`<${Button} key=${choice.value} type="button" variant="secondary" busy=${busy}
            onClick=${() => change(choice.until)}>${choice.label}</${Button}>`,
        )}</div>`}
  </section>`;
}

/** The pages before the latest one, fetched with "Earlier messages"; the page stays where it was. */
function useEarlier(url, thread) {
  const [earlier, setEarlier] = useState({ messages: [], cursor: undefined });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const anchor = useRef(null);
  const messages = withEarlier(earlier.messages, thread?.messages);
  // Until the first earlier page comes, the latest page says where the one before it starts.
  const cursor = earlier.cursor === undefined ? earlierCursor(thread, messages[0]) : earlier.cursor;
  useLayoutEffect(() => {
    // Keep the message that was first on screen where it was: the older ones appear above it.
    if (!anchor.current) return;
    const { id, top } = anchor.current;
    anchor.current = null;
    const element = document.getElementById(id);
    if (element) window.scrollBy(0, element.getBoundingClientRect().top - top);
  }, [earlier]);
  const load = async () => {
    if (busy || !cursor) return;
    setBusy(true);
    setError(null);
    try {
      const page = await get(`${url}?before=${encodeURIComponent(cursor)}`);
      const first = document.getElementById(`message-${messages[0]?.id}`);
      anchor.current = first ? { id: first.id, top: first.getBoundingClientRect().top } : null;
      setEarlier((old) => ({
        messages: withEarlier(page.messages, old.messages),
        cursor: earlierCursor(page, page.messages[0]),
      }));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return { messages, cursor, load, busy, error };
}

/** The thread of the pair ``matchId`` in the organisation ``base`` (an API prefix). */
export function MessageThread({ base, matchId, organisation }) {
  const url = `${base}/matches/${encodeURIComponent(matchId)}/messages`;
  const loaded = useResource(url);
  const thread = loaded.data;
  const earlier = useEarlier(url, thread);
  const [waiting, setWaiting] = useState([]);
  const [crisis, setCrisis] = useState(null);
  const [arrived, setArrived] = useState('');
  const seen = useRef(null);
  const form = useForm({ message: '' }, { fieldMap: { text: 'message' } });
  useFreshness(loaded.reload, `/matches/${matchId}`);

  useEffect(() => {
    if (!thread) return;
    // Read receipts go only while the thread is on screen (a refresh never runs while it is hidden).
    if (hasUnread(thread.messages) && onScreen()) post(`${url}/read`).catch(() => {});
    // Say so to a screen reader when a refresh brought something new from the other person.
    const fresh = newFromThem(thread.messages, seen.current);
    if (fresh.length) setArrived(t('shared.messages.arrived', { name: thread.other_name, count: fresh.length }));
    seen.current = new Set([...(seen.current || []), ...thread.messages.map((m) => m.id)]);
  }, [thread]);
  // Messages kept on the phone go when it is back online: then they are in the thread.
  useEffect(
    () =>
      onQueueChange(async () => {
        const still = [];
        for (const item of waiting) if (await isQueued(item.key)) still.push(item);
        if (still.length !== waiting.length) {
          setWaiting(still);
          loaded.reload();
        }
      }),
    [waiting],
  );

  if (!thread) {
    return html`<section aria-labelledby="messages-heading"><h2 class="heading-m" id="messages-heading">${t('shared.messages.title')}</h2>
      ${loaded.error ? html`<${Problem} error=${loaded.error} />` : html`<${Loading} />`}</section>`;
  }
  const other = thread.other_name;
  const send = (event) =>
    form.submit(event, {
      validate: (values) => ({ message: messageProblem(values.message) }),
      action: async (values) => {
        const key = newIdempotencyKey();
        const text = values.message.trim();
        // A carer's words that read as a crisis show the lines at once, signal or not (the server's
        // words, checked on the phone); once the server has the message, its answer is what shows.
        const onPhone = thread.me === 'carer' && readsAsCrisis(text, thread.crisis_words);
        if (onPhone) setCrisis({ lines: thread.crisis_lines });
        const { outcome, answer } = await deliver({ url, body: { text }, key, label: 'message' });
        form.setValues({ message: '' });
        if (outcome === 'queued') setWaiting((old) => [...old, { key, text, at: new Date().toISOString() }]);
        else loaded.reload();
        if (outcome === 'sent') setCrisis(answer?.reads_as_crisis ? { lines: answer.crisis_lines } : null);
        else setCrisis(onPhone ? { lines: thread.crisis_lines } : null);
      },
    });
  const items = threadItems(earlier.messages, waiting);
  const counter = counterWords(form.values.message);
  return html`
    <section aria-labelledby="messages-heading" class="messages">
      <h2 class="heading-m" id="messages-heading">${t('shared.messages.with', { name: other })}</h2>
      <${Boundary} thread=${thread} />
      ${thread.muted_notice && html`<${Inset}><p>${thread.muted_notice}</p></${Inset}>`}
      <p class="visually-hidden" aria-live="polite">${arrived}</p>
      ${earlier.cursor &&
      html`<p class="message-earlier"><${Button} type="button" variant="secondary" busy=${earlier.busy} onClick=${earlier.load}>
        ${t('shared.messages.earlier')}</${Button}></p>`}
      <${Problem} error=${earlier.error} />
      ${items.length === 0
        ? html`<p>${t('shared.messages.none')} ${thread.can_write ? t('shared.messages.sayHello', { name: other }) : ''}</p>`
        : html`<ol class="message-list" aria-label=${t('shared.messages.with', { name: other })}>
            ${items.map(
              (item) => html`<li key=${item.id} id=${`message-${item.id}`} class=${item.mine ? 'message message-mine' : 'message message-theirs'}>
                <p class="message-meta"><span class="visually-hidden">${authorWords(item, other)}, </span>${timeWords(item.sent_at)}</p>
                <p class="message-text">${item.text ?? t('shared.messages.removed')}</p>
                ${item.mine && html`<p class="hint message-receipt">${receiptWords(item, other)}</p>`}
                ${!item.mine && !item.waiting && item.text && html`<${Report} url=${url} item=${item} />`}
              </li>`,
            )}
          </ol>`}
      ${crisis && html`<${CrisisResponse} lines=${crisis.lines} base=${base} organisation=${organisation} />`}
      ${thread.can_write
        ? html`<form onSubmit=${send} novalidate class="message-compose">
            <${ErrorSummary} errors=${form.errors} general=${form.general} />
            <${TextArea} id="message" label=${t('shared.messages.write', { name: other })} rows=${3} error=${form.errors.message}
              value=${form.values.message} onInput=${form.set('message')} />
            <p class=${characterCount(form.values.message) > MAX_MESSAGE ? 'character-count character-count-over' : 'character-count hint'}
              aria-live="polite">${counter}</p>
            <${Button} busy=${form.busy}>${t('shared.send')}</${Button}>
          </form>`
        : html`<p>${thread.why_not}</p>`}
      ${thread.me === 'buddy' && thread.can_write && html`<${Mute} url=${url} thread=${thread} other=${other} onChanged=${loaded.reload} />`}
    </section>
  `;
}
