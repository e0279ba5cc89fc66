// Accept an invitation: from the e-mailed link (#token=…) or the code given in person; see what it
// is for; choose a name, password and time zone; agree to the terms; and (carers) answer the
// health-data question on a screen of its own, where "no" is a full answer.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, post } from '../../api.js';
import { html, rich } from '../../html.js';
import { t } from '../../i18n.js';
import { hashParams, navigate } from '../../router.js';
import { sessionState, signedIn, signOut } from '../../session.js';
import {
  browserTimeZone,
  Checkbox,
  ErrorSummary,
  PasswordInput,
  mapApiErrors,
  Radios,
  Select,
  TextInput,
  timeZoneOptions,
  useForm,
} from '../../ui/forms.js';
import { LanguageSwitch, languageChosenHere } from '../../ui/language.js';
import { Button, Inset, Loading, Page, Problem } from '../../ui/page.js';

/** What joining as ``role`` means, in a sentence. */
function rolePurpose(role) {
  if (role === 'carer') return t('account.invitation.purposeCarer');
  if (role === 'buddy') return t('account.invitation.purposeBuddy');
  return t('account.invitation.purposeCoordinator');
}
// Which step shows each field the API may complain about.
const STEP_OF_FIELD = { code: 'key', token: 'key', display_name: 'about', password: 'about', time_zone: 'about', terms: 'terms' };
const FIELD_MAP = { 'consents.terms': 'terms', 'consents.health_data': 'health_data' };

/**
 * When the address already has an account (the server's 409 about the e-mail address, told in the
 * person's language): sign in, then come back to this invitation.
 */
function SignInFirst({ general, accountExists }) {
  if (!general || !accountExists) return null;
  const back = encodeURIComponent(location.pathname + location.hash);
  return html`<p><a class="button button-secondary" href=${`/sign-in?next=${back}`}>${t('account.invitation.signInFirst')}</a></p>`;
}

/** What a newcomer does first, by role (the same step their home then asks for, if it's not done). */
function nextStep(role) {
  if (role === 'carer') {
    return { words: t('account.invitation.nextCarer'), label: t('account.invitation.nextCarerButton'), href: '/my-profile/edit' };
  }
  if (role === 'buddy') {
    return { words: t('account.invitation.nextBuddy'), label: t('account.invitation.nextBuddyButton'), href: '/buddy/profile/edit' };
  }
  return null;
}

