// A check-in, for the carer: the answer form while it is open (sent at once, or queued offline), then
// my answer and my buddy's reply. "I need help now" shows the crisis lines as soon as it is sent.
// Also "I'd like to talk": a check-in of my own, sent to my buddy with the same form.
import { useEffect, useState } from 'preact/hooks';
import { helpTold } from '../../help-status.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { onQueueChange, queuedCount } from '../../offline/index.js';
import { navigate, takeHandedOn } from '../../router.js';
import { Inset, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { isAnswerable, isAnswered, whenInWords } from './checkin-logic.js';
import { firstName } from '../../text.js';
import { HELP_WORDS, HelpForCarer, HelpToldPanel, HelpWaitingNotice, useCrisisLines, useHelpStatus } from '../shared/crisis.js';
import { CrisisLineList, SavedCrisisLines } from '../shared/crisis.js';
import { isNotFound, useOrganisation } from '../shared/parts.js';
import { AnswerForm, AnswerSummary, useBuddyNames } from './parts.js';

const home = () => ({ href: '/', label: t('carer.home.back') });

/** After an answer is queued: true once nothing waits to be sent any more and the phone is online. */
function useQueueEmptied(queued) {
  const [emptied, setEmptied] = useState(false);
  useEffect(() => {
    if (!queued) return undefined;
    const check = () =>
      queuedCount().then((waiting) => {
        if (waiting === 0 && navigator.onLine !== false) setEmptied(true);
      });
    return onQueueChange(check);
  }, [queued]);
  return emptied;
}

/** After an answer is queued: wait for the queue to empty (back online), then show what was stored. */
function useSentWhenOnline(queued, reload) {
  const emptied = useQueueEmptied(queued);
  useEffect(() => {
    if (emptied) reload();
  }, [emptied]);
}

/** "I need help now" was ticked with a note over the limit: the help went at once, the note cut short. */
function NoteCutNotice({ sent, buddy }) {
  if (!sent.noteCut) return null;
  return html`<div class="inset" role="status">
    <p>${t('carer.checkin.noteCut', { buddy })}</p>
  </div>`;
}

function SentAnswer({ sent, buddy, slug, base }) {
  const status = useHelpStatus(Boolean(sent.body?.needs_help));
  const cut = html`<${NoteCutNotice} sent=${sent} buddy=${buddy} />`;
  if (sent.queued) {
    if (sent.body.needs_help && status.waiting === 0 && status.told && status.told.at >= sent.at) {
      return html`<${HelpToldPanel} told=${status.told} />${cut}<${SavedCrisisLines} slug=${slug} />`;
    }
    if (sent.body.needs_help) {
      // Like home's "I need help now" offline: the numbers first, and plainly that the centre waits.
      return html`<${HelpWaitingNotice} online=${status.online} also=${t('carer.checkin.alsoBuddy', { buddy })} />${cut}
        <${SavedCrisisLines} slug=${slug} />`;
    }
    return html`
      <div class="carer-queued" role="status">
        <h2 class="heading-m">${t('carer.checkin.queuedTitle')}</h2>
        <p>${t('carer.checkin.queuedText', { buddy })}</p>
      </div>
    `;
  }
  if (sent.refused) {
    return html`
      <${HelpToldPanel} told=${status.told}><p>${sent.refused.detail}</p></${HelpToldPanel}>
      ${cut}
      <${CrisisLineList} lines=${sent.refused.crisis_lines || []} />
    `;
  }
  const { answer } = sent;
  if (sent.body?.needs_help) {
    const told = status.told?.alertId === answer.alert_id ? status.told : { at: Date.now(), base, alertId: answer.alert_id };
    return html`
      <${HelpToldPanel} told=${told}><p>${HELP_WORDS.volunteer}</p></${HelpToldPanel}>
      ${cut}
      <${CrisisLineList} lines=${answer.crisis_lines} />
    `;
  }
  return html`<${Panel} title=${t('carer.checkin.thankYou')}>
    <p>${t('carer.checkin.buddyWillSee', { buddy, call: answer.checkin.wants_call ? 'yes' : 'no' })}</p>
  </${Panel}>`;
}

/**
 * A check-in where the carer asked for help without saying how they are: it stays open, so they can
 * tell their buddy whenever they are ready (the centre already knows; a new crisis has its own page).
 */
function AddScore({ checkin, buddyName, onDone }) {
  const buddy = firstName(buddyName) || t('carer.buddy.yourBuddy');
  return html`
    <h2 class="heading-m">${t('carer.checkin.whenReady')}</h2>
    <p>${t('carer.checkin.stillTell', { buddy })} <a href="/help">${t('carer.checkin.getHelpNowLink')}</a>.</p>
    <${AnswerForm} url=${`/api/v1/checkins/${encodeURIComponent(checkin.id)}/answer`} buddyName=${buddyName}
      helpAsked=${true} initial=${{ note: checkin.note || '', wants_call: Boolean(checkin.wants_call) }}
      onDone=${onDone} />
  `;
}

export function CheckinScreen({ params }) {
  const { organisation, base } = useOrganisation();
  const checkin = useResource(`/api/v1/checkins/${encodeURIComponent(params.id)}`);
  const names = useBuddyNames(base);
  // What this phone just sent, handed on by the screen that sent it: a new check-in of my own opens
  // on its own screen with the answer (and the crisis lines) at once, before anything is fetched again.
  const [sent, setSent] = useState(() => takeHandedOn().sent || null);
  useSentWhenOnline(sent?.queued, checkin.reload);

  const stored = checkin.data;
  const shown = sent?.answer ? sent.answer.checkin : stored;
  // Back online and sent: what the server holds replaces the "will send" message (a call for help
  // with no score leaves the check-in open, with the call for help on it).
  const queuedButStored = sent?.queued && (isAnswered(stored) || (sent.body.needs_help && stored?.needs_help));
  const buddyName = shown ? names[shown.match_id] : null;
  const buddy = firstName(buddyName) || t('carer.buddy.yourBuddy');
  const helpNow = sent && !queuedButStored && (sent.body?.needs_help || sent.refused);
  const title = helpNow ? t('carer.checkin.getHelpNow') : t('carer.checkin.title');
  const caption = shown && (shown.kind === 'unscheduled' ? t('carer.checkin.youSent') : t('carer.checkin.caption', { when: whenInWords(shown.due_at) }));
  const addScore = (item) => html`<${AddScore} checkin=${item} buddyName=${buddyName} onDone=${setSent} />`;

  let body;
  if (sent && !queuedButStored) {
    const answered = sent.answer?.checkin;
    body = html`<${SentAnswer} sent=${sent} buddy=${buddy} slug=${organisation?.slug} base=${base} />
      ${answered && (isAnswered(answered)
        ? html`<${AnswerSummary} checkin=${answered} buddyName=${buddyName} />`
        : isAnswerable(answered) && addScore(answered))}`;
  } else if (checkin.error) {
    body = isNotFound(checkin.error)
      ? html`<p>${t('carer.checkin.notFound')}</p>`
      : html`<${Problem} error=${checkin.error} />`;
  } else if (!shown) {
    body = html`<${Loading} />`;
  } else if (isAnswered(shown)) {
    body = html`${queuedButStored && html`<${Panel} title=${t('carer.checkin.answerSent')} />`}
      <${AnswerSummary} checkin=${shown} buddyName=${buddyName} />`;
  } else if (isAnswerable(shown) && shown.needs_help) {
    body = html`${queuedButStored &&
      html`<${HelpToldPanel} told=${helpTold()} />
        <${SavedCrisisLines} slug=${organisation?.slug} />`}
      ${addScore(shown)}`;
  } else if (isAnswerable(shown)) {
    body = html`<${AnswerForm}
      url=${`/api/v1/checkins/${encodeURIComponent(shown.id)}/answer`}
      buddyName=${buddyName}
      onDone=${setSent} />`;
  } else if (shown.state === 'scheduled') {
    body = html`<p>${t('carer.checkin.opens', { when: whenInWords(shown.due_at) })}</p>`;
  } else {
    body = html`<p>${t('carer.checkin.closed')}</p>
      <p><a href=${`/matches/${shown.match_id}/talk`}>${t('carer.checkin.sendOwn', { buddy })}</a></p>`;
  }
  return html`
    <${Page} title=${title} caption=${caption} back=${home()}>
      ${body}
      <ul class="links">
        <li><a href="/check-ins">${t('carer.checkin.all')}</a></li>
      </ul>
    </${Page}>
  `;
}

/** With no form to tick "I need help now" on: "Tell the centre I need help" and the numbers, as on the help page. */
function HelpHere({ organisation }) {
  const found = useCrisisLines(organisation?.slug);
  const status = useHelpStatus(Boolean(organisation));
  if (!organisation) return null;
  return html`
    <h2 class="heading-m">${t('carer.checkin.ifHelpNow')}</h2>
    <${CrisisLineList} lines=${found?.lines || []}
      notice=${html`<${HelpForCarer} organisation=${organisation} status=${status} />`} />
  `;
}

/** "I'd like to talk": a check-in of my own, answered as it is sent. */
export function TalkScreen({ params }) {
  const { organisation, base } = useOrganisation();
  const match = useResource(base && `${base}/matches/${encodeURIComponent(params.id)}`);
  const [queued, setQueued] = useState(null);
  const buddyName = match.data?.buddy.display_name;
  const buddy = firstName(buddyName) || t('carer.buddy.yourBuddy');

  const onDone = (result) => {
    if (result.answer) {
      navigate(`/checkins/${result.answer.checkin.id}`, { replace: true, handOn: { sent: result } });
    } else {
      setQueued(result);
    }
  };

  let body;
  if (queued) {
    body = html`<${SentAnswer} sent=${queued} buddy=${buddy} slug=${organisation?.slug} base=${base} />`;
  }
  else if (match.error) body = html`<${Problem} error=${match.error} />`;
  else if (!match.data) body = html`<${Loading} />`;
  else if (match.data.status !== 'active') {
    // No form to tick "I need help now" on: the help page's own way to ask, here (issue 10).
    body = html`<p>${t('carer.talk.notActive', { buddy, status: match.data.status })}</p>
      <${HelpHere} organisation=${organisation} />`;
  } else {
    body = html`
      <p class="lead">${t('carer.talk.lead', { buddy })}</p>
      <${Inset}>${t('carer.talk.helpBefore')} <a href="/help">${t('carer.talk.helpLink')}</a>.</${Inset}>
      <${AnswerForm} url=${`${base}/matches/${encodeURIComponent(params.id)}/checkins`} buddyName=${buddyName}
        onDone=${onDone} />
    `;
  }
  return html`<${Page} title=${t('carer.talk.title', { buddy })} back=${home()}>${body}</${Page}>`;
}
