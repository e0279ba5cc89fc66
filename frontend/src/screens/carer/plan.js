// When a pair checks in: the rhythm they agreed (weekly or fortnightly, which days, what time in the
// carer's time zone, written "7pm, UK time") and the next dates. The carer, the buddy and coordinators may change it; the
// server re-plans future check-ins only.
import { put } from '../../api.js';
import { html } from '../../html.js';
import { formatList, t } from '../../i18n.js';
import { useSession } from '../../session.js';
import { Checkbox, CheckboxGroup, ErrorSummary, Radios, TextInput, useForm } from '../../ui/forms.js';
import { Button, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { whenInWords } from './checkin-logic.js';
import { firstName } from '../../text.js';
import { clockForBox, dayWords, parseClock, planInWords, timeHint, validatePlan } from './plan-logic.js';
import { useOrganisation } from '../shared/parts.js';

function PlanForm({ url, plan, onSaved, hint }) {
  const form = useForm({
    frequency: plan?.frequency || '',
    weekdays: plan?.weekdays || [],
    local_time: clockForBox(plan?.local_time),
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
      <${Radios} id="frequency" legend=${t('carer.plan.howOften')} value=${values.frequency} onChange=${set('frequency')}
        error=${errors.frequency}
        options=${[
          { value: 'weekly', label: t('carer.plan.weekly') },
          { value: 'fortnightly', label: t('carer.plan.fortnightly') },
        ]} />
      <${CheckboxGroup} id="weekdays" legend=${t('carer.plan.whichDays')} words=${dayWords()} error=${errors.weekdays}
        values=${values.weekdays.map(String)}
        onChange=${(days) => setValues((old) => ({ ...old, weekdays: days.map(Number).sort() }))} />
      <${TextInput} id="local_time" label=${t('carer.plan.whatTime')} width="time" autocomplete="off" hint=${hint}
        value=${values.local_time} onInput=${set('local_time')} error=${errors.local_time} />
      <${Checkbox} id="paused" label=${t('carer.plan.pause')} checked=${values.paused} onChange=${set('paused')}
        hint=${t('carer.plan.pauseHint')} />
      <${Button} busy=${form.busy}>${t('carer.plan.save')}</${Button}>
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
    ? formatList([firstName(match.data.carer.display_name), firstName(match.data.buddy.display_name)])
    : null;
  const saved = view.data && view.data.saved;
  const hint = timeHint({
    viewerIsCarer: match.data?.carer.user_id === me.id,
    carerName: match.data && firstName(match.data.carer.display_name),
    timeZone: view.data?.plan?.time_zone || me.time_zone,
  });
  return html`
    <${Page} title=${t('carer.plan.title')} caption=${other ? t('carer.plan.with', { name: other }) : undefined}
      back=${{ href: '/', label: t('carer.home.back') }}>
      <${Problem} error=${view.error || match.error} />
      ${view.loading && html`<${Loading} />`}
      ${saved && html`<${Panel} title=${t('carer.plan.saved')}>${t('carer.plan.savedText')}</${Panel}>`}
      ${view.data &&
      html`
        <p>${view.data.plan ? planInWords(view.data.plan) : both ? t('carer.plan.notAgreed', { names: both }) : t('carer.plan.notAgreedPair')}</p>
        ${view.data.plan?.paused && html`<p>${t('carer.plan.paused')}</p>`}
        ${view.data.upcoming.length > 0 &&
        html`<h2 class="heading-m">${t('carer.plan.next')}</h2>
          <ul class="list">
            ${view.data.upcoming.slice(0, 4).map(
              (next) => html`<li class="list-item" key=${next.id}>${whenInWords(next.due_at)}</li>`,
            )}
          </ul>`}
        <h2 class="heading-m">${view.data.plan ? t('carer.plan.change') : t('carer.plan.agree')}</h2>
        <${PlanForm} key=${view.data.plan?.version || 0} url=${url} plan=${view.data.plan} hint=${hint}
          onSaved=${(answer) => view.set({ ...answer, saved: true })} />
      `}
    </${Page}>
  `;
}
