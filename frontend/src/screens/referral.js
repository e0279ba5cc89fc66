// Ask an organisation for a buddy (self-referral): no account needed; someone from the centre replies.
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { html } from '../html.js';
import { ErrorSummary, TextArea, TextInput, useForm } from '../ui/forms.js';
import { Button, Loading, Page, Panel, Problem } from '../ui/page.js';

export function Referral({ params }) {
  const { slug } = params;
  const [organisation, setOrganisation] = useState(undefined);
  const [done, setDone] = useState(null);
  const form = useForm({ name: '', email: '', phone: '', message: '' });

  useEffect(() => {
    get(`/api/v1/orgs/${encodeURIComponent(slug)}/public`)
      .then(setOrganisation)
      .catch((error) => setOrganisation(error.status === 404 ? null : { error }));
  }, [slug]);

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
        setDone(await post(`/api/v1/orgs/${encodeURIComponent(slug)}/referrals`, body));
      },
    });

  return html`
    <${Page} title="Ask for a buddy" caption=${organisation.name}>
      <p class="lead">A buddy is someone who has looked after a relative or friend too. They check in with you
        regularly and understand what it's like.</p>
      <p>Tell us how to reach you and someone from ${organisation.name} will be in touch.</p>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <form onSubmit=${onSubmit} novalidate>
        <${TextInput} id="name" label="Your name" autocomplete="name" value=${form.values.name}
          onInput=${form.set('name')} error=${form.errors.name} />
        <${TextInput} id="email" label="Email address" type="email" autocomplete="email" spellcheck="false"
          value=${form.values.email} onInput=${form.set('email')} error=${form.errors.email} />
        <${TextInput} id="phone" label="Phone number" optional type="tel" autocomplete="tel" width="20"
          hint="If you'd like us to call you." value=${form.values.phone} onInput=${form.set('phone')}
          error=${form.errors.phone} />
        <${TextArea} id="message" label="Anything you'd like us to know" optional
          hint="For example, the best time to call. You don't need to tell us about anyone's health here."
          value=${form.values.message} onInput=${form.set('message')} error=${form.errors.message} />
        <${Button} busy=${form.busy}>Send</${Button}>
      </form>
    </${Page}>
  `;
}
