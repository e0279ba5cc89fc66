// The coordinator's home section: crisis alerts first, then cards for what needs attention, the
// waiting list, pairs, buddies and whether I am on duty. shared/home.js shows CoordinatorHome; the screens
// behind the cards are in COORDINATOR_ROUTES (pages.js).
import { useEffect } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { firstName } from '../../text.js';
import { Card } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { ConcernsStandOut, ConcernsSummary, useOpenConcerns } from './concerns-home.js';
import { DutySwitch, usePeople } from './parts.js';
import { ago, attentionSummary, escalationSoon, matchCounts, waitWords } from './logic.js';

function Loaded({ resource, children }) {
  if (resource.error) return html`<p>${t('coordinator.home.couldNotLoad')}</p>`;
  if (!resource.data) return html`<p class="hint">${t('coordinator.home.loading')}</p>`;
  return children();
}

// Open crisis alerts and concerns are looked at again this often while home is open, so one raised, past
// its target, or acknowledged by someone else shows (or goes) without a reload.
const ALERTS_EVERY_MS = 30000;

function useEvery(reload, ms) {
  useEffect(() => {
    const timer = setInterval(() => document.visibilityState !== 'hidden' && reload(), ms);
    return () => clearInterval(timer);
  }, []);
}

/**
 * Open crisis alerts, at the very top of home and unlike any card (issue 13): each with the carer's first
 * name, how long ago, when it escalates, and a big "Open" button. Gone once acknowledged. A region with
 * a heading, not role="alert": it is looked at again every 30 s, and "5 minutes ago" changing would be
 * announced over and over.
 */
function CrisisBlock({ alerts, people }) {
  useEvery(alerts.reload, ALERTS_EVERY_MS);
  const open = (alerts.data || []).filter((alert) => alert.status === 'open');
  if (open.length === 0) return null;
  const oldestFirst = [...open].sort((a, b) => new Date(a.raised_at) - new Date(b.raised_at));
  const title = t('coordinator.home.crisisTitle', { count: open.length });
  return html`
    <section class="crisis-block" aria-labelledby="crisis-block-title">
      <h2 class="crisis-block-title" id="crisis-block-title">${title}</h2>
      <ul class="crisis-block-list">
        ${oldestFirst.map((alert) => {
          const name = firstName(people.byUser.get(alert.carer_user_id)?.display_name || '') || t('coordinator.home.aCarer');
          return html`<li class="crisis-block-item" key=${alert.id}>
            <p class="crisis-block-who"><strong>${name}</strong> ${t('coordinator.home.pressedHelp', { ago: ago(alert.raised_at) })}</p>
            ${escalationSoon(alert) && html`<p class="crisis-block-when">${escalationSoon(alert)}.</p>`}
            <a class="button button-crisis" href=${`/coordinator/alerts/${alert.id}`}>${t('coordinator.home.open')}<span class="visually-hidden"> ${t('coordinator.home.openHidden', { name })}</span></a>
          </li>`;
        })}
      </ul>
    </section>
  `;
}

