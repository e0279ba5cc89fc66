// Sign in with e-mail address and password.
import { post } from '../../api.js';
import { html } from '../../html.js';
import { navigate } from '../../router.js';
import { signedIn } from '../../session.js';
import { ErrorSummary, PasswordInput, TextInput, useForm } from '../../ui/forms.js';
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
        email: !v.email.trim() && 'Enter your email address',
        password: !v.password && 'Enter your password',
      }),
      action: async (v) => {
        await post('/api/v1/auth/login', { email: v.email.trim(), password: v.password });
        await signedIn();
        navigate(safeNext(location.search), { replace: true });
      },
    });
  return html`
    <${Page} title="Sign in">
      ${signedOut && html`<${Inset}>You have signed out. Anything this phone kept for you has been deleted.</${Inset}>`}
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
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
        <${PasswordInput}
          id="password"
          label="Password"
          autocomplete="current-password"
          value=${form.values.password}
          onInput=${form.set('password')}
          error=${form.errors.password}
        />
        <${Button} busy=${form.busy}>Sign in</${Button}>
      </form>
      <ul class="links">
        <li><a href="/reset-password">I've forgotten my password</a></li>
        <li><a href="/invitation">I have a code from the centre</a></li>
      </ul>
      <h2 class="heading-m">Need help now?</h2>
      <p>You don't need to sign in to <a href="/help">see numbers to call for help</a>.</p>
    </${Page}>
  `;
}
