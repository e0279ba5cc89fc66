// Accept an invitation: from the e-mailed link (#token=…) or the code given in person; see what it
// is for; choose a name, password and time zone; agree to the terms; and (carers) answer the
// health-data question on a screen of its own, where "no" is a full answer.
import { useEffect, useState } from 'preact/hooks';
import { post } from '../../api.js';
import { html } from '../../html.js';
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
import { Button, Inset, Loading, Page, Problem } from '../../ui/page.js';

const ROLE_WORDS = { carer: 'a carer', buddy: 'a buddy', coordinator: 'a coordinator' };
const ROLE_PURPOSE = {
  carer: 'You will be matched with a buddy: someone who has been a carer too, who checks in with you regularly.',
  buddy: 'You will support carers who are going through what you have been through.',
  coordinator: 'You will invite people, match carers with buddies and keep an eye on how everyone is doing.',
};
// Which step shows each field the API may complain about.
const STEP_OF_FIELD = { code: 'key', token: 'key', display_name: 'about', password: 'about', time_zone: 'about', terms: 'terms' };
const FIELD_MAP = { 'consents.terms': 'terms', 'consents.health_data': 'health_data' };

/** When the address already has an account: sign in, then come back to this invitation. */
function SignInFirst({ general }) {
  if (!general || !/Sign in to accept/.test(general)) return null;
  const back = encodeURIComponent(location.pathname + location.hash);
  return html`<p><a class="button button-secondary" href=${`/sign-in?next=${back}`}>Sign in first</a></p>`;
}

/** What a newcomer does first, by role (the same step their home then asks for, if it's not done). */
const NEXT_STEP = {
  carer: {
    words:
      "First, tell us a little about your caring situation. Then we'll look for a buddy who has been through " +
      "something similar, and let you know when we've found one.",
    label: 'Tell us about your caring',
    href: '/my-profile/edit',
  },
  buddy: {
    words:
      'First, tell us about your own experience of caring. Then the centre can introduce you to carers ' +
      "who are going through something you've been through.",
    label: 'Tell us about your caring experience',
    href: '/buddy/profile/edit',
  },
};

