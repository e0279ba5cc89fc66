// Coordinator screens: the route table of everything coordinators do (matching, pairs, attention,
// buddies; each in its own coordinator-*.js), and here people in the centre, invitations (with the
// invite form) and requests to join (accept or decline).
import { useState } from 'preact/hooks';
import { del, post } from '../../api.js';
import { html } from '../../html.js';
import { ErrorSummary, Radios, TextArea, TextInput, useForm } from '../../ui/forms.js';
import { Button, formatDate, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { AlertPage, Alerts, Attention, CheckinPage } from './attention.js';
import { BuddyChecks, Buddies } from './buddies.js';
import { ConcernPage, Concerns, NewConcern } from './concerns.js';
import { Audit } from './audit.js';
import { DataRights } from './data-rights.js';
import { ExportPage } from './data-rights-exports.js';
import { ErasurePage } from './data-rights-erasure.js';
import { CarerPage, WaitingList } from './matching.js';
import { MessageReportPage, MessageReports } from './message-reports.js';
import { Pairs } from './pairs.js';
import { DraftPage, Proposals } from './proposals.js';
import { Retention } from './retention.js';
import { useOrganisationApi } from './parts.js';
import { CallLink } from '../shared/phone-parts.js';

/** Coordinator routes: {path, screen, access}. Notification deep links: alerts/:id, checkins/:id, /buddies/:id/checks. */
export const COORDINATOR_ROUTES = [
  { path: '/members', screen: Members, access: 'coordinator' },
  { path: '/invitations', screen: Invitations, access: 'coordinator' },
  { path: '/referrals', screen: Referrals, access: 'coordinator' },
  { path: '/coordinator/waiting', screen: WaitingList, access: 'coordinator' },
  { path: '/coordinator/carers/:id', screen: CarerPage, access: 'coordinator' },
  { path: '/coordinator/proposals', screen: Proposals, access: 'coordinator' },
  { path: '/coordinator/proposals/:id', screen: DraftPage, access: 'coordinator' },
  { path: '/coordinator/pairs', screen: Pairs, access: 'coordinator' },
  { path: '/coordinator/attention', screen: Attention, access: 'coordinator' },
  { path: '/coordinator/checkins/:id', screen: CheckinPage, access: 'coordinator' },
  { path: '/coordinator/alerts', screen: Alerts, access: 'coordinator' },
  { path: '/coordinator/alerts/:id', screen: AlertPage, access: 'coordinator' },
  { path: '/coordinator/concerns', screen: Concerns, access: 'coordinator' },
  { path: '/coordinator/concerns/new', screen: NewConcern, access: 'coordinator' },
  { path: '/coordinator/concerns/:id', screen: ConcernPage, access: 'coordinator' },
  { path: '/coordinator/buddies', screen: Buddies, access: 'coordinator' },
  // People's data rights (issue 15): requests, copies and their review, erasures, who looked, retention.
  { path: '/coordinator/data-rights', screen: DataRights, access: 'coordinator' },
  { path: '/coordinator/exports/:id', screen: ExportPage, access: 'coordinator' },
  { path: '/coordinator/erasures/:id', screen: ErasurePage, access: 'coordinator' },
  { path: '/coordinator/audit', screen: Audit, access: 'coordinator' },
  { path: '/coordinator/retention', screen: Retention, access: 'coordinator' },
  // Messages people asked the centre to look at (issue 18): the only way coordinators read a thread.
  { path: '/coordinator/message-reports', screen: MessageReports, access: 'coordinator' },
  { path: '/coordinator/message-reports/:id', screen: MessageReportPage, access: 'coordinator' },
  // Buddies are told of renewals too (RecheckDue's audience): they get a page pointing to their own.
  { path: '/buddies/:id/checks', screen: BuddyChecks, access: 'signed-in' },
];

const ROLE_NAMES = { carer: 'Carer', buddy: 'Buddy', coordinator: 'Coordinator' };
const ROLE_PLURALS = { carer: 'Carers', buddy: 'Buddies', coordinator: 'Coordinators' };
const INVITATION_STATES = { pending: 'Waiting', accepted: 'Joined', revoked: 'Withdrawn', expired: 'Expired' };

export function Members() {
  const { organisation, base } = useOrganisationApi();
  const { data, error } = useResource(`${base}/members`);
  return html`
    <${Page} title="People" caption=${organisation.name} back=${{ href: '/', label: 'Home' }}>
      <${Problem} error=${error} />
      ${!data && !error && html`<${Loading} />`}
      ${data &&
      ['carer', 'buddy', 'coordinator'].map((role) => {
        const people = data.filter((member) => member.role === role);
        return html`
          <section key=${role}>
            <h2 class="heading-m">${ROLE_PLURALS[role]} (${people.length})</h2>
            ${people.length === 0 && html`<p class="hint">Nobody yet.</p>`}
            <ul class="list">
              ${people.map(
                (member) => html`<li class="list-item" key=${member.membership_id}>
                  <span class="list-title">${member.display_name}</span>
                  <span class="list-meta">${member.email}</span>
                  ${member.phone && html`<${CallLink} name=${member.display_name} phone=${member.phone} />`}
                  ${member.status !== 'active' && html`<span class="tag">${member.status === 'suspended' ? 'Paused' : 'Left'}</span>`}
                  ${member.joined === false && html`<span class="tag tag-warning">Invited, not yet joined</span>`}
                </li>`,
              )}
            </ul>
          </section>
        `;
      })}
    </${Page}>
  `;
}

function InviteForm({ base, onSent }) {
  const form = useForm({ email: '', role: '' });
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => ({
        email: !v.email.trim() && 'Enter their email address',
        role: !v.role && 'Choose what they will do',
      }),
      action: async (v) => {
        const created = await post(`${base}/invitations`, { email: v.email.trim(), role: v.role });
        form.setValues({ email: '', role: '' });
        onSent(created);
      },
    });
  return html`
    <${ErrorSummary} errors=${form.errors} general=${form.general} />
    <form onSubmit=${onSubmit} novalidate>
      <${TextInput} id="email" label="Email address" type="email" autocomplete="off" spellcheck="false"
        hint="We'll email them a link to join." value=${form.values.email} onInput=${form.set('email')}
        error=${form.errors.email} />
      <${Radios} id="role" legend="What will they do?" value=${form.values.role} onChange=${form.set('role')}
        error=${form.errors.role}
        options=${[
          { value: 'carer', label: 'Carer', hint: 'Looks after someone and would like a buddy.' },
          { value: 'buddy', label: 'Buddy', hint: 'A volunteer who has been a carer.' },
          { value: 'coordinator', label: 'Coordinator', hint: 'Runs the service with you.' },
        ]} />
      <${Button} busy=${form.busy}>Send invitation</${Button}>
    </form>
  `;
}

