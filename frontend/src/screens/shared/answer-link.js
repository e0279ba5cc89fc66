// A check-in answered from the link in its e-mail, with no sign-in (issue 14): "Hello Sam, how are you
// doing?", the 1–5 scale in words, a short note, "I'd like a call" and "I need help now", the same
// wording and controls as the carer's check-in screen (screens/carer/, which shared/ may not import).
// The link acts only for its own carer and check-in, whoever is signed in here, and shows nothing else
// of the app. The crisis lines come with the form, so "I need help now" shows them at once, offline too.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get, post } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { newIdempotencyKey } from '../../offline/queue.js';
import { Checkbox, ErrorSummary, Radios, TextArea, useForm } from '../../ui/forms.js';
import { Button, Loading, Page, Panel } from '../../ui/page.js';
import { dueInWords, linkAnswerBody, NOTE_LIMIT, scaleOptions, validateLinkAnswer } from './answer-link-logic.js';
import { CrisisLineList, HELP_WORDS, SavedCrisisLines } from './crisis.js';

const gone = () => t('account.answerLink.gone');

/** The buddy by first name, or "your buddy" when the link doesn't say: the values of a message that names them. */
const buddyValues = (name) => ({ name: name || '', known: name ? 'yes' : 'no' });

function SignInLink({ children }) {
  return html`<p><a href="/sign-in">${children || t('account.answerLink.signIn')}</a></p>`;
}

function HelpLines({ lines }) {
  return html`<section class="answer-link-help" aria-labelledby="answer-link-help-title">
    <h2 class="heading-m" id="answer-link-help-title">${t('account.answerLink.helpTitle')}</h2>
    ${lines ? html`<${CrisisLineList} lines=${lines} />` : html`<${SavedCrisisLines} slug=${null} />`}
  </section>`;
}

function LinkForm({ token, link, onDone, onRefused }) {
  const form = useForm({ wellbeing: '', note: '', wants_call: false, needs_help: false });
  const [key] = useState(newIdempotencyKey);
  const [helpShown, setHelpShown] = useState(false);
  const helpBox = useRef(null);
  const { values, errors, set } = form;
  const buddy = buddyValues(link.buddy_first_name);
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
              detail: t('account.answerLink.offlineHelp'),
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
        <h2 class="heading-m" id="answer-help-title">${form.busy ? t('account.answerLink.tellingCentre') : t('account.answerLink.numbersNow')}</h2>
        <${CrisisLineList} lines=${link.crisis_lines} />
      </section>`}
      <${ErrorSummary} errors=${errors} general=${form.general} />
      <${Radios} id="wellbeing" legend=${t('account.answerLink.wellbeingLegend')} big=${true} error=${errors.wellbeing}
        hint=${t('account.answerLink.wellbeingHint')}
        value=${values.wellbeing} onChange=${set('wellbeing')} options=${scaleOptions(link.wellbeing)} />
      <${TextArea} id="note" label=${t('account.answerLink.noteLabel', buddy)} optional=${true}
        hint=${t('account.answerLink.noteHint', { ...buddy, limit: NOTE_LIMIT })}
        error=${errors.note} value=${values.note} onInput=${set('note')} rows=${4} />
      ${remaining < 100 &&
      html`<p class="hint" aria-live="polite">${remaining >= 0
        ? t('account.answerLink.charactersLeft', { count: remaining })
        : t('account.answerLink.charactersOver', { count: -remaining })}</p>`}
      <${Checkbox} id="wants_call" label=${t('account.answerLink.wantsCall')} checked=${values.wants_call}
        hint=${t('account.answerLink.wantsCallHint', buddy)} onChange=${set('wants_call')} />
      <${Checkbox} id="needs_help" label=${t('account.answerLink.needsHelp')} checked=${values.needs_help}
        hint=${t('account.answerLink.needsHelpHint')}
        onChange=${set('needs_help')} />
      <${Button} busy=${form.busy}>${t('account.answerLink.send', buddy)}</${Button}>
    </form>
  `;
}

/** After sending: thanks, and with "I need help now" that the centre knows, with the numbers. */
function Done({ link, done, body }) {
  const buddy = buddyValues(done.buddy_first_name || link.buddy_first_name);
  const thanks = body.wellbeing
    ? html`<p>${done.wants_call ? t('account.answerLink.thanksCall', buddy) : t('account.answerLink.thanks', buddy)}</p>`
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
  return html`<${Panel} title=${t('account.answerLink.thankYou')}>${thanks}</${Panel}>
    <p>${t('account.answerLink.seeReply', buddy)}</p>
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

  const buddy = buddyValues(link?.buddy_first_name);
  let title = t('account.answerLink.title');
  let body;
  if (sent) {
    title = sent.done.help_is_coming ? t('account.answerLink.getHelp') : t('account.answerLink.thankYou');
    body = html`<${Done} link=${link} done=${sent.done} body=${sent.body} />`;
  } else if (refused) {
    if (refused.problem.centre_told) title = t('account.answerLink.getHelp');
    else if (refused.status === 404) title = gone();
    else title = t('account.answerLink.title');
    body = html`<${Refused} link=${link} refused=${refused} />`;
  } else if (error) {
    if (error instanceof ApiError && error.status === 404) {
      title = gone();
      body = html`<p>${t('account.answerLink.signInToSee')}</p><${SignInLink} /><${HelpLines} lines=${null} />`;
    } else {
      title = t('account.answerLink.notLoaded');
      body = html`<p>${error.message}</p>
        <p><a href=${`/answer/${encodeURIComponent(token)}`} data-reload="">${t('account.answerLink.tryAgain')}</a></p>
        <${HelpLines} lines=${null} />`;
    }
  } else if (!link) {
    body = html`<${Loading} />`;
  } else if (link.state === 'answered') {
    title = t('account.answerLink.answered');
    body = html`<p>${t('account.answerLink.answeredText', buddy)}</p>
      <${SignInLink}>${t('account.answerLink.signInToSeeLink')}</${SignInLink}>
      <${HelpLines} lines=${link.crisis_lines} />`;
  } else if (link.state === 'closed') {
    title = t('account.answerLink.closed');
    body = html`<p>${t('account.answerLink.closedText', buddy)}</p>
      <${SignInLink} />
      <${HelpLines} lines=${link.crisis_lines} />`;
  } else {
    title = t('account.answerLink.hello', { name: link.carer_first_name });
    const due = dueInWords(link.due_at, link.time_zone);
    body = html`<p class="lead">${due ? t('account.answerLink.leadDue', { ...buddy, due }) : t('account.answerLink.lead', buddy)}</p>
      <${LinkForm} token=${token} link=${link} onDone=${setSent} onRefused=${setRefused} />`;
  }
  return html`<${Page} title=${title}><div class="answer-link">${body}</div></${Page}>`;
}