export function Invitation({ location }) {
  const token = hashParams(location.hash).get('token');
  const [preview, setPreview] = useState(null);
  const [step, setStep] = useState(token ? 'loading' : 'key');
  const [history, setHistory] = useState([]);
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
      validate: (v) => (token ? {} : { code: !v.code.trim() && 'Enter the code from the centre' }),
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
    if (!existingAccount) Object.assign(body, { display_name: v.display_name.trim(), password: v.password });
    return post('/api/v1/invitations/accept', body);
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

  if (step === 'loading') return html`<${Page} title="Opening your invitation"><${Loading} /></${Page}>`;

  if (step === 'link-problem') {
    return html`
      <${Page} title="This invitation link does not work">
        <${Problem} error=${{ message: form.general }} />
        <p>Links work for 14 days and only once. If the centre gave you a code, you can use that instead.</p>
        <p><a href="/invitation" onClick=${() => setStep('key')}>Enter a code instead</a></p>
        <p>Or ask the centre to send you a new invitation.</p>
      </${Page}>
    `;
  }

  if (step === 'key') {
    return html`
      <${Page} title="Enter your code" back=${{ href: '/sign-in', label: 'Back to sign in' }}>
        <${ErrorSummary} errors=${form.errors} general=${form.general} />
        <form onSubmit=${loadPreview} novalidate>
          <${TextInput}
            id="code"
            label="Code from the centre"
            hint="It's 8 letters and numbers, like ABCD-2345. It's in your invitation email too."
            value=${form.values.code}
            onInput=${form.set('code')}
            error=${form.errors.code}
            autocomplete="off"
            spellcheck="false"
            width="10"
            big
          />
          <${Button} busy=${form.busy}>Continue</${Button}>
        </form>
      </${Page}>
    `;
  }

  if (step === 'welcome') {
    return html`
      <${Page} title=${`Join ${preview.organisation_name}`}>
        <p class="lead">You've been invited to join as ${ROLE_WORDS[preview.role]}.</p>
        <p>${ROLE_PURPOSE[preview.role]}</p>
        <${Inset}>This invitation is for <strong>${preview.email}</strong>.</${Inset}>
        ${otherAccount &&
        html`<${Problem} error=${{ message: `You are signed in as ${me.email}. Sign out first to accept an invitation for another address.` }} />
          <${Button} type="button" variant="secondary" onClick=${() => signOut()}>Sign out</${Button}>`}
        ${!otherAccount &&
        html`<${Button} type="button" onClick=${() => go(existingAccount ? 'terms' : 'about')}>Continue</${Button}>`}
      </${Page}>
    `;
  }

  if (step === 'about') {
    const next = (event) =>
      form.submit(event, {
        validate: (v) => ({
          display_name: !v.display_name.trim() && 'Enter your name',
          password:
            (!v.password && 'Choose a password') || (v.password.length < 8 && 'Your password must be at least 8 characters'),
        }),
        action: async () => go('terms'),
      });
    return html`
      <${Page} title="About you" caption=${preview.organisation_name} onBack=${back}>
        <${ErrorSummary} errors=${form.errors} general=${form.general} />
        <form onSubmit=${next} novalidate>
          <${TextInput}
            id="display_name"
            label="Your name"
            hint="The name your buddy and the centre will see. Your first name is fine."
            autocomplete="name"
            value=${form.values.display_name}
            onInput=${form.set('display_name')}
            error=${form.errors.display_name}
          />
          <${PasswordInput}
            id="password"
            label="Choose a password"
            hint="At least 8 characters. A few words you will remember works well."
            autocomplete="new-password"
            value=${form.values.password}
            onInput=${form.set('password')}
            error=${form.errors.password}
          />
          <${Select}
            id="time_zone"
            label="Your time zone"
            hint="So reminders arrive at the right time of day."
            value=${form.values.time_zone}
            onChange=${form.set('time_zone')}
            options=${timeZoneOptions(form.values.time_zone)}
            error=${form.errors.time_zone}
          />
          <${Button}>Continue</${Button}>
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
          validate: (v) => ({ terms: !v.terms && 'Tick the box to agree to the terms, or ask the centre about them' }),
          action: async (v) => (preview.role === 'carer' ? go('health') : accept(v)),
        })
        .then(finish);
    return html`
      <${Page} title="How the buddy service works" caption=${preview.organisation_name} onBack=${back}>
        <${ErrorSummary} errors=${form.errors} general=${form.general} />
        <${SignInFirst} general=${form.general} />
        <div class="consent-text"><p>${terms.text}</p></div>
        <form onSubmit=${next} novalidate>
          <${Checkbox}
            id="terms"
            label="I agree to these terms"
            checked=${form.values.terms}
            onChange=${form.set('terms')}
            error=${form.errors.terms}
          />
          <${Button} busy=${form.busy}>${preview.role === 'carer' ? 'Continue' : 'Join'}</${Button}>
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
          validate: (v) => ({ health_data: !v.health_data && 'Choose yes or no' }),
          action: accept,
        })
        .then(finish);
    return html`
      <${Page} title="Can we keep a note of what the person you care for lives with?" caption="One more question" onBack=${back}>
        <${ErrorSummary} errors=${form.errors} general=${form.general} />
        <${SignInFirst} general=${form.general} />
        <p>To find you a buddy who has been through something similar, it helps us to know in broad terms
          what the person you look after lives with, for example "dementia" or "mental health".</p>
        <p>We only keep broad headings like these, never medical details. This is your choice:
          if you say no, you can still have a buddy.</p>
        <p>You can change your mind at any time in your details, and we will delete this information.</p>
        <details class="details">
          <summary class="details-summary">Read exactly what you are agreeing to</summary>
          <div class="details-text">${health?.text}</div>
        </details>
        <form onSubmit=${answerHealth} novalidate>
          <${Radios}
            id="health_data"
            legend="Can we keep this information?"
            value=${form.values.health_data}
            onChange=${form.set('health_data')}
            error=${form.errors.health_data}
            options=${[
              { value: 'yes', label: 'Yes, you can keep it' },
              { value: 'no', label: 'No, not now', hint: 'You can still have a buddy.' },
            ]}
          />
          <${Button} busy=${form.busy}>Join</${Button}>
        </form>
      </${Page}>
    `;
  }

  if (step === 'done') {
    const name = sessionState().me?.display_name;
    const next = NEXT_STEP[preview.role];
    // Issue 11: one message, in the order things happen: the first step now, then what the centre does.
    return html`
      <${Page} title=${`Welcome${name ? `, ${name}` : ''}`}>
        <p class="lead">You have joined ${preview.organisation_name}.</p>
        ${next
          ? html`<p>${next.words}</p>
              <${Button} type="button" onClick=${() => navigate(next.href, { replace: true })}>${next.label}</${Button}>
              <p><a href="/">Do this later and go to my home page</a></p>`
          : html`<${Button} type="button" onClick=${() => navigate('/', { replace: true })}>Go to my home page</${Button}>`}
      </${Page}>
    `;
  }
  return null;
}
