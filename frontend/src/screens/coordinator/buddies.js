// Buddies and their screening: who can be matched and, for anyone who can't, why; one buddy's checks
// with forms to record a safeguarding check or training, and to approve them; supervision (issue 13):
// when it is due on the list, and the Supervision section of a buddy's page (supervision.js).
import { useState } from 'preact/hooks';
import { api, post } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { currentOrganisation, useSession } from '../../session.js';
import { ErrorSummary, Select, TextInput, useForm } from '../../ui/forms.js';
import { Button, formatDate, Inset, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { ContactDetails, HOME, useOrganisationApi } from './parts.js';
import { checkRunsOut, checkTypes, checkTypeWords, COURSE_STATES } from './logic.js';
import { SupervisionSection } from './supervision.js';
import { dueSoon, dueWords } from './supervision-logic.js';

function SupervisionLine({ buddy }) {
  if (!buddy.supervision_due_on) return null;
  const last = buddy.last_supervised_on
    ? t('coordinator.buddies.lastSupervision', { date: formatDate(buddy.last_supervised_on) })
    : t('coordinator.buddies.noSupervision');
  return html`
    <span class="list-meta">${last} · ${buddy.supervision_overdue ? t('coordinator.buddies.wasDue', { date: formatDate(buddy.supervision_due_on) }) : t('coordinator.buddies.nextDue', { date: formatDate(buddy.supervision_due_on) })}</span>
    ${buddy.supervision_overdue
      ? html`<span class="tag tag-overdue">${t('coordinator.buddies.supervisionDue', { due: dueWords(buddy.supervision_due_on).toLowerCase() })}</span>`
      : dueSoon(buddy.supervision_due_on) && html`<span class="tag tag-due-soon">${t('coordinator.buddies.supervisionDue', { due: dueWords(buddy.supervision_due_on).toLowerCase() })}</span>`}
  `;
}

function Reasons({ reasons }) {
  return html`<ul class="reasons">${reasons.map((reason) => html`<li key=${reason.code + reason.message}>${reason.message}</li>`)}</ul>`;
}

export function Buddies() {
  const { organisation, base } = useOrganisationApi();
  const buddies = useResource(`${base}/buddies`);
  const list = buddies.data || [];
  const ready = list.filter((buddy) => buddy.matchable).length;
  const overdue = list.filter((buddy) => buddy.supervision_overdue).length;
  return html`
    <${Page} title=${t('coordinator.buddies.title')} caption=${organisation.name} back=${HOME}>
      <${Problem} error=${buddies.error} />
      ${buddies.loading && html`<${Loading} />`}
      ${buddies.data && html`<p>${t('coordinator.buddies.count', { count: list.length, ready })}</p>`}
      ${overdue > 0 && html`<p><strong>${t('coordinator.buddies.overdue', { count: overdue })}</strong></p>`}
      <ul class="list">
        ${list.map(
          (buddy) => html`<li class="list-item" key=${buddy.membership_id}>
            <a class="list-title" href=${`/buddies/${buddy.membership_id}/checks`}>${buddy.display_name}</a>
            <span class="list-meta">${buddy.capacity ? t('coordinator.carer.placesTaken', { taken: buddy.places_taken, capacity: buddy.capacity }) : t('coordinator.buddies.noPlaces')}${buddy.recheck_due && !buddy.recheck_soon ? ` · ${t('coordinator.buddies.checkDueAgain', { date: formatDate(buddy.recheck_due) })}` : ''}</span>
            ${checkRunsOut(buddy) && html`<span class="tag tag-warning">${checkRunsOut(buddy)}</span>`}
            <${SupervisionLine} buddy=${buddy} />
            ${buddy.reasons.some((reason) => reason.code === 'no_profile') &&
            html`<a href=${`/coordinator/buddies/${buddy.membership_id}/profile`}>${t('coordinator.buddies.fillProfile', { name: buddy.display_name })}</a>`}
            ${buddy.matchable
              ? html`<span class="tag tag-active">${t('coordinator.buddies.ready')}</span>`
              : html`<span class="tag tag-urgent">${t('coordinator.buddies.notReady')}</span><${Reasons} reasons=${buddy.reasons} />`}
          </li>`,
        )}
      </ul>
    </${Page}>
  `;
}

function today() {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

function CheckForm({ base, screening, onSaved }) {
  const form = useForm({ check_type: '', reference: '', issued_on: '', recheck_due: '' });
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => ({
        check_type: !v.check_type && t('coordinator.buddies.chooseCheck'),
        reference: !v.reference.trim() && t('coordinator.buddies.enterReference'),
        issued_on: !v.issued_on && t('coordinator.buddies.enterIssued'),
        recheck_due: !v.recheck_due && t('coordinator.buddies.enterRecheck'),
      }),
      action: async (v) =>
        onSaved(
          await post(`${base}/buddies/${screening.membership_id}/checks`, { ...v, reference: v.reference.trim() }),
          t('coordinator.buddies.checkRecorded'),
        ),
    });
  return html`
    <form onSubmit=${onSubmit} novalidate aria-labelledby="check-form-title">
      <h3 class="heading-s" id="check-form-title">${t('coordinator.buddies.recordCheck')}</h3>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <${Select} id="check_type" label=${t('coordinator.buddies.kindOfCheck')} value=${form.values.check_type} onChange=${form.set('check_type')}
        error=${form.errors.check_type} options=${[{ value: '', label: t('coordinator.buddies.choose') }, ...checkTypes().map(([value, label]) => ({ value, label }))]} />
      <${TextInput} id="reference" label=${t('coordinator.buddies.certificate')} hint=${t('coordinator.buddies.certificateHint')} width="20"
        value=${form.values.reference} onInput=${form.set('reference')} error=${form.errors.reference} autocomplete="off" spellcheck="false" />
      <${TextInput} id="issued_on" label=${t('coordinator.buddies.issuedOn')} type="date" value=${form.values.issued_on}
        onInput=${form.set('issued_on')} error=${form.errors.issued_on} />
      <${TextInput} id="recheck_due" label=${t('coordinator.buddies.checkAgainBy')} type="date" hint=${t('coordinator.buddies.checkAgainHint')}
        value=${form.values.recheck_due} onInput=${form.set('recheck_due')} error=${form.errors.recheck_due} />
      <${Button} busy=${form.busy}>${t('coordinator.buddies.recordTheCheck')}</${Button}>
    </form>
  `;
}

