// /buddy/screening — my screening as a buddy in plain words: whether I can be matched now and, if not,
// why; my training course by course; my safeguarding check and when it is due again.
import { html } from '../../html.js';
import { currentOrganisation, useSession } from '../../session.js';
import { formatDate, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { screeningReason } from './logic.js';

const CHECK_NAMES = {
  dbs_basic: 'Basic DBS check',
  dbs_standard: 'Standard DBS check',
  dbs_enhanced: 'Enhanced DBS check',
  dbs_enhanced_adults_barred: 'Enhanced DBS check with the adults’ barred list',
  dbs_enhanced_children_barred: 'Enhanced DBS check with the children’s barred list',
  dbs_enhanced_both_barred: 'Enhanced DBS check with both barred lists',
  pvg_adults: 'PVG scheme (adults)',
  pvg_children: 'PVG scheme (children)',
  access_ni_enhanced: 'Enhanced AccessNI check',
  other: 'Safeguarding check',
};

function courseStatus(course) {
  if (course.state === 'complete') {
    return course.expires_on
      ? `Done on ${formatDate(course.completed_on)}. Valid until ${formatDate(course.expires_on)}.`
      : `Done on ${formatDate(course.completed_on)}.`;
  }
  if (course.state === 'expired') return `Out of date since ${formatDate(course.expires_on)}: it needs doing again.`;
  return course.required ? 'Not done yet.' : 'Not done yet. This one is optional.';
}

const COURSE_TAGS = { complete: 'Done', expired: 'Out of date', missing: 'To do' };

function Training({ courses }) {
  if (!courses.length) return html`<p>The centre hasn't set any training for buddies.</p>`;
  return html`
    <ul class="list">
      ${courses.map(
        (course) => html`<li class="list-item" key=${course.course_id}>
          <span class="list-title">${course.name}${!course.required && html` <span class="optional">(optional)</span>`}</span>
          <span class=${`tag tag-${course.state}`}>${COURSE_TAGS[course.state] || course.state}</span>
          <span class="list-meta">${courseStatus(course)}</span>
        </li>`,
      )}
    </ul>
  `;
}

function Check({ check }) {
  if (!check) return html`<p>No safeguarding check has been recorded yet. The centre will arrange it with you.</p>`;
  const name = CHECK_NAMES[check.check_type] || 'Safeguarding check';
  return html`
    <dl class="summary">
      <div class="summary-row"><dt>Check</dt><dd>${name}</dd></div>
      <div class="summary-row"><dt>Issued</dt><dd>${formatDate(check.issued_on)}</dd></div>
      <div class="summary-row"><dt>To be renewed by</dt><dd>${formatDate(check.recheck_due)}${check.state === 'overdue' &&
        html` <span class="tag tag-expired">Overdue</span>`}</dd></div>
    </dl>
    ${check.state === 'not_accepted' &&
    html`<p>This isn't the kind of check the buddy role needs. The centre will tell you what to do.</p>`}
  `;
}

export function BuddyScreening() {
  const { me } = useSession();
  const organisation = currentOrganisation(me);
  const { data, error } = useResource(`/api/v1/orgs/${organisation.id}/me/screening`);
  return html`
    <${Page} title="Your training and checks" caption=${organisation.name} back=${{ href: '/', label: 'Home' }}>
      <${Problem} error=${error} />
      ${!data && !error && html`<${Loading} />`}
      ${data &&
      html`
        ${data.matchable
          ? html`<${Panel} title="You can be matched with carers">
              <p>Your training, checks and approval are all up to date.</p></${Panel}>`
          : html`<div class="buddy-status" role="status">
              <h2 class="heading-m">You can't be matched with a new carer at the moment</h2>
              <p>This is why:</p>
              <ul class="buddy-reasons">
                ${data.reasons.map((reason) => html`<li key=${reason.code + reason.message}>${screeningReason(reason, { pausedUntil: data.paused_until })}</li>`)}
              </ul>
              ${data.reasons.some((r) => r.code === 'paused' || r.code === 'full') &&
              html`<p><a href="/buddy/availability">Change whether you're taking new carers</a></p>`}
              ${data.reasons.some((r) => r.code === 'not_adult') &&
              html`<p><a href="/buddy/profile/edit">Confirm you're 18 or over in your profile</a></p>`}
              ${data.reasons.some((r) => r.code === 'no_profile') &&
              html`<p><a href="/buddy/profile/edit">Tell us about your caring experience</a></p>`}
            </div>`}
        <h2 class="heading-m">Approval</h2>
        <p>${data.approved ? 'A coordinator has approved you as a buddy.' : "A coordinator hasn't approved you yet."}</p>
        <h2 class="heading-m">Training</h2>
        <${Training} courses=${data.courses} />
        <h2 class="heading-m">Safeguarding check</h2>
        <${Check} check=${data.check} />
        <p>If something here looks wrong, contact the centre.</p>
      `}
    </${Page}>
  `;
}
