// "How we reach you" (issue 14): the channels in order, each with move up/down and on/off; texts
// disabled with the plain reason when they can't be used. The same chooser serves the carer's own
// settings and the coordinator's carer page (set during an assessment, recorded as theirs).
import { useState } from 'preact/hooks';
import { html } from '../../html.js';
import { Button, Warning } from '../../ui/page.js';
import { channelRows, channelWords, chosenWithWords, move, nothingLeftWarning, toggle, unavailableReason } from './channels-logic.js';

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
      setSaved('How we reach you is saved.'.replace('you', mine ? 'you' : 'them'));
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  }

  return html`
    <form onSubmit=${save} novalidate>
      ${error &&
      html`<div class="error-summary" role="alert"><h3 class="error-summary-title">There is a problem</h3>
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
                ${on ? `${place + 1}. ` : ''}${words.name}
              </label>
              <p class="choice-hint hint" id=${`${id}-hint`}>
                ${words.where}.
                ${channel === 'push' && known && known.push_devices === 0 && (mine
                  ? html` No device has reminders on yet: <a href="/reminders">turn on reminders on this phone</a>.`
                  : ' No device has reminders turned on.')}
                ${channel === 'email' && known?.email_refused && ' The last e-mail was refused by the mail server.'}
                ${reason && ' '}${reason}
                ${channel === 'sms' && reason && mine && known?.sms?.available && !known.sms.stopped &&
                html` <a href="/me">Go to My details</a>.`}
              </p>
            </div>
            ${on &&
            html`<div class="button-group channel-moves">
              <button type="button" class="button button-secondary" disabled=${place === 0}
                onClick=${() => setOrder(move(order, channel, -1))}>
                Move up<span class="visually-hidden"> ${words.name}</span></button>
              <button type="button" class="button button-secondary" disabled=${place === order.length - 1}
                onClick=${() => setOrder(move(order, channel, 1))}>
                Move down<span class="visually-hidden"> ${words.name}</span></button>
            </div>`}
          </li>`;
        })}
      </ol>
      ${warning && html`<${Warning}>${warning}</${Warning}>`}
      <p class="settings-saved" role="status">${saved}</p>
      <${Button} busy=${busy}>Save how we reach ${mine ? 'you' : 'them'}</${Button}>
    </form>
  `;
}