function TrainingForm({ base, screening, onSaved }) {
  const form = useForm({ course_id: '', completed_on: today() });
  const courses = screening.courses.filter((course) => course.state !== 'complete');
  if (courses.length === 0) return null;
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => ({
        course_id: !v.course_id && t('coordinator.buddies.chooseCourse'),
        completed_on: !v.completed_on && t('coordinator.buddies.enterFinished'),
      }),
      action: async (v) =>
        onSaved(await post(`${base}/buddies/${screening.membership_id}/training`, v), t('coordinator.buddies.trainingRecorded')),
    });
  return html`
    <form onSubmit=${onSubmit} novalidate aria-labelledby="training-form-title">
      <h3 class="heading-s" id="training-form-title">${t('coordinator.buddies.recordTraining')}</h3>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <${Select} id="course_id" label=${t('coordinator.buddies.course')} value=${form.values.course_id} onChange=${form.set('course_id')}
        error=${form.errors.course_id}
        options=${[{ value: '', label: t('coordinator.buddies.choose') }, ...courses.map((course) => ({ value: course.course_id, label: course.name }))]} />
      <${TextInput} id="completed_on" label=${t('coordinator.buddies.finishedOn')} type="date" value=${form.values.completed_on}
        onInput=${form.set('completed_on')} error=${form.errors.completed_on} />
      <${Button} busy=${form.busy}>${t('coordinator.buddies.recordTraining')}</${Button}>
    </form>
  `;
}

function Approval({ base, screening, onSaved }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const decide = (granted) => async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await api('PUT', `${base}/buddies/${screening.membership_id}/approval`, { granted });
      onSaved(saved, granted ? t('coordinator.buddies.approved', { name: screening.display_name }) : t('coordinator.buddies.approvalWithdrawn'));
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  };
  return html`
    <p>${screening.approved ? t('coordinator.buddies.approvedByCentre') : t('coordinator.buddies.notApproved')}</p>
    <${Problem} error=${error} />
    ${screening.approved
      ? html`<${Button} type="button" variant="secondary" busy=${busy} onClick=${decide(false)}>${t('coordinator.buddies.withdrawApproval')}</${Button}>`
      : html`<${Button} type="button" busy=${busy} onClick=${decide(true)}>${t('coordinator.buddies.approve', { name: screening.display_name })}</${Button}>`}
  `;
}

