// /buddy/screening — my screening as a buddy in plain words: whether I can be matched now and, if not,
// why; my training course by course; my safeguarding check and when it is due again.
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { currentOrganisation, useSession } from '../../session.js';
import { formatDate, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { screeningReason } from './logic.js';

/** A safeguarding check's kind in words ("Enhanced DBS check"); any other kind is "Safeguarding check". */
function checkName(type) {
  return t('buddy.screening.checkName', { type });
}

function courseStatus(course) {
  if (course.state === 'complete') {
    return course.expires_on
      ? t('buddy.screening.doneValid', { done: formatDate(course.completed_on), until: formatDate(course.expires_on) })
      : t('buddy.screening.done', { done: formatDate(course.completed_on) });
  }
  if (course.state === 'expired') return t('buddy.screening.outOfDate', { since: formatDate(course.expires_on) });
  return course.required ? t('buddy.screening.notDone') : t('buddy.screening.notDoneOptional');
}

/** A course's state as a tag ("Done", "Out of date", "To do"). */
function courseTag(state) {
  return t('buddy.screening.tag', { state });
}

function Training({ courses }) {
  if (!courses.length) return html`<p>${t('buddy.screening.noTraining')}</p>`;
  return html`
    <ul class="list">
      ${courses.map(
        (course) => html`<li class="list-item" key=${course.course_id}>
          <span class="list-title">${course.name}${!course.required && html` <span class="optional">${t('buddy.screening.optional')}</span>`}</span>
          <span class=${`tag tag-${course.state}`}>${courseTag(course.state)}</span>
          <span class="list-meta">${courseStatus(course)}</span>
        </li>`,
      )}
    </ul>
  `;
}

function Check({ check }) {
  if (!check) return html`<p>${t('buddy.screening.noCheck')}</p>`;
  const name = checkName(check.check_type);
  return html`
    <dl class="summary">
      <div class="summary-row"><dt>${t('buddy.screening.check')}</dt><dd>${name}</dd></div>
      <div class="summary-row"><dt>${t('buddy.screening.issued')}</dt><dd>${formatDate(check.issued_on)}</dd></div>
      <div class="summary-row"><dt>${t('buddy.screening.renewBy')}</dt><dd>${formatDate(check.recheck_due)}${check.state === 'overdue' &&
        html` <span class="tag tag-expired">${t('buddy.screening.overdue')}</span>`}</dd></div>
    </dl>
    ${check.state === 'not_accepted' &&
    html`<p>${t('buddy.screening.wrongKind')}</p>`}
  `;
}

export function BuddyScreening() {
  const { me } = useSession();
  const organisation = currentOrganisation(me);
  const { data, error } = useResource(`/api/v1/orgs/${organisation.id}/me/screening`);
  return html`
    <${Page} title=${t('buddy.screening.title')} caption=${organisation.name} back=${{ href: '/', label: t('buddy.home') }}>
      <${Problem} error=${error} />
      ${!data && !error && html`<${Loading} />`}
      ${data &&
      html`
        ${data.matchable
          ? html`<${Panel} title=${t('buddy.screening.matchable')}>
              <p>${t('buddy.screening.upToDate')}</p></${Panel}>`
          : html`<div class="buddy-status" role="status">
              <h2 class="heading-m">${t('buddy.screening.notMatchable')}</h2>
              <p>${t('buddy.screening.why')}</p>
              <ul class="buddy-reasons">
                ${data.reasons.map((reason) => html`<li key=${reason.code + reason.message}>${screeningReason(reason, { pausedUntil: data.paused_until })}</li>`)}
              </ul>
              ${data.reasons.some((r) => r.code === 'paused' || r.code === 'full') &&
              html`<p><a href="/buddy/availability">${t('buddy.screening.changeTaking')}</a></p>`}
              ${data.reasons.some((r) => r.code === 'not_adult') &&
              html`<p><a href="/buddy/profile/edit">${t('buddy.screening.confirmAge')}</a></p>`}
              ${data.reasons.some((r) => r.code === 'no_profile') &&
              html`<p><a href="/buddy/profile/edit">${t('buddy.profile.tellUs')}</a></p>`}
            </div>`}
        <h2 class="heading-m">${t('buddy.screening.approval')}</h2>
        <p>${data.approved ? t('buddy.screening.approved') : t('buddy.screening.notApprovedYet')}</p>
        <h2 class="heading-m">${t('buddy.screening.training')}</h2>
        <${Training} courses=${data.courses} />
        <h2 class="heading-m">${t('buddy.screening.checkTitle')}</h2>
        <${Check} check=${data.check} />
        <p>${t('buddy.screening.wrong')}</p>
      `}
    </${Page}>
  `;
}