export function Invitations() {
  const { organisation, base } = useOrganisationApi();
  const invitations = useResource(`${base}/invitations`);
  const [sent, setSent] = useState(null);
  const [error, setError] = useState(null);

  const withdraw = (invitation) => async () => {
    setError(null);
    try {
      await del(`${base}/invitations/${invitation.id}`);
      invitations.reload();
    } catch (problem) {
      setError(problem);
    }
  };

  return html`
    <${Page} title="Invite someone" caption=${organisation.name} back=${{ href: '/', label: 'Home' }}>
      ${sent &&
      html`<${Panel} title="Invitation sent">
        <p>We've emailed ${sent.invitation.email}.</p>
        <p>If they're with you now, they can join with this code instead:</p>
        <p class="code">${sent.code}</p>
        <p>The code is shown only once.</p>
      </${Panel}>`}
      <${InviteForm} base=${base} onSent=${(created) => { setSent(created); invitations.reload(); }} />
      <h2 class="heading-m">Invitations sent</h2>
      <${Problem} error=${error || invitations.error} />
      ${!invitations.data && !invitations.error && html`<${Loading} />`}
      ${invitations.data?.length === 0 && html`<p class="hint">None yet.</p>`}
      <ul class="list">
        ${(invitations.data || []).map(
          (invitation) => html`<li class="list-item" key=${invitation.id}>
            <span class="list-title">${invitation.email}</span>
            <span class="list-meta">${ROLE_NAMES[invitation.role]} · sent ${formatDate(invitation.created_at)}</span>
            <span class=${`tag tag-${invitation.state}`}>${INVITATION_STATES[invitation.state]}</span>
            ${invitation.state === 'pending' && invitation.email_status === 'failed' &&
            html`<p class="field-error">${invitation.email_problem || 'The e-mail could not be sent.'}</p>`}
            ${invitation.state === 'pending' &&
            html`<${Button} type="button" variant="secondary" onClick=${withdraw(invitation)}>
              Withdraw<span class="visually-hidden"> the invitation to ${invitation.email}</span></${Button}>`}
          </li>`,
        )}
      </ul>
    </${Page}>
  `;
}

