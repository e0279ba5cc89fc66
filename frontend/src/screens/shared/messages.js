// A pair's messages (issue 18), beside the check-ins on the pair's page, for the carer and the buddy.
// Loaded only when the pair's page shows it (not part of the carer's home). The calm boundary line with
// the crisis lines one tap away; a compose box that works offline through the queue (an Idempotency-Key:
// sent once); a carer's message that reads as a crisis shows the lines and "Tell the centre" (nothing
// is escalated by itself); "This worried me" / "This wasn't OK"; a buddy's mute and the carer's notice.
import { t } from '../../i18n.js';
import { useEffect, useState } from 'preact/hooks';
import { post } from '../../api.js';
import { lineHref } from '../../crisis-lines.js';
import { deliver, tellTheCentre } from '../../help-request.js';
import { html } from '../../html.js';
import { isQueued, onQueueChange } from '../../offline/index.js';
import { newIdempotencyKey } from '../../offline/queue.js';
import { ErrorSummary, TextArea, useForm } from '../../ui/forms.js';
import { Button, Inset, Loading, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import {
  REPORT_REASONS,
  authorWords,
  hasUnread,
  messageProblem,
  muteUntil,
  mutedWords,
  receiptWords,
  threadItems,
  timeWords,
} from './messages-logic.js';

function CrisisLines({ lines }) {
  return html`<ul class="list message-lines">${(lines || []).map(
    (line) => html`<li class="list-item" key=${line.name}><a href=${lineHref(line)}>${line.name}: ${line.contact}</a>
      ${line.description && html`<span class="hint"> ${line.description}</span>`}</li>`,
  )}</ul>`;
}

// The server's boundary line ends with the words of the Help now button: the link takes their place.
function withoutHelpNow(boundary) {
  for (const words of [t('crisis.helpNow'), 'Help now']) {
    for (const end of [`${words}.`, words]) if (boundary.endsWith(end)) return boundary.slice(0, -end.length);
  }
  return boundary;
}

function Boundary({ thread }) {
  return html`<div class="message-boundary">
    <p>${withoutHelpNow(thread.boundary)}<a href="/help">${t('crisis.helpNow')}</a>.</p>
    <details><summary>${t('shared.messages.numbers')}</summary><${CrisisLines} lines=${thread.crisis_lines} /></details>
  </div>`;
}

function CrisisResponse({ sent, base, organisation }) {
  const [told, setTold] = useState(null);
  const tell = async () => setTold(await tellTheCentre({ base, organisationName: organisation?.name }));
  return html`<div class="message-crisis" role="alert">
    <h3 class="heading-s">${t('shared.messages.noWait')}</h3>
    <p>${sent.crisis_words}</p>
    <${CrisisLines} lines=${sent.crisis_lines} />
    ${told === 'sent' || told === 'queued'
      ? html`<p><strong>${told === 'sent' ? t('shared.messages.told') : t('shared.messages.toldLater')}</strong></p>`
      : html`<${Button} type="button" variant="secondary" onClick=${tell}>${t('shared.messages.tell')}</${Button}>`}
  </div>`;
}

function Report({ url, item }) {
  const [done, setDone] = useState(null);
  const [error, setError] = useState(null);
  if (done) return html`<p class="hint message-reported" role="status">${done}</p>`;
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

function Mute({ url, thread, onChanged }) {
  const [error, setError] = useState(null);
  const change = async (until) => {
    setError(null);
    try {
      await post(`${url}/mute`, { until });
      onChanged();
    } catch (failure) {
      setError(failure);
    }
  };
  return html`<div class="message-mute">
    <${Problem} error=${error} />
    ${thread.muted_until
      ? html`<p class="hint">${mutedWords(thread.muted_until)}</p>
        <${Button} type="button" variant="secondary" onClick=${() => change(null)}>${t('shared.messages.unmute')}</${Button}>`
      : html`<${Button} type="button" variant="secondary" onClick=${() => change(muteUntil())}>${t('shared.messages.mute')}</${Button}>`}
  </div>`;
}

/** The thread of the pair ``matchId`` in the organisation ``base`` (an API prefix). */
export function MessageThread({ base, matchId, organisation }) {
  const url = `${base}/matches/${encodeURIComponent(matchId)}/messages`;
  const loaded = useResource(url);
  const thread = loaded.data;
  const [waiting, setWaiting] = useState([]);
  const [crisis, setCrisis] = useState(null);
  const form = useForm({ message: '' }, { fieldMap: { text: 'message' } });

  useEffect(() => {
    if (thread && hasUnread(thread.messages)) post(`${url}/read`).catch(() => {});
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
        const { outcome, answer } = await deliver({ url, body: { text }, key, label: 'message' });
        form.setValues({ message: '' });
        if (outcome === 'queued') setWaiting((old) => [...old, { key, text, at: new Date().toISOString() }]);
        else loaded.reload();
        setCrisis(answer?.reads_as_crisis ? answer : null);
      },
    });
  const items = threadItems(thread.messages, waiting);
  return html`
    <section aria-labelledby="messages-heading" class="messages">
      <h2 class="heading-m" id="messages-heading">${t('shared.messages.with', { name: other })}</h2>
      <${Boundary} thread=${thread} />
      ${thread.muted_notice && html`<${Inset}><p>${thread.muted_notice}</p></${Inset}>`}
      ${thread.earlier && html`<p class="hint">${t('shared.messages.latestOnly')}</p>`}
      ${items.length === 0
        ? html`<p>${t('shared.messages.none')} ${thread.can_write ? t('shared.messages.sayHello', { name: other }) : ''}</p>`
        : html`<ol class="message-list" aria-label=${t('shared.messages.with', { name: other })}>
            ${items.map(
              (item) => html`<li key=${item.id} class=${item.mine ? 'message message-mine' : 'message message-theirs'}>
                <p class="message-meta"><span class="visually-hidden">${authorWords(item, other)}, </span>${timeWords(item.sent_at)}</p>
                <p class="message-text">${item.text ?? t('shared.messages.removed')}</p>
                ${item.mine && html`<p class="hint message-receipt">${receiptWords(item, other)}</p>`}
                ${!item.waiting && !item.mine && item.text && thread.can_write && html`<${Report} url=${url} item=${item} />`}
              </li>`,
            )}
          </ol>`}
      ${crisis && html`<${CrisisResponse} sent=${crisis} base=${base} organisation=${organisation} />`}
      ${thread.can_write
        ? html`<form onSubmit=${send} novalidate class="message-compose">
            <${ErrorSummary} errors=${form.errors} general=${form.general} />
            <${TextArea} id="message" label=${t('shared.messages.write', { name: other })} rows=${3} error=${form.errors.message}
              value=${form.values.message} onInput=${form.set('message')} />
            <${Button} busy=${form.busy}>${t('shared.send')}</${Button}>
          </form>`
        : html`<p>${thread.why_not}</p>`}
      ${thread.me === 'buddy' && thread.can_write && html`<${Mute} url=${url} thread=${thread} onChanged=${loaded.reload} />`}
    </section>
  `;
}
