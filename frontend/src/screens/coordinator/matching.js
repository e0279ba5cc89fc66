// Matching for coordinators: the waiting list, a carer's page (profile, suggested buddies with their
// explanations, "Propose this buddy", the proposal's state) and the pair chooser the drafts reuse.
import { useState } from 'preact/hooks';
import { post } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { Button, formatDate, Inset, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { CarerReach } from '../shared/channels.js';
import { ContactDetails, Explanation, HOME, Score, useOrganisationApi } from './parts.js';
import { checkRunsOut, MATCH_STATES, profileRows, waitWords, wellbeingOverTime } from './logic.js';

const OPEN = ['proposed', 'active', 'paused'];

export function WaitingList() {
  const { organisation, base } = useOrganisationApi();
  const waiting = useResource(`${base}/waiting-list`);
  const list = waiting.data || [];
  return html`
    <${Page} title=${t('coordinator.waiting.title')} caption=${organisation.name} back=${HOME}>
      <p>${t('coordinator.waiting.intro')}</p>
      <${Problem} error=${waiting.error} />
      ${waiting.loading && html`<${Loading} />`}
      ${waiting.data && list.length === 0 && html`<p class="hint">${t('coordinator.waiting.nobody')}</p>`}
      ${list.length > 1 &&
      html`<p><a href="/coordinator/proposals">${t('coordinator.waiting.makeProposals')}</a></p>`}
      <ol class="list waiting-list">
        ${list.map(
          (entry) => html`<li class="list-item" key=${entry.carer.membership_id}>
            <a class="list-title" href=${`/coordinator/carers/${entry.carer.membership_id}`}>${entry.carer.display_name}</a>
            <span class="list-meta">${t('coordinator.waiting.waiting')} <strong class="wait">${waitWords(entry.waiting_days)}</strong>${t('coordinator.waiting.since', { date: formatDate(entry.waiting_since) })}</span>
            <span class="tags">
              ${entry.joined === false && html`<span class="tag tag-warning">${t('coordinator.waiting.invitedNotJoined')}</span>`}
              ${!entry.has_profile && html`<span class="tag">${t('coordinator.waiting.noProfile')}</span>`}
              ${entry.under_18 && html`<span class="tag">${t('coordinator.waiting.under18')}</span>`}
              ${entry.interpreter_needed && html`<span class="tag">${t('coordinator.waiting.interpreter')}</span>`}
              ${entry.earlier_proposals > 0 &&
              html`<span class="tag">${t('coordinator.waiting.proposedBefore', { count: entry.earlier_proposals })}</span>`}
            </span>
          </li>`,
        )}
      </ol>
    </${Page}>
  `;
}

function ProfileSummary({ profile }) {
  if (profile.error) {
    return html`<${Inset}>${profile.error.status === 404 ? profile.error.message : t('coordinator.carer.couldNotLoadProfile')}</${Inset}>`;
  }
  if (!profile.data) return html`<${Loading} />`;
  return html`
    <dl class="summary-list">
      ${profileRows(profile.data).map(
        ([label, words]) => html`<div class="summary-row" key=${label}><dt>${label}</dt><dd>${words}</dd></div>`,
      )}
    </dl>
  `;
}

/** A proposal or a live match for this carer: who, its state, and each person's answer so far. */
function CurrentMatch({ base, matchId }) {
  const match = useResource(`${base}/matches/${matchId}`);
  const m = match.data;
  if (!m) return html`<${Problem} error=${match.error} />${match.loading && html`<${Loading} />`}`;
  const answer = (name, decision) => t('coordinator.carer.decision', { name, decision: decision || 'none' });
  return html`
    <section class="card" aria-labelledby="current-match">
      <h2 class="card-title" id="current-match">${t('coordinator.carer.currentBuddy', { proposed: m.status === 'proposed' ? 'yes' : 'no', name: m.buddy.display_name })}</h2>
      <p><span class=${`tag tag-${m.status}`}>${MATCH_STATES[m.status]}</span></p>
      ${m.status === 'proposed' &&
      html`<ul class="explanation-list">
        <li>${answer(m.carer.display_name, m.carer_decision)}</li>
        <li>${answer(m.buddy.display_name, m.buddy_decision)}</li>
      </ul>
      <p>${t('coordinator.carer.nothingStarts')}</p>`}
      ${m.score !== null && m.score !== undefined && html`<p>${t('coordinator.carer.score')} <${Score} score=${m.score} /></p>`}
      <${Explanation} explanation=${m.explanation} />
      <p><a href="/coordinator/pairs">${t('coordinator.carer.seeAllPairs')}</a></p>
    </section>
  `;
}

function Suggestion({ suggestion, onPropose, busy, screening }) {
  const { buddy } = suggestion;
  const runsOut = checkRunsOut(screening);
  return html`
    <li class="suggestion card">
      <h3 class="heading-s">${buddy.display_name}</h3>
      <p>${t('coordinator.carer.score')} <${Score} score=${suggestion.score} /> · ${t('coordinator.carer.placesTaken', { taken: suggestion.places_taken, capacity: suggestion.capacity })}</p>
      ${runsOut && html`<p><span class="tag tag-warning">${runsOut}</span></p>`}
      <${Explanation} explanation=${suggestion.explanation} />
      <${Button} type="button" busy=${busy} onClick=${() => onPropose(buddy)}>
        ${t('coordinator.carer.propose')}<span class="visually-hidden"> (${buddy.display_name})</span></${Button}>
    </li>
  `;
}

export function CarerPage({ params }) {
  const { organisation, base } = useOrganisationApi();
  const carerId = params.id;
  const profile = useResource(`${base}/carers/${carerId}/profile`);
  // Their first check-in with a score against their latest (issue 16; coordinators, audited).
  const wellbeing = useResource(`${base}/carers/${carerId}/wellbeing`);
  const suggestions = useResource(`${base}/carers/${carerId}/suggestions`);
  const matches = useResource(`${base}/matches`);
  // Whose check runs out soon (issue 11): the buddies list says, by the organisation's window.
  const buddies = useResource(`${base}/buddies`);
  const screeningOf = (buddy) => (buddies.data || []).find((b) => b.membership_id === buddy.membership_id);
  const [proposed, setProposed] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  const current = proposed || (matches.data || []).find((m) => m.carer.membership_id === carerId && OPEN.includes(m.status));
  const name = suggestions.data?.carer.display_name || profile.data?.display_name || t('coordinator.carer.carer');
  const howTheyHaveBeen = wellbeingOverTime(wellbeing.data, wellbeing.data?.display_name || name);

  const propose = async (buddy) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      setProposed(await post(`${base}/matches`, { carer_membership_id: carerId, buddy_membership_id: buddy.membership_id }));
      matches.reload();
    } catch (problem) {
      setError(problem);
      suggestions.reload();
    } finally {
      setBusy(false);
    }
  };

  return html`
    <${Page} title=${name} caption=${organisation.name} back=${{ href: '/coordinator/waiting', label: t('coordinator.waiting.title') }}>
      ${proposed &&
      html`<${Panel} title=${t('coordinator.carer.proposalSent')}>
        <p>${t('coordinator.carer.proposalSentText', { carer: proposed.carer.display_name, buddy: proposed.buddy.display_name })}</p>
      </${Panel}>`}
      <${Problem} error=${error} />
      <${ContactDetails} base=${base} membershipId=${carerId} />
      <${CarerReach} base=${base} membershipId=${carerId} />
      ${howTheyHaveBeen && html`<p class="wellbeing-over-time">${howTheyHaveBeen}</p>`}
      <h2 class="heading-m">${t('coordinator.carer.situation')}</h2>
      <${ProfileSummary} profile=${profile} />
      ${profile.data?.entered_by_name &&
      html`<p class="hint">${t('coordinator.carer.enteredBy', { name: profile.data.entered_by_name, date: formatDate(profile.data.entered_at) })}</p>`}
      ${(profile.data || profile.error?.status === 404) &&
      html`<p><a href=${`/coordinator/carers/${carerId}/profile`}>${profile.data ? t('coordinator.carer.changeProfile') : t('coordinator.carer.fillProfile')}</a></p>`}
      <p><a href=${`/coordinator/concerns/new?carer=${carerId}`}>${t('coordinator.carer.raiseConcern', { name })}</a></p>
      ${!current && !matches.data
        ? html`<${Problem} error=${matches.error} />${matches.loading && html`<${Loading} />`}`
        : current
        ? html`<${CurrentMatch} base=${base} matchId=${current.id} key=${current.id} />`
        : html`
          <h2 class="heading-m">${t('coordinator.carer.suggested')}</h2>
          <${Problem} error=${suggestions.error} />
          ${suggestions.loading && html`<${Loading} />`}
          ${suggestions.data?.on_hold && html`<${Inset}>${suggestions.data.on_hold}</${Inset}>`}
          ${suggestions.data && !suggestions.data.on_hold && suggestions.data.suggestions.length === 0 &&
          html`<p>${t('coordinator.carer.noBuddy', { name })} <a href="/coordinator/buddies">${t('coordinator.carer.seeWhy')}</a>.</p>`}
          <ol class="suggestions">
            ${(suggestions.data?.suggestions || []).map(
              (s) => html`<${Suggestion} key=${s.buddy.membership_id} suggestion=${s} busy=${busy} onPropose=${propose}
                screening=${screeningOf(s.buddy)} />`,
            )}
          </ol>
          ${(suggestions.data?.kept_apart || []).length > 0 &&
          html`<h3 class="heading-s">${t('coordinator.carer.neverSuggested', { name })}</h3>
            <ul class="list">${suggestions.data.kept_apart.map((k) => html`<li class="list-item" key=${k.buddy.membership_id}>
              <span class="list-title">${k.buddy.display_name}</span><span class="list-meta">${k.reason}</span></li>`)}</ul>`}`}
    </${Page}>
  `;
}
