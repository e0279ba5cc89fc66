// A check-in answered from the link in its e-mail, with no sign-in (issue 14): "Hello Sam, how are you
// doing?", the 1–5 scale in words, a short note, "I'd like a call" and "I need help now", the same
// wording and controls as the carer's check-in screen (screens/carer/, which shared/ may not import).
// The link acts only for its own carer and check-in, whoever is signed in here, and shows nothing else
// of the app. The crisis lines come with the form, so "I need help now" shows them at once, offline too.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get, post } from '../../api.js';
import { html } from '../../html.js';
import { newIdempotencyKey } from '../../offline/queue.js';
import { Checkbox, ErrorSummary, Radios, TextArea, useForm } from '../../ui/forms.js';
import { Button, Loading, Page, Panel } from '../../ui/page.js';
import { dueInWords, linkAnswerBody, NOTE_LIMIT, scaleOptions, validateLinkAnswer } from './answer-link-logic.js';
import { CrisisLineList, HELP_WORDS, SavedCrisisLines } from './crisis.js';

const GONE = "This link isn't valid any more";

function SignInLink({ children = 'Sign in to carerlink' }) {
  return html`<p><a href="/sign-in">${children}</a></p>`;
}

function HelpLines({ lines }) {
  return html`<section class="answer-link-help" aria-labelledby="answer-link-help-title">
    <h2 class="heading-m" id="answer-link-help-title">If you need help now</h2>
    ${lines ? html`<${CrisisLineList} lines=${lines} />` : html`<${SavedCrisisLines} slug=${null} />`}
  </section>`;
}

