// Ask an organisation for a buddy (self-referral): no account needed; someone from the centre replies.
// Offline (issue 11), the form still opens and keeps what was typed: it says it needs a connection,
// sends itself once the phone is back online, and offers to try again now.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, post } from '../../api.js';
import { html } from '../../html.js';
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

  if (organisation === undefined) return html`<${Page} title="Ask for a buddy"><${Loading} /></${Page}>`;
  if (organisation === null) {
    return html`<${Page} title="We can't find that carers' centre">
      <p>Check the web address you were given, or ask the centre for the right link.</p></${Page}>`;
  }
  if (organisation.error) {
    return html`<${Page} title="Ask for a buddy"><${Problem} error=${organisation.error} /></${Page}>`;
  }
  if (done) {
    return html`
      <${Page} title="Thank you">
        <${Panel} title="We have your request" />
        <p>${done.message}</p>
        <p>If you need help before then, <a href=${`/help/${slug}`}>see numbers to call now</a>.</p>
      </${Page}>
    `;
  }

  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => ({
        name: !v.name.trim() && 'Enter your name',
        email: !v.email.trim() && 'Enter your email address',
      }),
      action: async (v) => {
        const body = { name: v.name.trim(), email: v.email.trim(), message: v.message.trim() };
        if (v.phone.trim()) body.phone = v.phone.trim();
        await send(body);
      },
    });

  const centre = organisation.name || 'the carers\' centre';
  return html`
    <${Page} title="Ask for a buddy" caption=${organisation.name || undefined}>
      ${waiting
        ? html`<div class="inset" role="status">
            <h2 class="heading-m">Your request will be sent when you're back online</h2>
            <p>This form needs a connection to reach ${centre}. What you typed is kept on this page: leave it
              open and it will be sent as soon as your phone is back online.</p>
            <${Button} type="button" variant="secondary" busy=${sending} onClick=${sendWaiting}>Try sending again now</${Button}>
          </div>`
        : organisation.offline &&
          html`<p class="inset" role="status">You're offline. You can fill this in now: it needs a connection to
            send, and it will be sent as soon as your phone is back online.</p>`}
      <p class="lead">A buddy is someone who has looked after a relative or friend too. They check in with you
        regularly and understand what it's like.</p>
      <p>Tell us how to reach you and someone from ${centre} will be in touch.</p>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <form onSubmit=${onSubmit} novalidate>
        <${TextInput} id="name" label="Your name" autocomplete="name" value=${form.values.name}
          onInput=${form.set('name')} error=${form.errors.name} />
        <${TextInput} id="email" label="Email address" type="email" autocomplete="email" spellcheck="false"
          value=${form.values.email} onInput=${form.set('email')} error=${form.errors.email} />
        <${TextInput} id="phone" label="Phone number" optional type="tel" autocomplete="tel" width="20"
          hint="If you'd like us to call you. UK numbers or +country code." value=${form.values.phone} onInput=${form.set('phone')}
          error=${form.errors.phone} />
        <${TextArea} id="message" label="Anything you'd like us to know" optional
          hint="For example, the best time to call. You don't need to tell us about anyone's health here."
          value=${form.values.message} onInput=${form.set('message')} error=${form.errors.message} />
        <${Button} busy=${form.busy}>Send</${Button}>
      </form>
    </${Page}>
  `;
}