function Screening({ params }) {
  const { organisation, base } = useOrganisationApi();
  const screening = useResource(`${base}/buddies/${params.id}/screening`);
  const [saved, setSaved] = useState(null);
  const s = screening.data;
  const onSaved = (next, message) => {
    screening.set(next);
    setSaved(message);
  };
  const back = { href: '/coordinator/buddies', label: t('coordinator.buddies.title') };
  if (!s) {
    return html`<${Page} title=${t('coordinator.buddies.checksTitle')} caption=${organisation.name} back=${back}>
      <${Problem} error=${screening.error} />${screening.loading && html`<${Loading} />`}
    </${Page}>`;
  }
  return html`
    <${Page} title=${t('coordinator.buddies.checksOf', { name: s.display_name })} caption=${organisation.name} back=${back}>
      ${saved && html`<${Panel} title=${saved} />`}
      ${s.matchable
        ? html`<${Inset}><strong>${t('coordinator.buddies.readyStrong')}</strong> ${t('coordinator.buddies.placesTakenSentence', { taken: s.places_taken, capacity: s.capacity })}</${Inset}>`
        : html`<div class="inset inset-problem"><p><strong>${t('coordinator.buddies.notReadyStrong')}</strong></p><${Reasons} reasons=${s.reasons} /></div>`}

      <${ContactDetails} base=${base} membershipId=${params.id} />
      <p><a href=${`/coordinator/buddies/${params.id}/profile`}>${s.has_profile ? t('coordinator.carer.changeProfile') : t('coordinator.carer.fillProfile')}</a></p>

      <h2 class="heading-m">${t('coordinator.buddies.approval')}</h2>
      <${Approval} base=${base} screening=${s} onSaved=${onSaved} />

      <h2 class="heading-m">${t('coordinator.buddies.training')}</h2>
      ${s.courses.length === 0 && html`<p class="hint">${t('coordinator.buddies.noCourses')}</p>`}
      <dl class="summary-list">
        ${s.courses.map(
          (course) => html`<div class="summary-row" key=${course.course_id}>
            <dt>${course.required ? course.name : t('coordinator.buddies.optionalCourse', { name: course.name })}</dt>
            <dd>${COURSE_STATES[course.state] || course.state}${course.completed_on ? t('coordinator.buddies.finished', { date: formatDate(course.completed_on) }) : ''}${course.expires_on ? t('coordinator.buddies.runsOut', { date: formatDate(course.expires_on) }) : ''}</dd>
          </div>`,
        )}
      </dl>
      <${TrainingForm} base=${base} screening=${s} onSaved=${onSaved} key=${`training-${s.courses.map((c) => c.state).join()}`} />

      <h2 class="heading-m">${t('coordinator.buddies.safeguardingCheck')}</h2>
      ${s.check
        ? html`<dl class="summary-list">
            <div class="summary-row"><dt>${t('coordinator.buddies.kind')}</dt><dd>${checkTypeWords(s.check.check_type)}</dd></div>
            <div class="summary-row"><dt>${t('coordinator.buddies.certificate')}</dt><dd>${s.check.reference}</dd></div>
            <div class="summary-row"><dt>${t('coordinator.buddies.issued')}</dt><dd>${formatDate(s.check.issued_on)}</dd></div>
            <div class="summary-row"><dt>${t('coordinator.buddies.checkAgainBy')}</dt><dd>${formatDate(s.check.recheck_due)}</dd></div>
          </dl>`
        : html`<p>${t('coordinator.buddies.noCheck')}</p>`}
      <${CheckForm} base=${base} screening=${s} onSaved=${onSaved} key=${s.check?.id || 'none'} />

      <${SupervisionSection} base=${base} membershipId=${s.membership_id} />
    </${Page}>
  `;
}

/** The deep link of a "renewal due" notification: coordinators see the screening; a buddy, their own page. */
export function BuddyChecks(props) {
  const { me } = useSession();
  if (currentOrganisation(me)?.roles.includes('coordinator')) return html`<${Screening} ...${props} />`;
  return html`
    <${Page} title=${t('coordinator.buddies.yourChecks')} back=${HOME}>
      <p>${t('coordinator.buddies.yourChecksText')}</p>
      <p><a href="/buddy">${t('coordinator.buddies.goToBuddyPage')}</a></p>
    </${Page}>
  `;
}