export function CoordinatorHome({ organisation }) {
  const base = `/api/v1/orgs/${organisation.id}`;
  const people = usePeople(base);
  const alerts = useResource(`${base}/alerts?status=open`);
  const attention = useResource(`${base}/attention`);
  const reports = useResource(`${base}/message-reports/open-count`);
  const waiting = useResource(`${base}/waiting-list`);
  const matches = useResource(`${base}/matches`);
  const buddies = useResource(`${base}/buddies`);
  const referrals = useResource(`${base}/referrals?status=new`);
  const concerns = useOpenConcerns(base);
  useEvery(concerns.reload, ALERTS_EVERY_MS);
  return html`
    <${CrisisBlock} alerts=${alerts} people=${people} />
    <${ConcernsStandOut} list=${concerns} />
    <${Card} title=${t('coordinator.home.attentionTitle')} href="/coordinator/attention">
      <${Loaded} resource=${attention}>${() => {
        const summary = attentionSummary(alerts.data, attention.data, reports.data);
        if (summary.total === 0) return html`<p>${t('coordinator.home.nothingNeedsYou')}</p>`;
        return html`<p><strong class="count">${summary.total}</strong> ${t('coordinator.home.thingsNeed', { count: summary.total })}${summary.alerts > 0 ? html`${t('coordinator.home.including')}<strong>${t('coordinator.home.crisisAlerts', { count: summary.alerts })}</strong>` : ''}.</p>`;
      }}</${Loaded}>
    </${Card}>
    <${Card} title=${t('coordinator.home.concernsTitle')} href="/coordinator/concerns">
      <${ConcernsSummary} list=${concerns} />
    </${Card}>
    <${Card} title=${t('coordinator.home.waitingTitle')} href="/coordinator/waiting">
      <${Loaded} resource=${waiting}>${() => {
        const list = waiting.data;
        if (list.length === 0) return html`<p>${t('coordinator.home.nobodyWaiting')}</p>`;
        return html`<p><strong class="count">${list.length}</strong> ${t('coordinator.home.carersWaiting', { count: list.length })}</p>
          <p>${t('coordinator.home.waitingLongest', { name: list[0].carer.display_name, wait: waitWords(list[0].waiting_days) })}</p>`;
      }}</${Loaded}>
    </${Card}>
    <${Card} title=${t('coordinator.home.proposalsTitle')} href="/coordinator/proposals">
      <p>${t('coordinator.home.proposalsText')}</p>
    </${Card}>
    <${Card} title=${t('coordinator.home.pairsTitle')} href="/coordinator/pairs">
      <${Loaded} resource=${matches}>${() => {
        const counts = matchCounts(matches.data);
        return html`<p><strong class="count">${counts.active}</strong> ${t('coordinator.home.activePairs', { count: counts.active })}</p>
          ${(counts.proposed > 0 || counts.paused > 0) &&
          html`<p>${t('coordinator.home.proposalsWaiting', { count: counts.proposed, paused: counts.paused })}</p>`}`;
      }}</${Loaded}>
    </${Card}>
    <${Card} title=${t('coordinator.home.buddiesTitle')} href="/coordinator/buddies">
      <${Loaded} resource=${buddies}>${() => {
        const ready = buddies.data.filter((buddy) => buddy.matchable).length;
        const overdue = buddies.data.filter((buddy) => buddy.supervision_overdue).length;
        return html`<p><strong class="count">${buddies.data.length}</strong> ${t('coordinator.home.buddiesReady', { count: buddies.data.length, ready })}</p>
          ${overdue > 0 && html`<p>${t('coordinator.home.supervisionOverdue', { count: overdue })}</p>`}`;
      }}</${Loaded}>
    </${Card}>
    <${DutySwitch} base=${base} />
    <${Card} title=${t('coordinator.home.requestsTitle')} href="/referrals">
      <${Loaded} resource=${referrals}>${() => {
        const n = referrals.data.length;
        return html`<p>${t('coordinator.home.requestsWaiting', { count: n })}</p>`;
      }}</${Loaded}>
    </${Card}>
    <${Card} title=${t('coordinator.home.inviteTitle')} href="/invitations">
      <p>${t('coordinator.home.inviteText')}</p>
    </${Card}>
    <${Card} title=${t('coordinator.home.peopleTitle')} href="/members">
      <p>${people.members ? t('coordinator.home.peopleCount', { count: people.members.length }) : t('coordinator.home.everyone')}</p>
    </${Card}>
    <${Card} title=${t('coordinator.home.runningTitle')} href="/coordinator/running">
      <p>${t('coordinator.home.runningText')}</p>
    </${Card}>
    <${Card} title=${t('coordinator.home.dataTitle')} href="/coordinator/data-rights">
      <${DataRightsSummary} base=${base} />
    </${Card}>
  `;
}

/** What waits on People's data: requests to be deleted, and records held back from copies for review. */
function DataRightsSummary({ base }) {
  const erasures = useResource(`${base}/erasure-requests`);
  const copies = useResource(`${base}/exports`);
  const asked = erasures.data?.open || 0;
  const toReview = (copies.data || []).reduce((sum, copy) => sum + (copy.reviews_pending || 0), 0);
  const waiting = [
    asked > 0 && t('coordinator.home.toBeDeleted', { count: asked }),
    toReview > 0 && t('coordinator.home.toReview', { count: toReview }),
  ].filter(Boolean);
  if (waiting.length === 0) {
    return html`<p>${t('coordinator.home.dataText')}</p>`;
  }
  return html`<p><strong>${t('coordinator.home.waitingForYou')}</strong> ${t('coordinator.home.waitingList', { list: waiting.join(', ') })}</p>`;
}
