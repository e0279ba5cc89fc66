// The coordinator's home section: crisis alerts first, then cards for what needs attention, the
// waiting list, pairs, buddies and whether I am on duty. shared/home.js shows CoordinatorHome; the screens
// behind the cards are in COORDINATOR_ROUTES (pages.js).
import { useEffect } from 'preact/hooks';
import { html } from '../../html.js';
import { firstName } from '../../text.js';
import { Card } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { ConcernsStandOut, ConcernsSummary, useOpenConcerns } from './concerns-home.js';
import { DutySwitch, usePeople } from './parts.js';
import { ago, attentionSummary, count, escalationSoon, matchCounts, waitWords } from './logic.js';

function Loaded({ resource, children }) {
  if (resource.error) return html`<p>We couldn't load this just now.</p>`;
  if (!resource.data) return html`<p class="hint">Loading…</p>`;
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
  const title = open.length === 1 ? 'Someone needs help now' : `${open.length} people need help now`;
  return html`
    <section class="crisis-block" aria-labelledby="crisis-block-title">
      <h2 class="crisis-block-title" id="crisis-block-title">${title}</h2>
      <ul class="crisis-block-list">
        ${oldestFirst.map((alert) => {
          const name = firstName(people.byUser.get(alert.carer_user_id)?.display_name || '') || 'A carer';
          return html`<li class="crisis-block-item" key=${alert.id}>
            <p class="crisis-block-who"><strong>${name}</strong> pressed “I need help now” ${ago(alert.raised_at)}.</p>
            ${escalationSoon(alert) && html`<p class="crisis-block-when">${escalationSoon(alert)}.</p>`}
            <a class="button button-crisis" href=${`/coordinator/alerts/${alert.id}`}>Open<span class="visually-hidden"> ${name}'s alert</span></a>
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
  const waiting = useResource(`${base}/waiting-list`);
  const matches = useResource(`${base}/matches`);
  const buddies = useResource(`${base}/buddies`);
  const referrals = useResource(`${base}/referrals?status=new`);
  const concerns = useOpenConcerns(base);
  useEvery(concerns.reload, ALERTS_EVERY_MS);
  return html`
    <${CrisisBlock} alerts=${alerts} people=${people} />
    <${ConcernsStandOut} list=${concerns} />
    <${Card} title="Needs attention" href="/coordinator/attention">
      <${Loaded} resource=${attention}>${() => {
        const summary = attentionSummary(alerts.data, attention.data);
        if (summary.total === 0) return html`<p>Nothing needs your attention right now.</p>`;
        return html`<p><strong class="count">${summary.total}</strong> ${summary.total === 1 ? 'thing needs' : 'things need'} your attention${summary.alerts > 0 ? html`, including <strong>${count(summary.alerts, 'crisis alert')}</strong>` : ''}.</p>`;
      }}</${Loaded}>
    </${Card}>
    <${Card} title="Concerns" href="/coordinator/concerns">
      <${ConcernsSummary} list=${concerns} />
    </${Card}>
    <${Card} title="Waiting list" href="/coordinator/waiting">
      <${Loaded} resource=${waiting}>${() => {
        const list = waiting.data;
        if (list.length === 0) return html`<p>Nobody is waiting for a buddy.</p>`;
        return html`<p><strong class="count">${list.length}</strong> ${list.length === 1 ? 'carer is' : 'carers are'} waiting for a buddy.</p>
          <p>Waiting longest: ${list[0].carer.display_name}, ${waitWords(list[0].waiting_days)}.</p>`;
      }}</${Loaded}>
    </${Card}>
    <${Card} title="Proposals for everyone waiting" href="/coordinator/proposals">
      <p>Let carerlink suggest the best buddy for each carer on the waiting list, then check and confirm.</p>
    </${Card}>
    <${Card} title="Pairs" href="/coordinator/pairs">
      <${Loaded} resource=${matches}>${() => {
        const counts = matchCounts(matches.data);
        return html`<p><strong class="count">${counts.active}</strong> active ${counts.active === 1 ? 'pair' : 'pairs'}.</p>
          ${(counts.proposed > 0 || counts.paused > 0) &&
          html`<p>${count(counts.proposed, 'proposal')} waiting for answers, ${counts.paused} paused.</p>`}`;
      }}</${Loaded}>
    </${Card}>
    <${Card} title="Buddies" href="/coordinator/buddies">
      <${Loaded} resource=${buddies}>${() => {
        const ready = buddies.data.filter((buddy) => buddy.matchable).length;
        const overdue = buddies.data.filter((buddy) => buddy.supervision_overdue).length;
        return html`<p><strong class="count">${buddies.data.length}</strong> ${buddies.data.length === 1 ? 'buddy' : 'buddies'}, ${ready} ready to be matched.</p>
          ${overdue > 0 && html`<p>${overdue === 1 ? '1 is' : `${overdue} are`} overdue for supervision.</p>`}`;
      }}</${Loaded}>
    </${Card}>
    <${DutySwitch} base=${base} />
    <${Card} title="Requests to join" href="/referrals">
      <${Loaded} resource=${referrals}>${() => {
        const n = referrals.data.length;
        return html`<p>${n === 0 ? 'No requests are waiting.' : n === 1 ? '1 request is waiting.' : `${n} requests are waiting.`}</p>`;
      }}</${Loaded}>
    </${Card}>
    <${Card} title="Invite someone" href="/invitations">
      <p>Invite a carer, buddy or coordinator, and see the invitations you have sent.</p>
    </${Card}>
    <${Card} title="People" href="/members">
      <p>${people.members ? `${count(people.members.length, 'person', 'people')} in the centre.` : 'Everyone in the centre.'}</p>
    </${Card}>
    <${Card} title="Running the service" href="/coordinator/running">
      <p>Reports, bringing records in from a spreadsheet, volunteer hours, outcome measures and settings.</p>
    </${Card}>
    <${Card} title="People's data" href="/coordinator/data-rights">
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
    asked > 0 && `${count(asked, 'request')} to be deleted`,
    toReview > 0 && `${count(toReview, 'record')} to review before release`,
  ].filter(Boolean);
  if (waiting.length === 0) {
    return html`<p>Copies of people's data, requests to be deleted, who looked at whose record, and how long records are kept.</p>`;
  }
  return html`<p><strong>Waiting for you:</strong> ${waiting.join(', ')}.</p>`;
}
