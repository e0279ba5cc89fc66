// Ask an organisation for a buddy (self-referral): no account needed; someone from the centre replies.
// Offline (issue 11), the form still opens and keeps what was typed: it says it needs a connection,
// sends itself once the phone is back online, and offers to try again now.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, post } from '../../api.js';
import { html, rich } from '../../html.js';
import { t } from '../../i18n.js';
import { ErrorSummary, TextArea, TextInput, useForm } from '../../ui/forms.js';
import { Button, Loading, Page, Panel, Problem } from '../../ui/page.js';

export function Referral({ params }) {
  const { slug } = params;
  const [organisation, setOrganisation] = useState(undefined);
  const [done, setDone] = useState(null);
  // The request typed while offline, sent when the phone is back online (kept in memory only).
  const [waiting, setWaiting] = useState(null);
  const [sending, setSending] = useState(false);
  const form = useForm({ name: '', email: '', phone: '', message: '' });
  const url = `/api/v1/orgs/${encodeURIComponent(slug)}/referrals`;

  useEffect(() => {
    get(`/api/v1/orgs/${encodeURIComponent(slug)}/public`)
      .then(setOrganisation)
      .catch((error) => {
        if (error.status === 404) setOrganisation(null);
        else if (error instanceof ApiError && error.offline) setOrganisation({ name: null, offline: true });
        else setOrganisation({ error });
      });
  }, [slug]);

  /** Send ``body``; with no connection keep it to send later instead of showing an error. */
  async function send(body) {
    try {
      setDone(await post(url, body));
      setWaiting(null);
    } catch (error) {
      if (error instanceof ApiError && error.offline) setWaiting(body);
      else {
        setWaiting(null);
        throw error;
      }
    }
  }

  async function sendWaiting() {
    if (!waiting || sending) return;
    setSending(true);
    try {
      await send(waiting);
    } catch (error) {
      form.setGeneral(error.message);
    } finally {
      setSending(false);
    }
  }

  useEffect(() => {
    if (!waiting) return undefined;
    addEventListener('online', sendWaiting);
    return () => removeEventListener('online', sendWaiting);
  }, [waiting, sending]);

  if (organisation === undefined) return html`<${Page} title=${t('account.referral.title')}><${Loading} /></${Page}>`;
  if (organisation === null) {
    return html`<${Page} title=${t('account.referral.notFound')}>
      <p>${t('account.referral.notFoundText')}</p></${Page}>`;
  }
  if (organisation.error) {
    return html`<${Page} title=${t('account.referral.title')}><${Problem} error=${organisation.error} /></${Page}>`;
  }
  if (done) {
    return html`
      <${Page} title=${t('account.referral.thankYou')}>
        <${Panel} title=${t('account.referral.received')} />
        <p>${done.message}</p>
        <p>${rich(t('account.referral.helpBefore'), [(text) => html`<a href=${`/help/${slug}`}>${text}</a>`])}</p>
      </${Page}>
    `;
  }

  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => ({
        name: !v.name.trim() && t('account.referral.nameMissing'),
        email: !v.email.trim() && t('account.referral.emailMissing'),
      }),
      action: async (v) => {
        const body = { name: v.name.trim(), email: v.email.trim(), message: v.message.trim() };
        if (v.phone.trim()) body.phone = v.phone.trim();
        await send(body);
      },
    });

  // The centre by its name, or "the carers' centre" while offline before the name is known.
  const centre = { centre: organisation.name || '', known: organisation.name ? 'yes' : 'no' };
  return html`
    <${Page} title=${t('account.referral.title')} caption=${organisation.name || undefined}>
      ${waiting
        ? html`<div class="inset" role="status">
            <h2 class="heading-m">${t('account.referral.waitingTitle')}</h2>
            <p>${t('account.referral.waitingText', centre)}</p>
            <${Button} type="button" variant="secondary" busy=${sending} onClick=${sendWaiting}>${t('account.referral.tryAgain')}</${Button}>
          </div>`
        : organisation.offline &&
          html`<p class="inset" role="status">${t('account.referral.offline')}</p>`}
      <p class="lead">${t('account.referral.lead')}</p>
      <p>${t('account.referral.intro', centre)}</p>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <form onSubmit=${onSubmit} novalidate>
        <${TextInput} id="name" label=${t('account.referral.name')} autocomplete="name" value=${form.values.name}
          onInput=${form.set('name')} error=${form.errors.name} />
        <${TextInput} id="email" label=${t('account.referral.email')} type="email" autocomplete="email" spellcheck="false"
          value=${form.values.email} onInput=${form.set('email')} error=${form.errors.email} />
        <${TextInput} id="phone" label=${t('account.referral.phone')} optional type="tel" autocomplete="tel" width="20"
          hint=${t('account.referral.phoneHint')} value=${form.values.phone} onInput=${form.set('phone')}
          error=${form.errors.phone} />
        <${TextArea} id="message" label=${t('account.referral.message')} optional
          hint=${t('account.referral.messageHint')}
          value=${form.values.message} onInput=${form.set('message')} error=${form.errors.message} />
        <${Button} busy=${form.busy}>${t('account.referral.send')}</${Button}>
      </form>
    </${Page}>
  `;
}
