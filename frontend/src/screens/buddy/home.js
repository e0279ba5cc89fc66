// Buddy screens: the home section (my carers, answers waiting for a reply, introductions, a carer who
// asked for help, a prompt to fill in my profile while there is none) and the buddy's routes. app.js adds BUDDY_ROUTES to its route table; shared/home.js shows
// BuddyHome. /buddy is the same overview on its own page: the "a carer asked for help" push opens it.
import { useState } from 'preact/hooks';
import { ApiError, get, patch } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { currentOrganisation, useSession } from '../../session.js';
import { Button, Card, LinkButton, Loading, Page, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { BuddyAvailability } from './availability.js';
import { BuddyCheckin } from './checkin.js';
import { HOURS_ROUTES } from './hours.js';
import { MyConcerns, RaiseConcern } from './concerns.js';
import { buddyOverview, formatDateTime, nextCheckinText, pauseWords } from './logic.js';
import { BuddyHealthData, EditBuddyProfile, MyBuddyProfile } from './profile.js';
import { BuddyScreening } from './screening.js';
import { BuddyTalk, TalkCard } from './talk.js';
import { Inbox } from '../shared/inbox.js';
import { noNumberForBuddy, telHref } from '../shared/phone-logic.js';
import { CallLink } from '../shared/phone-parts.js';
import { BuddyEndedCard } from '../shared/match-ending-cards.js';
import { NotificationSettings } from '../shared/reminders.js';

/** Routes only buddies see ({path, screen, access: 'buddy'}), and the inbox and notification settings. */
export const BUDDY_ROUTES = [
  { path: '/buddy', screen: BuddyOverview, access: 'buddy' },
  { path: '/buddy/checkins/:id', screen: BuddyCheckin, access: 'buddy' },
  { path: '/buddy/concerns', screen: MyConcerns, access: 'buddy' },
  { path: '/buddy/concerns/new', screen: RaiseConcern, access: 'buddy' },
  { path: '/buddy/screening', screen: BuddyScreening, access: 'buddy' },
  { path: '/buddy/talk', screen: BuddyTalk, access: 'buddy' },
  { path: '/buddy/availability', screen: BuddyAvailability, access: 'buddy' },
  { path: '/buddy/profile', screen: MyBuddyProfile, access: 'buddy' },
  { path: '/buddy/profile/edit', screen: EditBuddyProfile, access: 'buddy' },
  { path: '/buddy/profile/health-data', screen: BuddyHealthData, access: 'buddy' },
  ...HOURS_ROUTES,
  { path: '/inbox', screen: Inbox, access: 'signed-in' },
  { path: '/notification-settings', screen: NotificationSettings, access: 'signed-in' },
];

/** Everything the overview needs, in parallel; the inbox and the plans are extras that may fail alone. */
async function loadOverview(organisationId, meId) {
  const base = `/api/v1/orgs/${organisationId}`;
  const [matches, awaiting, inbox] = await Promise.all([
    get(`${base}/matches`),
    get('/api/v1/me/checkins?role=buddy&awaiting=true'),
    get('/api/v1/notifications?limit=30').catch(() => null),
  ]);
  const overview = buddyOverview({ meId, matches, awaiting, notifications: inbox?.items || [] });
  const plans = await Promise.all(
    overview.carers.map((carer) =>
      carer.paused
        ? null
        : get(`${base}/matches/${carer.matchId}/checkin-plan`).catch(() => null),
    ),
  );
  overview.carers.forEach((carer, index) => {
    carer.upcoming = plans[index]?.upcoming || null;
  });
  return { ...overview, unread: inbox ? inbox.unread : null };
}

/**
 * A carer I support asked for help: the buddy is told the coordinators have it, never made responsible.
 * Once a coordinator acknowledges it, "have been alerted" is no longer the news: it says who is dealing
 * with it, calmly, and goes after a day like the rest (issue 13).
 */
function HelpNotices({ help }) {
  if (!help.length) return null;
  const waiting = help.filter((item) => !item.acknowledgedBy);
  const handled = help.filter((item) => item.acknowledgedBy);
  return html`
    ${waiting.length > 0 &&
    html`<div class="buddy-help" role="region" aria-labelledby="buddy-help-title">
      <h2 class="heading-m buddy-help-title" id="buddy-help-title">
        ${waiting.length === 1 ? t('buddy.help.one', { name: waiting[0].name }) : t('buddy.help.many')}
      </h2>
      ${waiting.length > 1 &&
      html`<ul>${waiting.map((item) => html`<li key=${item.id}>${t('buddy.help.item', { name: item.name, when: formatDateTime(item.at) })}</li>`)}</ul>`}
      ${waiting.length === 1 && html`<p class="hint">${formatDateTime(waiting[0].at)}</p>`}
      <p>${t('buddy.help.alerted')}</p>
    </div>`}
    ${handled.map(
      (item) => html`<div class="buddy-status buddy-help-handled" key=${item.id}>
        <p><strong>${t('buddy.help.dealing', { name: item.name })}</strong> ${t('buddy.help.dealingWho', { who: item.acknowledgedBy })}</p>
      </div>`,
    )}
  `;
}

function Waiting({ waiting }) {
  if (!waiting.length) return null;
  return html`
    <${Card} title=${t('buddy.waiting.title')}>
      <ul class="list buddy-list">
        ${waiting.map(
          (checkin) => html`<li class="list-item" key=${checkin.id}>
            <a href=${`/buddy/checkins/${checkin.id}`}>${t('buddy.waiting.checkedIn', { name: checkin.carerName })}</a>
            <span class="list-meta">${formatDateTime(checkin.answered_at || checkin.due_at)}</span>
            ${checkin.wants_call && html`<span class="tag">${t('buddy.wantsCall')}</span>`}
            ${checkin.wants_call && (telHref(checkin.carerPhone)
              ? html`<${CallLink} name=${checkin.carerName} phone=${checkin.carerPhone} />`
              : html`<span class="list-meta">${noNumberForBuddy(checkin.carerName)}</span>`)}
            ${checkin.needs_help && html`<span class="tag tag-help">${t('buddy.waiting.askedHelp')}</span>`}
          </li>`,
        )}
      </ul>
    </${Card}>
  `;
}

function Proposals({ proposals }) {
  if (!proposals.length) return null;
  return html`
    <${Card} title=${t('buddy.proposals.title')}>
      ${proposals.every((proposal) => proposal.saidYes)
        ? html`<p>${t('buddy.proposals.allSaidYes')}</p>`
        : html`<p>${t('buddy.proposals.text', { count: proposals.length })}</p>`}
      <ul class="list buddy-list">
        ${proposals.map(
          (proposal) => html`<li class="list-item" key=${proposal.matchId}>
            ${proposal.saidYes
              ? html`<span class="list-title">${t('buddy.proposals.saidYes', { name: proposal.name })}</span>
                  <span class="list-meta">${t('buddy.proposals.letYouKnow', { name: proposal.name })}</span>`
              : html`<a href=${`/matches/${proposal.matchId}`}>${t('buddy.proposals.read', { name: proposal.name })}</a>
                  <span class="list-meta">${t('buddy.proposals.introduced', { when: formatDateTime(proposal.proposedAt) })}</span>`}
          </li>`,
        )}
      </ul>
    </${Card}>
  `;
}

function Carers({ carers }) {
  return html`
    <${Card} title=${t('buddy.carers.title')}>
      ${carers.length === 0 &&
      html`<p>${t('buddy.carers.none')}</p>`}
      ${carers.length > 0 &&
      html`<ul class="list buddy-list">
        ${carers.map(
          (carer) => html`<li class="list-item" key=${carer.matchId}>
            <span class="list-title">${carer.name}</span>
            ${carer.paused
              ? html`<span class="tag">${t('buddy.carers.paused')}</span>`
              : carer.upcoming && html`<span class="list-meta">${nextCheckinText(carer.upcoming, carer.name)}</span>`}
            <${CallLink} name=${carer.name} phone=${carer.phone} />
            <a href=${`/matches/${carer.matchId}`}>${carer.unread > 0
              ? t('buddy.carers.messagesNew', { name: carer.name, count: carer.unread })
              : t('buddy.carers.messages', { name: carer.name })}</a>
            <a href=${`/matches/${carer.matchId}/check-ins`}>${t('buddy.carers.when')}<span class="visually-hidden"> ${t('buddy.carers.withName', { name: carer.name })}</span></a>
            <a href=${`/matches/${carer.matchId}/change`}>${t('buddy.carers.change')}<span class="visually-hidden"> (${carer.name})</span></a>
            <a class="concern-link" href=${`/buddy/concerns/new?match=${carer.matchId}&carer=${carer.carerUserId}`}>${t('buddy.worried', { name: carer.name })}</a>
          </li>`,
        )}
      </ul>`}
    </${Card}>
  `;
}

/**
 * While I have no buddy profile (the API answers 404) nobody can be introduced to me: ask for it.
 * While I'm paused, say so on home with a way to resume, and until when (issue 11: home didn't show the
 * pause). The API says whether the pause holds today, so a pause whose day has come is not shown.
 */
function ProfilePrompt({ organisation }) {
  const url = `/api/v1/orgs/${organisation.id}/me/buddy-profile`;
  const profile = useResource(url);
  const [resuming, setResuming] = useState(false);
  const [problem, setProblem] = useState(null);
  const { error } = profile;
  if (profile.data?.paused) {
    const resume = async () => {
      if (resuming) return;
      setResuming(true);
      setProblem(null);
      try {
        profile.set(await patch(`${url}/wellbeing`, { paused: false }));
      } catch (failure) {
        setProblem(failure);
      } finally {
        setResuming(false);
      }
    };
    return html`
      <${Card} title=${t('buddy.pause.title')}>
        <p>${pauseWords(profile.data)}</p>
        <${Problem} error=${problem} />
        <${Button} type="button" busy=${resuming} onClick=${resume}>${t('buddy.pause.resume')}</${Button}>
      </${Card}>
    `;
  }
  if (!(error instanceof ApiError && error.status === 404)) return null;
  return html`
    <${Card} title=${t('buddy.profile.tellUs')}>
      <p>${t('buddy.profile.prompt')}</p>
      <${LinkButton} href="/buddy/profile/edit">${t('buddy.profile.tellUs')}</${LinkButton}>
    </${Card}>
  `;
}

function Unread({ unread }) {
  if (unread === null || unread === undefined) return null;
  return html`
    <p class="buddy-unread">
      <a href="/inbox">${unread === 0 ? t('buddy.inbox') : t('buddy.inboxUnread', { count: unread })}</a>
    </p>
  `;
}

function BuddySections({ organisation, me, showLinks = true }) {
  const { data, error } = useResource(() => loadOverview(organisation.id, me.id), [organisation.id, me.id]);
  if (!data) {
    return error ? html`<${Problem} error=${error} />` : html`<${Loading} />`;
  }
  return html`
    <${Problem} error=${error} />
    <${HelpNotices} help=${data.help} />
    <${ProfilePrompt} organisation=${organisation} />
    <${Unread} unread=${data.unread} />
    <${Waiting} waiting=${data.waiting} />
    <${Proposals} proposals=${data.proposals} />
    <${Carers} carers=${data.carers} />
    <${BuddyEndedCard} base=${`/api/v1/orgs/${organisation.id}`} />
    <${TalkCard} organisation=${organisation} />
    ${showLinks &&
    html`<ul class="links">
      <li><a href="/buddy/profile">${t('buddy.links.profile')}</a></li>
      <li><a href="/buddy/screening">${t('buddy.screening.title')}</a></li>
      <li><a href="/buddy/availability">${t('buddy.links.availability')}</a></li>
      <li><a href="/buddy/concerns">${t('buddy.concerns.title')}</a></li>
      <li><a href="/buddy/hours">${t('buddy.links.hours')}</a></li>
      <li><a href="/notification-settings">${t('buddy.links.notifications')}</a></li>
    </ul>`}
  `;
}

/** The buddy's part of the home page. */
export function BuddyHome({ organisation }) {
  const { me } = useSession();
  return html`<${BuddySections} organisation=${organisation} me=${me} />`;
}

/** /buddy: the overview on its own (where "a carer asked for help" leads). */
export function BuddyOverview() {
  const { me } = useSession();
  const organisation = currentOrganisation(me);
  return html`
    <${Page} title=${t('buddy.overview.title')} caption=${t('buddy.asBuddy')} back=${{ href: '/', label: t('buddy.home') }}>
      <${BuddySections} organisation=${organisation} me=${me} />
    </${Page}>
  `;
}
