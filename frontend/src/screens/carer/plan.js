// When a pair checks in: the rhythm they agreed (weekly or fortnightly, which days, what time in the
// carer's time zone, written "7pm, UK time") and the next dates. The carer, the buddy and coordinators may change it; the
// server re-plans future check-ins only.
import { put } from '../../api.js';
import { html } from '../../html.js';
import { useSession } from '../../session.js';
import { Checkbox, CheckboxGroup, ErrorSummary, Radios, TextInput, useForm } from '../../ui/forms.js';
import { Button, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { whenInWords } from './checkin-logic.js';
import { firstName } from '../../text.js';
import { clockInWords, DAY_WORDS, parseClock, planInWords, timeHint, validatePlan } from './plan-logic.js';
import { useOrganisation } from '../shared/parts.js';

function PlanForm({ url, plan, onSaved, hint }) {
  const form = useForm({
    frequency: plan?.frequency || '',
    weekdays: plan?.weekdays || [],
    local_time: clockInWords(plan?.local_time),
    paused: plan?.paused || false,
  });
  const { values, errors, set, setValues } = form;
  const onSubmit = (event) =>
    form.submit(event, {
      validate: validatePlan,
      fields: ['frequency', 'weekdays', 'local_time', 'paused'],
      action: async (v) => {
        const saved = await put(url, {
          frequency: v.frequency,
          weekdays: v.weekdays,
          local_time: parseClock(v.local_time),
          paused: Boolean(v.paused),
        });
        onSaved(saved);
      },
    });
  return html`
    <form onSubmit=${onSubmit} novalidate>
      <${ErrorSummary} errors=${errors} general=${form.general} />
      <${Radios} id="frequency" legend="How often?" value=${values.frequency} onChange=${set('frequency')}
        error=${errors.frequency}
        options=${[
          { value: 'weekly', label: 'Every week' },
          { value: 'fortnightly', label: 'Every other week' },
        ]} />
      <${CheckboxGroup} id="weekdays" legend="Which days?" words=${DAY_WORDS} error=${errors.weekdays}
        values=${values.weekdays.map(String)}
        onChange=${(days) => setValues((old) => ({ ...old, weekdays: days.map(Number).sort() }))} />
      <${TextInput} id="local_time" label="What time?" width="time" autocomplete="off" hint=${hint}
        value=${values.local_time} onInput=${set('local_time')} error=${errors.local_time} />
      <${Checkbox} id="paused" label="Pause check-ins for now" checked=${values.paused} onChange=${set('paused')}
        hint="No reminders until you turn them back on." />
      <${Button} busy=${form.busy}>Save when you check in</${Button}>
    </form>
  `;
}

export function CheckinPlan({ params }) {
  const { me } = useSession();
  const { base } = useOrganisation();
  const url = `${base}/matches/${params.id}/checkin-plan`;
  const view = useResource(url);
  const match = useResource(`${base}/matches/${params.id}`);
  const other =
    match.data && (match.data.carer.user_id === me.id ? match.data.buddy : match.data.carer)?.display_name;
  const both = match.data
    ? `${firstName(match.data.carer.display_name)} and ${firstName(match.data.buddy.display_name)}`
    : 'this pair';
  const saved = view.data && view.data.saved;
  const hint = timeHint({
    viewerIsCarer: match.data?.carer.user_id === me.id,
    carerName: match.data && firstName(match.data.carer.display_name),
    timeZone: view.data?.plan?.time_zone || me.time_zone,
  });
  return html`
    <${Page} title="When you check in" caption=${other ? `With ${other}` : undefined}
      back=${{ href: '/', label: 'Home' }}>
      <${Problem} error=${view.error || match.error} />
      ${view.loading && html`<${Loading} />`}
      ${saved && html`<${Panel} title="Saved">Future check-ins now follow the new rhythm.</${Panel}>`}
      ${view.data &&
      html`
        <p>${view.data.plan ? planInWords(view.data.plan) : `${both} haven't agreed when to check in yet.`}</p>
        ${view.data.plan?.paused && html`<p>Check-ins are paused.</p>`}
        ${view.data.upcoming.length > 0 &&
        html`<h2 class="heading-m">Next check-ins</h2>
          <ul class="list">
            ${view.data.upcoming.slice(0, 4).map(
              (next) => html`<li class="list-item" key=${next.id}>${whenInWords(next.due_at)}</li>`,
            )}
          </ul>`}
        <h2 class="heading-m">${view.data.plan ? 'Change when you check in' : 'Agree when to check in'}</h2>
        <${PlanForm} key=${view.data.plan?.version || 0} url=${url} plan=${view.data.plan} hint=${hint}
          onSaved=${(answer) => view.set({ ...answer, saved: true })} />
      `}
    </${Page}>
  `;
}
