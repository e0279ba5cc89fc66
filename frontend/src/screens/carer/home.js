// The carer's home section ("I need help now" one tap away, the next check-in, my buddy or my place on
// the waiting list, a proposed match to say yes or no to); shared/home.js shows CarerHome. Nothing
// else: the carer's other screens are in pages.js (a part of their own, see ../roles.js), so on a slow
// line home waits only for its own code and words (the cold-open benchmark).
import { useState } from 'preact/hooks';
import { orSlow, tellTheCentre } from '../../help-request.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { navigate } from '../../router.js';
import { Card, Loading } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { nextCheckin, whenInWords } from './checkin-logic.js';
import { firstName } from '../../text.js';
import { CarerEndedCard } from '../shared/match-ending-cards.js';
import { endedCard, endedCopies } from '../shared/match-ending-logic.js';
import { useSession } from '../../session.js';
import { isNotFound } from '../shared/parts.js';
import { CallLink } from '../shared/phone-parts.js';
import { OutcomeCard } from './outcome-card.js';

/**
 * "I need help now": a link to the help page (so it works before any script runs) that first tells
 * the centre (help-request.js: POST /help; a double tap joins the request already on its way), then
 * opens the help page, which shows the numbers and what happened: told (with "I asked for help by
 * mistake"), queued with its key to send once when back online (no signal, or a failure worth
 * retrying), or refused. No answer within a few seconds opens it too (it follows the request still on
 * its way). The help page is in the shell, so it never waits for a role chunk.
 */
function HelpNow({ organisation, base }) {
  const [sending, setSending] = useState(false);
  const onClick = (event) => {
    event.preventDefault();
    if (sending) return;
    setSending(true);
    // The help page (shell: it never waits for a role chunk) says what happened: told, queued or not.
    orSlow(tellTheCentre({ base, organisationName: organisation.name })).then(() => navigate('/help'));
  };
  return html`
    <div class="help-now">
      <a class="button button-emergency carer-help-now" href="/help" onClick=${onClick} aria-busy=${sending ? 'true' : undefined}>
        ${t('carer.answer.needsHelp')}
      </a>
      ${sending && html`<p class="hint" role="status">${t('carer.home.telling')}</p>`}
    </div>
  `;
}

function NextCheckin({ base, matchId, buddy }) {
  const plan = useResource(`${base}/matches/${matchId}/checkin-plan`);
  const awaiting = useResource('/api/v1/me/checkins?awaiting=true');
  if (plan.loading || awaiting.loading) return html`<${Card} title=${t('carer.home.next')}><${Loading} /></${Card}>`;
  const next = nextCheckin(awaiting.data, plan.data?.upcoming);
  return html`
    <${Card} title=${t('carer.home.next')}>
      ${next?.open &&
      html`<p>${t('carer.home.open', { buddy })}</p>
        <p><a class="button button-primary carer-card-button" href=${`/checkins/${next.checkin.id}`}>${t('carer.home.answer')}</a></p>`}
      ${next && !next.open && html`<p>${t('carer.home.nextWith', { buddy, when: whenInWords(next.checkin.due_at) })}</p>`}
      ${!next && html`<p>${t('carer.home.notAgreed', { buddy })}</p>`}
      <p><a href=${`/matches/${matchId}/check-ins`}>${next ? t('carer.plan.change') : t('carer.plan.agree')}</a></p>
      <p><a class="button button-secondary carer-card-button" href=${`/matches/${matchId}/talk`}>${t('carer.home.talk')}</a></p>
      <p class="hint">${t('carer.home.talkHint', { buddy })}</p>
    </${Card}>
  `;
}

function Matched({ base, waiting, buddyName, match }) {
  const buddy = firstName(buddyName) || t('carer.buddy.yourBuddy');
  return html`
    <${Card} title=${t('carer.buddy.yourBuddyCapital')}>
      <p class="carer-buddy-name">${buddyName || t('carer.buddy.yourBuddyCapital')}</p>
      ${waiting.state === 'paused' && html`<p>${waiting.next_steps}</p>`}
      <${CallLink} name=${buddyName} phone=${match?.buddy.phone} block=${true} />
      ${['matched', 'paused'].includes(waiting.state) && html`<p><a href=${`/matches/${waiting.match_id}`}>${match?.unread_messages > 0
        ? t('carer.home.messagesNew', { buddy, count: match.unread_messages })
        : t('carer.home.messages', { buddy })}</a></p>`}
      <p><a href=${`/matches/${waiting.match_id}`}>${t('carer.home.readIntro', { buddy })}</a></p>
      <p><a href=${`/matches/${waiting.match_id}`}>${match?.carer.shares_phone
        ? t('carer.home.canSeePhone', { buddy })
        : t('carer.home.showPhone', { buddy })}</a></p>
      <p><a href=${`/matches/${waiting.match_id}/change`}>${t('carer.home.change')}</a></p>
    </${Card}>
    ${waiting.state === 'matched' && html`<${NextCheckin} base=${base} matchId=${waiting.match_id} buddy=${buddy} />`}
    <${Card} title=${t('carer.history.title')}>
      <p><a href="/check-ins">${t('carer.home.checkinsAndReplies', { buddy })}</a></p>
    </${Card}>
  `;
}

