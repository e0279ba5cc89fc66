// Supervision and asks to talk (issue 13), for coordinators: the attention list's items about a buddy
// (an ask to talk, taken up from there; overdue supervision, cleared by recording a session) and the
// Supervision section of a buddy's page (last and next due, sessions with their private notes, the
// form to record one).
import { useEffect, useState } from 'preact/hooks';
import { post } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { ErrorSummary, Radios, TextArea, TextInput, useForm } from '../../ui/forms.js';
import { Button, formatDate, Loading, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { firstName } from '../../text.js';
import { CallLink } from '../shared/phone-parts.js';
import { ago, timeAndDate } from './logic.js';
import { buddyItemWords, dueSoon, dueWords, isoToday, sessionKinds, sessionKindWords, URGENCY_WORDS, validateSession } from './supervision-logic.js';

function TakeUp({ base, item, onDone }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const take = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await post(`${base}/debriefs/${item.id}/take-up`, {});
      onDone(item);
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  };
  return html`
    <${Problem} error=${error} />
    <${Button} type="button" busy=${busy} onClick=${take}>${t('coordinator.supervision.takeUp')}<span class="visually-hidden"> (${item.buddy_name})</span></${Button}>
  `;
}

/** An ask to talk on the attention list: how soon, their words, "I'll take this up". */
export function DebriefItem({ base, item, onDone }) {
  const name = firstName(item.buddy_name);
  return html`
    <li class="card attention-item">
      <h3 class="heading-s">${buddyItemWords(item)}</h3>
      <p><span class=${item.urgency === 'today' ? 'tag tag-urgent' : 'tag'}>${URGENCY_WORDS[item.urgency] || URGENCY_WORDS.whenever}</span></p>
      ${item.note ? html`<div class="inset"><p class="pre-line">${item.note}</p></div>` : html`<p class="hint">${t('coordinator.supervision.noNote', { name })}</p>`}
      <p class="list-meta">${t('coordinator.supervision.asked', { ago: ago(item.at), when: timeAndDate(item.at) })}</p>
      <${CallLink} name=${item.buddy_name} phone=${item.buddy_phone} block=${true} />
      <p class="hint">${t('coordinator.supervision.willBeTold', { name })}</p>
      <${TakeUp} base=${base} item=${item} onDone=${onDone} />
      <p><a href=${`/buddies/${item.buddy_membership_id}/checks#supervision`}>${t('coordinator.supervision.namesSupervision', { name })}</a></p>
    </li>
  `;
}

/** Overdue supervision on the attention list: it leaves when a session is recorded. */
export function OverdueItem({ item }) {
  const name = firstName(item.buddy_name);
  return html`
    <li class="card attention-item">
      <h3 class="heading-s">${buddyItemWords(item)}</h3>
      <p><span class="tag tag-overdue">${dueWords(item.supervision_due_on)}</span></p>
      <p class="list-meta">${item.last_supervised_on ? t('coordinator.buddies.lastSupervision', { date: formatDate(item.last_supervised_on) }) : t('coordinator.supervision.noneSinceApproval')} · ${t('coordinator.buddies.wasDue', { date: formatDate(item.supervision_due_on) })}</p>
      <p><a href=${`/buddies/${item.buddy_membership_id}/checks#supervision`}>${t('coordinator.supervision.recordWith', { name })}</a></p>
    </li>
  `;
}

function SessionForm({ base, membershipId, name, onSaved }) {
  const form = useForm({ kind: '', held_on: isoToday(), duration_minutes: '', notes: '' });
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => validateSession(v),
      action: async (v) =>
        onSaved(
          await post(`${base}/buddies/${membershipId}/supervision`, {
            kind: v.kind,
            held_on: v.held_on,
            duration_minutes: Number(v.duration_minutes.trim()),
            notes: v.notes.trim(),
          }),
        ),
    });
  return html`
    <form onSubmit=${onSubmit} novalidate aria-labelledby="session-form-title">
      <h3 class="heading-s" id="session-form-title">${t('coordinator.supervision.recordSession')}</h3>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <${Radios} id="kind" legend=${t('coordinator.supervision.kindLegend')} value=${form.values.kind} onChange=${form.set('kind')} error=${form.errors.kind}
        options=${sessionKinds().map(([value, label, hint]) => ({ value, label, hint }))} />
      <${TextInput} id="held_on" label=${t('coordinator.supervision.dateLabel')} type="date" value=${form.values.held_on}
        onInput=${form.set('held_on')} error=${form.errors.held_on} />
      <${TextInput} id="duration_minutes" label=${t('coordinator.supervision.durationLabel')} inputmode="numeric" width="5"
        value=${form.values.duration_minutes} onInput=${form.set('duration_minutes')} error=${form.errors.duration_minutes} />
      <${TextArea} id="notes" label=${t('coordinator.supervision.notes')} optional rows="5"
        hint=${t('coordinator.supervision.notesHint', { name })}
        value=${form.values.notes} onInput=${form.set('notes')} error=${form.errors.notes} />
      <${Button} busy=${form.busy}>${t('coordinator.supervision.recordTheSession')}</${Button}>
    </form>
  `;
}

function Sessions({ sessions }) {
  if (sessions.length === 0) return html`<p>${t('coordinator.supervision.noSessions')}</p>`;
  return html`
    <ul class="list">
      ${sessions.map(
        (s) => html`<li class="list-item" key=${s.id}>
          <span class="list-title">${t('coordinator.attentionPage.step', { step: sessionKindWords(s.kind), when: formatDate(s.held_on) })}</span>
          <span class="list-meta">${t('coordinator.supervision.minutes', { count: s.duration_minutes })}${s.recorded_by_name ? ` · ${t('coordinator.supervision.recordedBy', { name: s.recorded_by_name })}` : ''}</span>
          ${s.notes && html`<details><summary>${t('coordinator.supervision.notes')}<span class="visually-hidden"> (${t('coordinator.attentionPage.step', { step: sessionKindWords(s.kind), when: formatDate(s.held_on) })})</span></summary><p class="pre-line">${s.notes}</p></details>`}
        </li>`,
      )}
    </ul>
  `;
}

/** The Supervision section of a buddy's page (coordinators; reading it is audited). */
export function SupervisionSection({ base, membershipId }) {
  const found = useResource(`${base}/buddies/${membershipId}/supervision`);
  const [saved, setSaved] = useState(false);
  const s = found.data;
  // Opened from the attention list (#supervision): bring the section into view once it has loaded.
  useEffect(() => {
    if (s && globalThis.location?.hash === '#supervision') {
      const heading = document.getElementById('supervision');
      heading?.scrollIntoView({ block: 'start' });
      heading?.focus({ preventScroll: true });
    }
  }, [Boolean(s)]);
  const onSaved = (next) => {
    found.set(next);
    setSaved(true);
  };
  return html`
    <section aria-labelledby="supervision">
      <h2 class="heading-m" id="supervision" tabindex="-1">${t('coordinator.supervision.title')}</h2>
      <${Problem} error=${found.error} />
      ${found.loading && html`<${Loading} />`}
      ${s && html`
        ${saved && html`<${Panel} title=${t('coordinator.supervision.sessionRecorded')} />`}
        <dl class="supervision-dates">
          <div class="summary-row"><dt>${t('coordinator.supervision.last')}</dt><dd>${s.last_supervised_on ? formatDate(s.last_supervised_on) : t('coordinator.supervision.noneYet')}</dd></div>
          <div class="summary-row"><dt>${t('coordinator.supervision.nextDue')}</dt><dd>${s.supervision_due_on
            ? html`${formatDate(s.supervision_due_on)} <span class=${s.supervision_overdue ? 'tag tag-overdue' : dueSoon(s.supervision_due_on) ? 'tag tag-due-soon' : 'tag'}>${dueWords(s.supervision_due_on)}</span>`
            : t('coordinator.supervision.onceApproved')}</dd></div>
          <div class="summary-row"><dt>${t('coordinator.supervision.howOften')}</dt><dd>${t('coordinator.supervision.every', { count: s.every_weeks })}</dd></div>
        </dl>
        ${s.open_debriefs.length > 0 && html`
          <div class="inset">
            <p><strong>${t('coordinator.supervision.askedToTalk', { name: firstName(s.display_name) })}</strong> (${s.open_debriefs.map((d) => t('coordinator.attentionPage.step', { step: URGENCY_WORDS[d.urgency].toLowerCase(), when: timeAndDate(d.asked_at) })).join('; ')}).
              ${t('coordinator.supervision.recordingTakesUp', { count: s.open_debriefs.length, name: firstName(s.display_name) })}</p>
          </div>`}
        <h3 class="heading-s">${t('coordinator.supervision.sessions')}</h3>
        <${Sessions} sessions=${s.sessions} />
        <${SessionForm} base=${base} membershipId=${membershipId} name=${firstName(s.display_name)} onSaved=${onSaved}
          key=${s.sessions.length} />
      `}
    </section>
  `;
}
