// Coordinator screens: the route table of everything coordinators do (matching, pairs, attention,
// buddies; each in its own coordinator-*.js), and here people in the centre, invitations (with the
// invite form) and requests to join (accept or decline).
import { useState } from 'preact/hooks';
import { del, post } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
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
import { HOME, useOrganisationApi } from './parts.js';
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

const roleName = (role) => t('coordinator.members.roleName', { role });
const rolePlural = (role, count) => t('coordinator.members.rolePlural', { role, count });
const invitationState = (state) => t('coordinator.invitations.state', { state });

export function Members() {
  const { organisation, base } = useOrganisationApi();
  const { data, error } = useResource(`${base}/members`);
  return html`
    <${Page} title=${t('coordinator.home.peopleTitle')} caption=${organisation.name} back=${HOME}>
      <${Problem} error=${error} />
      ${!data && !error && html`<${Loading} />`}
      ${data &&
      ['carer', 'buddy', 'coordinator'].map((role) => {
        const people = data.filter((member) => member.role === role);
        return html`
          <section key=${role}>
            <h2 class="heading-m">${rolePlural(role, people.length)}</h2>
            ${people.length === 0 && html`<p class="hint">${t('coordinator.members.nobodyYet')}</p>`}
            <ul class="list">
              ${people.map(
                (member) => html`<li class="list-item" key=${member.membership_id}>
                  <span class="list-title">${member.display_name}</span>
                  <span class="list-meta">${member.email}</span>
                  ${member.phone && html`<${CallLink} name=${member.display_name} phone=${member.phone} />`}
                  ${member.status !== 'active' && html`<span class="tag">${member.status === 'suspended' ? t('coordinator.members.paused') : t('coordinator.members.left')}</span>`}
                  ${member.joined === false && html`<span class="tag tag-warning">${t('coordinator.waiting.invitedNotJoined')}</span>`}
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
        email: !v.email.trim() && t('coordinator.invite.enterEmail'),
        role: !v.role && t('coordinator.invite.chooseRole'),
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
      <${TextInput} id="email" label=${t('coordinator.invite.emailLabel')} type="email" autocomplete="off" spellcheck="false"
        hint=${t('coordinator.invite.emailHint')} value=${form.values.email} onInput=${form.set('email')}
        error=${form.errors.email} />
      <${Radios} id="role" legend=${t('coordinator.invite.roleLegend')} value=${form.values.role} onChange=${form.set('role')}
        error=${form.errors.role}
        options=${[
          { value: 'carer', label: roleName('carer'), hint: t('coordinator.invite.carerHint') },
          { value: 'buddy', label: roleName('buddy'), hint: t('coordinator.invite.buddyHint') },
          { value: 'coordinator', label: roleName('coordinator'), hint: t('coordinator.invite.coordinatorHint') },
        ]} />
      <${Button} busy=${form.busy}>${t('coordinator.invite.send')}</${Button}>
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
    <${Page} title=${t('coordinator.home.inviteTitle')} caption=${organisation.name} back=${HOME}>
      ${sent &&
      html`<${Panel} title=${t('coordinator.invite.sent')}>
        <p>${t('coordinator.invite.emailed', { email: sent.invitation.email })}</p>
        <p>${t('coordinator.invite.withYouNow')}</p>
        <p class="code">${sent.code}</p>
        <p>${t('coordinator.invite.shownOnce')}</p>
      </${Panel}>`}
      <${InviteForm} base=${base} onSent=${(created) => { setSent(created); invitations.reload(); }} />
      <h2 class="heading-m">${t('coordinator.invitations.sent')}</h2>
      <${Problem} error=${error || invitations.error} />
      ${!invitations.data && !invitations.error && html`<${Loading} />`}
      ${invitations.data?.length === 0 && html`<p class="hint">${t('coordinator.invitations.noneYet')}</p>`}
      <ul class="list">
        ${(invitations.data || []).map(
          (invitation) => html`<li class="list-item" key=${invitation.id}>
            <span class="list-title">${invitation.email}</span>
            <span class="list-meta">${roleName(invitation.role)} · ${t('coordinator.invitations.sentOn', { date: formatDate(invitation.created_at) })}</span>
            <span class=${`tag tag-${invitation.state}`}>${invitationState(invitation.state)}</span>
            ${invitation.state === 'pending' && invitation.email_status === 'failed' &&
            html`<p class="field-error">${invitation.email_problem || t('coordinator.invitations.couldNotSend')}</p>`}
            ${invitation.state === 'pending' &&
            html`<${Button} type="button" variant="secondary" onClick=${withdraw(invitation)}>
              ${t('coordinator.invitations.withdraw')}<span class="visually-hidden"> ${t('coordinator.invitations.withdrawHidden', { email: invitation.email })}</span></${Button}>`}
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
      <${TextArea} id=${`reason-${referral.id}`} label=${t('coordinator.referrals.whyDeclining')} optional rows="3"
        hint=${t('coordinator.referrals.whyHint')} value=${form.values.reason}
        onInput=${form.set('reason')} error=${form.errors.reason} />
      <div class="button-group">
        <${Button} variant="warning" busy=${form.busy}>${t('coordinator.referrals.declineRequest')}</${Button}>
        <${Button} type="button" variant="secondary" onClick=${onCancel}>${t('coordinator.pairs.cancel')}</${Button}>
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
      setMessage(t('coordinator.referrals.accepted', { name: referral.name }));
      referrals.reload();
    } catch (problem) {
      setError(problem);
    }
  };

  return html`
    <${Page} title=${t('coordinator.home.requestsTitle')} caption=${organisation.name} back=${HOME}>
      ${message && html`<${Panel} title=${message} />`}
      <${Problem} error=${error || referrals.error} />
      <p>${t('coordinator.referrals.intro')} <a href=${`/join/${organisation.slug}`}>${location.host}/join/${organisation.slug}</a>.</p>
      ${!referrals.data && !referrals.error && html`<${Loading} />`}
      ${referrals.data?.length === 0 && html`<p class="hint">${t('coordinator.referrals.none')}</p>`}
      <ul class="list">
        ${(referrals.data || []).map(
          (referral) => html`<li class="list-item referral" key=${referral.id}>
            <h2 class="heading-s">${referral.name}</h2>
            <p class="list-meta">${referral.email}${referral.phone && !referral.phone_number ? ` · ${referral.phone}` : ''}</p>
            ${referral.phone_number && html`<p><${CallLink} name=${referral.name} phone=${referral.phone_number} /></p>`}
            <p class="list-meta">${t('coordinator.referrals.askedOn', { date: formatDate(referral.created_at) })}</p>
            ${referral.already_member && html`<p class="tag">${t('coordinator.referrals.alreadyMember')}</p>`}
            ${referral.message && html`<p class="quote">${referral.message}</p>`}
            ${declining === referral.id
              ? html`<${DeclineForm} base=${base} referral=${referral} onCancel=${() => setDeclining(null)}
                  onDone=${() => { setDeclining(null); setMessage(t('coordinator.referrals.declined', { name: referral.name })); referrals.reload(); }} />`
              : html`<div class="button-group">
                  <${Button} type="button" onClick=${accept(referral)}>
                    ${t('coordinator.referrals.accept')}<span class="visually-hidden"> ${referral.name}</span></${Button}>
                  <${Button} type="button" variant="secondary" onClick=${() => setDeclining(referral.id)}>
                    ${t('coordinator.referrals.decline')}<span class="visually-hidden"> ${referral.name}</span></${Button}>
                </div>`}
          </li>`,
        )}
      </ul>
    </${Page}>
  `;
}