export function Invitation({ location }) {
  const token = hashParams(location.hash).get('token');
  const [preview, setPreview] = useState(null);
  const [step, setStep] = useState(token ? 'loading' : 'key');
  const [history, setHistory] = useState([]);
  const [accountExists, setAccountExists] = useState(false);
  const form = useForm(
    { code: '', display_name: '', password: '', time_zone: browserTimeZone(), terms: false, health_data: '' },
    { fieldMap: FIELD_MAP },
  );
  const me = sessionState().me;
  const key = token ? { token } : { code: form.values.code.trim() };
  const existingAccount = preview && me && me.email === preview.email;
  const otherAccount = preview && me && me.email !== preview.email;

  const go = (next) => {
    setHistory((old) => [...old, step]);
    form.setErrors({});
    form.setGeneral(null);
    setStep(next);
  };
  const back = () => {
    setHistory((old) => old.slice(0, -1));
    form.setErrors({});
    form.setGeneral(null);
    setStep(history[history.length - 1] || 'key');
  };

  async function loadPreview(event) {
    return form.submit(event, {
      validate: (v) => (token ? {} : { code: !v.code.trim() && t('account.invitation.codeMissing') }),
      action: async () => {
        setPreview(await post('/api/v1/invitations/preview', key));
        go('welcome');
      },
    });
  }

  useEffect(() => {
    if (!token) return;
    post('/api/v1/invitations/preview', { token })
      .then((found) => {
        setPreview(found);
        setStep('welcome');
      })
      .catch((error) => {
        form.setGeneral(mapApiErrors(error).general || error.message);
        setStep('link-problem');
      });
  }, [token]);

  const FIELDS = ['display_name', 'password', 'time_zone', 'terms', 'health_data', 'code'];

  async function accept(v) {
    const body = { ...key, consents: { terms: v.terms, health_data: v.health_data === 'yes' }, time_zone: v.time_zone };
    // A language chosen with the switch here becomes the person's own (issue 17); else their browser's
    // language (sent as Accept-Language) is kept as a first guess.
    const locale = languageChosenHere();
    if (locale) body.locale = locale;
    if (!existingAccount) Object.assign(body, { display_name: v.display_name.trim(), password: v.password });
    try {
      return await post('/api/v1/invitations/accept', body);
    } catch (error) {
      // Not signed in, and the address has an account: the server's 409 about the e-mail address.
      setAccountExists(!me && error instanceof ApiError && error.status === 409 && 'email' in error.fieldErrors);
      throw error;
    }
  }

  async function finish(me) {
    if (!me) return;
    await signedIn(me);
    setStep('done');
  }

  // A server error about a field on an earlier step: go back there to show it.
  useEffect(() => {
    const field = Object.keys(form.errors).find((name) => STEP_OF_FIELD[name]);
    if (field && STEP_OF_FIELD[field] !== step && ['terms', 'health'].includes(step)) setStep(STEP_OF_FIELD[field]);
  }, [form.errors]);

  if (step === 'loading') return html`<${Page} title=${t('account.invitation.opening')}><${Loading} /></${Page}>`;

  if (step === 'link-problem') {
    return html`
      <${Page} title=${t('account.invitation.linkProblem')}>
        <${Problem} error=${{ message: form.general }} />
        <p>${t('account.invitation.linkProblemText')}</p>
        <p><a href="/invitation" onClick=${() => setStep('key')}>${t('account.invitation.enterCodeInstead')}</a></p>
        <p>${t('account.invitation.askNewInvitation')}</p>
      </${Page}>
    `;
  }

  if (step === 'key') {
    return html`
      <${Page} title=${t('account.invitation.enterCode')} back=${{ href: '/sign-in', label: t('account.invitation.backToSignIn') }}>
        <${LanguageSwitch} />
        <${ErrorSummary} errors=${form.errors} general=${form.general} />
        <form onSubmit=${loadPreview} novalidate>
          <${TextInput}
            id="code"
            label=${t('account.invitation.codeLabel')}
            hint=${t('account.invitation.codeHint')}
            value=${form.values.code}
            onInput=${form.set('code')}
            error=${form.errors.code}
            autocomplete="off"
            spellcheck="false"
            width="10"
            big
          />
          <${Button} busy=${form.busy}>${t('account.invitation.continue')}</${Button}>
        </form>
      </${Page}>
    `;
  }

  if (step === 'welcome') {
    return html`
      <${Page} title=${t('account.invitation.join', { organisation: preview.organisation_name })}>
        <${LanguageSwitch} />
        <p class="lead">${t('account.invitation.invitedAs', { role: preview.role })}</p>
        <p>${rolePurpose(preview.role)}</p>
        <${Inset}>${rich(t('account.invitation.forAddress', { email: preview.email }), [(email) => html`<strong>${email}</strong>`])}</${Inset}>
        ${otherAccount &&
        html`<${Problem} error=${{ message: t('account.invitation.otherAccount', { email: me.email }) }} />
          <${Button} type="button" variant="secondary" onClick=${() => signOut()}>${t('account.invitation.signOut')}</${Button}>`}
        ${!otherAccount &&
        html`<${Button} type="button" onClick=${() => go(existingAccount ? 'terms' : 'about')}>${t('account.invitation.continue')}</${Button}>`}
      </${Page}>
    `;
  }

  if (step === 'about') {
    const next = (event) =>
      form.submit(event, {
        validate: (v) => ({
          display_name: !v.display_name.trim() && t('account.invitation.nameMissing'),
          password:
            (!v.password && t('account.invitation.passwordMissing')) ||
            (v.password.length < 8 && t('account.invitation.passwordShort', { count: 8 })),
        }),
        action: async () => go('terms'),
      });
    return html`
      <${Page} title=${t('account.invitation.aboutYou')} caption=${preview.organisation_name} onBack=${back}>
        <${ErrorSummary} errors=${form.errors} general=${form.general} />
        <form onSubmit=${next} novalidate>
          <${TextInput}
            id="display_name"
            label=${t('account.invitation.name')}
            hint=${t('account.invitation.nameHint')}
            autocomplete="name"
            value=${form.values.display_name}
            onInput=${form.set('display_name')}
            error=${form.errors.display_name}
          />
          <${PasswordInput}
            id="password"
            label=${t('account.invitation.password')}
            hint=${t('account.invitation.passwordHint', { count: 8 })}
            autocomplete="new-password"
            value=${form.values.password}
            onInput=${form.set('password')}
            error=${form.errors.password}
          />
          <${Select}
            id="time_zone"
            label=${t('account.invitation.timeZone')}
            hint=${t('account.invitation.timeZoneHint')}
            value=${form.values.time_zone}
            onChange=${form.set('time_zone')}
            options=${timeZoneOptions(form.values.time_zone)}
            error=${form.errors.time_zone}
          />
          <${Button}>${t('account.invitation.continue')}</${Button}>
        </form>
      </${Page}>
    `;
  }

  if (step === 'terms') {
    const terms = preview.consents.find((c) => c.kind === 'terms');
    const next = (event) =>
      form
        .submit(event, {
          fields: FIELDS,
          validate: (v) => ({ terms: !v.terms && t('account.invitation.termsMissing') }),
          action: async (v) => (preview.role === 'carer' ? go('health') : accept(v)),
        })
        .then(finish);
    return html`
      <${Page} title=${t('account.invitation.termsTitle')} caption=${preview.organisation_name} onBack=${back}>
        <${ErrorSummary} errors=${form.errors} general=${form.general} />
        <${SignInFirst} general=${form.general} accountExists=${accountExists} />
        <div class="consent-text"><p>${terms.text}</p></div>
        <form onSubmit=${next} novalidate>
          <${Checkbox}
            id="terms"
            label=${t('account.invitation.agree')}
            checked=${form.values.terms}
            onChange=${form.set('terms')}
            error=${form.errors.terms}
          />
          <${Button} busy=${form.busy}>${preview.role === 'carer' ? t('account.invitation.continue') : t('account.invitation.joinButton')}</${Button}>
        </form>
      </${Page}>
    `;
  }

  if (step === 'health') {
    const health = preview.consents.find((c) => c.kind === 'health_data');
    const answerHealth = (event) =>
      form
        .submit(event, {
          fields: FIELDS,
          validate: (v) => ({ health_data: !v.health_data && t('account.invitation.healthMissing') }),
          action: accept,
        })
        .then(finish);
    return html`
      <${Page} title=${t('account.invitation.healthTitle')} caption=${t('account.invitation.oneMore')} onBack=${back}>
        <${ErrorSummary} errors=${form.errors} general=${form.general} />
        <${SignInFirst} general=${form.general} accountExists=${accountExists} />
        <p>${t('account.invitation.healthWhy')}</p>
        <p>${t('account.invitation.healthChoice')}</p>
        <p>${t('account.invitation.healthChange')}</p>
        <details class="details">
          <summary class="details-summary">${t('account.invitation.healthExactly')}</summary>
          <div class="details-text">${health?.text}</div>
        </details>
        <form onSubmit=${answerHealth} novalidate>
          <${Radios}
            id="health_data"
            legend=${t('account.invitation.healthLegend')}
            value=${form.values.health_data}
            onChange=${form.set('health_data')}
            error=${form.errors.health_data}
            options=${[
              { value: 'yes', label: t('account.invitation.healthYes') },
              { value: 'no', label: t('account.invitation.healthNo'), hint: t('account.invitation.healthNoHint') },
            ]}
          />
          <${Button} busy=${form.busy}>${t('account.invitation.joinButton')}</${Button}>
        </form>
      </${Page}>
    `;
  }

  if (step === 'done') {
    const name = sessionState().me?.display_name;
    const next = nextStep(preview.role);
    // Issue 11: one message, in the order things happen: the first step now, then what the centre does.
    return html`
      <${Page} title=${name ? t('account.invitation.welcomeName', { name }) : t('account.invitation.welcome')}>
        <p class="lead">${t('account.invitation.joined', { organisation: preview.organisation_name })}</p>
        ${next
          ? html`<p>${next.words}</p>
              <${Button} type="button" onClick=${() => navigate(next.href, { replace: true })}>${next.label}</${Button}>
              <p><a href="/">${t('account.invitation.later')}</a></p>`
          : html`<${Button} type="button" onClick=${() => navigate('/', { replace: true })}>${t('account.invitation.home')}</${Button}>`}
      </${Page}>
    `;
  }
  return null;
}