function DeclineForm({ base, referral, onDone, onCancel }) {
  const form = useForm({ reason: '' });
  const onSubmit = (event) =>
    form.submit(event, {
      action: async (v) => onDone(await post(`${base}/referrals/${referral.id}/decline`, { reason: v.reason.trim() })),
    });
  return html`
    <form onSubmit=${onSubmit} novalidate class="decline-form">
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <${TextArea} id=${`reason-${referral.id}`} label="Why are you declining?" optional rows="3"
        hint="Only coordinators see this. We don't email it." value=${form.values.reason}
        onInput=${form.set('reason')} error=${form.errors.reason} />
      <div class="button-group">
        <${Button} variant="warning" busy=${form.busy}>Decline request</${Button}>
        <${Button} type="button" variant="secondary" onClick=${onCancel}>Cancel</${Button}>
      </div>
    </form>
  `;
}

export function Referrals() {
  const { organisation, base } = useOrganisationApi();
  const referrals = useResource(`${base}/referrals?status=new`);
  const [declining, setDeclining] = useState(null);
  const [message, setMessage] = useState(null);
  const [error, setError] = useState(null);

  const accept = (referral) => async () => {
    setError(null);
    try {
      await post(`${base}/referrals/${referral.id}/accept`);
      setMessage(`${referral.name} has been sent an invitation to join as a carer.`);
      referrals.reload();
    } catch (problem) {
      setError(problem);
    }
  };

  return html`
    <${Page} title="Requests to join" caption=${organisation.name} back=${{ href: '/', label: 'Home' }}>
      ${message && html`<${Panel} title=${message} />`}
      <${Problem} error=${error || referrals.error} />
      <p>Carers who filled in the form at <a href=${`/join/${organisation.slug}`}>${location.host}/join/${organisation.slug}</a>.</p>
      ${!referrals.data && !referrals.error && html`<${Loading} />`}
      ${referrals.data?.length === 0 && html`<p class="hint">No requests are waiting.</p>`}
      <ul class="list">
        ${(referrals.data || []).map(
          (referral) => html`<li class="list-item referral" key=${referral.id}>
            <h2 class="heading-s">${referral.name}</h2>
            <p class="list-meta">${referral.email}${referral.phone && !referral.phone_number ? ` · ${referral.phone}` : ''}</p>
            ${referral.phone_number && html`<p><${CallLink} name=${referral.name} phone=${referral.phone_number} /></p>`}
            <p class="list-meta">Asked on ${formatDate(referral.created_at)}</p>
            ${referral.already_member && html`<p class="tag">Already a member</p>`}
            ${referral.message && html`<p class="quote">${referral.message}</p>`}
            ${declining === referral.id
              ? html`<${DeclineForm} base=${base} referral=${referral} onCancel=${() => setDeclining(null)}
                  onDone=${() => { setDeclining(null); setMessage(`The request from ${referral.name} was declined.`); referrals.reload(); }} />`
              : html`<div class="button-group">
                  <${Button} type="button" onClick=${accept(referral)}>
                    Accept and invite<span class="visually-hidden"> ${referral.name}</span></${Button}>
                  <${Button} type="button" variant="secondary" onClick=${() => setDeclining(referral.id)}>
                    Decline<span class="visually-hidden"> ${referral.name}</span></${Button}>
                </div>`}
          </li>`,
        )}
      </ul>
    </${Page}>
  `;
}
