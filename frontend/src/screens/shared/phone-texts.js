// Text message reminders on My details (issue 14): whether my number is verified, and proving it with a
// 6-digit code sent by text. Where texts can't be sent (the service or the centre has them off) it says
// so plainly instead of offering a code.
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { ErrorSummary, TextInput, useForm } from '../../ui/forms.js';
import { Button, Panel, Problem } from '../../ui/page.js';

/** What the section says for a phone status from ``GET /api/v1/me/phone``: one of a few plain states. */
export function textsState(status) {
  if (!status) return 'loading';
  if (status.texts === 'off') return 'off';
  if (status.texts === 'not_enabled') return 'not-enabled';
  if (!status.phone) return 'no-phone';
  if (status.stopped) return 'stopped';
  return status.verified ? 'verified' : 'not-verified';
}

/** Only digits, as typed or pasted from the text ("123 456" → "123456"). */
export const codeDigits = (value) => (value || '').replace(/[^0-9]/g, '');

export function PhoneTexts({ version }) {
  const [status, setStatus] = useState(null);
  const [loadError, setLoadError] = useState(null);
  const [sent, setSent] = useState(false);
  const [justVerified, setJustVerified] = useState(false);
  const [sendError, setSendError] = useState(null);
  const [sending, setSending] = useState(false);
  const form = useForm({ code: '' });

  useEffect(() => {
    let live = true;
    get('/api/v1/me/phone').then(
      (found) => live && setStatus(found),
      (error) => live && setLoadError(error),
    );
    return () => {
      live = false;
    };
  }, [version]);

  const sendCode = async () => {
    setSendError(null);
    setSending(true);
    try {
      await post('/api/v1/me/phone/verification');
      setSent(true);
      form.setValues({ code: '' });
    } catch (error) {
      setSendError(error);
    } finally {
      setSending(false);
    }
  };
  const confirm = (event) =>
    form.submit(event, {
      validate: (v) => ({ code: codeDigits(v.code).length !== 6 && t('account.texts.codeInvalid') }),
      action: async (v) => {
        setStatus(await post('/api/v1/me/phone/verification/confirm', { code: codeDigits(v.code) }));
        setSent(false);
        setJustVerified(true);
      },
    });

  const state = textsState(status);
  return html`
    <section aria-labelledby="texts-heading">
      <h2 class="heading-m" id="texts-heading">${t('account.texts.title')}</h2>
      <${Problem} error=${loadError} />
      ${state === 'off' && html`<p>${t('account.texts.serviceOff')}</p>`}
      ${state === 'not-enabled' &&
      html`<p>${t('account.texts.centreOff')}</p>`}
      ${state === 'no-phone' && html`<p>${t('account.texts.noPhone')}</p>`}
      ${state === 'stopped' &&
      html`<p><strong class="tag">${t('account.texts.stoppedTag')}</strong></p>
        <p>${t('account.texts.stopped')}</p>`}
      ${state === 'verified' &&
      html`${justVerified && html`<${Panel} title=${t('account.texts.justVerified')} />`}
        <p><strong class="tag">${t('account.texts.verifiedTag')}</strong></p>
        <p>${t('account.texts.verified')}</p>`}
      ${state === 'not-verified' &&
      html`<p><strong class="tag">${t('account.texts.notVerifiedTag')}</strong></p>
        <p>${t('account.texts.notVerified')}</p>
        <${Problem} error=${sendError} />
        ${!sent &&
        html`<${Button} type="button" variant="secondary" busy=${sending} onClick=${sendCode}>${t('account.texts.sendCode')}</${Button}>`}
        ${sent &&
        html`<${ErrorSummary} errors=${form.errors} general=${form.general} />
          <form onSubmit=${confirm} novalidate>
            <${TextInput} id="code" label=${t('account.texts.codeLabel')} hint=${t('account.texts.codeHint')}
              autocomplete="one-time-code" inputmode="numeric" width="10" value=${form.values.code}
              onInput=${form.set('code')} error=${form.errors.code} />
            <div class="button-group">
              <${Button} busy=${form.busy}>${t('account.texts.verify')}</${Button}>
              <${Button} type="button" variant="secondary" busy=${sending} onClick=${sendCode}>${t('account.texts.sendNewCode')}</${Button}>
            </div>
          </form>`}`}
    </section>
  `;
}
