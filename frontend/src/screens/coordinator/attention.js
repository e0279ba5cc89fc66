// Things needing a coordinator: crisis alerts first (acknowledge and say what was done), then messages
// people asked the centre to look at (how many wait; message-reports.js), missed check-ins, unanswered
// replies and low-score runs (record what was done), asks for a break or a change, buddies' asks to talk
// (most urgent first) and overdue supervision (supervision.js); the on-duty switch.
import { useState } from 'preact/hooks';
import { post } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { ErrorSummary, TextArea, useForm } from '../../ui/forms.js';
import { Button, Loading, Page, Panel, Problem, Warning } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { DutySwitch, HOME, useOrganisationApi, usePeople } from './parts.js';
import { CallOrNone } from '../shared/phone-parts.js';
import {
  ago,
  ALERT_SOURCES,
  alertTitle,
  ATTENTION_TITLES,
  attentionWords,
  escalationWords,
  isAsk,
  ladderStepWords,
  mistakeWords,
  timeAndDate,
} from './logic.js';
import { DebriefItem, OverdueItem } from './supervision.js';
import { MailRefusals } from './mail-refusals.js';
import { buddyItemWords, byUrgency, isBuddyItem } from './supervision-logic.js';
import { isTextReply, TextReplyItem, textReplyTitle } from './text-replies.js';

function personName(people, userId) {
  return people.byUser.get(userId)?.display_name || (people.loaded ? t('coordinator.attentionPage.someoneWhoLeft') : '…');
}

function AlertItem({ alert, people }) {
  const name = alert.carer_kept_name || personName(people, alert.carer_user_id);
  const open = alert.status === 'open';
  return html`
    <li class=${open ? 'list-item alert-open' : 'list-item'}>
      <a class="list-title" href=${`/coordinator/alerts/${alert.id}`}>${alertTitle(name, alert)}</a>
      <span class="list-meta">${t('coordinator.attentionPage.raised', { ago: ago(alert.raised_at), when: timeAndDate(alert.raised_at) })}</span>
      ${open && html`<span class="list-meta">${escalationWords(alert)}</span>`}
      <span class=${open ? 'tag tag-urgent' : 'tag'}>${open ? t('coordinator.attentionPage.notAcknowledged') : t('coordinator.attentionPage.acknowledged')}</span>
      ${alert.mistake_reported_at && html`<span class="list-meta">${mistakeWords(name, alert)}</span>`}
    </li>
  `;
}

function ResolveForm({ base, item, onDone }) {
  const form = useForm({ note: '' });
  const id = `resolve-${item.id}`;
  const onSubmit = (event) =>
    form.submit(event, {
      fields: [id],
      action: async (v) => {
        await post(`${base}/attention/${item.id}/resolve`, { note: v.note.trim() });
        onDone(item);
      },
    });
  return html`
    <form onSubmit=${onSubmit} novalidate>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <${TextArea} id=${id} label=${t('coordinator.attentionPage.whatWasDone')} optional rows="3" hint=${t('coordinator.attentionPage.whatWasDoneHint')}
        value=${form.values.note} onInput=${form.set('note')} error=${form.errors[id]} />
      <${Button} busy=${form.busy}>${t('coordinator.attentionPage.markDealtWith')}<span class="visually-hidden"> (${t('coordinator.proposals.carerWithBuddy', { carer: item.carer_name, buddy: item.buddy_name })})</span></${Button}>
    </form>
  `;
}

function AttentionItem({ base, item, onDone, linkToCheckin = true }) {
  return html`
    <li class="card attention-item">
      <h3 class="heading-s">${ATTENTION_TITLES[item.reason]}</h3>
      <p>${attentionWords(item)}</p>
      ${isAsk(item)
        ? html`<p class="list-meta">${t('coordinator.proposals.carerWithBuddy', { carer: item.carer_name, buddy: item.buddy_name })} · ${t('coordinator.attentionPage.askedBy', { who: item.asked_by, ago: ago(item.at), when: timeAndDate(item.at) })}</p>`
        : html`<p class="list-meta">${t('coordinator.proposals.carerWithBuddy', { carer: item.carer_name, buddy: item.buddy_name })} · ${t('coordinator.attentionPage.checkinDue', { when: timeAndDate(item.due_at) })} · ${t('coordinator.attentionPage.raisedAgo', { ago: ago(item.at) })}</p>`}
      <p class="call-links"><${CallOrNone} name=${item.carer_name} phone=${item.carer_phone} />
        <${CallOrNone} name=${item.buddy_name} phone=${item.buddy_phone} /></p>
      ${(item.steps || []).length > 0 &&
      html`<details class="attention-steps">
        <summary>${t('coordinator.attentionPage.soFar')}</summary>
        <ol class="steps">
          ${item.steps.map((s) => html`<li key=${s.step}>${t('coordinator.attentionPage.step', { step: ladderStepWords(s.step, item), when: timeAndDate(s.at) })}</li>`)}
        </ol>
      </details>`}
      ${isAsk(item) && html`<p class="hint">${t('coordinator.attentionPage.planIt')}</p>
        <p><a href="/coordinator/pairs">${t('coordinator.attentionPage.pairsLink')}</a></p>`}
      ${linkToCheckin && item.checkin_id && html`<p><a href=${`/coordinator/checkins/${item.checkin_id}`}>${t('coordinator.attentionPage.seeCheckin')}<span class="visually-hidden"> ${t('coordinator.proposals.forName', { name: item.carer_name })}</span></a></p>`}
      <${ResolveForm} base=${base} item=${item} onDone=${onDone} />
    </li>
  `;
}