function Waiting({ waiting }) {
  const days = waiting.waiting_days;
  return html`
    <${Card} title=${t('carer.home.finding')}>
      <p>${waiting.next_steps}</p>
      ${days !== null && days !== undefined &&
      html`<p class="hint">${t('carer.home.joined', { days })}</p>`}
      ${waiting.state === 'needs_profile' &&
      html`<p><a class="button button-primary carer-card-button" href="/my-profile/edit">${t('carer.profile.tellUs')}</a></p>`}
    </${Card}>
  `;
}

function Introduced({ waiting, buddyName, myDecision }) {
  const buddy = firstName(buddyName) || t('carer.buddy.yourBuddy');
  if (myDecision === 'accepted') {
    // Issue 11: after "Yes, I'd like to meet", nothing is left for the carer to do but wait.
    return html`
      <${Card} title=${t('carer.match.saidYes')}>
        <p>${t('carer.home.saidYesWaiting', { buddy })}</p>
        <p class="hint">${t('carer.home.nothingStarts', { buddy })}</p>
        <p><a href=${`/matches/${waiting.match_id}`}>${t('carer.home.readIntroAgain', { buddy })}</a></p>
      </${Card}>
    `;
  }
  return html`
    <${Card} title=${t('carer.home.found')}>
      <p>${waiting.next_steps}</p>
      <p><a class="button button-primary carer-card-button" href=${`/matches/${waiting.match_id}`}>
        ${t('carer.home.readAndDecide', { buddy })}</a></p>
    </${Card}>
  `;
}

export function CarerHome({ organisation }) {
  const base = `/api/v1/orgs/${encodeURIComponent(organisation.slug)}`;
  const waiting = useResource(`${base}/me/waiting`);
  const matchId = waiting.data?.match_id;
  const matches = useResource(matchId ? `${base}/matches` : null);
  const match = (matches.data || []).find((m) => m.id === matchId);
  const buddyName = match?.buddy.display_name;
  const state = waiting.data?.state;
  const { me } = useSession();
  // The read-only copies of ended pairs' messages (the ended card links its own).
  const shownOnCard = waiting.data && endedCard(waiting.data)?.matchId;
  const copies = endedCopies(waiting.data, matches.data, me?.id).filter((copy) => copy.matchId !== shownOnCard);

  let section;
  if (waiting.loading || (matchId && matches.loading)) section = html`<${Loading} />`;
  else if (state === 'ended') section = null; // the ended match's card asks whether they'd like a buddy
  else if (isNotFound(waiting.error)) {
    section = html`<${Card} title=${t('carer.buddy.yourBuddyCapital')}>
      <p>${t('carer.home.notWaiting', { organisation: organisation.name })}</p>
    </${Card}>`;
  } else if (waiting.error) {
    section = html`<${Card} title=${t('carer.buddy.yourBuddyCapital')}><p>${t('carer.home.couldNotLoad', { problem: waiting.error.message })}</p></${Card}>`;
  } else if (state === 'introduction') {
    section = html`<${Introduced} waiting=${waiting.data} buddyName=${buddyName} myDecision=${match?.my_decision} />`;
  }
  else if (state === 'matched' || state === 'paused') {
    section = html`<${Matched} base=${base} waiting=${waiting.data} buddyName=${buddyName} match=${match} />`;
  } else section = html`<${Waiting} waiting=${waiting.data} />`;

  return html`
    <${HelpNow} organisation=${organisation} base=${base} />
    ${waiting.data && html`<${CarerEndedCard} base=${base} waiting=${waiting.data} onChanged=${waiting.reload} />`}
    ${section}
    <${OutcomeCard} base=${base} />
    <ul class="links">
      <li><a href="/my-profile">${t('carer.profile.title')}</a></li>
      ${copies.map((copy) => html`<li key=${copy.matchId}><a href=${`/matches/${copy.matchId}`}>${t('shared.ending.yourMessages', { name: copy.name })}</a></li>`)}
    </ul>
  `;
}
