// Parts the carer screens share: my buddies' names, the check-in answer form
// (sent at once, or queued with an Idempotency-Key under help-request.js's one rule) and an answer
// shown back with the reply.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api.js';
import { deliver, HelpNotSaved } from '../../help-request.js';
import { html } from '../../html.js';
import { formatList, t } from '../../i18n.js';
import { newIdempotencyKey } from '../../offline/queue.js';
import { Checkbox, ErrorSummary, Radios, TextArea, useForm } from '../../ui/forms.js';
import { Button } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { SavedCrisisLines } from '../shared/crisis.js';
import { useOrganisation } from '../shared/parts.js';
import {
  answerBody,
  NOTE_LIMIT,
  noteCut,
  replyInWords,
  validateAnswer,
  wellbeingInWords,
  wellbeingOptions,
} from './checkin-logic.js';
import { firstName } from '../../text.js';

/** My matches' other people by match id: {matchId: "Helen Wright"} (as a carer: my buddies). */
export function useBuddyNames(base) {
  const { data } = useResource(base && `${base}/matches`);
  const names = {};
  for (const match of data || []) names[match.id] = match.buddy.display_name;
  return names;
}

/**
 * How are you doing: the 1–5 scale with words, an optional note, "I'd like a call", "I need help now".
 * ``url`` is where the answer goes. Sent with one Idempotency-Key per form, so a double tap or a retry
 * is recorded once; with no connection (or, with "I need help now", on any failure worth retrying) it
 * is queued (the note only if typed) and sent when back online. With "I need help now" a note over the
 * limit never blocks: it is cut to the limit and the carer is told.
 * "I need help now" never waits for a score (issue 10): ticked, the score may be left out, and the
 * numbers to call show the moment the form is sent, before the server answers (and stay if it fails).
 * ``helpAsked``: this check-in already told the centre, so the tick is left out and a score is asked.
 * ``onDone({answer, queued, refused, body})``: the API's answer, the queued body, or the refusal
 * (a problem with ``centre_told``) of an answer whose "I need help now" was passed on all the same.
 */
export function AnswerForm({ url, buddyName, submitLabel, onDone, initial = {}, helpAsked = false }) {
  const { organisation, base } = useOrganisation();
  const form = useForm({ wellbeing: '', note: '', wants_call: false, needs_help: false, ...initial });
  const [key] = useState(newIdempotencyKey);
  const [helpShown, setHelpShown] = useState(false);
  const helpBox = useRef(null);
  const buddy = firstName(buddyName) || t('carer.buddy.yourBuddy');
  const { values, errors, set } = form;
  const showHelp = helpShown && values.needs_help;
  useEffect(() => {
    if (showHelp) helpBox.current?.focus();
  }, [showHelp]);

  const onSubmit = (event) => {
    if (values.needs_help) setHelpShown(true);
    return form.submit(event, {
      validate: validateAnswer,
      fields: ['wellbeing', 'note', 'wants_call', 'needs_help'],
      action: async (current) => {
        const body = answerBody(current);
        const cut = noteCut(current);
        // The one rule for every call for help (help-request.js): sent, or queued when it is worth retrying.
        try {
          const { outcome, answer } = await deliver({
            url,
            body,
            key,
            label: 'check-in answer',
            help: body.needs_help,
            organisation: organisation?.name,
            base,
          });
          return onDone(
            outcome === 'queued' ? { queued: true, body, noteCut: cut, at: Date.now() } : { answer, body, noteCut: cut },
          );
        } catch (error) {
          // Refused (closed, already answered), but "I need help now" reached the centre all the same.
          if (error instanceof ApiError && error.problem.centre_told) {
            return onDone({ refused: error.problem, body, noteCut: cut });
          }
          // This browser keeps nothing (a private window): say so on the form, the numbers stay above it.
          if (error instanceof HelpNotSaved) throw new ApiError(503, { detail: error.message });
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
        <h2 class="heading-m" id="answer-help-title">${form.busy ? t('carer.answer.telling') : t('carer.answer.numbersNow')}</h2>
        <${SavedCrisisLines} slug=${organisation?.slug} />
      </section>`}
      <${ErrorSummary} errors=${errors} general=${form.general} />
      <${Radios} id="wellbeing" legend=${t('carer.answer.howAreYou')} big=${true} error=${errors.wellbeing}
        hint=${helpAsked ? t('carer.answer.closest') : t('carer.answer.closestOrHelp')}
        value=${values.wellbeing} onChange=${set('wellbeing')} options=${wellbeingOptions()} />
      <${TextArea} id="note" label=${t('carer.answer.noteLabel', { buddy })} optional=${true}
        hint=${t('carer.answer.noteHint', { buddy })}
        error=${errors.note} value=${values.note} onInput=${set('note')} rows=${5} />
      ${remaining < 100 &&
      html`<p class="hint" aria-live="polite">${remaining >= 0
        ? t('carer.answer.charactersLeft', { count: remaining })
        : t('carer.answer.charactersOver', { count: -remaining })}</p>`}
      <${Checkbox} id="wants_call" label=${t('carer.answer.wantsCall')} checked=${values.wants_call}
        hint=${t('carer.answer.wantsCallHint', { buddy })} onChange=${set('wants_call')} />
      ${!helpAsked &&
      html`<${Checkbox} id="needs_help" label=${t('carer.answer.needsHelp')} checked=${values.needs_help}
        hint=${t('carer.answer.needsHelpHint')}
        onChange=${set('needs_help')} />`}
      <${Button} busy=${form.busy}>${submitLabel || t('carer.answer.send', { buddy })}</${Button}>
    </form>
  `;
}

/** My answer and my buddy's reply. */
export function AnswerSummary({ checkin, buddyName }) {
  const buddy = firstName(buddyName) || t('carer.buddy.yourBuddyCapital');
  return html`
    <h2 class="heading-m">${t('carer.summary.yourAnswer')}</h2>
    <dl class="carer-summary">
      <div class="carer-summary-row">
        <dt>${t('carer.summary.howYouWere')}</dt>
        <dd>${wellbeingInWords(checkin.wellbeing, checkin.wellbeing_words) || t('carer.summary.noScore')}</dd>
      </div>
      ${checkin.note &&
      html`<div class="carer-summary-row"><dt>${t('carer.summary.yourNote')}</dt><dd class="carer-note">${checkin.note}</dd></div>`}
      ${(checkin.wants_call || checkin.needs_help) &&
      html`<div class="carer-summary-row">
        <dt>${t('carer.summary.askedFor')}</dt>
        <dd>${formatList([checkin.wants_call && t('carer.summary.aCall'), checkin.needs_help && t('carer.summary.helpNow')].filter(Boolean))}</dd>
      </div>`}
    </dl>
    <h2 class="heading-m">${t('carer.summary.reply', { buddy })}</h2>
    <p>${replyInWords(checkin, buddy)}</p>
    ${checkin.reply_kind === 'message' && checkin.reply_message &&
    html`<blockquote class="carer-reply">${checkin.reply_message}</blockquote>`}
  `;
}