/** How many reported messages wait for a coordinator (issue 18): a number only, nothing read or audited. */
function ReportedMessages({ base }) {
  const waiting = useResource(`${base}/message-reports/open-count`);
  const count = waiting.data?.open ?? 0;
  return html`
    <section aria-labelledby="reported-heading">
      <h2 class="heading-m" id="reported-heading">${t('coordinator.attentionPage.reportedMessages', { count })}</h2>
      <${Problem} error=${waiting.error} />
      ${waiting.data && count === 0 && html`<p class="hint">${t('coordinator.attentionPage.noReportedMessages')}</p>`}
      <p><a href="/coordinator/message-reports">${t('coordinator.attentionPage.messageReports')}</a></p>
    </section>
  `;
}

/** A carer no channel reaches (issue 14): what's wrong, their number, and their page to set it right. */
function UnreachableItem({ item }) {
  return html`
    <li class="card attention-item">
      <h3 class="heading-s">${ATTENTION_TITLES.unreachable}</h3>
      <p>${attentionWords(item)}</p>
      <ul class="list">${(item.problems || []).map((p) => html`<li key=${p}>${p}</li>`)}</ul>
      <p class="call-links"><${CallOrNone} name=${item.carer_name} phone=${item.carer_phone} /></p>
      <p><a href=${`/coordinator/carers/${item.carer_membership_id}`}>${t('coordinator.attentionPage.howWeReach', { name: item.carer_name })}</a></p>
    </li>
  `;
}

