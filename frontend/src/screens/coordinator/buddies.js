// Buddies and their screening: who can be matched and, for anyone who can't, why; one buddy's checks
// with forms to record a safeguarding check or training, and to approve them; supervision (issue 13):
// when it is due on the list, and the Supervision section of a buddy's page (supervision.js).
import { useState } from 'preact/hooks';
import { api, post } from '../../api.js';
import { html } from '../../html.js';
import { currentOrganisation, useSession } from '../../session.js';
import { ErrorSummary, Select, TextInput, useForm } from '../../ui/forms.js';
import { Button, formatDate, Inset, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { ContactDetails, HOME, useOrganisationApi } from './parts.js';
import { CHECK_TYPES, checkRunsOut, checkTypeWords, COURSE_STATES, count } from './logic.js';
import { SupervisionSection } from './supervision.js';
import { dueSoon, dueWords } from './supervision-logic.js';

function SupervisionLine({ buddy }) {
  if (!buddy.supervision_due_on) return null;
  const last = buddy.last_supervised_on ? `Last supervision ${formatDate(buddy.last_supervised_on)}` : 'No supervision yet';
  return html`
    <span class="list-meta">${last} · ${buddy.supervision_overdue ? `was due ${formatDate(buddy.supervision_due_on)}` : `next due ${formatDate(buddy.supervision_due_on)}`}</span>
    ${buddy.supervision_overdue
      ? html`<span class="tag tag-overdue">Supervision ${dueWords(buddy.supervision_due_on).toLowerCase()}</span>`
      : dueSoon(buddy.supervision_due_on) && html`<span class="tag tag-due-soon">Supervision ${dueWords(buddy.supervision_due_on).toLowerCase()}</span>`}
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
    <${Page} title="Buddies" caption=${organisation.name} back=${HOME}>
      <${Problem} error=${buddies.error} />
      ${buddies.loading && html`<${Loading} />`}
      ${buddies.data && html`<p>${count(list.length, 'buddy', 'buddies')}, ${ready} ready to be matched.</p>`}
      ${overdue > 0 && html`<p><strong>${overdue === 1 ? '1 buddy is' : `${overdue} buddies are`} overdue for supervision.</strong></p>`}
      <ul class="list">
        ${list.map(
          (buddy) => html`<li class="list-item" key=${buddy.membership_id}>
            <a class="list-title" href=${`/buddies/${buddy.membership_id}/checks`}>${buddy.display_name}</a>
            <span class="list-meta">${buddy.capacity ? `${buddy.places_taken} of ${buddy.capacity} places taken` : 'No places set yet'}${buddy.recheck_due && !buddy.recheck_soon ? ` · check due again ${formatDate(buddy.recheck_due)}` : ''}</span>
            ${checkRunsOut(buddy) && html`<span class="tag tag-warning">${checkRunsOut(buddy)}</span>`}
            <${SupervisionLine} buddy=${buddy} />
            ${buddy.reasons.some((reason) => reason.code === 'no_profile') &&
            html`<a href=${`/coordinator/buddies/${buddy.membership_id}/profile`}>Fill in ${buddy.display_name}'s profile with them</a>`}
            ${buddy.matchable
              ? html`<span class="tag tag-active">Ready to be matched</span>`
              : html`<span class="tag tag-urgent">Can't be matched yet</span><${Reasons} reasons=${buddy.reasons} />`}
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
        check_type: !v.check_type && 'Choose the kind of check',
        reference: !v.reference.trim() && 'Enter the certificate number',
        issued_on: !v.issued_on && 'Enter the date the check was issued',
        recheck_due: !v.recheck_due && 'Enter the date it must be checked again',
      }),
      action: async (v) =>
        onSaved(
          await post(`${base}/buddies/${screening.membership_id}/checks`, { ...v, reference: v.reference.trim() }),
          'Safeguarding check recorded',
        ),
    });
  return html`
    <form onSubmit=${onSubmit} novalidate aria-labelledby="check-form-title">
      <h3 class="heading-s" id="check-form-title">Record a safeguarding check</h3>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <${Select} id="check_type" label="Kind of check" value=${form.values.check_type} onChange=${form.set('check_type')}
        error=${form.errors.check_type} options=${[{ value: '', label: 'Choose…' }, ...CHECK_TYPES.map(([value, label]) => ({ value, label }))]} />
      <${TextInput} id="reference" label="Certificate number" hint="Letters, numbers, spaces, / and - only." width="20"
        value=${form.values.reference} onInput=${form.set('reference')} error=${form.errors.reference} autocomplete="off" spellcheck="false" />
      <${TextInput} id="issued_on" label="Issued on" type="date" value=${form.values.issued_on}
        onInput=${form.set('issued_on')} error=${form.errors.issued_on} />
      <${TextInput} id="recheck_due" label="Check again by" type="date" hint="Often 3 years after it was issued."
        value=${form.values.recheck_due} onInput=${form.set('recheck_due')} error=${form.errors.recheck_due} />
      <${Button} busy=${form.busy}>Record the check</${Button}>
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
        course_id: !v.course_id && 'Choose the course',
        completed_on: !v.completed_on && 'Enter the date they finished it',
      }),
      action: async (v) =>
        onSaved(await post(`${base}/buddies/${screening.membership_id}/training`, v), 'Training recorded'),
    });
  return html`
    <form onSubmit=${onSubmit} novalidate aria-labelledby="training-form-title">
      <h3 class="heading-s" id="training-form-title">Record training</h3>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <${Select} id="course_id" label="Course" value=${form.values.course_id} onChange=${form.set('course_id')}
        error=${form.errors.course_id}
        options=${[{ value: '', label: 'Choose…' }, ...courses.map((course) => ({ value: course.course_id, label: course.name }))]} />
      <${TextInput} id="completed_on" label="Finished on" type="date" value=${form.values.completed_on}
        onInput=${form.set('completed_on')} error=${form.errors.completed_on} />
      <${Button} busy=${form.busy}>Record training</${Button}>
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
      onSaved(saved, granted ? `${screening.display_name} is approved` : 'Approval withdrawn');
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  };
  return html`
    <p>${screening.approved ? 'Approved by the centre.' : 'Not approved yet.'}</p>
    <${Problem} error=${error} />
    ${screening.approved
      ? html`<${Button} type="button" variant="secondary" busy=${busy} onClick=${decide(false)}>Withdraw approval</${Button}>`
      : html`<${Button} type="button" busy=${busy} onClick=${decide(true)}>Approve ${screening.display_name}</${Button}>`}
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
  const back = { href: '/coordinator/buddies', label: 'Buddies' };
  if (!s) {
    return html`<${Page} title="Buddy's checks" caption=${organisation.name} back=${back}>
      <${Problem} error=${screening.error} />${screening.loading && html`<${Loading} />`}
    </${Page}>`;
  }
  return html`
    <${Page} title=${`${s.display_name}'s checks`} caption=${organisation.name} back=${back}>
      ${saved && html`<${Panel} title=${saved} />`}
      ${s.matchable
        ? html`<${Inset}><strong>Ready to be matched.</strong> ${s.places_taken} of ${s.capacity} places taken.</${Inset}>`
        : html`<div class="inset inset-problem"><p><strong>Can't be matched yet:</strong></p><${Reasons} reasons=${s.reasons} /></div>`}

      <${ContactDetails} base=${base} membershipId=${params.id} />
      <p><a href=${`/coordinator/buddies/${params.id}/profile`}>${s.has_profile ? 'Change their profile' : 'Fill in their profile with them'}</a></p>

      <h2 class="heading-m">Approval</h2>
      <${Approval} base=${base} screening=${s} onSaved=${onSaved} />

      <h2 class="heading-m">Training</h2>
      ${s.courses.length === 0 && html`<p class="hint">The centre has no training courses set up.</p>`}
      <dl class="summary-list">
        ${s.courses.map(
          (course) => html`<div class="summary-row" key=${course.course_id}>
            <dt>${course.name}${course.required ? '' : ' (optional)'}</dt>
            <dd>${COURSE_STATES[course.state] || course.state}${course.completed_on ? `, finished ${formatDate(course.completed_on)}` : ''}${course.expires_on ? `, runs out ${formatDate(course.expires_on)}` : ''}</dd>
          </div>`,
        )}
      </dl>
      <${TrainingForm} base=${base} screening=${s} onSaved=${onSaved} key=${`training-${s.courses.map((c) => c.state).join()}`} />

      <h2 class="heading-m">Safeguarding check</h2>
      ${s.check
        ? html`<dl class="summary-list">
            <div class="summary-row"><dt>Kind</dt><dd>${checkTypeWords(s.check.check_type)}</dd></div>
            <div class="summary-row"><dt>Certificate number</dt><dd>${s.check.reference}</dd></div>
            <div class="summary-row"><dt>Issued</dt><dd>${formatDate(s.check.issued_on)}</dd></div>
            <div class="summary-row"><dt>Check again by</dt><dd>${formatDate(s.check.recheck_due)}</dd></div>
          </dl>`
        : html`<p>No check recorded yet.</p>`}
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
    <${Page} title="Your checks" back=${HOME}>
      <p>Your coordinator keeps your safeguarding check and training up to date with you, and will be in touch
        when something is due for renewal.</p>
      <p><a href="/buddy">Go to your buddy page</a></p>
    </${Page}>
  `;
}
