// Reset a forgotten password: ask for a link by e-mail, then choose a new password with the link's
// #token= (the token stays in the fragment, so it never reaches the server's logs).
import { useState } from 'preact/hooks';
import { ApiError, post } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { hashParams } from '../../router.js';
import { ErrorSummary, PasswordInput, TextInput, useForm } from '../../ui/forms.js';
import { Button, Inset, LinkButton, Page, Panel } from '../../ui/page.js';

function RequestLink() {
  const form = useForm({ email: '' });
  const [sent, setSent] = useState(null);
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => ({ email: !v.email.trim() && t('shell.form.enterEmail') }),
      action: async (v) => setSent(await post('/api/v1/auth/password-reset', { email: v.email.trim() })),
    });
  if (sent) {
    return html`
      <${Page} title=${t('shell.reset.checkEmail')}>
        <p>${sent.message}</p>
        <${Inset}>${t('shell.reset.nothingArrives')}</${Inset}>
        <p><a href="/sign-in">${t('shell.reset.backToSignIn')}</a></p>
      </${Page}>
    `;
  }
  return html`
    <${Page} title=${t('shell.reset.title')} back=${{ href: '/sign-in', label: t('shell.reset.backToSignIn') }}>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <p>${t('shell.reset.willEmail')}</p>
      <form onSubmit=${onSubmit} novalidate>
        <${TextInput}
          id="email"
          label=${t('shell.form.email')}
          type="email"
          autocomplete="email"
          spellcheck="false"
          value=${form.values.email}
          onInput=${form.set('email')}
          error=${form.errors.email}
        />
        <${Button} busy=${form.busy}>${t('shell.reset.sendLink')}</${Button}>
      </form>
    </${Page}>
  `;
}

function ChooseNew({ token }) {
  const form = useForm({ new_password: '' });
  const [done, setDone] = useState(null);
  // The link refused (expired or used): known by the field the server names, in any language.
  const [linkRefused, setLinkRefused] = useState(false);
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => ({
        new_password:
          (!v.new_password && t('shell.reset.enterNew')) ||
          (v.new_password.length < 8 && t('shell.reset.tooShort')),
      }),
      action: async (v) => {
        setLinkRefused(false);
        try {
          setDone(await post('/api/v1/auth/password-reset/confirm', { token, new_password: v.new_password }));
        } catch (error) {
          setLinkRefused(error instanceof ApiError && 'token' in error.fieldErrors);
          throw error;
        }
      },
    });
  if (done) {
    return html`
      <${Page} title=${t('shell.reset.changedTitle')}>
        <${Panel} title=${t('shell.reset.changed')} />
        <p>${t('shell.reset.signedOutEverywhere')}</p>
        <${LinkButton} href="/sign-in">${t('shell.signIn.button')}</${LinkButton}>
      </${Page}>
    `;
  }
  const expired = Boolean(form.general) && (linkRefused || /expired|already been used/i.test(form.general));
  return html`
    <${Page} title=${t('shell.reset.chooseTitle')}>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      ${expired && html`<p><a href="/reset-password">${t('shell.reset.askNewLink')}</a></p>`}
      <form onSubmit=${onSubmit} novalidate>
        <${PasswordInput}
          id="new_password"
          label=${t('shell.reset.newPassword')}
          hint=${t('shell.reset.newPasswordHint')}
          autocomplete="new-password"
          value=${form.values.new_password}
          onInput=${form.set('new_password')}
          error=${form.errors.new_password}
        />
        <${Button} busy=${form.busy}>${t('shell.reset.changeButton')}</${Button}>
      </form>
    </${Page}>
  `;
}

export function ResetPassword({ location }) {
  const token = hashParams(location.hash).get('token');
  return token ? html`<${ChooseNew} token=${token} />` : html`<${RequestLink} />`;
}