export function Attention() {
  const { organisation, base } = useOrganisationApi();
  const people = usePeople(base);
  const alerts = useResource(`${base}/alerts?status=open`);
  const items = useResource(`${base}/attention`);
  const [done, setDone] = useState(null);
  const open = alerts.data || [];
  const asks = (items.data || []).filter(isAsk);
  const checkins = (items.data || []).filter(
    (item) => !isAsk(item) && !isBuddyItem(item) && !isTextReply(item) && item.reason !== 'unreachable',
  );
  const texted = (items.data || []).filter(isTextReply);
  const unreachable = (items.data || []).filter((item) => item.reason === 'unreachable');
  const debriefs = byUrgency((items.data || []).filter((item) => item.reason === 'debrief_requested'));
  const overdue = (items.data || []).filter((item) => item.reason === 'supervision_overdue');
  const onDone = (item) => {
    setDone(t('coordinator.attentionPage.dealtWith', { what: attentionWords(item) }));
    items.reload();
  };
  const onTextDealtWith = (item) => {
    setDone(t('coordinator.attentionPage.dealtWithText', { what: textReplyTitle(item) }));
    items.reload();
  };
  const onTakenUp = (item) => {
    setDone(t('coordinator.attentionPage.takenUp', { what: buddyItemWords(item) }));
    items.reload();
  };
  return html`
    <${Page} title=${t('coordinator.home.attentionTitle')} caption=${organisation.name} back=${HOME}>
      ${done && html`<${Panel} title=${t('coordinator.attentionPage.recorded')}><p>${done}</p></${Panel}>`}
      <section aria-labelledby="alerts-heading">
        <h2 class="heading-m" id="alerts-heading">${t('coordinator.attentionPage.crisisAlerts', { count: open.length })}</h2>
        <${Problem} error=${alerts.error || people.error} />
        ${alerts.loading && html`<${Loading} />`}
        ${alerts.data && open.length === 0 && html`<p class="hint">${t('coordinator.attentionPage.noOpenAlerts')}</p>`}
        <ul class="list">${open.map((alert) => html`<${AlertItem} key=${alert.id} alert=${alert} people=${people} />`)}</ul>
        <p><a href="/coordinator/alerts">${t('coordinator.attentionPage.allAlerts')}</a></p>
        <p><a href="/coordinator/concerns">${t('coordinator.attentionPage.concernsLink')}</a></p>
      </section>
      <${ReportedMessages} base=${base} />
      <section aria-labelledby="checkins-heading">
        <h2 class="heading-m" id="checkins-heading">${t('coordinator.attentionPage.checkins', { count: checkins.length })}</h2>
        <${Problem} error=${items.error} />
        ${items.loading && html`<${Loading} />`}
        ${items.data && checkins.length === 0 && html`<p class="hint">${t('coordinator.attentionPage.noCheckins')}</p>`}
        <ul class="attention-list">
          ${checkins.map((item) => html`<${AttentionItem} key=${item.id} base=${base} item=${item} onDone=${onDone} />`)}
        </ul>
      </section>
      <section aria-labelledby="texts-heading">
        <h2 class="heading-m" id="texts-heading">${t('coordinator.attentionPage.texts', { count: texted.length })}</h2>
        ${items.data && texted.length === 0 && html`<p class="hint">${t('coordinator.attentionPage.noTexts')}</p>`}
        <ul class="attention-list">
          ${texted.map((item) => html`<${TextReplyItem} key=${item.id} base=${base} item=${item} onDone=${onTextDealtWith} />`)}
        </ul>
      </section>
      <section aria-labelledby="unreachable-heading">
        <h2 class="heading-m" id="unreachable-heading">${t('coordinator.attentionPage.unreachable', { count: unreachable.length })}</h2>
        ${items.data && unreachable.length === 0 && html`<p class="hint">${t('coordinator.attentionPage.noUnreachable')}</p>`}
        <ul class="attention-list">
          ${unreachable.map((item) => html`<${UnreachableItem} key=${item.id} item=${item} />`)}
        </ul>
      </section>
      <section aria-labelledby="asks-heading">
        <h2 class="heading-m" id="asks-heading">${t('coordinator.attentionPage.asks', { count: asks.length })}</h2>
        ${items.data && asks.length === 0 && html`<p class="hint">${t('coordinator.attentionPage.noAsks')}</p>`}
        <ul class="attention-list">
          ${asks.map((item) => html`<${AttentionItem} key=${item.id} base=${base} item=${item} onDone=${onDone} />`)}
        </ul>
      </section>
      <section aria-labelledby="debriefs-heading">
        <h2 class="heading-m" id="debriefs-heading">${t('coordinator.attentionPage.debriefs', { count: debriefs.length })}</h2>
        ${items.data && debriefs.length === 0 && html`<p class="hint">${t('coordinator.attentionPage.noDebriefs')}</p>`}
        <ul class="attention-list">
          ${debriefs.map((item) => html`<${DebriefItem} key=${item.id} base=${base} item=${item} onDone=${onTakenUp} />`)}
        </ul>
      </section>
      <section aria-labelledby="overdue-heading">
        <h2 class="heading-m" id="overdue-heading">${t('coordinator.attentionPage.overdue', { count: overdue.length })}</h2>
        ${items.data && overdue.length === 0 && html`<p class="hint">${t('coordinator.attentionPage.noOverdue')}</p>`}
        <ul class="attention-list">
          ${overdue.map((item) => html`<${OverdueItem} key=${item.id} item=${item} />`)}
        </ul>
      </section>
      <${MailRefusals} base=${base} />
      <${DutySwitch} base=${base} />
    </${Page}>
  `;
}

export function Alerts() {
  const { organisation, base } = useOrganisationApi();
  const people = usePeople(base);
  const alerts = useResource(`${base}/alerts`);
  return html`
    <${Page} title=${t('coordinator.attentionPage.alertsTitle')} caption=${organisation.name} back=${{ href: '/coordinator/attention', label: t('coordinator.home.attentionTitle') }}>
      <p>${t('coordinator.attentionPage.alertsIntro')}</p>
      <${Problem} error=${alerts.error} />
      ${alerts.loading && html`<${Loading} />`}
      ${alerts.data?.length === 0 && html`<p class="hint">${t('coordinator.attentionPage.noAlertsYet')}</p>`}
      <ul class="list">${(alerts.data || []).map((alert) => html`<${AlertItem} key=${alert.id} alert=${alert} people=${people} />`)}</ul>
    </${Page}>
  `;
}

