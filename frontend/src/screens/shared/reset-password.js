// Reset a forgotten password: ask for a link by e-mail, then choose a new password with the link's
// #token= (the token stays in the fragment, so it never reaches the server's logs).
import { useState } from 'preact/hooks';
import { post } from '../../api.js';
import { html } from '../../html.js';
import { hashParams } from '../../router.js';
import { ErrorSummary, PasswordInput, TextInput, useForm } from '../../ui/forms.js';
import { Button, Inset, LinkButton, Page, Panel } from '../../ui/page.js';

function RequestLink() {
  const form = useForm({ email: '' });
  const [sent, setSent] = useState(null);
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => ({ email: !v.email.trim() && 'Enter your email address' }),
      action: async (v) => setSent(await post('/api/v1/auth/password-reset', { email: v.email.trim() })),
    });
  if (sent) {
    return html`
      <${Page} title="Check your email">
        <p>${sent.message}</p>
        <${Inset}>If nothing arrives in a few minutes, check your junk or spam folder, or ask the centre for help.</${Inset}>
        <p><a href="/sign-in">Back to sign in</a></p>
      </${Page}>
    `;
  }
  return html`
    <${Page} title="Reset your password" back=${{ href: '/sign-in', label: 'Back to sign in' }}>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <p>We'll email you a link to choose a new password.</p>
      <form onSubmit=${onSubmit} novalidate>
        <${TextInput}
          id="email"
          label="Email address"
          type="email"
          autocomplete="email"
          spellcheck="false"
          value=${form.values.email}
          onInput=${form.set('email')}
          error=${form.errors.email}
        />
        <${Button} busy=${form.busy}>Send me a link</${Button}>
      </form>
    </${Page}>
  `;
}

function ChooseNew({ token }) {
  const form = useForm({ new_password: '' });
  const [done, setDone] = useState(null);
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => ({
        new_password:
          (!v.new_password && 'Enter a new password') ||
          (v.new_password.length < 8 && 'Your password must be at least 8 characters'),
      }),
      action: async (v) => setDone(await post('/api/v1/auth/password-reset/confirm', { token, new_password: v.new_password })),
    });
  if (done) {
    return html`
      <${Page} title="Password changed">
        <${Panel} title="Your password has been changed" />
        <p>You have been signed out on every device. Sign in with your new password.</p>
        <${LinkButton} href="/sign-in">Sign in</${LinkButton}>
      </${Page}>
    `;
  }
  const expired = form.general && /expired|already been used/i.test(form.general);
  return html`
    <${Page} title="Choose a new password">
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      ${expired && html`<p><a href="/reset-password">Ask for a new link</a></p>`}
      <form onSubmit=${onSubmit} novalidate>
        <${PasswordInput}
          id="new_password"
          label="New password"
          hint="At least 8 characters. A few words you will remember works well."
          autocomplete="new-password"
          value=${form.values.new_password}
          onInput=${form.set('new_password')}
          error=${form.errors.new_password}
        />
        <${Button} busy=${form.busy}>Change password</${Button}>
      </form>
    </${Page}>
  `;
}

export function ResetPassword({ location }) {
  const token = hashParams(location.hash).get('token');
  return token ? html`<${ChooseNew} token=${token} />` : html`<${RequestLink} />`;
}
