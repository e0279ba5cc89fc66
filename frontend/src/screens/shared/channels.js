// "How we reach you" (issue 14): the channels in order, each with move up/down and on/off; texts
// disabled with the plain reason when they can't be used. The same chooser serves the carer's own
// settings and the coordinator's carer page (set during an assessment, recorded as theirs).
import { useState } from 'preact/hooks';
import { html, rich } from '../../html.js';
import { put } from '../../api.js';
import { t } from '../../i18n.js';
import { Button, Loading, Problem, Warning } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { channelRows, channelWords, chosenWithWords, move, nothingLeftWarning, toggle, unavailableReason } from './channels-logic.js';

/** "App notifications" → "app notifications" inside a sentence; "SMS" stays as it is. */
const lowerFirst = (name) => (/^\p{Lu}(?!\p{Lu})/u.test(name) ? name[0].toLocaleLowerCase() + name.slice(1) : name);

/**
 * ``reach`` says what can carry reminders; ``onSave(order)`` stores the order and returns the new
 * reading (``channels``, ``channels_set_by``, ``reach``). ``mine``: words for the person themselves.
 */
export function ChannelChooser({ idPrefix = 'channel', channels, setBy, reach, onSave, mine = true }) {
  const [order, setOrder] = useState(channels);
  const [saved, setSaved] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [chosenWith, setChosenWith] = useState(setBy);
  const [known, setKnown] = useState(reach);
  const rows = channelRows(order);
  const warning = nothingLeftWarning(order, known);

  async function save(event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setSaved('');
    setError(null);
    try {
      const result = await onSave(order);
      setOrder(result.channels);
      setChosenWith(result.channels_set_by);
      if (result.reach) setKnown(result.reach);
      setSaved(t('account.channels.saved', { who: mine ? 'you' : 'them' }));
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  }

  return html`
    <form onSubmit=${save} novalidate>
      ${error &&
      html`<div class="error-summary" role="alert"><h3 class="error-summary-title">${t('account.channels.problem')}</h3>
        <p>${error.message || String(error)}</p></div>`}
      ${chosenWith && html`<p class="hint">${chosenWithWords(chosenWith)}</p>`}
      <ol class="list channel-list">
        ${rows.map(({ channel, on }, index) => {
          const words = channelWords(channel, known);
          const reason = unavailableReason(channel, known);
          const id = `${idPrefix}-${channel}`;
          const blocked = Boolean(reason) && !on;
          const place = on ? order.indexOf(channel) : -1;
          return html`<li class="list-item channel" key=${channel}>
            <div class="choice">
              <input class="choice-input" type="checkbox" id=${id} name=${id} checked=${on} disabled=${blocked}
                aria-describedby=${`${id}-hint`}
                onChange=${(e) => setOrder(toggle(order, channel, e.currentTarget.checked))} />
              <label class="choice-label" for=${id}>
                ${on ? t('account.channels.numbered', { place: place + 1, name: words.name }) : words.name}
              </label>
              <p class="choice-hint hint" id=${`${id}-hint`}>
                ${t('account.channels.where', { where: words.where })}
                ${channel === 'push' && known && known.push_devices === 0 && (mine
                  ? html` ${rich(t('account.channels.noDeviceMine'), [(text) => html`<a href="/reminders">${text}</a>`])}`
                  : ` ${t('account.channels.noDevice')}`)}
                ${channel === 'email' && known?.email_refused && ` ${t('account.channels.emailRefused')}`}
                ${reason && ' '}${reason}
                ${channel === 'sms' && reason && mine && known?.sms?.available && !known.sms.stopped &&
                html` ${rich(t('account.channels.goToMyDetails'), [(text) => html`<a href="/me">${text}</a>`])}`}
              </p>
            </div>
            ${on &&
            html`<div class="button-group channel-moves">
              <button type="button" class="button button-secondary" disabled=${place === 0}
                onClick=${() => setOrder(move(order, channel, -1))}>
                ${rich(t('account.channels.moveUp', { name: words.name }), [(text) => html`<span class="visually-hidden">${text}</span>`])}</button>
              <button type="button" class="button button-secondary" disabled=${place === order.length - 1}
                onClick=${() => setOrder(move(order, channel, 1))}>
                ${rich(t('account.channels.moveDown', { name: words.name }), [(text) => html`<span class="visually-hidden">${text}</span>`])}</button>
            </div>`}
          </li>`;
        })}
      </ol>
      ${warning && html`<${Warning}>${warning}</${Warning}>`}
      <p class="settings-saved" role="status">${saved}</p>
      <${Button} busy=${busy}>${t('account.channels.save', { who: mine ? 'you' : 'them' })}</${Button}>
    </form>
  `;
}

/**
 * "How we reach Sam" on the coordinator's carer page: their channels in order, what doesn't work in
 * plain words, and the chooser to set the order with them during an assessment (recorded as yours).
 */
export function CarerReach({ base, membershipId }) {
  const url = `${base}/carers/${membershipId}/channels`;
  const found = useResource(url);
  const data = found.data;
  const first = (data?.display_name || '').split(' ')[0];
  // Words about the carer by their first name, or "them" before it is known.
  const named = { name: first || '', known: first ? 'yes' : 'no' };
  return html`
    <section aria-labelledby="carer-reach-title">
      <h2 class="heading-m" id="carer-reach-title">${t('account.channels.reachTitle', data ? named : { name: '', known: 'no' })}</h2>
      <${Problem} error=${found.error} />
      ${found.loading && !data && html`<${Loading} />`}
      ${data &&
      html`
        ${data.unreachable
          ? html`<${Warning}>${t('account.channels.unreachable', named)}</${Warning}>`
          : html`<p>${t('account.channels.remindersGo', {
              channels: data.working.map((c) => lowerFirst(channelWords(c, data.reach).name)).join(t('account.channels.then')),
            })}</p>`}
        ${data.problems.length > 0 && html`<ul class="list">${data.problems.map((p) => html`<li key=${p}>${p}</li>`)}</ul>`}
        <details class="attention-steps">
          <summary>${t('account.channels.setOrderWith', named)}</summary>
          <p class="hint">${t('account.channels.setOrderHint', named)}</p>
          <${ChannelChooser} idPrefix=${`carer-${membershipId}`} channels=${data.channels} setBy=${data.channels_set_by}
            reach=${data.reach} mine=${false}
            onSave=${async (channels) => {
              const result = await put(url, { channels });
              found.reload();
              return result;
            }} />
        </details>
      `}
    </section>
  `;
}