function AcknowledgeForm({ base, alert, name, onDone }) {
  const form = useForm({ action_taken: '' });
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => ({ action_taken: !v.action_taken.trim() && t('coordinator.alertPage.enterAction') }),
      action: async (v) => onDone(await post(`${base}/alerts/${alert.id}/acknowledge`, { action_taken: v.action_taken.trim() })),
    });
  return html`
    <form onSubmit=${onSubmit} novalidate>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <${TextArea} id="action_taken" label=${t('coordinator.alertPage.actionLabel')} rows="4"
        hint=${t('coordinator.alertPage.actionHint', { name: name.split(' ')[0] })}
        value=${form.values.action_taken} onInput=${form.set('action_taken')} error=${form.errors.action_taken} />
      <${Button} busy=${form.busy}>${t('coordinator.alertPage.acknowledge')}</${Button}>
    </form>
  `;
}

export function AlertPage({ params }) {
  const { organisation, base } = useOrganisationApi();
  const people = usePeople(base);
  const alert = useResource(`${base}/alerts/${params.id}`);
  const [justDone, setJustDone] = useState(false);
  const a = alert.data;
  const carer = a && people.byUser.get(a.carer_user_id);
  const name = a ? personName(people, a.carer_user_id) : '';
  const back = { href: '/coordinator/attention', label: t('coordinator.home.attentionTitle') };
  if (!a) {
    return html`<${Page} title=${t('coordinator.alertPage.title')} caption=${organisation.name} back=${back}>
      <${Problem} error=${alert.error} />${alert.loading && html`<${Loading} />`}
    </${Page}>`;
  }
  const open = a.status === 'open';
  const escalation = escalationWords(a);
  const acknowledger = a.acknowledged_by_name || personName(people, a.acknowledged_by_user_id);
  return html`
    <${Page} title=${open ? t('coordinator.alert.needsHelp', { who: name }) : t('coordinator.alertPage.askedForHelp', { name })} caption=${organisation.name} back=${back}>
      ${justDone && html`<${Panel} title=${t('coordinator.alertPage.acknowledgedTitle')}><p>${t('coordinator.alertPage.acknowledgedText', { buddy: a.buddy_user_id ? 'yes' : 'no' })}</p></${Panel}>`}
      ${escalation && html`<p class="inset alert-escalation">${escalation}.</p>`}
      <dl class="summary-list">
        <div class="summary-row"><dt>${t('coordinator.alertPage.status')}</dt><dd><span class=${open ? 'tag tag-urgent' : 'tag'}>${open ? t('coordinator.attentionPage.notAcknowledged') : t('coordinator.attentionPage.acknowledged')}</span></dd></div>
        <div class="summary-row"><dt>${t('coordinator.alertPage.pressed')}</dt><dd>${timeAndDate(a.raised_at)} (${ago(a.raised_at)})</dd></div>
        <div class="summary-row"><dt>${t('coordinator.alertPage.where')}</dt><dd>${ALERT_SOURCES[a.source] || ALERT_SOURCES.help_button}
          ${a.checkin_id && html` · <a href=${`/coordinator/checkins/${a.checkin_id}`}>${t('coordinator.attentionPage.seeCheckin')}</a>`}</dd></div>
        ${a.buddy_user_id && html`<div class="summary-row"><dt>${t('coordinator.alertPage.theirBuddy')}</dt><dd>${t('coordinator.alertPage.buddyTold', { name: personName(people, a.buddy_user_id) })}</dd></div>`}
        ${!open && html`
          <div class="summary-row"><dt>${t('coordinator.attentionPage.acknowledged')}</dt><dd>${t('coordinator.alertPage.acknowledgedBy', { when: timeAndDate(a.acknowledged_at), name: acknowledger })}</dd></div>
          <div class="summary-row"><dt>${t('coordinator.attentionPage.whatWasDone')}</dt><dd class="pre-line">${a.action_taken}</dd></div>`}
      </dl>
      <section class="alert-reach" aria-labelledby="alert-reach-heading">
        <h2 class="heading-m" id="alert-reach-heading">${t('coordinator.parts.howToReach', { name: name.split(' ')[0] })}</h2>
        <dl class="summary-list">
          <div class="summary-row"><dt>${t('coordinator.parts.phone')}</dt><dd><${CallOrNone} name=${name} phone=${a.carer_phone} /></dd></div>
          <div class="summary-row"><dt>${t('coordinator.parts.emergencyContact')}</dt><dd>${a.emergency_contact
            ? html`${a.emergency_contact.name} (${a.emergency_contact.relationship})<br />
              <${CallOrNone} name=${a.emergency_contact.name} phone=${a.emergency_contact.phone} />`
            : t('coordinator.parts.noneOnRecord')}</dd></div>
          ${carer && html`<div class="summary-row"><dt>${t('coordinator.alertPage.email')}</dt><dd><a href=${`mailto:${carer.email}`}>${carer.email}</a></dd></div>`}
          ${a.buddy_user_id && html`<div class="summary-row"><dt>${t('coordinator.alertPage.theirBuddy')}</dt><dd><${CallOrNone} name=${personName(people, a.buddy_user_id)} phone=${a.buddy_phone} /></dd></div>`}
        </dl>
      </section>
      ${a.mistake_reported_at && html`<div class="inset alert-mistake"><p>${mistakeWords(name, a)}</p></div>`}
      ${open &&
      html`<${Warning}>${t('coordinator.alertPage.contactNow', { name: name.split(' ')[0] })}</${Warning}>
        <${AcknowledgeForm} base=${base} alert=${a} name=${name} onDone=${(updated) => { alert.set(updated); setJustDone(true); }} />`}
      ${carer?.role === 'carer' && html`<p><a href=${`/coordinator/carers/${carer.membership_id}`}>${t('coordinator.alertPage.namesPage', { name })}</a></p>`}
    </${Page}>
  `;
}

