// Sign in with e-mail address and password.
import { post } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { navigate } from '../../router.js';
import { signedIn } from '../../session.js';
import { ErrorSummary, PasswordInput, TextInput, useForm } from '../../ui/forms.js';
import { LanguageSwitch, languageChosenHere } from '../../ui/language.js';
import { Button, Inset, Page } from '../../ui/page.js';

function safeNext(search) {
  const next = new URLSearchParams(search).get('next') || '/';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignIn({ location }) {
  const form = useForm({ email: '', password: '' });
  const signedOut = new URLSearchParams(location.search).has('signed-out');
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => ({
        email: !v.email.trim() && t('shell.form.enterEmail'),
        password: !v.password && t('shell.signIn.enterPassword'),
      }),
      action: async (v) => {
        // A language chosen with the switch on this page becomes the person's own choice (issue 17).
        const locale = languageChosenHere();
        await post('/api/v1/auth/login', { email: v.email.trim(), password: v.password, ...(locale ? { locale } : {}) });
        await signedIn();
        navigate(safeNext(location.search), { replace: true });
      },
    });
  return html`
    <${Page} title=${t('shell.signIn.title')}>
      <${LanguageSwitch} />
      ${signedOut && html`<${Inset}>${t('shell.signIn.signedOut')}</${Inset}>`}
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
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
        <${PasswordInput}
          id="password"
          label=${t('shell.signIn.password')}
          autocomplete="current-password"
          value=${form.values.password}
          onInput=${form.set('password')}
          error=${form.errors.password}
        />
        <${Button} busy=${form.busy}>${t('shell.signIn.button')}</${Button}>
      </form>
      <ul class="links">
        <li><a href="/reset-password">${t('shell.signIn.forgotten')}</a></li>
        <li><a href="/invitation">${t('shell.signIn.haveCode')}</a></li>
      </ul>
      <h2 class="heading-m">${t('shell.signIn.needHelp')}</h2>
      <p>${t('shell.signIn.noNeed')} <a href="/help">${t('shell.signIn.noNeedLink')}</a>${t('shell.signIn.noNeedAfter')}</p>
    </${Page}>
  `;
}