function LinkForm({ token, link, onDone, onRefused }) {
  const form = useForm({ wellbeing: '', note: '', wants_call: false, needs_help: false });
  const [key] = useState(newIdempotencyKey);
  const [helpShown, setHelpShown] = useState(false);
  const helpBox = useRef(null);
  const { values, errors, set } = form;
  const buddy = link.buddy_first_name || 'your buddy';
  const showHelp = helpShown && values.needs_help;
  useEffect(() => {
    if (showHelp) helpBox.current?.focus();
  }, [showHelp]);

  const onSubmit = (event) => {
    // The numbers show the moment "I need help now" is sent, before (and whatever) the server answers.
    if (values.needs_help) setHelpShown(true);
    return form.submit(event, {
      validate: validateLinkAnswer,
      fields: ['wellbeing', 'note', 'wants_call', 'needs_help'],
      action: async (current) => {
        const body = linkAnswerBody(current);
        try {
          const done = await post(`/api/v1/answer-links/${encodeURIComponent(token)}`, body, {
            headers: { 'Idempotency-Key': key },
          });
          return onDone({ done, body });
        } catch (error) {
          if (error instanceof ApiError && (error.status === 404 || error.status === 409)) {
            return onRefused({ problem: error.problem, status: error.status, body });
          }
          if (error instanceof ApiError && error.offline && body.needs_help) {
            throw new ApiError(0, {
              detail:
                "You seem to be offline, so we couldn't tell the centre. Please call one of the numbers above, or try again when you're back online.",
            });
          }
          throw error;
        }
      },
    });
  };

  const remaining = NOTE_LIMIT - values.note.length;
  return html`
    <form onSubmit=${onSubmit} novalidate>
      ${showHelp &&
      html`<section class="answer-help" tabindex="-1" ref=${helpBox} aria-labelledby="answer-help-title">
        <h2 class="heading-m" id="answer-help-title">${form.busy ? 'Telling the centre that you need help…' : 'Numbers to call now'}</h2>
        <${CrisisLineList} lines=${link.crisis_lines} />
      </section>`}
      <${ErrorSummary} errors=${errors} general=${form.general} />
      <${Radios} id="wellbeing" legend="How are you doing?" big=${true} error=${errors.wellbeing}
        hint="Choose the one closest to how you feel today. If you need help straight away, you can skip this and tick “I need help now”."
        value=${values.wellbeing} onChange=${set('wellbeing')} options=${scaleOptions(link.wellbeing)} />
      <${TextArea} id="note" label=${`Anything you'd like ${buddy} to know?`} optional=${true}
        hint=${`Only ${buddy} reads this (and the centre's coordinators, if they need to keep you safe). Up to 1,000 characters.`}
        error=${errors.note} value=${values.note} onInput=${set('note')} rows=${4} />
      ${remaining < 100 &&
      html`<p class="hint" aria-live="polite">${remaining >= 0
        ? `You have ${remaining} characters left`
        : `You have ${-remaining} characters too many`}</p>`}
      <${Checkbox} id="wants_call" label="I'd like a call" checked=${values.wants_call}
        hint=${`${buddy} will see that you'd like to talk on the phone.`} onChange=${set('wants_call')} />
      <${Checkbox} id="needs_help" label="I need help now" checked=${values.needs_help}
        hint="We'll show you numbers to call straight away and tell the centre's coordinators. You don't have to say how you're doing."
        onChange=${set('needs_help')} />
      <${Button} busy=${form.busy}>${`Send to ${buddy}`}</${Button}>
    </form>
  `;
}

/** After sending: thanks, and with "I need help now" that the centre knows, with the numbers. */
function Done({ link, done, body }) {
  const buddy = done.buddy_first_name || link.buddy_first_name || 'Your buddy';
  const thanks = body.wellbeing
    ? html`<p>Thank you — ${buddy} will see it${done.wants_call ? ', and that you would like a call' : ''}.</p>`
    : null;
  if (done.help_is_coming) {
    return html`
      <div class="panel" role="status">
        <h2 class="panel-title">${HELP_WORDS.told}</h2>
        <div class="panel-body"><p>${HELP_WORDS.toldText}</p>${thanks}</div>
      </div>
      <p>${HELP_WORDS.danger}</p>
      <${CrisisLineList} lines=${done.crisis_lines.length ? done.crisis_lines : link.crisis_lines} />
      <${SignInLink} />
    `;
  }
  return html`<${Panel} title="Thank you">${thanks}</${Panel}>
    <p>You can see your check-ins and ${buddy}'s reply when you sign in.</p>
    <${SignInLink} />`;
}

/** Refused (already answered, closed, or the link no longer works); with "I need help now", the numbers. */
function Refused({ link, refused }) {
  const { problem, status } = refused;
  const lines = problem.crisis_lines?.length ? problem.crisis_lines : link?.crisis_lines;
  if (problem.centre_told) {
    return html`
      <div class="panel" role="status">
        <h2 class="panel-title">${HELP_WORDS.told}</h2>
        <div class="panel-body"><p>${problem.detail}</p></div>
      </div>
      <p>${HELP_WORDS.danger}</p>
      <${CrisisLineList} lines=${lines || []} />
      <${SignInLink} />
    `;
  }
  if (status === 404) {
    return html`<p>${problem.detail}</p>
      ${refused.body?.needs_help
        ? html`<p>${HELP_WORDS.danger}</p><${CrisisLineList} lines=${lines || []} />`
        : html`<${HelpLines} lines=${lines} />`}
      <${SignInLink} />`;
  }
  return html`<p>${problem.detail}</p><${SignInLink} />`;
}

export function AnswerLink({ params }) {
  const token = params.token;
  const [link, setLink] = useState(null);
  const [error, setError] = useState(null);
  const [sent, setSent] = useState(null);
  const [refused, setRefused] = useState(null);
  useEffect(() => {
    let live = true;
    get(`/api/v1/answer-links/${encodeURIComponent(token)}`).then(
      (data) => live && setLink(data),
      (problem) => live && setError(problem),
    );
    return () => {
      live = false;
    };
  }, [token]);

  const buddy = link?.buddy_first_name || 'your buddy';
  let title = 'Your check-in';
  let body;
  if (sent) {
    title = sent.done.help_is_coming ? 'Get help now' : 'Thank you';
    body = html`<${Done} link=${link} done=${sent.done} body=${sent.body} />`;
  } else if (refused) {
    if (refused.problem.centre_told) title = 'Get help now';
    else if (refused.status === 404) title = GONE;
    else title = 'Your check-in';
    body = html`<${Refused} link=${link} refused=${refused} />`;
  } else if (error) {
    if (error instanceof ApiError && error.status === 404) {
      title = GONE;
      body = html`<p>Sign in to carerlink to see your check-ins.</p><${SignInLink} /><${HelpLines} lines=${null} />`;
    } else {
      title = "This page didn't load";
      body = html`<p>${error.message}</p>
        <p><a href=${`/answer/${encodeURIComponent(token)}`} data-reload="">Try again</a></p>
        <${HelpLines} lines=${null} />`;
    }
  } else if (!link) {
    body = html`<${Loading} />`;
  } else if (link.state === 'answered') {
    title = "You've already answered this check-in";
    body = html`<p>Thank you. ${buddy} can see your answer.</p>
      <${SignInLink}>Sign in to see your check-ins</${SignInLink}>
      <${HelpLines} lines=${link.crisis_lines} />`;
  } else if (link.state === 'closed') {
    title = 'This check-in has closed';
    body = html`<p>It's too late to answer this one. You can still send ${buddy} a check-in of your own when you sign
      in.</p>
      <${SignInLink} />
      <${HelpLines} lines=${link.crisis_lines} />`;
  } else {
    title = `Hello ${link.carer_first_name}, how are you doing?`;
    body = html`<p class="lead">Your check-in with ${buddy}${dueInWords(link.due_at, link.time_zone)
      ? `, ${dueInWords(link.due_at, link.time_zone)}` : ''}.</p>
      <${LinkForm} token=${token} link=${link} onDone=${setSent} onRefused=${setRefused} />`;
  }
  return html`<${Page} title=${title}><div class="answer-link">${body}</div></${Page}>`;
}