/** The deep link of an escalation notification: the check-in, and what about it needs a coordinator. */
export function CheckinPage({ params }) {
  const { organisation, base } = useOrganisationApi();
  const checkin = useResource(`/api/v1/checkins/${params.id}`);
  const items = useResource(`${base}/attention`);
  const [done, setDone] = useState(null);
  const c = checkin.data;
  const match = useResource(c ? `${base}/matches/${c.match_id}` : null);
  const mine = (items.data || []).filter((item) => item.checkin_id === params.id);
  const names = mine[0] || (match.data && { carer_name: match.data.carer.display_name, buddy_name: match.data.buddy.display_name });
  return html`
    <${Page} title=${t('coordinator.checkinPage.title')} caption=${organisation.name} back=${{ href: '/coordinator/attention', label: t('coordinator.home.attentionTitle') }}>
      ${done && html`<${Panel} title=${t('coordinator.attentionPage.recorded')}><p>${t('coordinator.attentionPage.dealtWith', { what: attentionWords(done) })}</p></${Panel}>`}
      <${Problem} error=${checkin.error || items.error} />
      ${(checkin.loading || items.loading) && html`<${Loading} />`}
      ${c &&
      html`<dl class="summary-list">
        ${names && html`<div class="summary-row"><dt>${t('coordinator.checkinPage.pair')}</dt><dd>${t('coordinator.proposals.carerWithBuddy', { carer: names.carer_name, buddy: names.buddy_name })}</dd></div>`}
        <div class="summary-row"><dt>${t('coordinator.checkinPage.due')}</dt><dd>${timeAndDate(c.due_at)}</dd></div>
        <div class="summary-row"><dt>${t('coordinator.checkinPage.answered')}</dt><dd>${c.answered_at ? timeAndDate(c.answered_at) : t('coordinator.checkinPage.notYet')}</dd></div>
        ${(c.wellbeing_words || c.needs_help) && html`<div class="summary-row"><dt>${t('coordinator.checkinPage.howTheyWere')}</dt><dd>${c.wellbeing_words || t('coordinator.checkinPage.noScore')}${c.wants_call ? ` · ${t('coordinator.checkinPage.wantsCall')}` : ''}${c.needs_help ? ` · ${t('coordinator.checkinPage.askedForHelp')}` : ''}</dd></div>`}
        <div class="summary-row"><dt>${t('coordinator.checkinPage.buddyReply')}</dt><dd>${c.replied_at ? timeAndDate(c.replied_at) : t('coordinator.checkinPage.notYet')}</dd></div>
      </dl>`}
      ${items.data && mine.length === 0 && html`<p>${t('coordinator.checkinPage.nothing')}</p>`}
      <ul class="attention-list">
        ${mine.map((item) => isTextReply(item)
          ? html`<${TextReplyItem} key=${item.id} base=${base} item=${item} onDone=${() => items.reload()} />`
          : html`<${AttentionItem} key=${item.id} base=${base} item=${item} linkToCheckin=${false}
          onDone=${(resolved) => { setDone(resolved); items.reload(); }} />`)}
      </ul>
    </${Page}>
  `;
}

